//! Staff accounts, passkeys, sessions, invitations, link codes, links, the audit log and
//! rate-limit counters on SQLite (migration 0003).
//!
//! Each multi-step change (using an invitation, redeeming a link code) runs in one transaction with
//! a conditional `UPDATE … RETURNING`, so two requests racing for one code cannot both win.

use crate::SqliteStore;
use crate::rows::{database, millis, timestamp_from_millis, uuid_from_text};
use async_trait::async_trait;
use hangmat_core::policy::StaffRole;
use hangmat_store::{
    AccessTransfer, AuditEntry, AuditRepo, AuditWithStaff, Ceremony, DeploymentDump, Disabled,
    EndedBy, Invitation, InvitationRepo, Link, LinkCode, LinkId, LinkRepo, LinkWithStaff, ListDays,
    ListedMother, PasskeyOwner, PasskeyRepo, PasswordReset, PasswordResetRepo, ProfileId,
    ProfileSharing, RateCounter, RateLimitRepo, SessionStage, StaffAccount, StaffId, StaffRepo,
    StaffSecrets, StaffSession, StaffSessionRepo, StoreError, StoreResult, StoredPasskey,
};
use jiff::Timestamp;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};
use uuid::Uuid;

type DbRow = SqliteRow;

fn key(id: Uuid) -> String {
    id.to_string()
}

fn uuid_at(row: &DbRow, column: &str) -> StoreResult<Uuid> {
    uuid_from_text(&row.try_get::<String, _>(column).map_err(database)?)
}

fn opt_uuid_at(row: &DbRow, column: &str) -> StoreResult<Option<Uuid>> {
    row.try_get::<Option<String>, _>(column)
        .map_err(database)?
        .map(|text| uuid_from_text(&text))
        .transpose()
}

fn at(row: &DbRow, column: &str) -> StoreResult<Timestamp> {
    timestamp_from_millis(row.try_get(column).map_err(database)?)
}

fn opt_at(row: &DbRow, column: &str) -> StoreResult<Option<Timestamp>> {
    row.try_get::<Option<i64>, _>(column)
        .map_err(database)?
        .map(timestamp_from_millis)
        .transpose()
}

fn text(row: &DbRow, column: &str) -> StoreResult<String> {
    row.try_get(column).map_err(database)
}

fn role_at(row: &DbRow, column: &str) -> StoreResult<StaffRole> {
    let role = text(row, column)?;
    StaffRole::parse(&role).ok_or_else(|| StoreError::Corrupt(format!("role {role}")))
}

/// A unique-constraint violation means an id or name is taken; anything else is a database error.
fn taken_or_database(error: sqlx::Error) -> StoreError {
    match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::IdTaken,
        _ => database(error),
    }
}

const STAFF_COLUMNS: &str = "id, role, username, display_name, language, created_at, ended_at, last_sign_in_at, password_hash, totp_secret, totp_last_step";

fn staff_from_row(row: &DbRow) -> StoreResult<StaffAccount> {
    Ok(StaffAccount {
        id: StaffId(uuid_at(row, "id")?),
        role: role_at(row, "role")?,
        username: text(row, "username")?,
        display_name: text(row, "display_name")?,
        language: text(row, "language")?,
        created_at: at(row, "created_at")?,
        ended_at: opt_at(row, "ended_at")?,
        last_sign_in_at: opt_at(row, "last_sign_in_at")?,
    })
}

fn secrets_from_row(row: &DbRow) -> StoreResult<StaffSecrets> {
    Ok(StaffSecrets {
        password_hash: row.try_get("password_hash").map_err(database)?,
        totp_secret: row.try_get("totp_secret").map_err(database)?,
        totp_last_step: row.try_get("totp_last_step").map_err(database)?,
    })
}

async fn insert_staff(
    connection: &mut SqliteConnection,
    account: &StaffAccount,
    secrets: &StaffSecrets,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO staff_accounts (id, role, username, display_name, language, created_at, ended_at,
             password_hash, totp_secret, totp_last_step, last_sign_in_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )
    .bind(key(account.id.0))
    .bind(account.role.as_str())
    .bind(&account.username)
    .bind(&account.display_name)
    .bind(&account.language)
    .bind(millis(account.created_at))
    .bind(account.ended_at.map(millis))
    .bind(&secrets.password_hash)
    .bind(&secrets.totp_secret)
    .bind(secrets.totp_last_step)
    .bind(account.last_sign_in_at.map(millis))
    .execute(connection)
    .await
    .map_err(taken_or_database)?;
    Ok(())
}

