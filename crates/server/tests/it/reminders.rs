//! Reminders end to end: her settings screen, her browser's subscription, the scheduler sending
//! encrypted Web Push to a local push service double (RFC 8030/8291/8292), quiet once done,
//! missed-while-down, gone and failing push services, two servers on one PostgreSQL database,
//! and the calendar feed read back with an iCalendar parser.

use crate::harness::{NOW, TestApp, app, app_on, at, full_outcome, profile_of};
use crate::push_double::PushDouble;
use axum::http::StatusCode;
use hangmat_core::programme::BROCHURE_PROGRAMME;
use hangmat_server::clock::{Clock, ManualClock};
use hangmat_server::notify::endpoints::PushEndpoints;
use hangmat_server::notify::push::{
    Delivery, PushSender, Urgency, deployment_key, public_key_text,
};
use hangmat_server::notify::scheduler::Scheduler;
use hangmat_server::state::AppState;
use icalendar::Component;
use std::sync::Arc;
use std::time::Duration;

async fn scheduler(state: &AppState, worker: &str) -> Scheduler {
    let key = deployment_key(state.store(), state.now())
        .await
        .unwrap_or_else(|e| panic!("{e:#}"));
    let contact = state.config().reminders.contact.clone().unwrap_or_default();
    let sender = PushSender::new(key, contact, PushEndpoints::local_double())
        .unwrap_or_else(|e| panic!("{e:#}"))
        .with_backoff(Duration::from_millis(10));
    Scheduler::new(state.clone(), Arc::new(sender), worker)
}

/// Her browser subscribed at the double. The API takes only https endpoints (the double is plain
/// http on loopback), so the subscription goes into the store as the API would put it there.
async fn subscribe(app: &TestApp, cookie: &str, double: &PushDouble, id: &str) {
    let subscription = double.subscribe(id);
    let profile_id = profile_of(app, cookie).await;
    let store = app.state.store();
    let stored = hangmat_store::PushSubscription {
        endpoint: subscription.endpoint,
        p256dh: subscription.p256dh,
        auth: subscription.auth,
    };
    if let Err(error) = store
        .save_push_subscription(profile_id, &stored, app.state.now())
        .await
    {
        panic!("{error}");
    }
    let profile = store.profile(profile_id).await.ok().flatten();
    let profile = profile.unwrap_or_else(|| panic!("her profile"));
    if let Err(error) = hangmat_server::notify::scheduler::reschedule(&app.state, &profile).await {
        panic!("{error}");
    }
}

async fn round(scheduler: &Scheduler) {
    if let Err(error) = scheduler.round().await {
        panic!("round: {error}");
    }
}

#[tokio::test]
async fn a_due_moment_reaches_her_browser_encrypted_in_her_language() {
    let app = app().await;
    let double = PushDouble::start().await;
    let (cookie, _) = app.onboard("2026-11-10").await; // Dutch, Brussels; day 15 today
    subscribe(&app, &cookie, &double, "phone").await;
    let scheduler = scheduler(&app.state, "server-1").await;
    // 11:00 in Brussels: nothing is due yet.
    round(&scheduler).await;
    assert!(double.received().is_empty());
    // 13:00 in Brussels: the second default moment, "while feeding".
    app.clock.set(at("2026-11-25T12:00:00Z"));
    round(&scheduler).await;
    let received = double.received();
    assert_eq!(received.len(), 1, "{:?}", double.rejected());
    let message = &received[0];
    assert_eq!(message.payload["lang"], "nl");
    assert_eq!(message.payload["title"], "Hangmat");
    assert_eq!(
        message.payload["body"],
        "Tijdens het voeden: even een paar minuten voor jezelf?"
    );
    assert_eq!(message.payload["url"], "/session");
    assert_eq!(message.payload["actions"][1]["action"], "snooze");
    assert_eq!(message.urgency, "high");
    assert!(message.ttl.parse::<u64>().unwrap_or(0) > 0);
    assert_eq!(message.contact, "mailto:madtherapietoren@uzleuven.be");
    let key = deployment_key(app.state.store(), app.state.now())
        .await
        .unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(message.vapid_key, public_key_text(&key));
    // The same moment is not sent again; the next one is at 20:00.
    round(&scheduler).await;
    assert_eq!(double.received().len(), 1);
    let queue = app
        .state
        .store()
        .reminder_queue(profile_of(&app, &cookie).await)
        .await
        .unwrap_or_else(|e| panic!("store: {e}"));
    assert!(
        queue.contains(&("moment-1".to_owned(), at("2026-11-26T12:00:00Z"))),
        "{queue:?}"
    );
}

