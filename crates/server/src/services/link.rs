//! Linking a mother to her physiotherapist with the code she shows: the code is used, the link
//! made, and the audit line that says who linked her is written with it. She sees the line under
//! "who looked at my data".

use crate::http::visitor::secret_hash;
use crate::portal::staff::{Staff, audit};
use crate::state::AppState;
use hangmat_core::policy::Action;
use hangmat_store::{Link, LinkId, StoreError};

/// Uses her link code (as typed; normalized here) and links her with `staff` under `label`.
/// `None` when the code is unknown, used or expired.
pub async fn link_by_code(
    state: &AppState,
    staff: &Staff,
    code: &str,
    label: &str,
) -> Result<Option<Link>, StoreError> {
    let code = crate::mother::welcome::normalize_code(code);
    let now = state.now();
    let linked = state
        .store()
        .redeem_link_code(
            &secret_hash(&code),
            now,
            LinkId(state.random().uuid_v7(now)),
            staff.id,
            label,
        )
        .await?;
    if let Some(link) = &linked {
        audit(
            state,
            staff.id,
            link.profile,
            Some(link.id),
            Action::EnterLinkCode,
            "POST /portal/mothers/link",
        )
        .await?;
    }
    Ok(linked)
}
