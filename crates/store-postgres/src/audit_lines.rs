//! Many audit lines in one statement on PostgreSQL (the portal writes one per mother it lists):
//! a column array each. Every other query of the audit log is shared (`hangmat_store::sql::access`).

use crate::PgStore;
use crate::backend::Db;
use hangmat_store::sql::{SqlStore, sql};
use hangmat_store::{AuditEntry, StoreResult};
use uuid::Uuid;

/// Writes audit lines with one statement (atomic on its own) whatever their number: a column
/// array each, inserted in the given order.
pub(crate) async fn insert_audits(store: &PgStore, entries: &[AuditEntry]) -> StoreResult<()> {
    let ids = |id: fn(&AuditEntry) -> Option<Uuid>| entries.iter().map(id).collect::<Vec<_>>();
    sql::<Db>(
        "INSERT INTO audit_log (at, staff_id, profile_id, link_id, action, detail)
         SELECT at, staff_id, profile_id, link_id, action, detail
         FROM unnest($1::bigint[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[])
              WITH ORDINALITY AS line (at, staff_id, profile_id, link_id, action, detail, n)
         ORDER BY n",
    )
    .bind(
        entries
            .iter()
            .map(|e| e.at.as_millisecond())
            .collect::<Vec<_>>(),
    )
    .bind(entries.iter().map(|e| e.staff.0).collect::<Vec<_>>())
    .bind(ids(|e| e.profile.map(|p| p.0)))
    .bind(ids(|e| e.link.map(|l| l.0)))
    .bind(entries.iter().map(|e| e.action.clone()).collect::<Vec<_>>())
    .bind(entries.iter().map(|e| e.detail.clone()).collect::<Vec<_>>())
    .execute(&mut *store.connection().await?)
    .await?;
    Ok(())
}
