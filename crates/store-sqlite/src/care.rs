//! Her care in SQLite: prescription settings, their change history, physiotherapy sessions.

use crate::rows::{database, date_from_text, millis, timestamp_from_millis, uuid_from_text};
use crate::{SqliteStore, insert_hold};
use async_trait::async_trait;
use hangmat_core::hold::HoldSetter;
use hangmat_core::physio_session::{Contraction, OxfordGrade, Perfect, PhysioSession};
use hangmat_core::prescription::{Change, Field, Prescription, Value};
use hangmat_store::{
    CareDump, HoldChange, PhysioSessionRecord, PhysioSessionRepo, PrescriptionChange,
    PrescriptionRepo, PrescriptionUpdate, ProfileId, StaffRef, StoreError, StoreResult,
};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection, SqlitePool};
use std::collections::BTreeMap;

fn corrupt(what: impl Into<String>) -> StoreError {
    StoreError::Corrupt(what.into())
}

async fn read_prescription(pool: &SqlitePool, profile: ProfileId) -> StoreResult<Prescription> {
    let rows = sqlx::query("SELECT field, value FROM prescription_settings WHERE profile_id = ?")
        .bind(profile.to_string())
        .fetch_all(pool)
        .await
        .map_err(database)?;
    let pairs = rows
        .iter()
        .map(|row| {
            Ok((
                row.try_get::<String, _>(0).map_err(database)?,
                row.try_get::<String, _>(1).map_err(database)?,
            ))
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Prescription::from_entries(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(corrupt)
}

fn change_from_row(row: &SqliteRow) -> StoreResult<PrescriptionChange> {
    let key: String = row.try_get("field").map_err(database)?;
    let field = Field::parse(&key).ok_or_else(|| corrupt(format!("field {key}")))?;
    let value = |column: &str| -> StoreResult<Value> {
        let text: String = row.try_get(column).map_err(database)?;
        Value::parse(field, &text).ok_or_else(|| corrupt(format!("{key}={text}")))
    };
    Ok(PrescriptionChange {
        by: StaffRef {
            id: uuid_from_text(&row.try_get::<String, _>("staff_id").map_err(database)?)?,
            display_name: row.try_get("staff_name").map_err(database)?,
        },
        at: timestamp_from_millis(row.try_get("changed_at").map_err(database)?)?,
        change: Change {
            field,
            old: value("old_value")?,
            new: value("new_value")?,
        },
    })
}

const CHANGE_COLUMNS: &str = "staff_id, staff_name, changed_at, field, old_value, new_value";

async fn write_prescription(
    connection: &mut SqliteConnection,
    profile: ProfileId,
    prescription: &Prescription,
) -> StoreResult<()> {
    let key = profile.to_string();
    sqlx::query("DELETE FROM prescription_settings WHERE profile_id = ?")
        .bind(&key)
        .execute(&mut *connection)
        .await
        .map_err(database)?;
    for (field, value) in prescription.entries() {
        sqlx::query(
            "INSERT INTO prescription_settings (profile_id, field, value) VALUES (?, ?, ?)",
        )
        .bind(&key)
        .bind(field.key())
        .bind(value.to_text())
        .execute(&mut *connection)
        .await
        .map_err(database)?;
    }
    Ok(())
}

async fn insert_change(
    connection: &mut SqliteConnection,
    profile: ProfileId,
    change: &PrescriptionChange,
) -> StoreResult<()> {
    let query = sqlx::AssertSqlSafe(format!(
        "INSERT INTO prescription_changes (profile_id, {CHANGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"
    ));
    sqlx::query(query)
        .bind(profile.to_string())
        .bind(change.by.id.to_string())
        .bind(&change.by.display_name)
        .bind(millis(change.at))
        .bind(change.change.field.key())
        .bind(change.change.old.to_text())
        .bind(change.change.new.to_text())
        .execute(connection)
        .await
        .map_err(database)?;
    Ok(())
}

async fn insert_session(
    connection: &mut SqliteConnection,
    profile: ProfileId,
    record: &PhysioSessionRecord,
) -> StoreResult<()> {
    let session = &record.session;
    let (contraction, faults) = session.contraction.to_stored();
    sqlx::query(
        "INSERT INTO physio_sessions (profile_id, number, session_date, contraction, faults, can_relax,
             knack_on_cough, oxford, endurance_seconds, repetitions, fast, pain, notes, home_programme,
             recorded_by_id, recorded_by_name, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (profile_id, number) DO UPDATE SET session_date = excluded.session_date,
             contraction = excluded.contraction, faults = excluded.faults, can_relax = excluded.can_relax,
             knack_on_cough = excluded.knack_on_cough, oxford = excluded.oxford,
             endurance_seconds = excluded.endurance_seconds, repetitions = excluded.repetitions,
             fast = excluded.fast, pain = excluded.pain, notes = excluded.notes,
             home_programme = excluded.home_programme, recorded_by_id = excluded.recorded_by_id,
             recorded_by_name = excluded.recorded_by_name, recorded_at = excluded.recorded_at",
    )
    .bind(profile.to_string())
    .bind(i64::from(session.number))
    .bind(session.date.to_string())
    .bind(contraction)
    .bind(faults)
    .bind(session.can_relax)
    .bind(session.knack_on_cough)
    .bind(session.oxford.map(|grade| i64::from(grade.value())))
    .bind(session.perfect.endurance_seconds.map(i64::from))
    .bind(session.perfect.repetitions.map(i64::from))
    .bind(session.perfect.fast.map(i64::from))
    .bind(session.pain.map(i64::from))
    .bind(&session.notes)
    .bind(&session.home_programme)
    .bind(record.recorded_by.id.to_string())
    .bind(&record.recorded_by.display_name)
    .bind(millis(record.recorded_at))
    .execute(connection)
    .await
    .map_err(database)?;
    Ok(())
}

fn session_from_row(row: &SqliteRow) -> StoreResult<PhysioSessionRecord> {
    let small = |column: &str| -> StoreResult<Option<u8>> {
        let value: Option<i64> = row.try_get(column).map_err(database)?;
        value
            .map(|v| u8::try_from(v).map_err(|_| corrupt(format!("{column} {v}"))))
            .transpose()
    };
    let kind: String = row.try_get("contraction").map_err(database)?;
    let faults: String = row.try_get("faults").map_err(database)?;
    let number: i64 = row.try_get("number").map_err(database)?;
    Ok(PhysioSessionRecord {
        session: PhysioSession {
            number: u32::try_from(number).map_err(|_| corrupt(format!("number {number}")))?,
            date: date_from_text(&row.try_get::<String, _>("session_date").map_err(database)?)?,
            contraction: Contraction::from_stored(&kind, &faults)
                .ok_or_else(|| corrupt(format!("contraction {kind} {faults}")))?,
            can_relax: row.try_get("can_relax").map_err(database)?,
            knack_on_cough: row.try_get("knack_on_cough").map_err(database)?,
            oxford: small("oxford")?
                .map(|g| OxfordGrade::new(g).ok_or_else(|| corrupt(format!("oxford {g}"))))
                .transpose()?,
            perfect: Perfect {
                endurance_seconds: small("endurance_seconds")?,
                repetitions: small("repetitions")?,
                fast: small("fast")?,
            },
            pain: small("pain")?,
            notes: row.try_get("notes").map_err(database)?,
            home_programme: row.try_get("home_programme").map_err(database)?,
        },
        recorded_by: StaffRef {
            id: uuid_from_text(
                &row.try_get::<String, _>("recorded_by_id")
                    .map_err(database)?,
            )?,
            display_name: row.try_get("recorded_by_name").map_err(database)?,
        },
        recorded_at: timestamp_from_millis(row.try_get("recorded_at").map_err(database)?)?,
    })
}

#[async_trait]
impl PrescriptionRepo for SqliteStore {
    async fn prescription(&self, profile: ProfileId) -> StoreResult<Prescription> {
        let since = match self.prescriptions.get(&profile) {
            Ok(prescription) => return Ok(prescription),
            Err(since) => since,
        };
        let prescription = read_prescription(&self.pool, profile).await?;
        self.prescriptions
            .offer(since, profile, prescription.clone());
        Ok(prescription)
    }

    async fn save_prescription(
        &self,
        profile: ProfileId,
        update: &PrescriptionUpdate,
    ) -> StoreResult<()> {
        let mut transaction = self.begin().await?;
        write_prescription(&mut transaction, profile, &update.prescription).await?;
        for change in &update.changes {
            let recorded = PrescriptionChange {
                by: update.by.clone(),
                at: update.at,
                change: change.clone(),
            };
            insert_change(&mut transaction, profile, &recorded).await?;
        }
        if let Some(hold_counts) = update.hold {
            let change = HoldChange {
                hold_counts,
                set_by: HoldSetter::Physiotherapist,
                set_at: update.at,
            };
            insert_hold(&mut transaction, profile, &change).await?;
        }
        transaction.commit().await.map_err(database)?;
        self.prescriptions.forget(&profile);
        Ok(())
    }

    async fn prescription_history(
        &self,
        profile: ProfileId,
        limit: u32,
    ) -> StoreResult<Vec<PrescriptionChange>> {
        let query = sqlx::AssertSqlSafe(format!(
            "SELECT {CHANGE_COLUMNS} FROM prescription_changes WHERE profile_id = ? ORDER BY seq DESC LIMIT ?"
        ));
        let rows = sqlx::query(query)
            .bind(profile.to_string())
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        rows.iter().map(change_from_row).collect()
    }
}

const SESSION_SELECT: &str = "SELECT number, session_date, contraction, faults, can_relax, knack_on_cough, oxford,
    endurance_seconds, repetitions, fast, pain, notes, home_programme, recorded_by_id, recorded_by_name,
    recorded_at FROM physio_sessions";

#[async_trait]
impl PhysioSessionRepo for SqliteStore {
    async fn save_physio_session(
        &self,
        profile: ProfileId,
        record: &PhysioSessionRecord,
    ) -> StoreResult<()> {
        let mut connection = self.writer.acquire().await.map_err(database)?;
        insert_session(&mut connection, profile, record).await
    }

    async fn physio_sessions(&self, profile: ProfileId) -> StoreResult<Vec<PhysioSessionRecord>> {
        let query = sqlx::AssertSqlSafe(format!(
            "{SESSION_SELECT} WHERE profile_id = ? ORDER BY number"
        ));
        let rows = sqlx::query(query)
            .bind(profile.to_string())
            .fetch_all(&self.pool)
            .await
            .map_err(database)?;
        rows.iter().map(session_from_row).collect()
    }

    async fn physio_sessions_done(
        &self,
        profiles: &[ProfileId],
    ) -> StoreResult<BTreeMap<ProfileId, u32>> {
        let mut done = BTreeMap::new();
        // SQLite limits bound parameters per statement; 500 per query stays far below it.
        for chunk in profiles.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(",");
            let query = sqlx::AssertSqlSafe(format!(
                "SELECT profile_id, COUNT(*) FROM physio_sessions WHERE profile_id IN ({marks}) GROUP BY profile_id"
            ));
            let mut statement = sqlx::query(query);
            for profile in chunk {
                statement = statement.bind(profile.to_string());
            }
            for row in statement.fetch_all(&self.pool).await.map_err(database)? {
                let id = uuid_from_text(&row.try_get::<String, _>(0).map_err(database)?)?;
                let count: i64 = row.try_get(1).map_err(database)?;
                done.insert(ProfileId(id), u32::try_from(count).unwrap_or(0));
            }
        }
        Ok(done)
    }
}

/// Everything of her care, for `export_profile`; the history oldest first.
pub(crate) async fn export_care(pool: &SqlitePool, profile: ProfileId) -> StoreResult<CareDump> {
    let query = sqlx::AssertSqlSafe(format!(
        "SELECT {CHANGE_COLUMNS} FROM prescription_changes WHERE profile_id = ? ORDER BY seq"
    ));
    let rows = sqlx::query(query)
        .bind(profile.to_string())
        .fetch_all(pool)
        .await
        .map_err(database)?;
    let history = rows
        .iter()
        .map(change_from_row)
        .collect::<StoreResult<_>>()?;
    let query = sqlx::AssertSqlSafe(format!(
        "{SESSION_SELECT} WHERE profile_id = ? ORDER BY number"
    ));
    let rows = sqlx::query(query)
        .bind(profile.to_string())
        .fetch_all(pool)
        .await
        .map_err(database)?;
    Ok(CareDump {
        prescription: read_prescription(pool, profile).await?,
        history,
        sessions: rows
            .iter()
            .map(session_from_row)
            .collect::<StoreResult<_>>()?,
    })
}

/// Writes what [`export_care`] read, inside `import_profile`'s transaction.
pub(crate) async fn import_care(
    connection: &mut SqliteConnection,
    profile: ProfileId,
    care: &CareDump,
) -> StoreResult<()> {
    write_prescription(connection, profile, &care.prescription).await?;
    for change in &care.history {
        insert_change(connection, profile, change).await?;
    }
    for record in &care.sessions {
        insert_session(connection, profile, record).await?;
    }
    Ok(())
}
