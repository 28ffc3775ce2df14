//! The same Hangmat on PostgreSQL: several servers on one database, the road from SQLite, the
//! schema kept in step, and an outage ridden out without losing what was acknowledged.
//! PostgreSQL comes from HANGMAT_TEST_DATABASE_URL, else the local server; none is a failure.

use crate::harness::{NOW, TestApp, app_on, at, full_outcome, profile_of};
use crate::portal_care::{link, signed_in_staff};
use axum::http::StatusCode;
use hangmat_core::policy::StaffRole;
use hangmat_core::programme::BROCHURE_PROGRAMME;
use hangmat_server::clock::ManualClock;
use hangmat_server::migrate::transfer;
use hangmat_store::{AuditRepo, DEPLOYMENT_TABLES, LinkRepo, ReminderRepo, TABLES, Transfer};
use hangmat_store_postgres::PgStore;
use hangmat_store_sqlite::SqliteStore;
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

pub(crate) fn database_url() -> String {
    std::env::var("HANGMAT_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

pub(crate) fn fresh_schema() -> String {
    format!("hangmat_it_{}", uuid::Uuid::new_v4().simple())
}

pub(crate) async fn pg_store(url: &str, schema: &str) -> PgStore {
    match PgStore::connect_in_schema(url, schema).await {
        Ok(store) => store,
        Err(error) => panic!("PostgreSQL at {url} did not answer: {error}"),
    }
}

pub(crate) fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

async fn pg_app(schema: &str, clock: Arc<ManualClock>) -> TestApp {
    let store = pg_store(&database_url(), schema).await;
    app_on(Arc::new(store), BROCHURE_PROGRAMME, clock, temp_dir())
}

/// A test app alone on a fresh PostgreSQL schema (what `harness::app` is on SQLite).
pub async fn fresh_pg_app() -> TestApp {
    pg_app(&fresh_schema(), Arc::new(ManualClock::at(at(NOW)))).await
}

const PAGES: [&str; 4] = ["/today", "/session", "/progress", "/settings"];

#[tokio::test]
async fn two_servers_on_one_database_behave_as_one_service() {
    let schema = fresh_schema();
    let clock = Arc::new(ManualClock::at(at(NOW)));
    let first = pg_app(&schema, clock.clone()).await;
    let second = pg_app(&schema, clock.clone()).await;
    // Onboarding on the first server; her cookie works on the second.
    let (cookie, code) = first.onboard("2026-11-10").await;
    assert_eq!(
        second.get("/today", Some(&cookie)).await.status,
        StatusCode::OK
    );
    let id = "0193b7a0-0000-7000-8000-000000000001";
    let outcome = full_outcome("2026-11-25T09:00:00Z", "2026-11-25T09:06:00Z");
    assert_eq!(
        second
            .put_json(&format!("/api/outcomes/{id}"), Some(&cookie), &outcome)
            .await
            .status,
        StatusCode::CREATED
    );
    // The retry lands on the other server and still counts once.
    assert_eq!(
        first
            .put_json(&format!("/api/outcomes/{id}"), Some(&cookie), &outcome)
            .await
            .status,
        StatusCode::OK
    );
    first
        .post_form(
            "/coordination",
            Some(&cookie),
            "id=0193b7a0-0000-7000-8000-0000000000aa",
        )
        .await;
    second
        .post_form("/settings/hold", Some(&cookie), "hold_counts=6")
        .await;
    for path in PAGES {
        let (a, b) = (
            first.get(path, Some(&cookie)).await,
            second.get(path, Some(&cookie)).await,
        );
        assert_eq!(a.status, StatusCode::OK, "{path}");
        assert_eq!(a.body, b.body, "{path} answers the same from either server");
    }
    assert!(
        first
            .get("/today", Some(&cookie))
            .await
            .contains("data-count=\"contractions\">21<")
    );
    // A recovery code made on one server restores on the other.
    let restored = second
        .post_form("/restore", None, &format!("code={code}"))
        .await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn migrate_data_moves_every_row_and_every_page_answers_as_before() {
    let clock = Arc::new(ManualClock::at(at(NOW)));
    let dir = temp_dir();
    let sqlite = match SqliteStore::open(&dir.path().join("hangmat.sqlite")).await {
        Ok(store) => Arc::new(store),
        Err(error) => panic!("{error}"),
    };
    let before = app_on(sqlite.clone(), BROCHURE_PROGRAMME, clock.clone(), dir);
    let mut mothers = Vec::new();
    for (n, birth) in ["2026-11-10", "2026-11-20", "2026-10-01"]
        .iter()
        .enumerate()
    {
        let (cookie, _) = before.onboard(birth).await;
        for day in 20..=25 {
            let id = format!("0193b7a0-0000-7000-8000-0000000{n}{day:04}");
            let outcome = full_outcome(
                &format!("2026-11-{day}T08:00:00Z"),
                &format!("2026-11-{day}T08:06:00Z"),
            );
            before
                .put_json(&format!("/api/outcomes/{id}"), Some(&cookie), &outcome)
                .await;
        }
        before
            .post_form(
                "/coordination",
                Some(&cookie),
                &format!("id=0193b7a0-0000-7000-8000-0000000000{n}0"),
            )
            .await;
        before
            .post_form(
                "/leaks",
                Some(&cookie),
                &format!("id=0193b7a0-0000-7000-8000-0000000000{n}1"),
            )
            .await;
        before.post_form("/diary/start", Some(&cookie), "").await;
        before
            .post_form(
                "/diary/entries",
                Some(&cookie),
                "kind=void&volume=250&day=2026-11-25&time=11:00&urgency=1",
            )
            .await;
        before
            .post_form(
                "/settings/hold",
                Some(&cookie),
                &format!("hold_counts={}", 4 + n),
            )
            .await;
        mothers.push(cookie);
    }
    // The deployment's side: staff accounts (a physiotherapist and an admin, signed in), her link
    // to the physiotherapist, the audit line of his reading her page, the VAPID key.
    let (physio, physio_cookie) =
        signed_in_staff(sqlite.as_ref(), 1, "An", StaffRole::Physiotherapist).await;
    signed_in_staff(sqlite.as_ref(), 2, "Ann Admin", StaffRole::Admin).await;
    let first = profile_of(&before, &mothers[0]).await;
    let link = link(sqlite.as_ref(), first, physio, "Dossier 17").await;
    let her_page = format!("/portal/mothers/{}", link.0);
    let read = before.get(&her_page, Some(&physio_cookie)).await;
    assert_eq!(read.status, StatusCode::OK);
    let vapid = sqlite
        .vapid_private_key_or_insert("the-source-vapid-key", at(NOW))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let source_counts = sqlite.row_counts().await.unwrap_or_else(|e| panic!("{e}"));
    // The count check covers every table the schema has.
    let schema_tables: BTreeSet<String> = sqlite
        .columns()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|(table, _)| table)
        .collect();
    let counted: BTreeSet<String> = TABLES
        .into_iter()
        .chain(DEPLOYMENT_TABLES)
        .map(str::to_owned)
        .collect();
    assert_eq!(schema_tables, counted);

    let schema = fresh_schema();
    let postgres = pg_store(&database_url(), &schema).await;
    let report = match transfer(sqlite.as_ref(), &postgres).await {
        Ok(report) => report,
        Err(error) => panic!("transfer: {error:#}"),
    };
    assert_eq!(report.counts, source_counts);
    assert_eq!(report.counts.get("profiles"), Some(&3));
    assert_eq!(report.counts.get("session_outcomes"), Some(&18));
    assert_eq!(report.counts.get("outcome_parts"), Some(&36));
    assert_eq!(report.counts.get("staff_accounts"), Some(&2));
    assert_eq!(report.counts.get("staff_sessions"), Some(&2));
    assert_eq!(report.counts.get("links"), Some(&1));
    assert_eq!(report.counts.get("leaks"), Some(&3));
    assert_eq!(report.counts.get("diaries"), Some(&3));
    assert_eq!(report.counts.get("diary_entries"), Some(&3));
    assert_eq!(report.counts.get("deployment_keys"), Some(&1));
    assert!(report.counts.get("audit_log").is_some_and(|n| *n >= 1));
    assert_eq!(postgres.vapid_private_key().await.ok(), Some(Some(vapid)));
    let links = postgres
        .links_of_profile(first)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].staff_display_name, "An");
    let audit = postgres
        .audit_of_profile(first, 10)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(audit.len(), 1, "the read of her page");
    assert_eq!(audit[0].staff_display_name, "An");
    let after = app_on(
        Arc::new(postgres.clone()),
        BROCHURE_PROGRAMME,
        clock,
        temp_dir(),
    );
    for cookie in &mothers {
        for path in PAGES {
            let (old, new) = (
                before.get(path, Some(cookie)).await,
                after.get(path, Some(cookie)).await,
            );
            assert_eq!(new.status, StatusCode::OK, "{path}");
            assert_eq!(old.body, new.body, "{path} answers as before the move");
        }
    }
    // Her physiotherapist is still signed in and still reaches her.
    let moved = after.get(&her_page, Some(&physio_cookie)).await;
    assert_eq!(moved.status, StatusCode::OK);
    assert!(moved.shows("Dossier 17"));
    let again = transfer(sqlite.as_ref(), &postgres).await;
    let message = again.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.contains("already holds data") && message.contains("profiles: 3"),
        "{message}"
    );
}

