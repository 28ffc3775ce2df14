//! Staff and sharing on SQLite (migrations 0003 and 0005): the shared SQL
//! (`hangmat_store::sql::access`) on the reader pool, its multi-step changes in write
//! transactions (`BEGIN IMMEDIATE`: one writer at a time, so what they read cannot go stale),
//! and many audit lines in one statement through the writer.

use crate::SqliteStore;
use crate::backend::Db;
use crate::rows::{database, millis};
use async_trait::async_trait;
use hangmat_store::sql::{access, sql};
use hangmat_store::{
    AccessTransfer, AuditEntry, AuditRepo, AuditWithStaff, Ceremony, DeploymentDump, Disabled,
    EndedBy, Invitation, InvitationRepo, Link, LinkCode, LinkId, LinkRepo, LinkWithStaff, ListDays,
    ListedMother, PasskeyOwner, PasskeyRepo, PasswordReset, PasswordResetRepo, ProfileId,
    RateCounter, RateLimitRepo, StaffAccount, StaffId, StaffRepo, StaffSecrets, StaffSession,
    StaffSessionRepo, StoreResult, StoredPasskey,
};
use jiff::Timestamp;

#[async_trait]
impl StaffRepo for SqliteStore {
    async fn create_staff(
        &self,
        account: &StaffAccount,
        secrets: &StaffSecrets,
    ) -> StoreResult<()> {
        access::create_staff::<Db>(&mut *self.connection().await?, account, secrets).await
    }

    async fn staff(&self, id: StaffId) -> StoreResult<Option<StaffAccount>> {
        access::staff::<Db>(&mut *self.connection().await?, id).await
    }

    async fn staff_by_username(&self, username: &str) -> StoreResult<Option<StaffAccount>> {
        access::staff_by_username::<Db>(&mut *self.connection().await?, username).await
    }

    async fn list_staff(&self) -> StoreResult<Vec<StaffAccount>> {
        access::list_staff::<Db>(&mut *self.connection().await?).await
    }

    async fn staff_secrets(&self, id: StaffId) -> StoreResult<StaffSecrets> {
        access::staff_secrets::<Db>(&mut *self.connection().await?, id).await
    }

    async fn set_password_hash(&self, id: StaffId, hash: &str) -> StoreResult<()> {
        access::set_password_hash::<Db>(&mut *self.connection().await?, id, hash).await
    }

    async fn set_totp_secret(&self, id: StaffId, secret: Option<&str>) -> StoreResult<()> {
        access::set_totp_secret::<Db>(&mut *self.connection().await?, id, secret).await
    }

    async fn use_totp_step(&self, id: StaffId, step: i64) -> StoreResult<bool> {
        access::use_totp_step::<Db>(&mut *self.connection().await?, id, step).await
    }

    async fn update_staff(&self, account: &StaffAccount) -> StoreResult<()> {
        access::update_staff::<Db>(&mut *self.connection().await?, account).await
    }

    async fn replace_totp_secret(
        &self,
        id: StaffId,
        expected: &str,
        secret: &str,
    ) -> StoreResult<bool> {
        let mut connection = self.connection().await?;
        access::replace_totp_secret::<Db>(&mut connection, id, expected, secret).await
    }

    async fn record_staff_sign_in(&self, id: StaffId, at: Timestamp) -> StoreResult<()> {
        access::record_staff_sign_in::<Db>(&mut *self.connection().await?, id, at).await
    }

    async fn disable_staff(
        &self,
        id: StaffId,
        at: Timestamp,
        audit: &AuditEntry,
    ) -> StoreResult<Disabled> {
        let mut transaction = self.begin().await?;
        let disabled = access::disable_staff_in::<Db>(&mut transaction, id, at, audit).await?;
        if let Disabled::Now { .. } = disabled {
            transaction.commit().await.map_err(database)?;
        }
        Ok(disabled)
    }

    async fn enable_staff(&self, id: StaffId) -> StoreResult<bool> {
        access::enable_staff::<Db>(&mut *self.connection().await?, id).await
    }
}

#[async_trait]
impl StaffSessionRepo for SqliteStore {
    async fn create_staff_session(&self, session: &StaffSession) -> StoreResult<()> {
        access::create_staff_session::<Db>(&mut *self.connection().await?, session).await
    }

