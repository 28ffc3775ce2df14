//! The `hangmat` server: HTTP, pages, translations, the CLI. It translates between the web and
//! core and holds no programme rule of its own.

pub mod app;
pub mod assets;
pub mod calendar;
pub mod care;
pub mod charts;
pub mod clock;
pub mod config;
pub mod csrf;
pub mod error;
pub mod i18n;
pub mod learn;
pub mod migrate;
pub mod pages;
pub mod portal;
pub mod push;
pub mod ratelimit;
pub mod reminders;
pub mod secret_key;
pub mod security;
pub mod serve;
pub mod staff;
pub mod visitor;
