//! Hangmat's store on PostgreSQL: for a region or a network of practices that runs several
//! `hangmat` servers behind a load balancer on one database.
//!
//! Everything that must be shared lives here, not in a server's memory: profiles, signed-in devices,
//! what mothers did. The queries are the ones SQLite runs too (`hangmat_store::sql`); this crate
//! keeps what only PostgreSQL does: its pool and migrations, ids and dates in native columns
//! (backend.rs), row locks where SQLite has one writer (`FOR UPDATE`, `SKIP LOCKED` claims),
//! arrays where SQLite unpacks JSON, and the portal's list in its own dialect. The pool gives up
//! on a connection after a few seconds, so when the database is away the server answers 503
//! quickly, and it reconnects by itself when the database is back.

mod audit_lines;
mod backend;
mod care;
mod mothers_list;

use async_trait::async_trait;
use backend::Db;
use hangmat_core::outcome::{CoordinationTap, Rating, SessionOutcome};
use hangmat_core::progress::DayTally;
use hangmat_store::sql::{SqlStore, daily_loop, sql};
use hangmat_store::{
    ActivityRepo, AuditEntry, DeviceSessionRepo, HoldChange, HoldRepo, ListDays, ListedMother,
    Profile, ProfileDump, ProfileId, ProfileRepo, StaffId, Store, StoreError, StoreResult,
    StoredOutcome, Transfer, Written,
};
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Postgres, Row, Transaction};
use std::collections::BTreeMap;
use std::str::FromStr;
use std::time::Duration;
use uuid::Uuid;

mod reminders;

static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// How long a request waits for a database connection before the server answers 503.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

fn database(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Database(Box::new(error))
}

fn corrupt(what: impl Into<String>) -> StoreError {
    StoreError::Corrupt(what.into())
}

fn date(text: &str) -> StoreResult<Date> {
    text.parse().map_err(|_| corrupt(format!("date {text}")))
}

fn count(value: i32) -> StoreResult<u32> {
    u32::try_from(value).map_err(|_| corrupt(format!("count {value}")))
}

fn small(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

/// A PostgreSQL-backed [`Store`].
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to `url` (`postgres://…`) and runs pending migrations.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let options = PgConnectOptions::from_str(url).map_err(database)?;
        Self::connect_with(options).await
    }

    /// Connects with every table inside `schema` (created if missing): a private database for a
    /// test, or several deployments on one server.
    pub async fn connect_in_schema(url: &str, schema: &str) -> StoreResult<Self> {
        if !schema
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(corrupt(format!("schema name {schema}")));
        }
        let options = PgConnectOptions::from_str(url).map_err(database)?;
        let bootstrap = PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options.clone())
            .await
            .map_err(database)?;
        let create = sqlx::AssertSqlSafe(format!("CREATE SCHEMA IF NOT EXISTS {schema}"));
        sqlx::query(create)
            .execute(&bootstrap)
            .await
            .map_err(database)?;
        bootstrap.close().await;
        Self::connect_with(options.options([("search_path", schema)])).await
    }

    async fn connect_with(options: PgConnectOptions) -> StoreResult<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect_with(options)
            .await
            .map_err(database)?;
        MIGRATIONS.run(&pool).await.map_err(database)?;
        Ok(Self { pool })
    }

    /// Table and column names as this backend keeps them (for the schema-parity test).
    pub async fn columns(&self) -> StoreResult<Vec<(String, String)>> {
        let rows = sqlx::query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_sqlx%'
             ORDER BY table_name, column_name",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(database)?;
        rows.iter()
            .map(|row| {
                Ok((
                    row.try_get(0).map_err(database)?,
                    row.try_get(1).map_err(database)?,
                ))
            })
            .collect()
    }
}

impl SqlStore for PgStore {
    type Backend = Db;

    /// A connection of the pool.
    async fn connection(&self) -> StoreResult<sqlx::pool::PoolConnection<Postgres>> {
        let asked = std::time::Instant::now();
        let connection = self.pool.acquire().await;
        hangmat_store::metrics::pool_wait(asked);
        connection.map_err(database)
    }

    async fn begin(&self) -> StoreResult<Transaction<'_, Postgres>> {
        self.pool.begin().await.map_err(database)
    }

    async fn list_mothers(
        &self,
        staff: StaffId,
        days_in: &(dyn for<'z> Fn(&'z str) -> ListDays + Sync),
    ) -> StoreResult<Vec<ListedMother>> {
        mothers_list::listed_mothers(self, staff, days_in).await
    }

    async fn write_audit_lines(&self, entries: &[AuditEntry]) -> StoreResult<()> {
        audit_lines::insert_audits(self, entries).await
    }
}

