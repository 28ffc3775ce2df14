//! A test app: built from the example config and the brochure's programme, on a fresh database.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use hangmat_core::Programme;
use hangmat_core::programme::BROCHURE_PROGRAMME;
use hangmat_server::clock::ManualClock;
use hangmat_server::config::{Config, EXAMPLE_CONFIG};
use hangmat_server::router::router;
use hangmat_server::state::AppState;
use hangmat_store_sqlite::SqliteStore;
use http_body_util::BodyExt;
use jiff::Timestamp;
use std::sync::Arc;
use tower::ServiceExt;

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub clock: Arc<ManualClock>,
    pub store: Arc<dyn hangmat_store::Store>,
    _dir: tempfile::TempDir,
}

/// What a response carried, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The device cookie this reply sets, as `name=value`.
    pub fn device_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("hangmat_device="))
            .and_then(|v| v.split(';').next())
            .map(str::to_owned)
    }

    pub fn contains(&self, text: &str) -> bool {
        self.body.contains(text)
    }

    /// Whether the page shows `text` (as the template escaped it).
    pub fn shows(&self, text: &str) -> bool {
        let escaped = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;");
        self.body.contains(&escaped)
    }
}

pub const NOW: &str = "2026-11-25T10:00:00Z";

/// The key that seals staff TOTP secrets in every test app.
pub const TEST_SECRET_KEY: [u8; 32] = [7; 32];

/// The CSRF cookie the harness's browser holds, and the token its forms carry.
pub const HARNESS_CSRF_COOKIE: &str = "hangmat_csrf=harness-browser";

pub fn harness_csrf_token() -> String {
    hangmat_server::http::csrf::token_for("harness-browser")
}

pub async fn app() -> TestApp {
    app_with(BROCHURE_PROGRAMME).await
}

pub async fn app_with(programme_text: &str) -> TestApp {
    app_configured(programme_text, EXAMPLE_CONFIG).await
}

/// An app on SQLite with the brochure's programme and the given config text.
pub async fn app_with_config(config_text: &str) -> TestApp {
    app_configured(BROCHURE_PROGRAMME, config_text).await
}

/// An app on SQLite with the given programme and config texts.
pub async fn app_with_both(programme_text: &str, config_text: &str) -> TestApp {
    app_configured(programme_text, config_text).await
}

async fn app_configured(programme_text: &str, config_text: &str) -> TestApp {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(error) => panic!("temp dir: {error}"),
    };
    let store = match SqliteStore::open(&dir.path().join("hangmat.sqlite")).await {
        Ok(store) => store,
        Err(error) => panic!("open store: {error}"),
    };
    let clock = Arc::new(ManualClock::at(at(NOW)));
    app_on_config(Arc::new(store), programme_text, config_text, clock, dir)
}

/// An app on a given store and clock (several apps may share both, like servers of one deployment).
pub fn app_on(
    store: Arc<dyn hangmat_store::Store>,
    programme_text: &str,
    clock: Arc<ManualClock>,
    dir: tempfile::TempDir,
) -> TestApp {
    app_on_config(store, programme_text, EXAMPLE_CONFIG, clock, dir)
}

/// [`app_on`] with a config text of its own.
pub fn app_on_config(
    store: Arc<dyn hangmat_store::Store>,
    programme_text: &str,
    config_text: &str,
    clock: Arc<ManualClock>,
    dir: tempfile::TempDir,
) -> TestApp {
    let programme = match Programme::from_toml(programme_text, "test programme") {
        Ok(programme) => programme,
        Err(error) => panic!("{error}"),
    };
    let config = match Config::parse(config_text, "test config") {
        Ok(config) => config,
        Err(error) => panic!("{error}"),
    };
    // One key for every app of a test, like the servers of one deployment.
    let key = hangmat_server::secret_key::SecretKey::from_bytes(TEST_SECRET_KEY);
    let state = match AppState::new(store.clone(), programme, config, clock.clone(), key) {
        Ok(state) => state,
        Err(error) => panic!("{error:#}"),
    };
    TestApp {
        router: router(state.clone()),
        state,
        clock,
        store,
        _dir: dir,
    }
}

pub fn at(text: &str) -> Timestamp {
    match text.parse() {
        Ok(at) => at,
        Err(error) => panic!("{text}: {error}"),
    }
}

