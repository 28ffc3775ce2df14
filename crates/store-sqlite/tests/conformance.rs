//! The shared conformance suite, run against a fresh SQLite database per case.

use hangmat_store_sqlite::SqliteStore;

hangmat_store::conformance_tests!(match SqliteStore::in_memory().await {
    Ok(store) => store,
    Err(error) => panic!("open in-memory store: {error}"),
});

/// Outcomes written at the same moment are grouped into one transaction by the store; each must
/// still get its own answer and count once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_outcomes_are_each_answered_and_counted_once() {
    use hangmat_store::conformance::sample_profile;
    use hangmat_store::{ActivityRepo, ProfileRepo, StoreError, Written};
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = SqliteStore::open(&dir.path().join("h.sqlite"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let store = Arc::new(store);
    let (mine, theirs) = (sample_profile(1), sample_profile(2));
    for (profile, hash) in [(&mine, "a"), (&theirs, "b")] {
        store
            .create_profile(profile, hash)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let outcome = hangmat_store::conformance::sample_outcome();
    let at = outcome.ended_at;
    let taken = uuid::Uuid::from_u128(999);
    store
        .save_outcome(theirs.id, taken, &outcome, at)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut tasks = Vec::new();
    // 60 new ids, each sent twice at once, and one id that is someone else's.
    for n in 0..120u128 {
        let (store, outcome) = (store.clone(), outcome.clone());
        let id = uuid::Uuid::from_u128(n % 60);
        tasks.push(tokio::spawn(async move {
            store.save_outcome(mine.id, id, &outcome, at).await
        }));
    }
    let (store2, outcome2) = (store.clone(), outcome.clone());
    let stolen =
        tokio::spawn(async move { store2.save_outcome(mine.id, taken, &outcome2, at).await });
    let mut created = 0;
    for task in tasks {
        match task.await {
            Ok(Ok(Written::Created)) => created += 1,
            Ok(Ok(Written::AlreadyThere)) => {}
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(created, 60);
    assert!(matches!(stolen.await, Ok(Err(StoreError::IdTaken))));
    let kept = store
        .outcomes_between(mine.id, outcome.local_date, outcome.local_date)
        .await
        .unwrap_or_default();
    assert_eq!(kept.len(), 60);
}

/// A write the database refuses (her profile is gone) fails alone: the outcomes grouped with it
/// in one transaction are written all the same.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_write_does_not_fail_the_writes_grouped_with_it() {
    use hangmat_store::conformance::sample_profile;
    use hangmat_store::{ActivityRepo, ProfileRepo, Written};
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = SqliteStore::open(&dir.path().join("h.sqlite"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let store = Arc::new(store);
    let (mine, gone) = (sample_profile(1), sample_profile(2));
    store
        .create_profile(&mine, "a")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let outcome = hangmat_store::conformance::sample_outcome();
    let at = outcome.ended_at;
    // Many writes at once, one in every ten for a profile that does not exist.
    let mut tasks = Vec::new();
    for n in 0..200u128 {
        let (store, outcome) = (store.clone(), outcome.clone());
        let profile = if n % 10 == 0 { gone.id } else { mine.id };
        tasks.push(tokio::spawn(async move {
            let answer = store
                .save_outcome(profile, uuid::Uuid::from_u128(n), &outcome, at)
                .await;
            (profile, answer)
        }));
    }
    let (mut created, mut refused) = (0, 0);
    for task in tasks {
        match task.await {
            Ok((profile, Ok(Written::Created))) if profile == mine.id => created += 1,
            Ok((profile, Err(_))) if profile == gone.id => refused += 1,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!((created, refused), (180, 20));
    let kept = store
        .outcomes_between(mine.id, outcome.local_date, outcome.local_date)
        .await
        .unwrap_or_default();
    assert_eq!(kept.len(), 180);
}
