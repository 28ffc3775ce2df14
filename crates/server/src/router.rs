//! Every route of the server in one table, so a URL leads to its handler in one step, and the
//! layers every response passes through. Handlers live in the folder of the audience they serve:
//! `mother`, `portal`, `api`, `http`.

use crate::state::AppState;
use crate::{api, http, mother, portal};
use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::timeout::TimeoutLayer;

/// The whole HTTP surface: every route, grouped by whom it serves, then the layers.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(her_pages())
        .merge(api_routes())
        .merge(portal_routes())
        .route("/healthz", get(http::meta::healthz))
        .route("/manifest.webmanifest", get(http::meta::manifest))
        .route("/sw.js", get(http::meta::service_worker))
        .route("/static/{hash}/{*path}", get(http::meta::asset))
        .route("/offline", get(http::meta::offline))
        .fallback(http::meta::not_found)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            crate::connections::REQUEST_TIMEOUT,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http::security::remember_language,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http::csrf::protect_forms,
        ))
        .layer(axum::middleware::from_fn(
            http::security::same_origin_writes,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http::error_pages::render_error_pages,
        ))
        .layer(axum::middleware::from_fn(http::security::etag_pages))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http::security::headers,
        ))
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(5)))
        .layer(axum::middleware::from_fn(crate::metrics::track_requests))
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                .make_span_with(http::security::log_span)
                .on_response(http::security::log_response()),
        )
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http::request_id::assign,
        ))
        .with_state(state)
}

/// Her pages (HTML, forms that work without JavaScript).
fn her_pages() -> Router<AppState> {
    use mother::*;
    Router::new()
        .route("/", get(welcome::show))
        .route("/start", post(welcome::start))
        .route(
            "/restore",
            get(welcome::restore_form).post(welcome::restore),
        )
        .route("/restore/passkey/start", post(passkeys::restore_start))
        .route("/restore/passkey/finish", post(passkeys::restore_finish))
        .route("/today", get(today::show))
        .route("/coordination", post(today::coordination_form))
        .route("/leaks", post(leaks::tap))
        .route("/leaks/details", post(leaks::details))
        .route(
            "/questionnaires/{questionnaire}",
            get(questionnaires::show).post(questionnaires::answer),
        )
        .route(
            "/questionnaires/{questionnaire}/not-now",
            post(questionnaires::not_now),
        )
        .route("/diary", get(diary::show))
        .route("/diary/start", post(diary::start))
        .route("/diary/entries", post(diary::save))
        .route("/diary/entries/remove", post(diary::remove))
        .route("/diary/end", post(diary::end))
        .route("/diary/{id}", get(diary::figures))
        .route("/diary/{id}/print", get(diary::print))
        .route("/session", get(session::show))
        .route("/session/log", post(session::log_form))
        .route("/progress", get(progress::show))
        .route("/learn", get(learn::index))
        .route("/learn/{slug}", get(learn::page))
        .route("/settings", get(settings::show).post(settings::save))
        .route("/settings/hold", post(settings::save_hold))
        .route("/settings/code", post(settings::new_code))
        .route("/settings/erase", post(settings::erase))
        .route("/erased", get(settings::erased))
        .route(
            "/settings/reminders",
            get(reminders::show).post(reminders::save),
        )
        .route("/settings/reminders/snooze", post(reminders::snooze_form))
        .route(
            "/settings/reminders/calendar",
            post(reminders::new_calendar),
        )
        .route("/calendar/{file}", get(calendar::feed))
        .route("/settings/sharing", get(sharing::show))
        .route("/settings/sharing/code", post(sharing::new_code))
        .route(
            "/settings/sharing/links/{link}/end",
            post(sharing::end_link),
        )
        .route(
            "/settings/sharing/passkeys/{credential}/remove",
            post(passkeys::remove),
        )
        .route("/settings/export", get(sharing::export))
}

/// The JSON API her phone writes to (the player, the outbox, push, passkeys).
fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/api/outcomes/{id}", put(api::outcomes::put_outcome))
        .route("/api/coordination/{id}", put(api::coordination::put_tap))
        .route("/api/leaks/{id}", put(api::leaks::put_leak))
        .route(
            "/api/push/subscription",
            put(api::push::put_subscription).delete(api::push::delete_subscription),
        )
        .route("/api/reminders/snooze", post(api::snooze::snooze))
        .route(
            "/api/passkeys/register/start",
            post(api::passkeys::register_start),
        )
        .route(
            "/api/passkeys/register/finish",
            post(api::passkeys::register_finish),
        )
        .route("/api/openapi.json", get(api::openapi::description))
        .layer(axum::middleware::from_fn(api::json_bodies_only))
}

/// The physiotherapists' and admins' portal. Its pages carry mothers' data and run on shared
/// practice PCs, so none is ever stored by a browser (see [`portal::never_stored`]).
fn portal_routes() -> Router<AppState> {
    use portal::*;
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
        .route(
            "/portal/mothers/{link}/programme",
            get(programme::show).post(programme::save),
        )
        .route(
            "/portal/mothers/{link}/sessions",
            get(sessions::show).post(sessions::save),
        )
        .route("/portal/mothers/{link}/summary", get(summary::show))
        .route("/portal/mothers/{link}/sessions/diary", post(diary::ask))
        .route("/portal/mothers/{link}/diaries/{diary}", get(diary::print))
        .layer(axum::middleware::map_response(never_stored))
}
