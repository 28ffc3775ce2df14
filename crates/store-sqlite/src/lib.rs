//! The embedded default store: SQLite through sqlx, in one file under the data directory.
//!
//! One machine, no database server to run: this is what a hospital gets out of the box. WAL mode
//! lets pages read while an outcome is written; a busy timeout rides out short write contention;
//! `secure_delete` overwrites erased rows so "erase all my data" leaves nothing in free pages.
//!
//! The queries are the ones PostgreSQL runs too (`hangmat_store::sql`); this crate keeps what only
//! SQLite does: its pools (many readers, one writer) and migrations, ids and dates as text
//! (backend.rs), session outcomes grouped into one transaction (group_commit.rs), what almost
//! every request reads kept in memory (cache.rs), checkpoints (checkpoint.rs), JSON where
//! PostgreSQL takes arrays, and the portal's list in its own dialect (mothers_list.rs).

mod audit_lines;
mod backend;
pub mod backup;
mod cache;
mod care;
mod checkpoint;
mod group_commit;
mod mothers_list;
mod reminders;
mod rows;

use async_trait::async_trait;
use backend::Db;
use cache::ReadCache;
use hangmat_core::outcome::{CoordinationTap, Rating, SessionOutcome};
use hangmat_core::progress::DayTally;
use hangmat_store::sql::{SqlStore, daily_loop};
use hangmat_store::{
    ActivityRepo, AuditEntry, DeviceSessionRepo, HoldChange, HoldRepo, ListDays, ListedMother,
    Profile, ProfileDump, ProfileId, ProfileRepo, StaffId, Store, StoreResult, StoredOutcome,
    Transfer, Written,
};
use jiff::Timestamp;
use jiff::civil::Date;
use rows::{database, millis};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Row, Sqlite, Transaction};
use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Connections that read at the same time (WAL lets readers run beside the writer).
const READERS: u32 = 8;
/// Signed-in devices and prescriptions kept in memory (cache.rs): a few MB at most.
const CACHED: usize = 10_000;
/// Each reader's page cache, in KiB (SQLite's default is 2,000). The file's pages stay in the
/// operating system's cache, so a page missing here costs a `pread`, not a disk read; eight
/// caches of 2 MB were a third of the server's memory. Pages a reader needs are few and hot
/// (Today) or far more than any cache holds (the portal's list of 500 mothers touches some 16 MB),
/// so 1 MB each reads as fast and saves 8 MB.
const READER_CACHE_KIB: u32 = 1024;

/// A SQLite-backed [`Store`].
///
/// Reads share a pool; writes go through a pool of one connection. SQLite lets one writer in at a
/// time anyway, and a writer that finds the lock taken sleeps in growing steps (its busy handler)
/// while the lock may long be free again; queueing writers on one connection instead hands the
/// lock on at once, in order, which under many concurrent writes is several times faster.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    writer: SqlitePool,
    /// Session outcomes go to the group-commit task (group_commit.rs).
    outcomes: tokio::sync::mpsc::Sender<group_commit::OutcomeWrite>,
    /// A device token's hash -> her profile (cache.rs).
    sessions: Arc<ReadCache<String, Profile>>,
    /// Her prescription (care.rs reads and writes it).
    prescriptions: Arc<ReadCache<ProfileId, hangmat_core::prescription::Prescription>>,
    /// Background tasks (checkpoint.rs) run while some clone of the store holds this.
    alive: Arc<()>,
}

impl SqliteStore {
    /// Opens (creating if missing) the database file and runs pending migrations.
    pub async fn open(path: &Path) -> StoreResult<Self> {
        let options = SqliteConnectOptions::new().filename(path);
        Self::connect(options).await
    }

