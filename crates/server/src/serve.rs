//! Starting the server: load config and programme, open the store, bind, serve until stopped.

use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::router::router;
use crate::state::AppState;
use anyhow::{Context, bail};
use hangmat_core::Programme;
use hangmat_core::programme::BROCHURE_PROGRAMME;
use hangmat_store::Store;
use hangmat_store_postgres::PgStore;
use hangmat_store_sqlite::SqliteStore;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// What `hangmat serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    pub data: PathBuf,
    pub config: Option<PathBuf>,
    pub programme: Option<PathBuf>,
    /// `postgres://…`; overrides the config's `database.url`. Without either, SQLite.
    pub database: Option<String>,
    /// Where Prometheus metrics answer; overrides the config's `metrics.listen`.
    pub metrics_listen: Option<SocketAddr>,
}

/// Reads the programme: `--programme`, else the config's `programme.file` (relative to the config
/// file), else the brochure's programme built into the binary.
pub fn load_programme(
    options_programme: Option<&Path>,
    config: &Config,
    config_path: Option<&Path>,
) -> anyhow::Result<Programme> {
    let path = options_programme.map(Path::to_path_buf).or_else(|| {
        config.programme.file.as_ref().map(|file| {
            config_path
                .and_then(Path::parent)
                .map_or_else(|| file.clone(), |dir| dir.join(file))
        })
    });
    match path {
        None => Ok(Programme::from_toml(
            BROCHURE_PROGRAMME,
            "built-in programme (programme/brochure.toml)",
        )?),
        Some(path) => {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read programme file {}", path.display()))?;
            Ok(Programme::from_toml(&text, &path.display().to_string())?)
        }
    }
}

/// The SQLite database's file in the data directory.
pub const DATABASE_FILE: &str = "hangmat.sqlite";

/// The PostgreSQL URL the options or the config name, if any (else the deployment uses SQLite).
pub fn database_url(options: &ServeOptions, config: &Config) -> Option<String> {
    options
        .database
        .clone()
        .or_else(|| config.database.url.as_ref().map(|url| url.0.clone()))
}

/// How long start-up waits for PostgreSQL to answer before giving up.
const DATABASE_START_ATTEMPTS: u32 = 30;

/// Opens PostgreSQL at `url`, waiting for it to come up (a server started with its database).
pub async fn open_postgres(url: &str) -> anyhow::Result<PgStore> {
    if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        bail!("the database URL must start with postgres:// (SQLite needs no URL: use --data)");
    }
    let mut attempt = 1;
    loop {
        match PgStore::connect(url).await {
            Ok(store) => return Ok(store),
            Err(error) if attempt < DATABASE_START_ATTEMPTS => {
                tracing::warn!(attempt, error = %error, "PostgreSQL does not answer yet");
                attempt += 1;
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(error) => return Err(error).context("cannot open the PostgreSQL database"),
        }
    }
}

/// The store the options and config name: PostgreSQL when a URL is given, else SQLite in `data`.
pub async fn open_store(options: &ServeOptions, config: &Config) -> anyhow::Result<Arc<dyn Store>> {
    if let Some(url) = database_url(options, config) {
        tracing::info!("storing data in PostgreSQL");
        return Ok(Arc::new(open_postgres(&url).await?));
    }
    std::fs::create_dir_all(&options.data)
        .with_context(|| format!("cannot create data directory {}", options.data.display()))?;
    let database = options.data.join(DATABASE_FILE);
    let store = SqliteStore::open(&database)
        .await
        .with_context(|| format!("cannot open database {}", database.display()))?;
    tracing::info!(path = %database.display(), "storing data in SQLite");
    Ok(Arc::new(store))
}