#[async_trait]
impl StaffRepo for SqliteStore {
    async fn create_staff(
        &self,
        account: &StaffAccount,
        secrets: &StaffSecrets,
    ) -> StoreResult<()> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        insert_staff(&mut connection, account, secrets).await
    }

    async fn staff(&self, id: StaffId) -> StoreResult<Option<StaffAccount>> {
        let query = sqlx::AssertSqlSafe(format!(
            "SELECT {STAFF_COLUMNS} FROM staff_accounts WHERE id = ?1"
        ));
        let row = sqlx::query(query)
            .bind(key(id.0))
            .fetch_optional(&self.pool)
            .await
            .map_err(database)?;
        row.as_ref().map(staff_from_row).transpose()
    }

    async fn staff_by_username(&self, username: &str) -> StoreResult<Option<StaffAccount>> {
        let query = sqlx::AssertSqlSafe(format!(
            "SELECT {STAFF_COLUMNS} FROM staff_accounts WHERE username = ?1"
        ));
        let row = sqlx::query(query)
            .bind(username)
            .fetch_optional(&self.pool)
            .await
            .map_err(database)?;
        row.as_ref().map(staff_from_row).transpose()
    }

    async fn list_staff(&self) -> StoreResult<Vec<StaffAccount>> {
        let query = sqlx::AssertSqlSafe(format!(
            "SELECT {STAFF_COLUMNS} FROM staff_accounts
             ORDER BY CASE role WHEN 'admin' THEN 0 ELSE 1 END, display_name, id"
        ));
        let rows = sqlx::query(query)
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        rows.iter().map(staff_from_row).collect()
    }

    async fn staff_secrets(&self, id: StaffId) -> StoreResult<StaffSecrets> {
        let row = sqlx::query(
            "SELECT password_hash, totp_secret, totp_last_step FROM staff_accounts WHERE id = ?1",
        )
        .bind(key(id.0))
        .fetch_optional(&self.pool)
        .await
        .map_err(database)?;
        row.as_ref()
            .map(secrets_from_row)
            .transpose()
            .map(Option::unwrap_or_default)
    }

    async fn set_password_hash(&self, id: StaffId, hash: &str) -> StoreResult<()> {
        sqlx::query("UPDATE staff_accounts SET password_hash = ?1 WHERE id = ?2")
            .bind(hash)
            .bind(key(id.0))
            .execute(&self.pool)
            .await
            .map_err(database)?;
        Ok(())
    }

    async fn set_totp_secret(&self, id: StaffId, secret: Option<&str>) -> StoreResult<()> {
        sqlx::query(
            "UPDATE staff_accounts SET totp_secret = ?1, totp_last_step = NULL WHERE id = ?2",
        )
        .bind(secret)
        .bind(key(id.0))
        .execute(&self.pool)
        .await
        .map_err(database)?;
        Ok(())
    }

    async fn use_totp_step(&self, id: StaffId, step: i64) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE staff_accounts SET totp_last_step = ?1
             WHERE id = ?2 AND (totp_last_step IS NULL OR totp_last_step < ?1)",
        )
        .bind(step)
        .bind(key(id.0))
        .execute(&self.pool)
        .await
        .map_err(database)?;
        Ok(result.rows_affected() == 1)
    }

    async fn update_staff(&self, account: &StaffAccount) -> StoreResult<()> {
        sqlx::query(
            "UPDATE staff_accounts SET role = ?1, username = ?2, display_name = ?3, language = ?4
             WHERE id = ?5",
        )
        .bind(account.role.as_str())
        .bind(&account.username)
        .bind(&account.display_name)
        .bind(&account.language)
        .bind(key(account.id.0))
        .execute(&self.pool)
        .await
        .map_err(taken_or_database)?;
        Ok(())
    }

    async fn replace_totp_secret(
        &self,
        id: StaffId,
        expected: &str,
        secret: &str,
    ) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE staff_accounts SET totp_secret = ?1 WHERE id = ?2 AND totp_secret = ?3",
        )
        .bind(secret)
        .bind(key(id.0))
        .bind(expected)
        .execute(&self.pool)
        .await
        .map_err(database)?;
        Ok(result.rows_affected() == 1)
    }

    async fn record_staff_sign_in(&self, id: StaffId, at: Timestamp) -> StoreResult<()> {
        sqlx::query("UPDATE staff_accounts SET last_sign_in_at = ?1 WHERE id = ?2")
            .bind(millis(at))
            .bind(key(id.0))
            .execute(&self.pool)
            .await
            .map_err(database)?;
        Ok(())
    }

    async fn disable_staff(
        &self,
        id: StaffId,
        at: Timestamp,
        audit: &AuditEntry,
    ) -> StoreResult<Disabled> {
        // BEGIN IMMEDIATE: one writer at a time, so the admin count below cannot go stale.
        let mut transaction = self.begin().await?;
        let active = sqlx::query(
            "SELECT id, role FROM staff_accounts
             WHERE (id = ?1 OR role = 'admin') AND ended_at IS NULL",
        )
        .bind(key(id.0))
        .fetch_all(&mut *transaction)
        .await
        .map_err(database)?;
        let active = active
            .iter()
            .map(|row| Ok((StaffId(uuid_at(row, "id")?), role_at(row, "role")?)))
            .collect::<StoreResult<Vec<_>>>()?;
        if let Some(refusal) = Disabled::refusal(id, &active) {
            return Ok(refusal);
        }
        sqlx::query("UPDATE staff_accounts SET ended_at = ?1 WHERE id = ?2")
            .bind(millis(at))
            .bind(key(id.0))
            .execute(&mut *transaction)
            .await
            .map_err(database)?;
        sqlx::query("DELETE FROM staff_sessions WHERE staff_id = ?1")
            .bind(key(id.0))
            .execute(&mut *transaction)
            .await
            .map_err(database)?;
        let query = sqlx::AssertSqlSafe(format!(
            "UPDATE links SET ended_at = ?1, ended_by = ?2 WHERE staff_id = ?3 AND ended_at IS NULL
             RETURNING {ENDED_LINK_COLUMNS}"
        ));
        let rows = sqlx::query(query)
            .bind(millis(at))
            .bind(EndedBy::Hospital.as_str())
            .bind(key(id.0))
            .fetch_all(&mut *transaction)
            .await
            .map_err(database)?;
        let mut ended_links = rows
            .iter()
            .map(link_from_row)
            .collect::<StoreResult<Vec<_>>>()?;
        ended_links.sort_by_key(|link| link.id);
        for link in &ended_links {
            insert_audit(&mut transaction, &audit.about(link)).await?;
        }
        transaction.commit().await.map_err(database)?;
        Ok(Disabled::Now { ended_links })
    }

    async fn enable_staff(&self, id: StaffId) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE staff_accounts SET ended_at = NULL WHERE id = ?1 AND ended_at IS NOT NULL",
        )
        .bind(key(id.0))
        .execute(&self.pool)
        .await
        .map_err(database)?;
        Ok(result.rows_affected() == 1)
    }
}

