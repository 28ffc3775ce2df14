//! The mother's daily loop's SQL for both backends: her profile, her signed-in devices, her hold,
//! what she did (outcomes read back, coordination taps, day tallies), and moving a profile whole
//! (`migrate-data`).
//!
//! Writing a session outcome is not here: SQLite groups concurrent outcomes into one transaction
//! (group_commit.rs), PostgreSQL writes each under a row lock and sends her parts as arrays.

use super::{
    Backend, Connection, Row, access, care, ids_json, reminders, small, sql, sql_from_parts,
};
use crate::{
    DEPLOYMENT_TABLES, HoldChange, Profile, ProfileDump, ProfileId, StoreError, StoreResult,
    StoredOutcome, TABLES, Written,
};
use hangmat_core::hold::HoldSetter;
use hangmat_core::outcome::{CoordinationTap, PartDone, Rating, SessionOutcome};
use hangmat_core::programme::ExerciseKind;
use hangmat_core::progress::DayTally;
use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::BTreeMap;
use uuid::Uuid;

// Profiles.

const PROFILE_SELECT: &str = "SELECT id, created_at, language, birth_date, time_zone FROM profiles";

/// A profile from a row whose id and creation time carry other names (a join with a table that
/// has its own `id` and `created_at`).
pub fn profile_from_columns<B: Backend>(
    row: &Row<B>,
    id: &str,
    created_at: &str,
) -> StoreResult<Profile> {
    Ok(Profile {
        id: ProfileId(row.id(id)?),
        created_at: row.at(created_at)?,
        language: row.get("language")?,
        birth_date: row.date("birth_date")?,
        time_zone: row.get("time_zone")?,
    })
}

fn profile_from_row<B: Backend>(row: &Row<B>) -> StoreResult<Profile> {
    profile_from_columns(row, "id", "created_at")
}

