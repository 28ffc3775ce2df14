//! Hangmat's storage contract: one repository trait per aggregate, and the conformance suite that
//! every backend passes.
//!
//! The server talks only to these traits, so a feature cannot lean on one database's quirks. Each
//! backend crate (SQLite now, PostgreSQL later) implements them and runs [`conformance_tests!`],
//! which states in one place what storing a mother's data must guarantee: scoping to her profile,
//! idempotent writes under client-made ids, and erasure that leaves nothing behind.

mod access;
mod care;
mod diary;
pub mod metrics;
// The suite is test code: only the backends' and the server's tests turn it on (their
// dev-dependencies name the feature), so what ships does not carry it.
#[cfg(feature = "conformance")]
pub mod conformance;
mod model;
mod mothers_list;
mod questionnaires;
#[cfg(feature = "sql")]
pub mod sql;

pub use access::*;
pub use care::*;
pub use diary::*;
pub use model::*;
pub use mothers_list::*;
pub use questionnaires::*;

use async_trait::async_trait;
use hangmat_core::leak_log::LoggedLeak;
use hangmat_core::outcome::{CoordinationTap, SessionOutcome};
use hangmat_core::progress::DayTally;
use jiff::Timestamp;
use jiff::civil::Date;
use thiserror::Error;
use uuid::Uuid;

