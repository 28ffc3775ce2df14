//! What her physiotherapist keeps about her care: her prescription with the full history of its
//! changes, and the records of her physiotherapy sessions.
//!
//! A change names the staff account by id *and* by the display name it had then, so the history
//! stays true when an account is renamed or removed. Both hang on her profile: erasing her erases
//! them.

use crate::{ProfileId, StoreResult};
use async_trait::async_trait;
use hangmat_core::physio_session::PhysioSession;
use hangmat_core::prescription::{Change, Prescription};
use jiff::Timestamp;
use std::collections::BTreeMap;
use uuid::Uuid;

/// A staff account as it was named when it acted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRef {
    pub id: Uuid,
    pub display_name: String,
}

/// One recorded change of her prescription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrescriptionChange {
    pub by: StaffRef,
    pub at: Timestamp,
    pub change: Change,
}

/// A physiotherapist's save of her prescription: the new prescription, what it changed (core's
/// diff, the hold included), who and when. A changed hold is also written to her hold history as
/// the physiotherapist's, in the same transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrescriptionUpdate {
    pub prescription: Prescription,
    pub changes: Vec<Change>,
    pub hold: Option<u32>,
    pub by: StaffRef,
    pub at: Timestamp,
}

/// A physiotherapy session as kept: the record, who wrote it last and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhysioSessionRecord {
    pub session: PhysioSession,
    pub recorded_by: StaffRef,
    pub recorded_at: Timestamp,
}

/// Everything of her care, for moving a profile between backends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CareDump {
    pub prescription: Prescription,
    pub history: Vec<PrescriptionChange>,
    pub sessions: Vec<PhysioSessionRecord>,
}

/// Her prescription and its history.
#[async_trait]
pub trait PrescriptionRepo: Send + Sync {
    /// Her current prescription; empty (the programme file's values) when none was set.
    async fn prescription(&self, profile: ProfileId) -> StoreResult<Prescription>;
    /// Replaces her prescription and appends its changes to the history, atomically.
    async fn save_prescription(
        &self,
        profile: ProfileId,
        update: &PrescriptionUpdate,
    ) -> StoreResult<()>;
    /// The latest `limit` changes, newest first.
    async fn prescription_history(
        &self,
        profile: ProfileId,
        limit: u32,
    ) -> StoreResult<Vec<PrescriptionChange>>;
}

/// Her physiotherapy sessions, one record per session number.
#[async_trait]
pub trait PhysioSessionRepo: Send + Sync {
    /// Writes the record of a session number; the same number again replaces it (a correction).
    async fn save_physio_session(
        &self,
        profile: ProfileId,
        record: &PhysioSessionRecord,
    ) -> StoreResult<()>;
    /// Her records in session-number order.
    async fn physio_sessions(&self, profile: ProfileId) -> StoreResult<Vec<PhysioSessionRecord>>;
    /// How many sessions each of these profiles has on record (absent: none), in one query.
    async fn physio_sessions_done(
        &self,
        profiles: &[ProfileId],
    ) -> StoreResult<BTreeMap<ProfileId, u32>>;
}
