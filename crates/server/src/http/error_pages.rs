//! Error answers in our shape and in her language, whoever made them.
//!
//! Handlers leave an [`ErrorPage`] marker on a page's error response; this middleware, which sees
//! the request, renders the page. Errors no handler made — a body axum's extractors refused (a
//! duplicate form field, another content type, too large), an unknown method, a time limit — come
//! out of axum as `text/plain` or empty: on the JSON API they become RFC 9457 problems, on pages
//! an error page. The language is hers: the one she chose for her profile (or the portal's
//! `?lang=` / cookie), not her browser's, looked up only when an error is answered.

use crate::api::is_api_path;
use crate::http::error::{ApiError, ErrorPage};
use crate::http::request_id::RequestId;
use crate::http::visitor::{LANG_COOKIE, query_lang, signed_in_profile};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::view::Chrome;
use crate::view::MessagePage;
use askama::Template;
use axum::body::to_bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;

/// The most of an unexpected error body kept as a problem's detail.
const MAX_DETAIL_BYTES: usize = 1024;

pub async fn render_error_pages(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if request.uri().path() == "/healthz" {
        return next.run(request).await; // monitors read its plain status
    }
    let uri = request.uri().clone();
    let headers = request.headers().clone();
    let request_id = request.extensions().get::<RequestId>().cloned();
    let response = next.run(request).await;
    let status = response.status();
    let marker = response.extensions().get::<ErrorPage>().copied();
    if marker.is_none() && !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    if is_problem(response.headers()) {
        return with_request_id(response, request_id.as_ref()).await;
    }
    if marker.is_none() && is_html(response.headers()) {
        return response;
    }
    let lang = her_lang(&state, &uri, &headers).await;
    if is_api_path(uri.path()) {
        let detail = match marker {
            Some(marker) => marker
                .message_id
                .trim_start_matches("error-")
                .replace('-', " "),
            None => {
                let bytes = to_bytes(response.into_body(), MAX_DETAIL_BYTES)
                    .await
                    .unwrap_or_default();
                let text = String::from_utf8_lossy(&bytes).trim().to_owned();
                if text.is_empty() {
                    status.canonical_reason().unwrap_or("error").to_lowercase()
                } else {
                    text
                }
            }
        };
        let problem = ApiError::from_status(lang, status, detail).into_response();
        return with_request_id(problem, request_id.as_ref()).await;
    }
    let message_id = marker.map_or_else(|| page_message(status), |marker| marker.message_id);
    let chrome = Chrome::new(&state, lang, message_id, "", false);
    let t = chrome.t;
    let mut paragraphs = vec![t.get(&format!("{message_id}-text"))];
    if let Some(RequestId(id)) = &request_id {
        paragraphs.push(t.text("error-request-id", "id", id));
    }
    let page = MessagePage {
        heading: t.get(message_id),
        paragraphs,
        link_href: "/".into(),
        link_text: t.get("error-back-home"),
        chrome,
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => status.into_response(),
    }
}

/// The most of a problem document read to add the request id to it (ours are a few hundred bytes).
const MAX_PROBLEM_BYTES: usize = 16 * 1024;

/// A problem document with the request's id as its `request_id` member (RFC 9457 allows extension
/// members), so a caller can quote it; a body that is not one of ours passes unchanged.
async fn with_request_id(response: Response, id: Option<&RequestId>) -> Response {
    let Some(RequestId(id)) = id else {
        return response;
    };
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_PROBLEM_BYTES).await else {
        return (parts.status, "").into_response();
    };
    let body = match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(serde_json::Value::Object(mut problem)) => {
            problem.insert("request_id".into(), serde_json::Value::String(id.clone()));
            serde_json::to_vec(&problem).unwrap_or_else(|_| bytes.to_vec())
        }
        _ => bytes.to_vec(),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(body))
}

/// The page for an error answer no handler marked.
fn page_message(status: StatusCode) -> &'static str {
    match status {
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => "error-not-found",
        StatusCode::PAYLOAD_TOO_LARGE => "error-too-large",
        StatusCode::REQUEST_TIMEOUT => "error-timeout",
        status if status.is_server_error() => "error-unavailable",
        _ => "error-bad-form",
    }
}

fn content_type(headers: &HeaderMap) -> &str {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

fn is_problem(headers: &HeaderMap) -> bool {
    content_type(headers).starts_with("application/problem+json")
}

fn is_html(headers: &HeaderMap) -> bool {
    content_type(headers).starts_with("text/html")
}

/// Her language for an error: `?lang=`, else her profile's, else the chosen-language cookie,
/// else her browser's, else the deployment's.
async fn her_lang(state: &AppState, uri: &Uri, headers: &HeaderMap) -> Lang {
    let offered = &state.config().deployment.languages;
    if let Some(lang) = query_lang(uri.query(), offered) {
        return lang;
    }
    let jar = CookieJar::from_headers(headers);
    let profile = signed_in_profile(state, &jar).await.ok().flatten();
    profile
        .and_then(|p| Lang::parse(&p.language))
        .filter(|l| offered.contains(l))
        .or_else(|| {
            jar.get(LANG_COOKIE)
                .and_then(|c| Lang::parse(c.value()))
                .filter(|l| offered.contains(l))
        })
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| Lang::from_accept_language(v, offered))
        })
        .unwrap_or_else(|| state.config().default_lang())
}
