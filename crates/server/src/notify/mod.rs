//! Reminders that reach her outside the app: the scheduler that finds due reminders, the Web Push
//! sender, and the calendar feed for phones without push.

pub mod calendar;
pub mod push;
pub mod scheduler;
