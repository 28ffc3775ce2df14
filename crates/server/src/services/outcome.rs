//! Recording a session's outcome: one path for the player's `PUT /api/outcomes/{id}` and the
//! hand-logged form on the session page. Core checks the report against her programme (the
//! prescription her physiotherapist set included); the store keeps it under the browser's id and
//! answers her day's tally in the same trip.
//!
//! The clock is read once by the caller and passed in, so the day the outcome counts toward and
//! the day the tally is read for cannot straddle midnight.

use crate::services::programme::effective_programme;
use crate::state::AppState;
use crate::view::zone_of;
use hangmat_core::outcome::{OutcomeError, OutcomeReport, check_outcome};
use hangmat_core::progress::DayTally;
use hangmat_core::timeline::local_date;
use hangmat_store::{Profile, StoreError, Written};
use jiff::Timestamp;

/// What a recorded outcome changed: whether it was new, and where her day now stands.
#[derive(Debug)]
pub struct Recorded {
    pub written: Written,
    pub tally: DayTally,
    /// Her day's contraction target (her own, when her physiotherapist set one).
    pub daily_target: u32,
}

/// Why an outcome was not recorded.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// Core refused the report; nothing was stored.
    #[error(transparent)]
    Refused(OutcomeError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Checks `report` against her programme (her prescription applied) and keeps it under `id`: a
/// retry of the same id counts once.
pub async fn record_outcome(
    state: &AppState,
    profile: &Profile,
    id: uuid::Uuid,
    report: OutcomeReport,
    now: Timestamp,
) -> Result<Recorded, RecordError> {
    let programme = effective_programme(state, profile.id).await?;
    let zone = zone_of(state, profile);
    let outcome = check_outcome(report, &programme, &zone, now).map_err(|refusal| {
        crate::metrics::outcome_written(crate::metrics::OutcomeWrite::Refused);
        RecordError::Refused(refusal)
    })?;
    let today = local_date(now, &zone);
    let (written, tally) = state
        .store()
        .save_outcome_tallied(profile.id, id, &outcome, now, today)
        .await?;
    crate::metrics::outcome_written(match written {
        hangmat_store::Written::Created => crate::metrics::OutcomeWrite::Created,
        hangmat_store::Written::AlreadyThere => crate::metrics::OutcomeWrite::AlreadyThere,
    });
    Ok(Recorded {
        written,
        tally,
        daily_target: programme.schedule.daily_contraction_target,
    })
}
