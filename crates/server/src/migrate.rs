//! `hangmat migrate-data`: moving a deployment that outgrew SQLite to PostgreSQL.
//!
//! It copies the deployment's staff accounts first (her links point at them), then one profile at
//! a time (with everything under it, in one transaction), then the audit log in batches, so memory
//! stays bounded whatever the size; it refuses a target that already holds data; and it verifies the
//! result by counting the rows of every table on both sides, failing with each table that differs
//! (`same_counts`, tested on its own since a good transfer never takes its failing branch).

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
    same_counts(&source, &copied)?;
    Ok(TransferReport { counts: copied })
}

/// Fails, naming every table that differs, unless the target holds as many rows as the source in
/// each table of the schema (a table neither side counted is a failure too: it was not checked).
fn same_counts(
    source: &BTreeMap<String, u64>,
    copied: &BTreeMap<String, u64>,
) -> anyhow::Result<()> {
    let differ: Vec<String> = TABLES
        .into_iter()
        .chain(DEPLOYMENT_TABLES)
        .filter_map(|table| match (source.get(table), copied.get(table)) {
            (Some(expected), Some(found)) if expected == found => None,
            (expected, found) => Some(format!(
                "{table}: {} rows in the source but {} in the target",
                expected.map_or("no count".to_owned(), u64::to_string),
                found.map_or("no count".to_owned(), u64::to_string),
            )),
        })
        .collect();
    if !differ.is_empty() {
        bail!(
            "the copy does not match its source, so the target is not to be used: {}",
            differ.join("; ")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(change: impl Fn(&mut BTreeMap<String, u64>)) -> BTreeMap<String, u64> {
        let mut counts: BTreeMap<String, u64> = TABLES
            .into_iter()
            .chain(DEPLOYMENT_TABLES)
            .map(|table| (table.to_owned(), 3))
            .collect();
        change(&mut counts);
        counts
    }

    #[test]
    fn equal_counts_pass_and_any_difference_fails_naming_the_table() {
        let source = counts(|_| {});
        assert!(same_counts(&source, &counts(|_| {})).is_ok());
        let short = counts(|c| {
            c.insert("links".into(), 2);
        });
        let message = same_counts(&source, &short)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            message.contains("links: 3 rows in the source but 2 in the target"),
            "{message}"
        );
        let uncounted = counts(|c| {
            c.remove("deployment_keys");
        });
        let message = same_counts(&source, &uncounted)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            message.contains("deployment_keys: 3 rows in the source but no count"),
            "{message}"
        );
        assert!(
            same_counts(&uncounted, &uncounted).is_err(),
            "uncounted on both sides"
        );
    }
}
