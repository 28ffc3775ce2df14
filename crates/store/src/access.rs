//! Who may reach a mother's data, kept: staff accounts and their credentials, passkeys, server-side
//! sessions, invitations, the mother's link codes and links, the audit log, and rate-limit counters.
//!
//! Everything a server needs to decide or remember about access lives in the database, never in a
//! server's memory, so several servers behind a load balancer share sessions, ceremonies and rate
//! limits. Every secret a browser or a person holds (session token, invitation, link code) is kept
//! only as a hash; passwords as argon2id hashes made by the server.

use crate::{ListDays, ListedMother, ProfileId, StoreResult};
use async_trait::async_trait;
use hangmat_core::policy::StaffRole;
use jiff::Timestamp;
use std::fmt;
use uuid::Uuid;

/// A staff account's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StaffId(pub Uuid);

impl fmt::Display for StaffId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A link's id: what the portal's addresses carry (`/portal/mothers/{link}`), never her profile id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LinkId(pub Uuid);

impl fmt::Display for LinkId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A physiotherapist or admin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffAccount {
    pub id: StaffId,
    pub role: StaffRole,
    /// What she signs in with (lower case, unique).
    pub username: String,
    /// What mothers and colleagues see ("Anna Peeters, kinesitherapeut").
    pub display_name: String,
    /// Her portal language: `nl`, `fr` or `en`.
    pub language: String,
    pub created_at: Timestamp,
    /// When an admin disabled the account; a disabled account cannot sign in. An admin may
    /// enable it again (its ended links stay ended).
    pub ended_at: Option<Timestamp>,
    /// When she last signed in (password and code, or a passkey).
    pub last_sign_in_at: Option<Timestamp>,
}

/// A staff account's secrets (kept apart so listing accounts never carries them).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct StaffSecrets {
    /// argon2id PHC string, when she set a password.
    pub password_hash: Option<String>,
    /// Base32 TOTP secret, when she set up a second factor.
    pub totp_secret: Option<String>,
    /// The last TOTP time step accepted (a code is good once).
    pub totp_last_step: Option<i64>,
}

impl fmt::Debug for StaffSecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StaffSecrets")
            .field("password_hash", &self.password_hash.as_ref().map(|_| "…"))
            .field("totp_secret", &self.totp_secret.as_ref().map(|_| "…"))
            .field("totp_last_step", &self.totp_last_step)
            .finish()
    }
}

/// Whom a passkey signs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasskeyOwner {
    Staff(StaffId),
    Profile(ProfileId),
}

/// A registered passkey: the credential id (base64url) and the webauthn-rs `Passkey` as JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPasskey {
    pub credential_id: String,
    /// The name its owner gave it ("Practice PC"); a mother's passkeys have none (empty).
    pub name: String,
    pub passkey_json: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
}

/// How far a staff session has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStage {
    /// The password was right; the second factor is still to come. Only the TOTP form accepts it.
    SecondFactorPending,
    /// Signed in.
    SignedIn,
}

impl SessionStage {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStage::SecondFactorPending => "second-factor",
            SessionStage::SignedIn => "signed-in",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [SessionStage::SecondFactorPending, SessionStage::SignedIn]
            .into_iter()
            .find(|stage| stage.as_str() == text)
    }
}

/// A staff session: the cookie's token, stored as a hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffSession {
    pub token_hash: String,
    pub staff: StaffId,
    pub stage: SessionStage,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// A one-time invitation an admin made for a new staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub token_hash: String,
    pub role: StaffRole,
    pub display_name: String,
    pub invited_by: StaffId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub used_at: Option<Timestamp>,
}

/// A one-time link an admin made so a staff member can set a new password and second factor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordReset {
    pub token_hash: String,
    /// Whose password it resets.
    pub staff: StaffId,
    /// The admin who made it.
    pub created_by: StaffId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub used_at: Option<Timestamp>,
}

/// What disabling an account did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Disabled {
    /// Disabled now: its sessions are gone and these links (active until now) ended.
    Now { ended_links: Vec<Link> },
    /// Refused: it is the last active admin, and a deployment needs one.
    LastAdmin,
    /// Nothing done: no such account, or it was disabled already.
    NotActive,
}

impl Disabled {
    /// Why `id` may not be disabled, given the active accounts that are it or an admin (read
    /// in the disabling transaction): `NotActive` when it is not among them, `LastAdmin` when it
    /// is the only active admin. None: go ahead.
    pub fn refusal(id: StaffId, active: &[(StaffId, StaffRole)]) -> Option<Disabled> {
        let admins = active
            .iter()
            .filter(|(_, role)| *role == StaffRole::Admin)
            .count();
        match active.iter().find(|(account, _)| *account == id) {
            None => Some(Disabled::NotActive),
            Some((_, StaffRole::Admin)) if admins <= 1 => Some(Disabled::LastAdmin),
            Some(_) => None,
        }
    }
}

