//! The application: shared state, the router, and the layers every response passes through.

use crate::assets::Assets;
use crate::clock::Clock;
use crate::config::Config;
use crate::learn::Library;
use crate::secret_key::SecretKey;
use crate::{pages, security};
use axum::Router;
use axum::routing::{get, post, put};
use hangmat_core::Programme;
use hangmat_store::Store;
use std::sync::Arc;
use tower_http::compression::{CompressionLayer, CompressionLevel};

/// What every handler may reach: the store, the programme, the deployment's config, the clock.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    library: Library,
    store: Arc<dyn Store>,
    programme: Programme,
    config: Config,
    assets: Assets,
    clock: Arc<dyn Clock>,
    secret_key: SecretKey,
}

impl AppState {
    /// Builds the state; fails when the learning pages do not render with this programme and
    /// config (a missing page, an unknown placeholder). `secret_key` seals staff TOTP secrets.
    pub fn new(
        store: Arc<dyn Store>,
        programme: Programme,
        config: Config,
        clock: Arc<dyn Clock>,
        secret_key: SecretKey,
    ) -> anyhow::Result<Self> {
        let assets = Assets::load();
        let blocks = pages::learn::PageBlocks { config: &config };
        let library = Library::load(&programme, &config, assets.base(), &blocks)?;
        Ok(Self(Arc::new(Inner {
            library,
            store,
            programme,
            config,
            assets,
            clock,
            secret_key,
        })))
    }

    /// The deployment's key that seals and opens staff TOTP secrets.
    pub fn secret_key(&self) -> &SecretKey {
        &self.0.secret_key
    }

    pub fn library(&self) -> &Library {
        &self.0.library
    }

    pub fn store(&self) -> &dyn Store {
        self.0.store.as_ref()
    }

    pub fn programme(&self) -> &Programme {
        &self.0.programme
    }

    pub fn config(&self) -> &Config {
        &self.0.config
    }

    pub fn assets(&self) -> &Assets {
        &self.0.assets
    }

    pub fn now(&self) -> jiff::Timestamp {
        self.0.clock.now()
    }
}

/// The whole HTTP surface.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::welcome::show))
        .route("/start", post(pages::welcome::start))
        .route(
            "/restore",
            get(pages::welcome::restore_form).post(pages::welcome::restore),
        )
        .route("/today", get(pages::today::show))
        .route("/coordination", post(pages::today::coordination_form))
        .route("/session", get(pages::session::show))
        .route("/session/log", post(pages::session::log_form))
        .route("/progress", get(pages::progress::show))
        .route(
            "/settings",
            get(pages::settings::show).post(pages::settings::save),
        )
        .route("/settings/hold", post(pages::settings::save_hold))
        .route("/settings/code", post(pages::settings::new_code))
        .route("/settings/erase", post(pages::settings::erase))
        .route("/erased", get(pages::settings::erased))
        .route("/offline", get(pages::meta::offline))
        .route("/learn", get(pages::learn::index))
        .route("/learn/{slug}", get(pages::learn::page))
        .route("/api/outcomes/{id}", put(pages::api::put_outcome))
        .route("/api/coordination/{id}", put(pages::api::put_tap))
        // Reminders (issue 4): settings, push subscription, snooze, calendar feed.
        .route(
            "/settings/reminders",
            get(pages::reminders::show).post(pages::reminders::save),
        )
        .route(
            "/settings/reminders/snooze",
            post(pages::reminders::snooze_form),
        )
        .route(
            "/settings/reminders/calendar",
            post(pages::reminders::new_calendar),
        )
        .route(
            "/api/push/subscription",
            put(pages::reminders::put_subscription).delete(pages::reminders::delete_subscription),
        )
        .route("/api/reminders/snooze", post(pages::reminders::snooze_api))
        .route("/calendar/{file}", get(pages::reminders::calendar_feed))
        // Her care on the portal (programme, physiotherapy sessions, summary): behind LinkedMother.
        .route(
            "/portal/mothers/{link}/programme",
            get(pages::portal_care::show_programme).post(pages::portal_care::save_programme_form),
        )
        .route(
            "/portal/mothers/{link}/sessions",
            get(pages::portal_care::show_sessions).post(pages::portal_care::save_session_form),
        )
        .route(
            "/portal/mothers/{link}/summary",
            get(pages::portal_care::show_summary),
        )
        .route("/healthz", get(pages::meta::healthz))
        .route("/manifest.webmanifest", get(pages::meta::manifest))
        .route("/sw.js", get(pages::meta::service_worker))
        .route("/static/{hash}/{*path}", get(pages::meta::asset))
        // Staff portal and the mother's sharing (issue 5, access).
        .merge(crate::portal::routes())
        .route("/settings/sharing", get(pages::sharing::show))
        .route("/settings/sharing/code", post(pages::sharing::new_code))
        .route(
            "/settings/sharing/links/{link}/end",
            post(pages::sharing::end_link),
        )
        .route("/settings/export", get(pages::sharing::export))
        // The mother's passkeys (issue 5): add on Sharing, restore on /restore.
        .route(
            "/api/passkeys/register/start",
            post(pages::passkeys::register_start),
        )
        .route(
            "/api/passkeys/register/finish",
            post(pages::passkeys::register_finish),
        )
        .route(
            "/restore/passkey/start",
            post(pages::passkeys::restore_start),
        )
        .route(
            "/restore/passkey/finish",
            post(pages::passkeys::restore_finish),
        )
        .route(
            "/settings/sharing/passkeys/{credential}/remove",
            post(pages::passkeys::remove),
        )
        .fallback(pages::meta::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::remember_language,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::csrf::protect_forms,
        ))
        .layer(axum::middleware::from_fn(security::same_origin_writes))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            pages::errors::render_error_pages,
        ))
        .layer(axum::middleware::from_fn(security::etag_pages))
        .layer(axum::middleware::from_fn(security::headers))
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(5)))
        .layer(tower_http::trace::TraceLayer::new_for_http().make_span_with(security::log_span))
        .with_state(state)
}