#[async_trait]
impl ProfileRepo for PgStore {
    async fn create_profile(&self, profile: &Profile, recovery_hash: &str) -> StoreResult<()> {
        let mut connection = self.connection().await?;
        daily_loop::create_profile::<Db>(&mut connection, profile, recovery_hash).await
    }

    async fn profile(&self, id: ProfileId) -> StoreResult<Option<Profile>> {
        daily_loop::profile::<Db>(&mut *self.connection().await?, id).await
    }

    async fn profile_by_recovery_hash(&self, recovery_hash: &str) -> StoreResult<Option<Profile>> {
        let mut connection = self.connection().await?;
        daily_loop::profile_by_recovery_hash::<Db>(&mut connection, recovery_hash).await
    }

    async fn replace_recovery_hash(&self, id: ProfileId, recovery_hash: &str) -> StoreResult<()> {
        let mut connection = self.connection().await?;
        daily_loop::replace_recovery_hash::<Db>(&mut connection, id, recovery_hash).await
    }

    async fn update_profile(&self, profile: &Profile) -> StoreResult<()> {
        daily_loop::update_profile::<Db>(&mut *self.connection().await?, profile).await
    }

    async fn erase_profile(&self, id: ProfileId) -> StoreResult<bool> {
        let mut transaction = self.begin().await?;
        let erased = daily_loop::erase_profile_in::<Db>(&mut transaction, id).await?;
        transaction.commit().await.map_err(database)?;
        Ok(erased)
    }
}

#[async_trait]
impl DeviceSessionRepo for PgStore {
    async fn create_device_session(
        &self,
        token_hash: &str,
        profile: ProfileId,
        at: Timestamp,
    ) -> StoreResult<()> {
        let mut connection = self.connection().await?;
        daily_loop::create_device_session::<Db>(&mut connection, token_hash, profile, at).await
    }

    async fn device_session_profile(&self, token_hash: &str) -> StoreResult<Option<ProfileId>> {
        daily_loop::device_session_profile::<Db>(&mut *self.connection().await?, token_hash).await
    }

    async fn device_session_owner(&self, token_hash: &str) -> StoreResult<Option<Profile>> {
        daily_loop::device_session_owner::<Db>(&mut *self.connection().await?, token_hash).await
    }

    async fn end_device_session(&self, token_hash: &str) -> StoreResult<()> {
        daily_loop::end_device_session::<Db>(&mut *self.connection().await?, token_hash).await
    }
}

#[async_trait]
impl HoldRepo for PgStore {
    async fn record_hold(&self, profile: ProfileId, change: &HoldChange) -> StoreResult<()> {
        daily_loop::insert_hold::<Db>(&mut *self.connection().await?, profile, change).await
    }

    async fn hold_history(&self, profile: ProfileId) -> StoreResult<Vec<HoldChange>> {
        daily_loop::hold_history::<Db>(&mut *self.connection().await?, profile).await
    }

    async fn current_hold(&self, profile: ProfileId) -> StoreResult<Option<HoldChange>> {
        daily_loop::current_hold::<Db>(&mut *self.connection().await?, profile).await
    }
}

#[async_trait]
impl ActivityRepo for PgStore {
    async fn save_outcome(
        &self,
        profile: ProfileId,
        id: Uuid,
        outcome: &SessionOutcome,
        received_at: Timestamp,
    ) -> StoreResult<Written> {
        let mut transaction = self.begin().await?;
        let owner = sql::<Db>("SELECT profile_id FROM session_outcomes WHERE id = $1 FOR UPDATE")
            .bind(id)
            .fetch_optional(&mut transaction)
            .await?
            .map(|row| row.id(0))
            .transpose()?;
        let written = match owner {
            Some(owner) if owner != profile.0 => return Err(StoreError::IdTaken),
            Some(_) => Written::AlreadyThere,
            None => Written::Created,
        };
        upsert_outcome(&mut transaction, profile, id, outcome, received_at).await?;
        transaction.commit().await.map_err(database)?;
        Ok(written)
    }