/// The columns of a link as an `UPDATE links … RETURNING` gives them (no table alias).
const ENDED_LINK_COLUMNS: &str = "id, profile_id, staff_id, label, created_at, ended_at, ended_by";

fn session_from_row(row: &DbRow) -> StoreResult<StaffSession> {
    let stage = text(row, "stage")?;
    Ok(StaffSession {
        token_hash: text(row, "token_hash")?,
        staff: StaffId(uuid_at(row, "staff_id")?),
        stage: SessionStage::parse(&stage)
            .ok_or_else(|| StoreError::Corrupt(format!("session stage {stage}")))?,
        created_at: at(row, "created_at")?,
        expires_at: at(row, "expires_at")?,
    })
}

async fn insert_staff_session(
    connection: &mut SqliteConnection,
    session: &StaffSession,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO staff_sessions (token_hash, staff_id, stage, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(&session.token_hash)
    .bind(key(session.staff.0))
    .bind(session.stage.as_str())
    .bind(millis(session.created_at))
    .bind(millis(session.expires_at))
    .execute(connection)
    .await
    .map_err(taken_or_database)?;
    Ok(())
}

#[async_trait]
impl StaffSessionRepo for SqliteStore {
    async fn create_staff_session(&self, session: &StaffSession) -> StoreResult<()> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        insert_staff_session(&mut connection, session).await
    }

    async fn staff_session(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<StaffSession>> {
        let row = sqlx::query(
            "SELECT s.token_hash, s.staff_id, s.stage, s.created_at, s.expires_at
             FROM staff_sessions s JOIN staff_accounts a ON a.id = s.staff_id
             WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND a.ended_at IS NULL",
        )
        .bind(token_hash)
        .bind(millis(now))
        .fetch_optional(&self.pool)
        .await
        .map_err(database)?;
        row.as_ref().map(session_from_row).transpose()
    }

    async fn end_staff_session(&self, token_hash: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM staff_sessions WHERE token_hash = ?1")
            .bind(token_hash)
            .execute(&self.pool)
            .await
            .map_err(database)?;
        Ok(())
    }

    async fn end_staff_sessions(&self, staff: StaffId, except: Option<&str>) -> StoreResult<u64> {
        let result =
            sqlx::query("DELETE FROM staff_sessions WHERE staff_id = ?1 AND token_hash IS NOT ?2")
                .bind(key(staff.0))
                .bind(except)
                .execute(&self.pool)
                .await
                .map_err(database)?;
        Ok(result.rows_affected())
    }

    async fn prune_staff_sessions(&self, now: Timestamp) -> StoreResult<u64> {
        let result = sqlx::query("DELETE FROM staff_sessions WHERE expires_at <= ?1")
            .bind(millis(now))
            .execute(&self.pool)
            .await
            .map_err(database)?;
        Ok(result.rows_affected())
    }
}

const INVITATION_COLUMNS: &str =
    "token_hash, role, display_name, invited_by, created_at, expires_at, used_at";

fn invitation_from_row(row: &DbRow) -> StoreResult<Invitation> {
    Ok(Invitation {
        token_hash: text(row, "token_hash")?,
        role: role_at(row, "role")?,
        display_name: text(row, "display_name")?,
        invited_by: StaffId(uuid_at(row, "invited_by")?),
        created_at: at(row, "created_at")?,
        expires_at: at(row, "expires_at")?,
        used_at: opt_at(row, "used_at")?,
    })
}

async fn insert_invitation(
    connection: &mut SqliteConnection,
    invitation: &Invitation,
) -> StoreResult<()> {
    let query = sqlx::AssertSqlSafe(format!(
        "INSERT INTO staff_invitations ({INVITATION_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    ));
    sqlx::query(query)
        .bind(&invitation.token_hash)
        .bind(invitation.role.as_str())
        .bind(&invitation.display_name)
        .bind(key(invitation.invited_by.0))
        .bind(millis(invitation.created_at))
        .bind(millis(invitation.expires_at))
        .bind(invitation.used_at.map(millis))
        .execute(connection)
        .await
        .map_err(taken_or_database)?;
    Ok(())
}

#[async_trait]
impl InvitationRepo for SqliteStore {
    async fn create_invitation(&self, invitation: &Invitation) -> StoreResult<()> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        insert_invitation(&mut connection, invitation).await
    }

    async fn open_invitation(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<Invitation>> {
        let query = sqlx::AssertSqlSafe(format!(
            "SELECT {INVITATION_COLUMNS} FROM staff_invitations
             WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2"
        ));
        let row = sqlx::query(query)
            .bind(token_hash)
            .bind(millis(now))
            .fetch_optional(&self.pool)
            .await
            .map_err(database)?;
        row.as_ref().map(invitation_from_row).transpose()
    }

    async fn accept_invitation(
        &self,
        token_hash: &str,
        now: Timestamp,
        account: &StaffAccount,
        secrets: &StaffSecrets,
    ) -> StoreResult<bool> {
        let mut transaction = self.begin().await?;
        let used = sqlx::query(
            "UPDATE staff_invitations SET used_at = ?1
             WHERE token_hash = ?2 AND used_at IS NULL AND expires_at > ?1",
        )
        .bind(millis(now))
        .bind(token_hash)
        .execute(&mut *transaction)
        .await
        .map_err(database)?;
        if used.rows_affected() != 1 {
            return Ok(false);
        }
        insert_staff(&mut transaction, account, secrets).await?;
        transaction.commit().await.map_err(database)?;
        Ok(true)
    }
}

const RESET_COLUMNS: &str = "token_hash, staff_id, created_by, created_at, expires_at, used_at";

fn reset_from_row(row: &DbRow) -> StoreResult<PasswordReset> {
    Ok(PasswordReset {
        token_hash: text(row, "token_hash")?,
        staff: StaffId(uuid_at(row, "staff_id")?),
        created_by: StaffId(uuid_at(row, "created_by")?),
        created_at: at(row, "created_at")?,
        expires_at: at(row, "expires_at")?,
        used_at: opt_at(row, "used_at")?,
    })
}

async fn insert_password_reset(
    connection: &mut SqliteConnection,
    reset: &PasswordReset,
) -> StoreResult<()> {
    let query = sqlx::AssertSqlSafe(format!(
        "INSERT INTO staff_password_resets ({RESET_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    ));
    sqlx::query(query)
        .bind(&reset.token_hash)
        .bind(key(reset.staff.0))
        .bind(key(reset.created_by.0))
        .bind(millis(reset.created_at))
        .bind(millis(reset.expires_at))
        .bind(reset.used_at.map(millis))
        .execute(connection)
        .await
        .map_err(taken_or_database)?;
    Ok(())
}

#[async_trait]
impl PasswordResetRepo for SqliteStore {
    async fn create_password_reset(&self, reset: &PasswordReset) -> StoreResult<()> {
        let mut transaction = self.begin().await?;
        sqlx::query("DELETE FROM staff_password_resets WHERE staff_id = ?1 AND used_at IS NULL")
            .bind(key(reset.staff.0))
            .execute(&mut *transaction)
            .await
            .map_err(database)?;
        insert_password_reset(&mut transaction, reset).await?;
        transaction.commit().await.map_err(database)
    }

    async fn open_password_reset(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<PasswordReset>> {
        let query = sqlx::AssertSqlSafe(format!(
            "SELECT {RESET_COLUMNS} FROM staff_password_resets
             WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2
               AND staff_id IN (SELECT id FROM staff_accounts WHERE ended_at IS NULL)"
        ));
        let row = sqlx::query(query)
            .bind(token_hash)
            .bind(millis(now))
            .fetch_optional(&self.pool)
            .await
            .map_err(database)?;
        row.as_ref().map(reset_from_row).transpose()
    }

    async fn use_password_reset(
        &self,
        token_hash: &str,
        now: Timestamp,
        password_hash: &str,
        totp_secret: &str,
    ) -> StoreResult<Option<StaffId>> {
        let mut transaction = self.begin().await?;
        let used = sqlx::query(
            "UPDATE staff_password_resets SET used_at = ?1
             WHERE token_hash = ?2 AND used_at IS NULL AND expires_at > ?1
               AND staff_id IN (SELECT id FROM staff_accounts WHERE ended_at IS NULL)
             RETURNING staff_id",
        )
        .bind(millis(now))
        .bind(token_hash)
        .fetch_optional(&mut *transaction)
        .await
        .map_err(database)?;
        let Some(used) = used else {
            return Ok(None);
        };
        let staff = StaffId(uuid_at(&used, "staff_id")?);
        sqlx::query(
            "UPDATE staff_accounts SET password_hash = ?1, totp_secret = ?2, totp_last_step = NULL
             WHERE id = ?3",
        )
        .bind(password_hash)
        .bind(totp_secret)
        .bind(key(staff.0))
        .execute(&mut *transaction)
        .await
        .map_err(database)?;
        sqlx::query("DELETE FROM staff_sessions WHERE staff_id = ?1")
            .bind(key(staff.0))
            .execute(&mut *transaction)
            .await
            .map_err(database)?;
        transaction.commit().await.map_err(database)?;
        Ok(Some(staff))
    }
}

fn passkey_from_row(row: &DbRow) -> StoreResult<StoredPasskey> {
    Ok(StoredPasskey {
        credential_id: text(row, "credential_id")?,
        name: text(row, "name")?,
        passkey_json: text(row, "passkey")?,
        created_at: at(row, "created_at")?,
        last_used_at: opt_at(row, "last_used_at")?,
    })
}

/// The table and owner column of an owner's passkeys, and the owner's key.
fn passkey_table(owner: PasskeyOwner) -> (&'static str, &'static str, Uuid) {
    match owner {
        PasskeyOwner::Staff(id) => ("staff_passkeys", "staff_id", id.0),
        PasskeyOwner::Profile(id) => ("profile_passkeys", "profile_id", id.0),
    }
}

async fn insert_passkey(
    connection: &mut SqliteConnection,
    owner: PasskeyOwner,
    passkey: &StoredPasskey,
) -> StoreResult<()> {
    let (table, column, owner_key) = passkey_table(owner);
    // A credential id signs in one owner: refuse one already kept in the other table.
    let other = match owner {
        PasskeyOwner::Staff(_) => "profile_passkeys",
        PasskeyOwner::Profile(_) => "staff_passkeys",
    };
    let query = sqlx::AssertSqlSafe(format!(
        "INSERT INTO {table} (credential_id, {column}, passkey, created_at, last_used_at, name)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6
         WHERE NOT EXISTS (SELECT 1 FROM {other} WHERE credential_id = ?1)"
    ));
    let result = sqlx::query(query)
        .bind(&passkey.credential_id)
        .bind(key(owner_key))
        .bind(&passkey.passkey_json)
        .bind(millis(passkey.created_at))
        .bind(passkey.last_used_at.map(millis))
        .bind(&passkey.name)
        .execute(connection)
        .await
        .map_err(taken_or_database)?;
    if result.rows_affected() == 0 {
        return Err(StoreError::IdTaken);
    }
    Ok(())
}

const PASSKEY_COLUMNS: &str = "credential_id, name, passkey, created_at, last_used_at";

#[async_trait]
impl PasskeyRepo for SqliteStore {
    async fn add_passkey(&self, owner: PasskeyOwner, passkey: &StoredPasskey) -> StoreResult<()> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        insert_passkey(&mut connection, owner, passkey).await
    }

    async fn passkeys_of(&self, owner: PasskeyOwner) -> StoreResult<Vec<StoredPasskey>> {
        let (table, column, owner_key) = passkey_table(owner);
        let query = sqlx::AssertSqlSafe(format!(
            "SELECT {PASSKEY_COLUMNS} FROM {table} WHERE {column} = ?1 ORDER BY created_at, credential_id"
        ));
        let rows = sqlx::query(query)
            .bind(key(owner_key))
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        rows.iter().map(passkey_from_row).collect()
    }

    async fn passkey_by_credential(
        &self,
        credential_id: &str,
    ) -> StoreResult<Option<(PasskeyOwner, StoredPasskey)>> {
        for (table, column) in [
            ("staff_passkeys", "staff_id"),
            ("profile_passkeys", "profile_id"),
        ] {
            let query = sqlx::AssertSqlSafe(format!(
                "SELECT {PASSKEY_COLUMNS}, {column} AS owner FROM {table} WHERE credential_id = ?1"
            ));
            let row = sqlx::query(query)
                .bind(credential_id)
                .fetch_optional(&self.pool)
                .await
                .map_err(database)?;
            if let Some(row) = row {
                let owner = uuid_at(&row, "owner")?;
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

    async fn update_passkey(
        &self,
        credential_id: &str,
        passkey_json: &str,
        used_at: Timestamp,
    ) -> StoreResult<()> {
        for table in ["staff_passkeys", "profile_passkeys"] {
            let query = sqlx::AssertSqlSafe(format!(
                "UPDATE {table} SET passkey = ?1, last_used_at = ?2 WHERE credential_id = ?3"
            ));
            sqlx::query(query)
                .bind(passkey_json)
                .bind(millis(used_at))
                .bind(credential_id)
                .execute(&self.pool)
                .await
                .map_err(database)?;
        }
        Ok(())
    }

    async fn remove_passkey(&self, owner: PasskeyOwner, credential_id: &str) -> StoreResult<bool> {
        let (table, column, owner_key) = passkey_table(owner);
        let query = sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE credential_id = ?1 AND {column} = ?2"
        ));
        let result = sqlx::query(query)
            .bind(credential_id)
            .bind(key(owner_key))
            .execute(&self.pool)
            .await
            .map_err(database)?;
        Ok(result.rows_affected() > 0)
    }

    async fn save_ceremony(&self, ceremony: &Ceremony) -> StoreResult<()> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        insert_ceremony(&mut connection, ceremony).await
    }

    async fn take_ceremony(&self, id: &str, now: Timestamp) -> StoreResult<Option<Ceremony>> {
        let row = sqlx::query(
            "DELETE FROM webauthn_ceremonies WHERE id = ?1 RETURNING id, state, expires_at",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(database)?;
        let Some(row) = row else { return Ok(None) };
        let ceremony = ceremony_from_row(&row)?;
        Ok((ceremony.expires_at > now).then_some(ceremony))
    }
}

fn ceremony_from_row(row: &DbRow) -> StoreResult<Ceremony> {
    Ok(Ceremony {
        id: text(row, "id")?,
        state_json: text(row, "state")?,
        expires_at: at(row, "expires_at")?,
    })
}

async fn insert_ceremony(
    connection: &mut SqliteConnection,
    ceremony: &Ceremony,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO webauthn_ceremonies (id, state, expires_at) VALUES (?1, ?2, ?3)")
        .bind(&ceremony.id)
        .bind(&ceremony.state_json)
        .bind(millis(ceremony.expires_at))
        .execute(connection)
        .await
        .map_err(taken_or_database)?;
    Ok(())
}

pub(crate) const LINK_COLUMNS: &str =
    "l.id, l.profile_id, l.staff_id, l.label, l.created_at, l.ended_at, l.ended_by";

pub(crate) fn link_from_row(row: &DbRow) -> StoreResult<Link> {
    let ended_by: Option<String> = row.try_get("ended_by").map_err(database)?;
    Ok(Link {
        id: LinkId(uuid_at(row, "id")?),
        profile: ProfileId(uuid_at(row, "profile_id")?),
        staff: StaffId(uuid_at(row, "staff_id")?),
        label: text(row, "label")?,
        created_at: at(row, "created_at")?,
        ended_at: opt_at(row, "ended_at")?,
        ended_by: ended_by
            .map(|by| {
                EndedBy::parse(&by).ok_or_else(|| StoreError::Corrupt(format!("ended by {by}")))
            })
            .transpose()?,
    })
}

fn link_code_from_row(row: &DbRow) -> StoreResult<LinkCode> {
    Ok(LinkCode {
        code_hash: text(row, "code_hash")?,
        profile: ProfileId(uuid_at(row, "profile_id")?),
        created_at: at(row, "created_at")?,
        expires_at: at(row, "expires_at")?,
        used_at: opt_at(row, "used_at")?,
    })
}

async fn insert_link_code(connection: &mut SqliteConnection, code: &LinkCode) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO link_codes (code_hash, profile_id, created_at, expires_at, used_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(&code.code_hash)
    .bind(key(code.profile.0))
    .bind(millis(code.created_at))
    .bind(millis(code.expires_at))
    .bind(code.used_at.map(millis))
    .execute(connection)
    .await
    .map_err(taken_or_database)?;
    Ok(())
}

async fn insert_link(connection: &mut SqliteConnection, link: &Link) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO links (id, profile_id, staff_id, label, created_at, ended_at, ended_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(key(link.id.0))
    .bind(key(link.profile.0))
    .bind(key(link.staff.0))
    .bind(&link.label)
    .bind(millis(link.created_at))
    .bind(link.ended_at.map(millis))
    .bind(link.ended_by.map(EndedBy::as_str))
    .execute(connection)
    .await
    .map_err(taken_or_database)?;
    Ok(())
}

#[async_trait]
impl LinkRepo for SqliteStore {
    async fn create_link_code(&self, code: &LinkCode) -> StoreResult<()> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        insert_link_code(&mut connection, code).await
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
        let profile = sqlx::query(
            "UPDATE link_codes SET used_at = ?1
             WHERE code_hash = ?2 AND used_at IS NULL AND expires_at > ?1 RETURNING profile_id",
        )
        .bind(millis(now))
        .bind(code_hash)
        .fetch_optional(&mut *transaction)
        .await
        .map_err(database)?;
        let Some(profile) = profile else {
            return Ok(None);
        };
        let profile = ProfileId(uuid_at(&profile, "profile_id")?);
        let query = sqlx::AssertSqlSafe(format!(
            "SELECT {LINK_COLUMNS} FROM links l
             WHERE l.profile_id = ?1 AND l.staff_id = ?2 AND l.ended_at IS NULL"
        ));
        let existing = sqlx::query(query)
            .bind(key(profile.0))
            .bind(key(staff.0))
            .fetch_optional(&mut *transaction)
            .await
            .map_err(database)?;
        let link = match existing {
            Some(row) => {
                let mut link = link_from_row(&row)?;
                link.label = label.to_owned();
                sqlx::query("UPDATE links SET label = ?1 WHERE id = ?2")
                    .bind(label)
                    .bind(key(link.id.0))
                    .execute(&mut *transaction)
                    .await
                    .map_err(database)?;
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
                insert_link(&mut transaction, &link).await?;
                link
            }
        };
        transaction.commit().await.map_err(database)?;
        Ok(Some(link))
    }

    async fn link(&self, id: LinkId) -> StoreResult<Option<Link>> {
        let query = sqlx::AssertSqlSafe(format!(
            "SELECT {LINK_COLUMNS} FROM links l WHERE l.id = ?1"
        ));
        let row = sqlx::query(query)
            .bind(key(id.0))
            .fetch_optional(&self.pool)
            .await
            .map_err(database)?;
        row.as_ref().map(link_from_row).transpose()
    }

    async fn links_of_profile(&self, profile: ProfileId) -> StoreResult<Vec<LinkWithStaff>> {
        let query = sqlx::AssertSqlSafe(format!(
            "SELECT {LINK_COLUMNS}, a.display_name FROM links l JOIN staff_accounts a ON a.id = l.staff_id
             WHERE l.profile_id = ?1
             ORDER BY CASE WHEN l.ended_at IS NULL THEN 0 ELSE 1 END, l.created_at DESC, l.id"
        ));
        let rows = sqlx::query(query)
            .bind(key(profile.0))
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        rows.iter()
            .map(|row| {
                Ok(LinkWithStaff {
                    link: link_from_row(row)?,
                    staff_display_name: text(row, "display_name")?,
                })
            })
            .collect()
    }

    async fn active_links_of_staff(&self, staff: StaffId) -> StoreResult<Vec<Link>> {
        let query = sqlx::AssertSqlSafe(format!(
            "SELECT {LINK_COLUMNS} FROM links l WHERE l.staff_id = ?1 AND l.ended_at IS NULL
             ORDER BY l.label, l.id"
        ));
        let rows = sqlx::query(query)
            .bind(key(staff.0))
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        rows.iter().map(link_from_row).collect()
    }

    async fn listed_mothers(
        &self,
        staff: StaffId,
        days_in: &(dyn for<'z> Fn(&'z str) -> ListDays + Sync),
    ) -> StoreResult<Vec<ListedMother>> {
        crate::mothers_list::listed_mothers(self, staff, days_in).await
    }

    async fn end_link(&self, id: LinkId, at: Timestamp, by: EndedBy) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE links SET ended_at = ?1, ended_by = ?2 WHERE id = ?3 AND ended_at IS NULL",
        )
        .bind(millis(at))
        .bind(by.as_str())
        .bind(key(id.0))
        .execute(&self.pool)
        .await
        .map_err(database)?;
        Ok(result.rows_affected() == 1)
    }

    async fn relabel_link(&self, id: LinkId, label: &str) -> StoreResult<()> {
        sqlx::query("UPDATE links SET label = ?1 WHERE id = ?2")
            .bind(label)
            .bind(key(id.0))
            .execute(&self.pool)
            .await
            .map_err(database)?;
        Ok(())
    }
}

fn audit_from_row(row: &DbRow) -> StoreResult<AuditEntry> {
    Ok(AuditEntry {
        at: at(row, "at")?,
        staff: StaffId(uuid_at(row, "staff_id")?),
        profile: opt_uuid_at(row, "profile_id")?.map(ProfileId),
        link: opt_uuid_at(row, "link_id")?.map(LinkId),
        action: text(row, "action")?,
        detail: row.try_get("detail").map_err(database)?,
    })
}

async fn insert_audit(connection: &mut SqliteConnection, entry: &AuditEntry) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, staff_id, profile_id, link_id, action, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(millis(entry.at))
    .bind(key(entry.staff.0))
    .bind(entry.profile.map(|p| key(p.0)))
    .bind(entry.link.map(|l| key(l.0)))
    .bind(&entry.action)
    .bind(&entry.detail)
    .execute(connection)
    .await
    .map_err(database)?;
    Ok(())
}

/// Writes audit lines with one statement whatever their number: the lines go in as one JSON
/// array (`[at, staff, profile, link, action, detail]` each) that SQLite unpacks, in order. One
/// statement is one round trip to the connection's worker thread and always the same prepared
/// statement; 500 single-row inserts cost 500 round trips.
async fn insert_audits(
    connection: &mut SqliteConnection,
    entries: &[AuditEntry],
) -> StoreResult<()> {
    let lines: Vec<_> = entries
        .iter()
        .map(|entry| {
            (
                millis(entry.at),
                key(entry.staff.0),
                entry.profile.map(|p| key(p.0)),
                entry.link.map(|l| key(l.0)),
                &entry.action,
                &entry.detail,
            )
        })
        .collect();
    sqlx::query(
        "INSERT INTO audit_log (at, staff_id, profile_id, link_id, action, detail)
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
         FROM json_each(?1) ORDER BY key",
    )
    .bind(serde_json::to_string(&lines).map_err(database)?)
    .execute(connection)
    .await
    .map_err(database)?;
    Ok(())
}

/// Takes her out of the audit log at erasure: who and when stay, what identifies her goes.
pub(crate) async fn forget_in_audit(
    connection: &mut SqliteConnection,
    profile: ProfileId,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE audit_log SET profile_id = NULL, link_id = NULL, detail = NULL WHERE profile_id = ?1",
    )
    .bind(key(profile.0))
    .execute(connection)
    .await
    .map_err(database)?;
    Ok(())
}

