//! Conversions between core's types and the plain columns SQLite keeps.

use hangmat_store::StoreError;
use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

pub fn database(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Database(Box::new(error))
}

pub fn millis(at: Timestamp) -> i64 {
    at.as_millisecond()
}

pub fn timestamp_from_millis(value: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_millisecond(value)
        .map_err(|_| StoreError::Corrupt(format!("timestamp {value}")))
}

pub fn date_from_text(text: &str) -> Result<Date, StoreError> {
    text.parse()
        .map_err(|_| StoreError::Corrupt(format!("date {text}")))
}

pub fn uuid_from_text(text: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text).map_err(|_| StoreError::Corrupt(format!("uuid {text}")))
}
