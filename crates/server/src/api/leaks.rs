//! `PUT /api/leaks/{id}`: "I leaked" from her phone's outbox, so a leak she taps offline is kept
//! with the time she tapped and sent when the network returns; the same id again adds the details
//! she chose (how much, what she was doing) to that leak. Today's plain forms (`mother/leaks.rs`)
//! stay for a browser without JavaScript.

use super::{parse_id, parse_json, signed_in, written_status};
use crate::http::error::ApiError;
use crate::http::visitor::Visitor;
use crate::state::AppState;
use crate::view::zone_of;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use hangmat_core::leak_log;
use hangmat_store::Written;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// When she tapped "I leaked", and what she chose to add (each optional).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LeakReport {
    #[schema(value_type = String, format = DateTime)]
    at: Timestamp,
    /// How much: `drops`, `little` or `lot`.
    #[serde(default)]
    amount: Option<String>,
    /// What she was doing: `cough`, `sneeze`, `laugh`, `lift`, `sport`, `on-the-way`, `urge` or
    /// `other`.
    #[serde(default)]
    activity: Option<String>,
}

/// What a leak's write answers.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LeakSaved {
    id: uuid::Uuid,
    /// `false` when the id was already there (a retry, or her details for it).
    created: bool,
}

/// `PUT /api/leaks/{id}`: one leak, or the details of one already logged.
#[utoipa::path(
    put,
    path = "/api/leaks/{id}",
    params(("id" = uuid::Uuid, Path, description = "An id the browser made for this leak")),
    request_body(content = LeakReport, content_type = "application/json"),
    responses(
        (status = 201, description = "Stored", body = LeakSaved),
        (status = 200, description = "Already stored: counted once, details set", body = LeakSaved),
    ),
)]
pub async fn put_leak(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let profile = signed_in(&visitor)?;
    let id = parse_id(&visitor, &id)?;
    let report: LeakReport = parse_json(&visitor, &body)?;
    let now = state.now();
    let leak = leak_log::reported(
        report.at,
        &zone_of(&state, profile),
        now,
        report.amount.as_deref(),
        report.activity.as_deref(),
    )
    .map_err(|error| ApiError::invalid(visitor.lang, error.to_string()))?;
    let written = state
        .store()
        .save_leak(profile.id, id, &leak, now)
        .await
        .map_err(|e| ApiError::store(visitor.lang, e))?;
    let created = written == Written::Created;
    Ok((written_status(written), Json(LeakSaved { id, created })).into_response())
}
