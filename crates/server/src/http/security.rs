//! Layers every response passes through: security headers, same-origin writes, page revalidation,
//! the remembered language, and request logs that carry nothing personal.

use crate::http::error::PageError;
use crate::http::visitor::{lang_cookie, query_lang, signed_in_profile};
use crate::state::AppState;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use sha2::{Digest, Sha256};

const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self'; media-src 'self' blob: data:; worker-src 'self'; \
    manifest-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
    screen-wake-lock=(self)";

/// How long a browser that saw the deployment over https keeps to https (two years, the usual
/// preload value); subdomains are left out, as they may be the hospital's other sites.
const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000";

/// Security headers on every response, and no caching of pages by shared caches. Behind an https
/// `public_url`, HSTS too, so a later visit cannot be downgraded to plain http by the network.
pub async fn headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if state.config().secure_cookies() {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        );
    }
    let set = |headers: &mut axum::http::HeaderMap, name, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        CONTENT_SECURITY_POLICY,
    );
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "no-referrer");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if !headers.contains_key(header::CACHE_CONTROL) {
        set(headers, header::CACHE_CONTROL, "private, no-cache");
    }
    response
}

/// Refuses state-changing requests that come from another site (CSRF), by the browser's own
/// `Sec-Fetch-Site` and `Origin` headers. Requests without them (curl, older browsers) pass: the
/// device cookie is SameSite=Lax, so a cross-site form post carries no session anyway.
pub async fn same_origin_writes(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let cross_site = match fetch_site {
        Some(site) => !matches!(site, "same-origin" | "none"),
        None => {
            let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
            let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
            match (origin, host) {
                (Some(origin), Some(host)) => origin_host(origin) != Some(host),
                _ => false,
            }
        }
    };
    if cross_site {
        return PageError::CrossSite.into_response();
    }
    next.run(request).await
}

fn origin_host(origin: &str) -> Option<&str> {
    origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'))
}

/// Pages (and the service worker, which is revalidated on every check for an update) carry a
/// validator, a hash of their body, so a repeat visit whose page did not change transfers no body:
/// the browser gets 304 Not Modified.
pub async fn etag_pages(request: Request, next: Next) -> Response {
    let is_get = request.method() == Method::GET;
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let revalidated = is_html
        || response
            .headers()
            .get(header::CACHE_CONTROL)
            .is_some_and(|v| v.as_bytes() == b"no-cache");
    let no_store = response
        .headers()
        .get(header::CACHE_CONTROL)
        .is_some_and(|v| v.as_bytes().starts_with(b"no-store"));
    if !is_get || !revalidated || no_store || response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, 4 * 1024 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let digest = Sha256::digest(&bytes);
    let tag = format!(
        "W/\"{}\"",
        digest
            .iter()
            .take(12)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    if if_none_match.as_ref().and_then(|v| v.to_str().ok()) == Some(tag.as_str()) {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.remove(header::CONTENT_TYPE);
        if let Ok(value) = HeaderValue::from_str(&tag) {
            parts.headers.insert(header::ETAG, value);
        }
        return Response::from_parts(parts, Body::empty());
    }
    if let Ok(value) = HeaderValue::from_str(&tag) {
        parts.headers.insert(header::ETAG, value);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// `?lang=xx` on any page: remembered in a cookie, as her profile's language when signed in,
/// and on a portal page as the signed-in staff member's portal language.
pub async fn remember_language(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let offered = &state.config().deployment.languages;
    let Some(lang) = query_lang(request.uri().query(), offered) else {
        return next.run(request).await;
    };
    let jar = CookieJar::from_headers(request.headers());
    if request
        .uri()
        .path()
        .starts_with(crate::portal::staff::PORTAL)
        && let Err(error) = crate::portal::staff::remember_language(&state, &jar, lang).await
    {
        return PageError::Store(error).into_response();
    }
    match signed_in_profile(&state, &jar).await {
        Ok(Some(mut profile)) if profile.language != lang.code() => {
            profile.language = lang.code().to_owned();
            if let Err(error) = state.store().update_profile(&profile).await {
                return PageError::Store(error).into_response();
            }
        }
        Ok(_) => {}
        Err(error) => return error.into_response(),
    }
    let response = next.run(request).await;
    let jar = jar.add(lang_cookie(lang, state.config().secure_cookies()));
    (jar, response).into_response()
}

/// The span of a request's log lines: its id, method and route template only. Never the path (it
/// holds link tokens and record ids), the query string, the body or a cookie.
pub fn log_span(request: &Request) -> tracing::Span {
    let id = request
        .extensions()
        .get::<crate::http::request_id::RequestId>()
        .map_or("", |id| id.0.as_str());
    let route = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or("unmatched", |path| path.as_str());
    tracing::info_span!("request", request_id = %id, method = %request.method(), route = %route)
}

/// One line per answered request, at `info`: its status and latency, in the request's span (the
/// access log an operator reads; the span holds the id, method and route).
pub fn log_response() -> tower_http::trace::DefaultOnResponse {
    tower_http::trace::DefaultOnResponse::new()
        .level(tracing::Level::INFO)
        .latency_unit(tower_http::LatencyUnit::Micros)
}
