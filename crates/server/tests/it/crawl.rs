//! A crawl of every page a visitor and a signed-in mother can reach by following links, in every
//! language: each answers, and none shows a placeholder that was never filled in (`{name}`, or a
//! Fluent `{ $name }`) in its text or its attributes.

use crate::harness::app;
use axum::http::StatusCode;
use hangmat_server::i18n::Lang;
use regex::Regex;
use std::collections::{BTreeSet, VecDeque};

/// Same-site pages linked from `html` (no assets, no API, no downloads, no query beyond none).
fn links(html: &str, href: &Regex) -> Vec<String> {
    href.captures_iter(html)
        .map(|c| c[1].to_owned())
        .filter(|path| {
            !path.starts_with("/static/")
                && !path.starts_with("/api/")
                && !path.starts_with("/calendar/")
                && !path.starts_with("/portal/")
                && path != "/settings/export"
                && path != "/sw.js"
                && path != "/manifest.webmanifest"
        })
        .map(|path| path.split(['#', '?']).next().unwrap_or_default().to_owned())
        .filter(|path| !path.is_empty())
        .collect()
}

/// What a reader meets of a page: its markup without scripts (the player's data is JSON).
fn shown(html: &str, scripts: &Regex) -> String {
    scripts.replace_all(html, "").into_owned()
}

#[tokio::test]
async fn no_page_shows_an_unfilled_placeholder_in_any_language() {
    let href = Regex::new(r#"href="(/[^"]*)""#).unwrap_or_else(|e| panic!("{e}"));
    let scripts = Regex::new(r"(?s)<script[^>]*>.*?</script>").unwrap_or_else(|e| panic!("{e}"));
    let placeholder =
        Regex::new(r"\{\s*\$?[A-Za-z_][A-Za-z0-9_-]*\s*\}").unwrap_or_else(|e| panic!("{e}"));
    let app = app().await;
    let (mother, _) = app.onboard("2026-11-20").await;
    let mut visited = 0;
    for lang in Lang::ALL {
        for cookie in [None, Some(mother.as_str())] {
            let mut seen = BTreeSet::new();
            let mut queue: VecDeque<String> =
                ["/", "/today", "/learn", "/settings", "/portal/login"]
                    .map(str::to_owned)
                    .into();
            while let Some(path) = queue.pop_front() {
                if !seen.insert(path.clone()) {
                    continue;
                }
                let page = app
                    .get(&format!("{path}?lang={}", lang.code()), cookie)
                    .await;
                assert!(
                    page.status == StatusCode::OK || page.status.is_redirection(),
                    "{path} ({}) answered {}",
                    lang.code(),
                    page.status
                );
                let text = shown(&page.body, &scripts);
                if let Some(left) = placeholder.find(&text) {
                    panic!(
                        "{path} ({}, {}) shows the placeholder {}",
                        lang.code(),
                        if cookie.is_some() { "her" } else { "a visitor" },
                        left.as_str()
                    );
                }
                visited += 1;
                queue.extend(links(&page.body, &href));
            }
            assert!(seen.len() >= 15, "the crawl reached {} pages", seen.len());
        }
    }
    assert!(visited >= 90, "{visited} pages crawled");
}
