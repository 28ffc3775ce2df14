//! The embedded default store: SQLite through sqlx, in one file under the data directory.
//!
//! One machine, no database server to run: this is what a hospital gets out of the box. WAL mode
//! lets pages read while an outcome is written; a busy timeout rides out short write contention;
//! `secure_delete` overwrites erased rows so "erase all my data" leaves nothing in free pages.

mod access;
mod backend;
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
use hangmat_core::hold::HoldSetter;
use hangmat_core::outcome::{CoordinationTap, PartDone, Rating, SessionOutcome};
use hangmat_core::programme::ExerciseKind;
use hangmat_core::progress::DayTally;
use hangmat_store::sql;
use hangmat_store::{
    ActivityRepo, DEPLOYMENT_TABLES, DeviceSessionRepo, HoldChange, HoldRepo, Profile, ProfileDump,
    ProfileId, ProfileRepo, Store, StoreError, StoreResult, StoredOutcome, TABLES, Transfer,
    Written,
};
use jiff::Timestamp;
use jiff::civil::Date;
use rows::{count_at, database, date_from_text, millis, timestamp_from_millis, uuid_from_text};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Row, Sqlite, SqliteConnection, Transaction};
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

    /// A connection of the reader pool. (Small writes that need no transaction go through it
    /// too, as they always have; outcomes, audit lines and transactions use the writer.)
    async fn connection(&self) -> StoreResult<sqlx::pool::PoolConnection<Sqlite>> {
        self.pool.acquire().await.map_err(database)
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

    /// The profile that owns a coordination tap's id, if any. (Outcomes ask in batches:
    /// group_commit.rs.)
    async fn tap_owner(
        transaction: &mut Transaction<'_, Sqlite>,
        id: Uuid,
    ) -> StoreResult<Option<String>> {
        let row = sqlx::query("SELECT profile_id FROM coordination_taps WHERE id = ?")
            .bind(id.to_string())
            .fetch_optional(&mut **transaction)
            .await
            .map_err(database)?;
        row.map(|row| row.try_get::<String, _>(0).map_err(database))
            .transpose()
    }
}

fn profile_from_row(row: &sqlx::sqlite::SqliteRow) -> StoreResult<Profile> {
    profile_from_columns(row, "id", "created_at")
}

/// A profile from a row whose id and creation time carry other names (a join with a table that
/// has its own `id` and `created_at`).
pub(crate) fn profile_from_columns(
    row: &sqlx::sqlite::SqliteRow,
    id: &str,
    created_at: &str,
) -> StoreResult<Profile> {
    Ok(Profile {
        id: ProfileId(uuid_from_text(
            &row.try_get::<String, _>(id).map_err(database)?,
        )?),
        created_at: timestamp_from_millis(row.try_get(created_at).map_err(database)?)?,
        language: row.try_get("language").map_err(database)?,
        birth_date: date_from_text(&row.try_get::<String, _>("birth_date").map_err(database)?)?,
        time_zone: row.try_get("time_zone").map_err(database)?,
    })
}

#[async_trait]
impl ProfileRepo for SqliteStore {
    async fn create_profile(&self, profile: &Profile, recovery_hash: &str) -> StoreResult<()> {
        let mut connection = self.writer.acquire().await.map_err(database)?;
        insert_profile(&mut connection, profile, recovery_hash).await
    }

    async fn profile(&self, id: ProfileId) -> StoreResult<Option<Profile>> {
        let row = sqlx::query(
            "SELECT id, created_at, language, birth_date, time_zone FROM profiles WHERE id = ?",
        )
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(database)?;
        row.as_ref().map(profile_from_row).transpose()
    }

    async fn profile_by_recovery_hash(&self, recovery_hash: &str) -> StoreResult<Option<Profile>> {
        let row = sqlx::query(
            "SELECT id, created_at, language, birth_date, time_zone FROM profiles WHERE recovery_hash = ?",
        )
            .bind(recovery_hash)
            .fetch_optional(&self.pool)
            .await
            .map_err(database)?;
        row.as_ref().map(profile_from_row).transpose()
    }

