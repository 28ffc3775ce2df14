//! Hangmat's store on PostgreSQL: for a region or a network of practices that runs several
//! `hangmat` servers behind a load balancer on one database.
//!
//! Everything that must be shared lives here, not in a server's memory: profiles, signed-in devices,
//! what mothers did. The SQL is PostgreSQL's own (its migrations never share a file with SQLite's);
//! the conformance suite in `hangmat-store` holds both backends to the same behaviour. The pool
//! gives up on a connection after a few seconds, so when the database is away the server answers
//! 503 quickly, and it reconnects by itself when the database is back.

mod access;
mod backend;
mod care;
mod mothers_list;

use async_trait::async_trait;
use backend::Db;
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
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow};
use sqlx::{PgConnection, Postgres, Row, Transaction};
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

fn timestamp(value: i64) -> StoreResult<Timestamp> {
    Timestamp::from_millisecond(value).map_err(|_| corrupt(format!("timestamp {value}")))
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

    /// A connection of the pool.
    async fn connection(&self) -> StoreResult<sqlx::pool::PoolConnection<Postgres>> {
        self.pool.acquire().await.map_err(database)
    }

    async fn begin(&self) -> StoreResult<Transaction<'_, Postgres>> {
        self.pool.begin().await.map_err(database)
    }
}

const PROFILE_SELECT: &str =
    "SELECT id, created_at, language, birth_date::text AS birth_date, time_zone FROM profiles";

fn profile_from_row(row: &PgRow) -> StoreResult<Profile> {
    profile_from_columns(row, "id", "created_at")
}

/// A profile from a row whose id and creation time carry other names (a join with a table that
/// has its own `id` and `created_at`); `birth_date` as text.
pub(crate) fn profile_from_columns(
    row: &PgRow,
    id: &str,
    created_at: &str,
) -> StoreResult<Profile> {
    Ok(Profile {
        id: ProfileId(row.try_get(id).map_err(database)?),
        created_at: timestamp(row.try_get(created_at).map_err(database)?)?,
        language: row.try_get("language").map_err(database)?,
        birth_date: date(&row.try_get::<String, _>("birth_date").map_err(database)?)?,
        time_zone: row.try_get("time_zone").map_err(database)?,
    })
}

