//! Snoozing a reminder: the notification's action (through the API) and the reminders page's
//! form do the same thing here.

use crate::state::AppState;
use hangmat_core::reminders::{ReminderKind, snooze_until};
use hangmat_store::{Profile, StoreError};

/// Reminds her again in `minutes` (15 or 30); false when core refuses that length.
pub async fn snooze(state: &AppState, profile: &Profile, minutes: u32) -> Result<bool, StoreError> {
    let Some(due) = snooze_until(state.now(), minutes) else {
        return Ok(false);
    };
    state
        .store()
        .set_reminder_due(profile.id, &ReminderKind::Snooze.key(), due)
        .await?;
    Ok(true)
}
