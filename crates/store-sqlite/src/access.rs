//! Links, the audit log and moving a deployment on SQLite. (Staff accounts, sessions,
//! invitations, password resets, passkeys and rate limits need nothing of SQLite's own: they come
//! with `SqlStore`, in `hangmat_store::sql::access`.) What is SQLite's here: redeeming a link code
//! in a write transaction (`BEGIN IMMEDIATE`), the portal's list (mothers_list.rs), and many audit
//! lines in one statement through the writer.

use crate::SqliteStore;
use crate::backend::Db;
use crate::rows::{database, millis};
use async_trait::async_trait;
use hangmat_store::sql::{SqlStore, access, sql};
use hangmat_store::{
    AccessTransfer, AuditEntry, AuditRepo, AuditWithStaff, DeploymentDump, EndedBy, Link, LinkCode,
    LinkId, LinkRepo, LinkWithStaff, ListDays, ListedMother, ProfileId, StaffId, StoreResult,
};
use jiff::Timestamp;

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
