//! The shared conformance suite, run against a fresh SQLite database per case.

use hangmat_store_sqlite::SqliteStore;

hangmat_store::conformance_tests!(match SqliteStore::in_memory().await {
    Ok(store) => store,
    Err(error) => panic!("open in-memory store: {error}"),
});