#[async_trait]
impl AuditRepo for SqliteStore {
    async fn record_audit(&self, entry: &AuditEntry) -> StoreResult<()> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        insert_audit(&mut connection, entry).await
    }

    async fn record_audits(&self, entries: &[AuditEntry]) -> StoreResult<()> {
        // One statement is its own transaction. Inside an explicit one, SQLite would also copy
        // every page the statement changes (some 500 for a list of 500 mothers) to a statement
        // journal, in case the statement alone had to be undone.
        let mut connection = self.writer.acquire().await.map_err(database)?;
        insert_audits(&mut connection, entries).await
    }

    async fn audit_of_profile(
        &self,
        profile: ProfileId,
        limit: u32,
    ) -> StoreResult<Vec<AuditWithStaff>> {
        let rows = sqlx::query(
            "SELECT g.at, g.staff_id, g.profile_id, g.link_id, g.action, g.detail, a.display_name
             FROM audit_log g JOIN staff_accounts a ON a.id = g.staff_id
             WHERE g.profile_id = ?1 ORDER BY g.at DESC, g.seq DESC LIMIT ?2",
        )
        .bind(key(profile.0))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(database)?;
        rows.iter()
            .map(|row| {
                Ok(AuditWithStaff {
                    entry: audit_from_row(row)?,
                    staff_display_name: text(row, "display_name")?,
                })
            })
            .collect()
    }
}