#[async_trait]
impl ProfileRepo for PgStore {
    async fn create_profile(&self, profile: &Profile, recovery_hash: &str) -> StoreResult<()> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        insert_profile(&mut connection, profile, recovery_hash).await
    }

    async fn profile(&self, id: ProfileId) -> StoreResult<Option<Profile>> {
        let query = sqlx::AssertSqlSafe(format!("{PROFILE_SELECT} WHERE id = $1"));
        let row = sqlx::query(query)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(database)?;
        row.as_ref().map(profile_from_row).transpose()
    }

    async fn profile_by_recovery_hash(&self, recovery_hash: &str) -> StoreResult<Option<Profile>> {
        let query = sqlx::AssertSqlSafe(format!("{PROFILE_SELECT} WHERE recovery_hash = $1"));
        let row = sqlx::query(query)
            .bind(recovery_hash)
            .fetch_optional(&self.pool)
            .await
            .map_err(database)?;
        row.as_ref().map(profile_from_row).transpose()
    }

    async fn replace_recovery_hash(&self, id: ProfileId, recovery_hash: &str) -> StoreResult<()> {
        sqlx::query("UPDATE profiles SET recovery_hash = $1 WHERE id = $2")
            .bind(recovery_hash)
            .bind(id.0)
            .execute(&self.pool)
            .await
            .map_err(database)?;
        Ok(())
    }

    async fn update_profile(&self, profile: &Profile) -> StoreResult<()> {
        sqlx::query("UPDATE profiles SET language = $1, birth_date = $2::date, time_zone = $3 WHERE id = $4")
            .bind(&profile.language)
            .bind(profile.birth_date.to_string())
            .bind(&profile.time_zone)
            .bind(profile.id.0)
            .execute(&self.pool)
            .await
            .map_err(database)?;
        Ok(())
    }

    async fn erase_profile(&self, id: ProfileId) -> StoreResult<bool> {
        // Foreign keys cascade to every table that hangs on the profile (links included); the
        // audit log keeps its lines without her.
        let mut transaction = self.begin().await?;
        sql::access::forget_in_audit::<Db>(&mut transaction, id).await?;
        let result = sqlx::query("DELETE FROM profiles WHERE id = $1")
            .bind(id.0)
            .execute(&mut *transaction)
            .await
            .map_err(database)?;
        transaction.commit().await.map_err(database)?;
        Ok(result.rows_affected() > 0)
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
        let mut connection = self.pool.acquire().await.map_err(database)?;
        insert_device_session(&mut connection, token_hash, profile, at).await
    }

    async fn device_session_profile(&self, token_hash: &str) -> StoreResult<Option<ProfileId>> {
        let id: Option<Uuid> =
            sqlx::query_scalar("SELECT profile_id FROM device_sessions WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await
                .map_err(database)?;
        Ok(id.map(ProfileId))
    }

    async fn device_session_owner(&self, token_hash: &str) -> StoreResult<Option<Profile>> {
        let row = sqlx::query(
            "SELECT p.id, p.created_at, p.language, p.birth_date::text AS birth_date, p.time_zone
             FROM device_sessions d JOIN profiles p ON p.id = d.profile_id WHERE d.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(database)?;
        row.as_ref().map(profile_from_row).transpose()
    }

    async fn end_device_session(&self, token_hash: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM device_sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await
            .map_err(database)?;
        Ok(())
    }
}

fn hold_change_from_row(row: &PgRow) -> StoreResult<HoldChange> {
    let set_by: String = row.try_get("set_by").map_err(database)?;
    Ok(HoldChange {
        hold_counts: count(row.try_get("hold_counts").map_err(database)?)?,
        set_by: HoldSetter::parse(&set_by)
            .ok_or_else(|| corrupt(format!("hold setter {set_by}")))?,
        set_at: timestamp(row.try_get("set_at").map_err(database)?)?,
    })
}

#[async_trait]
impl HoldRepo for PgStore {
    async fn record_hold(&self, profile: ProfileId, change: &HoldChange) -> StoreResult<()> {
        let mut connection = self.pool.acquire().await.map_err(database)?;
        sql::daily_loop::insert_hold::<Db>(&mut connection, profile, change).await
    }

    async fn hold_history(&self, profile: ProfileId) -> StoreResult<Vec<HoldChange>> {
        let rows = sqlx::query("SELECT hold_counts, set_by, set_at FROM hold_changes WHERE profile_id = $1 ORDER BY seq")
            .bind(profile.0)
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        rows.iter().map(hold_change_from_row).collect()
    }

    async fn current_hold(&self, profile: ProfileId) -> StoreResult<Option<HoldChange>> {
        let row = sqlx::query(
            "SELECT hold_counts, set_by, set_at FROM hold_changes WHERE profile_id = $1 ORDER BY seq DESC LIMIT 1",
        )
        .bind(profile.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(database)?;
        row.as_ref().map(hold_change_from_row).transpose()
    }
}

const OUTCOME_SELECT: &str = "SELECT o.id, o.started_at, o.ended_at, o.local_date::text AS local_date, o.position,
    o.hold_counts, o.completed, o.rating, o.held_every_count, o.received_at,
    ARRAY(SELECT p.exercise FROM outcome_parts p WHERE p.outcome_id = o.id ORDER BY p.exercise) AS part_kinds,
    ARRAY(SELECT p.reps_done FROM outcome_parts p WHERE p.outcome_id = o.id ORDER BY p.exercise) AS part_reps
    FROM session_outcomes o";

fn stored_outcome_from_row(row: &PgRow) -> StoreResult<StoredOutcome> {
    let kinds: Vec<String> = row.try_get("part_kinds").map_err(database)?;
    let reps: Vec<i32> = row.try_get("part_reps").map_err(database)?;
    let mut parts = kinds
        .iter()
        .zip(reps)
        .map(|(kind, reps)| {
            Ok(PartDone {
                exercise: ExerciseKind::parse(kind).ok_or_else(|| corrupt(kind.clone()))?,
                reps_done: count(reps)?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    parts.sort_by_key(|part| part.exercise);
    let rating: Option<String> = row.try_get("rating").map_err(database)?;
    Ok(StoredOutcome {
        id: row.try_get("id").map_err(database)?,
        outcome: SessionOutcome {
            started_at: timestamp(row.try_get("started_at").map_err(database)?)?,
            ended_at: timestamp(row.try_get("ended_at").map_err(database)?)?,
            local_date: date(&row.try_get::<String, _>("local_date").map_err(database)?)?,
            position: row.try_get("position").map_err(database)?,
            hold_counts: count(row.try_get("hold_counts").map_err(database)?)?,
            completed: row.try_get("completed").map_err(database)?,
            parts,
            rating: rating
                .map(|r| Rating::parse(&r).ok_or_else(|| corrupt(r.clone())))
                .transpose()?,
            held_every_count: row.try_get("held_every_count").map_err(database)?,
        },
    })
}

// Inserts shared by the repositories and by `import_profile`, on a connection or in a transaction.

async fn insert_profile(
    connection: &mut PgConnection,
    profile: &Profile,
    recovery_hash: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO profiles (id, created_at, language, birth_date, time_zone, recovery_hash)
         VALUES ($1, $2, $3, $4::date, $5, $6)",
    )
    .bind(profile.id.0)
    .bind(profile.created_at.as_millisecond())
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
    connection: &mut PgConnection,
    token_hash: &str,
    profile: ProfileId,
    at: Timestamp,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO device_sessions (token_hash, profile_id, created_at) VALUES ($1, $2, $3)",
    )
    .bind(token_hash)
    .bind(profile.0)
    .bind(at.as_millisecond())
    .execute(connection)
    .await
    .map_err(database)?;
    Ok(())
}

/// Inserts a tap unless its id is already there; returns whether it was inserted.
async fn insert_tap(
    connection: &mut PgConnection,
    profile: ProfileId,
    id: Uuid,
    tap: &CoordinationTap,
) -> StoreResult<bool> {
    let result = sqlx::query(
        "INSERT INTO coordination_taps (id, profile_id, at, local_date) VALUES ($1, $2, $3, $4::date)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(id)
    .bind(profile.0)
    .bind(tap.at.as_millisecond())
    .bind(tap.local_date.to_string())
    .execute(connection)
    .await
    .map_err(database)?;
    Ok(result.rows_affected() == 1)
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

/// The profile that owns an id in one of the tables of browser-made ids.
async fn owner(
    transaction: &mut Transaction<'_, Postgres>,
    taps: bool,
    id: Uuid,
) -> StoreResult<Option<Uuid>> {
    let query = if taps {
        "SELECT profile_id FROM coordination_taps WHERE id = $1 FOR UPDATE"
    } else {
        "SELECT profile_id FROM session_outcomes WHERE id = $1 FOR UPDATE"
    };
    sqlx::query_scalar(query)
        .bind(id)
        .fetch_optional(&mut **transaction)
        .await
        .map_err(database)
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
        let written = match owner(&mut transaction, false, id).await? {
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
        let query = sqlx::AssertSqlSafe(format!(
            "{OUTCOME_SELECT} WHERE o.profile_id = $1 AND o.local_date BETWEEN $2::date AND $3::date
             ORDER BY o.started_at, o.id"
        ));
        let rows = sqlx::query(query)
            .bind(profile.0)
            .bind(from.to_string())
            .bind(to.to_string())
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        rows.iter().map(stored_outcome_from_row).collect()
    }

    async fn last_position(&self, profile: ProfileId) -> StoreResult<Option<String>> {
        sqlx::query_scalar("SELECT position FROM session_outcomes WHERE profile_id = $1 ORDER BY started_at DESC LIMIT 1")
            .bind(profile.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(database)
    }

    async fn save_tap(
        &self,
        profile: ProfileId,
        id: Uuid,
        tap: &CoordinationTap,
    ) -> StoreResult<Written> {
        let mut transaction = self.begin().await?;
        match owner(&mut transaction, true, id).await? {
            Some(owner) if owner != profile.0 => return Err(StoreError::IdTaken),
            Some(_) => return Ok(Written::AlreadyThere),
            None => {}
        }
        // A concurrent first write of the same id loses quietly and counts as a retry.
        let inserted = insert_tap(&mut transaction, profile, id, tap).await?;
        transaction.commit().await.map_err(database)?;
        Ok(if inserted {
            Written::Created
        } else {
            Written::AlreadyThere
        })
    }

    async fn day_tallies(
        &self,
        profile: ProfileId,
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<DayTally>> {
        let rows = sqlx::query(
            "SELECT local_date::text AS local_date, SUM(sessions)::int AS sessions,
                    SUM(contractions)::int AS contractions, SUM(taps)::int AS taps
             FROM (
                 SELECT local_date, 1 AS sessions, contractions, 0 AS taps FROM session_outcomes
                  WHERE profile_id = $1 AND local_date BETWEEN $2::date AND $3::date
                 UNION ALL
                 SELECT local_date, 0, 0, 1 FROM coordination_taps
                  WHERE profile_id = $1 AND local_date BETWEEN $2::date AND $3::date
             ) AS activity
             GROUP BY local_date ORDER BY local_date",
        )
        .bind(profile.0)
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(database)?;
        rows.iter()
            .map(|row| {
                Ok(DayTally {
                    date: date(&row.try_get::<String, _>("local_date").map_err(database)?)?,
                    sessions: count(row.try_get("sessions").map_err(database)?)?,
                    session_contractions: count(row.try_get("contractions").map_err(database)?)?,
                    coordination: count(row.try_get("taps").map_err(database)?)?,
                })
            })
            .collect()
    }
}

#[async_trait]
impl Transfer for PgStore {
    async fn profile_ids_after(
        &self,
        after: Option<ProfileId>,
        limit: u32,
    ) -> StoreResult<Vec<ProfileId>> {
        let ids: Vec<Uuid> =
            sqlx::query_scalar("SELECT id FROM profiles WHERE id > $1 ORDER BY id LIMIT $2")
                .bind(after.map_or(Uuid::nil(), |id| id.0))
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(database)?;
        Ok(ids.into_iter().map(ProfileId).collect())
    }

    async fn export_profile(&self, id: ProfileId) -> StoreResult<Option<ProfileDump>> {
        let Some(profile) = self.profile(id).await? else {
            return Ok(None);
        };
        let recovery_hash: String =
            sqlx::query_scalar("SELECT recovery_hash FROM profiles WHERE id = $1")
                .bind(id.0)
                .fetch_one(&self.pool)
                .await
                .map_err(database)?;
        let rows = sqlx::query("SELECT token_hash, created_at FROM device_sessions WHERE profile_id = $1 ORDER BY token_hash")
            .bind(id.0)
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        let device_sessions = rows
            .iter()
            .map(|row| {
                Ok((
                    row.try_get(0).map_err(database)?,
                    timestamp(row.try_get(1).map_err(database)?)?,
                ))
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let query = sqlx::AssertSqlSafe(format!(
            "{OUTCOME_SELECT} WHERE o.profile_id = $1 ORDER BY o.started_at, o.id"
        ));
        let rows = sqlx::query(query)
            .bind(id.0)
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        let outcomes = rows
            .iter()
            .map(|row| {
                Ok((
                    stored_outcome_from_row(row)?,
                    timestamp(row.try_get("received_at").map_err(database)?)?,
                ))
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let rows = sqlx::query(
            "SELECT id, at, local_date::text AS local_date FROM coordination_taps WHERE profile_id = $1 ORDER BY at, id",
        )
        .bind(id.0)
        .fetch_all(&self.pool)
        .await
        .map_err(database)?;
        let taps = rows
            .iter()
            .map(|row| {
                Ok((
                    row.try_get("id").map_err(database)?,
                    CoordinationTap {
                        at: timestamp(row.try_get("at").map_err(database)?)?,
                        local_date: date(
                            &row.try_get::<String, _>("local_date").map_err(database)?,
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
        let mut connection = self.pool.acquire().await.map_err(database)?;
        let reminders = sql::reminders::export::<Db>(&mut connection, id).await?;
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
        for (id, tap) in &dump.taps {
            insert_tap(&mut transaction, profile, *id, tap).await?;
        }
        sql::reminders::import_in::<Db>(&mut transaction, profile, &dump.reminders).await?;
        sql::care::import_in::<Db>(&mut transaction, profile, &dump.care).await?;
        sql::access::import_sharing_in::<Db>(&mut transaction, profile, &dump.sharing).await?;
        transaction.commit().await.map_err(database)
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

#[async_trait]
impl Store for PgStore {
    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map_err(database)?;
        Ok(())
    }
}
