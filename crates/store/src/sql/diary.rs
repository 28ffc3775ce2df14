//! Her bladder diaries' SQL for both backends (migrations: SQLite 0009, PostgreSQL 0007), and their
//! repository, implemented once for every [`SqlStore`].
//!
//! An entry is kept under the id her page made (a retry counts once, [`claim`]); a leak entry is
//! written to her leak log ([`super::leaks::save_leak_in`]), and a diary's lines read her leaks
//! inside its span back, so each leak lives in one place.

use super::daily_loop::{Claim, claim};
use super::{Backend, Connection, Row, SqlStore, count_from, small, sql};
use crate::{
    DiaryDump, DiaryLine, DiaryRepo, ProfileId, StoreError, StoreResult, StoredDiary, Written,
};
use async_trait::async_trait;
use hangmat_core::diary::{AskedBy, DrinkKind, Entry};
use hangmat_core::leak_log::LoggedLeak;
use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

const DIARY_COLUMNS: &str = "id, asked_by, asked_at, planned_days, started_at, ended_at";

fn diary_from_row<B: Backend>(row: &Row<B>) -> StoreResult<StoredDiary> {
    let asked_by: String = row.get("asked_by")?;
    Ok(StoredDiary {
        id: row.id("id")?,
        asked_by: AskedBy::parse(&asked_by)
            .ok_or_else(|| StoreError::Corrupt(format!("asked_by {asked_by}")))?,
        asked_at: row.at("asked_at")?,
        planned_days: row.count("planned_days")?,
        started: row.optional_at("started_at")?,
        ended: row.optional_at("ended_at")?,
    })
}

fn line_from_row<B: Backend>(row: &Row<B>) -> StoreResult<DiaryLine> {
    let kind: String = row.get("kind")?;
    let at = row.at("at")?;
    let volume: Option<i32> = row.get("volume_ml")?;
    let volume_ml = volume.map(|ml| count_from(ml, "volume_ml")).transpose()?;
    let entry = match kind.as_str() {
        "void" => {
            let urgency: Option<i32> = row.get("urgency")?;
            Entry::Void {
                at,
                volume_ml,
                urgency: urgency
                    .map(|u| {
                        u8::try_from(u).map_err(|_| StoreError::Corrupt(format!("urgency {u}")))
                    })
                    .transpose()?,
                first_of_morning: row.get("first_of_morning")?,
            }
        }
        "drink" => {
            let drink_kind: Option<String> = row.get("drink_kind")?;
            Entry::Drink {
                at,
                volume_ml: volume_ml.ok_or_else(|| StoreError::Corrupt("drink volume".into()))?,
                kind: drink_kind
                    .map(|text| {
                        DrinkKind::parse(&text)
                            .ok_or_else(|| StoreError::Corrupt(format!("drink_kind {text}")))
                    })
                    .transpose()?,
            }
        }
        "pad" => Entry::PadChanged { at },
        "sleep" => Entry::WentToSleep { at },
        "wake" => Entry::WokeUp { at },
        other => return Err(StoreError::Corrupt(format!("diary entry kind {other}"))),
    };
    Ok(DiaryLine {
        id: row.id("id")?,
        entry,
    })
}

/// The columns an entry other than a leak is kept in: kind, volume, urgency, first of the
/// morning, drink kind.
fn entry_columns(
    entry: &Entry,
) -> (
    &'static str,
    Option<u32>,
    Option<u8>,
    bool,
    Option<&'static str>,
) {
    match entry {
        Entry::Void {
            volume_ml,
            urgency,
            first_of_morning,
            ..
        } => ("void", *volume_ml, *urgency, *first_of_morning, None),
        Entry::Drink {
            volume_ml, kind, ..
        } => (
            "drink",
            Some(*volume_ml),
            None,
            false,
            kind.map(DrinkKind::as_str),
        ),
        Entry::PadChanged { .. } => ("pad", None, None, false, None),
        Entry::WentToSleep { .. } => ("sleep", None, None, false, None),
        // A leak is kept in her leak log; it never reaches here.
        Entry::WokeUp { .. } | Entry::Leak { .. } => ("wake", None, None, false, None),
    }
}

