//! The shared conformance suite, run against PostgreSQL: each case in a fresh schema of the
//! database at HANGMAT_TEST_DATABASE_URL (default: the local server on 127.0.0.1:5432).
//! No database is a failure, never a silent skip.

use hangmat_store_postgres::PgStore;

pub fn test_database_url() -> String {
    std::env::var("HANGMAT_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

// A test makes its own random schema names; the ban on ids outside the state is for the server.
#[allow(clippy::disallowed_methods)]
async fn fresh_store() -> PgStore {
    let schema = format!("hangmat_test_{}", uuid::Uuid::new_v4().simple());
    match PgStore::connect_in_schema(&test_database_url(), &schema).await {
        Ok(store) => store,
        Err(error) => panic!(
            "PostgreSQL at {} did not answer ({error}); set HANGMAT_TEST_DATABASE_URL or start it",
            test_database_url()
        ),
    }
}

hangmat_store::conformance_tests!(fresh_store().await);