async fn upsert_rate_counter(
    connection: &mut SqliteConnection,
    counter: &RateCounter,
) -> StoreResult<u32> {
    let count: i64 = sqlx::query_scalar(
        "INSERT INTO rate_limits (bucket, window_start, count) VALUES (?1, ?2, ?3)
         ON CONFLICT (bucket) DO UPDATE SET
             count = CASE WHEN rate_limits.window_start = excluded.window_start
                          THEN rate_limits.count + excluded.count ELSE excluded.count END,
             window_start = excluded.window_start
         RETURNING count",
    )
    .bind(&counter.bucket)
    .bind(millis(counter.window_start))
    .bind(i64::from(counter.count))
    .fetch_one(connection)
    .await
    .map_err(database)?;
    u32::try_from(count).map_err(|_| StoreError::Corrupt(format!("rate count {count}")))
}

#[async_trait]
impl RateLimitRepo for SqliteStore {
    async fn count_attempt(&self, bucket: &str, window_start: Timestamp) -> StoreResult<u32> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        let counter = RateCounter {
            bucket: bucket.to_owned(),
            window_start,
            count: 1,
        };
        upsert_rate_counter(&mut connection, &counter).await
    }

    async fn prune_rate_limits(&self, before: Timestamp) -> StoreResult<u64> {
        let result = sqlx::query("DELETE FROM rate_limits WHERE window_start < ?1")
            .bind(millis(before))
            .execute(&self.pool)
            .await
            .map_err(database)?;
        Ok(result.rows_affected())
    }
}

