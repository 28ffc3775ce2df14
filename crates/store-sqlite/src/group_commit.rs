//! Group commit for session outcomes, the write every mother makes several times a day.
//!
//! SQLite takes one writer at a time, and each transaction pays for taking the lock, its
//! statements' round trips to the connection's worker thread and the commit. When many outcomes
//! arrive at once (a ward's phones flushing their offline outboxes, a busy evening), one task
//! takes every outcome waiting and writes them in one transaction: each still gets its own answer
//! (created, a retry, or an id of someone else's), but the lock and the commit are paid once per
//! batch. A lone outcome is written at once, as before.

use crate::rows::database;
use crate::{OwnedTable, SqliteStore, insert_outcome};
use hangmat_core::outcome::SessionOutcome;
use hangmat_store::{ProfileId, StoreError, StoreResult, Written};
use jiff::Timestamp;
use sqlx::SqlitePool;
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

/// Most outcomes one transaction takes: keeps a batch's lock short for the readers' checkpoints.
const MAX_BATCH: usize = 64;
/// Outcomes that may wait for the writer before senders wait too.
const QUEUE: usize = 1024;

pub(crate) struct OutcomeWrite {
    pub profile: ProfileId,
    pub id: Uuid,
    pub outcome: SessionOutcome,
    pub received_at: Timestamp,
    pub reply: oneshot::Sender<StoreResult<Written>>,
}

/// Starts the writing task on the current runtime; it ends when the last sender is dropped.
pub(crate) fn start(writer: SqlitePool) -> mpsc::Sender<OutcomeWrite> {
    let (sender, mut receiver) = mpsc::channel::<OutcomeWrite>(QUEUE);
    tokio::spawn(async move {
        while let Some(first) = receiver.recv().await {
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH {
                match receiver.try_recv() {
                    Ok(write) => batch.push(write),
                    Err(_) => break,
                }
            }
            match write_batch(&writer, &batch).await {
                Ok(answers) => {
                    for (write, answer) in batch.into_iter().zip(answers) {
                        // A sender that gave up (its request was cancelled) needs no answer.
                        let _ = write.reply.send(answer);
                    }
                }
                Err(error) => {
                    // Nothing of the batch was committed; every sender hears why.
                    let message = error.to_string();
                    for write in batch {
                        let _ = write
                            .reply
                            .send(Err(database(std::io::Error::other(message.clone()))));
                    }
                }
            }
        }
    });
    sender
}

/// Writes a batch in one transaction; per outcome its answer. A database error fails the whole
/// batch (the caller's outer `Err`), so no outcome is half kept.
async fn write_batch(
    writer: &SqlitePool,
    batch: &[OutcomeWrite],
) -> StoreResult<Vec<StoreResult<Written>>> {
    let mut transaction = writer
        .begin_with("BEGIN IMMEDIATE")
        .await
        .map_err(database)?;
    let mut answers = Vec::with_capacity(batch.len());
    for write in batch {
        let owner = SqliteStore::owner_of(&mut transaction, OwnedTable::Outcomes, write.id).await?;
        let profile = write.profile.to_string();
        let written = match owner {
            Some(owner) if owner != profile => {
                answers.push(Err(StoreError::IdTaken));
                continue;
            }
            Some(_) => Written::AlreadyThere,
            None => Written::Created,
        };
        insert_outcome(
            &mut transaction,
            &profile,
            write.id,
            &write.outcome,
            write.received_at,
            written == Written::AlreadyThere,
        )
        .await?;
        answers.push(Ok(written));
    }
    transaction.commit().await.map_err(database)?;
    Ok(answers)
}
