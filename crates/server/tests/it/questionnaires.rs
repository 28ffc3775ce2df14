//! Questionnaires over HTTP: the invitation on Today while an occasion is open (and gone after an
//! answer or "not now"), answering the Sandvik index in her language, refusals that keep her input
//! and store nothing, her scores on her Progress (no band) and on her linked physiotherapist's
//! page (with the band) and in the list's column, nobody else reaching them, and a wrong
//! deployment file refused by `hangmat check` with what and where.

use crate::care::profile_of;
use crate::harness::{TestApp, app};
use crate::portal_care::{link, signed_in_staff};
use axum::http::StatusCode;
use hangmat_core::policy::StaffRole;
use hangmat_store::ProfileId;

const RESPONSE: &str = "0193b7a0-0000-7000-8000-00000000f001";

/// Her stored Sandvik responses: (occasion, score) each, oldest first.
async fn stored(app: &TestApp, profile: ProfileId) -> Vec<(Option<u32>, Option<i64>)> {
    app.store
        .questionnaire_responses(profile, "sandvik")
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(|response| (response.occasion, response.score))
        .collect()
}

#[tokio::test]
async fn today_invites_her_and_her_answers_are_kept_once_with_the_index() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let profile = profile_of(app.store.as_ref(), &cookie).await;
    let today = app.get("/today", Some(&cookie)).await;
    assert!(
        today.shows("Hoe vaak en hoeveel verlies je urine?"),
        "{}",
        today.body
    );
    assert!(today.contains("href=\"/questionnaires/sandvik\""));
    assert!(today.shows("Nu niet"));

    let page = app.get("/questionnaires/sandvik", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.shows("Hoe vaak verlies je urine?"));
    assert!(page.shows("Ik verlies geen urine"));
    assert!(
        page.shows("in onze eigen woorden"),
        "the wording is marked as ours"
    );
    assert!(page.contains("<legend>Hoeveel urine verlies je meestal?"));
    assert!(
        page.shows("Sla deze vraag over als je hierboven “Ik verlies geen urine” koos."),
        "without JavaScript she knows when the amount does not apply"
    );

    let answers =
        format!("response_id={RESPONSE}&frequency=few-times-a-week&amount=small-splashes");
    for _ in 0..2 {
        let reply = app
            .post_form("/questionnaires/sandvik", Some(&cookie), &answers)
            .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
        assert_eq!(reply.header("location"), "/progress#scores-sandvik");
    }
    assert_eq!(
        stored(&app, profile).await,
        [(Some(0), Some(6))],
        "kept once, answering the first occasion, 3 x 2"
    );
    let today = app.get("/today", Some(&cookie)).await;
    assert!(
        !today.contains("href=\"/questionnaires/sandvik\""),
        "answered: no invitation"
    );

    let progress = app.get("/progress", Some(&cookie)).await;
    assert!(progress.contains("id=\"scores-sandvik\""));
    assert!(progress.shows("Een paar keer per week · Kleine scheutjes"));
    assert!(progress.contains("<td>6</td>"));
    assert!(
        !progress.shows("matig"),
        "the band is for her physiotherapist"
    );

    // Week 6: the next occasion opens; "not now" closes it without storing an answer.
    app.clock.set(crate::harness::at("2026-12-23T10:00:00Z"));
    let today = app.get("/today", Some(&cookie)).await;
    assert!(today.contains("action=\"/questionnaires/sandvik/not-now\""));
    let reply = app
        .post_form("/questionnaires/sandvik/not-now", Some(&cookie), "")
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let today = app.get("/today", Some(&cookie)).await;
    assert!(
        !today.contains("href=\"/questionnaires/sandvik\""),
        "put off"
    );
    assert_eq!(stored(&app, profile).await.len(), 1);
}

#[tokio::test]
async fn a_mother_who_is_dry_answers_one_question_and_scores_zero() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let profile = profile_of(app.store.as_ref(), &cookie).await;
    let reply = app
        .post_form("/questionnaires/sandvik", Some(&cookie), "frequency=none")
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(stored(&app, profile).await, [(Some(0), Some(0))]);
}

