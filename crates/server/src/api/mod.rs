//! The JSON API her phone writes to: the player's outcomes and taps, the offline outbox, push
//! subscriptions, snooze, passkey registration. Answers are JSON, errors RFC 9457 problems.

pub mod coordination;
pub mod leaks;
pub mod openapi;
pub mod outcomes;
pub mod passkeys;
pub mod push;
pub mod snooze;

use crate::http::error::ApiError;
use crate::http::visitor::Visitor;
use axum::Json;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hangmat_core::progress::DayTally;
use hangmat_store::{Profile, Written};
use serde::{Deserialize, Serialize};

/// What a write answers: what today now counts, so the page can show it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Saved {
    id: uuid::Uuid,
    created: bool,
    today_contractions: u32,
    today_target: u32,
}

pub fn signed_in(visitor: &Visitor) -> Result<&Profile, ApiError> {
    visitor
        .profile
        .as_ref()
        .ok_or_else(|| ApiError::not_signed_in(visitor.lang))
}

pub fn parse_id(visitor: &Visitor, id: &str) -> Result<uuid::Uuid, ApiError> {
    uuid::Uuid::parse_str(id).map_err(|_| ApiError::malformed(visitor.lang, "id: not a UUID"))
}

/// The passkey sign-in ceremonies, JSON though outside `/api/` (they run before any session).
pub const SIGN_IN_CEREMONIES: [&str; 4] = [
    "/restore/passkey/start",
    "/restore/passkey/finish",
    "/portal/passkey/start",
    "/portal/passkey/finish",
];

/// Whether a path belongs to a JSON API (hers, the portal's, the passkey sign-in ceremonies),
/// whose errors are problem documents, never pages.
pub fn is_api_path(path: &str) -> bool {
    path.starts_with("/api/")
        || path.starts_with("/portal/api/")
        || SIGN_IN_CEREMONIES.contains(&path)
}

/// Refuses an API write whose body is not declared JSON (415), before any handler reads it: a
/// body in another type would otherwise be parsed as JSON anyway, and a `text/plain` write is one
/// another site can send without a CORS preflight.
pub async fn json_bodies_only(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let has_body = request.headers().contains_key(header::CONTENT_TYPE)
        || request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim() != "0");
    if has_body && !is_json(request.headers()) {
        return StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response();
    }
    next.run(request).await
}

/// Whether a request declares a JSON body (`application/json`, any parameters).
pub fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

pub fn parse_json<T: for<'de> Deserialize<'de>>(
    visitor: &Visitor,
    body: &Bytes,
) -> Result<T, ApiError> {
    serde_json::from_slice(body)
        .map_err(|error| ApiError::malformed(visitor.lang, format!("body: {error}")))
}

/// The answer to a write: 201 for a new record, 200 for a retry, with her day's count.
/// 201 for a new record, 200 for one already there (a retry under the same id).
pub fn written_status(written: Written) -> StatusCode {
    match written {
        Written::Created => StatusCode::CREATED,
        Written::AlreadyThere => StatusCode::OK,
    }
}

pub fn saved_answer(
    id: uuid::Uuid,
    written: Written,
    tally: DayTally,
    today_target: u32,
) -> Response {
    let status = written_status(written);
    let body = Saved {
        id,
        created: written == Written::Created,
        today_contractions: tally.contractions(),
        today_target,
    };
    (status, Json(body)).into_response()
}
