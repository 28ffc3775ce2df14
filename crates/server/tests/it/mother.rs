//! The mother's pages over HTTP: onboarding, Today along the timeline, the session page,
//! settings, recovery and erasure.

use crate::harness::{app, at, full_outcome, recovery_code};
use axum::http::StatusCode;

#[tokio::test]
async fn welcome_is_dutch_by_default_and_follows_the_browser_and_her_choice() {
    let app = app().await;
    let reply = app.get("/", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.contains("<html lang=\"nl\">"));
    let french = app
        .send(
            axum::http::Request::get("/")
                .header("accept-language", "fr-BE,fr;q=0.9")
                .body(axum::body::Body::empty())
                .unwrap_or_default(),
        )
        .await;
    assert!(french.contains("<html lang=\"fr\">"));
    let chosen = app.get("/?lang=en", None).await;
    assert!(chosen.contains("<html lang=\"en\">"));
    assert!(chosen.header("set-cookie").starts_with("hangmat_lang=en"));
    let remembered = app.get("/", Some("hangmat_lang=en")).await;
    assert!(remembered.contains("<html lang=\"en\">"));
}

#[tokio::test]
async fn bad_birth_dates_get_a_clear_message_and_keep_what_she_typed() {
    let app = app().await;
    let cases = [
        ("2026-11-27", "error-birth-date-future"),
        ("2025-11-01", "error-birth-date-too-old"),
        ("2026-02-30", "error-birth-date-invalid"),
        ("", "error-birth-date-missing"),
    ];
    for (typed, message_id) in cases {
        let reply = app
            .post_form(
                "/start",
                None,
                &format!("birth_date={typed}&tz=Europe%2FBrussels&lang=en"),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{typed}");
        let expected =
            hangmat_server::i18n::Tr::new(hangmat_server::i18n::Lang::En).get(message_id);
        assert!(reply.shows(&expected), "{typed}: {expected}");
        assert!(
            reply.contains(&format!("value=\"{typed}\"")),
            "{typed} kept"
        );
        assert!(
            reply.device_cookie().is_none(),
            "no profile for a refused date"
        );
    }
}

#[tokio::test]
async fn onboarding_shows_the_code_once_and_today_counts_from_the_birth() {
    let app = app().await;
    let reply = app
        .post_form(
            "/start",
            None,
            "birth_date=2026-11-10&tz=Europe%2FBrussels&lang=nl",
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("cache-control"), "no-store");
    assert!(recovery_code(&reply.body).is_some());
    // After her first code, reminders are offered with the three moments she has already.
    assert!(reply.shows("Wanneer mogen we je herinneren?"));
    for moment in [
        "08:30 · Na het tandenpoetsen",
        "13:00 · Tijdens het voeden",
        "20:00 · Tijdens het tv-kijken",
    ] {
        assert!(reply.shows(moment), "offers {moment}");
    }
    let cookie_header = reply.header("set-cookie").to_owned();
    assert!(
        cookie_header.contains("HttpOnly") && cookie_header.contains("SameSite=Lax"),
        "{cookie_header}"
    );
    let cookie = reply.device_cookie().unwrap_or_default();
    let today = app.get("/today", Some(&cookie)).await;
    assert_eq!(today.status, StatusCode::OK);
    let t = hangmat_server::i18n::Tr::new(hangmat_server::i18n::Lang::Nl);
    assert!(
        today.shows(&t.num("today-day", "day", 15u32)),
        "{}",
        today.body
    );
    // The welcome page now leads to Today.
    assert_eq!(
        app.get("/", Some(&cookie)).await.header("location"),
        "/today"
    );
}

#[tokio::test]
async fn today_follows_the_timeline_rest_then_sessions_then_physiotherapy() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-24").await; // day 1 at NOW
    let day_one = app.get("/today", Some(&cookie)).await;
    assert!(day_one.contains("id=\"rest-and-learn\""));
    assert!(
        !day_one.contains("href=\"/session\" class") && !day_one.contains("id=\"today-sessions\"")
    );
    assert!(day_one.contains("id=\"recovery\""));
    let session = app.get("/session", Some(&cookie)).await;
    assert!(
        !session.contains("id=\"session-script\""),
        "no session before day 2"
    );

    // 23:00 UTC on 25 November is midnight in Brussels: day 2 begins.
    app.clock.set(at("2026-11-25T23:00:00Z"));
    let day_two = app.get("/today", Some(&cookie)).await;
    assert!(day_two.contains("id=\"today-sessions\""));
    assert!(day_two.contains("max=\"60\""), "the programme's target");
    assert!(!day_two.contains("id=\"physiotherapy\""));

    // Day 42: physiotherapy, with the deployment's contacts; recovery advice ends.
    app.clock.set(at("2027-01-04T23:30:00Z"));
    let week_six = app.get("/today", Some(&cookie)).await;
    assert!(week_six.contains("id=\"physiotherapy\""));
    assert!(week_six.contains("016 33 87 99") && week_six.contains("madtherapietoren@uzleuven.be"));
    assert!(!week_six.contains("id=\"recovery\""));
}

