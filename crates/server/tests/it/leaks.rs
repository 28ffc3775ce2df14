//! Her leak log over HTTP: "I leaked" in one tap from Today (counted once per form id), the
//! optional details completing the same leak, a detail not offered refused with nothing changed,
//! the week's count on her progress and on her linked physiotherapist's page of her, and nobody
//! else reaching her leaks.

use crate::care::profile_of;
use crate::harness::{TestApp, app};
use crate::portal_care::{link, signed_in_staff};
use axum::http::StatusCode;
use hangmat_core::diary::{LeakActivity, LeakAmount};
use hangmat_core::policy::StaffRole;
use hangmat_store::ProfileId;

const LEAK: &str = "0193b7a0-0000-7000-8000-00000000e001";

/// Her leaks as stored: (amount, activity) each, oldest first.
async fn stored(
    app: &TestApp,
    profile: ProfileId,
) -> Vec<(Option<LeakAmount>, Option<LeakActivity>)> {
    stored_at(app, profile)
        .await
        .into_iter()
        .map(|(_, amount, activity)| (amount, activity))
        .collect()
}

/// The leaks-per-week card of a page: its rows' counts, newest week first.
fn week_counts(body: &str) -> Vec<u32> {
    let start = body
        .find("id=\"leaks\"")
        .unwrap_or_else(|| panic!("no leaks card"));
    let card = &body[start..];
    let card = &card[..card.find("</section>").unwrap_or(card.len())];
    regex::Regex::new(r#"<tr><th scope="row">[^<]+</th><td>(\d+)</td></tr>"#)
        .unwrap_or_else(|e| panic!("{e}"))
        .captures_iter(card)
        .filter_map(|c| c[1].parse().ok())
        .collect()
}

#[tokio::test]
async fn a_leak_is_noted_in_one_tap_and_her_details_complete_it() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let profile = profile_of(app.store.as_ref(), &cookie).await;
    let today = app.get("/today", Some(&cookie)).await;
    assert!(today.contains("action=\"/leaks\""), "{}", today.body);
    assert!(today.shows("Ik verloor wat urine"));
    for _ in 0..2 {
        let reply = app
            .post_form("/leaks", Some(&cookie), &format!("id={LEAK}"))
            .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
        assert_eq!(reply.header("location"), format!("/today?leak={LEAK}#leak"));
    }
    assert_eq!(stored(&app, profile).await, [(None, None)], "counted once");
    let noted = app.get(&format!("/today?leak={LEAK}"), Some(&cookie)).await;
    assert_eq!(noted.status, StatusCode::OK);
    assert!(noted.shows("Genoteerd. Fijn dat je het bijhoudt."));
    assert!(noted.contains(&format!("name=\"id\" value=\"{LEAK}\"")));
    assert!(noted.contains("value=\"on-the-way\""));
    let reply = app
        .post_form(
            "/leaks/details",
            Some(&cookie),
            &format!("id={LEAK}&activity=sneeze&amount=drops"),
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        stored(&app, profile).await,
        [(Some(LeakAmount::Drops), Some(LeakActivity::Sneeze))],
        "the same leak, completed"
    );
    let saved = app.get(reply.header("location"), Some(&cookie)).await;
    assert!(saved.shows("Bewaard. Dank je."));
}

#[tokio::test]
async fn a_detail_not_offered_is_refused_in_her_language_and_changes_nothing() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let profile = profile_of(app.store.as_ref(), &cookie).await;
    app.post_form("/leaks", Some(&cookie), &format!("id={LEAK}"))
        .await;
    for form in [
        format!("id={LEAK}&activity=sneeze&amount=bucket"),
        format!("id={LEAK}&activity=juggling"),
    ] {
        let refused = app.post_form("/leaks/details", Some(&cookie), &form).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(refused.shows("Kies uit de mogelijkheden hieronder. Er is niets veranderd."));
        assert!(refused.contains(&format!("name=\"id\" value=\"{LEAK}\"")));
    }
    // What she chose that was on offer stays chosen.
    let refused = app
        .post_form(
            "/leaks/details",
            Some(&cookie),
            &format!("id={LEAK}&activity=laugh&amount=bucket"),
        )
        .await;
    assert!(
        refused.contains("value=\"laugh\" checked"),
        "{}",
        refused.body
    );
    assert_eq!(stored(&app, profile).await, [(None, None)]);
}