#[tokio::test]
async fn wrong_answers_are_refused_in_her_language_with_her_input_kept_and_nothing_stored() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let profile = profile_of(app.store.as_ref(), &cookie).await;
    let post = |body: String| {
        let cookie = cookie.clone();
        let app = &app;
        async move {
            app.post_form("/questionnaires/sandvik", Some(&cookie), &body)
                .await
        }
    };
    let missing = post(format!("response_id={RESPONSE}&frequency=few-times-a-week")).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert!(missing.shows("Er is nog niets bewaard."));
    assert!(missing.shows("Kies hier een antwoord."));
    assert!(
        missing.contains("value=\"few-times-a-week\" checked"),
        "her choice kept"
    );
    assert!(missing.contains(&format!("name=\"response_id\" value=\"{RESPONSE}\"")));

    let outside = post("frequency=hourly&amount=drops".into()).await;
    assert_eq!(outside.status, StatusCode::BAD_REQUEST);
    assert!(outside.shows("Kies een van de getoonde antwoorden."));
    assert!(
        outside.contains("value=\"drops\" checked"),
        "the other answer kept"
    );

    let not_applying = post("frequency=none&amount=more".into()).await;
    assert_eq!(not_applying.status, StatusCode::BAD_REQUEST);
    assert!(not_applying.shows("Na je antwoord hierboven hoort deze vraag er niet bij."));
    assert!(not_applying.contains("value=\"none\" checked"));
    assert!(
        !not_applying.contains("value=\"more\" checked"),
        "cleared for her"
    );

    let french = app
        .post_form(
            "/settings",
            Some(&cookie),
            "language=fr&birth_date=2026-11-10&tz=Europe%2FBrussels",
        )
        .await;
    assert!(french.status.is_redirection(), "{}", french.status);
    let refused = post("amount=drops".into()).await;
    assert!(
        refused.shows("Choisissez une réponse ici."),
        "{}",
        refused.body
    );
    assert!(refused.shows("À quelle fréquence avez-vous des fuites d'urine ?"));

    assert_eq!(stored(&app, profile).await, [], "nothing stored");
    let unknown = app.get("/questionnaires/iciq", Some(&cookie)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn her_physiotherapist_sees_scores_with_bands_and_the_list_her_latest_and_nobody_else() {
    let app = app().await;
    let store = app.store.as_ref();
    let (her, _) = app.onboard("2026-11-10").await;
    let (other, _) = app.onboard("2026-11-12").await;
    let profile = profile_of(store, &her).await;
    app.post_form(
        "/questionnaires/sandvik",
        Some(&her),
        &format!("response_id={RESPONSE}&frequency=every-day-or-night&amount=more"),
    )
    .await;
    app.clock.set(crate::harness::at("2026-11-25T11:00:00Z"));
    app.post_form(
        "/questionnaires/sandvik",
        Some(&her),
        "frequency=few-times-a-month&amount=drops",
    )
    .await;
    let theirs = app.get("/progress", Some(&other)).await;
    assert!(
        !theirs.contains("id=\"scores-sandvik\""),
        "another mother sees none of hers"
    );
    // Her response's id is hers: another mother's form with it is refused, nothing changed.
    let taken = app
        .post_form(
            "/questionnaires/sandvik",
            Some(&other),
            &format!("response_id={RESPONSE}&frequency=none"),
        )
        .await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    assert_eq!(
        stored(&app, profile).await,
        [(Some(0), Some(12)), (None, Some(2))]
    );

    let (physio, staff) = signed_in_staff(store, 1, "An", StaffRole::Physiotherapist).await;
    let linked = link(store, profile, physio, "Dossier 17").await;
    let page = format!("/portal/mothers/{}", linked.0);
    let portal = app.get(&page, Some(&staff)).await;
    assert_eq!(portal.status, StatusCode::OK);
    assert!(portal.contains("id=\"scores-sandvik\""));
    assert!(
        portal.contains("<td>12</td><td>zeer ernstig</td>"),
        "{}",
        portal.body
    );
    assert!(portal.contains("<td>2</td><td>licht</td>"));
    let list = app.get("/portal/mothers", Some(&staff)).await;
    assert!(list.shows("Sandvik (laatste)"));
    assert!(list.contains("<td>2</td>"), "her latest score in the list");
    let (_, stranger) = signed_in_staff(store, 2, "Bo", StaffRole::Physiotherapist).await;
    let refused = app.get(&page, Some(&stranger)).await;
    assert!(!refused.contains("id=\"scores-sandvik\""));
    assert!(refused.status.is_client_error(), "{}", refused.status);
}

#[test]
fn hangmat_check_refuses_a_wrong_questionnaire_file_saying_what_and_where() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let example = std::fs::read_to_string(root.join("config/uzleuven.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let config = example.replace(
        "# files = [\"questionnaires/iciq-ui-sf.json\"]",
        "files = [\"iciq.json\"]",
    );
    assert_ne!(config, example, "the example documents the key");
    std::fs::write(dir.path().join("hangmat.toml"), config).unwrap_or_else(|e| panic!("{e}"));
    let sandvik = std::fs::read_to_string(root.join("programme/questionnaires/sandvik.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let check = |questionnaire: &str| {
        std::fs::write(dir.path().join("iciq.json"), questionnaire)
            .unwrap_or_else(|e| panic!("{e}"));
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_hangmat"))
            .arg("check")
            .arg("--config")
            .arg(dir.path().join("hangmat.toml"))
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr),
        )
    };
    let (ok, said) = check(&sandvik.replacen("\"id\": \"sandvik\"", "\"id\": \"iciq\"", 1));
    assert!(ok, "{said}");
    assert!(said.contains("questionnaires are valid"), "{said}");
    let (ok, said) = check(
        &sandvik
            .replacen("\"id\": \"sandvik\"", "\"id\": \"iciq\"", 1)
            .replacen("\"linkId\": \"amount\"", "\"linkId\": \"frequency\"", 1),
    );
    assert!(!ok);
    assert!(
        said.contains("iciq.json: item frequency: linkId is used twice"),
        "{said}"
    );
    let (ok, said) = check(&sandvik);
    assert!(!ok);
    assert!(
        said.contains("iciq.json: id sandvik is already used"),
        "{said}"
    );
    let (ok, said) = check("{\"resourceType\": \"Questionnaire\"");
    assert!(!ok);
    assert!(
        said.contains("iciq.json: not a FHIR R4 Questionnaire in JSON"),
        "{said}"
    );

    // The server refuses to start on the same file, with the same words.
    let started = std::process::Command::new(env!("CARGO_BIN_EXE_hangmat"))
        .args(["serve", "--listen", "127.0.0.1:0", "--data"])
        .arg(dir.path().join("data"))
        .arg("--config")
        .arg(dir.path().join("hangmat.toml"))
        .env("HANGMAT_SECRET_KEY", "11".repeat(32))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let said = String::from_utf8_lossy(&started.stderr);
    assert!(!started.status.success());
    assert!(
        said.contains("iciq.json: not a FHIR R4 Questionnaire in JSON"),
        "{said}"
    );
}
