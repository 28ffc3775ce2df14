//! Durability as a test: the binary is killed with SIGKILL in the middle of a write load and
//! started again; every outcome it acknowledged must be stored. Several rounds on SQLite and on
//! PostgreSQL, and a SIGTERM round each under the same load (a clean stop drains what is in
//! flight, closes the database and exits 0 within the configured `server.shutdown_seconds`).

use crate::binary::Server;
use crate::harness::full_outcome;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const WRITERS: usize = 8;
const LOAD: Duration = Duration::from_millis(1500);

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

pub fn set_cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
}

/// A new mother on `server`: her cookie header.
pub async fn onboard(server: &Server) -> String {
    let client = client();
    let home = client
        .get(server.url("/"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let csrf = set_cookie(&home, "hangmat_csrf").unwrap_or_else(|| panic!("no csrf cookie"));
    let token = hangmat_server::http::csrf::token_for(csrf.trim_start_matches("hangmat_csrf="));
    let zone = TimeZone::get("Europe/Brussels").unwrap_or(TimeZone::UTC);
    let today = hangmat_core::timeline::local_date(Timestamp::now(), &zone);
    let birth = today
        .checked_sub(jiff::Span::new().days(10))
        .unwrap_or(today);
    let started = client
        .post(server.url("/start"))
        .header(reqwest::header::COOKIE, &csrf)
        .header("sec-fetch-site", "same-origin")
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(format!(
            "birth_date={birth}&tz=Europe%2FBrussels&lang=nl&csrf={token}"
        ))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let device = set_cookie(&started, "hangmat_device").unwrap_or_else(|| panic!("no device"));
    format!("{csrf}; {device}")
}

/// Writes outcomes from several writers until `stop`; returns the ids acknowledged (200/201).
pub fn write_load(
    server: &Server,
    cookie: &str,
    stop: Arc<AtomicBool>,
) -> (
    Arc<Mutex<Vec<uuid::Uuid>>>,
    Vec<tokio::task::JoinHandle<()>>,
) {
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let now = Timestamp::now();
    let outcome = full_outcome(
        &(now - SignedDuration::from_mins(20)).to_string(),
        &(now - SignedDuration::from_mins(14)).to_string(),
    );
    let writers = (0..WRITERS)
        .map(|_| {
            let (acknowledged, stop) = (acknowledged.clone(), stop.clone());
            let (base, cookie, outcome) = (
                server.url("/api/outcomes/"),
                cookie.to_owned(),
                outcome.clone(),
            );
            tokio::spawn(async move {
                let client = client();
                while !stop.load(Ordering::Relaxed) {
                    let id = uuid::Uuid::new_v4();
                    let answer = client
                        .put(format!("{base}{id}"))
                        .header(reqwest::header::COOKIE, &cookie)
                        .header(reqwest::header::CONTENT_TYPE, "application/json")
                        .header("sec-fetch-site", "same-origin")
                        .body(outcome.clone())
                        .send()
                        .await;
                    match answer {
                        Ok(response) if response.status().is_success() => {
                            if let Ok(mut ids) = acknowledged.lock() {
                                ids.push(id);
                            }
                        }
                        Ok(_) => {}
                        Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
                    }
                }
            })
        })
        .collect();
    (acknowledged, writers)
}

/// The outcome ids her export holds.
pub async fn stored_ids(server: &Server, cookie: &str) -> BTreeSet<uuid::Uuid> {
    let export = client()
        .get(server.url("/settings/export"))
        .header(reqwest::header::COOKIE, cookie)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let text = export.text().await.unwrap_or_else(|e| panic!("{e}"));
    let json: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    json["session_outcomes"]
        .as_array()
        .unwrap_or_else(|| panic!("no outcomes in {json}"))
        .iter()
        .filter_map(|o| o["id"].as_str().and_then(|id| id.parse().ok()))
        .collect()
}

#[derive(Debug, Clone, Copy)]
enum Stop {
    Kill,
    Terminate,
}

/// Rounds of load, stop, restart, check; returns (acknowledged, found) summed over the rounds.
async fn rounds(
    backend: &str,
    data: &std::path::Path,
    extra: &[&str],
    stops: &[Stop],
) -> (usize, usize) {
    let mut server = Server::start(data, extra, None);
    let cookie = onboard(&server).await;
    let mut all_acknowledged = BTreeSet::new();
    for (round, stop_with) in stops.iter().enumerate() {
        let stop = Arc::new(AtomicBool::new(false));
        let (acknowledged, writers) = write_load(&server, &cookie, stop.clone());
        tokio::time::sleep(LOAD).await;
        match stop_with {
            Stop::Kill => {
                let _ = server.child.kill();
                let _ = server.child.wait();
            }
            Stop::Terminate => {
                let pid = i32::try_from(server.child.id()).unwrap_or(i32::MAX);
                // SAFETY: sends a signal to our own child process.
                unsafe { libc::kill(pid, libc::SIGTERM) };
                let signalled = std::time::Instant::now();
                // The default limit, and a little for the process to end after it.
                let limit = hangmat_server::config::ServerConfig::default().shutdown_timeout()
                    + Duration::from_secs(2);
                let mut status = None;
                while signalled.elapsed() < limit {
                    if let Ok(Some(exit)) = server.child.try_wait() {
                        status = Some(exit);
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                let status = status.unwrap_or_else(|| panic!("no clean stop within {limit:?}"));
                assert!(status.success(), "a clean stop exits 0: {status:?}");
                eprintln!("{backend}: stopped {:?} after SIGTERM", signalled.elapsed());
            }
        }
        stop.store(true, Ordering::Relaxed);
        for writer in writers {
            let _ = writer.await;
        }
        let acked: Vec<uuid::Uuid> = acknowledged
            .lock()
            .map(|ids| ids.clone())
            .unwrap_or_default();
        assert!(!acked.is_empty(), "round {round}: nothing was acknowledged");
        all_acknowledged.extend(acked.iter().copied());
        server = Server::start(data, extra, None);
        let found = stored_ids(&server, &cookie).await;
        let lost: Vec<_> = all_acknowledged.difference(&found).collect();
        eprintln!(
            "{backend}: {stop_with:?} round {round}: {} acknowledged this round, {} in all, {} stored, {} lost",
            acked.len(),
            all_acknowledged.len(),
            found.len(),
            lost.len()
        );
        assert!(
            lost.is_empty(),
            "round {round}: acknowledged but lost: {lost:?}"
        );
    }
    let found = stored_ids(&server, &cookie).await;
    (
        all_acknowledged.len(),
        found.intersection(&all_acknowledged).count(),
    )
}

const STOPS: [Stop; 4] = [Stop::Kill, Stop::Kill, Stop::Kill, Stop::Terminate];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_outcome_survives_a_kill_on_sqlite() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (acknowledged, found) = rounds("SQLite", dir.path(), &[], &STOPS).await;
    assert_eq!(found, acknowledged);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_outcome_survives_a_kill_on_postgresql() {
    let base = crate::postgres::database_url();
    let name = format!("hangmat_kill_{}", uuid::Uuid::new_v4().simple());
    let created = std::process::Command::new("psql")
        .arg(&base)
        .args(["-qc", &format!("CREATE DATABASE {name}")])
        .status()
        .unwrap_or_else(|e| panic!("psql: {e}"));
    assert!(created.success(), "CREATE DATABASE {name}");
    let url = match base.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("{base}: no database in the URL"),
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (acknowledged, found) =
        rounds("PostgreSQL", dir.path(), &["--database", &url], &STOPS).await;
    let _ = std::process::Command::new("psql")
        .arg(&base)
        .args([
            "-qc",
            &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        ])
        .status();
    assert_eq!(found, acknowledged);
}
