//! Errors mapped to HTTP in one place: an HTML page for pages, RFC 9457 problem JSON for the API.
//!
//! A page handler's error does not know the page's language, so it leaves a marker on the response
//! and the `error_pages` middleware, which sees the request, renders the page in her language. Every
//! server-side failure is logged with its cause chain; nothing of her data goes into the log.

use crate::i18n::{Lang, Tr};
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hangmat_store::StoreError;
use serde::Serialize;

/// Why a page could not be shown.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("not signed in")]
    NotSignedIn(Lang),
    #[error("page not found")]
    NotFound,
    #[error("the request came from another site")]
    CrossSite,
    /// A form without its CSRF token (or with a stale one).
    #[error("the form's token is missing or stale")]
    FormExpired,
    /// A portal page asked for by someone not signed in as staff.
    #[error("staff not signed in")]
    StaffNotSignedIn,
    /// Signed in, but the policy refuses (e.g. a physiotherapist on an admin page).
    #[error("not allowed")]
    Forbidden,
    /// A form larger than any of ours.
    #[error("the form is too large")]
    TooLarge,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Left on an error response for the `error_pages` middleware: which message to show.
#[derive(Debug, Clone, Copy)]
pub struct ErrorPage {
    pub message_id: &'static str,
}

/// Logs an internal failure with its whole cause chain.
pub fn log_failure(error: &(dyn std::error::Error + 'static)) {
    let mut chain = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        chain.push_str(": ");
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    tracing::error!(error = %chain, "request failed");
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, message_id) = match &self {
            PageError::NotSignedIn(_) => return Redirect::to("/").into_response(),
            PageError::NotFound => (StatusCode::NOT_FOUND, "error-not-found"),
            PageError::CrossSite => (StatusCode::FORBIDDEN, "error-cross-site"),
            PageError::FormExpired => (StatusCode::FORBIDDEN, "error-form-expired"),
            PageError::StaffNotSignedIn => return Redirect::to("/portal/login").into_response(),
            PageError::Forbidden => (StatusCode::FORBIDDEN, "error-forbidden"),
            PageError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "error-too-large"),
            PageError::Store(StoreError::IdTaken) => (StatusCode::CONFLICT, "error-conflict"),
            PageError::Store(error) => {
                log_failure(error);
                (StatusCode::SERVICE_UNAVAILABLE, "error-unavailable")
            }
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(ErrorPage { message_id });
        response
    }
}

/// An RFC 9457 problem document. The `error_pages` middleware adds the request's id to every one
/// as the extension member `request_id` (see `http/request_id.rs`), so a caller can quote it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// `/problems/{kind}`, e.g. `/problems/invalid-input`.
    #[serde(rename = "type")]
    pub kind: String,
    /// What went wrong, in her language.
    pub title: String,
    pub status: u16,
    /// Which field or part of the request, in English (for whoever reads the logs of a client).
    pub detail: String,
}

/// Why an API call failed; `title` is in the caller's language, `detail` names the field.
#[derive(Debug)]
pub struct ApiError {
    pub lang: Lang,
    pub status: StatusCode,
    pub kind: &'static str,
    pub detail: String,
}

impl ApiError {
    pub fn invalid(lang: Lang, detail: impl Into<String>) -> Self {
        Self {
            lang,
            status: StatusCode::UNPROCESSABLE_ENTITY,
            kind: "invalid-input",
            detail: detail.into(),
        }
    }

    pub fn malformed(lang: Lang, detail: impl Into<String>) -> Self {
        Self {
            lang,
            status: StatusCode::BAD_REQUEST,
            kind: "malformed-request",
            detail: detail.into(),
        }
    }

    /// A write whose body is not declared JSON. Only JSON writes go without a CSRF token, because
    /// another site cannot send `application/json` without a CORS preflight (never answered);
    /// a `text/plain` POST would need none, so it is refused.
    pub fn not_json(lang: Lang) -> Self {
        Self {
            lang,
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            kind: "malformed-request",
            detail: "content-type: must be application/json".into(),
        }
    }

    /// A failure of the server's own making (e.g. its WebAuthn relying party cannot be built):
    /// logged, and answered 500 without the cause.
    pub fn internal(lang: Lang, what: &str, error: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %error, what, "request failed");
        Self {
            lang,
            status: StatusCode::INTERNAL_SERVER_ERROR,
            kind: "internal",
            detail: format!("{what}: the server could not do this; it has been logged"),
        }
    }

    /// The problem for an error answer that no handler made (a rejected body, an unknown route,
    /// a time limit): its kind follows the status, its detail is what the layer said.
    pub fn from_status(lang: Lang, status: StatusCode, detail: String) -> Self {
        let kind = match status {
            StatusCode::NOT_FOUND => "not-found",
            StatusCode::METHOD_NOT_ALLOWED => "method-not-allowed",
            StatusCode::PAYLOAD_TOO_LARGE => "too-large",
            StatusCode::REQUEST_TIMEOUT => "timeout",
            StatusCode::UNPROCESSABLE_ENTITY => "invalid-input",
            StatusCode::UNAUTHORIZED => "not-signed-in",
            StatusCode::FORBIDDEN => "forbidden",
            status if status.is_server_error() => "unavailable",
            _ => "malformed-request",
        };
        Self {
            lang,
            status,
            kind,
            detail,
        }
    }

    /// A push subscription whose endpoint is not one of the listed push services.
    pub fn push_service_refused(lang: Lang) -> Self {
        Self {
            lang,
            status: StatusCode::UNPROCESSABLE_ENTITY,
            kind: "push-service-refused",
            detail: "endpoint: not a listed push service (https on its default port)".into(),
        }
    }

    pub fn not_signed_in(lang: Lang) -> Self {
        Self {
            lang,
            status: StatusCode::UNAUTHORIZED,
            kind: "not-signed-in",
            detail: "no profile on this device".into(),
        }
    }

    pub fn store(lang: Lang, error: StoreError) -> Self {
        match error {
            StoreError::IdTaken => Self {
                lang,
                status: StatusCode::CONFLICT,
                kind: "id-taken",
                detail: "this id belongs to another record; make a new id".into(),
            },
            other => {
                log_failure(&other);
                Self {
                    lang,
                    status: StatusCode::SERVICE_UNAVAILABLE,
                    kind: "unavailable",
                    detail: "the database did not answer; try again later".into(),
                }
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let title = Tr::new(self.lang).get(&format!("problem-{}", self.kind));
        let problem = Problem {
            kind: format!("/problems/{}", self.kind),
            title,
            status: self.status.as_u16(),
            detail: self.detail,
        };
        let mut response = (self.status, Json(problem)).into_response();
        response.headers_mut().insert(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/problem+json"),
        );
        response
    }
}

/// Problem kinds the API can answer with, for the translation tests.
pub const PROBLEM_KINDS: [&str; 13] = [
    "internal",
    "not-found",
    "method-not-allowed",
    "too-large",
    "timeout",
    "forbidden",
    "push-service-refused",
    "invalid-input",
    "malformed-request",
    "not-signed-in",
    "id-taken",
    "unavailable",
    "account-disabled",
];