    async fn staff_session(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<StaffSession>> {
        access::staff_session::<Db>(&mut *self.connection().await?, token_hash, now).await
    }

    async fn end_staff_session(&self, token_hash: &str) -> StoreResult<()> {
        access::end_staff_session::<Db>(&mut *self.connection().await?, token_hash).await
    }

    async fn end_staff_sessions(&self, staff: StaffId, except: Option<&str>) -> StoreResult<u64> {
        access::end_staff_sessions::<Db>(&mut *self.connection().await?, staff, except).await
    }

    async fn prune_staff_sessions(&self, now: Timestamp) -> StoreResult<u64> {
        access::prune_staff_sessions::<Db>(&mut *self.connection().await?, now).await
    }
}

#[async_trait]
impl InvitationRepo for SqliteStore {
    async fn create_invitation(&self, invitation: &Invitation) -> StoreResult<()> {
        access::create_invitation::<Db>(&mut *self.connection().await?, invitation).await
    }

    async fn open_invitation(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<Invitation>> {
        access::open_invitation::<Db>(&mut *self.connection().await?, token_hash, now).await
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
            access::accept_invitation_in::<Db>(&mut transaction, token_hash, now, account, secrets)
                .await?;
        if accepted {
            transaction.commit().await.map_err(database)?;
        }
        Ok(accepted)
    }
}

#[async_trait]
impl PasswordResetRepo for SqliteStore {
    async fn create_password_reset(&self, reset: &PasswordReset) -> StoreResult<()> {
        let mut transaction = self.begin().await?;
        access::create_password_reset_in::<Db>(&mut transaction, reset).await?;
        transaction.commit().await.map_err(database)
    }

