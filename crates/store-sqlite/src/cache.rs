//! What almost every request reads, kept in memory: a device's profile and a mother's
//! prescription.
//!
//! Each read through sqlx is a round trip to a connection's worker thread; the session-outcome
//! write, the hottest request, would otherwise spend more on those two reads than on its write.
//! SQLite is an embedded database served by one process (DESIGN.md: PostgreSQL is the answer for
//! several servers), so every change goes through this store and the cache can be exact rather
//! than timed: every method that changes what is cached drops it here, in the same call.
//!
//! A read that missed fetches from the database and offers its answer; a change made meanwhile
//! bumps the generation, and an answer fetched before the change is not kept. When full, the cache
//! starts over empty: simple, bounded, and the working set (the mothers active right now) comes
//! back within seconds.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

/// A bounded map whose entries are dropped whenever the data behind them changes.
#[derive(Debug)]
pub(crate) struct ReadCache<K, V> {
    inner: Mutex<Inner<K, V>>,
    capacity: usize,
}

#[derive(Debug)]
struct Inner<K, V> {
    entries: HashMap<K, V>,
    generation: u64,
}

/// The state a read started from; an answer fetched from an older state is not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Generation(u64);

impl<K: Eq + Hash, V: Clone> ReadCache<K, V> {
    pub fn new(capacity: usize) -> Self {
        Self {
            inner: Mutex::new(Inner {
                entries: HashMap::new(),
                generation: 0,
            }),
            capacity,
        }
    }

    fn inner(&self) -> std::sync::MutexGuard<'_, Inner<K, V>> {
        // A panic while holding the lock cannot leave the map half-changed (each operation is
        // one call on it), so a poisoned lock is still sound to use.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The cached value, or the generation to fetch it under.
    pub fn get(&self, key: &K) -> Result<V, Generation> {
        let inner = self.inner();
        inner
            .entries
            .get(key)
            .cloned()
            .ok_or(Generation(inner.generation))
    }

    /// Keeps a value fetched under `since`, unless something changed after that.
    pub fn offer(&self, since: Generation, key: K, value: V) {
        let mut inner = self.inner();
        if inner.generation != since.0 {
            return;
        }
        if inner.entries.len() >= self.capacity {
            inner.entries.clear();
        }
        inner.entries.insert(key, value);
    }

    /// Drops one key: its data is about to change or has changed.
    pub fn forget(&self, key: &K) {
        let mut inner = self.inner();
        inner.generation += 1;
        inner.entries.remove(key);
    }

    /// Drops everything: a change whose keys are not known one by one.
    pub fn forget_all(&self) {
        let mut inner = self.inner();
        inner.generation += 1;
        inner.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generation of a key the cache does not hold.
    fn missed<V: Clone>(cache: &ReadCache<i32, V>, key: i32) -> Generation {
        match cache.get(&key) {
            Ok(_) => panic!("{key} is cached"),
            Err(since) => since,
        }
    }

    #[test]
    fn an_answer_fetched_before_a_change_is_not_kept() {
        let cache = ReadCache::new(10);
        let since = missed(&cache, 1);
        cache.forget(&1);
        cache.offer(since, 1, "old");
        assert!(cache.get(&1).is_err());
        let since = missed(&cache, 1);
        cache.offer(since, 1, "new");
        assert_eq!(cache.get(&1), Ok("new"));
        cache.forget_all();
        assert!(cache.get(&1).is_err());
    }

    #[test]
    fn stays_within_its_capacity() {
        let cache = ReadCache::new(3);
        for key in 0..10 {
            let since = missed(&cache, key);
            cache.offer(since, key, key * 2);
            assert!(cache.inner().entries.len() <= 3);
            assert_eq!(cache.get(&key), Ok(key * 2));
        }
    }
}