#[tokio::test]
async fn the_session_page_carries_her_script_and_suggests_the_next_position() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let page = app.get("/session", Some(&cookie)).await;
    let script = script_of(&page.body);
    assert_eq!(script["hold_counts"], 3);
    assert_eq!(script["parts"].as_array().map(Vec::len), Some(2));
    assert_eq!(script["total_ms"], (5 + 90 + 5 + 10 * (3 + 20)) * 1000);
    assert!(
        page.contains("value=\"back\" checked"),
        "first position suggested"
    );
    let put = app
        .put_json(
            "/api/outcomes/0193b7a0-0000-7000-8000-000000000001",
            Some(&cookie),
            &full_outcome("2026-11-25T09:00:00Z", "2026-11-25T09:06:00Z"),
        )
        .await;
    assert_eq!(put.status, StatusCode::CREATED);
    let page = app.get("/session", Some(&cookie)).await;
    assert!(
        page.contains("value=\"sitting\" checked"),
        "after side comes sitting"
    );
}

pub(crate) fn script_of(html: &str) -> serde_json::Value {
    let start = html
        .find("id=\"session-script\">")
        .map(|i| i + "id=\"session-script\">".len());
    let json = start.and_then(|s| html[s..].find("</script>").map(|e| &html[s..s + e]));
    serde_json::from_str(json.unwrap_or("null")).unwrap_or_default()
}

#[tokio::test]
async fn her_hold_stays_in_the_programme_range_and_feeds_the_script() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let refused = app
        .post_form("/settings/hold", Some(&cookie), "hold_counts=11")
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.contains("value=\"11\""), "input kept");
    assert!(refused.contains("class=\"error\""));
    let refused = app
        .post_form("/settings/hold", Some(&cookie), "hold_counts=zes")
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let saved = app
        .post_form("/settings/hold", Some(&cookie), "hold_counts=7")
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let script = script_of(&app.get("/session", Some(&cookie)).await.body);
    assert_eq!(script["hold_counts"], 7);
    let progress = app.get("/progress", Some(&cookie)).await;
    assert!(progress.contains("<td>7</td>"), "hold history in the table");
}

#[tokio::test]
async fn settings_keep_her_input_when_the_birth_date_is_wrong() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let reply = app
        .post_form(
            "/settings",
            Some(&cookie),
            "language=fr&birth_date=2030-01-01&tz=Europe%2FBrussels",
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.contains("value=\"2030-01-01\""));
    assert!(
        reply.contains("<html lang=\"fr\">"),
        "the error comes in the language she chose"
    );
    let ok = app
        .post_form(
            "/settings",
            Some(&cookie),
            "language=fr&birth_date=2026-11-11&tz=Europe%2FBrussels",
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let today = app.get("/today", Some(&cookie)).await;
    assert!(today.contains("<html lang=\"fr\">"));
    let t = hangmat_server::i18n::Tr::new(hangmat_server::i18n::Lang::Fr);
    assert!(today.shows(&t.num("today-day", "day", 14u32)));
}

#[tokio::test]
async fn a_recovery_code_restores_her_profile_on_another_phone() {
    let app = app().await;
    let (first_phone, code) = app.onboard("2026-11-10").await;
    app.post_form(
        "/coordination",
        Some(&first_phone),
        "id=0193b7a0-0000-7000-8000-0000000000aa",
    )
    .await;
    let typed = code.to_lowercase().replace('-', " ");
    let reply = app
        .post_form("/restore", None, &format!("code={typed}"))
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let second_phone = reply.device_cookie().unwrap_or_default();
    assert_ne!(second_phone, first_phone);
    let today = app.get("/today", Some(&second_phone)).await;
    assert!(
        today.contains("data-count=\"coordination\">1<"),
        "her data came along"
    );
    let wrong = app
        .post_form("/restore", None, "code=AAAA-BBBB-CCCC-DDDD")
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.contains("value=\"AAAA-BBBB-CCCC-DDDD\""));
    assert!(wrong.device_cookie().is_none());
}

#[tokio::test]
async fn coordination_form_counts_once_per_form_id() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    for _ in 0..2 {
        let reply = app
            .post_form(
                "/coordination",
                Some(&cookie),
                "id=0193b7a0-0000-7000-8000-0000000000bb",
            )
            .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
    }
    let today = app.get("/today", Some(&cookie)).await;
    assert!(today.contains("data-count=\"contractions\">1<"));
}

