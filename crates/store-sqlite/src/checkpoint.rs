//! Copies the write-ahead log back into the database file beside the writer, not inside it.
//!
//! SQLite's automatic checkpoint runs inside the commit that crosses its threshold: that batch
//! of outcomes (and every request waiting behind it) waits while megabytes are copied and synced.
//! Here a connection of its own checkpoints every [`EVERY`] in the background (`PASSIVE`: it
//! never waits for or blocks the writer or the readers), on its own thread, so the copying uses
//! the machine's other core and the writer only appends. The writer keeps a high automatic
//! threshold as a backstop should this task fall behind.

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::sync::Weak;
use std::time::Duration;

/// How often the log is copied back.
const EVERY: Duration = Duration::from_millis(100);

/// Starts checkpointing for as long as `alive` can be upgraded (the store exists).
pub(crate) fn start(options: SqliteConnectOptions, alive: Weak<()>) {
    tokio::spawn(async move {
        let Ok(mut connection) = options.connect().await else {
            // Without it SQLite's automatic checkpoint still keeps the log in bounds.
            return;
        };
        let mut ticks = tokio::time::interval(EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if alive.upgrade().is_none() {
                break;
            }
            // A checkpoint that cannot run now (busy) simply runs at the next tick.
            let _ = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&mut connection)
                .await;
        }
        let _ = connection.close().await;
    });
}
