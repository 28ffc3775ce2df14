//! `hangmat`: one binary that serves the mother's app and, later, her physiotherapist's portal.

use clap::{Parser, Subcommand};
use hangmat_server::config::{Config, LogFormat};
use hangmat_server::serve::{ServeOptions, load_programme, print_vapid_public_key, serve};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "hangmat",
    version,
    about = "A postnatal pelvic-floor programme: the mother's app and the server behind it"
)]
struct Cli {
    /// Log lines on standard error as text or as one JSON object a line; overrides the config's
    /// server.log_format.
    #[arg(long, global = true, value_enum)]
    log_format: Option<LogFormat>,
    #[command(subcommand)]
    command: Command,
}

/// Where a command other than `serve` finds the deployment: its SQLite directory, its config, or
/// its PostgreSQL database.
#[derive(Debug, clap::Args)]
struct Deployment {
    /// Directory of the embedded SQLite database.
    #[arg(long, default_value = "data")]
    data: PathBuf,
    #[arg(long)]
    config: Option<PathBuf>,
    /// PostgreSQL URL; overrides the config's database.url.
    #[arg(long, env = "HANGMAT_DATABASE_URL")]
    database: Option<String>,
}

impl Deployment {
    /// The options that open its store and secret key, without a listener, programme or metrics.
    fn options(self) -> ServeOptions {
        ServeOptions {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            data: self.data,
            config: self.config,
            programme: None,
            database: self.database,
            metrics_listen: None,
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the app over HTTP.
    Serve {
        /// Address to listen on (port 0 picks a free port and prints it).
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Directory for the embedded SQLite database (created if missing).
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Deployment config (TOML); without it the example config of the brochure's hospital.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Programme file (TOML); overrides the config's programme.file.
        #[arg(long)]
        programme: Option<PathBuf>,
        /// PostgreSQL URL (postgres://…) to store data in, for several servers on one database;
        /// overrides the config's database.url. Without it: SQLite under --data.
        #[arg(long, env = "HANGMAT_DATABASE_URL")]
        database: Option<String>,
        /// Address for Prometheus metrics (GET /metrics), apart from the public one; overrides
        /// the config's metrics.listen. Without either, no metrics.
        #[arg(long)]
        metrics_listen: Option<SocketAddr>,
    },
    /// Copy every row of a SQLite database into an empty PostgreSQL database, then verify the counts.
    MigrateData {
        /// The SQLite database file (e.g. data/hangmat.sqlite).
        #[arg(long)]
        from: PathBuf,
        /// The PostgreSQL URL (postgres://…); its database must be empty.
        #[arg(long)]
        to: String,
    },
    /// Print the deployment's VAPID public key (base64url), making the key pair if none is stored.
    VapidPublicKey {
        #[command(flatten)]
        deployment: Deployment,
    },
    /// Create an admin account for the portal (the first one, or another). The password comes from
    /// HANGMAT_ADMIN_PASSWORD or, without it, from the first line of standard input. Prints the
    /// TOTP secret for the authenticator app.
    CreateAdmin {
        /// What the admin signs in with.
        #[arg(long)]
        username: String,
        /// The name colleagues see.
        #[arg(long)]
        name: String,
        /// Portal language: nl, fr or en.
        #[arg(long, default_value = "nl")]
        language: String,
        #[command(flatten)]
        deployment: Deployment,
    },
    /// Back up a SQLite deployment while it serves (SQLite's own consistent copy), check the copy
    /// and print its rows per table. For PostgreSQL, says to use pg_dump.
    Backup {
        /// The backup file to write (must not exist).
        #[arg(long)]
        to: PathBuf,
        #[command(flatten)]
        deployment: Deployment,
    },
    /// Restore a backup made by `hangmat backup` into an empty (or new) data directory.
    Restore {
        /// The backup file.
        #[arg(long)]
        from: PathBuf,
        /// The data directory to restore into; refused unless empty.
        #[arg(long, default_value = "data")]
        data: PathBuf,
    },
    /// Check a config file and its programme, and say what is wrong where.
    Check {
        #[arg(long)]
        config: Option<PathBuf>,
        #[arg(long)]
        programme: Option<PathBuf>,
        /// First list every config key the environment may set (HANGMAT_…).
        #[arg(long)]
        explain: bool,
    },
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

async fn migrate_data(from: PathBuf, to: String) -> anyhow::Result<()> {
    use anyhow::Context;
    if !from.is_file() {
        anyhow::bail!("no SQLite database at {}", from.display());
    }
    let source = hangmat_store_sqlite::SqliteStore::open(&from)
        .await
        .with_context(|| format!("cannot open {}", from.display()))?;
    let target = hangmat_server::serve::open_postgres(&to).await?;
    let report = hangmat_server::migrate::transfer(&source, &target).await?;
    for (table, count) in &report.counts {
        println!("{table}: {count} rows copied and verified");
    }
    println!("migration complete");
    Ok(())
}

/// Caps glibc's malloc arenas at two. glibc gives threads that allocate at the same time their own
/// arenas (up to eight per core), and the SQLite store runs a worker thread per pooled connection:
/// under load that took the server from 41 MB to 62 MB resident in `bench/run scale`, with no speed
/// gained. Other platforms' allocators do not need it.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    // SAFETY: mallopt only sets an allocator parameter; it runs first in main, before any other
    // thread exists or allocates.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}

async fn create_admin(
    username: String,
    name: String,
    language: String,
    options: ServeOptions,
) -> anyhow::Result<()> {
    let loaded = Config::load(options.config.as_deref())?;
    let store = hangmat_server::serve::open_store(&options, &loaded).await?;
    let secret_key = hangmat_server::serve::load_secret_key(&options, &loaded)?;
    // The same key as the server's, or the new admin's codes would not work: checked first.
    hangmat_server::secret_key::seal_stored_secrets(store.as_ref(), &secret_key).await?;
    let password = match std::env::var("HANGMAT_ADMIN_PASSWORD") {
        Ok(password) => password,
        Err(_) => {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let request = hangmat_server::services::staff_accounts::AdminRequest {
        username: &username,
        display_name: &name,
        language: &language,
        password,
    };
    let made = hangmat_server::services::staff_accounts::create_admin(
        store.as_ref(),
        &loaded.deployment.name,
        request,
        hangmat_server::clock::Clock::now(&hangmat_server::clock::SystemClock),
        &secret_key,
        &hangmat_server::random::Random::system(),
    )
    .await?;
    println!("admin {username} created");
    println!(
        "TOTP secret (enter it in an authenticator app): {}",
        made.totp_secret
    );
    println!("or scan: {}", made.otpauth_url);
    Ok(())
}

/// Log lines on standard error, in `format`; `RUST_LOG` filters them (default `info`). A JSON line
/// carries its request span's fields (the request id, method and route) beside the event's.
fn start_logs(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .init(),
    }
}

fn main() -> ExitCode {
    limit_malloc_arenas();
    let cli = Cli::parse();
    let log_format = cli.log_format.unwrap_or_else(|| match &cli.command {
        // A config that does not load is reported with the other errors below.
        Command::Serve { config, .. } => Config::load(config.as_deref())
            .map(|loaded| loaded.server.log_format)
            .unwrap_or_default(),
        _ => LogFormat::default(),
    });
    start_logs(log_format);
    let result = match cli.command {
        Command::Serve {
            listen,
            data,
            config,
            programme,
            database,
            metrics_listen,
        } => runtime().and_then(|runtime| {
            runtime.block_on(serve(ServeOptions {
                listen,
                data,
                config,
                programme,
                database,
                metrics_listen,
            }))
        }),
        Command::MigrateData { from, to } => {
            runtime().and_then(|runtime| runtime.block_on(migrate_data(from, to)))
        }
        Command::VapidPublicKey { deployment } => runtime()
            .and_then(|runtime| runtime.block_on(print_vapid_public_key(&deployment.options()))),
        Command::CreateAdmin {
            username,
            name,
            language,
            deployment,
        } => runtime().and_then(|runtime| {
            runtime.block_on(create_admin(username, name, language, deployment.options()))
        }),
        Command::Backup { to, deployment } => runtime().and_then(|runtime| {
            runtime.block_on(hangmat_server::backup::run_backup(
                &deployment.options(),
                &to,
            ))
        }),
        Command::Restore { from, data } => runtime().and_then(|runtime| {
            runtime.block_on(hangmat_server::backup::run_restore(&from, &data))
        }),
        Command::Check {
            config,
            programme,
            explain,
        } => {
            if explain {
                print!("{}", Config::explain());
            }
            Config::load(config.as_deref())
                .and_then(|loaded| {
                    let programme =
                        load_programme(programme.as_deref(), &loaded, config.as_deref())?;
                    hangmat_server::questionnaires::Questionnaires::load(
                        &loaded,
                        config.as_deref(),
                        &programme,
                    )
                    .map(|_| ())
                })
                .map(|()| println!("config, programme and questionnaires are valid"))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("hangmat: {error:#}");
            ExitCode::FAILURE
        }
    }
}
