//! HTTP integration tests: the real router, a real SQLite database in a temporary directory, and a
//! clock the test sets. One test binary (each file in tests/ would be its own slow link).

// Tests and the push-service double make their own ids and keys; the ban on random values
// outside `random::Random` holds the server's own code.
#![allow(clippy::disallowed_methods)]

mod api;
mod backup;
mod binary;
mod care;
mod crawl;
mod diary;
mod durability;
mod errors;
mod harness;
mod her_data;
mod i18n;
mod layout;
mod leaks;
mod learn;
mod listen;
mod mother;
mod mother_passkey;
mod openapi;
mod operations;
mod portal;
mod portal_accounts;
mod portal_care;
mod portal_list;
mod postgres;
mod push_double;
mod questionnaires;
mod reminders;
mod security;
mod slow_clients;