#[tokio::test]
async fn both_backends_keep_the_same_tables_and_columns() {
    let sqlite = match SqliteStore::in_memory().await {
        Ok(store) => store,
        Err(error) => panic!("{error}"),
    };
    let postgres = pg_store(&database_url(), &fresh_schema()).await;
    let (lite, pg) = (sqlite.columns().await, postgres.columns().await);
    let (lite, pg) = (
        lite.unwrap_or_else(|e| panic!("{e}")),
        pg.unwrap_or_else(|e| panic!("{e}")),
    );
    assert!(lite.len() > 30, "{lite:?}");
    assert_eq!(lite, pg);
}

/// A TCP forwarder in front of PostgreSQL that the test can pull out and put back, to play an
/// outage on the real network path.
struct Outage {
    port: u16,
    target: String,
    tasks: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Outage {
    async fn start(target: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
        let outage = Self {
            port,
            target,
            tasks: Arc::new(Mutex::new(Vec::new())),
        };
        outage.serve(listener);
        outage
    }

    fn serve(&self, listener: TcpListener) {
        let target = self.target.clone();
        let tasks = self.tasks.clone();
        let accept = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let target = target.clone();
                let connection = tokio::spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(&target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                if let Ok(mut guard) = tasks.lock() {
                    guard.push(connection);
                }
            }
        });
        if let Ok(mut guard) = self.tasks.lock() {
            guard.push(accept);
        }
    }

    /// The database goes away: open connections drop and new ones are refused.
    fn cut(&self) {
        if let Ok(mut guard) = self.tasks.lock() {
            for task in guard.drain(..) {
                task.abort();
            }
        }
    }

    /// The database comes back on the same address.
    async fn restore(&self) {
        for _ in 0..50 {
            if let Ok(listener) = TcpListener::bind(("127.0.0.1", self.port)).await {
                self.serve(listener);
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("could not listen on port {} again", self.port);
    }
}

/// `postgres://user@host:port/db` with host and port swapped for the forwarder's.
fn through(url: &str, port: u16) -> (String, String) {
    let (scheme_user, rest) = url
        .split_once('@')
        .unwrap_or(("postgres://postgres", "127.0.0.1:5432/postgres"));
    let (address, database) = rest.split_once('/').unwrap_or((rest, "postgres"));
    (
        format!("{scheme_user}@127.0.0.1:{port}/{database}"),
        address.to_owned(),
    )
}

#[tokio::test]
async fn an_outage_answers_503_then_recovers_by_itself_without_losing_data() {
    let (_, address) = through(&database_url(), 0);
    let outage = Outage::start(address).await;
    let (url, _) = through(&database_url(), outage.port);
    let store = pg_store(&url, &fresh_schema()).await;
    let clock = Arc::new(ManualClock::at(at(NOW)));
    let app = app_on(Arc::new(store), BROCHURE_PROGRAMME, clock, temp_dir());
    let (cookie, _) = app.onboard("2026-11-10").await;
    let outcome = full_outcome("2026-11-25T09:00:00Z", "2026-11-25T09:06:00Z");
    let saved = app
        .put_json(
            "/api/outcomes/0193b7a0-0000-7000-8000-000000000001",
            Some(&cookie),
            &outcome,
        )
        .await;
    assert_eq!(
        saved.status,
        StatusCode::CREATED,
        "acknowledged before the outage"
    );

    outage.cut();
    let during = app.get("/today?lang=en", Some(&cookie)).await;
    assert_eq!(during.status, StatusCode::SERVICE_UNAVAILABLE);
    let t = hangmat_server::i18n::Tr::new(hangmat_server::i18n::Lang::En);
    assert!(
        during.shows(&t.get("error-unavailable-text")),
        "{}",
        during.body
    );
    assert_eq!(
        app.get("/healthz", None).await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    let api = app
        .put_json(
            "/api/outcomes/0193b7a0-0000-7000-8000-000000000002",
            Some(&cookie),
            &outcome,
        )
        .await;
    assert_eq!(
        api.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "the outbox keeps it and retries"
    );

    outage.restore().await;
    let mut recovered = None;
    for _ in 0..40 {
        let reply = app.get("/today", Some(&cookie)).await;
        if reply.status == StatusCode::OK {
            recovered = Some(reply);
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let Some(today) = recovered else {
        panic!("the server did not recover by itself")
    };
    assert!(
        today.contains("data-count=\"contractions\">20<"),
        "the acknowledged outcome is there"
    );
    assert_eq!(app.get("/healthz", None).await.status, StatusCode::OK);
}
