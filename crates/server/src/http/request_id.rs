//! A request id on every request: in each of its log lines, in the `X-Request-Id` answer header,
//! and on the error page or in the problem document, so a user can quote it to the help desk and
//! the operator can find that request's lines.
//!
//! The id is made here from the server's one random source. An id a client sends is taken only
//! from a trusted proxy (`network.trusted_proxies`, the same rule as for the client's address), so
//! the proxy's and the server's logs share it; anyone else could put text of their choosing in
//! the logs, so theirs is ignored. Ids are random, never derived from anything of hers.

use crate::http::client_address::is_trusted_proxy;
use crate::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use std::net::SocketAddr;

/// The header a trusted proxy may send an id in, and the answer carries it back in.
pub const HEADER: &str = "x-request-id";
/// The longest id accepted from a proxy.
const MAX_LEN: usize = 64;

/// This request's id (a request extension).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

/// Middleware, outside the log span: gives the request its id and answers with it.
pub async fn assign(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    let trusted = &state.config().network.trusted_proxies.0;
    let from_proxy = peer
        .filter(|peer| is_trusted_proxy(*peer, trusted))
        .and_then(|_| request.headers().get(HEADER))
        .and_then(|value| value.to_str().ok())
        .filter(|id| acceptable(id))
        .map(str::to_owned);
    let id = from_proxy.unwrap_or_else(|| new_id(&state));
    request.extensions_mut().insert(RequestId(id.clone()));
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(HEADER, value);
    }
    response
}

/// A new id: 16 hexadecimal characters (64 random bits).
fn new_id(state: &AppState) -> String {
    state
        .random()
        .bytes::<8>()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// A proxy's id goes into logs and pages: letters, digits, `-`, `_`, `.` only, and not too long.
fn acceptable(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_LEN
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_short_ids_are_taken_from_a_proxy() {
        assert!(acceptable("4bf92f3577b34da6a3ce929d0e0e4736"));
        assert!(acceptable("req-1.2_3"));
        assert!(!acceptable(""));
        assert!(!acceptable("a b"));
        assert!(!acceptable("<script>"));
        assert!(!acceptable(&"a".repeat(65)));
    }
}