pub async fn create_profile<B: Backend>(
    connection: &mut Connection<B>,
    profile: &Profile,
    recovery_hash: &str,
) -> StoreResult<()> {
    sql::<B>(
        "INSERT INTO profiles (id, created_at, language, birth_date, time_zone, recovery_hash)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind_id(profile.id.0)
    .bind_at(profile.created_at)
    .bind(&profile.language)
    .bind_date(profile.birth_date)
    .bind(&profile.time_zone)
    .bind(recovery_hash)
    .execute(connection)
    .await?;
    Ok(())
}

pub async fn profile<B: Backend>(
    connection: &mut Connection<B>,
    id: ProfileId,
) -> StoreResult<Option<Profile>> {
    sql_from_parts::<B>(format!("{PROFILE_SELECT} WHERE id = $1"))
        .bind_id(id.0)
        .fetch_optional(connection)
        .await?
        .as_ref()
        .map(profile_from_row)
        .transpose()
}

pub async fn profile_by_recovery_hash<B: Backend>(
    connection: &mut Connection<B>,
    recovery_hash: &str,
) -> StoreResult<Option<Profile>> {
    sql_from_parts::<B>(format!("{PROFILE_SELECT} WHERE recovery_hash = $1"))
        .bind(recovery_hash)
        .fetch_optional(connection)
        .await?
        .as_ref()
        .map(profile_from_row)
        .transpose()
}

pub async fn replace_recovery_hash<B: Backend>(
    connection: &mut Connection<B>,
    id: ProfileId,
    recovery_hash: &str,
) -> StoreResult<()> {
    sql::<B>("UPDATE profiles SET recovery_hash = $1 WHERE id = $2")
        .bind(recovery_hash)
        .bind_id(id.0)
        .execute(connection)
        .await?;
    Ok(())
}

/// Replaces language, birth date and time zone.
pub async fn update_profile<B: Backend>(
    connection: &mut Connection<B>,
    profile: &Profile,
) -> StoreResult<()> {
    sql::<B>("UPDATE profiles SET language = $1, birth_date = $2, time_zone = $3 WHERE id = $4")
        .bind(&profile.language)
        .bind_date(profile.birth_date)
        .bind(&profile.time_zone)
        .bind_id(profile.id.0)
        .execute(connection)
        .await?;
    Ok(())
}

/// Removes her profile; foreign keys cascade to every table that hangs on it (links included),
/// the audit log keeps its lines without her, and a passkey ceremony she began goes too. Inside
/// the caller's transaction.
pub async fn erase_profile_in<B: Backend>(
    transaction: &mut Connection<B>,
    id: ProfileId,
) -> StoreResult<bool> {
    access::forget_in_audit::<B>(transaction, id).await?;
    // A passkey ceremony she began names her until it expires: it goes with her.
    sql::<B>("DELETE FROM webauthn_ceremonies WHERE state LIKE $1")
        .bind(ceremony_pattern(id))
        .execute(transaction)
        .await?;
    let removed = sql::<B>("DELETE FROM profiles WHERE id = $1")
        .bind_id(id.0)
        .execute(transaction)
        .await?;
    Ok(removed > 0)
}

// Signed-in devices.

pub async fn create_device_session<B: Backend>(
    connection: &mut Connection<B>,
    token_hash: &str,
    profile: ProfileId,
    at: Timestamp,
) -> StoreResult<()> {
    sql::<B>(
        "INSERT INTO device_sessions (token_hash, profile_id, created_at) VALUES ($1, $2, $3)",
    )
    .bind(token_hash)
    .bind_id(profile.0)
    .bind_at(at)
    .execute(connection)
    .await?;
    Ok(())
}

pub async fn device_session_profile<B: Backend>(
    connection: &mut Connection<B>,
    token_hash: &str,
) -> StoreResult<Option<ProfileId>> {
    sql::<B>("SELECT profile_id FROM device_sessions WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(connection)
        .await?
        .map(|row| row.id(0).map(ProfileId))
        .transpose()
}

pub async fn device_session_owner<B: Backend>(
    connection: &mut Connection<B>,
    token_hash: &str,
) -> StoreResult<Option<Profile>> {
    sql::<B>(
        "SELECT p.id, p.created_at, p.language, p.birth_date, p.time_zone
         FROM device_sessions d JOIN profiles p ON p.id = d.profile_id WHERE d.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(connection)
    .await?
    .as_ref()
    .map(profile_from_row)
    .transpose()
}

pub async fn end_device_session<B: Backend>(
    connection: &mut Connection<B>,
    token_hash: &str,
) -> StoreResult<()> {
    sql::<B>("DELETE FROM device_sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(connection)
        .await?;
    Ok(())
}

// Her hold.

fn hold_change_from_row<B: Backend>(row: &Row<B>) -> StoreResult<HoldChange> {
    let set_by: String = row.get("set_by")?;
    Ok(HoldChange {
        hold_counts: row.count("hold_counts")?,
        set_by: HoldSetter::parse(&set_by)
            .ok_or_else(|| StoreError::Corrupt(format!("hold setter {set_by}")))?,
        set_at: row.at("set_at")?,
    })
}

/// Records a change of her hold, on a connection or in a transaction.
pub async fn insert_hold<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    change: &HoldChange,
) -> StoreResult<()> {
    sql::<B>(
        "INSERT INTO hold_changes (profile_id, hold_counts, set_by, set_at) VALUES ($1, $2, $3, $4)",
    )
    .bind_id(profile.0)
    .bind(small(change.hold_counts))
    .bind(change.set_by.as_str())
    .bind_at(change.set_at)
    .execute(connection)
    .await?;
    Ok(())
}

pub async fn hold_history<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<Vec<HoldChange>> {
    sql::<B>(
        "SELECT hold_counts, set_by, set_at FROM hold_changes WHERE profile_id = $1 ORDER BY seq",
    )
    .bind_id(profile.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(hold_change_from_row)
    .collect()
}

pub async fn current_hold<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<Option<HoldChange>> {
    sql::<B>(
        "SELECT hold_counts, set_by, set_at FROM hold_changes WHERE profile_id = $1 ORDER BY seq DESC LIMIT 1",
    )
    .bind_id(profile.0)
    .fetch_optional(connection)
    .await?
    .as_ref()
    .map(hold_change_from_row)
    .transpose()
}

// What she did.

/// An outcome's columns from `session_outcomes o`, her parts packed as `kind:reps,…`.
const OUTCOME_COLUMNS: &str = "o.id, o.started_at, o.ended_at, o.local_date, o.position, o.hold_counts, o.completed,
    o.rating, o.held_every_count, o.received_at,
    (SELECT string_agg(p.exercise || ':' || p.reps_done, ',') FROM outcome_parts p WHERE p.outcome_id = o.id) AS parts";

fn stored_outcome_from_row<B: Backend>(row: &Row<B>) -> StoreResult<StoredOutcome> {
    let corrupt = |what: &str| StoreError::Corrupt(what.to_owned());
    let parts_text: Option<String> = row.get("parts")?;
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
    let rating: Option<String> = row.get("rating")?;
    Ok(StoredOutcome {
        id: row.id("id")?,
        outcome: SessionOutcome {
            started_at: row.at("started_at")?,
            ended_at: row.at("ended_at")?,
            local_date: row.date("local_date")?,
            position: row.get("position")?,
            hold_counts: row.count("hold_counts")?,
            completed: row.get("completed")?,
            parts,
            rating: rating
                .map(|r| Rating::parse(&r).ok_or_else(|| corrupt(&r)))
                .transpose()?,
            held_every_count: row.get("held_every_count")?,
        },
    })
}

pub async fn outcomes_between<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    from: Date,
    to: Date,
) -> StoreResult<Vec<StoredOutcome>> {
    sql_from_parts::<B>(format!(
        "SELECT {OUTCOME_COLUMNS} FROM session_outcomes o
         WHERE o.profile_id = $1 AND o.local_date BETWEEN $2 AND $3 ORDER BY o.started_at, o.id"
    ))
    .bind_id(profile.0)
    .bind_date(from)
    .bind_date(to)
    .fetch_all(connection)
    .await?
    .iter()
    .map(stored_outcome_from_row)
    .collect()
}

/// The position of her latest session.
pub async fn last_position<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<Option<String>> {
    sql::<B>(
        "SELECT position FROM session_outcomes WHERE profile_id = $1 ORDER BY started_at DESC LIMIT 1",
    )
    .bind_id(profile.0)
    .fetch_optional(connection)
    .await?
    .map(|row| row.get(0))
    .transpose()
}

/// Inserts a tap unless its id is already there; answers whether it was inserted.
async fn insert_tap<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    id: Uuid,
    tap: &CoordinationTap,
) -> StoreResult<bool> {
    let inserted = sql::<B>(
        "INSERT INTO coordination_taps (id, profile_id, at, local_date) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind_id(id)
    .bind_id(profile.0)
    .bind_at(tap.at)
    .bind_date(tap.local_date)
    .execute(connection)
    .await?;
    Ok(inserted == 1)
}

/// Whether a browser-made id in `table` is free or already hers.
pub enum Claim {
    Free,
    Hers,
}

/// Who holds a browser-made `id` in `table` (a table of hers keyed by such ids: taps, leaks): free,
/// hers (a retry), or someone else's ([`StoreError::IdTaken`]). Inside the caller's write
/// transaction; the owner it reads stays put until the commit ([`Backend::LOCK_READ_ROWS`]).
pub async fn claim<B: Backend>(
    transaction: &mut Connection<B>,
    table: &'static str,
    profile: ProfileId,
    id: Uuid,
) -> StoreResult<Claim> {
    let owner = sql_from_parts::<B>(format!(
        "SELECT profile_id FROM {table} WHERE id = $1{}",
        B::LOCK_READ_ROWS
    ))
    .bind_id(id)
    .fetch_optional(transaction)
    .await?
    .map(|row| row.id(0))
    .transpose()?;
    match owner {
        None => Ok(Claim::Free),
        Some(owner) if owner == profile.0 => Ok(Claim::Hers),
        Some(_) => Err(StoreError::IdTaken),
    }
}

/// Saves a coordination tap under its browser-made id: a retry is answered `AlreadyThere`,
/// someone else's id is refused. Inside the caller's write transaction.
pub async fn save_tap_in<B: Backend>(
    transaction: &mut Connection<B>,
    profile: ProfileId,
    id: Uuid,
    tap: &CoordinationTap,
) -> StoreResult<Written> {
    if let Claim::Hers = claim::<B>(transaction, "coordination_taps", profile, id).await? {
        return Ok(Written::AlreadyThere);
    }
    // A concurrent first write of the same id loses quietly and counts as a retry.
    Ok(if insert_tap::<B>(transaction, profile, id, tap).await? {
        Written::Created
    } else {
        Written::AlreadyThere
    })
}

/// A day's tally from a row with the columns `local_date`, `sessions` (completed), `begun`
/// (stopped before the end), `contractions`, `taps`.
pub fn day_tally_from_row<B: Backend>(row: &Row<B>) -> StoreResult<DayTally> {
    Ok(DayTally {
        date: row.date("local_date")?,
        sessions: row.count("sessions")?,
        begun: row.count("begun")?,
        session_contractions: row.count("contractions")?,
        coordination: row.count("taps")?,
    })
}

/// Sessions, contractions and taps per mother and day, for the mothers `ids_at_1` picks (`= $1`,
/// or [`Backend::IN_IDS_AT_1`]), from `$2` to `$3`.
fn tallies_statement(ids_at_1: &str) -> String {
    format!(
        "SELECT profile_id, local_date, CAST(SUM(sessions) AS INTEGER) AS sessions,
                CAST(SUM(begun) AS INTEGER) AS begun,
                CAST(SUM(contractions) AS INTEGER) AS contractions, CAST(SUM(taps) AS INTEGER) AS taps
         FROM (
             SELECT profile_id, local_date, CASE WHEN completed THEN 1 ELSE 0 END AS sessions,
                    CASE WHEN completed THEN 0 ELSE 1 END AS begun, contractions, 0 AS taps
              FROM session_outcomes
              WHERE profile_id {ids_at_1} AND local_date BETWEEN $2 AND $3
             UNION ALL
             SELECT profile_id, local_date, 0, 0, 0, 1 FROM coordination_taps
              WHERE profile_id {ids_at_1} AND local_date BETWEEN $2 AND $3
         ) AS activity
         GROUP BY profile_id, local_date ORDER BY profile_id, local_date"
    )
}

/// Her sessions, contractions and taps per day from `from` to `to`, days without any left out.
pub async fn day_tallies<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    from: Date,
    to: Date,
) -> StoreResult<Vec<DayTally>> {
    sql_from_parts::<B>(tallies_statement("= $1"))
        .bind_id(profile.0)
        .bind_date(from)
        .bind_date(to)
        .fetch_all(connection)
        .await?
        .iter()
        .map(day_tally_from_row)
        .collect()
}

/// [`day_tallies`] of many mothers in one statement (the reminder scheduler judges 500 at a time):
/// each mother's days with something, by mother, oldest first.
pub async fn day_tallies_of<B: Backend>(
    connection: &mut Connection<B>,
    profiles: &[ProfileId],
    from: Date,
    to: Date,
) -> StoreResult<Vec<(ProfileId, DayTally)>> {
    sql_from_parts::<B>(tallies_statement(B::IN_IDS_AT_1))
        .bind(ids_json(profiles.iter().map(|profile| profile.0)))
        .bind_date(from)
        .bind_date(to)
        .fetch_all(connection)
        .await?
        .iter()
        .map(|row| Ok((ProfileId(row.id("profile_id")?), day_tally_from_row(row)?)))
        .collect()
}

/// The profiles among `ids` that exist, in no particular order.
pub async fn profiles<B: Backend>(
    connection: &mut Connection<B>,
    ids: &[ProfileId],
) -> StoreResult<Vec<Profile>> {
    let ids_at_1 = B::IN_IDS_AT_1;
    sql_from_parts::<B>(format!("{PROFILE_SELECT} WHERE id {ids_at_1}"))
        .bind(ids_json(ids.iter().map(|id| id.0)))
        .fetch_all(connection)
        .await?
        .iter()
        .map(profile_from_row)
        .collect()
}

// Moving profiles (`migrate-data`).

/// Up to `limit` profile ids after `after`, in order.
pub async fn profile_ids_after<B: Backend>(
    connection: &mut Connection<B>,
    after: Option<ProfileId>,
    limit: u32,
) -> StoreResult<Vec<ProfileId>> {
    sql::<B>("SELECT id FROM profiles WHERE ($1 IS NULL OR id > $1) ORDER BY id LIMIT $2")
        .bind_optional_id(after.map(|id| id.0))
        .bind(i64::from(limit))
        .fetch_all(connection)
        .await?
        .iter()
        .map(|row| row.id(0).map(ProfileId))
        .collect()
}

/// Everything under her profile, or `None` when there is no such profile.
pub async fn export_profile<B: Backend>(
    connection: &mut Connection<B>,
    id: ProfileId,
) -> StoreResult<Option<ProfileDump>> {
    let Some(profile) = profile::<B>(connection, id).await? else {
        return Ok(None);
    };
    let recovery_hash: String = sql::<B>("SELECT recovery_hash FROM profiles WHERE id = $1")
        .bind_id(id.0)
        .fetch_one(connection)
        .await?
        .get(0)?;
    let device_sessions = sql::<B>(
        "SELECT token_hash, created_at FROM device_sessions WHERE profile_id = $1 ORDER BY token_hash",
    )
    .bind_id(id.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| Ok((row.get(0)?, row.at(1)?)))
    .collect::<StoreResult<Vec<_>>>()?;
    let outcomes = sql_from_parts::<B>(format!(
        "SELECT {OUTCOME_COLUMNS} FROM session_outcomes o WHERE o.profile_id = $1 ORDER BY o.started_at, o.id"
    ))
    .bind_id(id.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| Ok((stored_outcome_from_row(row)?, row.at("received_at")?)))
    .collect::<StoreResult<Vec<_>>>()?;
    let taps = sql::<B>(
        "SELECT id, at, local_date FROM coordination_taps WHERE profile_id = $1 ORDER BY at, id",
    )
    .bind_id(id.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| {
        Ok((
            row.id("id")?,
            CoordinationTap {
                at: row.at("at")?,
                local_date: row.date("local_date")?,
            },
        ))
    })
    .collect::<StoreResult<Vec<_>>>()?;
    Ok(Some(ProfileDump {
        holds: hold_history::<B>(connection, id).await?,
        care: care::export::<B>(connection, id).await?,
        reminders: reminders::export::<B>(connection, id).await?,
        sharing: access::export_sharing::<B>(connection, id).await?,
        profile,
        recovery_hash,
        device_sessions,
        leaks: super::leaks::export::<B>(connection, id).await?,
        questionnaires: super::questionnaires::export::<B>(connection, id).await?,
        diary: super::diary::export::<B>(connection, id).await?,
        outcomes,
        taps,
    }))
}

/// Writes what [`export_profile`] read except her outcomes (each backend writes those its own
/// way), inside the caller's transaction.
pub async fn import_profile_in<B: Backend>(
    transaction: &mut Connection<B>,
    dump: &ProfileDump,
) -> StoreResult<()> {
    let profile = dump.profile.id;
    create_profile::<B>(transaction, &dump.profile, &dump.recovery_hash).await?;
    for (token_hash, created_at) in &dump.device_sessions {
        create_device_session::<B>(transaction, token_hash, profile, *created_at).await?;
    }
    for change in &dump.holds {
        insert_hold::<B>(transaction, profile, change).await?;
    }
    for (id, tap) in &dump.taps {
        insert_tap::<B>(transaction, profile, *id, tap).await?;
    }
    super::leaks::import_in::<B>(transaction, profile, &dump.leaks).await?;
    super::questionnaires::import_in::<B>(transaction, profile, &dump.questionnaires).await?;
    super::diary::import_in::<B>(transaction, profile, &dump.diary).await?;
    reminders::import_in::<B>(transaction, profile, &dump.reminders).await?;
    care::import_in::<B>(transaction, profile, &dump.care).await?;
    access::import_sharing_in::<B>(transaction, profile, &dump.sharing).await
}

/// Tables whose rows belong to one mother through a `profile_id` column.
pub const PROFILE_TABLES: [&str; 22] = [
    "device_sessions",
    "hold_changes",
    "session_outcomes",
    "coordination_taps",
    "reminder_settings",
    "reminder_moments",
    "push_subscriptions",
    "reminder_queue",
    "reminder_sends",
    "calendar_feeds",
    "profile_passkeys",
    "link_codes",
    "links",
    "audit_log",
    "prescription_settings",
    "prescription_changes",
    "physio_sessions",
    "leaks",
    "questionnaire_responses",
    "questionnaire_skips",
    "diaries",
    "diary_entries",
];

/// A passkey ceremony names the profile it registers for inside its JSON state.
fn ceremony_pattern(profile: ProfileId) -> String {
    format!("%\"profile\":\"{}\"%", profile.0)
}

/// Rows per table that hold something of hers; see [`crate::Store::rows_of_profile`].
pub async fn rows_of_profile<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<BTreeMap<String, u64>> {
    let mut counts = BTreeMap::new();
    let profiles: i64 = sql::<B>("SELECT COUNT(*) FROM profiles WHERE id = $1")
        .bind_id(profile.0)
        .fetch_one(connection)
        .await?
        .get(0)?;
    counts.insert("profiles".to_owned(), profiles);
    for table in PROFILE_TABLES {
        let count: i64 = sql_from_parts::<B>(format!(
            "SELECT COUNT(*) FROM {table} WHERE profile_id = $1"
        ))
        .bind_id(profile.0)
        .fetch_one(connection)
        .await?
        .get(0)?;
        counts.insert(table.to_owned(), count);
    }
    let parts: i64 = sql::<B>(
        "SELECT COUNT(*) FROM outcome_parts p
         WHERE p.outcome_id IN (SELECT id FROM session_outcomes WHERE profile_id = $1)
            OR NOT EXISTS (SELECT 1 FROM session_outcomes o WHERE o.id = p.outcome_id)",
    )
    .bind_id(profile.0)
    .fetch_one(connection)
    .await?
    .get(0)?;
    counts.insert("outcome_parts".to_owned(), parts);
    let ceremonies: i64 = sql::<B>("SELECT COUNT(*) FROM webauthn_ceremonies WHERE state LIKE $1")
        .bind(ceremony_pattern(profile))
        .fetch_one(connection)
        .await?
        .get(0)?;
    counts.insert("webauthn_ceremonies".to_owned(), ceremonies);
    Ok(counts
        .into_iter()
        .map(|(table, count)| (table, u64::try_from(count).unwrap_or(0)))
        .collect())
}

pub async fn row_counts<B: Backend>(
    connection: &mut Connection<B>,
) -> StoreResult<BTreeMap<String, u64>> {
    let mut counts = BTreeMap::new();
    for table in TABLES.into_iter().chain(DEPLOYMENT_TABLES) {
        let count: i64 = sql_from_parts::<B>(format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(connection)
            .await?
            .get(0)?;
        counts.insert(table.to_owned(), u64::try_from(count).unwrap_or(0));
    }
    Ok(counts)
}
