//! Metrics for the people who run Hangmat, in the Prometheus text format, on their own address.
//!
//! A hospital's IT watches its services with Prometheus: it wants to see requests and their
//! latency, whether outcomes are written and reminders go out, and when something refuses. The
//! metrics answer on a separate listener (`--metrics-listen`, config `metrics.listen`), off by
//! default and never on the public port: what a deployment's traffic looks like is not for the
//! internet. No label holds anything of a person: routes are templates (`/api/outcomes/{id}`),
//! never paths, and the other labels are fixed words or HTTP status codes.
//!
//! Every metric is named here and recorded through these functions, so the list below is the
//! whole catalogue. Without a listener no recorder is installed and recording costs nothing.

use anyhow::Context;
use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

const REQUESTS: &str = "hangmat_http_requests_total";
const REQUEST_SECONDS: &str = "hangmat_http_request_duration_seconds";
const OUTCOME_WRITES: &str = "hangmat_outcome_writes_total";
/// Recorded by the stores (see `hangmat_store::metrics`).
use hangmat_store::metrics::{BATCH_SIZE, BATCH_WAIT, POOL_WAIT};
const REMINDERS: &str = "hangmat_reminders_total";
const REMINDER_LATENESS: &str = "hangmat_reminder_lateness_seconds";
const PUSH_ANSWERS: &str = "hangmat_push_answers_total";
const RATE_LIMIT_REFUSALS: &str = "hangmat_rate_limit_refusals_total";
const BUILD_INFO: &str = "hangmat_build_info";

/// A reminder later than this after its due time counts as late.
pub const LATE_AFTER: Duration = Duration::from_secs(60);

/// Installs the recorder and serves `GET /metrics` on `listen` until the process ends;
/// `rate_limits` names the limits whose refusals are counted (their series start at 0).
pub async fn serve(listen: SocketAddr, rate_limits: &[&'static str]) -> anyhow::Result<()> {
    let latency = [
        0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0,
    ];
    let sizes = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0];
    let lateness = [1.0, 10.0, 60.0, 300.0, 1800.0, 3600.0];
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.into()), &latency)?
        .set_buckets_for_metric(Matcher::Full(BATCH_WAIT.into()), &latency)?
        .set_buckets_for_metric(Matcher::Full(POOL_WAIT.into()), &latency)?
        .set_buckets_for_metric(Matcher::Full(BATCH_SIZE.into()), &sizes)?
        .set_buckets_for_metric(Matcher::Full(REMINDER_LATENESS.into()), &lateness)?
        .install_recorder()
        .context("cannot install the metrics recorder")?;
    describe();
    start_at_zero(rate_limits);
    metrics::gauge!(BUILD_INFO, "version" => env!("CARGO_PKG_VERSION")).set(1.0);
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen for metrics on {listen}"))?;
    let address = listener.local_addr()?;
    // Tests wait for this line to know the port (with --metrics-listen 127.0.0.1:0).
    println!("hangmat metrics on http://{address}/metrics");
    tracing::info!(%address, "metrics listening");
    let app = axum::Router::new().route(
        "/metrics",
        get(move || {
            let handle = handle.clone();
            async move {
                handle.run_upkeep();
                (
                    [(
                        axum::http::header::CONTENT_TYPE,
                        "text/plain; version=0.0.4; charset=utf-8",
                    )],
                    handle.render(),
                )
            }
        }),
    );
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::warn!(error = %error, "the metrics listener stopped");
        }
    });
    Ok(())
}

