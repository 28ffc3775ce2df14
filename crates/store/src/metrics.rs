//! What the backends record about the database for the server's metrics (the server's
//! `metrics.rs` exports them, with their buckets and descriptions). Only durations and sizes: never
//! a query's values. Without a recorder installed, recording costs nothing.

use std::time::{Duration, Instant};

/// How long a request waited for a pooled connection.
pub const POOL_WAIT: &str = "hangmat_database_pool_wait_seconds";
/// Outcomes per SQLite group commit.
pub const BATCH_SIZE: &str = "hangmat_group_commit_batch_size";
/// How long an outcome waited for the SQLite writer before its batch began.
pub const BATCH_WAIT: &str = "hangmat_group_commit_wait_seconds";

/// A connection was asked for at `asked`; it came (or the pool gave up) now.
pub fn pool_wait(asked: Instant) {
    metrics::histogram!(POOL_WAIT).record(asked.elapsed());
}

/// A group commit of `size` outcomes began; `waits` are how long each waited.
pub fn group_commit(size: usize, waits: impl Iterator<Item = Duration>) {
    metrics::histogram!(BATCH_SIZE).record(size as f64);
    let wait = metrics::histogram!(BATCH_WAIT);
    for waited in waits {
        wait.record(waited);
    }
}
