//! Group commit for session outcomes, the write every mother makes several times a day.
//!
//! SQLite takes one writer at a time, and each transaction pays for taking the lock, its
//! statements' round trips to the connection's worker thread and the commit. When many outcomes
//! arrive at once (a ward's phones flushing their offline outboxes, a busy evening), one task
//! takes every outcome waiting and writes them in one transaction with a fixed handful of
//! statements (who owns the ids, one multi-row upsert, the parts, the tallies to answer with),
//! whatever the batch's size: each write still gets its own answer (created, a retry, or an id of
//! someone else's) and her day's tally after it, but the lock, the round trips and the commit are
//! paid once per batch. A lone outcome is written at once.

use crate::backend::Db;
use crate::rows::{database, uuid_from_text};
use crate::{OutcomeRow, insert_outcomes};
use hangmat_core::outcome::SessionOutcome;
use hangmat_core::progress::DayTally;
use hangmat_store::sql::Row as SharedRow;
use hangmat_store::sql::daily_loop::day_tally_from_row;
use hangmat_store::{ProfileId, StoreError, StoreResult, Written};
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::{Row, Sqlite, SqlitePool, Transaction};
use std::collections::{HashMap, HashSet, VecDeque};
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

/// Most outcomes one transaction takes: keeps a batch's lock short for the readers' checkpoints.
const MAX_BATCH: usize = 128;
/// Outcomes that may wait for the writer before senders wait too.
const QUEUE: usize = 1024;

/// What a write answers: how it was kept, and her tally of the day asked for after it.
pub(crate) type Answer = StoreResult<(Written, DayTally)>;

pub(crate) struct OutcomeWrite {
    pub profile: ProfileId,
    pub id: Uuid,
    pub outcome: SessionOutcome,
    pub received_at: Timestamp,
    /// The day whose tally the answer carries (her today).
    pub day: Date,
    pub reply: oneshot::Sender<Answer>,
    /// When the write was handed to the writer (its wait is a metric).
    pub queued: std::time::Instant,
}

/// Starts the writing task on the current runtime; it ends when the last sender is dropped and
/// every write received is answered.
pub(crate) fn start(writer: SqlitePool) -> mpsc::Sender<OutcomeWrite> {
    let (sender, mut receiver) = mpsc::channel::<OutcomeWrite>(QUEUE);
    tokio::spawn(async move {
        // Writes held back because their id was already in the batch: a retry must see the
        // first report stored, so it goes in the next batch, in the order it came.
        let mut later: VecDeque<OutcomeWrite> = VecDeque::new();
        loop {
            let first = match later.pop_front() {
                Some(write) => write,
                None => match receiver.recv().await {
                    Some(write) => write,
                    None => break,
                },
            };
            let batch = gather(first, &mut later, &mut receiver);
            hangmat_store::metrics::group_commit(
                batch.len(),
                batch.iter().map(|write| write.queued.elapsed()),
            );
            match write_batch(&writer, &batch).await {
                Ok(answers) => answer(batch, answers),
                // Nothing of the batch was committed. One write the database refuses (her
                // profile erased a moment ago) must not fail the others: each goes again alone.
                Err(_) if batch.len() > 1 => {
                    for write in batch {
                        let alone = std::slice::from_ref(&write);
                        let answers = write_batch(&writer, alone).await;
                        let answers = answers.unwrap_or_else(|error| vec![Err(error)]);
                        answer(vec![write], answers);
                    }
                }
                Err(error) => answer(batch, vec![Err(error)]),
            }
        }
    });
    sender
}

/// Sends each write its answer. A sender that gave up (its request was cancelled) needs none.
fn answer(batch: Vec<OutcomeWrite>, answers: Vec<Answer>) {
    for (write, answer) in batch.into_iter().zip(answers) {
        let _ = write.reply.send(answer);
    }
}

/// A batch of writes with distinct ids: what was held back first, then what is waiting.
fn gather(
    first: OutcomeWrite,
    later: &mut VecDeque<OutcomeWrite>,
    receiver: &mut mpsc::Receiver<OutcomeWrite>,
) -> Vec<OutcomeWrite> {
    let mut ids = HashSet::from([first.id]);
    let mut batch = vec![first];
    let mut held = VecDeque::new();
    while batch.len() < MAX_BATCH {
        let Some(write) = later.pop_front().or_else(|| receiver.try_recv().ok()) else {
            break;
        };
        if ids.insert(write.id) {
            batch.push(write);
        } else {
            held.push_back(write);
        }
    }
    // What was held back now goes before anything still waiting in `later`.
    while let Some(write) = held.pop_back() {
        later.push_front(write);
    }
    batch
}