fn describe() {
    use metrics::{Unit, describe_counter, describe_gauge, describe_histogram};
    describe_counter!(
        REQUESTS,
        "HTTP requests answered, by route template and status"
    );
    describe_histogram!(
        REQUEST_SECONDS,
        Unit::Seconds,
        "Time to answer a request, by route template"
    );
    describe_counter!(
        OUTCOME_WRITES,
        "Session outcomes written: created, already there (a retry), refused"
    );
    describe_histogram!(BATCH_SIZE, "Outcomes per SQLite group commit");
    describe_histogram!(
        BATCH_WAIT,
        Unit::Seconds,
        "Time an outcome waited for the database writer (SQLite group commit)"
    );
    describe_histogram!(
        POOL_WAIT,
        Unit::Seconds,
        "Time a query waited for a pooled database connection"
    );
    describe_counter!(
        REMINDERS,
        "Reminders by what became of them: due, sent, failed, late"
    );
    describe_histogram!(
        REMINDER_LATENESS,
        Unit::Seconds,
        "How long after its due time a reminder was handled"
    );
    describe_counter!(PUSH_ANSWERS, "Push services' answers, by HTTP status");
    describe_counter!(RATE_LIMIT_REFUSALS, "Attempts refused by a rate limit");
    describe_gauge!(BUILD_INFO, "The running build; always 1");
}

/// Series with fixed labels start at 0, so a dashboard or alert sees them before the first event
/// (a rate-limit refusal or a failed reminder may not happen for days).
fn start_at_zero(rate_limits: &[&'static str]) {
    for limit in rate_limits {
        metrics::counter!(RATE_LIMIT_REFUSALS, "limit" => *limit).absolute(0);
    }
    for what in [
        Reminder::Due,
        Reminder::Sent,
        Reminder::Failed,
        Reminder::Late,
    ] {
        reminders(what, 0);
    }
    for write in [
        OutcomeWrite::Created,
        OutcomeWrite::AlreadyThere,
        OutcomeWrite::Refused,
    ] {
        metrics::counter!(OUTCOME_WRITES, "result" => write.label()).absolute(0);
    }
}

/// Middleware: counts and times each request under its route template (a path that matched no
/// route is "unmatched", so a scan of random URLs adds no series).
pub async fn track_requests(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |path| path.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::histogram!(REQUEST_SECONDS, "route" => route.clone(), "method" => method.clone())
        .record(started.elapsed());
    metrics::counter!(REQUESTS, "route" => route, "method" => method, "status" => status)
        .increment(1);
    response
}

/// What became of a session outcome's write.
#[derive(Debug, Clone, Copy)]
pub enum OutcomeWrite {
    Created,
    AlreadyThere,
    Refused,
}

impl OutcomeWrite {
    fn label(self) -> &'static str {
        match self {
            OutcomeWrite::Created => "created",
            OutcomeWrite::AlreadyThere => "already-there",
            OutcomeWrite::Refused => "refused",
        }
    }
}

pub fn outcome_written(write: OutcomeWrite) {
    metrics::counter!(OUTCOME_WRITES, "result" => write.label()).increment(1);
}

/// What became of a reminder.
#[derive(Debug, Clone, Copy)]
pub enum Reminder {
    Due,
    Sent,
    Failed,
    Late,
}

pub fn reminders(what: Reminder, count: usize) {
    let kind = match what {
        Reminder::Due => "due",
        Reminder::Sent => "sent",
        Reminder::Failed => "failed",
        Reminder::Late => "late",
    };
    metrics::counter!(REMINDERS, "result" => kind).increment(count as u64);
}

/// A reminder handled `lateness` after its due time (counted late past [`LATE_AFTER`]).
pub fn reminder_lateness(lateness: Duration) {
    metrics::histogram!(REMINDER_LATENESS).record(lateness);
    if lateness > LATE_AFTER {
        reminders(Reminder::Late, 1);
    }
}

/// A push service's answer: its status code, or `None` when it did not answer.
pub fn push_answer(status: Option<u16>) {
    let status = status.map_or_else(|| "none".to_owned(), |s| s.to_string());
    metrics::counter!(PUSH_ANSWERS, "status" => status).increment(1);
}

/// An attempt a rate limit refused; `limit` is the limit's fixed name (`sign-in`, …).
pub fn rate_limit_refused(limit: &'static str) {
    metrics::counter!(RATE_LIMIT_REFUSALS, "limit" => limit).increment(1);
}