/// Her passkeys, link codes and links, for `export_profile`.
pub(crate) async fn export_sharing(
    store: &SqliteStore,
    profile: ProfileId,
) -> StoreResult<ProfileSharing> {
    let passkeys = store.passkeys_of(PasskeyOwner::Profile(profile)).await?;
    let rows = sqlx::query(
        "SELECT code_hash, profile_id, created_at, expires_at, used_at FROM link_codes
         WHERE profile_id = ?1 ORDER BY created_at, code_hash",
    )
    .bind(key(profile.0))
    .fetch_all(&store.pool)
    .await
    .map_err(database)?;
    let link_codes = rows
        .iter()
        .map(link_code_from_row)
        .collect::<StoreResult<_>>()?;
    let query = sqlx::AssertSqlSafe(format!(
        "SELECT {LINK_COLUMNS} FROM links l WHERE l.profile_id = ?1 ORDER BY l.created_at, l.id"
    ));
    let rows = sqlx::query(query)
        .bind(key(profile.0))
        .fetch_all(&store.pool)
        .await
        .map_err(database)?;
    let links = rows.iter().map(link_from_row).collect::<StoreResult<_>>()?;
    Ok(ProfileSharing {
        passkeys,
        link_codes,
        links,
    })
}

/// Writes her passkeys, link codes and links, inside `import_profile`'s transaction.
pub(crate) async fn import_sharing(
    connection: &mut SqliteConnection,
    profile: ProfileId,
    sharing: &ProfileSharing,
) -> StoreResult<()> {
    for passkey in &sharing.passkeys {
        insert_passkey(connection, PasskeyOwner::Profile(profile), passkey).await?;
    }
    for code in &sharing.link_codes {
        insert_link_code(connection, code).await?;
    }
    for link in &sharing.links {
        insert_link(connection, link).await?;
    }
    Ok(())
}

