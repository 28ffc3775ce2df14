//! The JSON API the player and the offline outbox write to. Every write is a PUT under an id the
//! browser made, so a retry after a lost answer is counted once.

use super::{today_of, zone_of};
use crate::app::AppState;
use crate::error::ApiError;
use crate::visitor::Visitor;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hangmat_core::outcome::{OutcomeReport, check_outcome, check_tap};
use hangmat_core::progress::DayTally;
use hangmat_store::{Profile, Written};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// What a write answers: what today now counts, so the page can show it.
#[derive(Debug, Serialize)]
struct Saved {
    id: uuid::Uuid,
    created: bool,
    today_contractions: u32,
    today_target: u32,
}

pub(super) fn signed_in(visitor: &Visitor) -> Result<&Profile, ApiError> {
    visitor
        .profile
        .as_ref()
        .ok_or_else(|| ApiError::not_signed_in(visitor.lang))
}

fn parse_id(visitor: &Visitor, id: &str) -> Result<uuid::Uuid, ApiError> {
    uuid::Uuid::parse_str(id).map_err(|_| ApiError::malformed(visitor.lang, "id: not a UUID"))
}

/// Whether a request declares a JSON body (`application/json`, any parameters).
pub(super) fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

pub(super) fn parse_json<T: for<'de> Deserialize<'de>>(
    visitor: &Visitor,
    body: &Bytes,
) -> Result<T, ApiError> {
    serde_json::from_slice(body)
        .map_err(|error| ApiError::malformed(visitor.lang, format!("body: {error}")))
}

/// The answer to a write: 201 for a new record, 200 for a retry, with her day's count.
fn saved_answer(id: uuid::Uuid, written: Written, tally: DayTally, today_target: u32) -> Response {
    let status = match written {
        Written::Created => StatusCode::CREATED,
        Written::AlreadyThere => StatusCode::OK,
    };
    let body = Saved {
        id,
        created: written == Written::Created,
        today_contractions: tally.contractions(),
        today_target,
    };
    (status, Json(body)).into_response()
}

/// `PUT /api/outcomes/{id}`: a session's outcome, new or with its rating added.
///
/// The hottest write of the app (every session of every mother, and each phone's offline outbox
/// flushing at once): it reads nothing per request beyond what the store keeps at hand, and the
/// store answers the write and her day's tally in one trip (SQLite: in its group commit).
pub async fn put_outcome(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let profile = signed_in(&visitor)?;
    let id = parse_id(&visitor, &id)?;
    let report: OutcomeReport = parse_json(&visitor, &body)?;
    let now = state.now();
    let programme = crate::care::effective_programme(&state, profile.id)
        .await
        .map_err(|e| ApiError::store(visitor.lang, e))?;
    let outcome = check_outcome(report, &programme, &zone_of(&state, profile), now)
        .map_err(|error| ApiError::invalid(visitor.lang, error.to_string()))?;
    let today = today_of(&state, profile);
    let (written, tally) = state
        .store()
        .save_outcome_tallied(profile.id, id, &outcome, now, today)
        .await
        .map_err(|e| ApiError::store(visitor.lang, e))?;
    let target = programme.schedule.daily_contraction_target;
    Ok(saved_answer(id, written, tally, target))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TapReport {
    at: Timestamp,
}

/// `PUT /api/coordination/{id}`: one coordination tap.
pub async fn put_tap(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let profile = signed_in(&visitor)?;
    let id = parse_id(&visitor, &id)?;
    let report: TapReport = parse_json(&visitor, &body)?;
    let now = state.now();
    let tap = check_tap(report.at, &zone_of(&state, profile), now)
        .map_err(|error| ApiError::invalid(visitor.lang, error.to_string()))?;
    let written = state
        .store()
        .save_tap(profile.id, id, &tap)
        .await
        .map_err(|e| ApiError::store(visitor.lang, e))?;
    let programme = crate::care::effective_programme(&state, profile.id)
        .await
        .map_err(|e| ApiError::store(visitor.lang, e))?;
    let tally = state
        .store()
        .day_tally(profile.id, today_of(&state, profile))
        .await
        .map_err(|e| ApiError::store(visitor.lang, e))?;
    let target = programme.schedule.daily_contraction_target;
    Ok(saved_answer(id, written, tally, target))
}