/// A short code a mother made so a physiotherapist can link with her.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkCode {
    pub code_hash: String,
    pub profile: ProfileId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub used_at: Option<Timestamp>,
}

/// Who ended a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndedBy {
    Mother,
    Staff,
    /// The hospital, by disabling the physiotherapist's account.
    Hospital,
}

impl EndedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            EndedBy::Mother => "mother",
            EndedBy::Staff => "staff",
            EndedBy::Hospital => "hospital",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [EndedBy::Mother, EndedBy::Staff, EndedBy::Hospital]
            .into_iter()
            .find(|by| by.as_str() == text)
    }
}

/// A mother's data shared with one physiotherapist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub id: LinkId,
    pub profile: ProfileId,
    pub staff: StaffId,
    /// The physiotherapist's own label for her (a file number, initials).
    pub label: String,
    pub created_at: Timestamp,
    pub ended_at: Option<Timestamp>,
    pub ended_by: Option<EndedBy>,
}

impl Link {
    pub fn is_active(&self) -> bool {
        self.ended_at.is_none()
    }
}

/// A link as the mother sees it: with the physiotherapist's name (never the label, which is the
/// physiotherapist's own note).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkWithStaff {
    pub link: Link,
    pub staff_display_name: String,
}

/// One line of the audit log: a staff member read or changed a mother's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: Timestamp,
    pub staff: StaffId,
    /// The mother concerned; erased with her profile (who and when stay).
    pub profile: Option<ProfileId>,
    pub link: Option<LinkId>,
    /// A policy action name (`read`, `change-programme`, …).
    pub action: String,
    /// What was touched, e.g. a page (`mother`, `list`); never free text about her.
    pub detail: Option<String>,
}

impl AuditEntry {
    /// This line about the mother of `link` (her profile and the link filled in).
    pub fn about(&self, link: &Link) -> AuditEntry {
        AuditEntry {
            profile: Some(link.profile),
            link: Some(link.id),
            ..self.clone()
        }
    }
}

/// An audit line as the mother sees it: who (by name), when, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditWithStaff {
    pub entry: AuditEntry,
    pub staff_display_name: String,
}

/// A counter of attempts in a fixed time window (login, code entry, recovery).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateCounter {
    /// What is counted, e.g. `login:account:<hash>`; never an address in clear.
    pub bucket: String,
    pub window_start: Timestamp,
    pub count: u32,
}

/// A WebAuthn ceremony in progress (registration or authentication state as JSON), kept in the
/// database so the browser may finish it on another server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ceremony {
    pub id: String,
    pub state_json: String,
    pub expires_at: Timestamp,
}

/// Staff accounts and their secrets.
#[async_trait]
pub trait StaffRepo: Send + Sync {
    /// Creates an account; a taken username is [`StoreError::IdTaken`](crate::StoreError::IdTaken).
    async fn create_staff(&self, account: &StaffAccount, secrets: &StaffSecrets)
    -> StoreResult<()>;
    async fn staff(&self, id: StaffId) -> StoreResult<Option<StaffAccount>>;
    async fn staff_by_username(&self, username: &str) -> StoreResult<Option<StaffAccount>>;
    /// Every account, admins first, then by name.
    async fn list_staff(&self) -> StoreResult<Vec<StaffAccount>>;
    async fn staff_secrets(&self, id: StaffId) -> StoreResult<StaffSecrets>;
    async fn set_password_hash(&self, id: StaffId, hash: &str) -> StoreResult<()>;
    /// Sets (or with `None` removes) the TOTP secret, forgetting the last step.
    async fn set_totp_secret(&self, id: StaffId, secret: Option<&str>) -> StoreResult<()>;
    /// Records `step` as used if it is later than the last one; false when it was already used
    /// (a replayed code), so two servers never accept one code twice.
    async fn use_totp_step(&self, id: StaffId, step: i64) -> StoreResult<bool>;
    /// Replaces the TOTP secret only while it still is `expected`, keeping the last step (sealing
    /// a plain secret at start, which several servers may do at once); false when it changed.
    async fn replace_totp_secret(
        &self,
        id: StaffId,
        expected: &str,
        secret: &str,
    ) -> StoreResult<bool>;
    /// Replaces role, username, display name and language.
    async fn update_staff(&self, account: &StaffAccount) -> StoreResult<()>;
    async fn record_staff_sign_in(&self, id: StaffId, at: Timestamp) -> StoreResult<()>;
    /// Disables an account in one transaction: ends every session of it and every active link
    /// (ended by the hospital), and writes one audit line per ended link: `audit` with the link's
    /// profile and id filled in. Refuses to disable the last active admin (two admins disabling
    /// each other at once cannot both win).
    async fn disable_staff(
        &self,
        id: StaffId,
        at: Timestamp,
        audit: &AuditEntry,
    ) -> StoreResult<Disabled>;
    /// Lets a disabled account sign in again (links it had stay ended); false when it was not
    /// disabled or is unknown.
    async fn enable_staff(&self, id: StaffId) -> StoreResult<bool>;
}