#[async_trait]
impl AccessTransfer for SqliteStore {
    async fn export_deployment(&self) -> StoreResult<DeploymentDump> {
        let query = sqlx::AssertSqlSafe(format!(
            "SELECT {STAFF_COLUMNS} FROM staff_accounts ORDER BY created_at, id"
        ));
        let rows = sqlx::query(query)
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        let staff = rows
            .iter()
            .map(|row| Ok((staff_from_row(row)?, secrets_from_row(row)?)))
            .collect::<StoreResult<Vec<_>>>()?;
        let rows = sqlx::query(
            "SELECT credential_id, name, passkey, created_at, last_used_at, staff_id FROM staff_passkeys
             ORDER BY created_at, credential_id",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(database)?;
        let staff_passkeys = rows
            .iter()
            .map(|row| Ok((StaffId(uuid_at(row, "staff_id")?), passkey_from_row(row)?)))
            .collect::<StoreResult<Vec<_>>>()?;
        let rows = sqlx::query(
            "SELECT token_hash, staff_id, stage, created_at, expires_at FROM staff_sessions
             ORDER BY token_hash",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(database)?;
        let staff_sessions = rows
            .iter()
            .map(session_from_row)
            .collect::<StoreResult<_>>()?;
        let query = sqlx::AssertSqlSafe(format!(
            "SELECT {INVITATION_COLUMNS} FROM staff_invitations ORDER BY created_at, token_hash"
        ));
        let rows = sqlx::query(query)
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        let invitations = rows
            .iter()
            .map(invitation_from_row)
            .collect::<StoreResult<_>>()?;
        let query = sqlx::AssertSqlSafe(format!(
            "SELECT {RESET_COLUMNS} FROM staff_password_resets ORDER BY created_at, token_hash"
        ));
        let rows = sqlx::query(query)
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        let password_resets = rows
            .iter()
            .map(reset_from_row)
            .collect::<StoreResult<_>>()?;
        let rows =
            sqlx::query("SELECT bucket, window_start, count FROM rate_limits ORDER BY bucket")
                .fetch_all(&self.pool)
                .await
                .map_err(database)?;
        let rate_counters = rows
            .iter()
            .map(|row| {
                let count: i64 = row.try_get("count").map_err(database)?;
                Ok(RateCounter {
                    bucket: text(row, "bucket")?,
                    window_start: at(row, "window_start")?,
                    count: u32::try_from(count)
                        .map_err(|_| StoreError::Corrupt(format!("rate count {count}")))?,
                })
            })
            .collect::<StoreResult<_>>()?;
        let rows = sqlx::query("SELECT id, state, expires_at FROM webauthn_ceremonies ORDER BY id")
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        let ceremonies = rows
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

    async fn import_deployment(&self, dump: &DeploymentDump) -> StoreResult<()> {
        let mut transaction = self.begin().await?;
        for (account, secrets) in &dump.staff {
            insert_staff(&mut transaction, account, secrets).await?;
        }
        for (staff, passkey) in &dump.staff_passkeys {
            insert_passkey(&mut transaction, PasskeyOwner::Staff(*staff), passkey).await?;
        }
        for session in &dump.staff_sessions {
            insert_staff_session(&mut transaction, session).await?;
        }
        for invitation in &dump.invitations {
            insert_invitation(&mut transaction, invitation).await?;
        }
        for reset in &dump.password_resets {
            insert_password_reset(&mut transaction, reset).await?;
        }
        for counter in &dump.rate_counters {
            upsert_rate_counter(&mut transaction, counter).await?;
        }
        for ceremony in &dump.ceremonies {
            insert_ceremony(&mut transaction, ceremony).await?;
        }
        transaction.commit().await.map_err(database)
    }

    async fn audit_after(&self, after: i64, limit: u32) -> StoreResult<Vec<(i64, AuditEntry)>> {
        let rows = sqlx::query(
            "SELECT seq, at, staff_id, profile_id, link_id, action, detail FROM audit_log
             WHERE seq > ?1 ORDER BY seq LIMIT ?2",
        )
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(database)?;
        rows.iter()
            .map(|row| Ok((row.try_get("seq").map_err(database)?, audit_from_row(row)?)))
            .collect()
    }

    async fn import_audit(&self, entries: &[AuditEntry]) -> StoreResult<()> {
        self.record_audits(entries).await
    }
}
