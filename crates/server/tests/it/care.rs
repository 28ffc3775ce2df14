//! Her care as she meets it over HTTP: a physiotherapist's prescription reaches Today, the session
//! script, the position picker and the outcome check from her next page load, and she is told who
//! changed what and when.

use crate::harness::{NOW, TestApp, app_on, at};
use axum::http::StatusCode;
use hangmat_core::prescription::{Basis, Field, Prescription, Value, diff};
use hangmat_core::programme::{BROCHURE_PROGRAMME, ExerciseKind, Programme};
use hangmat_server::clock::ManualClock;
use hangmat_server::i18n::{Lang, Tr};
use hangmat_store::{PrescriptionUpdate, PrescriptionWrite, ProfileId, StaffRef, Store};
use hangmat_store_sqlite::SqliteStore;
use std::sync::Arc;

/// An app whose store the test also holds, as a portal beside it would.
pub async fn app_and_store() -> (TestApp, Arc<dyn Store>) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let store = SqliteStore::open(&dir.path().join("hangmat.sqlite"))
        .await
        .unwrap_or_else(|e| panic!("open store: {e}"));
    let store: Arc<dyn Store> = Arc::new(store);
    let clock = Arc::new(ManualClock::at(at(NOW)));
    (app_on(store.clone(), BROCHURE_PROGRAMME, clock, dir), store)
}

/// The profile behind a mother's device cookie.
pub async fn profile_of(store: &dyn Store, cookie: &str) -> ProfileId {
    let token = cookie
        .split(';')
        .find_map(|pair| pair.trim().strip_prefix("hangmat_device="))
        .unwrap_or("");
    let hash = hangmat_server::http::visitor::secret_hash(token);
    match store.device_session_profile(&hash).await {
        Ok(Some(profile)) => profile,
        other => panic!("no profile for the cookie: {other:?}"),
    }
}

fn brochure() -> Programme {
    Programme::from_toml(BROCHURE_PROGRAMME, "brochure").unwrap_or_else(|e| panic!("{e}"))
}

/// Saves a prescription the way the portal does: core's diff of the effective programmes.
pub(crate) async fn prescribe(
    store: &dyn Store,
    profile: ProfileId,
    settings: &[(Field, Value)],
    hold: Option<u32>,
    at_text: &str,
) {
    let file = brochure();
    let before = store
        .prescription(profile)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let hold_now = store
        .current_hold(profile)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|change| change.hold_counts);
    let hold_before = hold_now.unwrap_or(file.hold.start);
    let mut after = before.clone();
    for (field, value) in settings {
        after
            .set(*field, value.clone())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let apply = |p: &Prescription| p.apply(&file).unwrap_or_else(|e| panic!("{e}"));
    let changes = diff(
        &apply(&before),
        hold_before,
        &apply(&after),
        hold.unwrap_or(hold_before),
    );
    let update = PrescriptionUpdate {
        basis: Basis {
            prescription: before.clone(),
            hold: hold_now,
        },
        prescription: after,
        changes,
        hold,
        by: StaffRef {
            id: uuid::Uuid::from_u128(0xA11CE),
            display_name: "An".into(),
        },
        at: at(at_text),
    };
    assert_eq!(
        store
            .save_prescription(profile, &update)
            .await
            .unwrap_or_else(|e| panic!("{e}")),
        PrescriptionWrite::Saved
    );
}

