//! Her leak log's SQL for both backends (migrations: SQLite 0008, PostgreSQL 0006), and its
//! repository, implemented once for every [`SqlStore`].
//!
//! A leak is kept under the id her page made, so a form sent twice counts once; the same id again
//! adds the details she chose (how much, what she was doing) and keeps the rest, so the optional
//! second step updates the leak she tapped rather than logging another.

use super::daily_loop::{Claim, claim};
use super::{Backend, Connection, Row, SqlStore, sql};
use crate::{LeakRepo, ProfileId, StoreError, StoreResult, Written};
use async_trait::async_trait;
use hangmat_core::diary::{LeakActivity, LeakAmount};
use hangmat_core::leak_log::LoggedLeak;
use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

fn leak_from_row<B: Backend>(row: &Row<B>) -> StoreResult<LoggedLeak> {
    let amount: Option<String> = row.get("amount")?;
    let activity: Option<String> = row.get("activity")?;
    Ok(LoggedLeak {
        at: row.at("at")?,
        local_date: row.date("local_date")?,
        amount: amount
            .map(|text| {
                LeakAmount::parse(&text)
                    .ok_or_else(|| StoreError::Corrupt(format!("amount {text}")))
            })
            .transpose()?,
        activity: activity
            .map(|text| {
                LeakActivity::parse(&text)
                    .ok_or_else(|| StoreError::Corrupt(format!("activity {text}")))
            })
            .transpose()?,
    })
}

/// Inserts a leak unless its id is already there; answers whether it was inserted.
async fn insert_leak<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    id: Uuid,
    leak: &LoggedLeak,
    received_at: Timestamp,
) -> StoreResult<bool> {
    let inserted = sql::<B>(
        "INSERT INTO leaks (id, profile_id, at, local_date, amount, activity, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind_id(id)
    .bind_id(profile.0)
    .bind_at(leak.at)
    .bind_date(leak.local_date)
    .bind(leak.amount.map(|amount| amount.as_str().to_owned()))
    .bind(leak.activity.map(|activity| activity.as_str().to_owned()))
    .bind_at(received_at)
    .execute(connection)
    .await?;
    Ok(inserted == 1)
}

/// Saves a leak under its page-made id, inside the caller's write transaction: a new id is
/// `Created`; her own id again keeps the time and sets the details given (`AlreadyThere`);
/// someone else's id is refused.
pub async fn save_leak_in<B: Backend>(
    transaction: &mut Connection<B>,
    profile: ProfileId,
    id: Uuid,
    leak: &LoggedLeak,
    received_at: Timestamp,
) -> StoreResult<Written> {
    let free = matches!(
        claim::<B>(transaction, "leaks", profile, id).await?,
        Claim::Free
    );
    if free && insert_leak::<B>(transaction, profile, id, leak, received_at).await? {
        return Ok(Written::Created);
    }
    sql::<B>(
        "UPDATE leaks SET amount = COALESCE($1, amount), activity = COALESCE($2, activity)
         WHERE id = $3 AND profile_id = $4",
    )
    .bind(leak.amount.map(|amount| amount.as_str().to_owned()))
    .bind(leak.activity.map(|activity| activity.as_str().to_owned()))
    .bind_id(id)
    .bind_id(profile.0)
    .execute(transaction)
    .await?;
    Ok(Written::AlreadyThere)
}

/// Her leaks per local day in `from..=to`, days without any left out, oldest first.
pub async fn leaks_per_day<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    from: Date,
    to: Date,
) -> StoreResult<Vec<(Date, u32)>> {
    sql::<B>(
        "SELECT local_date, CAST(COUNT(*) AS INTEGER) AS leaks FROM leaks
         WHERE profile_id = $1 AND local_date BETWEEN $2 AND $3
         GROUP BY local_date ORDER BY local_date",
    )
    .bind_id(profile.0)
    .bind_date(from)
    .bind_date(to)
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| Ok((row.date("local_date")?, row.count("leaks")?)))
    .collect()
}

/// Her leaks at `from` or later and before `until`, with their ids, oldest first (a bladder
/// diary's span).
pub async fn between<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
    from: Timestamp,
    until: Timestamp,
) -> StoreResult<Vec<(Uuid, LoggedLeak)>> {
    sql::<B>(
        "SELECT id, at, local_date, amount, activity FROM leaks
         WHERE profile_id = $1 AND at >= $2 AND at < $3 ORDER BY at, id",
    )
    .bind_id(profile.0)
    .bind_at(from)
    .bind_at(until)
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| Ok((row.id("id")?, leak_from_row(row)?)))
    .collect()
}

/// Every leak of hers with its id and the time the server received it, oldest first.
pub async fn export<B: Backend>(
    connection: &mut Connection<B>,
    profile: ProfileId,
) -> StoreResult<Vec<(Uuid, LoggedLeak, Timestamp)>> {
    sql::<B>(
        "SELECT id, at, local_date, amount, activity, received_at FROM leaks
         WHERE profile_id = $1 ORDER BY at, id",
    )
    .bind_id(profile.0)
    .fetch_all(connection)
    .await?
    .iter()
    .map(|row| Ok((row.id("id")?, leak_from_row(row)?, row.at("received_at")?)))
    .collect()
}

/// Writes what [`export`] read, inside the caller's transaction.
pub async fn import_in<B: Backend>(
    transaction: &mut Connection<B>,
    profile: ProfileId,
    leaks: &[(Uuid, LoggedLeak, Timestamp)],
) -> StoreResult<()> {
    for (id, leak, received_at) in leaks {
        insert_leak::<B>(transaction, profile, *id, leak, *received_at).await?;
    }
    Ok(())
}

#[async_trait]
impl<S: SqlStore> LeakRepo for S {
    async fn save_leak(
        &self,
        profile: ProfileId,
        id: Uuid,
        leak: &LoggedLeak,
        received_at: Timestamp,
    ) -> StoreResult<Written> {
        let mut transaction = self.begin().await?;
        let written =
            save_leak_in::<S::Backend>(&mut transaction, profile, id, leak, received_at).await?;
        transaction.commit().await.map_err(super::database)?;
        Ok(written)
    }

    async fn leaks_per_day(
        &self,
        profile: ProfileId,
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<(Date, u32)>> {
        leaks_per_day::<S::Backend>(&mut *self.connection().await?, profile, from, to).await
    }
}