#[tokio::test]
async fn a_session_logged_by_hand_counts_and_bad_numbers_are_refused() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let id = "0193b7a0-0000-7000-8000-0000000000cc";
    let refused = app
        .post_form(
            "/session/log",
            Some(&cookie),
            &format!("id={id}&position=side&reps_strength=12&reps_endurance=10&rating=fine"),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    for _ in 0..2 {
        let saved = app
            .post_form(
                "/session/log",
                Some(&cookie),
                &format!("id={id}&position=side&reps_strength=10&reps_endurance=6&rating=hard"),
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
    }
    let today = app.get("/today", Some(&cookie)).await;
    assert!(
        today.contains("data-count=\"contractions\">16<"),
        "counted once"
    );
}

#[tokio::test]
async fn erasing_removes_her_profile_her_data_and_her_code() {
    let app = app().await;
    let (cookie, code) = app.onboard("2026-11-10").await;
    app.put_json(
        "/api/outcomes/0193b7a0-0000-7000-8000-0000000000dd",
        Some(&cookie),
        &full_outcome("2026-11-25T09:00:00Z", "2026-11-25T09:06:00Z"),
    )
    .await;
    let unconfirmed = app.post_form("/settings/erase", Some(&cookie), "").await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.get("/today", Some(&cookie)).await.status,
        StatusCode::OK,
        "nothing erased yet"
    );
    let erased = app
        .post_form("/settings/erase", Some(&cookie), "confirm=yes")
        .await;
    assert_eq!(erased.status, StatusCode::SEE_OTHER);
    assert!(
        erased.header("set-cookie").starts_with("hangmat_device=;")
            || erased.header("set-cookie").contains("Max-Age=0")
    );
    assert_eq!(
        app.get("/today", Some(&cookie)).await.header("location"),
        "/"
    );
    let restore = app
        .post_form("/restore", None, &format!("code={code}"))
        .await;
    assert_eq!(
        restore.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the code no longer leads anywhere"
    );
    let page = app.get("/erased", None).await;
    assert!(page.contains("data-clear-offline"));
}

#[tokio::test]
async fn her_progress_counts_from_the_day_she_could_begin_and_says_so() {
    let app = app().await;
    // Born on 20 November: on 25 November (the harness's now) she is on day 5, and the
    // brochure's programme lets her begin on day 2: days 2, 3, 4 and 5 count, never before.
    let (cookie, _) = app.onboard("2026-11-20").await;
    let page = app.get("/progress", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    let table = page
        .body
        .split("<tbody>")
        .nth(1)
        .and_then(|rest| rest.split("</tbody>").next())
        .unwrap_or_default();
    assert_eq!(table.matches("<tr>").count(), 4, "{table}");
    assert!(table.contains(">22 november<") && !table.contains(">21 november<"));
    assert!(
        page.shows("nog niet: voor je mocht beginnen"),
        "the calendar's grey days explained"
    );
}

#[tokio::test]
async fn progress_shows_days_and_the_same_numbers_in_tables() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    for (n, day) in ["24", "25", "25"].iter().enumerate() {
        let id = format!("0193b7a0-0000-7000-8000-00000000010{n}");
        let outcome = full_outcome(
            &format!("2026-11-{day}T08:00:00Z"),
            &format!("2026-11-{day}T08:06:00Z"),
        );
        app.put_json(&format!("/api/outcomes/{id}"), Some(&cookie), &outcome)
            .await;
    }
    let page = app.get("/progress", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.contains("<td>2</td><td>0</td><td>40</td>"),
        "today: two sessions, 40 contractions"
    );
    assert!(
        page.contains("<td>1</td><td>0</td><td>20</td>"),
        "yesterday"
    );
    assert!(page.contains("class=\"calendar\""));
    assert!(page.contains("<svg"), "charts drawn on the server");
}

#[tokio::test]
async fn a_new_recovery_code_replaces_the_old_one() {
    let app = app().await;
    let (cookie, old_code) = app.onboard("2026-11-10").await;
    let reply = app.post_form("/settings/code", Some(&cookie), "").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("cache-control"), "no-store");
    let new_code = recovery_code(&reply.body).unwrap_or_default();
    assert!(
        !reply.shows("Wanneer mogen we je herinneren?"),
        "reminders are offered once, after her first code"
    );
    assert_ne!(new_code, old_code);
    let old = app
        .post_form("/restore", None, &format!("code={old_code}"))
        .await;
    assert_eq!(old.status, StatusCode::UNPROCESSABLE_ENTITY);
    let new = app
        .post_form("/restore", None, &format!("code={new_code}"))
        .await;
    assert_eq!(new.status, StatusCode::SEE_OTHER);
}
