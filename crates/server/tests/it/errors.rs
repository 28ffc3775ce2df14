//! Every error is ours: the JSON API answers RFC 9457 problems, a page's form an error page, both
//! in her language (her profile's, not her browser's), whatever refused the request.

use crate::harness::{HARNESS_CSRF_COOKIE, Reply, TestApp, app, full_outcome, harness_csrf_token};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

/// A French mother whose phone's browser asks for Dutch.
async fn french_mother(app: &TestApp) -> String {
    let reply = app
        .post_form(
            "/start",
            None,
            "birth_date=2026-11-10&tz=Europe%2FBrussels&lang=fr",
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let device = reply
        .device_cookie()
        .unwrap_or_else(|| panic!("no device cookie"));
    format!("{HARNESS_CSRF_COOKIE}; {device}")
}

async fn send(
    app: &TestApp,
    method: &str,
    path: &str,
    cookie: &str,
    content_type: &str,
    body: Vec<u8>,
) -> Reply {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::COOKIE, cookie)
        .header(header::ACCEPT_LANGUAGE, "nl-BE,nl;q=0.9")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap_or_default();
    app.send(request).await
}

fn form(fields: &str) -> Vec<u8> {
    format!("{fields}&csrf={}", harness_csrf_token()).into_bytes()
}

/// A problem document with this type and a French title.
fn assert_problem(reply: &Reply, status: StatusCode, kind: &str, title: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert!(
        reply
            .header("content-type")
            .starts_with("application/problem+json"),
        "{}: {}",
        reply.header("content-type"),
        reply.body
    );
    let problem: serde_json::Value =
        serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body));
    assert_eq!(problem["type"], format!("/problems/{kind}"));
    assert_eq!(problem["title"], title);
    assert_eq!(problem["status"], status.as_u16());
}

/// An error page with this heading, in French.
fn assert_page(reply: &Reply, status: StatusCode, heading: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert!(
        reply.header("content-type").starts_with("text/html"),
        "{}",
        reply.header("content-type")
    );
    assert!(reply.body.contains(r#"<html lang="fr">"#), "{}", reply.body);
    assert!(reply.shows(heading), "{}", reply.body);
}

#[tokio::test]
async fn api_errors_are_problems_in_her_language_whatever_refused_them() {
    let app = app().await;
    let cookie = french_mother(&app).await;
    let id = "/api/outcomes/0193b7a0-0000-7000-8000-000000000001";
    let outcome = full_outcome("2026-11-25T07:40:00Z", "2026-11-25T07:46:00Z");

    for content_type in ["text/plain", "application/xml"] {
        let reply = send(
            &app,
            "PUT",
            id,
            &cookie,
            content_type,
            outcome.clone().into_bytes(),
        )
        .await;
        assert_problem(
            &reply,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "malformed-request",
            "La demande n'a pas pu être lue.",
        );
    }
    let as_form = send(
        &app,
        "PUT",
        id,
        &cookie,
        "application/x-www-form-urlencoded",
        form("hold_counts=5"),
    )
    .await;
    assert_problem(
        &as_form,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "malformed-request",
        "La demande n'a pas pu être lue.",
    );
    let huge = format!(r#"{{"padding":"{}"}}"#, "x".repeat(20 * 1024 * 1024));
    let too_large = send(
        &app,
        "PUT",
        id,
        &cookie,
        "application/json",
        huge.into_bytes(),
    )
    .await;
    assert_problem(
        &too_large,
        StatusCode::PAYLOAD_TOO_LARGE,
        "too-large",
        "C'est trop volumineux pour être envoyé.",
    );
    let unknown = send(
        &app,
        "GET",
        "/api/nothing-here",
        &cookie,
        "application/json",
        Vec::new(),
    )
    .await;
    assert_problem(
        &unknown,
        StatusCode::NOT_FOUND,
        "not-found",
        "Il n'y a rien à cette adresse.",
    );
    let wrong_method = send(&app, "DELETE", id, &cookie, "application/json", Vec::new()).await;
    assert_problem(
        &wrong_method,
        StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        "Cette adresse n'accepte pas ce type de demande.",
    );
    // The right request still works.
    let saved = send(
        &app,
        "PUT",
        id,
        &cookie,
        "application/json",
        outcome.into_bytes(),
    )
    .await;
    assert_eq!(saved.status, StatusCode::CREATED, "{}", saved.body);
}

#[tokio::test]
async fn form_errors_are_pages_in_her_language_whatever_refused_them() {
    let app = app().await;
    let cookie = french_mother(&app).await;
    let duplicate = send(
        &app,
        "POST",
        "/settings/hold",
        &cookie,
        "application/x-www-form-urlencoded",
        form("hold_counts=5&hold_counts=6"),
    )
    .await;
    assert_page(
        &duplicate,
        StatusCode::UNPROCESSABLE_ENTITY,
        "Nous n'avons pas pu lire ce formulaire",
    );
    assert!(!duplicate.body.contains("duplicate field"));
    let other_type = send(
        &app,
        "POST",
        "/settings/hold",
        &cookie,
        "text/plain",
        b"hold_counts=5".to_vec(),
    )
    .await;
    assert_page(
        &other_type,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "Nous n'avons pas pu lire ce formulaire",
    );
    let big = form(&format!("hold_counts=5&notes={}", "x".repeat(300 * 1024)));
    let too_large = send(
        &app,
        "POST",
        "/settings/hold",
        &cookie,
        "application/x-www-form-urlencoded",
        big,
    )
    .await;
    assert_page(
        &too_large,
        StatusCode::PAYLOAD_TOO_LARGE,
        "C'est trop volumineux",
    );
    let missing = send(&app, "GET", "/nope", &cookie, "text/html", Vec::new()).await;
    assert_page(&missing, StatusCode::NOT_FOUND, "Page introuvable");
}

/// A relying party the deployment's address cannot make (here an IP address: WebAuthn needs a
/// domain) is the server's fault: a logged 500, not "invalid input" for her.
#[tokio::test]
async fn a_webauthn_misconfiguration_is_a_server_error() {
    let config = hangmat_server::config::EXAMPLE_CONFIG.replace(
        "public_url = \"http://127.0.0.1:8080\"",
        "public_url = \"https://10.0.0.1\"",
    );
    assert_ne!(config, hangmat_server::config::EXAMPLE_CONFIG);
    let app = crate::harness::app_with_config(&config).await;
    let cookie = french_mother(&app).await;
    let reply = send(
        &app,
        "POST",
        "/api/passkeys/register/start",
        &cookie,
        "application/json",
        b"{}".to_vec(),
    )
    .await;
    assert_problem(
        &reply,
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "Un problème est survenu de notre côté.",
    );
}
