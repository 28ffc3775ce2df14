//! Backups of a SQLite deployment while it serves, and their check.
//!
//! A file copy of a database in WAL mode taken while the server writes can miss the log's pages or
//! catch a page half written. `VACUUM INTO` is SQLite's own consistent copy: it reads one snapshot
//! (a read transaction, so the server's writers go on) and writes a compact new database, which
//! is then checked with `PRAGMA integrity_check` and counted table by table, so an operator knows
//! the copy opens and holds what it should before relying on it.

use crate::backend::Db;
use crate::rows::database;
use hangmat_store::StoreResult;
use hangmat_store::sql::daily_loop;
use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

/// What a check of a copy found.
#[derive(Debug, Clone)]
pub struct CopyCheck {
    /// `PRAGMA integrity_check`'s answer: `ok`, or what is wrong.
    pub integrity: String,
    /// Rows per table.
    pub counts: BTreeMap<String, u64>,
}

impl CopyCheck {
    pub fn is_sound(&self) -> bool {
        self.integrity == "ok"
    }
}

/// Writes a consistent copy of the database `source` (which a server may be writing) to `target`,
/// a file that must not exist yet.
pub async fn backup(source: &Path, target: &Path) -> StoreResult<()> {
    let options = SqliteConnectOptions::new()
        .filename(source)
        .busy_timeout(Duration::from_secs(30));
    let mut connection = SqliteConnection::connect_with(&options)
        .await
        .map_err(database)?;
    sqlx::query("VACUUM INTO ?")
        .bind(target.to_string_lossy().into_owned())
        .execute(&mut connection)
        .await
        .map_err(database)?;
    connection.close().await.map_err(database)?;
    Ok(())
}

/// Checks a copy, opened read-only: its integrity and its rows per table.
pub async fn check(copy: &Path) -> StoreResult<CopyCheck> {
    let options = SqliteConnectOptions::new().filename(copy).read_only(true);
    let mut connection = SqliteConnection::connect_with(&options)
        .await
        .map_err(database)?;
    let answers: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut connection)
        .await
        .map_err(database)?;
    let counts = daily_loop::row_counts::<Db>(&mut connection).await?;
    connection.close().await.map_err(database)?;
    Ok(CopyCheck {
        integrity: answers.join("; "),
        counts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SqliteStore;
    use hangmat_store::Transfer;

    #[tokio::test]
    async fn a_copy_is_sound_and_counts_what_the_database_holds() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let source = dir.path().join("hangmat.sqlite");
        let store = SqliteStore::open(&source)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let copy = dir.path().join("copy.sqlite");
        backup(&source, &copy)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let checked = check(&copy).await.unwrap_or_else(|e| panic!("{e}"));
        assert!(checked.is_sound(), "{checked:?}");
        let counts = store.row_counts().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(checked.counts, counts);
        // The target must be new: a second copy onto it is refused.
        assert!(backup(&source, &copy).await.is_err());
    }
}
