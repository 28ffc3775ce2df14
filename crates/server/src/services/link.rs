//! Linking a mother to her physiotherapist with the code she shows: the code is used, the link
//! made, and the audit line that says who linked her is written in the same transaction. She
//! sees the line under "who looked at my data".

use crate::http::visitor::secret_hash;
use crate::portal::staff::Staff;
use crate::state::AppState;
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
    let new_link = LinkId(state.random().uuid_v7(now));
    state
        .store()
        .redeem_link_code_audited(
            &secret_hash(&code),
            now,
            new_link,
            staff.id,
            label,
            "POST /portal/mothers/link",
        )
        .await
}
