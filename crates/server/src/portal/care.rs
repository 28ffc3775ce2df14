//! What the pages of one mother's care share (her programme in `programme.rs`, her physiotherapy
//! sessions in `sessions.rs`, her summary in `summary.rs`): where the page lives, who acts, the
//! practice's date.
//!
//! The handlers here only translate: the form's values go to core (`prescription::from_editor`,
//! `physio_session::check_physio_session`), which decides what is valid and what changed; the store
//! keeps it with who and when. Nothing here changes a value by itself.

use crate::i18n::Tr;
use crate::portal::staff::LinkedMother;
use crate::state::AppState;
use crate::view::{Chrome, practice_zone};
use hangmat_core::timeline::local_date;
use hangmat_store::{ProfileId, StaffRef};
use jiff::civil::Date;
use serde::Deserialize;

/// A local date in the deployment's zone, for the portal (its physiotherapist's practice).
pub fn practice_today(state: &AppState) -> Date {
    local_date(state.now(), &practice_zone(state))
}

/// Where a care page lives, from the portal's extractors.
pub struct PortalContext {
    pub chrome: Chrome,
    pub t: Tr,
    pub profile: ProfileId,
    /// The physiotherapist's own label for her.
    pub label: String,
    /// `/portal/mothers/{link}`.
    pub mother_url: String,
}

/// Days of adherence the summary covers.
pub const SUMMARY_DAYS: u32 = 28;

// --- Routes: /portal/mothers/{link}/programme, /sessions, /summary. The LinkedMother extractor
// has asked the policy and written the audit line before any of these runs.

pub fn context(state: &AppState, linked: &LinkedMother, title_id: &str) -> PortalContext {
    let t = linked.staff.t();
    PortalContext {
        chrome: Chrome::for_staff(state, linked.staff.lang, title_id),
        t,
        profile: linked.profile,
        label: linked.label.clone(),
        mother_url: format!("/portal/mothers/{}", linked.link.0),
    }
}

pub fn by(linked: &LinkedMother) -> StaffRef {
    StaffRef {
        id: linked.staff.id.0,
        display_name: linked.staff.display_name.clone(),
    }
}

#[derive(Debug, Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    pub saved: Option<u32>,
    #[serde(default)]
    pub number: Option<u32>,
}
