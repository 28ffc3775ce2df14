//! Rate limits on guessing: staff sign-in, link-code entry, the mother's recovery code.
//!
//! Counters live in the database, so every server of a deployment counts the same attempts. An
//! attempt is counted per account (or code) together with the client's address, and per address:
//! a stranger guessing at an account uses up only his own tries, never the rightful person's from
//! her address (issue 16). The address is the client's, read through trusted proxies (see
//! `client_address`). Keys are stored hashed: the counter table never holds an address or a
//! username in clear.
//!
//! The window slides: each key is counted in [`GRIDS`] fixed windows whose starts are a third of a
//! window apart, and an attempt passes only while every one of them is under the limit. Any span
//! of two thirds of a window lies inside one of them, so no more than the limit get through in
//! any 10 minutes (a single fixed window let twice the limit through across its edge), and no more
//! than four times the limit in an hour. (A token bucket would need a store method that reads and
//! updates one row atomically; the store's counter is used as it is.)

use crate::http::visitor::secret_hash;
use crate::state::AppState;
use hangmat_store::StoreError;
use jiff::Timestamp;

/// One kind of attempt and how many a window allows.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub name: &'static str,
    /// Tries against one account (or code) from one address.
    pub max_attempts: u32,
    /// Tries from one address, whatever they are against.
    pub max_per_address: u32,
    pub window_minutes: i64,
}

/// Staff sign-in (password or second factor).
pub const SIGN_IN: Limit = Limit {
    name: "sign-in",
    max_attempts: 10,
    max_per_address: 30,
    window_minutes: 15,
};
/// A physiotherapist entering mothers' link codes.
pub const LINK_CODE: Limit = Limit {
    name: "link-code",
    max_attempts: 10,
    max_per_address: 30,
    window_minutes: 15,
};
/// A mother's recovery code on a new phone (each guess is another code: the address limits).
pub const RECOVERY: Limit = Limit {
    name: "recovery",
    max_attempts: 10,
    max_per_address: 10,
    window_minutes: 15,
};

/// A mother restoring her profile with a passkey (counted when a ceremony starts: each try needs one).
pub const PASSKEY_RESTORE: Limit = Limit {
    name: "passkey-restore",
    max_attempts: 10,
    max_per_address: 10,
    window_minutes: 15,
};

/// Every limit (their refusals are counted in the metrics).
pub const ALL: [Limit; 4] = [SIGN_IN, LINK_CODE, RECOVERY, PASSKEY_RESTORE];

/// How many offset fixed windows make the sliding one.
pub const GRIDS: i64 = 3;

/// The start of the window of grid `grid` (0..GRIDS) that holds `now`.
fn window_start(now: Timestamp, limit: Limit, grid: i64) -> Timestamp {
    let window_ms = limit.window_minutes * 60_000;
    let offset = grid * window_ms / GRIDS;
    let shifted = now.as_millisecond() - offset;
    let start = shifted - shifted.rem_euclid(window_ms) + offset;
    Timestamp::from_millisecond(start).unwrap_or(now)
}

/// Counts one attempt against `who` (an account, a code; empty for none) from `address`; false
/// when it goes over a limit.
pub async fn attempt(
    state: &AppState,
    limit: Limit,
    who: &str,
    address: &str,
) -> Result<bool, StoreError> {
    let mut keys = vec![(format!("address:{address}"), limit.max_per_address)];
    if !who.is_empty() {
        keys.push((format!("{who}|address:{address}"), limit.max_attempts));
    }
    let now = state.now();
    let mut allowed = true;
    for (key, max) in keys {
        let hashed = secret_hash(&key);
        for grid in 0..GRIDS {
            let bucket = format!("{}:{grid}:{hashed}", limit.name);
            let start = window_start(now, limit, grid);
            let count = state.store().count_attempt(&bucket, start).await?;
            allowed &= count <= max;
        }
    }
    if !allowed {
        crate::metrics::rate_limit_refused(limit.name);
    }
    Ok(allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grids_windows_start_a_third_apart() {
        let at: Timestamp = "2026-11-25T10:07:30Z"
            .parse()
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let starts: Vec<String> = (0..GRIDS)
            .map(|grid| window_start(at, SIGN_IN, grid).to_string())
            .collect();
        assert_eq!(
            starts,
            [
                "2026-11-25T10:00:00Z",
                "2026-11-25T10:05:00Z",
                "2026-11-25T09:55:00Z"
            ]
        );
        let later: Timestamp = "2026-11-25T10:12:00Z"
            .parse()
            .unwrap_or(Timestamp::UNIX_EPOCH);
        assert_eq!(
            window_start(later, SIGN_IN, 2).to_string(),
            "2026-11-25T10:10:00Z"
        );
    }
}
