//! Her care's SQL for both backends: the prescription a physiotherapist sets, every change to it,
//! and her physiotherapy session records.
//!
//! Counting sessions for many mothers at once is not here: PostgreSQL takes the ids as one array,
//! SQLite (no arrays) in chunks of bound parameters.

use super::{Backend, Connection, Row, daily_loop, small, sql, sql_from_parts};
use crate::{
    CareDump, HoldChange, PhysioSessionRecord, PrescriptionChange, PrescriptionUpdate,
    PrescriptionWrite, ProfileId, StaffRef, StoreError, StoreResult,
};
use hangmat_core::hold::HoldSetter;
use hangmat_core::physio_session::{Contraction, OxfordGrade, Perfect, PhysioSession};
use hangmat_core::prescription::{Basis, Change, Field, Prescription, Value};

fn corrupt(what: impl Into<String>) -> StoreError {
    StoreError::Corrupt(what.into())
}

pub async fn prescription<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<Prescription> {
    let pairs = sql::<B>("SELECT field, value FROM prescription_settings WHERE profile_id = $1")
        .bind_id(profile.0)
        .fetch_all(connection)
        .await?
        .iter()
        .map(|row| Ok((row.get::<String>(0)?, row.get::<String>(1)?)))
        .collect::<StoreResult<Vec<_>>>()?;
    Prescription::from_entries(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(corrupt)
}

const CHANGE_COLUMNS: &str = "staff_id, staff_name, changed_at, field, old_value, new_value";

fn change_from_row<B: Backend>(row: &Row<B>) -> StoreResult<PrescriptionChange> {
    let key: String = row.get("field")?;
    let field = Field::parse(&key).ok_or_else(|| corrupt(format!("field {key}")))?;
    let value = |column: &str| -> StoreResult<Value> {
        let text: String = row.get(column)?;
        Value::parse(field, &text).ok_or_else(|| corrupt(format!("{key}={text}")))
    };
    Ok(PrescriptionChange {
        by: StaffRef {
            id: row.id("staff_id")?,
            display_name: row.get("staff_name")?,
        },
        at: row.at("changed_at")?,
        change: Change {
            field,
            old: value("old_value")?,
            new: value("new_value")?,
        },
    })
}

async fn write_prescription_in<B: Backend>(
    transaction: &mut Connection<B>,
    profile: ProfileId,
    prescription: &Prescription,
) -> StoreResult<()> {
    sql::<B>("DELETE FROM prescription_settings WHERE profile_id = $1")
        .bind_id(profile.0)
        .execute(transaction)
        .await?;
    for (field, value) in prescription.entries() {
        sql::<B>(
            "INSERT INTO prescription_settings (profile_id, field, value) VALUES ($1, $2, $3)",
        )
        .bind_id(profile.0)
        .bind(field.key())
        .bind(value.to_text())
        .execute(transaction)
        .await?;
    }
    Ok(())
}

async fn insert_change<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    change: &PrescriptionChange,
) -> StoreResult<()> {
    sql_from_parts::<B>(format!(
        "INSERT INTO prescription_changes (profile_id, {CHANGE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)"
    ))
    .bind_id(profile.0)
    .bind_id(change.by.id)
    .bind(change.by.display_name.as_str())
    .bind_at(change.at)
    .bind(change.change.field.key())
    .bind(change.change.old.to_text())
    .bind(change.change.new.to_text())
    .execute(connection)
    .await?;
    Ok(())
}

/// Saves her prescription, its history and her new hold (if the physiotherapist set one), when
/// her prescription and hold are still the update's basis; inside the caller's write transaction.
/// Her profile row is read first with [`Backend::LOCK_READ_ROWS`], so two saves of her programme
/// follow each other (SQLite's `BEGIN IMMEDIATE` already does) and the second sees the first.
pub async fn save_prescription_in<B: Backend>(
    transaction: &mut Connection<B>,
    profile: ProfileId,
    update: &PrescriptionUpdate,
) -> StoreResult<PrescriptionWrite> {
    sql_from_parts::<B>(format!(
        "SELECT id FROM profiles WHERE id = $1{}",
        B::LOCK_READ_ROWS
    ))
    .bind_id(profile.0)
    .fetch_optional(&mut *transaction)
    .await?;
    let now = Basis {
        prescription: prescription::<B>(transaction, profile).await?,
        hold: daily_loop::current_hold::<B>(transaction, profile)
            .await?
            .map(|change| change.hold_counts),
    };
    if now != update.basis {
        return Ok(PrescriptionWrite::ChangedMeanwhile);
    }
    write_prescription_in::<B>(transaction, profile, &update.prescription).await?;
    for change in &update.changes {
        let recorded = PrescriptionChange {
            by: update.by.clone(),
            at: update.at,
            change: change.clone(),
        };
        insert_change::<B>(transaction, profile, &recorded).await?;
    }
    if let Some(hold_counts) = update.hold {
        let change = HoldChange {
            hold_counts,
            set_by: HoldSetter::Physiotherapist,
            set_at: update.at,
        };
        daily_loop::insert_hold::<B>(transaction, profile, &change).await?;
    }
    Ok(PrescriptionWrite::Saved)
}