    async fn replace_recovery_hash(&self, id: ProfileId, recovery_hash: &str) -> StoreResult<()> {
        sqlx::query("UPDATE profiles SET recovery_hash = ? WHERE id = ?")
            .bind(recovery_hash)
            .bind(id.to_string())
            .execute(&self.writer)
            .await
            .map_err(database)?;
        Ok(())
    }

    async fn update_profile(&self, profile: &Profile) -> StoreResult<()> {
        sqlx::query("UPDATE profiles SET language = ?, birth_date = ?, time_zone = ? WHERE id = ?")
            .bind(&profile.language)
            .bind(profile.birth_date.to_string())
            .bind(&profile.time_zone)
            .bind(profile.id.to_string())
            .execute(&self.writer)
            .await
            .map_err(database)?;
        self.sessions.forget_all();
        Ok(())
    }

    async fn erase_profile(&self, id: ProfileId) -> StoreResult<bool> {
        // Foreign keys cascade to every table that hangs on the profile (links included); the
        // audit log keeps its lines without her.
        let mut transaction = self.begin().await?;
        sql::access::forget_in_audit::<Db>(&mut transaction, id).await?;
        let result = sqlx::query("DELETE FROM profiles WHERE id = ?")
            .bind(id.to_string())
            .execute(&mut *transaction)
            .await
            .map_err(database)?;
        transaction.commit().await.map_err(database)?;
        self.sessions.forget_all();
        self.prescriptions.forget(&id);
        Ok(result.rows_affected() > 0)
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
        let mut connection = self.writer.acquire().await.map_err(database)?;
        insert_device_session(&mut connection, token_hash, profile, at).await
    }

    async fn device_session_profile(&self, token_hash: &str) -> StoreResult<Option<ProfileId>> {
        let row = sqlx::query("SELECT profile_id FROM device_sessions WHERE token_hash = ?")
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await
            .map_err(database)?;
        match row {
            Some(row) => Ok(Some(ProfileId(uuid_from_text(
                &row.try_get::<String, _>(0).map_err(database)?,
            )?))),
            None => Ok(None),
        }
    }

    async fn device_session_owner(&self, token_hash: &str) -> StoreResult<Option<Profile>> {
        let since = match self.sessions.get(&token_hash.to_owned()) {
            Ok(profile) => return Ok(Some(profile)),
            Err(since) => since,
        };
        let row = sqlx::query(
            "SELECT p.id, p.created_at, p.language, p.birth_date, p.time_zone
             FROM device_sessions d JOIN profiles p ON p.id = d.profile_id WHERE d.token_hash = ?",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(database)?;
        let profile = row.as_ref().map(profile_from_row).transpose()?;
        // Unknown tokens are not kept: anyone can send those, as many as they like.
        if let Some(profile) = &profile {
            self.sessions
                .offer(since, token_hash.to_owned(), profile.clone());
        }
        Ok(profile)
    }

    async fn end_device_session(&self, token_hash: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM device_sessions WHERE token_hash = ?")
            .bind(token_hash)
            .execute(&self.writer)
            .await
            .map_err(database)?;
        self.sessions.forget(&token_hash.to_owned());
        Ok(())
    }
}

fn hold_change_from_row(row: &sqlx::sqlite::SqliteRow) -> StoreResult<HoldChange> {
    let set_by: String = row.try_get("set_by").map_err(database)?;
    let hold_counts: i64 = row.try_get("hold_counts").map_err(database)?;
    Ok(HoldChange {
        hold_counts: u32::try_from(hold_counts)
            .map_err(|_| StoreError::Corrupt(format!("hold {hold_counts}")))?,
        set_by: HoldSetter::parse(&set_by)
            .ok_or_else(|| StoreError::Corrupt(format!("hold setter {set_by}")))?,
        set_at: timestamp_from_millis(row.try_get("set_at").map_err(database)?)?,
    })
}

#[async_trait]
impl HoldRepo for SqliteStore {
    async fn record_hold(&self, profile: ProfileId, change: &HoldChange) -> StoreResult<()> {
        let mut connection = self.writer.acquire().await.map_err(database)?;
        sql::daily_loop::insert_hold::<Db>(&mut connection, profile, change).await
    }