    /// A private in-memory database, for tests.
    pub async fn in_memory() -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:").map_err(database)?;
        // One connection: every connection to `:memory:` would be its own empty database.
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.foreign_keys(true))
            .await
            .map_err(database)?;
        MIGRATIONS.run(&pool).await.map_err(database)?;
        Ok(Self::new(pool.clone(), pool))
    }

    async fn connect(options: SqliteConnectOptions) -> StoreResult<Self> {
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true)
            .pragma("secure_delete", "on")
            // A multi-row statement inside a transaction keeps a statement journal (to undo just
            // that statement); in memory it costs no temporary file opened and closed per batch.
            .pragma("temp_store", "memory");
        // The writer leaves copying the log back to checkpoint.rs, checkpointing itself only
        // past 32 MB of log. (A larger writer cache was tried: 8 MB took the server past its
        // 50 MB once the portal's audit lines had gone through it, for no measurable gain.)
        let writer_options = options.clone().pragma("wal_autocheckpoint", "8000");
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(writer_options)
            .await
            .map_err(database)?;
        MIGRATIONS.run(&writer).await.map_err(database)?;
        let pool = SqlitePoolOptions::new()
            .max_connections(READERS)
            .connect_with(
                options
                    .clone()
                    .pragma("cache_size", format!("-{READER_CACHE_KIB}")),
            )
            .await
            .map_err(database)?;
        let store = Self::new(pool, writer);
        checkpoint::start(options, Arc::downgrade(&store.alive));
        Ok(store)
    }

    fn new(pool: SqlitePool, writer: SqlitePool) -> Self {
        Self {
            outcomes: group_commit::start(writer.clone()),
            pool,
            writer,
            sessions: Arc::new(ReadCache::new(CACHED)),
            prescriptions: Arc::new(ReadCache::new(CACHED)),
            alive: Arc::new(()),
        }
    }

    /// Table and column names as this backend keeps them (for the schema-parity test).
    pub async fn columns(&self) -> StoreResult<Vec<(String, String)>> {
        let rows = sqlx::query(
            "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'
             ORDER BY m.name, p.name",
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

    /// Whether `secure_delete` is on for the readers and the writer alike (erasure overwrites
    /// what it removes only on a connection that has it).
    pub async fn secure_delete(&self) -> StoreResult<bool> {
        let mut on = true;
        for pool in [&self.pool, &self.writer] {
            let value: i64 = sqlx::query_scalar("PRAGMA secure_delete")
                .fetch_one(pool)
                .await
                .map_err(database)?;
            on &= value == 1;
        }
        Ok(on)
    }

    /// The writer's one connection, for a write outside a transaction.
    async fn writer_connection(&self) -> StoreResult<sqlx::pool::PoolConnection<Sqlite>> {
        self.writer.acquire().await.map_err(database)
    }
}

impl SqlStore for SqliteStore {
    type Backend = Db;

    /// A connection of the reader pool. (Small writes that need no transaction go through it
    /// too, as they always have; outcomes, audit lines and transactions use the writer.)
    async fn connection(&self) -> StoreResult<sqlx::pool::PoolConnection<Sqlite>> {
        let asked = std::time::Instant::now();
        let connection = self.pool.acquire().await;
        hangmat_store::metrics::pool_wait(asked);
        connection.map_err(database)
    }

    /// A write transaction. `BEGIN IMMEDIATE` takes the write lock at the start: a deferred
    /// transaction that reads first and writes later cannot wait for the lock (SQLite answers
    /// "database is locked" at once instead of using the busy timeout), so under concurrent writes
    /// it fails where an immediate one simply waits its turn.
    async fn begin(&self) -> StoreResult<Transaction<'_, Sqlite>> {
        self.writer
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(database)
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
impl ProfileRepo for SqliteStore {
    async fn create_profile(&self, profile: &Profile, recovery_hash: &str) -> StoreResult<()> {
        let mut connection = self.writer_connection().await?;
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
        let mut connection = self.writer_connection().await?;
        daily_loop::replace_recovery_hash::<Db>(&mut connection, id, recovery_hash).await
    }

    async fn update_profile(&self, profile: &Profile) -> StoreResult<()> {
        daily_loop::update_profile::<Db>(&mut *self.writer_connection().await?, profile).await?;
        self.sessions.forget_all();
        Ok(())
    }

    async fn erase_profile(&self, id: ProfileId) -> StoreResult<bool> {
        let mut transaction = self.begin().await?;
        let erased = daily_loop::erase_profile_in::<Db>(&mut transaction, id).await?;
        transaction.commit().await.map_err(database)?;
        self.sessions.forget_all();
        self.prescriptions.forget(&id);
        Ok(erased)
    }
}

#[async_trait]
impl DeviceSessionRepo for SqliteStore {
    async fn create_device_session(
        &self,
        token_hash: &str,
        profile: ProfileId,
        at: Timestamp,
    ) -> StoreResult<()> {
        let mut connection = self.writer_connection().await?;
        daily_loop::create_device_session::<Db>(&mut connection, token_hash, profile, at).await
    }

    async fn device_session_profile(&self, token_hash: &str) -> StoreResult<Option<ProfileId>> {
        daily_loop::device_session_profile::<Db>(&mut *self.connection().await?, token_hash).await
    }

    async fn device_session_owner(&self, token_hash: &str) -> StoreResult<Option<Profile>> {
        let since = match self.sessions.get(&token_hash.to_owned()) {
            Ok(profile) => return Ok(Some(profile)),
            Err(since) => since,
        };
        let profile =
            daily_loop::device_session_owner::<Db>(&mut *self.connection().await?, token_hash)
                .await?;
        // Unknown tokens are not kept: anyone can send those, as many as they like.
        if let Some(profile) = &profile {
            self.sessions
                .offer(since, token_hash.to_owned(), profile.clone());
        }
        Ok(profile)
    }

    async fn end_device_session(&self, token_hash: &str) -> StoreResult<()> {
        daily_loop::end_device_session::<Db>(&mut *self.writer_connection().await?, token_hash)
            .await?;
        self.sessions.forget(&token_hash.to_owned());
        Ok(())
    }
}

#[async_trait]
impl HoldRepo for SqliteStore {
    async fn record_hold(&self, profile: ProfileId, change: &HoldChange) -> StoreResult<()> {
        daily_loop::insert_hold::<Db>(&mut *self.writer_connection().await?, profile, change).await
    }

    async fn hold_history(&self, profile: ProfileId) -> StoreResult<Vec<HoldChange>> {
        daily_loop::hold_history::<Db>(&mut *self.connection().await?, profile).await
    }

    async fn current_hold(&self, profile: ProfileId) -> StoreResult<Option<HoldChange>> {
        daily_loop::current_hold::<Db>(&mut *self.connection().await?, profile).await
    }
}

#[async_trait]
impl ActivityRepo for SqliteStore {
    async fn save_outcome(
        &self,
        profile: ProfileId,
        id: Uuid,
        outcome: &SessionOutcome,
        received_at: Timestamp,
    ) -> StoreResult<Written> {
        let day = outcome.local_date;
        let (written, _) = self
            .save_outcome_tallied(profile, id, outcome, received_at, day)
            .await?;
        Ok(written)
    }

    async fn save_outcome_tallied(
        &self,
        profile: ProfileId,
        id: Uuid,
        outcome: &SessionOutcome,
        received_at: Timestamp,
        day: Date,
    ) -> StoreResult<(Written, DayTally)> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let write = group_commit::OutcomeWrite {
            profile,
            id,
            outcome: outcome.clone(),
            received_at,
            day,
            reply,
            queued: std::time::Instant::now(),
        };
        let gone = || database(std::io::Error::other("the outcome writer has stopped"));
        self.outcomes.send(write).await.map_err(|_| gone())?;
        answer.await.map_err(|_| gone())?
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
        if written == Written::Created {
            transaction.commit().await.map_err(database)?;
        }
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
impl Transfer for SqliteStore {
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
        let outcomes: Vec<OutcomeRow<'_>> = dump
            .outcomes
            .iter()
            .map(|(stored, received_at)| OutcomeRow {
                profile: profile.to_string(),
                id: stored.id,
                outcome: &stored.outcome,
                received_at: *received_at,
                replacing: false,
            })
            .collect();
        insert_outcomes(&mut transaction, &outcomes).await?;
        transaction.commit().await.map_err(database)?;
        self.sessions.forget_all();
        self.prescriptions.forget(&profile);
        Ok(())
    }

    async fn row_counts(&self) -> StoreResult<BTreeMap<String, u64>> {
        daily_loop::row_counts::<Db>(&mut *self.connection().await?).await
    }

    async fn rows_of_profile(&self, id: ProfileId) -> StoreResult<BTreeMap<String, u64>> {
        daily_loop::rows_of_profile::<Db>(&mut *self.connection().await?, id).await
    }
}

/// Writes an outcome and its parts (insert or replace), inside the caller's transaction.
/// One outcome to write with [`insert_outcomes`].
pub(crate) struct OutcomeRow<'a> {
    pub profile: String,
    pub id: Uuid,
    pub outcome: &'a SessionOutcome,
    pub received_at: Timestamp,
    /// A retry of a stored outcome: its parts are replaced.
    pub replacing: bool,
}

/// An outcome as the batch statements below read it from their one JSON parameter.
#[derive(serde::Serialize)]
struct OutcomeJson<'a> {
    id: String,
    profile: &'a str,
    started_at: i64,
    ended_at: i64,
    local_date: String,
    position: &'a str,
    hold_counts: u32,
    completed: bool,
    contractions: u32,
    rating: Option<&'static str>,
    held_every_count: Option<bool>,
    received_at: i64,
    replacing: bool,
    parts: Vec<PartJson>,
}

