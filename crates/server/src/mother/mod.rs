//! Her pages: server-rendered HTML that reads and works without JavaScript on a phone. Each
//! handler parses, asks core, calls a service or the store, and answers.

pub mod calendar;
pub mod diary;
pub mod leaks;
pub mod learn;
pub mod passkeys;
pub mod progress;
pub mod questionnaires;
pub mod reminders;
pub mod session;
pub mod settings;
pub mod sharing;
pub mod today;
pub mod welcome;
