//! What makes the app an app: health check, manifest, service worker, embedded assets, the offline
//! page and the not-found answer.

use crate::http::error::{PageError, log_failure};
use crate::http::visitor::Visitor;
use crate::state::AppState;
use crate::view::Chrome;
use crate::view::MessagePage;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

pub async fn healthz(State(state): State<AppState>) -> Response {
    match state.store().ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(error) => {
            log_failure(&error);
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// The web app manifest, in her language. Its name is discreet: nothing intimate on a home screen.
pub async fn manifest(State(state): State<AppState>, visitor: Visitor) -> Response {
    let t = visitor.t();
    let base = state.assets().base();
    let body = json!({
        "name": "Hangmat",
        "short_name": "Hangmat",
        "description": t.get("manifest-description"),
        "lang": visitor.lang.code(),
        "start_url": "/today",
        "scope": "/",
        "display": "standalone",
        "background_color": "#f6f1ea",
        "theme_color": "#f6f1ea",
        "icons": [
            {"src": format!("{base}img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": format!("{base}img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": format!("{base}img/icon-maskable-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
            {"src": format!("{base}img/icon.svg"), "sizes": "any", "type": "image/svg+xml"}
        ]
    });
    let mut response = body.to_string().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/manifest+json"),
    );
    response
}

pub async fn service_worker(State(state): State<AppState>) -> Response {
    let mut response = state.assets().service_worker().to_owned().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

pub async fn asset(
    State(state): State<AppState>,
    Path((hash, path)): Path<(String, String)>,
) -> Response {
    let assets = state.assets();
    let Some(asset) = assets.get(&path).filter(|_| hash == assets.hash()) else {
        return PageError::NotFound.into_response();
    };
    let mut response = asset.bytes.into_owned().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    response
}

/// Shown by the service worker when a page was never visited and the phone is offline.
pub async fn offline(State(state): State<AppState>, visitor: Visitor) -> Response {
    let t = visitor.t();
    let page = MessagePage {
        chrome: Chrome::new(
            &state,
            visitor.lang,
            "offline-title",
            "",
            visitor.profile.is_some(),
        ),
        heading: t.get("offline-title"),
        paragraphs: vec![t.get("offline-text")],
        link_href: "/today".into(),
        link_text: t.get("offline-retry"),
    };
    crate::view::render(StatusCode::OK, &page)
}

pub async fn not_found() -> PageError {
    PageError::NotFound
}
