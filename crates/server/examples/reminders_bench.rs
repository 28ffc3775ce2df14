//! `bench/run reminders`: 100,000 reminders due in the same minute, encrypted (RFC 8291) and sent
//! with VAPID (RFC 8292) by the real scheduler to a push service double on this machine.
//!
//! It fills a fresh store (SQLite in a temporary directory, or PostgreSQL with `--database`) with
//! mothers who each have one browser subscription and one moment due at the same instant, starts
//! the scheduler as `hangmat serve` does, and measures when each message reaches the double:
//! lateness = arrival - due time. The double answers 201 at once and decrypts one message in 500
//! (checking the text), so its own cost stays small beside the server's. Prints lines, then one
//! JSON object on the last line.

// The benchmark's push-service double makes its own keys and ids; the ban on random values
// outside `random::Random` holds the server's own code.
#![allow(clippy::disallowed_methods)]

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hangmat_core::Programme;
use hangmat_core::programme::BROCHURE_PROGRAMME;
use hangmat_server::clock::{Clock, SystemClock};
use hangmat_server::config::{Config, EXAMPLE_CONFIG};
use hangmat_server::notify::push::{PushSender, deployment_key};
use hangmat_server::notify::scheduler::Scheduler;
use hangmat_server::state::AppState;
use hangmat_store::{Profile, ProfileId, PushSubscription, Store};
use rand::RngCore;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use web_push_native::p256::SecretKey;
use web_push_native::p256::elliptic_curve::sec1::ToEncodedPoint;
use web_push_native::{Auth, decrypt};

/// Browser key pairs shared by the subscriptions (the server's cost per message is the same).
const BROWSER_KEYS: usize = 32;
/// One message in this many is decrypted by the double and checked.
const CHECK_EVERY: usize = 500;

struct Double {
    started: Instant,
    arrivals_ms: Mutex<Vec<f64>>,
    count: AtomicUsize,
    /// The subscriptions that got a message, and how many got one again (never, if the servers
    /// share the work as they should).
    seen: Mutex<std::collections::HashSet<usize>>,
    again: AtomicUsize,
    checked: AtomicUsize,
    bad: AtomicUsize,
    keys: Vec<(SecretKey, Auth)>,
}