impl TestApp {
    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response: Response<Body> = match self.router.clone().oneshot(request).await {
            Ok(response) => response,
            Err(error) => match error {},
        };
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = match response.into_body().collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(error) => panic!("body: {error}"),
        };
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// Gets a page as the harness's browser (which keeps its CSRF cookie, as browsers do).
    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let cookie = match cookie {
            Some(cookie) if cookie.contains("hangmat_csrf=") => cookie.to_owned(),
            Some(cookie) => format!("{HARNESS_CSRF_COOKIE}; {cookie}"),
            None => HARNESS_CSRF_COOKIE.to_owned(),
        };
        let request = Request::get(path).header(header::COOKIE, cookie);
        self.send(request.body(Body::empty()).unwrap_or_default())
            .await
    }

    /// Posts a form as a browser that has the page's CSRF cookie and token.
    pub async fn post_form(&self, path: &str, cookie: Option<&str>, form: &str) -> Reply {
        let cookie = match cookie {
            Some(cookie) if cookie.contains("hangmat_csrf=") => cookie.to_owned(),
            Some(cookie) => format!("{HARNESS_CSRF_COOKIE}; {cookie}"),
            None => HARNESS_CSRF_COOKIE.to_owned(),
        };
        let form = format!("{form}&csrf={}", harness_csrf_token());
        self.post_form_raw(path, Some(&cookie), &form).await
    }

    /// Posts a form (with the CSRF cookie and token) from the socket peer `peer`, carrying
    /// `X-Forwarded-For: forwarded_for` when given: a request through a proxy, or one that claims to.
    pub async fn post_form_from(
        &self,
        path: &str,
        form: &str,
        peer: &str,
        forwarded_for: Option<&str>,
    ) -> Reply {
        let peer: std::net::SocketAddr = match format!("{peer}:40000").parse() {
            Ok(peer) => peer,
            Err(error) => panic!("{peer}: {error}"),
        };
        let mut request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .header(header::COOKIE, HARNESS_CSRF_COOKIE)
            .extension(axum::extract::ConnectInfo(peer));
        if let Some(forwarded_for) = forwarded_for {
            request = request.header("x-forwarded-for", forwarded_for);
        }
        let form = format!("{form}&csrf={}", harness_csrf_token());
        self.send(request.body(Body::from(form)).unwrap_or_default())
            .await
    }

    /// Posts a form exactly as given (no CSRF cookie or token added).
    pub async fn post_form_raw(&self, path: &str, cookie: Option<&str>, form: &str) -> Reply {
        let mut request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(
            request
                .body(Body::from(form.to_owned()))
                .unwrap_or_default(),
        )
        .await
    }

    pub async fn put_json(&self, path: &str, cookie: Option<&str>, json: &str) -> Reply {
        let mut request = Request::put(path)
            .header(header::CONTENT_TYPE, "application/json")
            .header("sec-fetch-site", "same-origin");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(
            request
                .body(Body::from(json.to_owned()))
                .unwrap_or_default(),
        )
        .await
    }

    /// Onboards a mother whose baby was born on `birth_date`; returns her cookie and recovery code.
    pub async fn onboard(&self, birth_date: &str) -> (String, String) {
        let reply = self
            .post_form(
                "/start",
                None,
                &format!("birth_date={birth_date}&tz=Europe%2FBrussels&lang=nl"),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let cookie = reply
            .device_cookie()
            .map(|device| format!("{HARNESS_CSRF_COOKIE}; {device}"))
            .unwrap_or_else(|| panic!("no device cookie set"));
        let code = recovery_code(&reply.body).unwrap_or_else(|| panic!("no recovery code shown"));
        (cookie, code)
    }
}

/// The profile a cookie header's device token signs in (the header may carry other cookies).
pub async fn profile_of(app: &TestApp, cookie: &str) -> hangmat_store::ProfileId {
    let token = cookie
        .split("; ")
        .find_map(|part| part.strip_prefix("hangmat_device="))
        .unwrap_or_default();
    let hash = hangmat_server::http::visitor::secret_hash(token);
    match app.state.store().device_session_profile(&hash).await {
        Ok(Some(id)) => id,
        other => panic!("no profile for the cookie: {other:?}"),
    }
}

/// The recovery code on the page that shows it.
pub fn recovery_code(html: &str) -> Option<String> {
    let pattern =
        regex::Regex::new(r#"id="recovery-code">([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})<"#).ok()?;
    pattern.captures(html).map(|c| c[1].to_owned())
}

/// A full outcome report of the brochure's session, started at `started` (RFC 3339).
pub fn full_outcome(started: &str, ended: &str) -> String {
    format!(
        r#"{{"started_at":"{started}","ended_at":"{ended}","position":"side","hold_counts":5,"completed":true,"parts":[{{"exercise":"strength","reps_done":10}},{{"exercise":"endurance","reps_done":10}}],"rating":null,"held_every_count":null}}"#
    )
}
