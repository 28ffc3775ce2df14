//! The learning pages: an index and one page per topic, in her language, readable without an
//! account (the welcome page links here too) and without JavaScript.

use super::today::Contacts;
use super::{Chrome, render};
use crate::app::AppState;
use crate::config::Config;
use crate::error::PageError;
use crate::i18n::{Lang, Tr};
use crate::learn::{Blocks, LearnPage};
use crate::visitor::Visitor;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

/// The HTML blocks learning pages embed: the deployment's contacts and the way into a session.
pub struct PageBlocks<'a> {
    pub config: &'a Config,
}

#[derive(Template)]
#[template(path = "contacts.html")]
struct ContactsBlock {
    t: Tr,
    contacts: Contacts,
}

impl Blocks for PageBlocks<'_> {
    fn contacts(&self, lang: Lang) -> String {
        let block = ContactsBlock {
            t: Tr::new(lang),
            contacts: Contacts::of(self.config, lang),
        };
        format!(
            "<div class=\"card stack contacts\">{}</div>",
            block.render().unwrap_or_default()
        )
    }

    fn session_button(&self, lang: Lang) -> String {
        format!(
            "<p><a class=\"button primary\" href=\"/session\">{}</a></p>",
            Tr::new(lang).get("learn-start-session")
        )
    }
}

#[derive(Template)]
#[template(path = "learn_index.html")]
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
#[template(path = "learn_page.html")]
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