async fn receive(
    State(double): State<Arc<Double>>,
    axum::extract::Path(id): axum::extract::Path<usize>,
    body: Bytes,
) -> StatusCode {
    let arrival = double.started.elapsed().as_secs_f64() * 1000.0;
    if double.seen.lock().is_ok_and(|mut seen| !seen.insert(id)) {
        double.again.fetch_add(1, Ordering::Relaxed);
        return StatusCode::CREATED;
    }
    let n = double.count.fetch_add(1, Ordering::Relaxed);
    if let Ok(mut arrivals) = double.arrivals_ms.lock() {
        arrivals.push(arrival);
    }
    if n % CHECK_EVERY == 0 {
        let (secret, auth) = &double.keys[id % BROWSER_KEYS];
        let ok = decrypt(body.to_vec(), secret, auth)
            .ok()
            .and_then(|plain| serde_json::from_slice::<serde_json::Value>(&plain).ok())
            .is_some_and(|message| message["title"] == "Hangmat" && message["lang"] == "nl");
        let counter = if ok { &double.checked } else { &double.bad };
        counter.fetch_add(1, Ordering::Relaxed);
    }
    StatusCode::CREATED
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// An `Etc/GMT±N` zone in which `at` falls in the early afternoon, outside the default quiet hours.
fn afternoon_zone(at: jiff::Timestamp) -> String {
    let utc_hour = i64::from(jiff::tz::TimeZone::UTC.to_datetime(at).hour());
    let offset = (14 - utc_hour).clamp(-12, 14);
    // Etc/GMT has the POSIX sign: Etc/GMT-2 is UTC+2.
    match offset {
        0 => "Etc/GMT".to_owned(),
        n if n > 0 => format!("Etc/GMT-{n}"),
        n => format!("Etc/GMT+{}", -n),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut reminders = 100_000usize;
    let mut database: Option<String> = None;
    // Servers sending at once, each with its own pool (PostgreSQL only: they share the work
    // through the database's claims, as several `hangmat serve` do).
    let mut servers = 1usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--reminders" => reminders = args.next().unwrap_or_default().parse()?,
            "--database" => database = args.next(),
            "--servers" => servers = args.next().unwrap_or_default().parse()?,
            other => anyhow::bail!("unknown argument {other}"),
        }
    }
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let dir = tempfile::tempdir()?;
    let (store, backend): (Arc<dyn Store>, &str) = match &database {
        Some(url) => (
            Arc::new(hangmat_server::serve::open_postgres(url).await?),
            "postgresql",
        ),
        None => (
            Arc::new(
                hangmat_store_sqlite::SqliteStore::open(&dir.path().join("hangmat.sqlite")).await?,
            ),
            "sqlite",
        ),
    };

    // The push service double.
    let mut keys = Vec::new();
    while keys.len() < BROWSER_KEYS {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        if let Ok(secret) = SecretKey::from_slice(&bytes) {
            let mut auth = Auth::default();
            rand::rng().fill_bytes(&mut auth);
            keys.push((secret, auth));
        }
    }
    let browser_keys: Vec<(String, String)> = keys
        .iter()
        .map(|(secret, auth)| {
            (
                URL_SAFE_NO_PAD.encode(secret.public_key().to_encoded_point(false).as_bytes()),
                URL_SAFE_NO_PAD.encode(auth),
            )
        })
        .collect();
    let double = Arc::new(Double {
        started: Instant::now(),
        arrivals_ms: Mutex::new(Vec::with_capacity(reminders)),
        count: AtomicUsize::new(0),
        seen: Mutex::new(std::collections::HashSet::with_capacity(reminders)),
        again: AtomicUsize::new(0),
        checked: AtomicUsize::new(0),
        bad: AtomicUsize::new(0),
        keys,
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let push_base = format!("http://{}", listener.local_addr()?);
    let app = Router::new()
        .route("/push/{id}", post(receive))
        .with_state(double.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });

    // The mothers: one subscription and one moment each, all due at the same instant.
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let setup_started = Instant::now();
    let zone = afternoon_zone(clock.now());
    let today = hangmat_core::timeline::local_date(
        clock.now(),
        &jiff::tz::TimeZone::get(&zone).unwrap_or(jiff::tz::TimeZone::UTC),
    );
    let birth = today.checked_sub(jiff::Span::new().days(20))?;
    eprintln!("filling the {backend} store with {reminders} mothers (zone {zone})");
    let placeholder_due = clock.now() + jiff::SignedDuration::from_hours(1);
    let next = Arc::new(AtomicUsize::new(0));
    let mut fillers = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (store, next, zone, keys, push_base) = (
            store.clone(),
            next.clone(),
            zone.clone(),
            browser_keys.clone(),
            push_base.clone(),
        );
        let created_at = clock.now();
        fillers.spawn(async move {
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= reminders {
                    return Ok::<_, anyhow::Error>(());
                }
                let profile = Profile {
                    id: ProfileId(uuid::Uuid::from_u128(n as u128 + 1)),
                    created_at,
                    language: "nl".into(),
                    birth_date: birth,
                    time_zone: zone.clone(),
                };
                store
                    .create_profile(&profile, &format!("bench-{n}"))
                    .await?;
                let (p256dh, auth) = &keys[n % BROWSER_KEYS];
                let subscription = PushSubscription {
                    endpoint: format!("{push_base}/push/{n}"),
                    p256dh: p256dh.clone(),
                    auth: auth.clone(),
                };
                store
                    .save_push_subscription(profile.id, &subscription, created_at)
                    .await?;
                store
                    .set_reminder_due(profile.id, "moment-0", placeholder_due)
                    .await?;
            }
        });
    }
    while let Some(done) = fillers.join_next().await {
        done??;
    }
    // Now put every reminder at one instant a few seconds ahead (one statement per mother is
    // what a real day looks like too; the scheduler only sees the queue).
    let due = clock.now() + jiff::SignedDuration::from_secs(3);
    for n in 0..reminders {
        store
            .set_reminder_due(
                ProfileId(uuid::Uuid::from_u128(n as u128 + 1)),
                "moment-0",
                due,
            )
            .await?;
    }
    eprintln!(
        "store filled in {:.1} s; {reminders} reminders due at {due}",
        setup_started.elapsed().as_secs_f64()
    );

    // The scheduler, as `hangmat serve` starts it.
    let programme = Programme::from_toml(BROCHURE_PROGRAMME, "brochure")?;
    let config = Config::parse(EXAMPLE_CONFIG, "example")?;
    let contact = config.reminders.contact.clone().unwrap_or_default();
    // No staff here: any key will do.
    let secret_key = hangmat_server::secret_key::SecretKey::generate();
    let state = AppState::new(
        store.clone(),
        programme.clone(),
        config.clone(),
        clock.clone(),
        secret_key.clone(),
    )?;
    let key = deployment_key(state.store(), clock.now()).await?;
    let sender = Arc::new(PushSender::new(
        key,
        contact,
        hangmat_server::notify::endpoints::PushEndpoints::local_double(),
    )?);
    let mut schedulers = vec![Scheduler::new(state, sender.clone(), "bench-1")];
    for server in 2..=servers {
        let Some(url) = &database else {
            anyhow::bail!("--servers needs --database: one SQLite file has one server");
        };
        let store: Arc<dyn Store> = Arc::new(hangmat_server::serve::open_postgres(url).await?);
        let state = AppState::new(
            store,
            programme.clone(),
            config.clone(),
            clock.clone(),
            secret_key.clone(),
        )?;
        schedulers.push(Scheduler::new(
            state,
            sender.clone(),
            &format!("bench-{server}"),
        ));
    }
    let due_instant =
        Instant::now() + Duration::try_from(due.duration_since(clock.now())).unwrap_or_default();
    let running: Vec<_> = schedulers
        .into_iter()
        .map(|scheduler| tokio::spawn(scheduler.run()))
        .collect();
    let deadline = due_instant + Duration::from_secs(300);
    while double.count.load(Ordering::Relaxed) < reminders && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for server in &running {
        server.abort();
    }
    let again = double.again.load(Ordering::Relaxed);

    let due_ms = due_instant.duration_since(double.started).as_secs_f64() * 1000.0;
    let mut lateness: Vec<f64> = double
        .arrivals_ms
        .lock()
        .map(|arrivals| arrivals.iter().map(|a| a - due_ms).collect())
        .unwrap_or_default();
    lateness.sort_by(f64::total_cmp);
    let sent = lateness.len();
    let last_s = lateness.last().copied().unwrap_or(f64::NAN) / 1000.0;
    let p50 = percentile(&lateness, 50.0);
    let p99 = percentile(&lateness, 99.0);
    let (checked, bad) = (
        double.checked.load(Ordering::Relaxed),
        double.bad.load(Ordering::Relaxed),
    );
    println!(
        "reminders due at one instant: {reminders} ({backend}, {servers} server(s), {cores} cores)"
    );
    println!(
        "sent and received: {sent}; sent twice: {again}; decrypted and checked: {checked}, bad: {bad}"
    );
    println!("all sent within: {last_s:.1} s of the due time (goal 60 s)");
    println!(
        "lateness p50 {:.1} s, p99 {:.1} s",
        p50 / 1000.0,
        p99 / 1000.0
    );
    let json = serde_json::json!({
        "bench": "reminders",
        "backend": backend,
        "servers": servers,
        "sent_twice": again,
        "cores": cores,
        "reminders": reminders,
        "sent": sent,
        "checked": checked,
        "bad": bad,
        "all_sent_s": (last_s * 10.0).round() / 10.0,
        "lateness_p50_s": (p50 / 100.0).round() / 10.0,
        "lateness_p99_s": (p99 / 100.0).round() / 10.0,
        "goal_s": 60,
        "goal_met": sent == reminders && again == 0 && bad == 0 && last_s <= 60.0,
    });
    println!("{json}");
    Ok(())
}