async fn insert_diary<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    diary: &StoredDiary,
) -> StoreResult<bool> {
    let inserted = sql::<B>(
        "INSERT INTO diaries (id, profile_id, asked_by, asked_at, planned_days, started_at, ended_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind_id(diary.id)
    .bind_id(profile.0)
    .bind(diary.asked_by.as_str())
    .bind_at(diary.asked_at)
    .bind(small(diary.planned_days))
    .bind_optional_at(diary.started)
    .bind_optional_at(diary.ended)
    .execute(connection)
    .await?;
    Ok(inserted == 1)
}

async fn insert_entry<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    diary: Uuid,
    line: &DiaryLine,
    received_at: Timestamp,
) -> StoreResult<bool> {
    let (kind, volume, urgency, first_of_morning, drink_kind) = entry_columns(&line.entry);
    let inserted = sql::<B>(
        "INSERT INTO diary_entries
           (id, diary_id, profile_id, kind, at, volume_ml, urgency, first_of_morning, drink_kind,
            received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind_id(line.id)
    .bind_id(diary)
    .bind_id(profile.0)
    .bind(kind)
    .bind_at(line.entry.at())
    .bind(volume.map(small))
    .bind(urgency.map(i32::from))
    .bind(first_of_morning)
    .bind(drink_kind)
    .bind_at(received_at)
    .execute(connection)
    .await?;
    Ok(inserted == 1)
}

async fn diary_of<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    id: Uuid,
) -> StoreResult<Option<StoredDiary>> {
    sql::<B>(
        "SELECT id, asked_by, asked_at, planned_days, started_at, ended_at FROM diaries
         WHERE id = $1 AND profile_id = $2",
    )
    .bind_id(id)
    .bind_id(profile.0)
    .fetch_optional(connection)
    .await?
    .as_ref()
    .map(diary_from_row)
    .transpose()
}

/// Every diary of hers and their own entries (her leaks are exported with her leak log).
pub async fn export<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<DiaryDump> {
    let diaries = super::sql_from_parts::<B>(format!(
        "SELECT {DIARY_COLUMNS} FROM diaries WHERE profile_id = $1 ORDER BY asked_at, id"
    ))
    .bind_id(profile.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(diary_from_row)
    .collect::<StoreResult<Vec<_>>>()?;
    let entries = sql::<B>(
        "SELECT id, diary_id, kind, at, volume_ml, urgency, first_of_morning, drink_kind,
                received_at
         FROM diary_entries WHERE profile_id = $1 ORDER BY at, id",
    )
    .bind_id(profile.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| {
        Ok((
            row.id("diary_id")?,
            line_from_row(row)?,
            row.at("received_at")?,
        ))
    })
    .collect::<StoreResult<Vec<_>>>()?;
    Ok(DiaryDump { diaries, entries })
}

/// Writes what [`export`] read, inside the caller's transaction.
pub async fn import_in<B: Backend>(
    transaction: &mut Connection<B>,
    profile: ProfileId,
    dump: &DiaryDump,
) -> StoreResult<()> {
    for diary in &dump.diaries {
        insert_diary::<B>(transaction, profile, diary).await?;
    }
    for (diary, line, received_at) in &dump.entries {
        insert_entry::<B>(transaction, profile, *diary, line, *received_at).await?;
    }
    Ok(())
}

#[async_trait]
impl<S: SqlStore> DiaryRepo for S {
    async fn ask_for_diary(&self, profile: ProfileId, diary: &StoredDiary) -> StoreResult<Written> {
        let mut transaction = self.begin().await?;
        let written =
            match claim::<S::Backend>(&mut transaction, "diaries", profile, diary.id).await? {
                Claim::Hers => Written::AlreadyThere,
                Claim::Free => {
                    if insert_diary::<S::Backend>(&mut transaction, profile, diary).await? {
                        Written::Created
                    } else {
                        Written::AlreadyThere
                    }
                }
            };
        transaction.commit().await.map_err(super::database)?;
        Ok(written)
    }

    async fn start_diary(&self, profile: ProfileId, id: Uuid, at: Timestamp) -> StoreResult<bool> {
        let changed = sql::<S::Backend>(
            "UPDATE diaries SET started_at = $1
             WHERE id = $2 AND profile_id = $3 AND started_at IS NULL",
        )
        .bind_at(at)
        .bind_id(id)
        .bind_id(profile.0)
        .execute(&mut *self.connection().await?)
        .await?;
        Ok(changed == 1)
    }

    async fn end_diary(&self, profile: ProfileId, id: Uuid, at: Timestamp) -> StoreResult<bool> {
        let changed = sql::<S::Backend>(
            "UPDATE diaries SET ended_at = $1
             WHERE id = $2 AND profile_id = $3 AND started_at IS NOT NULL AND ended_at IS NULL",
        )
        .bind_at(at)
        .bind_id(id)
        .bind_id(profile.0)
        .execute(&mut *self.connection().await?)
        .await?;
        Ok(changed == 1)
    }

    async fn diaries(&self, profile: ProfileId) -> StoreResult<Vec<StoredDiary>> {
        super::sql_from_parts::<S::Backend>(format!(
            "SELECT {DIARY_COLUMNS} FROM diaries WHERE profile_id = $1
             ORDER BY asked_at DESC, id DESC"
        ))
        .bind_id(profile.0)
        .fetch_all(&mut *self.connection().await?)
        .await?
        .iter()
        .map(diary_from_row)
        .collect()
    }

    async fn save_diary_entry(
        &self,
        profile: ProfileId,
        diary: Uuid,
        line: &DiaryLine,
        leak_date: Date,
        received_at: Timestamp,
    ) -> StoreResult<Written> {
        let mut transaction = self.begin().await?;
        if diary_of::<S::Backend>(&mut transaction, profile, diary)
            .await?
            .is_none()
        {
            return Err(StoreError::IdTaken);
        }
        let written = if let Entry::Leak {
            at,
            amount,
            activity,
        } = line.entry
        {
            let leak = LoggedLeak {
                at,
                local_date: leak_date,
                amount,
                activity,
            };
            super::leaks::save_leak_in::<S::Backend>(
                &mut transaction,
                profile,
                line.id,
                &leak,
                received_at,
            )
            .await?
        } else {
            match claim::<S::Backend>(&mut transaction, "diary_entries", profile, line.id).await? {
                Claim::Hers => Written::AlreadyThere,
                Claim::Free => {
                    if insert_entry::<S::Backend>(
                        &mut transaction,
                        profile,
                        diary,
                        line,
                        received_at,
                    )
                    .await?
                    {
                        Written::Created
                    } else {
                        Written::AlreadyThere
                    }
                }
            }
        };
        transaction.commit().await.map_err(super::database)?;
        Ok(written)
    }

    async fn diary_lines(&self, profile: ProfileId, diary: Uuid) -> StoreResult<Vec<DiaryLine>> {
        let mut connection = self.connection().await?;
        let Some(span) = diary_of::<S::Backend>(&mut connection, profile, diary)
            .await?
            .and_then(|diary| diary.span())
        else {
            return Ok(Vec::new());
        };
        let mut lines = sql::<S::Backend>(
            "SELECT id, kind, at, volume_ml, urgency, first_of_morning, drink_kind
             FROM diary_entries WHERE diary_id = $1 AND profile_id = $2",
        )
        .bind_id(diary)
        .bind_id(profile.0)
        .fetch_all(&mut connection)
        .await?
        .iter()
        .map(line_from_row)
        .collect::<StoreResult<Vec<_>>>()?;
        let leaks =
            super::leaks::between::<S::Backend>(&mut connection, profile, span.started, span.end())
                .await?;
        lines.extend(leaks.into_iter().map(|(id, leak)| DiaryLine {
            id,
            entry: Entry::Leak {
                at: leak.at,
                amount: leak.amount,
                activity: leak.activity,
            },
        }));
        // Entries after she ended it early are outside its span, like her leaks then.
        lines.retain(|line| line.entry.at() >= span.started && line.entry.at() < span.end());
        lines.sort_by_key(|line| (line.entry.at(), line.id));
        Ok(lines)
    }

    async fn remove_diary_line(&self, profile: ProfileId, id: Uuid) -> StoreResult<bool> {
        let mut transaction = self.begin().await?;
        let mut removed = 0;
        for statement in [
            "DELETE FROM diary_entries WHERE id = $1 AND profile_id = $2",
            "DELETE FROM leaks WHERE id = $1 AND profile_id = $2",
        ] {
            removed += sql::<S::Backend>(statement)
                .bind_id(id)
                .bind_id(profile.0)
                .execute(&mut transaction)
                .await?;
        }
        transaction.commit().await.map_err(super::database)?;
        Ok(removed > 0)
    }

    async fn latest_amounts(&self, profile: ProfileId, drinks: bool) -> StoreResult<Vec<u32>> {
        sql::<S::Backend>(
            "SELECT volume_ml FROM diary_entries
             WHERE profile_id = $1 AND kind = $2 AND volume_ml IS NOT NULL
             ORDER BY at DESC LIMIT 20",
        )
        .bind_id(profile.0)
        .bind(if drinks { "drink" } else { "void" })
        .fetch_all(&mut *self.connection().await?)
        .await?
        .iter()
        .map(|row| row.count("volume_ml"))
        .collect()
    }
}
