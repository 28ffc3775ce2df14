//! The records the store keeps, in core's terms.

use hangmat_core::hold::HoldSetter;
use hangmat_core::outcome::{CoordinationTap, SessionOutcome};
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
    /// Her passkeys, link codes and links.
    pub sharing: crate::ProfileSharing,
    /// Her prescription, its history and her physiotherapy sessions.
    pub care: crate::CareDump,
}

/// The tables every backend keeps (a transfer copies the deployment's tables first, then each
/// profile with what hangs on it, then the audit log).
pub const TABLES: [&str; 19] = [
    "profiles",
    "device_sessions",
    "hold_changes",
    "session_outcomes",
    "outcome_parts",
    "coordination_taps",
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
];

/// An outcome as kept, with its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredOutcome {
    pub id: Uuid,
    pub outcome: SessionOutcome,
}
