//! Her data, complete, on both backends: a mother who used every part of the app (and whose
//! physiotherapist did too) has rows in every table that can hold her data; her export carries
//! each of them; erasure leaves none (counted per table), and another mother's data stays. A
//! table that gains a `profile_id` column and is not counted, or a part of her data the export
//! leaves out, fails here.

use crate::care::profile_of;
use crate::harness::{NOW, TestApp, app_on, at, full_outcome};
use crate::portal_care::{basis_of, link, programme_form, signed_in_staff};
use crate::postgres::{database_url, fresh_schema, pg_store, temp_dir};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hangmat_core::policy::StaffRole;
use hangmat_core::programme::BROCHURE_PROGRAMME;
use hangmat_server::clock::ManualClock;
use hangmat_store::{ClaimedReminder, PasskeyOwner, StoredPasskey};
use hangmat_store_sqlite::SqliteStore;
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Each table that holds her data, and where her export shows it. `webauthn_ceremonies` is a
/// passkey registration in progress (minutes at most): erased with her, nothing to export.
const EXPORTED: [(&str, &str); 24] = [
    ("profiles", "/profile/birth_date"),
    ("device_sessions", "/devices/0/signed_in_at"),
    ("hold_changes", "/hold_changes/0/hold_counts"),
    ("session_outcomes", "/session_outcomes/0/id"),
    ("outcome_parts", "/session_outcomes/0/parts/0/reps_done"),
    ("coordination_taps", "/coordination_taps/0/at"),
    ("reminder_settings", "/reminders/quiet_hours/start"),
    ("reminder_moments", "/reminders/moments/0/own_words"),
    (
        "push_subscriptions",
        "/reminders/push_subscriptions/0/endpoint",
    ),
    ("reminder_queue", "/reminders/due/0/due_at"),
    ("reminder_sends", "/reminders/sent/0/sent_at"),
    ("calendar_feeds", "/reminders/calendar_feed/created_at"),
    ("profile_passkeys", "/passkeys/0/created_at"),
    ("link_codes", "/sharing_codes/0/expires_at"),
    ("links", "/links/0/physiotherapist"),
    ("audit_log", "/access_log/0/action"),
    ("prescription_settings", "/care/prescription/0/value"),
    ("prescription_changes", "/care/prescription_changes/0/new"),
    ("physio_sessions", "/care/physiotherapy_sessions/0/notes"),
    ("leaks", "/leaks/0/activity"),
    (
        "questionnaire_responses",
        "/questionnaires/responses/0/response/item/0/answer/0/valueCoding/code",
    ),
    (
        "questionnaire_skips",
        "/questionnaires/not_now/0/occasion_day",
    ),
    ("diaries", "/diaries/0/asked_by"),
    ("diary_entries", "/diaries/0/entries/0/volume_ml"),
];

const OUTCOME: &str = "0193b7a0-0000-7000-8000-00000000d001";

async fn post_json(app: &TestApp, path: &str, cookie: &str, json: &str) -> StatusCode {
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(Body::from(json.to_owned()))
        .unwrap_or_default();
    app.send(request).await.status
}