/// Writes a batch in one transaction; per outcome its answer. A database error fails the whole
/// batch (the caller's outer `Err`), so no outcome is half kept.
async fn write_batch(writer: &SqlitePool, batch: &[OutcomeWrite]) -> StoreResult<Vec<Answer>> {
    let mut transaction = writer
        .begin_with("BEGIN IMMEDIATE")
        .await
        .map_err(database)?;
    let owners = owners(&mut transaction, batch).await?;
    let mut decisions = Vec::with_capacity(batch.len());
    let mut rows = Vec::with_capacity(batch.len());
    for write in batch {
        let profile = write.profile.to_string();
        let decision = match owners.get(&write.id) {
            Some(owner) if *owner != profile => Err(StoreError::IdTaken),
            Some(_) => Ok(Written::AlreadyThere),
            None => Ok(Written::Created),
        };
        if let Ok(written) = decision {
            rows.push(OutcomeRow {
                profile,
                id: write.id,
                outcome: &write.outcome,
                received_at: write.received_at,
                replacing: written == Written::AlreadyThere,
            });
        }
        decisions.push(decision);
    }
    insert_outcomes(&mut transaction, &rows).await?;
    let tallies = tallies(&mut transaction, batch).await?;
    transaction.commit().await.map_err(database)?;
    Ok(batch
        .iter()
        .zip(decisions)
        .map(|(write, decision)| {
            let tally = tallies
                .get(&(write.profile, write.day))
                .copied()
                .unwrap_or(DayTally::empty(write.day));
            decision.map(|written| (written, tally))
        })
        .collect())
}

/// Who owns each of the batch's ids that is already stored.
async fn owners(
    transaction: &mut Transaction<'_, Sqlite>,
    batch: &[OutcomeWrite],
) -> StoreResult<HashMap<Uuid, String>> {
    let ids: Vec<String> = batch.iter().map(|write| write.id.to_string()).collect();
    sqlx::query(
        "SELECT id, profile_id FROM session_outcomes
         WHERE id IN (SELECT value FROM json_each(?1))",
    )
    .bind(serde_json::to_string(&ids).map_err(database)?)
    .fetch_all(&mut **transaction)
    .await
    .map_err(database)?
    .iter()
    .map(|row| {
        let id: String = row.try_get("id").map_err(database)?;
        Ok((
            uuid_from_text(&id)?,
            row.try_get("profile_id").map_err(database)?,
        ))
    })
    .collect()
}

/// Each writer's tally of the day she asked for, as the transaction sees it (her new outcome
/// included). One statement of fixed text; each pair is a few index lookups.
async fn tallies(
    transaction: &mut Transaction<'_, Sqlite>,
    batch: &[OutcomeWrite],
) -> StoreResult<HashMap<(ProfileId, Date), DayTally>> {
    let asked: HashSet<(String, String)> = batch
        .iter()
        .map(|w| (w.profile.to_string(), w.day.to_string()))
        .collect();
    sqlx::query(
        "WITH asked (profile_id, local_date) AS
             (SELECT value->>0, value->>1 FROM json_each(?1))
         SELECT a.profile_id, a.local_date,
             (SELECT COUNT(*) FROM session_outcomes o
               WHERE o.profile_id = a.profile_id AND o.local_date = a.local_date
                 AND o.completed) AS sessions,
             (SELECT COUNT(*) FROM session_outcomes o
               WHERE o.profile_id = a.profile_id AND o.local_date = a.local_date
                 AND NOT o.completed) AS begun,
             (SELECT COALESCE(SUM(o.contractions), 0) FROM session_outcomes o
               WHERE o.profile_id = a.profile_id AND o.local_date = a.local_date) AS contractions,
             (SELECT COUNT(*) FROM coordination_taps t
               WHERE t.profile_id = a.profile_id AND t.local_date = a.local_date) AS taps
         FROM asked a",
    )
    .bind(serde_json::to_string(&asked).map_err(database)?)
    .fetch_all(&mut **transaction)
    .await
    .map_err(database)?
    .into_iter()
    .map(|row| {
        let row = SharedRow::<Db>::new(row);
        let profile: String = row.get("profile_id")?;
        let tally = day_tally_from_row(&row)?;
        Ok(((ProfileId(uuid_from_text(&profile)?), tally.date), tally))
    })
    .collect()
}
