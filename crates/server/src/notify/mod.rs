//! Reminders that reach her outside the app: the scheduler that finds due reminders, the Web Push
//! sender, the push endpoints it may reach, and the calendar feed for phones without push.

pub mod calendar;
pub mod endpoints;
pub mod push;
pub mod scheduler;
