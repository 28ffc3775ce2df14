//! The JSON API: idempotent writes under browser-made ids, RFC 9457 problems for bad input, and
//! records scoped to the mother who made them.

use crate::harness::{app, full_outcome};
use axum::http::StatusCode;

const ID: &str = "0193b7a0-0000-7000-8000-000000000001";

#[tokio::test]
async fn an_outcome_retried_or_rated_later_counts_once() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let body = full_outcome("2026-11-25T09:00:00Z", "2026-11-25T09:06:00Z");
    let first = app
        .put_json(&format!("/api/outcomes/{ID}"), Some(&cookie), &body)
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let again = app
        .put_json(&format!("/api/outcomes/{ID}"), Some(&cookie), &body)
        .await;
    assert_eq!(again.status, StatusCode::OK);
    let rated = body.replace("\"rating\":null", "\"rating\":\"hard\"");
    let third = app
        .put_json(&format!("/api/outcomes/{ID}"), Some(&cookie), &rated)
        .await;
    let answer: serde_json::Value = serde_json::from_str(&third.body).unwrap_or_default();
    assert_eq!(answer["today_contractions"], 20);
    assert_eq!(answer["today_target"], 60);
    assert!(
        app.get("/today", Some(&cookie))
            .await
            .contains("data-count=\"contractions\">20<")
    );
}

#[tokio::test]
async fn bad_input_gets_a_problem_in_her_language_and_loses_nothing() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let good = full_outcome("2026-11-25T09:00:00Z", "2026-11-25T09:06:00Z");
    app.put_json(&format!("/api/outcomes/{ID}"), Some(&cookie), &good)
        .await;
    let cases = [
        ("not-a-uuid", good.clone(), StatusCode::BAD_REQUEST),
        (ID, "{\"started_at\":".to_owned(), StatusCode::BAD_REQUEST),
        (
            ID,
            good.replace("\"reps_done\":10}]", "\"reps_done\":99}]"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            ID,
            good.replace("side", "handstand"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            ID,
            good.replace("2026-11-25T09", "2027-01-25T09"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            ID,
            good.replace("\"rating\":null", "\"rating\":\"awful\""),
            StatusCode::BAD_REQUEST,
        ),
        (
            ID,
            good.replace("\"rating\":null", "\"extra\":1"),
            StatusCode::BAD_REQUEST,
        ),
    ];
    let dutch = hangmat_server::i18n::Tr::new(hangmat_server::i18n::Lang::Nl);
    for (id, body, status) in cases {
        let reply = app
            .put_json(&format!("/api/outcomes/{id}"), Some(&cookie), &body)
            .await;
        assert_eq!(reply.status, status, "{body}: {}", reply.body);
        assert_eq!(reply.header("content-type"), "application/problem+json");
        let problem: serde_json::Value = serde_json::from_str(&reply.body).unwrap_or_default();
        assert_eq!(problem["status"], status.as_u16());
        let kind = problem["type"]
            .as_str()
            .unwrap_or("")
            .trim_start_matches("/problems/")
            .to_owned();
        assert_eq!(
            problem["title"],
            dutch.get(&format!("problem-{kind}")),
            "title in Dutch"
        );
        assert!(!problem["detail"].as_str().unwrap_or("").is_empty());
    }
    // The good outcome stored before is untouched.
    assert!(
        app.get("/today", Some(&cookie))
            .await
            .contains("data-count=\"contractions\">20<")
    );
}

#[tokio::test]
async fn without_a_profile_the_api_answers_401() {
    let app = app().await;
    let body = full_outcome("2026-11-25T09:00:00Z", "2026-11-25T09:06:00Z");
    let reply = app
        .put_json(&format!("/api/outcomes/{ID}"), None, &body)
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    let reply = app
        .put_json(
            &format!("/api/outcomes/{ID}"),
            Some("hangmat_device=forged"),
            &body,
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn another_mothers_id_is_refused_and_her_record_untouched() {
    let app = app().await;
    let (hers, _) = app.onboard("2026-11-10").await;
    let (mine, _) = app.onboard("2026-11-12").await;
    let body = full_outcome("2026-11-25T09:00:00Z", "2026-11-25T09:06:00Z");
    app.put_json(&format!("/api/outcomes/{ID}"), Some(&hers), &body)
        .await;
    let partial = body
        .replace("\"completed\":true", "\"completed\":false")
        .replace("\"reps_done\":10}]", "\"reps_done\":0}]");
    let reply = app
        .put_json(&format!("/api/outcomes/{ID}"), Some(&mine), &partial)
        .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert!(
        app.get("/today", Some(&hers))
            .await
            .contains("data-count=\"contractions\">20<")
    );
    assert!(
        app.get("/today", Some(&mine))
            .await
            .contains("data-count=\"contractions\">0<")
    );
}

#[tokio::test]
async fn coordination_taps_count_once_per_id() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    for _ in 0..3 {
        let reply = app
            .put_json(
                "/api/coordination/0193b7a0-0000-7000-8000-0000000000ff",
                Some(&cookie),
                "{\"at\":\"2026-11-25T09:30:00Z\"}",
            )
            .await;
        assert!(reply.status.is_success(), "{}", reply.body);
    }
    let future = app
        .put_json(
            "/api/coordination/0193b7a0-0000-7000-8000-0000000000fe",
            Some(&cookie),
            "{\"at\":\"2026-11-26T09:30:00Z\"}",
        )
        .await;
    assert_eq!(future.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        app.get("/today", Some(&cookie))
            .await
            .contains("data-count=\"coordination\">1<")
    );
}
