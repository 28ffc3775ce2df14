//! The learning pages: complete in every language, every drawing described, every link alive,
//! every fact of the brochure stated somewhere, and the warning signs one tap from every page.

use crate::harness::{Reply, app};
use axum::http::StatusCode;
use hangmat_core::programme::BROCHURE_PROGRAMME;
use hangmat_server::config::EXAMPLE_CONFIG;
use hangmat_server::i18n::Lang;
use hangmat_server::library::SLUGS;
use std::path::Path;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."))
}

#[tokio::test]
async fn every_page_renders_in_every_language_with_its_numbers_filled_in() {
    let app = app().await;
    for lang in Lang::ALL {
        let index = app.get(&format!("/learn?lang={}", lang.code()), None).await;
        assert_eq!(index.status, StatusCode::OK);
        for slug in SLUGS {
            assert!(
                index.contains(&format!("href=\"/learn/{slug}\"")),
                "{} index lacks {slug}",
                lang.code()
            );
            let page = app
                .get(&format!("/learn/{slug}?lang={}", lang.code()), None)
                .await;
            assert_eq!(page.status, StatusCode::OK, "{slug} {}", lang.code());
            assert!(page.contains(&format!("<html lang=\"{}\">", lang.code())));
            let article = page.body.split("<article").nth(1).unwrap_or_default();
            assert!(
                !article.contains('{') && !article.contains('}'),
                "{slug} {}: a placeholder is left",
                lang.code()
            );
            assert!(
                article.matches("<h2").count() >= 1,
                "{slug} {} has sections",
                lang.code()
            );
        }
    }
    assert_eq!(
        app.get("/learn/nothing-here", None).await.status,
        StatusCode::NOT_FOUND
    );
}

