//! The server's one way to read the time, passed in so tests can hold it still.

use jiff::Timestamp;

pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

/// The real clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // the one place the real clock is read
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that shows a time set by hand (integration tests walk a mother through weeks with it).
#[derive(Debug, Default)]
pub struct ManualClock(std::sync::Mutex<Option<Timestamp>>);

impl ManualClock {
    pub fn at(at: Timestamp) -> Self {
        Self(std::sync::Mutex::new(Some(at)))
    }

    pub fn set(&self, at: Timestamp) {
        if let Ok(mut guard) = self.0.lock() {
            *guard = Some(at);
        }
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        self.0
            .lock()
            .ok()
            .and_then(|guard| *guard)
            .unwrap_or(Timestamp::UNIX_EPOCH)
    }
}
