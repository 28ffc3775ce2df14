//! Hangmat's programme model and rules.
//!
//! Everything that decides something about a mother's programme lives here and only here: how the
//! programme file reads, where she is on the postnatal timeline, what a guided session plays, what
//! counts toward her day. The crate is pure: no I/O, no async, no clock. Time, time zones and stored
//! state come in as arguments, so every rule can be tested exhaustively and explained in one place.
//!
//! The app shows, times and logs a programme; it never picks or changes a dose by itself. Functions
//! here validate choices (her hold) against the programme's ranges; none of them moves a value.

pub mod account;
pub mod birth;
pub mod diary;
pub mod follow_up;
pub mod hold;
pub mod leak_log;
pub mod outcome;
pub mod physio_session;
pub mod policy;
pub mod position;
pub mod prescription;
pub mod programme;
pub mod progress;
pub mod questionnaire;
pub mod reminders;
pub mod script;
pub mod timeline;
pub mod track;

pub use birth::BirthDate;
pub use hold::HoldCounts;
pub use programme::Programme;