/// A page's text as she reads it (tags dropped).
fn text_of(reply: &Reply) -> String {
    regex::Regex::new("<[^>]+>")
        .map(|re| re.replace_all(&reply.body, "").into_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_programme_and_config_decide_the_numbers_on_the_pages() {
    // Numbers no page text holds by chance, so each can only come from the programme or config.
    let programme = BROCHURE_PROGRAMME
        .replace(
            "physiotherapy_sessions = 9 ",
            "physiotherapy_sessions = 13 ",
        )
        .replace(
            "daily_contraction_target = 60 ",
            "daily_contraction_target = 47 ",
        );
    assert_ne!(programme, BROCHURE_PROGRAMME);
    let config = EXAMPLE_CONFIG.replace("number = \"112\"", "number = \"1733\"");
    assert_ne!(config, EXAMPLE_CONFIG);
    let app = crate::harness::app_with_both(&programme, &config).await;
    let exercises = app.get("/learn/exercises?lang=en", None).await;
    assert!(
        text_of(&exercises).contains("Aim for about 47 contractions a day"),
        "daily target from the programme"
    );
    assert!(
        exercises.contains("href=\"/session\""),
        "leads into a guided session"
    );
    let physio = app.get("/learn/physiotherapy?lang=nl", None).await;
    assert!(
        physio.contains("016 33 87 99") && physio.contains("https://www.bicap.be"),
        "contacts from config"
    );
    assert!(
        text_of(&physio).contains("Je krijgt 13 individuele sessies"),
        "sessions from the programme"
    );
    let warning = app.get("/learn/warning-signs?lang=fr", None).await;
    assert!(
        text_of(&warning).contains("Appelez tout de suite le 1733"),
        "emergency number from config"
    );
}

#[tokio::test]
async fn every_image_has_a_text_alternative_and_every_internal_link_resolves() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    let image = regex::Regex::new(r#"<img [^>]*>"#).unwrap_or_else(|e| panic!("{e}"));
    let alt = regex::Regex::new(r#"alt="([^"]*)""#).unwrap_or_else(|e| panic!("{e}"));
    let link = regex::Regex::new(r##"href="(/[^"#?]*)"##).unwrap_or_else(|e| panic!("{e}"));
    let mut checked = std::collections::BTreeSet::new();
    for lang in Lang::ALL {
        for slug in SLUGS {
            let page = app
                .get(
                    &format!("/learn/{slug}?lang={}", lang.code()),
                    Some(&cookie),
                )
                .await;
            let article = page.body.split("<article").nth(1).unwrap_or_default();
            for tag in image.find_iter(article) {
                let text = alt
                    .captures(tag.as_str())
                    .map(|c| c[1].trim().to_owned())
                    .unwrap_or_default();
                assert!(!text.is_empty(), "{slug} {}: {}", lang.code(), tag.as_str());
                let src = tag
                    .as_str()
                    .split("src=\"")
                    .nth(1)
                    .and_then(|s| s.split('"').next())
                    .unwrap_or("");
                assert_eq!(app.get(src, None).await.status, StatusCode::OK, "{src}");
            }
            for target in link.captures_iter(&page.body) {
                let path = target[1].to_owned();
                if path.starts_with("/static/") || !checked.insert(path.clone()) {
                    continue;
                }
                let reply = app.get(&path, Some(&cookie)).await;
                assert!(
                    reply.status.is_success() || reply.status.is_redirection(),
                    "{slug} links to {path}, which answers {}",
                    reply.status
                );
            }
        }
    }
    assert!(checked.len() > 10, "{checked:?}");
}

#[tokio::test]
async fn warning_signs_are_one_tap_from_every_page() {
    let app = app().await;
    let (cookie, _) = app.onboard("2026-11-10").await;
    for path in [
        "/today",
        "/session",
        "/progress",
        "/settings",
        "/learn",
        "/learn/toilet",
        "/restore",
    ] {
        let page = app.get(path, Some(&cookie)).await;
        // At the top, in the header, before anything of the page: no scrolling to reach it.
        let header = page.body.split("<main").next().unwrap_or_default();
        assert!(
            header.contains("class=\"help-link\" href=\"/learn/warning-signs\""),
            "{path}: no help link in the header"
        );
    }
    let welcome = app.get("/", None).await;
    assert!(
        welcome.contains("href=\"/learn/warning-signs\"") && welcome.contains("href=\"/learn\"")
    );
}

#[tokio::test]
async fn the_help_page_calls_every_number_with_one_tap_in_every_language() {
    let app = app().await;
    let numbers = regex::Regex::new(r"(?:^|[\s>])(\d{3}(?: \d{2,3}){2,3}|112)(?:[\s<.,]|$)")
        .unwrap_or_else(|e| panic!("{e}"));
    let links_and_tags =
        regex::Regex::new(r"<a [^>]*>[^<]*</a>|<[^>]+>").unwrap_or_else(|e| panic!("{e}"));
    for (lang, ward, midwife, call) in [
        (
            "nl",
            "De materniteit van UZ Leuven",
            "Je vroedvrouw of je huisarts",
            "Bel 112",
        ),
        (
            "fr",
            "La maternité de l&#39;UZ Leuven",
            "Votre sage-femme",
            "Appeler le 112",
        ),
        (
            "en",
            "The maternity ward of UZ Leuven",
            "Your midwife or your GP",
            "Call 112",
        ),
    ] {
        let page = app
            .get(&format!("/learn/warning-signs?lang={lang}"), None)
            .await;
        assert_eq!(page.status, StatusCode::OK);
        let article = page.body.split("<article").nth(1).unwrap_or_default();
        assert!(article.contains(ward), "{lang}: the ward from the config");
        assert!(
            article.contains(midwife),
            "{lang}: the midwife from the config"
        );
        assert!(
            article.contains(&format!("href=\"tel:112\">{call}</a>")),
            "{lang}: 112 as a call button"
        );
        assert!(
            article.contains("<a href=\"tel:112\">112</a>"),
            "{lang}: 112 in the text"
        );
        assert!(
            article.contains("href=\"tel:016332211\">016 33 22 11</a>"),
            "{lang}: the ward's number"
        );
        // Every number shown is a link that dials it.
        let text_only = links_and_tags.replace_all(article, " ");
        assert!(
            numbers.find(&text_only).is_none(),
            "{lang}: a number that is not a link: {:?}",
            numbers.find(&text_only).map(|m| m.as_str())
        );
    }
}

#[derive(serde::Deserialize)]
struct Facts {
    fact: Vec<Fact>,
}

#[derive(serde::Deserialize)]
struct Fact {
    id: String,
    page: String,
    nl: String,
    fr: String,
    en: String,
}

#[test]
fn every_fact_of_the_brochure_is_stated_in_every_language() {
    let text = std::fs::read_to_string(repo().join("content/facts.toml")).unwrap_or_default();
    let facts: Facts = toml::from_str(&text).unwrap_or_else(|e| panic!("content/facts.toml: {e}"));
    assert!(facts.fact.len() >= 40, "only {} facts", facts.fact.len());
    for fact in &facts.fact {
        assert!(
            SLUGS.contains(&fact.page.as_str()),
            "{}: unknown page {}",
            fact.id,
            fact.page
        );
        for (lang, phrase) in [("nl", &fact.nl), ("fr", &fact.fr), ("en", &fact.en)] {
            let path = repo()
                .join("content")
                .join(lang)
                .join(format!("{}.md", fact.page));
            let page = std::fs::read_to_string(&path)
                .unwrap_or_default()
                .to_lowercase();
            assert!(
                page.contains(&phrase.to_lowercase()),
                "{}: \"{phrase}\" not in {}",
                fact.id,
                path.display()
            );
        }
    }
}
