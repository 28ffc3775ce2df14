//! Staff and sharing's SQL for both backends (migrations 0003 and 0005): staff accounts, passkeys,
//! sessions, invitations, password resets, link codes, links, the audit log and rate-limit
//! counters.
//!
//! The repositories are implemented here once for every [`SqlStore`], at the end of the file; a
//! backend gives only its portal list and its batch of audit lines. Each multi-step change (using an invitation, redeeming a link code) is a `…_in`
//! function run inside the caller's transaction with a conditional `UPDATE … RETURNING`, so two requests racing
//! for one code cannot both win. Not here: writing many audit lines in one statement (SQLite
//! unpacks JSON, PostgreSQL arrays), and the portal's list of her mothers (mothers_list.rs in each
//! backend).

use super::{Backend, Connection, Row, SqlStore, count_from, database, small, sql, sql_from_parts};
use crate::{
    AccessTransfer, AuditEntry, AuditRepo, AuditWithStaff, Ceremony, DeploymentDump, Disabled,
    EndedBy, Invitation, InvitationRepo, Link, LinkCode, LinkId, LinkRepo, LinkWithStaff, ListDays,
    ListedMother, PasskeyOwner, PasskeyRepo, PasswordReset, PasswordResetRepo, ProfileId,
    ProfileSharing, RateCounter, RateLimitRepo, SessionStage, StaffAccount, StaffId, StaffRepo,
    StaffSecrets, StaffSession, StaffSessionRepo, StoreError, StoreResult, StoredPasskey,
};
use async_trait::async_trait;
use hangmat_core::policy::StaffRole;
use jiff::Timestamp;
use uuid::Uuid;

fn role_at<B: Backend>(row: &Row<B>, column: &str) -> StoreResult<StaffRole> {
    let role: String = row.get(column)?;
    StaffRole::parse(&role).ok_or_else(|| StoreError::Corrupt(format!("role {role}")))
}

// Staff accounts.

const STAFF_COLUMNS: &str = "id, role, username, display_name, language, created_at, ended_at, last_sign_in_at, password_hash, totp_secret, totp_last_step";

fn staff_from_row<B: Backend>(row: &Row<B>) -> StoreResult<StaffAccount> {
    Ok(StaffAccount {
        id: StaffId(row.id("id")?),
        role: role_at(row, "role")?,
        username: row.get("username")?,
        display_name: row.get("display_name")?,
        language: row.get("language")?,
        created_at: row.at("created_at")?,
        ended_at: row.optional_at("ended_at")?,
        last_sign_in_at: row.optional_at("last_sign_in_at")?,
    })
}

fn secrets_from_row<B: Backend>(row: &Row<B>) -> StoreResult<StaffSecrets> {
    Ok(StaffSecrets {
        password_hash: row.get("password_hash")?,
        totp_secret: row.get("totp_secret")?,
        totp_last_step: row.get("totp_last_step")?,
    })
}

