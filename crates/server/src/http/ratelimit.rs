//! Rate limits on guessing: staff sign-in, link-code entry, the mother's recovery code.
//!
//! Counters live in the database (fixed windows), so every server of a deployment counts the same
//! attempts. Each attempt is counted per account (or code owner) AND per address, so neither many
//! addresses against one account nor one address against many accounts gets far. Keys are stored
//! hashed: the counter table never holds an address or a username in clear.

use crate::http::visitor::secret_hash;
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use hangmat_store::StoreError;
use jiff::Timestamp;
use std::convert::Infallible;
use std::net::SocketAddr;

/// One kind of attempt and how many a window allows.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub name: &'static str,
    pub max_attempts: u32,
    pub window_minutes: i64,
}

/// Staff sign-in (password or second factor).
pub const SIGN_IN: Limit = Limit {
    name: "sign-in",
    max_attempts: 10,
    window_minutes: 15,
};
/// A physiotherapist entering mothers' link codes.
pub const LINK_CODE: Limit = Limit {
    name: "link-code",
    max_attempts: 10,
    window_minutes: 15,
};
/// A mother's recovery code on a new phone.
pub const RECOVERY: Limit = Limit {
    name: "recovery",
    max_attempts: 10,
    window_minutes: 15,
};

/// A mother restoring her profile with a passkey (counted when a ceremony starts: each try needs one).
pub const PASSKEY_RESTORE: Limit = Limit {
    name: "passkey-restore",
    max_attempts: 10,
    window_minutes: 15,
};

/// The address a request came from (the socket's peer; "unknown" in tests without one).
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let address = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(|| "unknown".to_owned(), |info| info.0.ip().to_string());
        Ok(ClientAddress(address))
    }
}

fn window_start(now: Timestamp, limit: Limit) -> Timestamp {
    let window_ms = limit.window_minutes * 60_000;
    let start = now.as_millisecond() - now.as_millisecond().rem_euclid(window_ms);
    Timestamp::from_millisecond(start).unwrap_or(now)
}

/// Counts one attempt under each key (e.g. `account:anna`, `address:10.0.0.1`); false when any of
/// them went over the limit in this window.
pub async fn attempt(state: &AppState, limit: Limit, keys: &[String]) -> Result<bool, StoreError> {
    let start = window_start(state.now(), limit);
    let mut allowed = true;
    for key in keys {
        let bucket = format!("{}:{}", limit.name, secret_hash(key));
        let count = state.store().count_attempt(&bucket, start).await?;
        allowed &= count <= limit.max_attempts;
    }
    Ok(allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_start_on_their_boundary() {
        let at: Timestamp = "2026-11-25T10:07:30Z"
            .parse()
            .unwrap_or(Timestamp::UNIX_EPOCH);
        assert_eq!(
            window_start(at, SIGN_IN).to_string(),
            "2026-11-25T10:00:00Z"
        );
    }
}
