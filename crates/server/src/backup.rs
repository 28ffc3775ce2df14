//! `hangmat backup` and `hangmat restore`: what an operator runs, and what they say.
//!
//! A backup of a SQLite deployment is taken while the server serves, with SQLite's own consistent
//! copy (see `hangmat_store_sqlite::backup`), into a temporary name beside the target; it becomes
//! the target only once checked, so a file at the target is always a whole, sound copy. A restore
//! goes only into an empty data directory: putting a copy over a live database, or beside another
//! deployment's key, would lose data. PostgreSQL has its own tools (`pg_dump`, `pg_restore`), which
//! the command names rather than imitates.
//!
//! The key that seals staff TOTP secrets (`secret.key`, or `HANGMAT_SECRET_KEY`) is not in the
//! copy, on purpose: it is kept apart from the data, and a restore needs it back beside it.

use crate::config::Config;
use crate::secret_key::KEY_FILE;
use crate::serve::{DATABASE_FILE, ServeOptions, database_url};
use anyhow::{Context, bail};
use hangmat_store_sqlite::backup::{CopyCheck, backup, check};
use std::path::{Path, PathBuf};

/// What to tell an operator of a PostgreSQL deployment.
const USE_PG_DUMP: &str = "this deployment stores its data in PostgreSQL: back it up with \
PostgreSQL's own tools, e.g.\n  pg_dump --format=custom --file=hangmat.dump \"$HANGMAT_DATABASE_URL\"\n\
and restore into an empty database with\n  pg_restore --no-owner --dbname=\"$HANGMAT_DATABASE_URL\" hangmat.dump";

/// `hangmat backup --to FILE`.
pub async fn run_backup(options: &ServeOptions, to: &Path) -> anyhow::Result<()> {
    let config = Config::load(options.config.as_deref())?;
    if database_url(options, &config).is_some() {
        bail!("{USE_PG_DUMP}");
    }
    let source = options.data.join(DATABASE_FILE);
    if !source.is_file() {
        bail!("no database at {}", source.display());
    }
    if to.exists() {
        bail!("{} exists already: name a new file", to.display());
    }
    let partial = partial_name(to);
    let _ = std::fs::remove_file(&partial);
    backup(&source, &partial)
        .await
        .with_context(|| format!("cannot copy {}", source.display()))?;
    let checked = check(&partial).await?;
    if !checked.is_sound() {
        bail!(
            "the copy failed its integrity check ({}); it is left at {}",
            checked.integrity,
            partial.display()
        );
    }
    std::fs::rename(&partial, to)
        .with_context(|| format!("cannot move the copy to {}", to.display()))?;
    print_counts(&checked);
    println!(
        "backup written to {} and checked: integrity ok",
        to.display()
    );
    if options.data.join(KEY_FILE).is_file() {
        println!(
            "keep {} with your backups, apart from them: a restore needs it for staff sign-in codes",
            options.data.join(KEY_FILE).display()
        );
    }
    Ok(())
}

/// `hangmat restore --from FILE --data DIR`.
pub async fn run_restore(from: &Path, data: &Path) -> anyhow::Result<()> {
    if !from.is_file() {
        bail!("no backup at {}", from.display());
    }
    if let Ok(mut entries) = std::fs::read_dir(data)
        && entries.next().is_some()
    {
        bail!(
            "the data directory {} is not empty: restore only into an empty or new directory \
             (stop the server and move its files away first)",
            data.display()
        );
    }
    let checked = check(from)
        .await
        .with_context(|| format!("{} is not a Hangmat backup", from.display()))?;
    if !checked.is_sound() {
        bail!(
            "{} failed its integrity check: {}",
            from.display(),
            checked.integrity
        );
    }
    std::fs::create_dir_all(data).with_context(|| format!("cannot create {}", data.display()))?;
    let target = data.join(DATABASE_FILE);
    let partial = partial_name(&target);
    std::fs::copy(from, &partial).with_context(|| format!("cannot write {}", partial.display()))?;
    std::fs::rename(&partial, &target)?;
    print_counts(&checked);
    println!(
        "restored into {}; put the deployment's {KEY_FILE} (or HANGMAT_SECRET_KEY) back beside it",
        target.display()
    );
    Ok(())
}

/// Where a copy is written before it is checked.
fn partial_name(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

fn print_counts(checked: &CopyCheck) {
    for (table, count) in &checked.counts {
        println!("{table}: {count} rows");
    }
}