#[derive(serde::Serialize)]
struct PartJson {
    exercise: &'static str,
    reps: u32,
}

/// Writes outcomes (new, or replacing a stored one under the same id) and their parts.
///
/// Every statement is a round trip to SQLite's worker thread while the write lock is held, and a
/// statement whose text changes with the batch's size is prepared anew each time. So the whole
/// batch goes in as one JSON parameter that the statements unpack with `json_each`: three
/// statements of fixed text (prepared once, then cached), however many outcomes. An id must
/// appear once.
pub(crate) async fn insert_outcomes(
    transaction: &mut Transaction<'_, Sqlite>,
    rows: &[OutcomeRow<'_>],
) -> StoreResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let batch: Vec<OutcomeJson<'_>> = rows
        .iter()
        .map(|row| {
            let outcome = row.outcome;
            OutcomeJson {
                id: row.id.to_string(),
                profile: &row.profile,
                started_at: millis(outcome.started_at),
                ended_at: millis(outcome.ended_at),
                local_date: outcome.local_date.to_string(),
                position: &outcome.position,
                hold_counts: outcome.hold_counts,
                completed: outcome.completed,
                contractions: outcome.contractions(),
                rating: outcome.rating.map(Rating::as_str),
                held_every_count: outcome.held_every_count,
                received_at: millis(row.received_at),
                replacing: row.replacing,
                parts: outcome
                    .parts
                    .iter()
                    .map(|part| PartJson {
                        exercise: part.exercise.as_str(),
                        reps: part.reps_done,
                    })
                    .collect(),
            }
        })
        .collect();
    let batch = serde_json::to_string(&batch).map_err(database)?;
    sqlx::query(
        "INSERT INTO session_outcomes (id, profile_id, started_at, ended_at, local_date, position,
             hold_counts, completed, contractions, rating, held_every_count, received_at)
         SELECT value->>'id', value->>'profile', value->>'started_at', value->>'ended_at',
             value->>'local_date', value->>'position', value->>'hold_counts', value->>'completed',
             value->>'contractions', value->>'rating', value->>'held_every_count',
             value->>'received_at'
         FROM json_each(?1) WHERE true
         ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, ended_at = excluded.ended_at,
             local_date = excluded.local_date, position = excluded.position,
             hold_counts = excluded.hold_counts, completed = excluded.completed,
             contractions = excluded.contractions, rating = excluded.rating,
             held_every_count = excluded.held_every_count",
    )
    .bind(&batch)
    .execute(&mut **transaction)
    .await
    .map_err(database)?;
    // A retry replaces the parts; a first report has none to replace.
    if rows.iter().any(|row| row.replacing) {
        sqlx::query(
            "DELETE FROM outcome_parts WHERE outcome_id IN
                 (SELECT value->>'id' FROM json_each(?1) WHERE value->>'replacing')",
        )
        .bind(&batch)
        .execute(&mut **transaction)
        .await
        .map_err(database)?;
    }
    sqlx::query(
        "INSERT INTO outcome_parts (outcome_id, exercise, reps_done)
         SELECT o.value->>'id', p.value->>'exercise', p.value->>'reps'
         FROM json_each(?1) o, json_each(o.value, '$.parts') p",
    )
    .bind(&batch)
    .execute(&mut **transaction)
    .await
    .map_err(database)?;
    Ok(())
}

#[async_trait]
impl Store for SqliteStore {
    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map_err(database)?;
        Ok(())
    }

    async fn close(&self) {
        self.writer.close().await;
        self.pool.close().await;
    }
}
