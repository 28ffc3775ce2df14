//! Her calendar feed at a secret URL: her moments and milestones for phones that cannot get push.

use crate::http::error::PageError;
use crate::http::visitor::secret_hash;
use crate::i18n::Tr;
use crate::notify::scheduler::settings_of;
use crate::state::AppState;
use crate::view::zone_of;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// `GET /calendar/{token}.ics`: her moments and milestones as an iCalendar feed.
pub async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, PageError> {
    let token = file.strip_suffix(".ics").ok_or(PageError::NotFound)?;
    let store = state.store();
    let Some(id) = store.calendar_feed_profile(&secret_hash(token)).await? else {
        return Err(PageError::NotFound);
    };
    let Some(profile) = store.profile(id).await? else {
        return Err(PageError::NotFound);
    };
    let settings = settings_of(&state, id).await?;
    let lang = crate::i18n::Lang::parse(&profile.language).unwrap_or(state.config().default_lang());
    let t = Tr::new(lang);
    let text = crate::notify::calendar::feed(
        state.programme(),
        &profile,
        &settings,
        &zone_of(&state, &profile),
        &t,
        state.now(),
    );
    let mut response = (StatusCode::OK, text).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    headers.insert(
        header::HeaderName::from_static("referrer-policy"),
        HeaderValue::from_static("no-referrer"),
    );
    Ok(response)
}
