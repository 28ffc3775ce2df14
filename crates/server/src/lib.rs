//! The `hangmat` server: HTTP, pages, translations, the CLI. It translates between the web and
//! core and holds no programme rule of its own.
//!
//! Folders say whom they serve: [`mother`] her pages, [`portal`] the staff's, [`api`] the JSON
//! that her phone's player and outbox write to, [`http`] the layers every request passes through.
//! [`router`] maps each URL to its handler; [`state`] is what every handler may reach;
//! [`services`] hold the flows that a form and the API share or that write several things;
//! [`view`] what pages of every audience render with; [`notify`] the reminders sent in the
//! background; [`connections`] how connections are accepted and timed.

pub mod api;
pub mod backup;
pub mod clock;
pub mod config;
pub mod connections;
pub mod http;
pub mod i18n;
pub mod library;
pub mod metrics;
pub mod migrate;
pub mod mother;
pub mod notify;
pub mod portal;
pub mod questionnaires;
pub mod random;
pub mod router;
pub mod secret_key;
pub mod serve;
pub mod services;
pub mod state;
pub mod view;
