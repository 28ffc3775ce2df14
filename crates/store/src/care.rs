//! What her physiotherapist keeps about her care: her prescription with the full history of its
//! changes, and the records of her physiotherapy sessions.
//!
//! A change names the staff account by id *and* by the display name it had then, so the history
//! stays true when an account is renamed or removed. Both hang on her profile: erasing her erases
//! them.

use crate::{ProfileId, StoreResult};
use async_trait::async_trait;
use hangmat_core::physio_session::PhysioSession;
use hangmat_core::prescription::{Basis, Change, Prescription};
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
/// diff, the hold included), who and when, and the basis the diff was made against. A changed hold
/// is also written to her hold history as the physiotherapist's, in the same transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrescriptionUpdate {
    /// What the editor's form showed; the save is refused when her prescription or hold is no
    /// longer this ([`PrescriptionWrite::ChangedMeanwhile`]).
    pub basis: Basis,
    pub prescription: Prescription,
    pub changes: Vec<Change>,
    pub hold: Option<u32>,
    pub by: StaffRef,
    pub at: Timestamp,
}

/// What a save of her prescription did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrescriptionWrite {
    Saved,
    /// Her prescription or hold changed after the editor was opened; nothing was written.
    ChangedMeanwhile,
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
    /// Replaces her prescription and appends its changes to the history, atomically, if her
    /// prescription and hold are still the update's basis (checked in the same transaction).
    async fn save_prescription(
        &self,
        profile: ProfileId,
        update: &PrescriptionUpdate,
    ) -> StoreResult<PrescriptionWrite>;
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
