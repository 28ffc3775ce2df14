//! The one source of random values and new ids in the server: device tokens, recovery and link
//! codes, TOTP secrets, nonces, profile and record ids. The application state holds one, so a test
//! can make every "random" value repeatable; `clippy.toml` bans making them anywhere else.
//!
//! A server uses the operating system's randomness (through `rand`'s thread-local generator);
//! [`Random::seeded`] is for tests.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jiff::Timestamp;
use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};
use std::sync::{Arc, Mutex};
use uuid::Uuid;

/// Where random bytes come from; cheap to clone (shared).
#[derive(Clone)]
pub struct Random(Arc<Source>);

enum Source {
    System,
    Seeded(Box<Mutex<StdRng>>),
}

impl std::fmt::Debug for Random {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match *self.0 {
            Source::System => "Random(system)",
            Source::Seeded(_) => "Random(seeded)",
        })
    }
}

impl Default for Random {
    fn default() -> Self {
        Self::system()
    }
}

impl Random {
    /// The operating system's randomness (what a server uses).
    pub fn system() -> Self {
        Self(Arc::new(Source::System))
    }

    /// A repeatable sequence from `seed`, for tests.
    pub fn seeded(seed: u64) -> Self {
        let rng = StdRng::seed_from_u64(seed);
        Self(Arc::new(Source::Seeded(Box::new(Mutex::new(rng)))))
    }

    /// Fills `bytes` with random bytes.
    #[allow(clippy::disallowed_methods)] // The one place that may.
    pub fn fill(&self, bytes: &mut [u8]) {
        match &*self.0 {
            Source::System => rand::rng().fill_bytes(bytes),
            Source::Seeded(rng) => match rng.lock() {
                Ok(mut rng) => rng.fill_bytes(bytes),
                Err(poisoned) => poisoned.into_inner().fill_bytes(bytes),
            },
        }
    }

    /// `N` random bytes.
    pub fn bytes<const N: usize>(&self) -> [u8; N] {
        let mut bytes = [0u8; N];
        self.fill(&mut bytes);
        bytes
    }

    /// A number in `0..bound` (`bound` > 0), without modulo bias.
    pub fn below(&self, bound: usize) -> usize {
        let bound = u32::try_from(bound.max(1)).unwrap_or(u32::MAX);
        // Values at or above the last whole multiple of `bound` would favour small numbers.
        let accepted = u32::MAX - (u32::MAX % bound);
        loop {
            let value = u32::from_le_bytes(self.bytes());
            if value < accepted {
                return (value % bound) as usize;
            }
        }
    }

    /// A secret token of 256 bits, URL-safe (device sessions, CSRF, calendar feeds, invitations).
    pub fn token(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.bytes::<32>())
    }

    /// A random (version 4) UUID.
    pub fn uuid_v4(&self) -> Uuid {
        uuid::Builder::from_random_bytes(self.bytes()).into_uuid()
    }

    /// A time-ordered (version 7) UUID for something made at `now`.
    pub fn uuid_v7(&self, now: Timestamp) -> Uuid {
        let millis = u64::try_from(now.as_millisecond()).unwrap_or(0);
        uuid::Builder::from_unix_timestamp_millis(millis, &self.bytes()).into_uuid()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seeded_source_repeats_and_the_system_one_does_not() {
        let (a, b) = (Random::seeded(7), Random::seeded(7));
        assert_eq!(a.token(), b.token());
        assert_eq!(a.uuid_v4(), b.uuid_v4());
        let system = Random::system();
        assert_ne!(system.token(), system.token());
    }

    #[test]
    fn ids_have_their_version_and_v7_keeps_time_order() {
        let random = Random::system();
        assert_eq!(random.uuid_v4().get_version_num(), 4);
        let early = random.uuid_v7(Timestamp::from_second(1_700_000_000).unwrap_or_default());
        let late = random.uuid_v7(Timestamp::from_second(1_800_000_000).unwrap_or_default());
        assert_eq!(early.get_version_num(), 7);
        assert!(early < late);
    }

    #[test]
    fn numbers_below_a_bound_stay_below_it_and_cover_it() {
        let random = Random::seeded(1);
        let seen: std::collections::BTreeSet<usize> = (0..400).map(|_| random.below(8)).collect();
        assert_eq!(seen, (0..8).collect());
    }
}
