//! PostgreSQL as the shared SQL (`hangmat_store::sql`) sees it: ids as `uuid`, dates as `date`.

use hangmat_store::StoreResult;
use hangmat_store::sql::Backend;
use jiff::civil::Date;
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::types::Oid;
use sqlx::postgres::{PgArgumentBuffer, PgQueryResult, PgTypeInfo, PgValueFormat, PgValueRef};
use sqlx::{Decode, Encode, Postgres, Type};
use uuid::Uuid;

/// This crate's database, for the shared queries: `reminders::queue::<Db>(…)`.
pub enum Db {}

impl Backend for Db {
    type Database = Postgres;
    type Id = Uuid;
    const LOCK_READ_ROWS: &'static str = " FOR UPDATE";
    const IN_IDS_AT_1: &'static str =
        "IN (SELECT CAST(value AS uuid) FROM jsonb_array_elements_text(CAST($1 AS jsonb)))";
    type Date = PgDate;

    fn id(id: Uuid) -> Uuid {
        id
    }

    fn uuid(kept: Uuid) -> StoreResult<Uuid> {
        Ok(kept)
    }

    fn date(date: Date) -> PgDate {
        PgDate(date)
    }

    fn from_date(kept: PgDate) -> StoreResult<Date> {
        Ok(kept.0)
    }

    fn rows_affected(result: &PgQueryResult) -> u64 {
        result.rows_affected()
    }
}

/// A calendar date in a `date` column (sqlx has no jiff support): PostgreSQL sends it as the
/// days since 2000-01-01, or as ISO text.
pub struct PgDate(pub Date);

const DATE_OID: Oid = Oid(1082);
const EPOCH: Date = jiff::civil::date(2000, 1, 1);

impl Type<Postgres> for PgDate {
    fn type_info() -> PgTypeInfo {
        PgTypeInfo::with_oid(DATE_OID)
    }

    fn compatible(ty: &PgTypeInfo) -> bool {
        ty.oid() == Some(DATE_OID)
    }
}

impl Encode<'_, Postgres> for PgDate {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        let days = self.0.since(EPOCH)?.get_days();
        <i32 as Encode<Postgres>>::encode(days, buf)
    }

    fn size_hint(&self) -> usize {
        std::mem::size_of::<i32>()
    }
}

impl<'r> Decode<'r, Postgres> for PgDate {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(PgDate(match value.format() {
            PgValueFormat::Binary => {
                let days: i32 = Decode::<Postgres>::decode(value)?;
                EPOCH.checked_add(jiff::Span::new().try_days(days)?)?
            }
            PgValueFormat::Text => value.as_str()?.parse()?,
        }))
    }
}
