//! Conversions between core's types and the plain columns SQLite keeps.

use hangmat_store::StoreError;
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;
use uuid::Uuid;

pub fn database(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Database(Box::new(error))
}

pub fn millis(at: Timestamp) -> i64 {
    at.as_millisecond()
}

pub fn date_from_text(text: &str) -> Result<Date, StoreError> {
    text.parse()
        .map_err(|_| StoreError::Corrupt(format!("date {text}")))
}

pub fn uuid_from_text(text: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text).map_err(|_| StoreError::Corrupt(format!("uuid {text}")))
}

/// A count kept or computed as an integer column (never negative, never beyond u32).
pub fn count_at(row: &SqliteRow, column: &str) -> Result<u32, StoreError> {
    let value: i64 = row.try_get(column).map_err(database)?;
    count_from(value, column)
}

/// A count that may be absent (NULL).
pub fn optional_count_at(row: &SqliteRow, column: &str) -> Result<Option<u32>, StoreError> {
    let value: Option<i64> = row.try_get(column).map_err(database)?;
    value.map(|value| count_from(value, column)).transpose()
}

fn count_from(value: i64, column: &str) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| StoreError::Corrupt(format!("{column} {value}")))
}
