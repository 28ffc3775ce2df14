//! `PUT /api/coordination/{id}`: one coordination tap (a squeeze before a cough or a lift), under
//! an id the browser made so a retry counts once.

use super::{parse_id, parse_json, saved_answer, signed_in};
use crate::http::error::ApiError;
use crate::http::visitor::Visitor;
use crate::state::AppState;
use crate::view::zone_of;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use hangmat_core::outcome::check_tap;
use hangmat_core::timeline::local_date;
use jiff::Timestamp;
use serde::Deserialize;

/// When she squeezed.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TapReport {
    #[schema(value_type = String, format = DateTime)]
    at: Timestamp,
}

/// `PUT /api/coordination/{id}`: one coordination tap.
#[utoipa::path(
    put,
    path = "/api/coordination/{id}",
    params(("id" = uuid::Uuid, Path, description = "An id the browser made for this tap")),
    request_body(content = TapReport, content_type = "application/json"),
    responses(
        (status = 201, description = "Stored", body = super::Saved),
        (status = 200, description = "Already stored (a retry): counted once", body = super::Saved),
    ),
)]
pub async fn put_tap(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let profile = signed_in(&visitor)?;
    let id = parse_id(&visitor, &id)?;
    let report: TapReport = parse_json(&visitor, &body)?;
    // The clock is read once: the tap's day and the day of the tally answered cannot differ.
    let now = state.now();
    let zone = zone_of(&state, profile);
    let tap = check_tap(report.at, &zone, now)
        .map_err(|error| ApiError::invalid(visitor.lang, error.to_string()))?;
    let written = state
        .store()
        .save_tap(profile.id, id, &tap)
        .await
        .map_err(|e| ApiError::store(visitor.lang, e))?;
    let programme = crate::services::programme::effective_programme(&state, profile.id)
        .await
        .map_err(|e| ApiError::store(visitor.lang, e))?;
    let tally = state
        .store()
        .day_tally(profile.id, local_date(now, &zone))
        .await
        .map_err(|e| ApiError::store(visitor.lang, e))?;
    let target = programme.schedule.daily_contraction_target;
    Ok(saved_answer(id, written, tally, target))
}