#[derive(Debug, Error)]
pub enum StoreError {
    /// The record's id is already used by someone else's record; nothing was written.
    #[error("the id is already taken by another record")]
    IdTaken,
    /// The database did not answer or refused; the cause is kept for the logs.
    #[error("database error: {0}")]
    Database(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// A stored value could not be read back (a bug or a hand-edited database).
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Whether a write made a new record or met one already there (a retry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Created,
    AlreadyThere,
}

/// Mothers' pseudonymous profiles.
#[async_trait]
pub trait ProfileRepo: Send + Sync {
    async fn create_profile(&self, profile: &Profile, recovery_hash: &str) -> StoreResult<()>;
    async fn profile(&self, id: ProfileId) -> StoreResult<Option<Profile>>;
    async fn profile_by_recovery_hash(&self, recovery_hash: &str) -> StoreResult<Option<Profile>>;
    /// Replaces her recovery code's hash: the old code stops working.
    async fn replace_recovery_hash(&self, id: ProfileId, recovery_hash: &str) -> StoreResult<()>;
    /// Replaces language, birth date and time zone.
    async fn update_profile(&self, profile: &Profile) -> StoreResult<()>;
    /// Removes the profile and everything that hangs on it (links and link codes included), and
    /// takes her out of the audit log's lines (who and when stay). Returns whether it existed.
    async fn erase_profile(&self, id: ProfileId) -> StoreResult<bool>;
}

/// Signed-in devices: a cookie's token (stored hashed) leads to a profile.
#[async_trait]
pub trait DeviceSessionRepo: Send + Sync {
    async fn create_device_session(
        &self,
        token_hash: &str,
        profile: ProfileId,
        at: Timestamp,
    ) -> StoreResult<()>;
    async fn device_session_profile(&self, token_hash: &str) -> StoreResult<Option<ProfileId>>;
    /// Her profile behind a device session, in one query: every page and write of hers asks it.
    async fn device_session_owner(&self, token_hash: &str) -> StoreResult<Option<Profile>>;
    async fn end_device_session(&self, token_hash: &str) -> StoreResult<()>;
}

/// Her hold and who set it, kept as a history.
#[async_trait]
pub trait HoldRepo: Send + Sync {
    async fn record_hold(&self, profile: ProfileId, change: &HoldChange) -> StoreResult<()>;
    /// Oldest first.
    async fn hold_history(&self, profile: ProfileId) -> StoreResult<Vec<HoldChange>>;
    async fn current_hold(&self, profile: ProfileId) -> StoreResult<Option<HoldChange>>;
}

/// What she did: session outcomes and coordination taps, keyed by ids the browser made.
#[async_trait]
pub trait ActivityRepo: Send + Sync {
    /// Stores an outcome under its id. The same id again replaces the earlier report (a rating
    /// added after the session) and counts once; an id owned by another profile is refused.
    async fn save_outcome(
        &self,
        profile: ProfileId,
        id: Uuid,
        outcome: &SessionOutcome,
        received_at: Timestamp,
    ) -> StoreResult<Written>;
    /// [`ActivityRepo::save_outcome`], answered with her tally of `day` as it stands after the
    /// write (what the app shows next). A backend may do both in one trip to the database; this
    /// default reads the tally after the write.
    async fn save_outcome_tallied(
        &self,
        profile: ProfileId,
        id: Uuid,
        outcome: &SessionOutcome,
        received_at: Timestamp,
        day: Date,
    ) -> StoreResult<(Written, DayTally)> {
        let written = self.save_outcome(profile, id, outcome, received_at).await?;
        Ok((written, self.day_tally(profile, day).await?))
    }
    /// Her tally of one day (empty when she did nothing that day).
    async fn day_tally(&self, profile: ProfileId, day: Date) -> StoreResult<DayTally> {
        Ok(self
            .day_tallies(profile, day, day)
            .await?
            .into_iter()
            .next()
            .unwrap_or(DayTally::empty(day)))
    }
    /// Outcomes whose local date lies in `from..=to`, oldest first.
    async fn outcomes_between(
        &self,
        profile: ProfileId,
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<StoredOutcome>>;
    /// The position of her most recent session.
    async fn last_position(&self, profile: ProfileId) -> StoreResult<Option<String>>;
    /// Stores a tap under its id; the same id again changes nothing.
    async fn save_tap(
        &self,
        profile: ProfileId,
        id: Uuid,
        tap: &CoordinationTap,
    ) -> StoreResult<Written>;
    /// What each day in `from..=to` counted, only days with something, oldest first.
    async fn day_tallies(
        &self,
        profile: ProfileId,
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<DayTally>>;
    /// [`ActivityRepo::day_tallies`] of many mothers in one read, by mother.
    async fn day_tallies_of(
        &self,
        profiles: &[ProfileId],
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<(ProfileId, DayTally)>>;
}

/// Her leak log: each "I leaked" under the id her page made, with the details she chose to add.
#[async_trait]
pub trait LeakRepo: Send + Sync {
    /// Stores a leak under its id. The same id again keeps its time and sets the details given
    /// (`AlreadyThere`); an id owned by another profile is refused.
    async fn save_leak(
        &self,
        profile: ProfileId,
        id: Uuid,
        leak: &LoggedLeak,
        received_at: Timestamp,
    ) -> StoreResult<Written>;
    /// Her leaks per local day in `from..=to`, only days with some, oldest first.
    async fn leaks_per_day(
        &self,
        profile: ProfileId,
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<(Date, u32)>>;
}

/// Moving a deployment between backends, one profile at a time (memory stays bounded).
#[async_trait]
pub trait Transfer: Send + Sync {
    /// Up to `limit` profile ids greater than `after`, in id order.
    async fn profile_ids_after(
        &self,
        after: Option<ProfileId>,
        limit: u32,
    ) -> StoreResult<Vec<ProfileId>>;
    /// Everything stored under one profile.
    async fn export_profile(&self, id: ProfileId) -> StoreResult<Option<ProfileDump>>;
    /// Writes a profile and everything under it, in one transaction.
    async fn import_profile(&self, dump: &ProfileDump) -> StoreResult<()>;
    /// Rows per table, for verifying a transfer and refusing a target that holds data.
    async fn row_counts(&self) -> StoreResult<std::collections::BTreeMap<String, u64>>;
    /// Rows per table that hold something of hers (her own rows, her outcomes' parts, parts
    /// left without their outcome, passkey ceremonies that name her): erasure's proof.
    async fn rows_of_profile(
        &self,
        id: ProfileId,
    ) -> StoreResult<std::collections::BTreeMap<String, u64>>;
}

/// Reminders: her settings, her browsers' push subscriptions, the queue of due reminders that
/// schedulers claim (several servers may share one database), sent marks, the calendar feed's
/// token, and the deployment's VAPID key.
#[async_trait]
pub trait ReminderRepo: Send + Sync {
    async fn reminder_settings(&self, profile: ProfileId) -> StoreResult<Option<ReminderSettings>>;
    /// What judging a batch of claimed reminders needs of the mothers in it, in one read: each
    /// existing profile among `profiles`, with her settings and push subscriptions.
    async fn reminder_subjects(&self, profiles: &[ProfileId]) -> StoreResult<Vec<ReminderSubject>>;
    /// Replaces her settings and all her due reminders, in one transaction.
    async fn save_reminder_settings(
        &self,
        profile: ProfileId,
        settings: &ReminderSettings,
        due: &[(String, Timestamp)],
    ) -> StoreResult<()>;
    /// Her due reminders, soonest first.
    async fn reminder_queue(&self, profile: ProfileId) -> StoreResult<Vec<(String, Timestamp)>>;
    /// Replaces all her due reminders (none: she gets no reminders).
    async fn replace_reminder_queue(
        &self,
        profile: ProfileId,
        due: &[(String, Timestamp)],
    ) -> StoreResult<()>;
    /// Sets one reminder's due time (a snooze), replacing an earlier one under the same key.
    async fn set_reminder_due(
        &self,
        profile: ProfileId,
        key: &str,
        due_at: Timestamp,
    ) -> StoreResult<()>;
    /// Claims up to `limit` reminders due at `now` or before that no other worker holds (or whose
    /// holder's lease ran out), for `worker` until `lease_until`. Two workers never get the same
    /// reminder while a lease holds.
    async fn claim_due_reminders(
        &self,
        worker: &str,
        now: Timestamp,
        lease_until: Timestamp,
        limit: u32,
    ) -> StoreResult<Vec<ClaimedReminder>>;
    /// Releases a claimed reminder: due again at `next`, or removed. Does nothing when `worker`
    /// no longer holds it (its lease ran out and another took it).
    async fn finish_reminder(
        &self,
        worker: &str,
        reminder: &ClaimedReminder,
        next: Option<Timestamp>,
    ) -> StoreResult<()>;
    /// Settles a batch of claimed reminders in one transaction: marks those to send as sent and
    /// answers, in order, whether each was newly marked (`false`: a restart or another server
    /// already sent it, or it is not to be sent); moves each to its next due time or removes it,
    /// where `worker` still holds it. One transaction per batch keeps 100,000 reminders from
    /// costing 200,000 commits.
    async fn settle_reminders(
        &self,
        worker: &str,
        settled: &[SettledReminder],
        sent_at: Timestamp,
    ) -> StoreResult<Vec<bool>>;
    /// Marks a reminder sent before it is sent; `false` when it was already marked (a restart
    /// or another server handled it), so it is never sent twice.
    async fn mark_reminder_sent(
        &self,
        reminder: &ClaimedReminder,
        sent_at: Timestamp,
    ) -> StoreResult<bool>;
    /// The soonest due time of any reminder (the scheduler sleeps until then).
    async fn next_reminder_due(&self) -> StoreResult<Option<Timestamp>>;
    /// Stores a subscription for her (the same endpoint again replaces it, even from another
    /// profile: the browser belongs to whoever signed in last).
    async fn save_push_subscription(
        &self,
        profile: ProfileId,
        subscription: &PushSubscription,
        at: Timestamp,
    ) -> StoreResult<()>;
    async fn push_subscriptions(&self, profile: ProfileId) -> StoreResult<Vec<PushSubscription>>;
    /// Removes a subscription by endpoint (she turned push off, or the push service said it is
    /// gone). With `profile`, only hers. Returns whether one was removed.
    async fn remove_push_subscription(
        &self,
        profile: Option<ProfileId>,
        endpoint: &str,
    ) -> StoreResult<bool>;
    /// Replaces her calendar feed's token hash: the old URL stops working.
    async fn replace_calendar_token(
        &self,
        profile: ProfileId,
        token_hash: &str,
        at: Timestamp,
    ) -> StoreResult<()>;
    async fn calendar_feed_profile(&self, token_hash: &str) -> StoreResult<Option<ProfileId>>;
    async fn has_calendar_feed(&self, profile: ProfileId) -> StoreResult<bool>;
    /// The deployment's VAPID private key, if one was made.
    async fn vapid_private_key(&self) -> StoreResult<Option<String>>;
    /// Stores `candidate` as the deployment's VAPID private key unless one is there, and returns
    /// the one kept: servers starting together all agree on the first one stored.
    async fn vapid_private_key_or_insert(
        &self,
        candidate: &str,
        at: Timestamp,
    ) -> StoreResult<String>;
}

/// Everything the server needs from a backend.
#[async_trait]
pub trait Store:
    ProfileRepo
    + DeviceSessionRepo
    + HoldRepo
    + ActivityRepo
    + LeakRepo
    + Transfer
    // Reminders (migration 0002).
    + ReminderRepo
    // Staff, links, audit, rate limits (migration 0003).
    + StaffRepo
    + StaffSessionRepo
    + InvitationRepo
    + PasskeyRepo
    + LinkRepo
    + AuditRepo
    + RateLimitRepo
    + AccessTransfer
    // Her care: prescription and physiotherapy sessions (migration 0004).
    + PrescriptionRepo
    + PhysioSessionRepo
    // Password resets, passkey names, last sign-in (migration 0005).
    + PasswordResetRepo
    // Her questionnaires (SQLite 0010, PostgreSQL 0008).
    + QuestionnaireRepo
    // Her bladder diaries (SQLite 0009, PostgreSQL 0007).
    + DiaryRepo
{
    /// Answers when the database answers (health checks).
    async fn ping(&self) -> StoreResult<()>;
    /// Closes the pools at a clean stop: waits for the connections in use to come back, then
    /// closes them (SQLite folds its write-ahead log back into the database file).
    async fn close(&self);
}
