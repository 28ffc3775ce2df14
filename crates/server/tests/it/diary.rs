//! Her bladder diary over HTTP: started once, a void in three steps (a choice, a choice, the
//! button that saves), a form sent twice counted once, a leak of the diary kept in her leak log,
//! bad entries refused in her language with what she typed kept and nothing stored, the night
//! prompt after waking, her figures and printout, Today's card, her physiotherapist's request and
//! page of her, and nobody else reaching any of it.

use crate::care::profile_of;
use crate::harness::{TestApp, at};
use crate::portal_care::{link, signed_in_staff};
use crate::postgres::fresh_pg_app;
use axum::http::StatusCode;
use hangmat_core::policy::StaffRole;
use hangmat_store::ProfileId;

const ENTRY: &str = "0193b7a0-0000-7000-8000-00000000f001";

/// Her diaries' lines as stored: (diary count, lines of the first).
async fn stored(app: &TestApp, profile: ProfileId) -> (usize, usize) {
    let diaries = app
        .store
        .diaries(profile)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let lines = match diaries.first() {
        Some(diary) => app
            .store
            .diary_lines(profile, diary.id)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .len(),
        None => 0,
    };
    (diaries.len(), lines)
}

/// A mother with a diary started at the harness's now (10:00 UTC, 11:00 in Brussels), two hours
/// later (13:00 in Brussels).
async fn started(app: &TestApp) -> (String, ProfileId) {
    let (cookie, _) = app.onboard("2026-11-10").await;
    let profile = profile_of(app.store.as_ref(), &cookie).await;
    let reply = app
        .post_form(
            "/diary/start",
            Some(&cookie),
            "id=0193b7a0-0000-7000-8000-00000000d100",
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    app.clock.set(at("2026-11-25T12:00:00Z"));
    (cookie, profile)
}

/// The href of the first link on a page whose text is `label`.
fn href_of(body: &str, label: &str) -> String {
    let pattern = format!(
        r#"<a class="button" href="([^"]+)">{}</a>"#,
        regex::escape(label)
    );
    regex::Regex::new(&pattern)
        .unwrap_or_else(|e| panic!("{e}"))
        .captures(body)
        .map(|c| c[1].replace("&amp;", "&").replace("&#38;", "&"))
        .unwrap_or_else(|| panic!("no link {label}"))
}

/// The hidden fields and the `at` a finish form carries, as a form body.
fn finish_fields(body: &str) -> String {
    let value = |name: &str| {
        let pattern = format!(r#"name="{name}"[^>]* value="([^"]*)""#);
        regex::Regex::new(&pattern)
            .unwrap_or_else(|e| panic!("{e}"))
            .captures(body)
            .map(|c| c[1].to_owned())
            .unwrap_or_default()
    };
    format!(
        "id={}&kind={}&day={}&time={}&volume={}",
        value("id"),
        value("kind"),
        regex::Regex::new(r#"<option value="([^"]+)" selected>"#)
            .unwrap_or_else(|e| panic!("{e}"))
            .captures(body)
            .map(|c| c[1].to_owned())
            .unwrap_or_default(),
        value("time"),
        value("volume")
    )
}

async fn a_void_logs_in_three_steps_and_a_retry_counts_once(app: TestApp) {
    let (cookie, profile) = started(&app).await;
    let home = app.get("/diary", Some(&cookie)).await;
    assert!(home.shows("Blaasdagboek: dag 1 van 3"), "{}", home.body);
    // One: "Plassen".
    let choose = app
        .get(&href_of(&home.body, "Plassen"), Some(&cookie))
        .await;
    assert!(choose.shows("Hoeveel plaste je?"));
    assert!(choose.shows("Niet gemeten"));
    // Two: 300 mL.
    let finish = app
        .get(&href_of(&choose.body, "300 mL"), Some(&cookie))
        .await;
    assert!(
        finish.contains("value=\"13:00\"")
            && finish.contains("<option value=\"2026-11-25\" selected>"),
        "now, in her zone: {}",
        finish.body
    );
    assert!(finish.contains("name=\"urgency\" value=\"4\""));
    // Three: how strong the urge was, which saves.
    let form = format!("{}&urgency=2", finish_fields(&finish.body));
    for _ in 0..2 {
        let saved = app.post_form("/diary/entries", Some(&cookie), &form).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    }
    assert_eq!(stored(&app, profile).await, (1, 1), "counted once");
    let home = app.get("/diary?saved=1", Some(&cookie)).await;
    assert!(home.shows("Genoteerd."));
    assert!(home.shows("300 mL · aandrang 2"), "{}", home.body);
    // Her last volume is offered again.
    let again = app.get("/diary?add=void", Some(&cookie)).await;
    assert!(again.shows("Zoals de vorige keren:"));
}

async fn bad_entries_are_refused_in_her_language_keep_what_she_typed_and_store_nothing(
    app: TestApp,
) {
    let (cookie, profile) = started(&app).await;
    let cases = [
        (
            "volume=-5&day=2026-11-25&time=11:30",
            "Vul een hoeveelheid in tussen 1 en 2000 mL",
            "value=\"-5\"",
        ),
        (
            "volume=5000&day=2026-11-25&time=11:30",
            "Vul een hoeveelheid in tussen 1 en 2000 mL",
            "value=\"5000\"",
        ),
        (
            "volume=200&day=2026-11-25&time=13:30",
            "Dat uur moet nog komen.",
            "value=\"13:30\"",
        ),
        (
            "volume=200&day=2026-11-25&time=10:30",
            "Dat uur valt voor de start",
            "value=\"10:30\"",
        ),
        (
            "volume=200&day=gisteren&time=11:30",
            "Vul een datum en een uur in.",
            "value=\"gisteren\"",
        ),
    ];
    for (fields, message, kept) in cases {
        let form = format!("id={ENTRY}&kind=void&{fields}&urgency=1");
        let refused = app.post_form("/diary/entries", Some(&cookie), &form).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{fields}");
        assert!(refused.shows(message), "{fields}: {}", refused.body);
        assert!(refused.contains(kept), "{fields} kept");
        assert!(refused.contains(&format!("value=\"{ENTRY}\"")));
    }
    let drink =
        format!("id={ENTRY}&kind=drink&volume=250&day=2026-11-25&time=11:30&drink=whisky-sour");
    let refused = app.post_form("/diary/entries", Some(&cookie), &drink).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.shows("Kies uit de mogelijkheden hieronder."));
    assert_eq!(stored(&app, profile).await, (1, 0), "nothing stored");
}

async fn a_diary_leak_is_a_leak_of_her_log_and_waking_asks_about_the_night(app: TestApp) {
    let (cookie, profile) = started(&app).await;
    let leak =
        format!("id={ENTRY}&kind=leak&amount=little&activity=sneeze&day=2026-11-25&time=11:45");
    let saved = app.post_form("/diary/entries", Some(&cookie), &leak).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let dump = app
        .store
        .export_profile(profile)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no profile"));
    assert_eq!(dump.leaks.len(), 1, "in her leak log");
    assert!(dump.diary.entries.is_empty(), "not a second copy");
    // A leak tapped on Today counts in the diary too.
    app.post_form(
        "/leaks",
        Some(&cookie),
        "id=0193b7a0-0000-7000-8000-00000000f0aa",
    )
    .await;
    assert_eq!(stored(&app, profile).await, (1, 2));

    app.clock.set(at("2026-11-26T06:00:00Z"));
    let sleep =
        "id=0193b7a0-0000-7000-8000-00000000f002&kind=sleep&day=2026-11-25&time=22:30&save=1";
    app.post_form("/diary/entries", Some(&cookie), sleep).await;
    let wake = "id=0193b7a0-0000-7000-8000-00000000f003&kind=wake&day=2026-11-26&time=06:45&save=1";
    let woke = app.post_form("/diary/entries", Some(&cookie), wake).await;
    assert_eq!(woke.header("location"), "/diary?woke=1#night");
    let asked = app.get("/diary?woke=1", Some(&cookie)).await;
    assert!(asked.shows("Ben je vannacht opgestaan om te plassen zonder het te noteren?"));
    assert!(asked.contains("href=\"/diary?add=void#step\""));

    // She removes a wrong line.
    let removed = app
        .post_form(
            "/diary/entries/remove",
            Some(&cookie),
            &format!("id={ENTRY}"),
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(stored(&app, profile).await, (1, 3));
}

async fn her_figures_and_printout_say_what_each_volume_rests_on(app: TestApp) {
    let (cookie, profile) = started(&app).await;
    for (n, fields) in [
        (
            1,
            "kind=void&volume=300&day=2026-11-25&time=11:10&urgency=1",
        ),
        (2, "kind=void&volume=&day=2026-11-25&time=11:40&urgency=3"),
        (
            3,
            "kind=drink&volume=250&day=2026-11-25&time=11:50&drink=water",
        ),
    ] {
        let form = format!("id=0193b7a0-0000-7000-8000-00000000f10{n}&{fields}");
        let saved = app.post_form("/diary/entries", Some(&cookie), &form).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{fields}");
    }
    let diary = app
        .store
        .diaries(profile)
        .await
        .unwrap_or_else(|e| panic!("{e}"))[0]
        .id;
    app.clock.set(at("2026-11-28T12:00:00Z"));
    let figures = app.get(&format!("/diary/{diary}"), Some(&cookie)).await;
    assert_eq!(figures.status, StatusCode::OK);
    assert!(figures.shows("Cijfers van mijn blaasdagboek"));
    assert!(
        figures.shows("1 van de 2 plasbeurten gemeten"),
        "{}",
        figures.body
    );
    assert!(figures.shows("Grootste plasbeurt"));
    assert!(
        !figures.shows("Je blaasdagboek loopt nog"),
        "three days have passed"
    );
    let print = app
        .get(&format!("/diary/{diary}/print"), Some(&cookie))
        .await;
    assert_eq!(print.status, StatusCode::OK);
    assert!(print.shows("25 november 2026"), "dates with their year");
    assert!(print.shows("300 mL · aandrang 1"));
    assert!(print.shows("250 mL · Water"));
    assert!(
        !print.contains("class=\"tabbar\""),
        "no navigation on paper"
    );
    // Another mother's device: nothing of hers.
    let (other, _) = app.onboard("2026-11-12").await;
    for path in [format!("/diary/{diary}"), format!("/diary/{diary}/print")] {
        let refused = app.get(&path, Some(&other)).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{path}");
    }
    let taken = app
        .post_form(
            "/diary/entries/remove",
            Some(&other),
            "id=0193b7a0-0000-7000-8000-00000000f101",
        )
        .await;
    assert_eq!(taken.status, StatusCode::SEE_OTHER);
    assert_eq!(stored(&app, profile).await, (1, 3), "hers unchanged");
}

async fn her_physiotherapist_asks_for_a_diary_and_reads_it_and_nobody_else_does(app: TestApp) {
    let store = app.store.as_ref();
    let (cookie, _) = app.onboard("2026-11-10").await;
    let profile = profile_of(store, &cookie).await;
    let today = app.get("/today", Some(&cookie)).await;
    assert!(
        !today.contains("id=\"diary-card\""),
        "Today offers no diary unasked"
    );
    let (physio, staff) = signed_in_staff(store, 1, "An", StaffRole::Physiotherapist).await;
    let linked = link(store, profile, physio, "Dossier 17").await;
    let page = format!("/portal/mothers/{}", linked.0);
    let sessions = app.get(&format!("{page}/sessions"), Some(&staff)).await;
    assert!(sessions.contains(&format!("action=\"{page}/sessions/diary\"")));
    let asked = app
        .post_form(&format!("{page}/sessions/diary"), Some(&staff), "")
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let today = app.get("/today", Some(&cookie)).await;
    assert!(today.shows("Je kinesitherapeut vraagt een blaasdagboek"));
    app.post_form("/diary/start", Some(&cookie), "").await;
    app.clock.set(at("2026-11-25T12:00:00Z"));
    let today = app.get("/today", Some(&cookie)).await;
    assert!(today.shows("Blaasdagboek: dag 1 van 3"));
    let form = "id=0193b7a0-0000-7000-8000-00000000f201&kind=void&volume=280&day=2026-11-25&time=12:30&urgency=0";
    app.post_form("/diary/entries", Some(&cookie), form).await;
    let diaries = store
        .diaries(profile)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(diaries.len(), 1, "her start took the request");

    let portal = app.get(&page, Some(&staff)).await;
    assert!(portal.shows("Blaasdagboeken"));
    assert!(
        portal.shows("1 van de 1 plasbeurten gemeten"),
        "{}",
        portal.body
    );
    let print = format!("{page}/diaries/{}", diaries[0].id);
    assert!(portal.contains(&format!("href=\"{print}\"")));
    let printed = app.get(&print, Some(&staff)).await;
    assert_eq!(printed.status, StatusCode::OK);
    assert!(printed.shows("Dossier 17"));
    assert!(printed.shows("280 mL · aandrang 0"));

    let (_, stranger) = signed_in_staff(store, 2, "Bo", StaffRole::Physiotherapist).await;
    for path in [page.clone(), print.clone()] {
        let refused = app.get(&path, Some(&stranger)).await;
        assert!(
            refused.status.is_client_error(),
            "{path}: {}",
            refused.status
        );
        assert!(!refused.shows("280 mL"));
    }
    let refused = app
        .post_form(&format!("{page}/sessions/diary"), Some(&stranger), "")
        .await;
    assert!(refused.status.is_client_error());
    assert_eq!(store.diaries(profile).await.unwrap_or_default().len(), 1);
}

async fn ending_asks_first_then_takes_no_more_entries_and_shows_her_figures(app: TestApp) {
    let (cookie, profile) = started(&app).await;
    let home = app.get("/diary", Some(&cookie)).await;
    assert!(home.contains("href=\"/diary?end=1#end\""));
    assert!(!home.contains("action=\"/diary/end\""), "no one-tap end");
    let asked = app.get("/diary?end=1", Some(&cookie)).await;
    assert!(asked.shows("Je blaasdagboek nu afsluiten?"));
    let ended = app.post_form("/diary/end", Some(&cookie), "").await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER);
    let diary = app.store.diaries(profile).await.unwrap_or_default()[0];
    assert_eq!(ended.header("location"), format!("/diary/{}", diary.id));
    assert!(diary.ended.is_some());
    let late = "kind=pad&day=2026-11-25&time=12:30&save=1";
    let refused = app.post_form("/diary/entries", Some(&cookie), late).await;
    assert_eq!(refused.header("location"), "/diary");
    assert_eq!(stored(&app, profile).await, (1, 0), "nothing after its end");
    let home = app.get("/diary", Some(&cookie)).await;
    assert!(home.shows("Start mijn blaasdagboek"), "a new one may start");
}

/// Each case on SQLite and on PostgreSQL.
macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[tokio::test]
            async fn $case() {
                super::$case(crate::harness::app().await).await;
            })*
        }
        mod on_postgres {
            $(#[tokio::test]
            async fn $case() {
                super::$case(super::fresh_pg_app().await).await;
            })*
        }
    };
}

on_both_backends!(
    a_void_logs_in_three_steps_and_a_retry_counts_once,
    bad_entries_are_refused_in_her_language_keep_what_she_typed_and_store_nothing,
    a_diary_leak_is_a_leak_of_her_log_and_waking_asks_about_the_night,
    her_figures_and_printout_say_what_each_volume_rests_on,
    her_physiotherapist_asks_for_a_diary_and_reads_it_and_nobody_else_does,
    ending_asks_first_then_takes_no_more_entries_and_shows_her_figures,
);
