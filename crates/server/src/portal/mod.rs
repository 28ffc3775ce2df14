//! The physiotherapist's portal: sign-in, her own account, staff accounts, her mothers, one
//! mother.
//!
//! Server-rendered pages for a practice PC or a tablet that work without JavaScript. Every route
//! that shows a mother's data goes through [`crate::staff::LinkedMother`] (policy + audit); routes
//! here never look a mother up by anything but the staff member's own link.

pub mod account;
pub mod admin;
pub mod auth;
pub mod credentials;
pub mod mothers;
pub mod passkeys;

use crate::app::AppState;
use crate::staff::{Staff, StaffRole};
use axum::Router;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

/// The portal's routes (full paths; app.rs merges them).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/portal", get(home))
        .route("/portal/login", get(auth::login_form).post(auth::login))
        .route("/portal/login/code", get(auth::code_form).post(auth::code))
        .route("/portal/logout", post(auth::logout))
        .route("/portal/passkey/start", post(passkeys::login_start))
        .route("/portal/passkey/finish", post(passkeys::login_finish))
        .route(
            "/portal/api/passkeys/register/start",
            post(passkeys::register_start),
        )
        .route(
            "/portal/api/passkeys/register/finish",
            post(passkeys::register_finish),
        )
        .route(
            "/portal/join/{token}",
            get(auth::join_form).post(auth::join),
        )
        .route(
            "/portal/reset/{token}",
            get(auth::reset_form).post(auth::reset),
        )
        .route("/portal/account", get(account::show))
        .route("/portal/account/password", post(account::change_password))
        .route(
            "/portal/account/passkeys/{credential}/remove",
            post(account::remove_passkey),
        )
        .route("/portal/staff", get(admin::show))
        .route("/portal/staff/invite", post(admin::invite))
        .route("/portal/staff/{account}/disable", post(admin::disable))
        .route("/portal/staff/{account}/enable", post(admin::enable))
        .route("/portal/staff/{account}/reset", post(admin::reset))
        .route("/portal/mothers", get(mothers::list))
        .route("/portal/mothers/link", post(mothers::link))
        .route("/portal/mothers/{link}", get(mothers::one))
        .route("/portal/mothers/{link}/end", post(mothers::end))
        .layer(axum::middleware::map_response(never_stored))
}

/// Portal pages carry mothers' data and run on shared practice PCs: no browser cache, no
/// service-worker copy, no back-button copy after sign-out.
async fn never_stored(mut response: Response) -> Response {
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}

/// `/portal`: her mothers for a physiotherapist, the staff list for an admin.
async fn home(staff: Staff) -> Response {
    match staff.role {
        StaffRole::Physiotherapist => Redirect::to("/portal/mothers").into_response(),
        StaffRole::Admin => Redirect::to("/portal/staff").into_response(),
    }
}