/// Her prescription's changes, newest first.
pub async fn history<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    limit: u32,
) -> StoreResult<Vec<PrescriptionChange>> {
    sql_from_parts::<B>(format!(
        "SELECT {CHANGE_COLUMNS} FROM prescription_changes WHERE profile_id = $1 ORDER BY seq DESC LIMIT $2"
    ))
    .bind_id(profile.0)
    .bind(i64::from(limit))
    .fetch_all(connection)
    .await?
    .iter()
    .map(change_from_row)
    .collect()
}

/// Saves a physiotherapy session, replacing one under the same number.
pub async fn save_session<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    record: &PhysioSessionRecord,
) -> StoreResult<()> {
    let session = &record.session;
    let (contraction, faults) = session.contraction.to_stored();
    sql::<B>(
        "INSERT INTO physio_sessions (profile_id, number, session_date, contraction, faults, can_relax,
             knack_on_cough, oxford, endurance_seconds, repetitions, fast, pain, notes, home_programme,
             recorded_by_id, recorded_by_name, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
         ON CONFLICT (profile_id, number) DO UPDATE SET session_date = excluded.session_date,
             contraction = excluded.contraction, faults = excluded.faults, can_relax = excluded.can_relax,
             knack_on_cough = excluded.knack_on_cough, oxford = excluded.oxford,
             endurance_seconds = excluded.endurance_seconds, repetitions = excluded.repetitions,
             fast = excluded.fast, pain = excluded.pain, notes = excluded.notes,
             home_programme = excluded.home_programme, recorded_by_id = excluded.recorded_by_id,
             recorded_by_name = excluded.recorded_by_name, recorded_at = excluded.recorded_at",
    )
    .bind_id(profile.0)
    .bind(small(session.number))
    .bind_date(session.date)
    .bind(contraction)
    .bind(faults)
    .bind(session.can_relax)
    .bind(session.knack_on_cough)
    .bind(session.oxford.map(|grade| i16::from(grade.value())))
    .bind(session.perfect.endurance_seconds.map(i16::from))
    .bind(session.perfect.repetitions.map(i16::from))
    .bind(session.perfect.fast.map(i16::from))
    .bind(session.pain.map(i16::from))
    .bind(session.notes.as_str())
    .bind(session.home_programme.as_str())
    .bind_id(record.recorded_by.id)
    .bind(record.recorded_by.display_name.as_str())
    .bind_at(record.recorded_at)
    .execute(connection)
    .await?;
    Ok(())
}

fn session_from_row<B: Backend>(row: &Row<B>) -> StoreResult<PhysioSessionRecord> {
    let small = |column: &str| -> StoreResult<Option<u8>> {
        let value: Option<i16> = row.get(column)?;
        value
            .map(|v| u8::try_from(v).map_err(|_| corrupt(format!("{column} {v}"))))
            .transpose()
    };
    let kind: String = row.get("contraction")?;
    let faults: String = row.get("faults")?;
    Ok(PhysioSessionRecord {
        session: PhysioSession {
            number: row.count("number")?,
            date: row.date("session_date")?,
            contraction: Contraction::from_stored(&kind, &faults)
                .ok_or_else(|| corrupt(format!("contraction {kind} {faults}")))?,
            can_relax: row.get("can_relax")?,
            knack_on_cough: row.get("knack_on_cough")?,
            oxford: small("oxford")?
                .map(|g| OxfordGrade::new(g).ok_or_else(|| corrupt(format!("oxford {g}"))))
                .transpose()?,
            perfect: Perfect {
                endurance_seconds: small("endurance_seconds")?,
                repetitions: small("repetitions")?,
                fast: small("fast")?,
            },
            pain: small("pain")?,
            notes: row.get("notes")?,
            home_programme: row.get("home_programme")?,
        },
        recorded_by: StaffRef {
            id: row.id("recorded_by_id")?,
            display_name: row.get("recorded_by_name")?,
        },
        recorded_at: row.at("recorded_at")?,
    })
}

const SESSION_SELECT: &str = "SELECT number, session_date, contraction, faults, can_relax, knack_on_cough, oxford,
    endurance_seconds, repetitions, fast, pain, notes, home_programme, recorded_by_id, recorded_by_name,
    recorded_at FROM physio_sessions";

/// Her physiotherapy sessions, by number.
pub async fn sessions<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<Vec<PhysioSessionRecord>> {
    sql_from_parts::<B>(format!(
        "{SESSION_SELECT} WHERE profile_id = $1 ORDER BY number"
    ))
    .bind_id(profile.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(session_from_row)
    .collect()
}

/// Everything of her care, for `export_profile`; the history oldest first.
pub async fn export<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<CareDump> {
    let history = sql_from_parts::<B>(format!(
        "SELECT {CHANGE_COLUMNS} FROM prescription_changes WHERE profile_id = $1 ORDER BY seq"
    ))
    .bind_id(profile.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(change_from_row)
    .collect::<StoreResult<_>>()?;
    Ok(CareDump {
        sessions: sessions::<B>(connection, profile).await?,
        prescription: prescription::<B>(connection, profile).await?,
        history,
    })
}

/// Writes what [`export`] read, inside `import_profile`'s transaction.
pub async fn import_in<B: Backend>(
    transaction: &mut Connection<B>,
    profile: ProfileId,
    care: &CareDump,
) -> StoreResult<()> {
    write_prescription_in::<B>(transaction, profile, &care.prescription).await?;
    for change in &care.history {
        insert_change::<B>(transaction, profile, change).await?;
    }
    for record in &care.sessions {
        save_session::<B>(transaction, profile, record).await?;
    }
    Ok(())
}
