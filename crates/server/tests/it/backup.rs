//! `hangmat backup` while the server writes, and `hangmat restore` into a new data directory:
//! every outcome acknowledged before the backup began is in the restored copy.

use crate::binary::Server;
use crate::durability::{onboard, stored_ids, write_load};
use std::collections::BTreeSet;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

fn hangmat(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hangmat"))
        .args(args)
        .env("HANGMAT_SECRET_KEY", "11".repeat(32))
        .output()
        .unwrap_or_else(|e| panic!("hangmat: {e}"))
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_under_load_restores_every_outcome_acknowledged_before_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path().join("data");
    let server = Server::start(&data, &[], None);
    let cookie = onboard(&server).await;
    let stop = Arc::new(AtomicBool::new(false));
    let (acknowledged, writers) = write_load(&server, &cookie, stop.clone());
    tokio::time::sleep(Duration::from_millis(800)).await;
    let before: BTreeSet<uuid::Uuid> = acknowledged
        .lock()
        .map(|ids| ids.iter().copied().collect())
        .unwrap_or_default();
    let file = dir.path().join("hangmat-backup.sqlite");
    let backup = tokio::task::spawn_blocking({
        let (file, data) = (file.clone(), data.clone());
        move || {
            hangmat(&[
                "backup".as_ref(),
                "--to".as_ref(),
                file.as_os_str(),
                "--data".as_ref(),
                data.as_os_str(),
            ])
        }
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        let _ = writer.await;
    }
    let said = text(&backup);
    assert!(backup.status.success(), "{said}");
    assert!(said.contains("checked: integrity ok"), "{said}");
    assert!(said.contains("session_outcomes: "), "{said}");
    let total = acknowledged.lock().map(|ids| ids.len()).unwrap_or_default();
    assert!(
        !before.is_empty() && total > before.len(),
        "no load around the backup"
    );
    drop(server);

    // Not over a data directory that holds anything.
    let refused = hangmat(&[
        "restore".as_ref(),
        "--from".as_ref(),
        file.as_os_str(),
        "--data".as_ref(),
        data.as_os_str(),
    ]);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("is not empty"),
        "{}",
        text(&refused)
    );

    let restored = dir.path().join("restored");
    let restore = hangmat(&[
        "restore".as_ref(),
        "--from".as_ref(),
        file.as_os_str(),
        "--data".as_ref(),
        restored.as_os_str(),
    ]);
    assert!(restore.status.success(), "{}", text(&restore));
    let server = Server::start(&restored, &[], None);
    let found = stored_ids(&server, &cookie).await;
    let lost: Vec<_> = before.difference(&found).collect();
    eprintln!(
        "{} acknowledged before the backup, {} in all, {} in the restored copy, {} lost",
        before.len(),
        total,
        found.len(),
        lost.len()
    );
    assert!(
        lost.is_empty(),
        "acknowledged before the backup, not restored: {lost:?}"
    );
}

#[test]
fn a_postgresql_deployment_is_pointed_to_pg_dump() {
    let said = hangmat(&[
        "backup".as_ref(),
        "--to".as_ref(),
        "x.dump".as_ref(),
        "--database".as_ref(),
        "postgres://hangmat@db/hangmat".as_ref(),
    ]);
    assert!(!said.status.success());
    assert!(
        text(&said).contains("pg_dump --format=custom"),
        "{}",
        text(&said)
    );
}
