//! `POST /api/reminders/snooze`: the notification's "later" action, sent by the service worker.

use super::{is_json, parse_json, signed_in};
use crate::http::error::ApiError;
use crate::http::visitor::Visitor;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// How long to wait before reminding her again.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SnoozeRequest {
    /// 15 or 30.
    #[schema(minimum = 15, maximum = 30, multiple_of = 15)]
    minutes: u32,
}

/// `POST /api/reminders/snooze`: the notification's snooze action (from the service worker).
#[utoipa::path(
    post,
    path = "/api/reminders/snooze",
    request_body(content = SnoozeRequest, content_type = "application/json"),
    responses((status = 204, description = "Her next reminder moves later")),
)]
pub async fn snooze(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let profile = signed_in(&visitor)?;
    // A POST, unlike the PUT and DELETE writes, is a "simple" cross-site request unless its body
    // is declared JSON: only then does the CSRF layer's reasoning hold.
    if !is_json(&headers) {
        return Err(ApiError::not_json(visitor.lang));
    }
    let request: SnoozeRequest = parse_json(&visitor, &body)?;
    let snoozed = crate::services::snooze::snooze(&state, profile, request.minutes)
        .await
        .map_err(|e| ApiError::store(visitor.lang, e))?;
    if !snoozed {
        return Err(ApiError::invalid(visitor.lang, "minutes: must be 15 or 30"));
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