    async fn open_password_reset(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> StoreResult<Option<PasswordReset>> {
        access::open_password_reset::<Db>(&mut *self.connection().await?, token_hash, now).await
    }

    async fn use_password_reset(
        &self,
        token_hash: &str,
        now: Timestamp,
        password_hash: &str,
        totp_secret: &str,
    ) -> StoreResult<Option<StaffId>> {
        let mut transaction = self.begin().await?;
        let staff = access::use_password_reset_in::<Db>(
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
impl PasskeyRepo for SqliteStore {
    async fn add_passkey(&self, owner: PasskeyOwner, passkey: &StoredPasskey) -> StoreResult<()> {
        access::add_passkey::<Db>(&mut *self.connection().await?, owner, passkey).await
    }

    async fn passkeys_of(&self, owner: PasskeyOwner) -> StoreResult<Vec<StoredPasskey>> {
        access::passkeys_of::<Db>(&mut *self.connection().await?, owner).await
    }

    async fn passkey_by_credential(
        &self,
        credential_id: &str,
    ) -> StoreResult<Option<(PasskeyOwner, StoredPasskey)>> {
        access::passkey_by_credential::<Db>(&mut *self.connection().await?, credential_id).await
    }

    async fn update_passkey(
        &self,
        credential_id: &str,
        passkey_json: &str,
        used_at: Timestamp,
    ) -> StoreResult<()> {
        let mut connection = self.connection().await?;
        access::update_passkey::<Db>(&mut connection, credential_id, passkey_json, used_at).await
    }

    async fn remove_passkey(&self, owner: PasskeyOwner, credential_id: &str) -> StoreResult<bool> {
        let mut connection = self.connection().await?;
        access::remove_passkey::<Db>(&mut connection, owner, credential_id).await
    }

    async fn save_ceremony(&self, ceremony: &Ceremony) -> StoreResult<()> {
        access::save_ceremony::<Db>(&mut *self.connection().await?, ceremony).await
    }

    async fn take_ceremony(&self, id: &str, now: Timestamp) -> StoreResult<Option<Ceremony>> {
        access::take_ceremony::<Db>(&mut *self.connection().await?, id, now).await
    }
}

#[async_trait]
impl LinkRepo for SqliteStore {
    async fn create_link_code(&self, code: &LinkCode) -> StoreResult<()> {
        access::create_link_code::<Db>(&mut *self.connection().await?, code).await
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
        let link = access::redeem_link_code_in::<Db>(
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

    async fn link(&self, id: LinkId) -> StoreResult<Option<Link>> {
        access::link::<Db>(&mut *self.connection().await?, id).await
    }

    async fn links_of_profile(&self, profile: ProfileId) -> StoreResult<Vec<LinkWithStaff>> {
        access::links_of_profile::<Db>(&mut *self.connection().await?, profile).await
    }

    async fn active_links_of_staff(&self, staff: StaffId) -> StoreResult<Vec<Link>> {
        access::active_links_of_staff::<Db>(&mut *self.connection().await?, staff).await
    }

    async fn listed_mothers(
        &self,
        staff: StaffId,
        days_in: &(dyn for<'z> Fn(&'z str) -> ListDays + Sync),
    ) -> StoreResult<Vec<ListedMother>> {
        crate::mothers_list::listed_mothers(self, staff, days_in).await
    }

    async fn end_link(&self, id: LinkId, at: Timestamp, by: EndedBy) -> StoreResult<bool> {
        access::end_link::<Db>(&mut *self.connection().await?, id, at, by).await
    }

    async fn relabel_link(&self, id: LinkId, label: &str) -> StoreResult<()> {
        access::relabel_link::<Db>(&mut *self.connection().await?, id, label).await
    }
}

/// Writes audit lines with one statement whatever their number: the lines go in as one JSON
/// array (`[at, staff, profile, link, action, detail]` each) that SQLite unpacks, in order. One
/// statement is one round trip to the connection's worker thread and always the same prepared
/// statement; 500 single-row inserts cost 500 round trips.
async fn insert_audits(store: &SqliteStore, entries: &[AuditEntry]) -> StoreResult<()> {
    let lines: Vec<_> = entries
        .iter()
        .map(|entry| {
            (
                millis(entry.at),
                entry.staff.0.to_string(),
                entry.profile.map(|p| p.0.to_string()),
                entry.link.map(|l| l.0.to_string()),
                &entry.action,
                &entry.detail,
            )
        })
        .collect();
    // One statement is its own transaction. Inside an explicit one, SQLite would also copy
    // every page the statement changes (some 500 for a list of 500 mothers) to a statement
    // journal, in case the statement alone had to be undone.
    let mut connection = store.writer.acquire().await.map_err(database)?;
    sql::<Db>(
        "INSERT INTO audit_log (at, staff_id, profile_id, link_id, action, detail)
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
         FROM json_each(?1) ORDER BY key",
    )
    .bind(serde_json::to_string(&lines).map_err(database)?)
    .execute(&mut connection)
    .await?;
    Ok(())
}

#[async_trait]
impl AuditRepo for SqliteStore {
    async fn record_audit(&self, entry: &AuditEntry) -> StoreResult<()> {
        access::record_audit::<Db>(&mut *self.connection().await?, entry).await
    }

    async fn record_audits(&self, entries: &[AuditEntry]) -> StoreResult<()> {
        insert_audits(self, entries).await
    }

    async fn audit_of_profile(
        &self,
        profile: ProfileId,
        limit: u32,
    ) -> StoreResult<Vec<AuditWithStaff>> {
        access::audit_of_profile::<Db>(&mut *self.connection().await?, profile, limit).await
    }
}

#[async_trait]
impl RateLimitRepo for SqliteStore {
    async fn count_attempt(&self, bucket: &str, window_start: Timestamp) -> StoreResult<u32> {
        let counter = RateCounter {
            bucket: bucket.to_owned(),
            window_start,
            count: 1,
        };
        access::count_in_bucket::<Db>(&mut *self.connection().await?, &counter).await
    }

    async fn prune_rate_limits(&self, before: Timestamp) -> StoreResult<u64> {
        access::prune_rate_limits::<Db>(&mut *self.connection().await?, before).await
    }
}

#[async_trait]
impl AccessTransfer for SqliteStore {
    async fn export_deployment(&self) -> StoreResult<DeploymentDump> {
        access::export_deployment::<Db>(&mut *self.connection().await?).await
    }

    async fn import_deployment(&self, dump: &DeploymentDump) -> StoreResult<()> {
        let mut transaction = self.begin().await?;
        access::import_deployment_in::<Db>(&mut transaction, dump).await?;
        transaction.commit().await.map_err(database)
    }

    async fn audit_after(&self, after: i64, limit: u32) -> StoreResult<Vec<(i64, AuditEntry)>> {
        access::audit_after::<Db>(&mut *self.connection().await?, after, limit).await
    }

    async fn import_audit(&self, entries: &[AuditEntry]) -> StoreResult<()> {
        self.record_audits(entries).await
    }
}