pub async fn create_staff<B: Backend>(
    connection: &mut Connection<B>,
    account: &StaffAccount,
    secrets: &StaffSecrets,
) -> StoreResult<()> {
    sql::<B>(
        "INSERT INTO staff_accounts (id, role, username, display_name, language, created_at, ended_at,
             password_hash, totp_secret, totp_last_step, last_sign_in_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind_id(account.id.0)
    .bind(account.role.as_str())
    .bind(&account.username)
    .bind(&account.display_name)
    .bind(&account.language)
    .bind_at(account.created_at)
    .bind_optional_at(account.ended_at)
    .bind(&secrets.password_hash)
    .bind(&secrets.totp_secret)
    .bind(secrets.totp_last_step)
    .bind_optional_at(account.last_sign_in_at)
    .taken_if_duplicate()
    .execute(connection)
    .await?;
    Ok(())
}

pub async fn staff<B: Backend>(
    connection: &mut Connection<B>,
    id: StaffId,
) -> StoreResult<Option<StaffAccount>> {
    sql_from_parts::<B>(format!(
        "SELECT {STAFF_COLUMNS} FROM staff_accounts WHERE id = $1"
    ))
    .bind_id(id.0)
    .fetch_optional(connection)
    .await?
    .as_ref()
    .map(staff_from_row)
    .transpose()
}

pub async fn staff_by_username<B: Backend>(
    connection: &mut Connection<B>,
    username: &str,
) -> StoreResult<Option<StaffAccount>> {
    sql_from_parts::<B>(format!(
        "SELECT {STAFF_COLUMNS} FROM staff_accounts WHERE username = $1"
    ))
    .bind(username)
    .fetch_optional(connection)
    .await?
    .as_ref()
    .map(staff_from_row)
    .transpose()
}

pub async fn list_staff<B: Backend>(
    connection: &mut Connection<B>,
) -> StoreResult<Vec<StaffAccount>> {
    sql_from_parts::<B>(format!(
        "SELECT {STAFF_COLUMNS} FROM staff_accounts
         ORDER BY CASE role WHEN 'admin' THEN 0 ELSE 1 END, display_name, id"
    ))
    .fetch_all(connection)
    .await?
    .iter()
    .map(staff_from_row)
    .collect()
}

pub async fn staff_secrets<B: Backend>(
    connection: &mut Connection<B>,
    id: StaffId,
) -> StoreResult<StaffSecrets> {
    sql::<B>("SELECT password_hash, totp_secret, totp_last_step FROM staff_accounts WHERE id = $1")
        .bind_id(id.0)
        .fetch_optional(connection)
        .await?
        .as_ref()
        .map(secrets_from_row)
        .transpose()
        .map(Option::unwrap_or_default)
}

pub async fn set_password_hash<B: Backend>(
    connection: &mut Connection<B>,
    id: StaffId,
    hash: &str,
) -> StoreResult<()> {
    sql::<B>("UPDATE staff_accounts SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind_id(id.0)
        .execute(connection)
        .await?;
    Ok(())
}

pub async fn set_totp_secret<B: Backend>(
    connection: &mut Connection<B>,
    id: StaffId,
    secret: Option<&str>,
) -> StoreResult<()> {
    sql::<B>("UPDATE staff_accounts SET totp_secret = $1, totp_last_step = NULL WHERE id = $2")
        .bind(secret.map(str::to_owned))
        .bind_id(id.0)
        .execute(connection)
        .await?;
    Ok(())
}

/// Accepts a TOTP time step once: `false` when it (or a later one) was used already.
pub async fn use_totp_step<B: Backend>(
    connection: &mut Connection<B>,
    id: StaffId,
    step: i64,
) -> StoreResult<bool> {
    let changed = sql::<B>(
        "UPDATE staff_accounts SET totp_last_step = $1
         WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
    )
    .bind(step)
    .bind_id(id.0)
    .execute(connection)
    .await?;
    Ok(changed == 1)
}

pub async fn update_staff<B: Backend>(
    connection: &mut Connection<B>,
    account: &StaffAccount,
) -> StoreResult<()> {
    sql::<B>(
        "UPDATE staff_accounts SET role = $1, username = $2, display_name = $3, language = $4
         WHERE id = $5",
    )
    .bind(account.role.as_str())
    .bind(&account.username)
    .bind(&account.display_name)
    .bind(&account.language)
    .bind_id(account.id.0)
    .taken_if_duplicate()
    .execute(connection)
    .await?;
    Ok(())
}

pub async fn replace_totp_secret<B: Backend>(
    connection: &mut Connection<B>,
    id: StaffId,
    expected: &str,
    secret: &str,
) -> StoreResult<bool> {
    let changed =
        sql::<B>("UPDATE staff_accounts SET totp_secret = $1 WHERE id = $2 AND totp_secret = $3")
            .bind(secret)
            .bind_id(id.0)
            .bind(expected)
            .execute(connection)
            .await?;
    Ok(changed == 1)
}

pub async fn record_staff_sign_in<B: Backend>(
    connection: &mut Connection<B>,
    id: StaffId,
    at: Timestamp,
) -> StoreResult<()> {
    sql::<B>("UPDATE staff_accounts SET last_sign_in_at = $1 WHERE id = $2")
        .bind_at(at)
        .bind_id(id.0)
        .execute(connection)
        .await?;
    Ok(())
}

/// Disables an account (unless it is the last active admin), ends its sessions and its links, and
/// writes an audit line per ended link; inside the caller's transaction, which must keep the
/// active accounts it reads from changing until the commit ([`Backend::LOCK_READ_ROWS`]).
pub async fn disable_staff_in<B: Backend>(
    transaction: &mut Connection<B>,
    id: StaffId,
    at: Timestamp,
    audit: &AuditEntry,
) -> StoreResult<Disabled> {
    let active = sql_from_parts::<B>(format!(
        "SELECT id, role FROM staff_accounts
         WHERE (id = $1 OR role = 'admin') AND ended_at IS NULL
         ORDER BY id{}",
        B::LOCK_READ_ROWS
    ))
    .bind_id(id.0)
    .fetch_all(transaction)
    .await?
    .iter()
    .map(|row| Ok((StaffId(row.id("id")?), role_at(row, "role")?)))
    .collect::<StoreResult<Vec<_>>>()?;
    if let Some(refusal) = Disabled::refusal(id, &active) {
        return Ok(refusal);
    }
    sql::<B>("UPDATE staff_accounts SET ended_at = $1 WHERE id = $2")
        .bind_at(at)
        .bind_id(id.0)
        .execute(transaction)
        .await?;
    sql::<B>("DELETE FROM staff_sessions WHERE staff_id = $1")
        .bind_id(id.0)
        .execute(transaction)
        .await?;
    let mut ended_links = sql_from_parts::<B>(format!(
        "UPDATE links SET ended_at = $1, ended_by = $2 WHERE staff_id = $3 AND ended_at IS NULL
         RETURNING {ENDED_LINK_COLUMNS}"
    ))
    .bind_at(at)
    .bind(EndedBy::Hospital.as_str())
    .bind_id(id.0)
    .fetch_all(transaction)
    .await?
    .iter()
    .map(link_from_row)
    .collect::<StoreResult<Vec<_>>>()?;
    ended_links.sort_by_key(|link| link.id);
    for link in &ended_links {
        record_audit::<B>(transaction, &audit.about(link)).await?;
    }
    Ok(Disabled::Now { ended_links })
}

pub async fn enable_staff<B: Backend>(
    connection: &mut Connection<B>,
    id: StaffId,
) -> StoreResult<bool> {
    let changed = sql::<B>(
        "UPDATE staff_accounts SET ended_at = NULL WHERE id = $1 AND ended_at IS NOT NULL",
    )
    .bind_id(id.0)
    .execute(connection)
    .await?;
    Ok(changed == 1)
}

// Staff sessions.

fn session_from_row<B: Backend>(row: &Row<B>) -> StoreResult<StaffSession> {
    let stage: String = row.get("stage")?;
    Ok(StaffSession {
        token_hash: row.get("token_hash")?,
        staff: StaffId(row.id("staff_id")?),
        stage: SessionStage::parse(&stage)
            .ok_or_else(|| StoreError::Corrupt(format!("session stage {stage}")))?,
        created_at: row.at("created_at")?,
        expires_at: row.at("expires_at")?,
    })
}

pub async fn create_staff_session<B: Backend>(
    connection: &mut Connection<B>,
    session: &StaffSession,
) -> StoreResult<()> {
    sql::<B>(
        "INSERT INTO staff_sessions (token_hash, staff_id, stage, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&session.token_hash)
    .bind_id(session.staff.0)
    .bind(session.stage.as_str())
    .bind_at(session.created_at)
    .bind_at(session.expires_at)
    .taken_if_duplicate()
    .execute(connection)
    .await?;
    Ok(())
}

pub async fn staff_session<B: Backend>(
    connection: &mut Connection<B>,
    token_hash: &str,
    now: Timestamp,
) -> StoreResult<Option<StaffSession>> {
    sql::<B>(
        "SELECT s.token_hash, s.staff_id, s.stage, s.created_at, s.expires_at
         FROM staff_sessions s JOIN staff_accounts a ON a.id = s.staff_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.ended_at IS NULL",
    )
    .bind(token_hash)
    .bind_at(now)
    .fetch_optional(connection)
    .await?
    .as_ref()
    .map(session_from_row)
    .transpose()
}

pub async fn end_staff_session<B: Backend>(
    connection: &mut Connection<B>,
    token_hash: &str,
) -> StoreResult<()> {
    sql::<B>("DELETE FROM staff_sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(connection)
        .await?;
    Ok(())
}

pub async fn end_staff_sessions<B: Backend>(
    connection: &mut Connection<B>,
    staff: StaffId,
    except: Option<&str>,
) -> StoreResult<u64> {
    sql::<B>("DELETE FROM staff_sessions WHERE staff_id = $1 AND token_hash IS DISTINCT FROM $2")
        .bind_id(staff.0)
        .bind(except.map(str::to_owned))
        .execute(connection)
        .await
}

pub async fn prune_staff_sessions<B: Backend>(
    connection: &mut Connection<B>,
    now: Timestamp,
) -> StoreResult<u64> {
    sql::<B>("DELETE FROM staff_sessions WHERE expires_at <= $1")
        .bind_at(now)
        .execute(connection)
        .await
}

// Invitations.

const INVITATION_COLUMNS: &str =
    "token_hash, role, display_name, invited_by, created_at, expires_at, used_at";

fn invitation_from_row<B: Backend>(row: &Row<B>) -> StoreResult<Invitation> {
    Ok(Invitation {
        token_hash: row.get("token_hash")?,
        role: role_at(row, "role")?,
        display_name: row.get("display_name")?,
        invited_by: StaffId(row.id("invited_by")?),
        created_at: row.at("created_at")?,
        expires_at: row.at("expires_at")?,
        used_at: row.optional_at("used_at")?,
    })
}

pub async fn create_invitation<B: Backend>(
    connection: &mut Connection<B>,
    invitation: &Invitation,
) -> StoreResult<()> {
    sql_from_parts::<B>(format!(
        "INSERT INTO staff_invitations ({INVITATION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)"
    ))
    .bind(&invitation.token_hash)
    .bind(invitation.role.as_str())
    .bind(&invitation.display_name)
    .bind_id(invitation.invited_by.0)
    .bind_at(invitation.created_at)
    .bind_at(invitation.expires_at)
    .bind_optional_at(invitation.used_at)
    .taken_if_duplicate()
    .execute(connection)
    .await?;
    Ok(())
}

pub async fn open_invitation<B: Backend>(
    connection: &mut Connection<B>,
    token_hash: &str,
    now: Timestamp,
) -> StoreResult<Option<Invitation>> {
    sql_from_parts::<B>(format!(
        "SELECT {INVITATION_COLUMNS} FROM staff_invitations
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2"
    ))
    .bind(token_hash)
    .bind_at(now)
    .fetch_optional(connection)
    .await?
    .as_ref()
    .map(invitation_from_row)
    .transpose()
}

/// Uses an open invitation and creates the account it invites; `false` when the invitation was
/// used or ran out. Inside the caller's transaction.
pub async fn accept_invitation_in<B: Backend>(
    transaction: &mut Connection<B>,
    token_hash: &str,
    now: Timestamp,
    account: &StaffAccount,
    secrets: &StaffSecrets,
) -> StoreResult<bool> {
    let used = sql::<B>(
        "UPDATE staff_invitations SET used_at = $1
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1",
    )
    .bind_at(now)
    .bind(token_hash)
    .execute(transaction)
    .await?;
    if used != 1 {
        return Ok(false);
    }
    create_staff::<B>(transaction, account, secrets).await?;
    Ok(true)
}

// Password resets.

const RESET_COLUMNS: &str = "token_hash, staff_id, created_by, created_at, expires_at, used_at";

fn reset_from_row<B: Backend>(row: &Row<B>) -> StoreResult<PasswordReset> {
    Ok(PasswordReset {
        token_hash: row.get("token_hash")?,
        staff: StaffId(row.id("staff_id")?),
        created_by: StaffId(row.id("created_by")?),
        created_at: row.at("created_at")?,
        expires_at: row.at("expires_at")?,
        used_at: row.optional_at("used_at")?,
    })
}

async fn insert_password_reset<B: Backend>(
    connection: &mut Connection<B>,
    reset: &PasswordReset,
) -> StoreResult<()> {
    sql_from_parts::<B>(format!(
        "INSERT INTO staff_password_resets ({RESET_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)"
    ))
    .bind(&reset.token_hash)
    .bind_id(reset.staff.0)
    .bind_id(reset.created_by.0)
    .bind_at(reset.created_at)
    .bind_at(reset.expires_at)
    .bind_optional_at(reset.used_at)
    .taken_if_duplicate()
    .execute(connection)
    .await?;
    Ok(())
}

/// Replaces her open reset links with a new one; inside the caller's transaction.
pub async fn create_password_reset_in<B: Backend>(
    transaction: &mut Connection<B>,
    reset: &PasswordReset,
) -> StoreResult<()> {
    sql::<B>("DELETE FROM staff_password_resets WHERE staff_id = $1 AND used_at IS NULL")
        .bind_id(reset.staff.0)
        .execute(transaction)
        .await?;
    insert_password_reset::<B>(transaction, reset).await
}

pub async fn open_password_reset<B: Backend>(
    connection: &mut Connection<B>,
    token_hash: &str,
    now: Timestamp,
) -> StoreResult<Option<PasswordReset>> {
    sql_from_parts::<B>(format!(
        "SELECT {RESET_COLUMNS} FROM staff_password_resets
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
           AND staff_id IN (SELECT id FROM staff_accounts WHERE ended_at IS NULL)"
    ))
    .bind(token_hash)
    .bind_at(now)
    .fetch_optional(connection)
    .await?
    .as_ref()
    .map(reset_from_row)
    .transpose()
}

/// Uses an open reset link: sets her new password and second factor and signs her out everywhere.
/// Inside the caller's transaction.
pub async fn use_password_reset_in<B: Backend>(
    transaction: &mut Connection<B>,
    token_hash: &str,
    now: Timestamp,
    password_hash: &str,
    totp_secret: &str,
) -> StoreResult<Option<StaffId>> {
    let used = sql::<B>(
        "UPDATE staff_password_resets SET used_at = $1
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
           AND staff_id IN (SELECT id FROM staff_accounts WHERE ended_at IS NULL)
         RETURNING staff_id",
    )
    .bind_at(now)
    .bind(token_hash)
    .fetch_optional(transaction)
    .await?;
    let Some(used) = used else {
        return Ok(None);
    };
    let staff = StaffId(used.id("staff_id")?);
    sql::<B>(
        "UPDATE staff_accounts SET password_hash = $1, totp_secret = $2, totp_last_step = NULL
         WHERE id = $3",
    )
    .bind(password_hash)
    .bind(totp_secret)
    .bind_id(staff.0)
    .execute(transaction)
    .await?;
    sql::<B>("DELETE FROM staff_sessions WHERE staff_id = $1")
        .bind_id(staff.0)
        .execute(transaction)
        .await?;
    Ok(Some(staff))
}

// Passkeys and WebAuthn ceremonies.

fn passkey_from_row<B: Backend>(row: &Row<B>) -> StoreResult<StoredPasskey> {
    Ok(StoredPasskey {
        credential_id: row.get("credential_id")?,
        name: row.get("name")?,
        passkey_json: row.get("passkey")?,
        created_at: row.at("created_at")?,
        last_used_at: row.optional_at("last_used_at")?,
    })
}

/// The table and owner column of an owner's passkeys, and the owner's key.
fn passkey_table(owner: PasskeyOwner) -> (&'static str, &'static str, Uuid) {
    match owner {
        PasskeyOwner::Staff(id) => ("staff_passkeys", "staff_id", id.0),
        PasskeyOwner::Profile(id) => ("profile_passkeys", "profile_id", id.0),
    }
}

const PASSKEY_COLUMNS: &str = "credential_id, name, passkey, created_at, last_used_at";

pub async fn add_passkey<B: Backend>(
    connection: &mut Connection<B>,
    owner: PasskeyOwner,
    passkey: &StoredPasskey,
) -> StoreResult<()> {
    let (table, column, owner_key) = passkey_table(owner);
    // A credential id signs in one owner: refuse one already kept in the other table.
    let other = match owner {
        PasskeyOwner::Staff(_) => "profile_passkeys",
        PasskeyOwner::Profile(_) => "staff_passkeys",
    };
    let inserted = sql_from_parts::<B>(format!(
        "INSERT INTO {table} (credential_id, {column}, passkey, created_at, last_used_at, name)
         SELECT $1, $2, $3, $4, $5, $6
         WHERE NOT EXISTS (SELECT 1 FROM {other} WHERE credential_id = $1)"
    ))
    .bind(&passkey.credential_id)
    .bind_id(owner_key)
    .bind(&passkey.passkey_json)
    .bind_at(passkey.created_at)
    .bind_optional_at(passkey.last_used_at)
    .bind(&passkey.name)
    .taken_if_duplicate()
    .execute(connection)
    .await?;
    if inserted == 0 {
        return Err(StoreError::IdTaken);
    }
    Ok(())
}

pub async fn passkeys_of<B: Backend>(
    connection: &mut Connection<B>,
    owner: PasskeyOwner,
) -> StoreResult<Vec<StoredPasskey>> {
    let (table, column, owner_key) = passkey_table(owner);
    sql_from_parts::<B>(format!(
        "SELECT {PASSKEY_COLUMNS} FROM {table} WHERE {column} = $1 ORDER BY created_at, credential_id"
    ))
    .bind_id(owner_key)
    .fetch_all(connection)
    .await?
    .iter()
    .map(passkey_from_row)
    .collect()
}

pub async fn passkey_by_credential<B: Backend>(
    connection: &mut Connection<B>,
    credential_id: &str,
) -> StoreResult<Option<(PasskeyOwner, StoredPasskey)>> {
    for (table, column) in [
        ("staff_passkeys", "staff_id"),
        ("profile_passkeys", "profile_id"),
    ] {
        let row = sql_from_parts::<B>(format!(
            "SELECT {PASSKEY_COLUMNS}, {column} AS owner FROM {table} WHERE credential_id = $1"
        ))
        .bind(credential_id)
        .fetch_optional(connection)
        .await?;
        if let Some(row) = row {
            let owner = row.id("owner")?;
            let owner = if table == "staff_passkeys" {
                PasskeyOwner::Staff(StaffId(owner))
            } else {
                PasskeyOwner::Profile(ProfileId(owner))
            };
            return Ok(Some((owner, passkey_from_row(&row)?)));
        }
    }
    Ok(None)
}

pub async fn update_passkey<B: Backend>(
    connection: &mut Connection<B>,
    credential_id: &str,
    passkey_json: &str,
    used_at: Timestamp,
) -> StoreResult<()> {
    for table in ["staff_passkeys", "profile_passkeys"] {
        sql_from_parts::<B>(format!(
            "UPDATE {table} SET passkey = $1, last_used_at = $2 WHERE credential_id = $3"
        ))
        .bind(passkey_json)
        .bind_at(used_at)
        .bind(credential_id)
        .execute(connection)
        .await?;
    }
    Ok(())
}

pub async fn remove_passkey<B: Backend>(
    connection: &mut Connection<B>,
    owner: PasskeyOwner,
    credential_id: &str,
) -> StoreResult<bool> {
    let (table, column, owner_key) = passkey_table(owner);
    let removed = sql_from_parts::<B>(format!(
        "DELETE FROM {table} WHERE credential_id = $1 AND {column} = $2"
    ))
    .bind(credential_id)
    .bind_id(owner_key)
    .execute(connection)
    .await?;
    Ok(removed > 0)
}

fn ceremony_from_row<B: Backend>(row: &Row<B>) -> StoreResult<Ceremony> {
    Ok(Ceremony {
        id: row.get("id")?,
        state_json: row.get("state")?,
        expires_at: row.at("expires_at")?,
    })
}

pub async fn save_ceremony<B: Backend>(
    connection: &mut Connection<B>,
    ceremony: &Ceremony,
) -> StoreResult<()> {
    sql::<B>("INSERT INTO webauthn_ceremonies (id, state, expires_at) VALUES ($1, $2, $3)")
        .bind(&ceremony.id)
        .bind(&ceremony.state_json)
        .bind_at(ceremony.expires_at)
        .taken_if_duplicate()
        .execute(connection)
        .await?;
    Ok(())
}

/// Takes a ceremony out (a ceremony is good once); `None` when unknown or expired.
pub async fn take_ceremony<B: Backend>(
    connection: &mut Connection<B>,
    id: &str,
    now: Timestamp,
) -> StoreResult<Option<Ceremony>> {
    let row =
        sql::<B>("DELETE FROM webauthn_ceremonies WHERE id = $1 RETURNING id, state, expires_at")
            .bind(id)
            .fetch_optional(connection)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let ceremony = ceremony_from_row(&row)?;
    Ok((ceremony.expires_at > now).then_some(ceremony))
}

// Link codes and links.

/// A link's columns, from `links l`.
pub const LINK_COLUMNS: &str =
    "l.id, l.profile_id, l.staff_id, l.label, l.created_at, l.ended_at, l.ended_by";

/// The columns of a link as an `UPDATE links … RETURNING` gives them (no table alias).
const ENDED_LINK_COLUMNS: &str = "id, profile_id, staff_id, label, created_at, ended_at, ended_by";

/// A link from the columns [`LINK_COLUMNS`] names.
pub fn link_from_row<B: Backend>(row: &Row<B>) -> StoreResult<Link> {
    let ended_by: Option<String> = row.get("ended_by")?;
    Ok(Link {
        id: LinkId(row.id("id")?),
        profile: ProfileId(row.id("profile_id")?),
        staff: StaffId(row.id("staff_id")?),
        label: row.get("label")?,
        created_at: row.at("created_at")?,
        ended_at: row.optional_at("ended_at")?,
        ended_by: ended_by
            .map(|by| {
                EndedBy::parse(&by).ok_or_else(|| StoreError::Corrupt(format!("ended by {by}")))
            })
            .transpose()?,
    })
}

fn link_code_from_row<B: Backend>(row: &Row<B>) -> StoreResult<LinkCode> {
    Ok(LinkCode {
        code_hash: row.get("code_hash")?,
        profile: ProfileId(row.id("profile_id")?),
        created_at: row.at("created_at")?,
        expires_at: row.at("expires_at")?,
        used_at: row.optional_at("used_at")?,
    })
}

pub async fn create_link_code<B: Backend>(
    connection: &mut Connection<B>,
    code: &LinkCode,
) -> StoreResult<()> {
    sql::<B>(
        "INSERT INTO link_codes (code_hash, profile_id, created_at, expires_at, used_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&code.code_hash)
    .bind_id(code.profile.0)
    .bind_at(code.created_at)
    .bind_at(code.expires_at)
    .bind_optional_at(code.used_at)
    .taken_if_duplicate()
    .execute(connection)
    .await?;
    Ok(())
}

async fn insert_link<B: Backend>(connection: &mut Connection<B>, link: &Link) -> StoreResult<()> {
    sql::<B>(
        "INSERT INTO links (id, profile_id, staff_id, label, created_at, ended_at, ended_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind_id(link.id.0)
    .bind_id(link.profile.0)
    .bind_id(link.staff.0)
    .bind(&link.label)
    .bind_at(link.created_at)
    .bind_optional_at(link.ended_at)
    .bind(link.ended_by.map(EndedBy::as_str))
    .taken_if_duplicate()
    .execute(connection)
    .await?;
    Ok(())
}

/// Uses a link code: links her to `staff` (or relabels the link they already have). `None` when
/// the code was used or ran out. Inside the caller's transaction.
pub async fn redeem_link_code_in<B: Backend>(
    transaction: &mut Connection<B>,
    code_hash: &str,
    now: Timestamp,
    new_link: LinkId,
    staff: StaffId,
    label: &str,
) -> StoreResult<Option<Link>> {
    let profile = sql::<B>(
        "UPDATE link_codes SET used_at = $1
         WHERE code_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING profile_id",
    )
    .bind_at(now)
    .bind(code_hash)
    .fetch_optional(transaction)
    .await?;
    let Some(profile) = profile else {
        return Ok(None);
    };
    let profile = ProfileId(profile.id("profile_id")?);
    let existing = sql_from_parts::<B>(format!(
        "SELECT {LINK_COLUMNS} FROM links l
         WHERE l.profile_id = $1 AND l.staff_id = $2 AND l.ended_at IS NULL"
    ))
    .bind_id(profile.0)
    .bind_id(staff.0)
    .fetch_optional(transaction)
    .await?;
    let link = match existing {
        Some(row) => {
            let mut link = link_from_row(&row)?;
            link.label = label.to_owned();
            relabel_link::<B>(transaction, link.id, label).await?;
            link
        }
        None => {
            let link = Link {
                id: new_link,
                profile,
                staff,
                label: label.to_owned(),
                created_at: now,
                ended_at: None,
                ended_by: None,
            };
            insert_link::<B>(transaction, &link).await?;
            link
        }
    };
    Ok(Some(link))
}

pub async fn link<B: Backend>(
    connection: &mut Connection<B>,
    id: LinkId,
) -> StoreResult<Option<Link>> {
    sql_from_parts::<B>(format!(
        "SELECT {LINK_COLUMNS} FROM links l WHERE l.id = $1"
    ))
    .bind_id(id.0)
    .fetch_optional(connection)
    .await?
    .as_ref()
    .map(link_from_row)
    .transpose()
}

pub async fn links_of_profile<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<Vec<LinkWithStaff>> {
    sql_from_parts::<B>(format!(
        "SELECT {LINK_COLUMNS}, a.display_name FROM links l JOIN staff_accounts a ON a.id = l.staff_id
         WHERE l.profile_id = $1
         ORDER BY CASE WHEN l.ended_at IS NULL THEN 0 ELSE 1 END, l.created_at DESC, l.id"
    ))
    .bind_id(profile.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| {
        Ok(LinkWithStaff {
            link: link_from_row(row)?,
            staff_display_name: row.get("display_name")?,
        })
    })
    .collect()
}

pub async fn active_links_of_staff<B: Backend>(
    connection: &mut Connection<B>,
    staff: StaffId,
) -> StoreResult<Vec<Link>> {
    sql_from_parts::<B>(format!(
        "SELECT {LINK_COLUMNS} FROM links l WHERE l.staff_id = $1 AND l.ended_at IS NULL
         ORDER BY l.label, l.id"
    ))
    .bind_id(staff.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(link_from_row)
    .collect()
}

pub async fn end_link<B: Backend>(
    connection: &mut Connection<B>,
    id: LinkId,
    at: Timestamp,
    by: EndedBy,
) -> StoreResult<bool> {
    let changed = sql::<B>(
        "UPDATE links SET ended_at = $1, ended_by = $2 WHERE id = $3 AND ended_at IS NULL",
    )
    .bind_at(at)
    .bind(by.as_str())
    .bind_id(id.0)
    .execute(connection)
    .await?;
    Ok(changed == 1)
}

pub async fn relabel_link<B: Backend>(
    connection: &mut Connection<B>,
    id: LinkId,
    label: &str,
) -> StoreResult<()> {
    sql::<B>("UPDATE links SET label = $1 WHERE id = $2")
        .bind(label)
        .bind_id(id.0)
        .execute(connection)
        .await?;
    Ok(())
}

// The audit log.

fn audit_from_row<B: Backend>(row: &Row<B>) -> StoreResult<AuditEntry> {
    Ok(AuditEntry {
        at: row.at("at")?,
        staff: StaffId(row.id("staff_id")?),
        profile: row.optional_id("profile_id")?.map(ProfileId),
        link: row.optional_id("link_id")?.map(LinkId),
        action: row.get("action")?,
        detail: row.get("detail")?,
    })
}

pub async fn record_audit<B: Backend>(
    connection: &mut Connection<B>,
    entry: &AuditEntry,
) -> StoreResult<()> {
    sql::<B>(
        "INSERT INTO audit_log (at, staff_id, profile_id, link_id, action, detail)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind_at(entry.at)
    .bind_id(entry.staff.0)
    .bind_optional_id(entry.profile.map(|profile| profile.0))
    .bind_optional_id(entry.link.map(|link| link.0))
    .bind(&entry.action)
    .bind(&entry.detail)
    .execute(connection)
    .await?;
    Ok(())
}

/// Takes her out of the audit log at erasure: who and when stay, what identifies her goes.
pub async fn forget_in_audit<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<()> {
    sql::<B>(
        "UPDATE audit_log SET profile_id = NULL, link_id = NULL, detail = NULL WHERE profile_id = $1",
    )
    .bind_id(profile.0)
    .execute(connection)
    .await?;
    Ok(())
}

pub async fn audit_of_profile<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    limit: u32,
) -> StoreResult<Vec<AuditWithStaff>> {
    sql::<B>(
        "SELECT g.at, g.staff_id, g.profile_id, g.link_id, g.action, g.detail, a.display_name
         FROM audit_log g JOIN staff_accounts a ON a.id = g.staff_id
         WHERE g.profile_id = $1 ORDER BY g.at DESC, g.seq DESC LIMIT $2",
    )
    .bind_id(profile.0)
    .bind(i64::from(limit))
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| {
        Ok(AuditWithStaff {
            entry: audit_from_row(row)?,
            staff_display_name: row.get("display_name")?,
        })
    })
    .collect()
}

/// Up to `limit` audit lines after sequence number `after`, in order, with their numbers.
pub async fn audit_after<B: Backend>(
    connection: &mut Connection<B>,
    after: i64,
    limit: u32,
) -> StoreResult<Vec<(i64, AuditEntry)>> {
    sql::<B>(
        "SELECT seq, at, staff_id, profile_id, link_id, action, detail FROM audit_log
         WHERE seq > $1 ORDER BY seq LIMIT $2",
    )
    .bind(after)
    .bind(i64::from(limit))
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| Ok((row.get("seq")?, audit_from_row(row)?)))
    .collect()
}

// Rate limits.

/// Adds a counter's count to its bucket (starting over when its window changed); answers the
/// bucket's count.
pub async fn count_in_bucket<B: Backend>(
    connection: &mut Connection<B>,
    counter: &RateCounter,
) -> StoreResult<u32> {
    let count: i32 = sql::<B>(
        "INSERT INTO rate_limits (bucket, window_start, count) VALUES ($1, $2, $3)
         ON CONFLICT (bucket) DO UPDATE SET
             count = CASE WHEN rate_limits.window_start = excluded.window_start
                          THEN rate_limits.count + excluded.count ELSE excluded.count END,
             window_start = excluded.window_start
         RETURNING count",
    )
    .bind(&counter.bucket)
    .bind_at(counter.window_start)
    .bind(small(counter.count))
    .fetch_one(connection)
    .await?
    .get(0)?;
    count_from(count, "rate count")
}

pub async fn prune_rate_limits<B: Backend>(
    connection: &mut Connection<B>,
    before: Timestamp,
) -> StoreResult<u64> {
    sql::<B>("DELETE FROM rate_limits WHERE window_start < $1")
        .bind_at(before)
        .execute(connection)
        .await
}

// Moving a deployment (`migrate-data`).

/// Her passkeys, link codes and links, for `export_profile`.
pub async fn export_sharing<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<ProfileSharing> {
    let passkeys = passkeys_of::<B>(connection, PasskeyOwner::Profile(profile)).await?;
    let link_codes = sql::<B>(
        "SELECT code_hash, profile_id, created_at, expires_at, used_at FROM link_codes
         WHERE profile_id = $1 ORDER BY created_at, code_hash",
    )
    .bind_id(profile.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(link_code_from_row)
    .collect::<StoreResult<_>>()?;
    let links = sql_from_parts::<B>(format!(
        "SELECT {LINK_COLUMNS} FROM links l WHERE l.profile_id = $1 ORDER BY l.created_at, l.id"
    ))
    .bind_id(profile.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(link_from_row)
    .collect::<StoreResult<_>>()?;
    Ok(ProfileSharing {
        passkeys,
        link_codes,
        links,
    })
}

/// Writes her passkeys, link codes and links, inside `import_profile`'s transaction.
pub async fn import_sharing_in<B: Backend>(
    transaction: &mut Connection<B>,
    profile: ProfileId,
    sharing: &ProfileSharing,
) -> StoreResult<()> {
    for passkey in &sharing.passkeys {
        add_passkey::<B>(transaction, PasskeyOwner::Profile(profile), passkey).await?;
    }
    for code in &sharing.link_codes {
        create_link_code::<B>(transaction, code).await?;
    }
    for link in &sharing.links {
        insert_link::<B>(transaction, link).await?;
    }
    Ok(())
}

/// Staff, their passkeys and sessions, invitations, reset links, rate counters and ceremonies.
pub async fn export_deployment<B: Backend>(
    connection: &mut Connection<B>,
) -> StoreResult<DeploymentDump> {
    let staff = sql_from_parts::<B>(format!(
        "SELECT {STAFF_COLUMNS} FROM staff_accounts ORDER BY created_at, id"
    ))
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| Ok((staff_from_row(row)?, secrets_from_row(row)?)))
    .collect::<StoreResult<Vec<_>>>()?;
    let staff_passkeys = sql::<B>(
        "SELECT credential_id, name, passkey, created_at, last_used_at, staff_id FROM staff_passkeys
         ORDER BY created_at, credential_id",
    )
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| Ok((StaffId(row.id("staff_id")?), passkey_from_row(row)?)))
    .collect::<StoreResult<Vec<_>>>()?;
    let staff_sessions = sql::<B>(
        "SELECT token_hash, staff_id, stage, created_at, expires_at FROM staff_sessions
         ORDER BY token_hash",
    )
    .fetch_all(connection)
    .await?
    .iter()
    .map(session_from_row)
    .collect::<StoreResult<_>>()?;
    let invitations = sql_from_parts::<B>(format!(
        "SELECT {INVITATION_COLUMNS} FROM staff_invitations ORDER BY created_at, token_hash"
    ))
    .fetch_all(connection)
    .await?
    .iter()
    .map(invitation_from_row)
    .collect::<StoreResult<_>>()?;
    let password_resets = sql_from_parts::<B>(format!(
        "SELECT {RESET_COLUMNS} FROM staff_password_resets ORDER BY created_at, token_hash"
    ))
    .fetch_all(connection)
    .await?
    .iter()
    .map(reset_from_row)
    .collect::<StoreResult<_>>()?;
    let rate_counters =
        sql::<B>("SELECT bucket, window_start, count FROM rate_limits ORDER BY bucket")
            .fetch_all(connection)
            .await?
            .iter()
            .map(|row| {
                Ok(RateCounter {
                    bucket: row.get("bucket")?,
                    window_start: row.at("window_start")?,
                    count: count_from(row.get("count")?, "rate count")?,
                })
            })
            .collect::<StoreResult<_>>()?;
    let ceremonies = sql::<B>("SELECT id, state, expires_at FROM webauthn_ceremonies ORDER BY id")
        .fetch_all(connection)
        .await?
        .iter()
        .map(ceremony_from_row)
        .collect::<StoreResult<_>>()?;
    Ok(DeploymentDump {
        staff,
        staff_passkeys,
        staff_sessions,
        invitations,
        password_resets,
        rate_counters,
        ceremonies,
    })
}

/// Writes what [`export_deployment`] read, inside the caller's transaction.
pub async fn import_deployment_in<B: Backend>(
    transaction: &mut Connection<B>,
    dump: &DeploymentDump,
) -> StoreResult<()> {
    for (account, secrets) in &dump.staff {
        create_staff::<B>(transaction, account, secrets).await?;
    }
    for (staff, passkey) in &dump.staff_passkeys {
        add_passkey::<B>(transaction, PasskeyOwner::Staff(*staff), passkey).await?;
    }
    for session in &dump.staff_sessions {
        create_staff_session::<B>(transaction, session).await?;
    }
    for invitation in &dump.invitations {
        create_invitation::<B>(transaction, invitation).await?;
    }
    for reset in &dump.password_resets {
        insert_password_reset::<B>(transaction, reset).await?;
    }
    for counter in &dump.rate_counters {
        count_in_bucket::<B>(transaction, counter).await?;
    }
    for ceremony in &dump.ceremonies {
        save_ceremony::<B>(transaction, ceremony).await?;
    }
    Ok(())
}

// The repositories, for every store on a sqlx database.

#[async_trait]
impl<S: SqlStore> StaffRepo for S {
    async fn create_staff(
        &self,
        account: &StaffAccount,
        secrets: &StaffSecrets,
    ) -> StoreResult<()> {
        create_staff::<S::Backend>(&mut *self.connection().await?, account, secrets).await
    }

    async fn staff(&self, id: StaffId) -> StoreResult<Option<StaffAccount>> {
        staff::<S::Backend>(&mut *self.connection().await?, id).await
    }

    async fn staff_by_username(&self, username: &str) -> StoreResult<Option<StaffAccount>> {
        staff_by_username::<S::Backend>(&mut *self.connection().await?, username).await
    }

    async fn list_staff(&self) -> StoreResult<Vec<StaffAccount>> {
        list_staff::<S::Backend>(&mut *self.connection().await?).await
    }

    async fn staff_secrets(&self, id: StaffId) -> StoreResult<StaffSecrets> {
        staff_secrets::<S::Backend>(&mut *self.connection().await?, id).await
    }

    async fn set_password_hash(&self, id: StaffId, hash: &str) -> StoreResult<()> {
        set_password_hash::<S::Backend>(&mut *self.connection().await?, id, hash).await
    }

    async fn set_totp_secret(&self, id: StaffId, secret: Option<&str>) -> StoreResult<()> {
        set_totp_secret::<S::Backend>(&mut *self.connection().await?, id, secret).await
    }

    async fn use_totp_step(&self, id: StaffId, step: i64) -> StoreResult<bool> {
        use_totp_step::<S::Backend>(&mut *self.connection().await?, id, step).await
    }

    async fn update_staff(&self, account: &StaffAccount) -> StoreResult<()> {
        update_staff::<S::Backend>(&mut *self.connection().await?, account).await
    }

    async fn replace_totp_secret(
        &self,
        id: StaffId,
        expected: &str,
        secret: &str,
    ) -> StoreResult<bool> {
        let mut connection = self.connection().await?;
        replace_totp_secret::<S::Backend>(&mut connection, id, expected, secret).await
    }

    async fn record_staff_sign_in(&self, id: StaffId, at: Timestamp) -> StoreResult<()> {
        record_staff_sign_in::<S::Backend>(&mut *self.connection().await?, id, at).await
    }

    async fn disable_staff(
        &self,
        id: StaffId,
        at: Timestamp,
        audit: &AuditEntry,
    ) -> StoreResult<Disabled> {
        let mut transaction = self.begin().await?;
        let disabled = disable_staff_in::<S::Backend>(&mut transaction, id, at, audit).await?;
        if let Disabled::Now { .. } = disabled {
            transaction.commit().await.map_err(database)?;
        }
        Ok(disabled)
    }

    async fn enable_staff(&self, id: StaffId) -> StoreResult<bool> {
        enable_staff::<S::Backend>(&mut *self.connection().await?, id).await
    }
}

#[async_trait]
impl<S: SqlStore> StaffSessionRepo for S {
    async fn create_staff_session(&self, session: &StaffSession) -> StoreResult<()> {
        create_staff_session::<S::Backend>(&mut *self.connection().await?, session).await
    }

    async fn staff_session(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<StaffSession>> {
        staff_session::<S::Backend>(&mut *self.connection().await?, token_hash, now).await
    }

    async fn end_staff_session(&self, token_hash: &str) -> StoreResult<()> {
        end_staff_session::<S::Backend>(&mut *self.connection().await?, token_hash).await
    }

    async fn end_staff_sessions(&self, staff: StaffId, except: Option<&str>) -> StoreResult<u64> {
        end_staff_sessions::<S::Backend>(&mut *self.connection().await?, staff, except).await
    }

    async fn prune_staff_sessions(&self, now: Timestamp) -> StoreResult<u64> {
        prune_staff_sessions::<S::Backend>(&mut *self.connection().await?, now).await
    }
}

#[async_trait]
impl<S: SqlStore> InvitationRepo for S {
    async fn create_invitation(&self, invitation: &Invitation) -> StoreResult<()> {
        create_invitation::<S::Backend>(&mut *self.connection().await?, invitation).await
    }

    async fn open_invitation(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<Invitation>> {
        open_invitation::<S::Backend>(&mut *self.connection().await?, token_hash, now).await
    }

    async fn accept_invitation(
        &self,
        token_hash: &str,
        now: Timestamp,
        account: &StaffAccount,
        secrets: &StaffSecrets,
    ) -> StoreResult<bool> {
        let mut transaction = self.begin().await?;
        let accepted =
            accept_invitation_in::<S::Backend>(&mut transaction, token_hash, now, account, secrets)
                .await?;
        if accepted {
            transaction.commit().await.map_err(database)?;
        }
        Ok(accepted)
    }
}

#[async_trait]
impl<S: SqlStore> PasswordResetRepo for S {
    async fn create_password_reset(&self, reset: &PasswordReset) -> StoreResult<()> {
        let mut transaction = self.begin().await?;
        create_password_reset_in::<S::Backend>(&mut transaction, reset).await?;
        transaction.commit().await.map_err(database)
    }

    async fn open_password_reset(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<PasswordReset>> {
        open_password_reset::<S::Backend>(&mut *self.connection().await?, token_hash, now).await
    }

    async fn use_password_reset(
        &self,
        token_hash: &str,
        now: Timestamp,
        password_hash: &str,
        totp_secret: &str,
    ) -> StoreResult<Option<StaffId>> {
        let mut transaction = self.begin().await?;
        let staff = use_password_reset_in::<S::Backend>(
            &mut transaction,
            token_hash,
            now,
            password_hash,
            totp_secret,
        )
        .await?;
        if staff.is_some() {
            transaction.commit().await.map_err(database)?;
        }
        Ok(staff)
    }
}

#[async_trait]
impl<S: SqlStore> PasskeyRepo for S {
    async fn add_passkey(&self, owner: PasskeyOwner, passkey: &StoredPasskey) -> StoreResult<()> {
        add_passkey::<S::Backend>(&mut *self.connection().await?, owner, passkey).await
    }

    async fn passkeys_of(&self, owner: PasskeyOwner) -> StoreResult<Vec<StoredPasskey>> {
        passkeys_of::<S::Backend>(&mut *self.connection().await?, owner).await
    }

    async fn passkey_by_credential(
        &self,
        credential_id: &str,
    ) -> StoreResult<Option<(PasskeyOwner, StoredPasskey)>> {
        passkey_by_credential::<S::Backend>(&mut *self.connection().await?, credential_id).await
    }

    async fn update_passkey(
        &self,
        credential_id: &str,
        passkey_json: &str,
        used_at: Timestamp,
    ) -> StoreResult<()> {
        let mut connection = self.connection().await?;
        update_passkey::<S::Backend>(&mut connection, credential_id, passkey_json, used_at).await
    }

    async fn remove_passkey(&self, owner: PasskeyOwner, credential_id: &str) -> StoreResult<bool> {
        let mut connection = self.connection().await?;
        remove_passkey::<S::Backend>(&mut connection, owner, credential_id).await
    }

    async fn save_ceremony(&self, ceremony: &Ceremony) -> StoreResult<()> {
        save_ceremony::<S::Backend>(&mut *self.connection().await?, ceremony).await
    }

    async fn take_ceremony(&self, id: &str, now: Timestamp) -> StoreResult<Option<Ceremony>> {
        take_ceremony::<S::Backend>(&mut *self.connection().await?, id, now).await
    }
}

#[async_trait]
impl<S: SqlStore> RateLimitRepo for S {
    async fn count_attempt(&self, bucket: &str, window_start: Timestamp) -> StoreResult<u32> {
        let counter = RateCounter {
            bucket: bucket.to_owned(),
            window_start,
            count: 1,
        };
        count_in_bucket::<S::Backend>(&mut *self.connection().await?, &counter).await
    }

    async fn prune_rate_limits(&self, before: Timestamp) -> StoreResult<u64> {
        prune_rate_limits::<S::Backend>(&mut *self.connection().await?, before).await
    }
}

#[async_trait]
impl<S: SqlStore> LinkRepo for S {
    async fn create_link_code(&self, code: &LinkCode) -> StoreResult<()> {
        create_link_code::<S::Backend>(&mut *self.connection().await?, code).await
    }

    async fn redeem_link_code(
        &self,
        code_hash: &str,
        now: Timestamp,
        new_link: LinkId,
        staff: StaffId,
        label: &str,
    ) -> StoreResult<Option<Link>> {
        let mut transaction = self.begin().await?;
        let link = redeem_link_code_in::<S::Backend>(
            &mut transaction,
            code_hash,
            now,
            new_link,
            staff,
            label,
        )
        .await?;
        if link.is_some() {
            transaction.commit().await.map_err(database)?;
        }
        Ok(link)
    }

    async fn redeem_link_code_audited(
        &self,
        code_hash: &str,
        now: Timestamp,
        new_link: LinkId,
        staff: StaffId,
        label: &str,
        audit_detail: &str,
    ) -> StoreResult<Option<Link>> {
        let mut transaction = self.begin().await?;
        let link = redeem_link_code_in::<S::Backend>(
            &mut transaction,
            code_hash,
            now,
            new_link,
            staff,
            label,
        )
        .await?;
        if let Some(link) = &link {
            let line = AuditEntry {
                at: now,
                staff,
                profile: Some(link.profile),
                link: Some(link.id),
                action: hangmat_core::policy::Action::EnterLinkCode
                    .as_str()
                    .to_owned(),
                detail: Some(audit_detail.to_owned()),
            };
            record_audit::<S::Backend>(&mut transaction, &line).await?;
            transaction.commit().await.map_err(database)?;
        }
        Ok(link)
    }

    async fn link(&self, id: LinkId) -> StoreResult<Option<Link>> {
        link::<S::Backend>(&mut *self.connection().await?, id).await
    }

    async fn links_of_profile(&self, profile: ProfileId) -> StoreResult<Vec<LinkWithStaff>> {
        links_of_profile::<S::Backend>(&mut *self.connection().await?, profile).await
    }

    async fn active_links_of_staff(&self, staff: StaffId) -> StoreResult<Vec<Link>> {
        active_links_of_staff::<S::Backend>(&mut *self.connection().await?, staff).await
    }

    async fn listed_mothers(
        &self,
        staff: StaffId,
        days_in: &(dyn for<'z> Fn(&'z str) -> ListDays + Sync),
    ) -> StoreResult<Vec<ListedMother>> {
        self.list_mothers(staff, days_in).await
    }

    async fn end_link(&self, id: LinkId, at: Timestamp, by: EndedBy) -> StoreResult<bool> {
        end_link::<S::Backend>(&mut *self.connection().await?, id, at, by).await
    }

    async fn relabel_link(&self, id: LinkId, label: &str) -> StoreResult<()> {
        relabel_link::<S::Backend>(&mut *self.connection().await?, id, label).await
    }
}

#[async_trait]
impl<S: SqlStore> AuditRepo for S {
    async fn record_audit(&self, entry: &AuditEntry) -> StoreResult<()> {
        record_audit::<S::Backend>(&mut *self.connection().await?, entry).await
    }

    async fn record_audits(&self, entries: &[AuditEntry]) -> StoreResult<()> {
        self.write_audit_lines(entries).await
    }

    async fn audit_of_profile(
        &self,
        profile: ProfileId,
        limit: u32,
    ) -> StoreResult<Vec<AuditWithStaff>> {
        audit_of_profile::<S::Backend>(&mut *self.connection().await?, profile, limit).await
    }
}

#[async_trait]
impl<S: SqlStore> AccessTransfer for S {
    async fn export_deployment(&self) -> StoreResult<DeploymentDump> {
        export_deployment::<S::Backend>(&mut *self.connection().await?).await
    }

    async fn import_deployment(&self, dump: &DeploymentDump) -> StoreResult<()> {
        let mut transaction = self.begin().await?;
        import_deployment_in::<S::Backend>(&mut transaction, dump).await?;
        transaction.commit().await.map_err(database)
    }

    async fn audit_after(&self, after: i64, limit: u32) -> StoreResult<Vec<(i64, AuditEntry)>> {
        audit_after::<S::Backend>(&mut *self.connection().await?, after, limit).await
    }

    async fn import_audit(&self, entries: &[AuditEntry]) -> StoreResult<()> {
        self.record_audits(entries).await
    }
}