/// A mother who did everything the app offers; returns her cookie.
async fn a_mother_who_did_everything(app: &TestApp) -> String {
    let store = app.store.as_ref();
    let (mother, _) = app.onboard("2026-11-10").await;
    let profile = profile_of(store, &mother).await;
    let ok = |status: StatusCode, what: &str| {
        assert!(
            status.is_success() || status.is_redirection(),
            "{what}: {status}"
        );
    };
    let form = |path: &'static str, body: &'static str| {
        let mother = mother.clone();
        async move { app.post_form(path, Some(&mother), body).await.status }
    };
    ok(form("/settings/hold", "hold_counts=5").await, "hold");
    let outcome = full_outcome("2026-11-25T09:00:00Z", "2026-11-25T09:06:00Z");
    let path = format!("/api/outcomes/{OUTCOME}");
    ok(
        app.put_json(&path, Some(&mother), &outcome).await.status,
        "outcome",
    );
    let tap = "/api/coordination/0193b7a0-0000-7000-8000-00000000d002";
    let at = r#"{"at":"2026-11-25T09:30:00Z"}"#;
    ok(app.put_json(tap, Some(&mother), at).await.status, "tap");
    let leak = "id=0193b7a0-0000-7000-8000-00000000d003";
    ok(form("/leaks", leak).await, "leak");
    let details = "id=0193b7a0-0000-7000-8000-00000000d003&activity=sneeze&amount=drops";
    ok(form("/leaks/details", details).await, "leak details");
    // "Not now" closes the occasion Today offers; she answers anyway, of her own accord.
    ok(form("/questionnaires/sandvik/not-now", "").await, "not now");
    let answers =
        "response_id=0193b7a0-0000-7000-8000-00000000d004&frequency=few-times-a-week&amount=drops";
    ok(
        form("/questionnaires/sandvik", answers).await,
        "questionnaire",
    );
    ok(form("/diary/start", "").await, "diary");
    let void = "id=0193b7a0-0000-7000-8000-00000000d004&kind=void&volume=250&day=2026-11-25&time=11:00&urgency=1";
    ok(form("/diary/entries", void).await, "diary entry");
    ok(
        form(
            "/settings/reminders",
            "habit_0=own-words&words_0=na+de+wandeling&time_0=07%3A15&habit_1=in-the-car&time_1=17%3A45&habit_2=&time_2=&quiet_start=22%3A00&quiet_end=07%3A00&prescription_date=2026-11-20",
        )
        .await,
        "reminders",
    );
    let subscription = serde_json::json!({
        "endpoint": "https://fcm.googleapis.com/fcm/send/her-phone",
        "keys": {"p256dh": URL_SAFE_NO_PAD.encode([4u8; 65]), "auth": URL_SAFE_NO_PAD.encode([1u8; 16])},
    });
    let reply = app
        .put_json(
            "/api/push/subscription",
            Some(&mother),
            &subscription.to_string(),
        )
        .await;
    ok(reply.status, &format!("push: {}", reply.body));
    ok(
        post_json(app, "/api/reminders/snooze", &mother, r#"{"minutes":15}"#).await,
        "snooze",
    );
    ok(form("/settings/reminders/calendar", "").await, "calendar");
    let due = store
        .reminder_queue(profile)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (key, due_at) = due
        .first()
        .cloned()
        .unwrap_or_else(|| panic!("no reminder due"));
    let sent = ClaimedReminder {
        profile,
        key,
        due_at,
    };
    assert_eq!(
        store.mark_reminder_sent(&sent, at_now()).await.ok(),
        Some(true)
    );
    store
        .add_passkey(
            PasskeyOwner::Profile(profile),
            &StoredPasskey {
                credential_id: "her-credential".into(),
                name: String::new(),
                passkey_json: "{}".into(),
                created_at: at_now(),
                last_used_at: None,
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    ok(
        post_json(app, "/api/passkeys/register/start", &mother, "").await,
        "passkey ceremony",
    );
    ok(form("/settings/sharing/code", "").await, "sharing code");
    // Her physiotherapist: linked, reads her page (an audit line), changes her programme, notes a
    // physiotherapy session.
    let (physio, staff) = signed_in_staff(store, 1, "An", StaffRole::Physiotherapist).await;
    let link = link(store, profile, physio, "Dossier 17").await;
    let base = format!("/portal/mothers/{}", link.0);
    assert_eq!(app.get(&base, Some(&staff)).await.status, StatusCode::OK);
    let editor = app.get(&format!("{base}/programme"), Some(&staff)).await;
    let programme = programme_form(&basis_of(&editor.body), &[("strength.reps", "12")]);
    let saved = app
        .post_form(&format!("{base}/programme"), Some(&staff), &programme)
        .await;
    ok(saved.status, &format!("programme: {}", saved.body));
    let session = "number=1&date=2026-11-24&contraction=correct&oxford=3&notes=Goed+bewustzijn";
    let saved = app
        .post_form(&format!("{base}/sessions"), Some(&staff), session)
        .await;
    ok(saved.status, &format!("physio session: {}", saved.body));
    mother
}

fn at_now() -> jiff::Timestamp {
    at(NOW)
}

/// Fills, exports, erases; `columns` are the backend's (table, column) names.
async fn every_table_exported_then_erased(app: TestApp, columns: Vec<(String, String)>) {
    let store = app.store.clone();
    let (other, _) = app.onboard("2026-11-12").await;
    let other_path = "/api/outcomes/0193b7a0-0000-7000-8000-00000000e001";
    let outcome = full_outcome("2026-11-25T08:00:00Z", "2026-11-25T08:06:00Z");
    app.put_json(other_path, Some(&other), &outcome).await;
    let mother = a_mother_who_did_everything(&app).await;
    let profile = profile_of(store.as_ref(), &mother).await;

    let before = store
        .rows_of_profile(profile)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let with_profile_id: BTreeSet<&str> = columns
        .iter()
        .filter(|(_, column)| column == "profile_id")
        .map(|(table, _)| table.as_str())
        .collect();
    let counted: BTreeSet<&str> = before.keys().map(String::as_str).collect();
    assert!(
        with_profile_id.is_subset(&counted),
        "tables with her rows that erasure's count misses: {:?}",
        with_profile_id.difference(&counted).collect::<Vec<_>>()
    );
    let empty: Vec<&String> = before
        .iter()
        .filter(|(_, count)| **count == 0)
        .map(|(table, _)| table)
        .collect();
    assert!(empty.is_empty(), "tables the test did not fill: {empty:?}");

    let export = app.get("/settings/export", Some(&mother)).await;
    assert_eq!(export.status, StatusCode::OK);
    let json: Value =
        serde_json::from_str(&export.body).unwrap_or_else(|e| panic!("{e}: {}", export.body));
    let exported: BTreeSet<&str> = EXPORTED.iter().map(|(table, _)| *table).collect();
    let unexported: Vec<&&str> = counted
        .iter()
        .filter(|table| **table != "webauthn_ceremonies" && !exported.contains(**table))
        .collect();
    assert!(
        unexported.is_empty(),
        "no place in the export: {unexported:?}"
    );
    for (table, pointer) in EXPORTED {
        let value = json.pointer(pointer).unwrap_or(&Value::Null);
        assert!(
            !value.is_null() && value != "",
            "{table}: the export has nothing at {pointer}: {json:#}"
        );
    }
    assert_eq!(
        json["reminders"]["moments"][0]["own_words"],
        "na de wandeling"
    );
    assert_eq!(json["links"][0]["physiotherapist"], "An");
    assert_eq!(
        json["care"]["physiotherapy_sessions"][0]["notes"],
        "Goed bewustzijn"
    );

    let erased = app
        .post_form("/settings/erase", Some(&mother), "confirm=yes")
        .await;
    assert_eq!(erased.status, StatusCode::SEE_OTHER, "{}", erased.body);
    let after = store
        .rows_of_profile(profile)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let left: Vec<(&String, &u64)> = after.iter().filter(|(_, count)| **count > 0).collect();
    assert!(left.is_empty(), "rows of hers left after erasure: {left:?}");
    assert_eq!(after.len(), before.len(), "the same tables counted");
    // The other mother keeps everything.
    let others = profile_of(store.as_ref(), &other).await;
    let kept = store
        .rows_of_profile(others)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(kept.get("profiles"), Some(&1));
    assert_eq!(kept.get("session_outcomes"), Some(&1));
    assert_eq!(kept.get("outcome_parts"), Some(&2));
}

#[tokio::test]
async fn on_sqlite_her_export_carries_every_table_and_erasure_leaves_no_row() {
    let dir = temp_dir();
    let sqlite = SqliteStore::open(&dir.path().join("hangmat.sqlite"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // Erased rows are overwritten, not left in free pages.
    assert_eq!(sqlite.secure_delete().await.ok(), Some(true));
    let columns = sqlite.columns().await.unwrap_or_else(|e| panic!("{e}"));
    let clock = Arc::new(ManualClock::at(at(NOW)));
    let app = app_on(Arc::new(sqlite), BROCHURE_PROGRAMME, clock, dir);
    every_table_exported_then_erased(app, columns).await;
}

#[tokio::test]
async fn on_postgres_her_export_carries_every_table_and_erasure_leaves_no_row() {
    let postgres = pg_store(&database_url(), &fresh_schema()).await;
    let columns = postgres.columns().await.unwrap_or_else(|e| panic!("{e}"));
    let clock = Arc::new(ManualClock::at(at(NOW)));
    let app = app_on(Arc::new(postgres), BROCHURE_PROGRAMME, clock, temp_dir());
    every_table_exported_then_erased(app, columns).await;
}