#[tokio::test]
async fn her_progress_and_her_physiotherapist_show_the_weeks_leaks_and_nobody_else() {
    let app = app().await;
    let store = app.store.as_ref();
    let (her, _) = app.onboard("2026-11-10").await;
    let (other, _) = app.onboard("2026-11-12").await;
    let profile = profile_of(store, &her).await;
    for n in 1..=2 {
        let id = format!("id=0193b7a0-0000-7000-8000-00000000e10{n}");
        app.post_form("/leaks", Some(&her), &id).await;
    }
    let progress = app.get("/progress", Some(&her)).await;
    assert_eq!(progress.status, StatusCode::OK);
    assert!(progress.shows("Urineverlies per week"));
    assert_eq!(
        week_counts(&progress.body),
        [2],
        "this week, since she started"
    );
    let theirs = app.get("/progress", Some(&other)).await;
    assert_eq!(
        week_counts(&theirs.body),
        [0],
        "another mother sees none of hers"
    );

    // Her leak's id is hers: another mother cannot complete or take it.
    let taken = app
        .post_form(
            "/leaks/details",
            Some(&other),
            "id=0193b7a0-0000-7000-8000-00000000e101&amount=lot",
        )
        .await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    assert_eq!(stored(&app, profile).await, [(None, None), (None, None)]);

    let (physio, staff) = signed_in_staff(store, 1, "An", StaffRole::Physiotherapist).await;
    let linked = link(store, profile, physio, "Dossier 17").await;
    let page = format!("/portal/mothers/{}", linked.0);
    let portal = app.get(&page, Some(&staff)).await;
    assert_eq!(portal.status, StatusCode::OK);
    assert!(portal.shows("Urineverlies per week"));
    assert_eq!(week_counts(&portal.body), [2]);
    let (_, stranger) = signed_in_staff(store, 2, "Bo", StaffRole::Physiotherapist).await;
    let refused = app.get(&page, Some(&stranger)).await;
    assert!(!refused.contains("id=\"leaks\""), "{}", refused.status);
    assert!(refused.status.is_client_error(), "{}", refused.status);
}

/// Her leaks as stored with their times: (at, amount, activity) each, oldest first.
async fn stored_at(
    app: &TestApp,
    profile: ProfileId,
) -> Vec<(String, Option<LeakAmount>, Option<LeakActivity>)> {
    let dump = app
        .store
        .export_profile(profile)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no profile"));
    dump.leaks
        .iter()
        .map(|(_, leak, _)| (leak.at.to_string(), leak.amount, leak.activity))
        .collect()
}

#[tokio::test]
async fn her_phone_sends_a_leak_later_with_the_time_she_tapped_and_its_details_once() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let (other, _) = app.onboard("2026-11-12").await;
    let profile = profile_of(app.store.as_ref(), &cookie).await;
    let path = format!("/api/leaks/{LEAK}");
    // Tapped offline in the evening, sent the next morning.
    app.clock.set(
        "2026-11-26T08:00:00Z"
            .parse()
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let tapped = r#"{"at":"2026-11-25T21:40:00Z"}"#;
    let first = app.put_json(&path, Some(&cookie), tapped).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    assert!(first.contains("\"created\":true"), "{}", first.body);
    let retry = app.put_json(&path, Some(&cookie), tapped).await;
    assert_eq!(retry.status, StatusCode::OK);
    let details = r#"{"at":"2026-11-26T07:59:00Z","amount":"little","activity":"laugh"}"#;
    let completed = app.put_json(&path, Some(&cookie), details).await;
    assert_eq!(completed.status, StatusCode::OK, "{}", completed.body);
    let kept = vec![(
        "2026-11-25T21:40:00Z".to_owned(),
        Some(LeakAmount::Little),
        Some(LeakActivity::Laugh),
    )];
    assert_eq!(stored_at(&app, profile).await, kept, "one leak, her time");

    // Refused in her language, nothing changed: a time ahead of the clock, a detail not offered,
    // another mother's leak, no one signed in.
    let new = "/api/leaks/0193b7a0-0000-7000-8000-00000000e0ff";
    for (body, status) in [
        (r#"{"at":"2026-11-26T10:00:00Z"}"#, 422),
        (r#"{"at":"2026-11-26T07:00:00Z","amount":"bucket"}"#, 422),
        (r#"{"at":"2026-11-26T07:00:00Z","colour":"red"}"#, 400),
    ] {
        let refused = app.put_json(new, Some(&cookie), body).await;
        assert_eq!(refused.status.as_u16(), status, "{body}: {}", refused.body);
        assert_eq!(refused.header("content-type"), "application/problem+json");
    }
    let taken = app.put_json(&path, Some(&other), tapped).await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    let anonymous = app.put_json(&path, None, tapped).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(stored_at(&app, profile).await, kept);
    let progress = app.get("/progress", Some(&cookie)).await;
    assert_eq!(week_counts(&progress.body), [1]);
}
