//! CSRF tokens on every state-changing form, the mother's and the portal's alike.
//!
//! The Origin/Sec-Fetch-Site check (security.rs) already refuses cross-site writes from modern
//! browsers; this is the second, independent lock for browsers or proxies that drop those
//! headers. Each browser holds a random `hangmat_csrf` cookie (HttpOnly, SameSite=Strict); every
//! form carries a hidden field whose value is a hash of that cookie, which another site can
//! neither read nor compute. The layer checks the field on every form post (urlencoded or
//! multipart) before any handler runs, so a new form cannot forget it; JSON writes need no token
//! (a cross-site page cannot send `application/json` without a CORS preflight, which we never
//! answer).
//!
//! Templates get the token through [`current`] (the layer scopes it to the request's task), and
//! `Chrome` carries it as `chrome.csrf`: `<input type="hidden" name="csrf" value="{{ chrome.csrf }}">`.

use crate::http::error::PageError;

use crate::state::AppState;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// The cookie that holds a browser's CSRF secret.
pub const CSRF_COOKIE: &str = "hangmat_csrf";
/// The form field that carries the token.
pub const CSRF_FIELD: &str = "csrf";
/// The largest form body read to find the token (forms here are small).
const MAX_FORM_BYTES: usize = 256 * 1024;

tokio::task_local! {
    static CURRENT: String;
}

/// The token every form of the current request's page must carry ("" outside a request).
pub fn current() -> String {
    CURRENT.try_with(Clone::clone).unwrap_or_default()
}

/// The token that goes with a cookie value.
pub fn token_for(cookie_value: &str) -> String {
    let digest = Sha256::digest(format!("hangmat-csrf\0{cookie_value}").as_bytes());
    URL_SAFE_NO_PAD.encode(digest)
}

fn csrf_cookie(value: String, secure: bool) -> Cookie<'static> {
    let mut cookie = Cookie::new(CSRF_COOKIE, value);
    cookie.set_http_only(true);
    cookie.set_same_site(SameSite::Strict);
    cookie.set_secure(secure);
    cookie.set_path("/");
    cookie.set_max_age(cookie::time::Duration::days(400));
    cookie
}

fn is_form(request: &Request) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_ascii_lowercase())
        .is_some_and(|v| {
            v.starts_with("application/x-www-form-urlencoded")
                || v.starts_with("multipart/form-data")
        })
}

/// The `csrf` field of a urlencoded body, or of a multipart body's part of that name.
fn submitted_token(content_type: &str, body: &[u8]) -> Option<String> {
    if content_type.starts_with("multipart/form-data") {
        let text = String::from_utf8_lossy(body);
        let marker = format!("name=\"{CSRF_FIELD}\"");
        let after = &text[text.find(&marker)? + marker.len()..];
        let value = after.split("\r\n\r\n").nth(1)?;
        return Some(value.split("\r\n").next()?.trim().to_owned());
    }
    form_urlencoded_value(body, CSRF_FIELD)
}

fn form_urlencoded_value(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

/// The layer: scopes the token to the request, checks it on form posts, and gives a browser
/// without a CSRF cookie one.
pub async fn protect_forms(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let jar = CookieJar::from_headers(request.headers());
    let existing = jar.get(CSRF_COOKIE).map(|c| c.value().to_owned());
    let (secret, fresh) = match existing {
        Some(value) if !value.is_empty() => (value, false),
        _ => (state.random().token(), true),
    };
    let token = token_for(&secret);
    let writes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let request = if writes && is_form(&request) {
        if crate::api::is_api_path(request.uri().path()) {
            // The API takes JSON only; a form there is refused for what it is.
            return StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response();
        }
        if fresh {
            return PageError::FormExpired.into_response();
        }
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        let (parts, body) = request.into_parts();
        let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
            return PageError::TooLarge.into_response();
        };
        if submitted_token(&content_type, &bytes).as_deref() != Some(token.as_str()) {
            return PageError::FormExpired.into_response();
        }
        Request::from_parts(parts, Body::from(bytes))
    } else {
        request
    };
    let response = CURRENT.scope(token, next.run(request)).await;
    if fresh {
        let jar = CookieJar::new().add(csrf_cookie(secret, state.config().secure_cookies()));
        return (jar, response).into_response();
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_differ_per_cookie_and_never_equal_it() {
        assert_ne!(token_for("a"), token_for("b"));
        assert_eq!(token_for("a"), token_for("a"));
        assert_ne!(token_for("a"), "a");
    }

    #[test]
    fn the_token_is_found_in_urlencoded_and_multipart_bodies() {
        assert_eq!(
            submitted_token("application/x-www-form-urlencoded", b"x=1&csrf=abc%2Dd"),
            Some("abc-d".into())
        );
        assert_eq!(
            submitted_token("application/x-www-form-urlencoded", b"x=1"),
            None
        );
        let body = b"--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n--b--\r\n";
        assert_eq!(
            submitted_token("multipart/form-data; boundary=b", body),
            Some("tok".into())
        );
    }

    #[test]
    fn outside_a_request_the_token_is_empty() {
        assert_eq!(current(), "");
    }
}