fn script_of(html: &str) -> serde_json::Value {
    let start = html
        .find(r#"<script type="application/json" id="session-script">"#)
        .map(|i| i + r#"<script type="application/json" id="session-script">"#.len())
        .unwrap_or_else(|| panic!("no session script"));
    let end = html[start..].find("</script>").unwrap_or(0) + start;
    serde_json::from_str(&html[start..end]).unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn her_next_session_uses_what_her_physiotherapist_prescribed_and_tells_her() {
    let (app, store) = app_and_store().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let profile = profile_of(store.as_ref(), &cookie).await;
    let before = app.get("/session", Some(&cookie)).await;
    assert_eq!(
        script_of(&before.body)["parts"].as_array().map(Vec::len),
        Some(2)
    );
    assert!(!before.contains("value=\"kneeling\""));

    prescribe(
        store.as_ref(),
        profile,
        &[
            (Field::Reps(ExerciseKind::Strength), Value::Count(12)),
            (Field::Included(ExerciseKind::Fast), Value::Included(true)),
            (
                Field::Positions,
                Value::Positions(
                    ["back", "side", "sitting", "standing", "kneeling"]
                        .map(String::from)
                        .to_vec(),
                ),
            ),
        ],
        Some(8),
        "2026-11-25T08:00:00Z",
    )
    .await;

    let today = app.get("/today", Some(&cookie)).await;
    assert_eq!(today.status, StatusCode::OK);
    // 12 + 10 + 10 contractions a session, three sessions: 96 today.
    assert!(
        today.contains("<span class=\"muted\">/ 96</span>"),
        "{}",
        today.body
    );
    for line in [
        "Je kinesitherapeut An heeft de vasthoudtijd veranderd van 3 naar 8 tellen op 25 november.",
        "Je kinesitherapeut An heeft het aantal korte aanspanningen veranderd van 10 naar 12 op 25 november.",
        "Je kinesitherapeut An heeft snelle aanspanningen aan je oefensessies toegevoegd op 25 november.",
    ] {
        assert!(today.shows(line), "Today lacks {line}");
    }

    let session = app.get("/session", Some(&cookie)).await;
    assert!(session.shows(
        "Je kinesitherapeut An heeft de vasthoudtijd veranderd van 3 naar 8 tellen op 25 november."
    ));
    let script = script_of(&session.body);
    assert_eq!(script["hold_counts"], 8);
    let parts: Vec<_> = script["parts"]
        .as_array()
        .map(|parts| parts.iter().map(|p| p["exercise"].to_string()).collect())
        .unwrap_or_default();
    assert_eq!(parts, ["\"strength\"", "\"endurance\"", "\"fast\""]);
    assert!(session.contains("value=\"kneeling\""), "kneeling offered");
    assert!(session.shows("Op handen en knieën"));
    assert!(
        session.contains("name=\"reps_fast\""),
        "the manual log has the quick squeezes"
    );

    // An outcome of the new session, kneeling and with quick squeezes, is accepted and counted.
    let outcome = r#"{"started_at":"2026-11-25T09:00:00Z","ended_at":"2026-11-25T09:08:00Z","position":"kneeling","hold_counts":8,"completed":true,"parts":[{"exercise":"strength","reps_done":12},{"exercise":"endurance","reps_done":10},{"exercise":"fast","reps_done":10}],"rating":"fine","held_every_count":true}"#;
    let saved = app
        .put_json(
            "/api/outcomes/0192a000-0000-7000-8000-000000000001",
            Some(&cookie),
            outcome,
        )
        .await;
    assert_eq!(saved.status, StatusCode::CREATED, "{}", saved.body);
    assert!(
        saved.contains("\"today_contractions\":32"),
        "{}",
        saved.body
    );
    assert!(saved.contains("\"today_target\":96"), "{}", saved.body);
}

#[tokio::test]
async fn the_latest_hold_wins_whoever_set_it() {
    let (app, store) = app_and_store().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let profile = profile_of(store.as_ref(), &cookie).await;
    prescribe(
        store.as_ref(),
        profile,
        &[],
        Some(12),
        "2026-11-25T08:00:00Z",
    )
    .await;
    let session = app.get("/session", Some(&cookie)).await;
    assert_eq!(script_of(&session.body)["hold_counts"], 12);
    // She may still choose within the programme's own range (3 to 10), not the physiotherapist's.
    let refused = app
        .post_form("/settings/hold", Some(&cookie), "hold_counts=12")
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let chosen = app
        .post_form("/settings/hold", Some(&cookie), "hold_counts=6")
        .await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER);
    let session = app.get("/session", Some(&cookie)).await;
    assert_eq!(script_of(&session.body)["hold_counts"], 6);
    prescribe(
        store.as_ref(),
        profile,
        &[],
        Some(9),
        "2026-11-25T09:00:00Z",
    )
    .await;
    let session = app.get("/session", Some(&cookie)).await;
    assert_eq!(script_of(&session.body)["hold_counts"], 9);
    assert!(session.shows(
        "Je kinesitherapeut An heeft de vasthoudtijd veranderd van 6 naar 9 tellen op 25 november."
    ));
}

#[tokio::test]
async fn today_stops_telling_old_news_but_the_session_page_keeps_it() {
    let (app, store) = app_and_store().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let profile = profile_of(store.as_ref(), &cookie).await;
    prescribe(
        store.as_ref(),
        profile,
        &[(Field::SetsPerDay, Value::Count(4))],
        None,
        "2026-11-01T08:00:00Z",
    )
    .await;
    let line = "Je kinesitherapeut An heeft het aantal oefensessies per dag veranderd van 3 naar 4 op 1 november.";
    assert!(!app.get("/today", Some(&cookie)).await.shows(line));
    assert!(app.get("/session", Some(&cookie)).await.shows(line));
    // Another mother sees nothing of it.
    let (other, _) = app.onboard("2026-11-10").await;
    let theirs = app.get("/session", Some(&other)).await;
    assert!(!theirs.contains("Je kinesitherapeut An"));
}

#[test]
fn every_field_and_value_has_words_in_every_language() {
    for lang in Lang::ALL {
        let t = Tr::new(lang);
        for field in Field::all() {
            let label = hangmat_server::view::care::field_label(&t, field);
            assert!(
                !label.starts_with("care-"),
                "{}: {field} has no label",
                lang.code()
            );
        }
        for id in ["care-change", "care-change-added", "care-change-removed"] {
            let filled = t.args(
                id,
                &[
                    ("name", "An".into()),
                    ("what", "x".into()),
                    ("old", "1".into()),
                    ("new", "2".into()),
                    ("date", "1 december".into()),
                ],
            );
            assert!(filled.contains("An"), "{}: {id} gave {filled}", lang.code());
        }
    }
}
