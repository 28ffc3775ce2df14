//! The records the store keeps, in core's terms.

use hangmat_core::hold::HoldSetter;
use hangmat_core::outcome::{CoordinationTap, SessionOutcome};
use hangmat_core::reminders::ReminderPlan;
use jiff::Timestamp;
use jiff::civil::Date;
use std::fmt;
use uuid::Uuid;

/// A mother's pseudonymous profile id. It is never shown to her; her cookie and her recovery code
/// lead to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProfileId(pub Uuid);

impl fmt::Display for ProfileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub id: ProfileId,
    pub created_at: Timestamp,
    /// Her language: `nl`, `fr` or `en`.
    pub language: String,
    pub birth_date: Date,
    /// IANA zone name from her browser, e.g. `Europe/Brussels`.
    pub time_zone: String,
}

/// One setting of her hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldChange {
    pub hold_counts: u32,
    pub set_by: HoldSetter,
    pub set_at: Timestamp,
}

/// Everything stored under one profile, for moving it between backends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileDump {
    pub profile: Profile,
    pub recovery_hash: String,
    /// (token hash, created at)
    pub device_sessions: Vec<(String, Timestamp)>,
    pub holds: Vec<HoldChange>,
    /// Each outcome with the time the server received it.
    pub outcomes: Vec<(StoredOutcome, Timestamp)>,
    pub taps: Vec<(Uuid, CoordinationTap)>,
    /// Her leaks with the time the server received each.
    pub leaks: Vec<(Uuid, hangmat_core::leak_log::LoggedLeak, Timestamp)>,
    /// Her reminder settings, push subscriptions, due reminders and sent marks.
    pub reminders: ReminderDump,
    /// Her passkeys, link codes and links.
    pub sharing: crate::ProfileSharing,
    /// Her prescription, its history and her physiotherapy sessions.
    pub care: crate::CareDump,
    /// Her questionnaire responses and put-off occasions.
    pub questionnaires: crate::QuestionnaireDump,
    /// Her bladder diaries and their entries.
    pub diary: crate::DiaryDump,
}

/// The tables every backend keeps (a transfer copies the deployment's tables first, then each
/// profile with what hangs on it, then the audit log).
pub const TABLES: [&str; 31] = [
    "profiles",
    "device_sessions",
    "hold_changes",
    "session_outcomes",
    "outcome_parts",
    "coordination_taps",
    // Reminders (migration 0002).
    "reminder_settings",
    "reminder_moments",
    "push_subscriptions",
    "reminder_queue",
    "reminder_sends",
    "calendar_feeds",
    // Staff, links, audit, rate limits (migration 0003).
    "staff_accounts",
    "staff_passkeys",
    "staff_sessions",
    "staff_invitations",
    "rate_limits",
    "webauthn_ceremonies",
    "profile_passkeys",
    "link_codes",
    "links",
    "audit_log",
    // Her care: prescription, its history, physiotherapy sessions (migration 0004).
    "prescription_settings",
    "prescription_changes",
    "physio_sessions",
    // Password-reset links for staff (migration 0005).
    "staff_password_resets",
    // Her leak log (SQLite 0008, PostgreSQL 0006).
    "leaks",
    // Her questionnaires (SQLite 0010, PostgreSQL 0008).
    "questionnaire_responses",
    "questionnaire_skips",
    // Her bladder diaries (SQLite 0009, PostgreSQL 0007).
    "diaries",
    "diary_entries",
];

/// Tables of the deployment itself rather than of a profile (copied whole by `migrate-data`).
pub const DEPLOYMENT_TABLES: [&str; 1] = ["deployment_keys"];

/// An outcome as kept, with its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredOutcome {
    pub id: Uuid,
    pub outcome: SessionOutcome,
}

/// Her reminder settings as kept: her moments and quiet hours, and her prescription date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderSettings {
    pub plan: ReminderPlan,
    /// The date on her prescription for physiotherapy, if she entered it.
    pub prescription_date: Option<Date>,
}

/// A browser's push subscription (what `PushManager.subscribe` returns).
#[derive(Clone, PartialEq, Eq)]
pub struct PushSubscription {
    /// The push service URL; it identifies the subscription.
    pub endpoint: String,
    /// The browser's P-256 public key, base64url.
    pub p256dh: String,
    /// The browser's authentication secret, base64url.
    pub auth: String,
}

impl std::fmt::Debug for PushSubscription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The endpoint is a capability to reach her phone: never in logs.
        f.write_str("PushSubscription(<redacted>)")
    }
}

/// A mother as a scheduler judges her reminders: her profile, her reminder settings (`None` until
/// she saves her own) and her browsers' push subscriptions, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderSubject {
    pub profile: Profile,
    pub settings: Option<ReminderSettings>,
    pub subscriptions: Vec<PushSubscription>,
}

/// A reminder a scheduler claimed: whose, which, and when it was due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedReminder {
    pub profile: ProfileId,
    /// [`hangmat_core::reminders::ReminderKind::key`].
    pub key: String,
    pub due_at: Timestamp,
}

/// What a scheduler decided about a claimed reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettledReminder {
    pub reminder: ClaimedReminder,
    /// Whether it rings (and so is marked sent).
    pub send: bool,
    /// When it is due again; `None` removes it.
    pub next: Option<Timestamp>,
}

/// Everything about reminders stored under one profile (for `migrate-data`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReminderDump {
    pub settings: Option<ReminderSettings>,
    /// Each subscription with the time it was stored.
    pub subscriptions: Vec<(PushSubscription, Timestamp)>,
    /// (key, due at)
    pub queue: Vec<(String, Timestamp)>,
    /// (key, due at, sent at)
    pub sends: Vec<(String, Timestamp, Timestamp)>,
    /// (token hash, created at)
    pub calendar_feed: Option<(String, Timestamp)>,
}

/// A local time of day as both backends keep it: `HH:MM`.
pub fn time_text(time: jiff::civil::Time) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// Reads a time of day kept by [`time_text`].
pub fn time_from_text(text: &str) -> Result<jiff::civil::Time, crate::StoreError> {
    text.parse()
        .map_err(|_| crate::StoreError::Corrupt(format!("time of day {text}")))
}

/// Reads a stored moment (habit name, her words, time of day).
pub fn moment_from_columns(
    habit: &str,
    own_words: String,
    time: &str,
) -> Result<hangmat_core::reminders::Moment, crate::StoreError> {
    Ok(hangmat_core::reminders::Moment {
        habit: hangmat_core::reminders::Habit::parse(habit)
            .ok_or_else(|| crate::StoreError::Corrupt(format!("habit {habit}")))?,
        own_words,
        time: time_from_text(time)?,
    })
}