pub async fn serve(options: ServeOptions) -> anyhow::Result<()> {
    let config = Config::load(options.config.as_deref())?;
    let programme = load_programme(
        options.programme.as_deref(),
        &config,
        options.config.as_deref(),
    )?;
    let questionnaires = crate::questionnaires::Questionnaires::load(
        &config,
        options.config.as_deref(),
        &programme,
    )?;
    let store = open_store(&options, &config).await?;
    let secret_key = load_secret_key(&options, &config)?;
    let report = crate::secret_key::seal_stored_secrets(store.as_ref(), &secret_key).await?;
    if report.sealed > 0 {
        tracing::info!(
            sealed = report.sealed,
            "sealed TOTP secrets stored in plain text"
        );
    }
    let open_files = crate::connections::raise_open_file_limit();
    let limits = crate::connections::Limits::for_open_files(open_files.unwrap_or(1024));
    tracing::info!(
        open_files,
        max_connections = limits.max_connections,
        "connection limits"
    );
    let shutdown_timeout = config.server.shutdown_timeout();
    let metrics_listen = options.metrics_listen.or(config.metrics.listen);
    let state = AppState::new(
        store.clone(),
        programme,
        config,
        Arc::new(SystemClock),
        secret_key,
    )?
    .with_questionnaires(questionnaires);
    if let Some(metrics_listen) = metrics_listen {
        let rate_limits = crate::http::ratelimit::ALL.map(|limit| limit.name);
        crate::metrics::serve(metrics_listen, &rate_limits).await?;
    }
    start_scheduler(&state).await?;
    let listener = tokio::net::TcpListener::bind(options.listen)
        .await
        .with_context(|| format!("cannot listen on {}", options.listen))?;
    let address = listener.local_addr()?;
    // Tests and scripts wait for this line to know the port (with --listen 127.0.0.1:0).
    println!("hangmat listening on http://{address}");
    tracing::info!(%address, "listening");
    // One deadline for the whole stop, from the signal: the drain, then closing the database.
    let deadline = Arc::new(std::sync::OnceLock::new());
    let signalled = {
        let deadline = deadline.clone();
        async move {
            shutdown_signal().await;
            let _ = deadline.set(tokio::time::Instant::now() + shutdown_timeout);
        }
    };
    let drain_deadline = {
        let deadline = deadline.clone();
        move || {
            deadline
                .get()
                .copied()
                .unwrap_or_else(|| tokio::time::Instant::now() + shutdown_timeout)
        }
    };
    crate::connections::serve(listener, router(state), limits, signalled, drain_deadline).await;
    // Every acknowledged outcome is already committed (a write is answered after its group
    // commit); closing waits for the writes of requests cut off by the deadline and lets SQLite
    // fold its log back into the database file.
    let close_by = deadline
        .get()
        .copied()
        .unwrap_or_else(|| tokio::time::Instant::now() + shutdown_timeout);
    if tokio::time::timeout_at(close_by, store.close())
        .await
        .is_err()
    {
        tracing::warn!("the database did not close before the stop deadline");
    }
    tracing::info!("stopped");
    Ok(())
}

/// The key that seals staff TOTP secrets: `HANGMAT_SECRET_KEY`, else the config's
/// `sealing.key_file`, else the data directory's `secret.key` (made at first start).
pub fn load_secret_key(
    options: &ServeOptions,
    config: &Config,
) -> anyhow::Result<crate::secret_key::SecretKey> {
    crate::secret_key::KeySource::find(
        config.sealing.key_file.as_deref(),
        options.config.as_deref(),
        &options.data,
    )
    .load()
}

/// Makes the deployment's VAPID key at first start (every server agrees on the first one stored)
/// and, when push is configured, starts this server's reminder scheduler.
async fn start_scheduler(state: &AppState) -> anyhow::Result<()> {
    let key = crate::notify::push::deployment_key(state.store(), state.now()).await?;
    let reminders = &state.config().reminders;
    let Some(contact) = reminders.contact.clone() else {
        tracing::warn!(
            "reminders.contact is not set: no Web Push is sent (the calendar feed works)"
        );
        return Ok(());
    };
    if !reminders.scheduler {
        tracing::info!("reminders.scheduler = false: this server sends no reminders");
        return Ok(());
    }
    let sender = Arc::new(crate::notify::push::PushSender::new(
        key,
        contact,
        reminders.push_endpoints(),
    )?);
    let worker = format!(
        "{}-{}",
        std::process::id(),
        state.random().uuid_v4().simple()
    );
    let scheduler = crate::notify::scheduler::Scheduler::new(state.clone(), sender, &worker);
    tokio::spawn(scheduler.run());
    Ok(())
}

/// `hangmat vapid-public-key`: the deployment's VAPID public key (made if none is stored yet).
pub async fn print_vapid_public_key(options: &ServeOptions) -> anyhow::Result<()> {
    let config = Config::load(options.config.as_deref())?;
    let store = open_store(options, &config).await?;
    let key = crate::notify::push::deployment_key(store.as_ref(), SystemClock.now()).await?;
    println!("{}", crate::notify::push::public_key_text(&key));
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
