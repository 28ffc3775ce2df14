//! Many audit lines in one statement on SQLite (the portal writes one per mother it lists): the
//! lines go in as one JSON array that SQLite unpacks, through the writer. Every other query of the
//! audit log is shared (`hangmat_store::sql::access`).

use crate::SqliteStore;
use crate::backend::Db;
use crate::rows::{database, millis};
use hangmat_store::sql::sql;
use hangmat_store::{AuditEntry, StoreResult};

/// Writes audit lines with one statement whatever their number: the lines go in as one JSON
/// array (`[at, staff, profile, link, action, detail]` each) that SQLite unpacks, in order. One
/// statement is one round trip to the connection's worker thread and always the same prepared
/// statement; 500 single-row inserts cost 500 round trips.
pub(crate) async fn insert_audits(store: &SqliteStore, entries: &[AuditEntry]) -> StoreResult<()> {
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