    async fn hold_history(&self, profile: ProfileId) -> StoreResult<Vec<HoldChange>> {
        let rows = sqlx::query("SELECT hold_counts, set_by, set_at FROM hold_changes WHERE profile_id = ? ORDER BY seq")
            .bind(profile.to_string())
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        rows.iter().map(hold_change_from_row).collect()
    }

    async fn current_hold(&self, profile: ProfileId) -> StoreResult<Option<HoldChange>> {
        let row = sqlx::query(
            "SELECT hold_counts, set_by, set_at FROM hold_changes WHERE profile_id = ? ORDER BY seq DESC LIMIT 1",
        )
        .bind(profile.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(database)?;
        row.as_ref().map(hold_change_from_row).transpose()
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
        let query = sqlx::AssertSqlSafe(format!(
            "SELECT {OUTCOME_COLUMNS} FROM session_outcomes o
             WHERE o.profile_id = ? AND o.local_date BETWEEN ? AND ? ORDER BY o.started_at, o.id"
        ));
        let rows = sqlx::query(query)
            .bind(profile.to_string())
            .bind(from.to_string())
            .bind(to.to_string())
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        rows.iter().map(stored_outcome_from_row).collect()
    }

    async fn last_position(&self, profile: ProfileId) -> StoreResult<Option<String>> {
        let row = sqlx::query(
            "SELECT position FROM session_outcomes WHERE profile_id = ? ORDER BY started_at DESC LIMIT 1",
        )
        .bind(profile.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(database)?;
        row.map(|row| row.try_get(0).map_err(database)).transpose()
    }

    async fn save_tap(
        &self,
        profile: ProfileId,
        id: Uuid,
        tap: &CoordinationTap,
    ) -> StoreResult<Written> {
        let mut transaction = self.begin().await?;
        match Self::tap_owner(&mut transaction, id).await? {
            Some(owner) if owner != profile.to_string() => return Err(StoreError::IdTaken),
            Some(_) => return Ok(Written::AlreadyThere),
            None => {}
        }
        insert_tap(&mut transaction, profile, id, tap).await?;
        transaction.commit().await.map_err(database)?;
        Ok(Written::Created)
    }

    async fn day_tallies(
        &self,
        profile: ProfileId,
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<DayTally>> {
        let rows = sqlx::query(
            "SELECT local_date, SUM(sessions) AS sessions, SUM(contractions) AS contractions, SUM(taps) AS taps
             FROM (
                 SELECT local_date, 1 AS sessions, contractions, 0 AS taps FROM session_outcomes
                  WHERE profile_id = ?1 AND local_date BETWEEN ?2 AND ?3
                 UNION ALL
                 SELECT local_date, 0, 0, 1 FROM coordination_taps
                  WHERE profile_id = ?1 AND local_date BETWEEN ?2 AND ?3
             )
             GROUP BY local_date ORDER BY local_date",
        )
        .bind(profile.to_string())
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(database)?;
        rows.iter().map(day_tally_from_row).collect()
    }
}

/// A day's tally from a row with the columns `local_date`, `sessions`, `contractions`, `taps`.
pub(crate) fn day_tally_from_row(row: &sqlx::sqlite::SqliteRow) -> StoreResult<DayTally> {
    Ok(DayTally {
        date: date_from_text(&row.try_get::<String, _>("local_date").map_err(database)?)?,
        sessions: count_at(row, "sessions")?,
        session_contractions: count_at(row, "contractions")?,
        coordination: count_at(row, "taps")?,
    })
}

fn stored_outcome_from_row(row: &sqlx::sqlite::SqliteRow) -> StoreResult<StoredOutcome> {
    let corrupt = |what: &str| StoreError::Corrupt(what.to_owned());
    let parts_text: Option<String> = row.try_get("parts").map_err(database)?;
    let mut parts = Vec::new();
    for item in parts_text
        .as_deref()
        .unwrap_or("")
        .split(',')
        .filter(|s| !s.is_empty())
    {
        let (kind, reps) = item.split_once(':').ok_or_else(|| corrupt(item))?;
        parts.push(PartDone {
            exercise: ExerciseKind::parse(kind).ok_or_else(|| corrupt(kind))?,
            reps_done: reps.parse().map_err(|_| corrupt(reps))?,
        });
    }
    // Programme order (strength before endurance) rather than text order.
    parts.sort_by_key(|part| part.exercise);
    let rating: Option<String> = row.try_get("rating").map_err(database)?;
    let hold_counts: i64 = row.try_get("hold_counts").map_err(database)?;
    Ok(StoredOutcome {
        id: uuid_from_text(&row.try_get::<String, _>("id").map_err(database)?)?,
        outcome: SessionOutcome {
            started_at: timestamp_from_millis(row.try_get("started_at").map_err(database)?)?,
            ended_at: timestamp_from_millis(row.try_get("ended_at").map_err(database)?)?,
            local_date: date_from_text(&row.try_get::<String, _>("local_date").map_err(database)?)?,
            position: row.try_get("position").map_err(database)?,
            hold_counts: u32::try_from(hold_counts).map_err(|_| corrupt("hold_counts"))?,
            completed: row.try_get("completed").map_err(database)?,
            parts,
            rating: rating
                .map(|r| Rating::parse(&r).ok_or_else(|| corrupt(&r)))
                .transpose()?,
            held_every_count: row.try_get("held_every_count").map_err(database)?,
        },
    })
}

const OUTCOME_COLUMNS: &str = "o.id, o.started_at, o.ended_at, o.local_date, o.position, o.hold_counts, o.completed,
    o.rating, o.held_every_count, o.received_at,
    (SELECT group_concat(p.exercise || ':' || p.reps_done, ',') FROM outcome_parts p WHERE p.outcome_id = o.id) AS parts";

#[async_trait]
impl Transfer for SqliteStore {
    async fn profile_ids_after(
        &self,
        after: Option<ProfileId>,
        limit: u32,
    ) -> StoreResult<Vec<ProfileId>> {
        let rows = sqlx::query("SELECT id FROM profiles WHERE id > ? ORDER BY id LIMIT ?")
            .bind(after.map(|id| id.to_string()).unwrap_or_default())
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        rows.iter()
            .map(|row| {
                Ok(ProfileId(uuid_from_text(
                    &row.try_get::<String, _>(0).map_err(database)?,
                )?))
            })
            .collect()
    }

    async fn export_profile(&self, id: ProfileId) -> StoreResult<Option<ProfileDump>> {
        let Some(profile) = self.profile(id).await? else {
            return Ok(None);
        };
        let key = id.to_string();
        let recovery_hash: String =
            sqlx::query_scalar("SELECT recovery_hash FROM profiles WHERE id = ?")
                .bind(&key)
                .fetch_one(&self.pool)
                .await
                .map_err(database)?;
        let sessions = sqlx::query("SELECT token_hash, created_at FROM device_sessions WHERE profile_id = ? ORDER BY token_hash")
            .bind(&key)
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        let device_sessions = sessions
            .iter()
            .map(|row| {
                Ok((
                    row.try_get::<String, _>(0).map_err(database)?,
                    timestamp_from_millis(row.try_get(1).map_err(database)?)?,
                ))
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let query = sqlx::AssertSqlSafe(format!(
            "SELECT {OUTCOME_COLUMNS} FROM session_outcomes o WHERE o.profile_id = ? ORDER BY o.started_at, o.id"
        ));
        let rows = sqlx::query(query)
            .bind(&key)
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        let outcomes = rows
            .iter()
            .map(|row| {
                Ok((
                    stored_outcome_from_row(row)?,
                    timestamp_from_millis(row.try_get("received_at").map_err(database)?)?,
                ))
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let rows = sqlx::query(
            "SELECT id, at, local_date FROM coordination_taps WHERE profile_id = ? ORDER BY at, id",
        )
        .bind(&key)
        .fetch_all(&self.pool)
        .await
        .map_err(database)?;
        let taps = rows
            .iter()
            .map(|row| {
                Ok((
                    uuid_from_text(&row.try_get::<String, _>(0).map_err(database)?)?,
                    CoordinationTap {
                        at: timestamp_from_millis(row.try_get(1).map_err(database)?)?,
                        local_date: date_from_text(
                            &row.try_get::<String, _>(2).map_err(database)?,
                        )?,
                    },
                ))
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let holds = self.hold_history(id).await?;
        let care = {
            let mut connection = self.pool.acquire().await.map_err(database)?;
            sql::care::export::<Db>(&mut connection, id).await?
        };
        // The connection goes back before the sharing export reads: the in-memory store has only
        // one, and holding it would make that read wait for itself.
        let reminders = {
            let mut connection = self.pool.acquire().await.map_err(database)?;
            sql::reminders::export::<Db>(&mut connection, id).await?
        };
        Ok(Some(ProfileDump {
            reminders,
            care,
            holds,
            profile,
            recovery_hash,
            device_sessions,
            outcomes,
            taps,
            sharing: access::export_sharing(self, id).await?,
        }))
    }

    async fn import_profile(&self, dump: &ProfileDump) -> StoreResult<()> {
        let mut transaction = self.begin().await?;
        let profile = dump.profile.id;
        insert_profile(&mut transaction, &dump.profile, &dump.recovery_hash).await?;
        for (token_hash, created_at) in &dump.device_sessions {
            insert_device_session(&mut transaction, token_hash, profile, *created_at).await?;
        }
        for change in &dump.holds {
            sql::daily_loop::insert_hold::<Db>(&mut transaction, profile, change).await?;
        }
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
        for (id, tap) in &dump.taps {
            insert_tap(&mut transaction, profile, *id, tap).await?;
        }
        sql::reminders::import_in::<Db>(&mut transaction, profile, &dump.reminders).await?;
        sql::care::import_in::<Db>(&mut transaction, profile, &dump.care).await?;
        sql::access::import_sharing_in::<Db>(&mut transaction, profile, &dump.sharing).await?;
        transaction.commit().await.map_err(database)?;
        self.sessions.forget_all();
        self.prescriptions.forget(&profile);
        Ok(())
    }

    async fn row_counts(&self) -> StoreResult<BTreeMap<String, u64>> {
        let mut counts = BTreeMap::new();
        for table in TABLES.into_iter().chain(DEPLOYMENT_TABLES) {
            let query = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"));
            let count: i64 = sqlx::query_scalar(query)
                .fetch_one(&self.pool)
                .await
                .map_err(database)?;
            counts.insert(table.to_owned(), u64::try_from(count).unwrap_or(0));
        }
        Ok(counts)
    }
}

// Inserts shared by the repositories and by `import_profile`, on a connection or in a transaction.

async fn insert_profile(
    connection: &mut SqliteConnection,
    profile: &Profile,
    recovery_hash: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO profiles (id, created_at, language, birth_date, time_zone, recovery_hash)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(profile.id.to_string())
    .bind(millis(profile.created_at))
    .bind(&profile.language)
    .bind(profile.birth_date.to_string())
    .bind(&profile.time_zone)
    .bind(recovery_hash)
    .execute(connection)
    .await
    .map_err(database)?;
    Ok(())
}

async fn insert_device_session(
    connection: &mut SqliteConnection,
    token_hash: &str,
    profile: ProfileId,
    at: Timestamp,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO device_sessions (token_hash, profile_id, created_at) VALUES (?, ?, ?)",
    )
    .bind(token_hash)
    .bind(profile.to_string())
    .bind(millis(at))
    .execute(connection)
    .await
    .map_err(database)?;
    Ok(())
}

async fn insert_tap(
    connection: &mut SqliteConnection,
    profile: ProfileId,
    id: Uuid,
    tap: &CoordinationTap,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO coordination_taps (id, profile_id, at, local_date) VALUES (?, ?, ?, ?)",
    )
    .bind(id.to_string())
    .bind(profile.to_string())
    .bind(millis(tap.at))
    .bind(tap.local_date.to_string())
    .execute(connection)
    .await
    .map_err(database)?;
    Ok(())
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
}
