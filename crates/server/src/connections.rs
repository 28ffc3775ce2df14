//! Accepting connections so that slow or idle clients cannot take the server down.
//!
//! `axum::serve` waits for a request's head for as long as a client cares to send it and accepts
//! until the process runs out of file descriptors; a few hundred clients that send half a header
//! and wait kept the server from answering anyone (issue 16). Here each connection gets a time
//! limit for its request head, which is also the limit for an idle kept-alive connection (hyper
//! times a head from the moment it waits for one); the router adds a limit on each request as a
//! whole, body included ([`REQUEST_TIMEOUT`]). Connections are capped below the open-file limit,
//! which is raised to what the system allows at start, so `accept` never fails for want of
//! descriptors and the database, logs and assets keep theirs. HTTP/1.1 only: browsers reach the
//! server over plain HTTP/1.1 or through a TLS proxy that speaks HTTP/1.1 to it.

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::Service;

/// How long a client may take to send a request's head, and how long a kept-alive connection may
/// sit idle before the next one. Phones on a bad network send a head in well under a second.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one request may take as a whole, its body included (the router answers 408 after).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Descriptors kept back from connections: the database pool, the log, the data directory.
const RESERVED_FILES: u64 = 128;
/// The most connections held at once, whatever the open-file limit allows.
pub const MAX_CONNECTIONS: usize = 10_000;

/// The limits one server holds its connections to.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_connections: usize,
    pub head_timeout: Duration,
}

impl Limits {
    /// The production limits under an open-file limit of `open_files`.
    pub fn for_open_files(open_files: u64) -> Self {
        let usable = open_files.saturating_sub(RESERVED_FILES).max(1);
        Self {
            max_connections: usize::try_from(usable)
                .unwrap_or(MAX_CONNECTIONS)
                .min(MAX_CONNECTIONS),
            head_timeout: HEAD_TIMEOUT,
        }
    }
}

/// Raises the soft open-file limit to the hard one where the system allows it, and returns the
/// limit in force afterwards (`None` where it cannot be read).
#[cfg(unix)]
pub fn raise_open_file_limit() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct we own; RLIMIT_NOFILE is a valid resource.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        return None;
    }
    if limit.rlim_cur < limit.rlim_max {
        let raised = libc::rlimit {
            rlim_cur: limit.rlim_max,
            rlim_max: limit.rlim_max,
        };
        // SAFETY: setrlimit reads the struct we own; a refusal leaves the limit as it was.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
            limit = raised;
        }
    }
    // rlim_t is u64 on Linux and macOS, but not on every unix.
    #[allow(clippy::useless_conversion)]
    u64::try_from(limit.rlim_cur).ok()
}

#[cfg(not(unix))]
pub fn raise_open_file_limit() -> Option<u64> {
    None
}

/// Serves `router` on `listener` within `limits` until `shutdown` completes, then stops accepting
/// and drains the requests in flight until `drain_deadline` (idle kept-alive connections close at
/// once).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send,
    drain_deadline: impl FnOnce() -> tokio::time::Instant,
) {
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut last_full_warning: Option<Instant> = None;
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(error) => {
                // Out of descriptors despite the cap, or a connection reset before accept: wait a
                // little rather than spin.
                tracing::warn!(error = %error, "accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            // Full: close at once, so the descriptor comes back; held ones time out on their own.
            if last_full_warning.is_none_or(|at| at.elapsed() > Duration::from_secs(60)) {
                tracing::warn!(
                    max = limits.max_connections,
                    "connection limit reached; new connections are closed"
                );
                last_full_warning = Some(Instant::now());
            }
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            let mut router = router.clone();
            async move { router.call(request).await }
        });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.head_timeout)
            .keep_alive(true)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(error = %error, "connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    tracing::info!("stopping: no new connections; finishing the requests in flight");
    if tokio::time::timeout_at(drain_deadline(), graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("requests still in flight after the drain timeout; stopping anyway");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_stay_below_the_open_file_limit() {
        assert_eq!(Limits::for_open_files(1024).max_connections, 896);
        assert_eq!(
            Limits::for_open_files(1_048_576).max_connections,
            MAX_CONNECTIONS
        );
        assert_eq!(Limits::for_open_files(16).max_connections, 1);
    }
}