    async fn outcomes_between(
        &self,
        profile: ProfileId,
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<StoredOutcome>> {
        let mut connection = self.connection().await?;
        daily_loop::outcomes_between::<Db>(&mut connection, profile, from, to).await
    }

    async fn last_position(&self, profile: ProfileId) -> StoreResult<Option<String>> {
        daily_loop::last_position::<Db>(&mut *self.connection().await?, profile).await
    }

    async fn save_tap(
        &self,
        profile: ProfileId,
        id: Uuid,
        tap: &CoordinationTap,
    ) -> StoreResult<Written> {
        let mut transaction = self.begin().await?;
        let written = daily_loop::save_tap_in::<Db>(&mut transaction, profile, id, tap).await?;
        transaction.commit().await.map_err(database)?;
        Ok(written)
    }

    async fn day_tallies(
        &self,
        profile: ProfileId,
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<DayTally>> {
        let mut connection = self.connection().await?;
        daily_loop::day_tallies::<Db>(&mut connection, profile, from, to).await
    }

    async fn day_tallies_of(
        &self,
        profiles: &[ProfileId],
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<(ProfileId, DayTally)>> {
        let mut connection = self.connection().await?;
        daily_loop::day_tallies_of::<Db>(&mut connection, profiles, from, to).await
    }
}

#[async_trait]
impl Transfer for PgStore {
    async fn profile_ids_after(
        &self,
        after: Option<ProfileId>,
        limit: u32,
    ) -> StoreResult<Vec<ProfileId>> {
        daily_loop::profile_ids_after::<Db>(&mut *self.connection().await?, after, limit).await
    }

    async fn export_profile(&self, id: ProfileId) -> StoreResult<Option<ProfileDump>> {
        daily_loop::export_profile::<Db>(&mut *self.connection().await?, id).await
    }

    async fn import_profile(&self, dump: &ProfileDump) -> StoreResult<()> {
        let mut transaction = self.begin().await?;
        let profile = dump.profile.id;
        daily_loop::import_profile_in::<Db>(&mut transaction, dump).await?;
        for (stored, received_at) in &dump.outcomes {
            upsert_outcome(
                &mut transaction,
                profile,
                stored.id,
                &stored.outcome,
                *received_at,
            )
            .await?;
        }
        transaction.commit().await.map_err(database)
    }

    async fn row_counts(&self) -> StoreResult<BTreeMap<String, u64>> {
        daily_loop::row_counts::<Db>(&mut *self.connection().await?).await
    }

    async fn rows_of_profile(&self, id: ProfileId) -> StoreResult<BTreeMap<String, u64>> {
        daily_loop::rows_of_profile::<Db>(&mut *self.connection().await?, id).await
    }
}

/// Writes an outcome and its parts (insert or replace), inside the caller's transaction.
async fn upsert_outcome(
    transaction: &mut Transaction<'_, Postgres>,
    profile: ProfileId,
    id: Uuid,
    outcome: &SessionOutcome,
    received_at: Timestamp,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO session_outcomes (id, profile_id, started_at, ended_at, local_date, position, hold_counts,
             completed, contractions, rating, held_every_count, received_at)
         VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, ended_at = excluded.ended_at,
             local_date = excluded.local_date, position = excluded.position, hold_counts = excluded.hold_counts,
             completed = excluded.completed, contractions = excluded.contractions, rating = excluded.rating,
             held_every_count = excluded.held_every_count",
    )
    .bind(id)
    .bind(profile.0)
    .bind(outcome.started_at.as_millisecond())
    .bind(outcome.ended_at.as_millisecond())
    .bind(outcome.local_date.to_string())
    .bind(&outcome.position)
    .bind(small(outcome.hold_counts))
    .bind(outcome.completed)
    .bind(small(outcome.contractions()))
    .bind(outcome.rating.map(Rating::as_str))
    .bind(outcome.held_every_count)
    .bind(received_at.as_millisecond())
    .execute(&mut **transaction)
    .await
    .map_err(database)?;
    sqlx::query("DELETE FROM outcome_parts WHERE outcome_id = $1")
        .bind(id)
        .execute(&mut **transaction)
        .await
        .map_err(database)?;
    let kinds: Vec<&str> = outcome.parts.iter().map(|p| p.exercise.as_str()).collect();
    let reps: Vec<i32> = outcome.parts.iter().map(|p| small(p.reps_done)).collect();
    sqlx::query(
        "INSERT INTO outcome_parts (outcome_id, exercise, reps_done)
         SELECT $1, kind, reps FROM UNNEST($2::text[], $3::int[]) AS parts (kind, reps)",
    )
    .bind(id)
    .bind(&kinds)
    .bind(&reps)
    .execute(&mut **transaction)
    .await
    .map_err(database)?;
    Ok(())
}

#[async_trait]
impl Store for PgStore {
    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map_err(database)?;
        Ok(())
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}