/// Staff sessions (server-side; the cookie holds a token whose hash is the key).
#[async_trait]
pub trait StaffSessionRepo: Send + Sync {
    async fn create_staff_session(&self, session: &StaffSession) -> StoreResult<()>;
    /// The session under `token_hash`, if it has not expired at `now`.
    async fn staff_session(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<StaffSession>>;
    async fn end_staff_session(&self, token_hash: &str) -> StoreResult<()>;
    /// Ends every session of an account but `except` (the one that asked); returns how many.
    async fn end_staff_sessions(&self, staff: StaffId, except: Option<&str>) -> StoreResult<u64>;
    /// Removes expired sessions; returns how many.
    async fn prune_staff_sessions(&self, now: Timestamp) -> StoreResult<u64>;
}

/// One-time invitations.
#[async_trait]
pub trait InvitationRepo: Send + Sync {
    async fn create_invitation(&self, invitation: &Invitation) -> StoreResult<()>;
    /// The invitation under `token_hash` if it is unused and not expired at `now`.
    async fn open_invitation(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<Invitation>>;
    /// Uses the invitation and creates the account in one transaction. False (and nothing
    /// written) when the invitation is used, expired or unknown.
    async fn accept_invitation(
        &self,
        token_hash: &str,
        now: Timestamp,
        account: &StaffAccount,
        secrets: &StaffSecrets,
    ) -> StoreResult<bool>;
}

/// One-time password-reset links for staff.
#[async_trait]
pub trait PasswordResetRepo: Send + Sync {
    /// Stores a reset link; earlier unused links for the same account stop working.
    async fn create_password_reset(&self, reset: &PasswordReset) -> StoreResult<()>;
    /// The reset under `token_hash` if it is unused, not expired at `now`, and its account is
    /// active.
    async fn open_password_reset(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<PasswordReset>>;
    /// Uses the reset in one transaction: sets the account's new password hash and TOTP secret
    /// (forgetting the last step) and ends every session of it. None (and nothing written) when
    /// the reset is used, expired, unknown or its account disabled.
    async fn use_password_reset(
        &self,
        token_hash: &str,
        now: Timestamp,
        password_hash: &str,
        totp_secret: &str,
    ) -> StoreResult<Option<StaffId>>;
}

/// Passkeys (staff and mothers) and WebAuthn ceremonies in progress.
#[async_trait]
pub trait PasskeyRepo: Send + Sync {
    async fn add_passkey(&self, owner: PasskeyOwner, passkey: &StoredPasskey) -> StoreResult<()>;
    async fn passkeys_of(&self, owner: PasskeyOwner) -> StoreResult<Vec<StoredPasskey>>;
    async fn passkey_by_credential(
        &self,
        credential_id: &str,
    ) -> StoreResult<Option<(PasskeyOwner, StoredPasskey)>>;
    /// Stores the passkey's updated state (its counter) after a sign-in.
    async fn update_passkey(
        &self,
        credential_id: &str,
        passkey_json: &str,
        used_at: Timestamp,
    ) -> StoreResult<()>;
    async fn remove_passkey(&self, owner: PasskeyOwner, credential_id: &str) -> StoreResult<bool>;
    async fn save_ceremony(&self, ceremony: &Ceremony) -> StoreResult<()>;
    /// Takes (and deletes) a ceremony that has not expired at `now`: each is finished once.
    async fn take_ceremony(&self, id: &str, now: Timestamp) -> StoreResult<Option<Ceremony>>;
}

/// Link codes and links: how a mother shares her data with a physiotherapist.
#[async_trait]
pub trait LinkRepo: Send + Sync {
    async fn create_link_code(&self, code: &LinkCode) -> StoreResult<()>;
    /// Uses the code (unused, not expired at `now`) and links its mother with `staff` under
    /// `label`, in one transaction. An active link between the two is kept (and relabelled)
    /// rather than doubled. None when the code is unknown, used or expired.
    async fn redeem_link_code(
        &self,
        code_hash: &str,
        now: Timestamp,
        new_link: LinkId,
        staff: StaffId,
        label: &str,
    ) -> StoreResult<Option<Link>>;
    /// [`AccessRepo::redeem_link_code`] and the audit line that says `staff` linked her (the
    /// `EnterLinkCode` action, with `audit_detail`), in one transaction: a link never stands
    /// without the line she reads under "who looked at my data".
    async fn redeem_link_code_audited(
        &self,
        code_hash: &str,
        now: Timestamp,
        new_link: LinkId,
        staff: StaffId,
        label: &str,
        audit_detail: &str,
    ) -> StoreResult<Option<Link>>;
    async fn link(&self, id: LinkId) -> StoreResult<Option<Link>>;
    /// Her links, active first, newest first, with the physiotherapist's name.
    async fn links_of_profile(&self, profile: ProfileId) -> StoreResult<Vec<LinkWithStaff>>;
    /// The staff member's active links, by label.
    async fn active_links_of_staff(&self, staff: StaffId) -> StoreResult<Vec<Link>>;
    /// What the portal's list shows of every mother of `staff`'s active links, by label like
    /// [`LinkRepo::active_links_of_staff`]: one set-based query scoped to her active links,
    /// aggregated per mother, however many mothers she follows. `days_in` gives the days of a time
    /// zone (as her profile names it); it is asked once for each zone her mothers live in. (The
    /// `for<'z>` is what `Fn(&str)` means; `async_trait` needs it spelled out.)
    async fn listed_mothers(
        &self,
        staff: StaffId,
        days_in: &(dyn for<'z> Fn(&'z str) -> ListDays + Sync),
    ) -> StoreResult<Vec<ListedMother>>;
    /// Ends an active link; false when it was already ended or unknown.
    async fn end_link(&self, id: LinkId, at: Timestamp, by: EndedBy) -> StoreResult<bool>;
    async fn relabel_link(&self, id: LinkId, label: &str) -> StoreResult<()>;
}

/// The audit log of staff reading or changing mothers' data.
#[async_trait]
pub trait AuditRepo: Send + Sync {
    async fn record_audit(&self, entry: &AuditEntry) -> StoreResult<()>;
    /// Several audit lines in one transaction: a list of 500 mothers writes 500 lines with one
    /// commit, not 500.
    async fn record_audits(&self, entries: &[AuditEntry]) -> StoreResult<()>;
    /// Her audit lines, newest first, at most `limit`.
    async fn audit_of_profile(
        &self,
        profile: ProfileId,
        limit: u32,
    ) -> StoreResult<Vec<AuditWithStaff>>;
}

/// Rate-limit counters shared by every server.
#[async_trait]
pub trait RateLimitRepo: Send + Sync {
    /// Counts one attempt in `bucket` for the window starting at `window_start` (a new window
    /// starts the count again) and returns the count including this attempt.
    async fn count_attempt(&self, bucket: &str, window_start: Timestamp) -> StoreResult<u32>;
    /// Removes counters of windows that started before `before`.
    async fn prune_rate_limits(&self, before: Timestamp) -> StoreResult<u64>;
}

/// Everything of a profile's sharing, for moving it between backends.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProfileSharing {
    pub passkeys: Vec<StoredPasskey>,
    pub link_codes: Vec<LinkCode>,
    pub links: Vec<Link>,
}

/// Everything of the deployment that belongs to no one profile, for moving it between backends
/// (copied before the profiles, since links point at staff accounts).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeploymentDump {
    pub staff: Vec<(StaffAccount, StaffSecrets)>,
    pub staff_passkeys: Vec<(StaffId, StoredPasskey)>,
    pub staff_sessions: Vec<StaffSession>,
    pub invitations: Vec<Invitation>,
    pub password_resets: Vec<PasswordReset>,
    pub rate_counters: Vec<RateCounter>,
    pub ceremonies: Vec<Ceremony>,
}

/// Moving the access tables between backends; the audit log goes in batches (it grows).
#[async_trait]
pub trait AccessTransfer: Send + Sync {
    async fn export_deployment(&self) -> StoreResult<DeploymentDump>;
    async fn import_deployment(&self, dump: &DeploymentDump) -> StoreResult<()>;
    /// Up to `limit` audit lines after sequence number `after`, in order, with their numbers.
    async fn audit_after(&self, after: i64, limit: u32) -> StoreResult<Vec<(i64, AuditEntry)>>;
    async fn import_audit(&self, entries: &[AuditEntry]) -> StoreResult<()>;
}
