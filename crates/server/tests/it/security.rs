//! Headers, cross-site protection, caching and the app shell.

use crate::harness::{app, app_with_config};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use hangmat_server::config::EXAMPLE_CONFIG;

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    for path in [
        "/",
        "/today",
        "/session",
        "/progress",
        "/settings",
        "/nope",
        "/healthz",
        "/sw.js",
        "/manifest.webmanifest",
    ] {
        let reply = app.get(path, Some(&cookie)).await;
        let csp = reply.header("content-security-policy");
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
            "{path}"
        );
        assert_eq!(reply.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(reply.header("referrer-policy"), "no-referrer", "{path}");
        assert!(
            reply.header("permissions-policy").contains("camera=()"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn pages_have_no_inline_script_or_style_and_no_third_party_address() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let pattern =
        regex::Regex::new(r#"(?:src|href)="(https?:)?//"#).unwrap_or_else(|e| panic!("{e}"));
    for path in ["/today", "/session", "/progress", "/settings"] {
        let body = app.get(path, Some(&cookie)).await.body;
        assert!(!body.contains(" style=\""), "{path} has an inline style");
        assert!(
            !body.contains("<script>") && !body.contains("onclick="),
            "{path} has inline script"
        );
        for found in pattern.find_iter(&body) {
            let rest = &body[found.start()..];
            let allowed = ["https://www.bicap.be", "https://www.pelvired.be"];
            assert!(
                allowed.iter().any(|a| rest.contains(a)),
                "{path}: {}",
                &rest[..60.min(rest.len())]
            );
        }
    }
}

#[tokio::test]
async fn cross_site_writes_are_refused() {
    let app = app().await;
    let request = Request::post("/start")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from("birth_date=2026-11-10"))
        .unwrap_or_default();
    let reply = app.send(request).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(
        reply.header("content-type").starts_with("text/html"),
        "an error page"
    );
    let request = Request::post("/start")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "hangmat.example")
        .header(header::ORIGIN, "https://evil.example")
        .body(Body::from("birth_date=2026-11-10"))
        .unwrap_or_default();
    assert_eq!(app.send(request).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn unchanged_pages_revalidate_without_a_body() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let first = app.get("/today", Some(&cookie)).await;
    let etag = first.header("etag").to_owned();
    assert!(etag.starts_with("W/\""));
    let request = Request::get("/today")
        .header(header::COOKIE, &cookie)
        .header(header::IF_NONE_MATCH, &etag)
        .body(Body::empty())
        .unwrap_or_default();
    let second = app.send(request).await;
    assert_eq!(second.status, StatusCode::NOT_MODIFIED);
    assert!(second.body.is_empty());
}

#[tokio::test]
async fn assets_are_immutable_under_their_hash_and_the_worker_knows_them() {
    let app = app().await;
    let worker = app.get("/sw.js", None).await;
    assert_eq!(worker.status, StatusCode::OK);
    assert_eq!(worker.header("cache-control"), "no-cache");
    let base = worker.body.split('"').nth(1).unwrap_or_default().to_owned();
    assert!(base.starts_with("/static/"), "{base}");
    assert!(worker.body.contains("\"css/app.css\"") && worker.body.contains("\"js/player.js\""));
    assert!(
        !worker.body.contains("icon-512.png"),
        "icons are cached on use, not at install"
    );
    let etag = worker.header("etag").to_owned();
    let request = Request::get("/sw.js")
        .header(header::IF_NONE_MATCH, &etag)
        .body(Body::empty())
        .unwrap_or_default();
    assert_eq!(
        app.send(request).await.status,
        StatusCode::NOT_MODIFIED,
        "an update check costs no body"
    );
    let css = app.get(&format!("{base}css/app.css"), None).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(
        css.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert!(css.header("content-type").starts_with("text/css"));
    assert_eq!(
        app.get("/static/000000000000/css/app.css", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("{base}sw.js"), None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn health_and_manifest_answer() {
    let app = app().await;
    assert_eq!(app.get("/healthz", None).await.status, StatusCode::OK);
    let manifest = app.get("/manifest.webmanifest?lang=fr", None).await;
    let json: serde_json::Value = serde_json::from_str(&manifest.body).unwrap_or_default();
    assert_eq!(json["lang"], "fr");
    assert_eq!(json["name"], "Hangmat", "a discreet name");
    assert_eq!(json["start_url"], "/today");
    assert!(
        json["icons"]
            .as_array()
            .is_some_and(|icons| icons.len() >= 2)
    );
}

#[tokio::test]
async fn unknown_pages_get_a_not_found_page_in_her_language() {
    let app = app().await;
    let reply = app.get("/nowhere?lang=fr", None).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let t = hangmat_server::i18n::Tr::new(hangmat_server::i18n::Lang::Fr);
    assert!(reply.shows(&t.get("error-not-found")));
}

/// Behind an https `public_url` every answer asks for https from now on and every cookie is
/// Secure; over plain http neither (a browser would refuse HSTS over http anyway).
#[tokio::test]
async fn https_deployments_send_hsts_and_secure_cookies() {
    let https = EXAMPLE_CONFIG.replace(
        "public_url = \"http://127.0.0.1:8080\"",
        "public_url = \"https://hangmat.example.be\"",
    );
    assert_ne!(https, EXAMPLE_CONFIG);
    let secure = app_with_config(&https).await;
    for path in ["/", "/nope", "/healthz", "/portal/login"] {
        let reply = secure.get(path, None).await;
        assert_eq!(
            reply.header("strict-transport-security"),
            "max-age=63072000",
            "{path}"
        );
    }
    let cookies = set_cookies(&secure).await;
    assert!(
        cookies.iter().any(|c| c.starts_with("hangmat_device=")),
        "{cookies:?}"
    );
    for cookie in &cookies {
        assert!(cookie.contains("; Secure"), "{cookie}");
    }

    let plain = app().await;
    let reply = plain.get("/", None).await;
    assert_eq!(reply.header("strict-transport-security"), "");
    let cookies = set_cookies(&plain).await;
    assert!(!cookies.is_empty());
    for cookie in &cookies {
        assert!(!cookie.contains("Secure"), "{cookie}");
    }
}

/// The cookies set when a mother starts (her device and language).
async fn set_cookies(app: &crate::harness::TestApp) -> Vec<String> {
    let started = app
        .post_form(
            "/start",
            None,
            "birth_date=2026-11-10&tz=Europe%2FBrussels&lang=nl",
        )
        .await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    started
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect()
}
