//! SQLite as the shared SQL (`hangmat_store::sql`) sees it: ids and dates kept as text.

use crate::rows::{date_from_text, uuid_from_text};
use hangmat_store::StoreResult;
use hangmat_store::sql::Backend;
use jiff::civil::Date;
use sqlx::sqlite::SqliteQueryResult;
use uuid::Uuid;

/// This crate's database, for the shared queries: `reminders::queue::<Db>(…)`.
pub enum Db {}

impl Backend for Db {
    type Database = sqlx::Sqlite;
    type Id = String;
    const LOCK_READ_ROWS: &'static str = "";
    const IN_IDS_AT_1: &'static str = "IN (SELECT value FROM json_each($1))";
    type Date = String;

    fn id(id: Uuid) -> String {
        id.to_string()
    }

    fn uuid(kept: String) -> StoreResult<Uuid> {
        uuid_from_text(&kept)
    }

    fn date(date: Date) -> String {
        date.to_string()
    }

    fn from_date(kept: String) -> StoreResult<Date> {
        date_from_text(&kept)
    }

    fn rows_affected(result: &SqliteQueryResult) -> u64 {
        result.rows_affected()
    }
}

#[cfg(test)]
mod tests {
    use super::Db;
    use crate::SqliteStore;
    use hangmat_store::sql::sql;

    /// SQLite alone numbers a `$N` parameter by where it first appears in the text; sqlx binds it
    /// by N. The shared SQL uses parameters in order of first appearance anyway (a test in
    /// `hangmat_store::sql` holds it to that), so it means the same either way; this test shows
    /// which way sqlx goes today.
    #[tokio::test]
    async fn sqlx_binds_a_dollar_parameter_by_its_number() {
        let store = SqliteStore::in_memory()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let mut connection = store.pool.acquire().await.unwrap_or_else(|e| panic!("{e}"));
        let row = sql::<Db>("SELECT $2, $1")
            .bind("a")
            .bind("b")
            .fetch_one(&mut connection)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let pair: (String, String) = (
            row.get(0).unwrap_or_default(),
            row.get(1).unwrap_or_default(),
        );
        assert_eq!(pair, ("b".to_owned(), "a".to_owned()));
    }
}
