//! `hangmat migrate-data`: moving a deployment that outgrew SQLite to PostgreSQL.
//!
//! It copies the deployment's staff accounts first (her links point at them), then one profile at
//! a time (with everything under it, in one transaction), then the audit log in batches, so memory
//! stays bounded whatever the size; it refuses a target that already holds data; and it verifies the
//! result by counting the rows of every table on both sides.

use anyhow::bail;
use hangmat_store::{DEPLOYMENT_TABLES, Store, TABLES};
use std::collections::BTreeMap;

/// Profiles read per batch.
const BATCH: u32 = 200;

/// What a finished transfer counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferReport {
    pub counts: BTreeMap<String, u64>,
}

/// Copies everything from `from` into the empty `to`, then checks the counts per table.
pub async fn transfer(from: &dyn Store, to: &dyn Store) -> anyhow::Result<TransferReport> {
    let target = to.row_counts().await?;
    let held: Vec<String> = target
        .iter()
        .filter(|(_, count)| **count > 0)
        .map(|(table, count)| format!("{table}: {count}"))
        .collect();
    if !held.is_empty() {
        bail!(
            "the target database already holds data ({}); migrate-data only fills an empty database",
            held.join(", ")
        );
    }
    // Staff accounts first: her links point at them.
    to.import_deployment(&from.export_deployment().await?)
        .await?;
    let mut after = None;
    loop {
        let ids = from.profile_ids_after(after, BATCH).await?;
        let Some(last) = ids.last().copied() else {
            break;
        };
        for id in ids {
            if let Some(dump) = from.export_profile(id).await? {
                to.import_profile(&dump).await?;
            }
        }
        after = Some(last);
    }
    // The deployment's VAPID key goes along, so browsers' subscriptions stay valid.
    if let Some(key) = from.vapid_private_key().await? {
        to.vapid_private_key_or_insert(&key, jiff::Timestamp::UNIX_EPOCH)
            .await?;
    }
    let mut after_line = 0;
    loop {
        let lines = from.audit_after(after_line, BATCH).await?;
        let Some((last, _)) = lines.last() else {
            break;
        };
        after_line = *last;
        let entries: Vec<_> = lines.into_iter().map(|(_, entry)| entry).collect();
        to.import_audit(&entries).await?;
    }
    let source = from.row_counts().await?;
    let copied = to.row_counts().await?;
    for table in TABLES.into_iter().chain(DEPLOYMENT_TABLES) {
        let (expected, found) = (source.get(table), copied.get(table));
        if expected != found {
            bail!(
                "{table}: {} rows in the source but {} in the target",
                expected.unwrap_or(&0),
                found.unwrap_or(&0)
            );
        }
    }
    Ok(TransferReport { counts: copied })
}
