//! `PUT /api/outcomes/{id}`: a session's outcome from the player or the offline outbox, under an
//! id the browser made, so a retry after a lost answer is counted once.

use super::{parse_id, parse_json, saved_answer, signed_in};
use crate::http::error::ApiError;
use crate::http::visitor::Visitor;
use crate::services::outcome::{RecordError, record_outcome};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use hangmat_core::outcome::OutcomeReport;

/// `PUT /api/outcomes/{id}`: a session's outcome, new or with its rating added.
///
/// The hottest write of the app (every session of every mother, and each phone's offline outbox
/// flushing at once): it reads nothing per request beyond what the store keeps at hand, and the
/// store answers the write and her day's tally in one trip (SQLite: in its group commit).
#[utoipa::path(
    put,
    path = "/api/outcomes/{id}",
    params(("id" = uuid::Uuid, Path, description = "An id the browser made for this outcome")),
    request_body(content = OutcomeReport, content_type = "application/json"),
    responses(
        (status = 201, description = "Stored", body = super::Saved),
        (status = 200, description = "Already stored (a retry): counted once", body = super::Saved),
    ),
)]
pub async fn put_outcome(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let profile = signed_in(&visitor)?;
    let id = parse_id(&visitor, &id)?;
    let report: OutcomeReport = parse_json(&visitor, &body)?;
    let lang = visitor.lang;
    let recorded = record_outcome(&state, profile, id, report, state.now())
        .await
        .map_err(|error| match error {
            RecordError::Refused(refused) => ApiError::invalid(lang, refused.to_string()),
            RecordError::Store(error) => ApiError::store(lang, error),
        })?;
    Ok(saved_answer(
        id,
        recorded.written,
        recorded.tally,
        recorded.daily_target,
    ))
}
