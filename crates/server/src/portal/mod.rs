//! The physiotherapist's portal: sign-in, her own account, staff accounts, her mothers, one
//! mother.
//!
//! Server-rendered pages for a practice PC or a tablet that work without JavaScript. Every route
//! that shows a mother's data goes through [`crate::portal::staff::LinkedMother`] (policy + audit); routes
//! here never look a mother up by anything but the staff member's own link.

pub mod account;
pub mod admin;
pub mod auth;
pub mod care;
pub mod credentials;
pub mod diary;
pub mod mothers;
pub mod passkeys;
pub mod programme;
pub mod sessions;
pub mod staff;
pub mod summary;

use crate::portal::staff::{Staff, StaffRole};
use axum::response::{IntoResponse, Redirect, Response};

/// Portal pages carry mothers' data and run on shared practice PCs: no browser cache, no
/// service-worker copy, no back-button copy after sign-out.
pub async fn never_stored(mut response: Response) -> Response {
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}

/// `/portal`: her mothers for a physiotherapist, the staff list for an admin.
pub async fn home(staff: Staff) -> Response {
    match staff.role {
        StaffRole::Physiotherapist => Redirect::to("/portal/mothers").into_response(),
        StaffRole::Admin => Redirect::to("/portal/staff").into_response(),
    }
}