#[tokio::test]
async fn a_french_mother_gets_french_and_a_moment_goes_quiet_once_its_session_is_done() {
    let app = app().await;
    let double = PushDouble::start().await;
    let reply = app
        .post_form(
            "/start",
            None,
            "birth_date=2026-11-10&tz=Europe%2FBrussels&lang=fr",
        )
        .await;
    let cookie = reply.device_cookie().unwrap_or_default();
    subscribe(&app, &cookie, &double, "fr").await;
    // Two sessions done this morning: the 13:00 moment (inviting the second) stays quiet.
    for (n, start) in ["2026-11-25T07:40:00Z", "2026-11-25T09:00:00Z"]
        .iter()
        .enumerate()
    {
        let end = at(start) + jiff::SignedDuration::from_mins(6);
        let reply = app
            .put_json(
                &format!("/api/outcomes/0193b7a0-0000-7000-8000-00000000000{n}"),
                Some(&cookie),
                &full_outcome(start, &end.to_string()),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    }
    let scheduler = scheduler(&app.state, "server-1").await;
    app.clock.set(at("2026-11-25T12:00:30Z"));
    round(&scheduler).await;
    assert!(double.received().is_empty(), "{:?}", double.received());
    // The evening moment invites the third session: it rings, in French.
    app.clock.set(at("2026-11-25T19:00:00Z"));
    round(&scheduler).await;
    let received = double.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].payload["lang"], "fr");
    assert_eq!(
        received[0].payload["body"],
        "Devant la télé\u{a0}: quelques minutes pour vous\u{a0}?"
    );
}

#[tokio::test]
async fn a_reminder_missed_while_down_is_sent_within_half_an_hour_else_dropped() {
    let app = app().await;
    let double = PushDouble::start().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    subscribe(&app, &cookie, &double, "phone").await;
    let scheduler = scheduler(&app.state, "server-1").await;
    // Back up 20 minutes after the 13:00 moment: still sent.
    app.clock.set(at("2026-11-25T12:20:00Z"));
    round(&scheduler).await;
    assert_eq!(double.received().len(), 1);
    // Back up 45 minutes after the 20:00 moment: dropped, and tomorrow's still comes.
    app.clock.set(at("2026-11-25T19:45:00Z"));
    round(&scheduler).await;
    assert_eq!(double.received().len(), 1);
    let queue = app
        .state
        .store()
        .reminder_queue(profile_of(&app, &cookie).await)
        .await
        .unwrap_or_else(|e| panic!("store: {e}"));
    assert!(
        queue.contains(&("moment-2".to_owned(), at("2026-11-26T19:00:00Z"))),
        "{queue:?}"
    );
}

#[tokio::test]
async fn a_gone_subscription_is_removed_and_a_failing_service_is_retried() {
    let app = app().await;
    let double = PushDouble::start().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    subscribe(&app, &cookie, &double, "old-phone").await;
    subscribe(&app, &cookie, &double, "new-phone").await;
    double.script("old-phone", &[410]);
    double.script("new-phone", &[503, 500]);
    let scheduler = scheduler(&app.state, "server-1").await;
    app.clock.set(at("2026-11-25T12:00:00Z"));
    round(&scheduler).await;
    assert_eq!(double.attempts("old-phone"), [410]);
    assert_eq!(double.attempts("new-phone"), [503, 500, 201]);
    let left = app
        .state
        .store()
        .push_subscriptions(profile_of(&app, &cookie).await)
        .await
        .unwrap_or_else(|e| panic!("store: {e}"));
    assert_eq!(left.len(), 1);
    assert!(left[0].endpoint.ends_with("/push/new-phone"));
    assert_eq!(double.received().len(), 1);
}

