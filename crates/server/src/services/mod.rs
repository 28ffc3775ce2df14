//! Flows that a form and the API share, or that write more than one thing, in one place: handlers
//! of every audience call these instead of repeating the steps.

pub mod device;
pub mod export;
pub mod link;
pub mod outcome;
pub mod passkeys;
pub mod programme;
pub mod snooze;
pub mod staff_accounts;
