//! The learning pages: an index and one page per topic, in her language, readable without an
//! account (the welcome page links here too) and without JavaScript.

use crate::http::error::PageError;
use crate::http::visitor::Visitor;
use crate::i18n::Tr;
use crate::library::LearnPage;
use crate::state::AppState;
use crate::view::{Chrome, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

#[derive(Template)]
#[template(path = "mother/learn_index.html")]
struct IndexPage<'a> {
    chrome: Chrome,
    t: Tr,
    pages: Vec<&'a LearnPage>,
}

pub async fn index(State(state): State<AppState>, visitor: Visitor) -> Response {
    let chrome = Chrome::new(
        &state,
        visitor.lang,
        "learn-title",
        "learn",
        visitor.profile.is_some(),
    );
    let page = IndexPage {
        chrome,
        t: visitor.t(),
        pages: state.library().index(visitor.lang),
    };
    render(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "mother/learn_page.html")]
struct TopicPage<'a> {
    chrome: Chrome,
    t: Tr,
    page: &'a LearnPage,
    previous: Option<&'a LearnPage>,
    next: Option<&'a LearnPage>,
}

pub async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let library = state.library();
    let Some(page) = library.page(visitor.lang, &slug) else {
        return Err(PageError::NotFound);
    };
    let pages = library.index(visitor.lang);
    let position = pages.iter().position(|p| p.slug == page.slug).unwrap_or(0);
    let mut chrome = Chrome::new(
        &state,
        visitor.lang,
        "learn-title",
        "learn",
        visitor.profile.is_some(),
    );
    chrome.title = page.title.clone();
    let topic = TopicPage {
        chrome,
        t: visitor.t(),
        page,
        previous: position.checked_sub(1).and_then(|i| pages.get(i).copied()),
        next: pages.get(position + 1).copied(),
    };
    Ok(render(StatusCode::OK, &topic))
}