#[tokio::test]
async fn snoozing_from_the_notification_rings_again_in_fifteen_minutes() {
    let app = app().await;
    let double = PushDouble::start().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    subscribe(&app, &cookie, &double, "phone").await;
    // A body not declared JSON is a "simple" cross-site request: refused, nothing snoozed.
    let plain = axum::http::Request::post("/api/reminders/snooze")
        .header("content-type", "text/plain")
        .header("sec-fetch-site", "same-origin")
        .header("cookie", &cookie)
        .body(axum::body::Body::from(r#"{"minutes":15}"#))
        .unwrap_or_default();
    let refused = app.send(plain).await;
    assert_eq!(refused.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(
        refused
            .header("content-type")
            .starts_with("application/problem+json")
    );
    let queue = app
        .state
        .store()
        .reminder_queue(profile_of(&app, &cookie).await)
        .await
        .unwrap_or_else(|e| panic!("store: {e}"));
    assert!(queue.iter().all(|(key, _)| key != "snooze"), "{queue:?}");
    let request = axum::http::Request::post("/api/reminders/snooze")
        .header("content-type", "application/json")
        .header("sec-fetch-site", "same-origin")
        .header("cookie", &cookie)
        .body(axum::body::Body::from(r#"{"minutes":15}"#))
        .unwrap_or_default();
    assert_eq!(app.send(request).await.status, StatusCode::NO_CONTENT);
    let bad = app
        .post_form("/settings/reminders/snooze", Some(&cookie), "minutes=45")
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.shows("Kies 15 of 30 minuten."));
    let scheduler = scheduler(&app.state, "server-1").await;
    app.clock.set(at("2026-11-25T10:14:00Z"));
    round(&scheduler).await;
    assert!(double.received().is_empty());
    app.clock.set(at("2026-11-25T10:15:00Z"));
    round(&scheduler).await;
    let received = double.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].payload["body"], "Hier is je moment nog eens.");
}

#[tokio::test]
async fn the_moments_form_saves_her_moments_and_explains_what_is_wrong() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let page = app.get("/settings/reminders", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.shows("Na het tandenpoetsen"));
    assert!(page.contains(r#"value="08:30""#));
    assert!(page.contains("data-vapid-key="));
    let bad = app
        .post_form(
            "/settings/reminders",
            Some(&cookie),
            "habit_0=own-words&words_0=&time_0=07%3A15&habit_1=feeding&time_1=25%3A00&quiet_start=22%3A00&quiet_end=07%3A00",
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.shows("Vul een uur in, bijvoorbeeld 08:30."));
    assert!(bad.shows("Enkele velden vragen nog aandacht. Er is niets veranderd."));
    let unchanged = app.get("/settings/reminders", Some(&cookie)).await;
    assert!(unchanged.contains(r#"value="08:30""#));
    let good = app
        .post_form(
            "/settings/reminders",
            Some(&cookie),
            "habit_0=own-words&words_0=na+de+wandeling&time_0=07%3A15&habit_1=in-the-car&time_1=17%3A45&habit_2=&time_2=&quiet_start=22%3A00&quiet_end=07%3A00&prescription_date=2026-11-20",
        )
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);
    let saved = app.get("/settings/reminders?saved=1", Some(&cookie)).await;
    assert!(saved.shows("Je herinneringen zijn bewaard."));
    assert!(saved.contains(r#"value="na de wandeling""#));
    assert!(saved.contains(r#"value="17:45""#));
    assert!(saved.contains(r#"value="22:00""#));
    // 20 November plus the programme's 60 days.
    assert!(
        saved.shows("Begin je sessies voor 19 januari."),
        "{}",
        saved.body
    );
    let settings = app
        .state
        .store()
        .reminder_settings(profile_of(&app, &cookie).await)
        .await
        .unwrap_or_else(|e| panic!("store: {e}"))
        .unwrap_or_else(|| panic!("saved"));
    assert_eq!(settings.plan.moments.len(), 2);
}

#[tokio::test]
async fn the_calendar_feed_holds_her_moments_in_her_zone_and_a_new_link_ends_the_old() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let made = app
        .post_form("/settings/reminders/calendar", Some(&cookie), "")
        .await;
    assert_eq!(made.status, StatusCode::OK);
    let pattern =
        regex::Regex::new(r#"id="calendar-url">https?://[^/]+(/calendar/[A-Za-z0-9_-]+\.ics)<"#)
            .unwrap_or_else(|e| panic!("{e}"));
    let path = pattern
        .captures(&made.body)
        .map(|c| c[1].to_owned())
        .unwrap_or_else(|| panic!("no calendar URL on the page"));
    let feed = app.get(&path, None).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed.header("content-type").starts_with("text/calendar"));
    let calendar: icalendar::Calendar = feed
        .body
        .parse()
        .unwrap_or_else(|e| panic!("not iCalendar: {e}\n{}", feed.body));
    let events: Vec<_> = calendar.events().collect();
    let morning = events
        .iter()
        .find(|e| e.get_summary() == Some("Hangmat: Na het tandenpoetsen"))
        .unwrap_or_else(|| panic!("no morning moment in {}", feed.body));
    let start = morning
        .properties()
        .get("DTSTART")
        .unwrap_or_else(|| panic!("no DTSTART"));
    assert!(start.value().ends_with("T083000"), "{}", start.value());
    assert_eq!(
        start.params().get("TZID").map(|p| p.value()),
        Some("Europe/Brussels")
    );
    assert_eq!(
        morning.properties().get("RRULE").map(|p| p.value()),
        Some("FREQ=DAILY")
    );
    // Milestones as all-day events on their dates: born 10 November, week 5 is 8 December.
    let ask = events
        .iter()
        .find(|e| e.get_summary() == Some("Hangmat: vraag je voorschrift"))
        .unwrap_or_else(|| panic!("no prescription milestone"));
    assert_eq!(
        ask.properties().get("DTSTART").map(|p| p.value()),
        Some("20261208")
    );
    assert!(feed.body.contains("BEGIN:VTIMEZONE"));
    assert!(feed.body.contains("TZOFFSETTO:+0200"));
    // A new link: the old one stops working.
    app.post_form("/settings/reminders/calendar", Some(&cookie), "")
        .await;
    assert_eq!(app.get(&path, None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_api_stores_a_browsers_subscription_and_schedules_her_reminders() {
    let app = app().await;
    let double = PushDouble::start().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let mut subscription = double.subscribe("phone");
    subscription.endpoint = "https://fcm.googleapis.com/fcm/send/abc".into();
    let reply = app
        .put_json(
            "/api/push/subscription",
            Some(&cookie),
            &subscription.json(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
    let profile = profile_of(&app, &cookie).await;
    let stored = app
        .state
        .store()
        .push_subscriptions(profile)
        .await
        .unwrap_or_else(|e| panic!("store: {e}"));
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].endpoint,
        "https://fcm.googleapis.com/fcm/send/abc"
    );
    let queue = app
        .state
        .store()
        .reminder_queue(profile)
        .await
        .unwrap_or_else(|e| panic!("store: {e}"));
    assert!(
        queue.contains(&("moment-1".to_owned(), at("2026-11-25T12:00:00Z"))),
        "{queue:?}"
    );
    let page = app.get("/settings/reminders", Some(&cookie)).await;
    assert!(page.shows("Herinneringen gaan naar één telefoon of browser."));
}

#[tokio::test]
async fn a_bad_subscription_is_refused_in_her_language_and_stores_nothing() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let reply = app
        .put_json(
            "/api/push/subscription",
            Some(&cookie),
            r#"{"endpoint":"ftp://push.example/1","keys":{"p256dh":"x","auth":"y"}}"#,
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A loopback address would make the server call inside its own network: refused.
    let double = PushDouble::start().await;
    let local = app
        .put_json(
            "/api/push/subscription",
            Some(&cookie),
            &double.subscribe("x").json(),
        )
        .await;
    assert_eq!(
        local.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        local.body
    );
    assert!(
        reply
            .header("content-type")
            .starts_with("application/problem+json")
    );
    let stored = app
        .state
        .store()
        .push_subscriptions(profile_of(&app, &cookie).await)
        .await
        .unwrap_or_else(|e| panic!("store: {e}"));
    assert!(stored.is_empty());
}

#[tokio::test]
async fn two_servers_on_one_postgresql_send_each_reminder_once_and_a_restart_sends_none_again() {
    let url = std::env::var("HANGMAT_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let schema = format!("hangmat_it_{}", uuid::Uuid::new_v4().simple());
    let store = match hangmat_store_postgres::PgStore::connect_in_schema(&url, &schema).await {
        Ok(store) => Arc::new(store),
        Err(error) => panic!("PostgreSQL at {url} did not answer: {error}"),
    };
    let clock = Arc::new(ManualClock::at(at(NOW)));
    let dir = || tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let first = app_on(store.clone(), BROCHURE_PROGRAMME, clock.clone(), dir());
    let second = app_on(store.clone(), BROCHURE_PROGRAMME, clock.clone(), dir());
    let double = PushDouble::start().await;
    let mothers = 30;
    for n in 0..mothers {
        let (cookie, _) = first.onboard("2026-11-10").await;
        subscribe(&first, &cookie, &double, &format!("m{n}")).await;
    }
    let (a, b) = (
        scheduler(&first.state, "server-a").await,
        scheduler(&second.state, "server-b").await,
    );
    let key_a = deployment_key(first.state.store(), clock.now()).await;
    let key_b = deployment_key(second.state.store(), clock.now()).await;
    assert_eq!(
        key_a.map(|k| public_key_text(&k)).ok(),
        key_b.map(|k| public_key_text(&k)).ok(),
        "both servers sign with the deployment's one key"
    );
    clock.set(at("2026-11-25T12:00:00Z"));
    let (ra, rb) = tokio::join!(a.round(), b.round());
    let (ra, rb) = (
        ra.unwrap_or_else(|e| panic!("{e}")),
        rb.unwrap_or_else(|e| panic!("{e}")),
    );
    assert_eq!(ra.claimed + rb.claimed, mothers);
    let received = double.received();
    assert_eq!(received.len(), mothers, "{:?}", double.rejected());
    let mut endpoints: Vec<_> = received.iter().map(|r| r.subscription.clone()).collect();
    endpoints.sort();
    endpoints.dedup();
    assert_eq!(endpoints.len(), mothers, "each mother once");
    // A restarted server (a new scheduler) finds nothing left to send for 13:00.
    let restarted = scheduler(&first.state, "server-a-restarted").await;
    round(&restarted).await;
    assert_eq!(double.received().len(), mothers);
}

#[tokio::test]
async fn when_her_last_browser_is_gone_her_reminders_stop() {
    let app = app().await;
    let double = PushDouble::start().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    subscribe(&app, &cookie, &double, "only-phone").await;
    double.script("only-phone", &[404]);
    let scheduler = scheduler(&app.state, "server-1").await;
    app.clock.set(at("2026-11-25T12:00:00Z"));
    round(&scheduler).await;
    let profile = profile_of(&app, &cookie).await;
    let store = app.state.store();
    assert!(
        store
            .push_subscriptions(profile)
            .await
            .unwrap_or_else(|e| panic!("store: {e}"))
            .is_empty()
    );
    assert_eq!(
        store
            .reminder_queue(profile)
            .await
            .unwrap_or_else(|e| panic!("store: {e}")),
        []
    );
}

/// Her export carries every part of her reminders: her moments in her own words, quiet hours,
/// prescription date, where pushes go (not the keys) and that a calendar feed exists.
#[tokio::test]
async fn her_export_carries_her_reminders() {
    let app = app().await;
    let double = PushDouble::start().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let saved = app
        .post_form(
            "/settings/reminders",
            Some(&cookie),
            "habit_0=own-words&words_0=na+de+wandeling&time_0=07%3A15&habit_1=in-the-car&time_1=17%3A45&habit_2=&time_2=&quiet_start=22%3A00&quiet_end=07%3A00&prescription_date=2026-11-20",
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let mut subscription = double.subscribe("phone");
    subscription.endpoint = "https://fcm.googleapis.com/fcm/send/her-phone".into();
    let reply = app
        .put_json(
            "/api/push/subscription",
            Some(&cookie),
            &subscription.json(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
    let feed = app
        .post_form("/settings/reminders/calendar", Some(&cookie), "")
        .await;
    assert!(feed.status.is_success() || feed.status.is_redirection());

    let export = app.get("/settings/export", Some(&cookie)).await;
    assert_eq!(export.status, StatusCode::OK);
    let json: serde_json::Value =
        serde_json::from_str(&export.body).unwrap_or_else(|e| panic!("{e}: {}", export.body));
    let reminders = &json["reminders"];
    assert_eq!(
        reminders["moments"],
        serde_json::json!([
            {"habit": "own-words", "own_words": "na de wandeling", "time": "07:15"},
            {"habit": "in-the-car", "own_words": "", "time": "17:45"},
        ])
    );
    assert_eq!(
        reminders["quiet_hours"],
        serde_json::json!({"start": "22:00", "end": "07:00"})
    );
    assert_eq!(reminders["prescription_date"], "2026-11-20");
    let pushes = reminders["push_subscriptions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(pushes.len(), 1, "{reminders}");
    assert_eq!(
        pushes[0]["endpoint"],
        "https://fcm.googleapis.com/fcm/send/her-phone"
    );
    assert!(
        reminders["calendar_feed"]["created_at"].is_string(),
        "{reminders}"
    );
    assert!(!export.contains(&subscription.p256dh), "no keys");
    assert!(!export.contains(&subscription.auth), "no keys");
}

/// Endpoints inside the hospital's network, or at any host that is not a push service, are refused
/// with a problem in her language, and nothing is stored.
#[tokio::test]
async fn push_endpoints_outside_the_push_services_are_refused_in_her_language() {
    let app = app().await;
    let double = PushDouble::start().await;
    let reply = app
        .post_form(
            "/start",
            None,
            "birth_date=2026-11-10&tz=Europe%2FBrussels&lang=fr",
        )
        .await;
    let cookie = format!(
        "{}; {}",
        crate::harness::HARNESS_CSRF_COOKIE,
        reply.device_cookie().unwrap_or_default()
    );
    for endpoint in [
        "https://169.254.169.254/latest/meta-data",
        "https://127.0.0.1:5432/x",
        "https://10.0.0.1/",
        "https://localhost/",
        "https://[::1]/x",
        "https://push.example.org/send/abc",
        "https://fcm.googleapis.com:8443/fcm/send/abc",
        "http://fcm.googleapis.com/fcm/send/abc",
    ] {
        let mut subscription = double.subscribe("phone");
        subscription.endpoint = endpoint.into();
        let refused = app
            .put_json(
                "/api/push/subscription",
                Some(&cookie),
                &subscription.json(),
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{endpoint}"
        );
        assert!(
            refused
                .header("content-type")
                .starts_with("application/problem+json"),
            "{endpoint}"
        );
        let problem: serde_json::Value =
            serde_json::from_str(&refused.body).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            problem["type"], "/problems/push-service-refused",
            "{endpoint}"
        );
        assert_eq!(
            problem["title"],
            "Nous ne pouvons pas envoyer de notifications par ce service."
        );
    }
    let stored = app
        .state
        .store()
        .push_subscriptions(profile_of(&app, &cookie).await)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(stored.is_empty(), "{stored:?}");
}

/// A subscription stored before the rules (or at a host since taken off the list) is never posted
/// to: the sender drops it.
#[tokio::test]
async fn the_sender_posts_only_to_listed_push_services() {
    let app = app().await;
    let key = deployment_key(app.state.store(), app.state.now())
        .await
        .unwrap_or_else(|e| panic!("{e:#}"));
    let sender = PushSender::new(key, "mailto:a@example.be".into(), PushEndpoints::default())
        .unwrap_or_else(|e| panic!("{e:#}"));
    let double = PushDouble::start().await;
    let subscription = double.subscribe("phone");
    let stored = hangmat_store::PushSubscription {
        endpoint: subscription.endpoint,
        p256dh: subscription.p256dh,
        auth: subscription.auth,
    };
    let delivery = sender
        .send(&stored, b"{}", Urgency::Normal, app.state.now())
        .await;
    assert_eq!(delivery, Delivery::Gone);
    assert!(double.received().is_empty(), "nothing reached the double");
}
