//! Error pages in her language. Handlers leave an [`ErrorPage`] marker on the response; this
//! middleware, which sees the request, renders the page.

use crate::http::error::ErrorPage;
use crate::http::visitor::{LANG_COOKIE, query_lang};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::view::Chrome;
use crate::view::MessagePage;
use askama::Template;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;

pub async fn render_error_pages(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let offered = state.config().deployment.languages.clone();
    let jar = CookieJar::from_headers(request.headers());
    let lang = query_lang(request.uri().query(), &offered)
        .or_else(|| jar.get(LANG_COOKIE).and_then(|c| Lang::parse(c.value())))
        .or_else(|| {
            request
                .headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| Lang::from_accept_language(v, &offered))
        })
        .unwrap_or_else(|| state.config().default_lang());
    let response = next.run(request).await;
    let Some(marker) = response.extensions().get::<ErrorPage>().copied() else {
        return response;
    };
    let chrome = Chrome::new(&state, lang, marker.message_id, "", false);
    let t = chrome.t;
    let page = MessagePage {
        heading: t.get(marker.message_id),
        paragraphs: vec![t.get(&format!("{}-text", marker.message_id))],
        link_href: "/".into(),
        link_text: t.get("error-back-home"),
        chrome,
    };
    let status = response.status();
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => status.into_response(),
    }
}
