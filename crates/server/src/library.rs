//! The learning pages: the brochure's knowledge, written anew as Markdown per language in
//! `content/`, rendered once at start with the deployment's own numbers and contacts.
//!
//! Pages name numbers as placeholders (`{reps}`, `{physiotherapy_sessions}`) so the programme file
//! and the config decide them, never the text. Rendering at start means a typo in a placeholder
//! or a missing page stops the server with a message, not a mother's page with a hole in it.

use crate::config::{Config, dial_digits};
use crate::i18n::Lang;
use anyhow::{Context, anyhow, bail};
use hangmat_core::Programme;
use hangmat_core::programme::ExerciseKind;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};
use rust_embed::RustEmbed;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(RustEmbed)]
#[folder = "../../content/"]
struct ContentFiles;

/// The pages, in reading order. Every one exists in every language.
pub const SLUGS: [&str; 8] = [
    "pelvic-floor",
    "what-it-does",
    "pregnancy-and-birth",
    "toilet",
    "exercises",
    "first-weeks",
    "physiotherapy",
    "warning-signs",
];

/// The page about the exercises, which leads into a guided session.
pub const EXERCISES: &str = "exercises";
/// The page with the warning signs, linked from every page.
pub const WARNING_SIGNS: &str = "warning-signs";

#[derive(Debug, Clone)]
pub struct LearnPage {
    pub slug: &'static str,
    pub title: String,
    pub summary: String,
    /// Rendered HTML of the body (trusted: our own content, raw HTML in it is escaped).
    pub html: String,
}

/// Every page in every offered language.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pages: BTreeMap<(Lang, &'static str), LearnPage>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    summary: String,
}

/// Renders HTML blocks that depend on the page's language (the deployment's contacts, the session
/// button); the server passes its templates in, so this module needs no template of its own.
pub trait Blocks {
    fn contacts(&self, lang: Lang) -> String;
    /// Whom to call when something is wrong: the emergency number and the deployment's contacts.
    fn help_contacts(&self, lang: Lang) -> String;
    fn session_button(&self, lang: Lang) -> String;
}

impl Library {
    /// Loads and renders every page; `asset_base` prefixes the drawings' paths.
    pub fn load(
        programme: &Programme,
        config: &Config,
        asset_base: &str,
        blocks: &dyn Blocks,
    ) -> anyhow::Result<Self> {
        let values = placeholder_values(programme, config);
        let mut pages = BTreeMap::new();
        for lang in &config.deployment.languages {
            for slug in SLUGS {
                let path = format!("{}/{slug}.md", lang.code());
                let file =
                    ContentFiles::get(&path).ok_or_else(|| anyhow!("content/{path} is missing"))?;
                let text = String::from_utf8(file.data.into_owned())
                    .with_context(|| format!("content/{path}"))?;
                let page = render_page(slug, &text, &values, asset_base, *lang, blocks)
                    .with_context(|| format!("content/{path}"))?;
                pages.insert((*lang, slug), page);
            }
        }
        Ok(Self { pages })
    }

    pub fn page(&self, lang: Lang, slug: &str) -> Option<&LearnPage> {
        SLUGS
            .iter()
            .find(|known| **known == slug)
            .and_then(|known| self.pages.get(&(lang, *known)))
    }

    /// The pages of one language in reading order.
    pub fn index(&self, lang: Lang) -> Vec<&LearnPage> {
        SLUGS
            .iter()
            .filter_map(|slug| self.pages.get(&(lang, *slug)))
            .collect()
    }
}

/// The numbers and names pages may use, from the programme and the config.
fn placeholder_values(programme: &Programme, config: &Config) -> BTreeMap<&'static str, String> {
    let schedule = &programme.schedule;
    let reps = programme
        .exercise(ExerciseKind::Strength)
        .or_else(|| programme.exercises.first())
        .map_or(0, |e| e.reps);
    let rest = programme
        .exercise(ExerciseKind::Endurance)
        .map_or(0, |e| e.relax_counts);
    BTreeMap::from([
        ("reps", reps.to_string()),
        ("sessions_per_day", schedule.sessions_per_day.to_string()),
        ("hold_min", programme.hold.min.to_string()),
        ("hold_max", programme.hold.max.to_string()),
        ("rest_counts", rest.to_string()),
        (
            "exercise_start_day",
            schedule.exercise_start_day.to_string(),
        ),
        (
            "daily_target",
            schedule.daily_contraction_target.to_string(),
        ),
        (
            "physiotherapy_week",
            schedule.physiotherapy_from_week.to_string(),
        ),
        (
            "physiotherapy_sessions",
            schedule.physiotherapy_sessions.to_string(),
        ),
        (
            "prescription_valid_days",
            schedule.prescription_valid_days.to_string(),
        ),
        ("emergency_number", config.emergency.number.clone()),
        ("emergency_tel", dial_digits(&config.emergency.number)),
        ("deployment_name", config.deployment.name.clone()),
    ])
}

/// Block placeholders: alone on a line, replaced by HTML after rendering.
const BLOCKS: [&str; 3] = ["contacts", "help_contacts", "session_button"];

fn split_front_matter(text: &str) -> anyhow::Result<(FrontMatter, &str)> {
    let rest = text
        .strip_prefix("+++")
        .ok_or_else(|| anyhow!("must start with a +++ front matter"))?;
    let (front, body) = rest
        .split_once("\n+++")
        .ok_or_else(|| anyhow!("front matter has no closing +++"))?;
    let front: FrontMatter = toml::from_str(front).map_err(|e| anyhow!("front matter: {e}"))?;
    Ok((front, body))
}

/// Replaces `{name}` with its value; an unknown name is an error naming it.
fn fill(text: &str, values: &BTreeMap<&'static str, String>) -> anyhow::Result<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let end = after
            .find('}')
            .ok_or_else(|| anyhow!("unclosed {{ in \"{}\"", excerpt(&rest[start..])))?;
        let name = &after[..end];
        if let Some(value) = values.get(name) {
            out.push_str(value);
        } else if BLOCKS.contains(&name) {
            out.push('{');
            out.push_str(name);
            out.push('}');
        } else {
            bail!("unknown placeholder {{{name}}}");
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn excerpt(text: &str) -> String {
    text.chars().take(30).collect()
}

fn render_page(
    slug: &'static str,
    text: &str,
    values: &BTreeMap<&'static str, String>,
    asset_base: &str,
    lang: Lang,
    blocks: &dyn Blocks,
) -> anyhow::Result<LearnPage> {
    let (front, body) = split_front_matter(text)?;
    let body = fill(body, values)?;
    let mut missing_alt = None;
    let mut in_image = false;
    let mut image_has_text = false;
    let events: Vec<Event<'_>> = Parser::new_ext(&body, Options::empty())
        .map(|event| match event {
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                in_image = true;
                image_has_text = false;
                let dest_url = if dest_url.starts_with("img/") {
                    CowStr::from(format!("{asset_base}{dest_url}"))
                } else {
                    dest_url
                };
                if missing_alt.is_none() && !dest_url.starts_with(asset_base) {
                    missing_alt = Some(format!("image {dest_url} must be a drawing under img/"));
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Text(text) if in_image => {
                image_has_text |= !text.trim().is_empty();
                Event::Text(text)
            }
            Event::End(pulldown_cmark::TagEnd::Image) => {
                if !image_has_text && missing_alt.is_none() {
                    missing_alt = Some("an image has no text alternative".to_owned());
                }
                in_image = false;
                Event::End(pulldown_cmark::TagEnd::Image)
            }
            // Our content is Markdown only: any raw HTML shows as text.
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            other => other,
        })
        .collect();
    if let Some(problem) = missing_alt {
        bail!("{problem}");
    }
    let mut rendered = String::new();
    html::push_html(&mut rendered, events.into_iter());
    let rendered = rendered
        .replace("<p>{contacts}</p>", &blocks.contacts(lang))
        .replace("<p>{help_contacts}</p>", &blocks.help_contacts(lang))
        .replace("<p>{session_button}</p>", &blocks.session_button(lang));
    if let Some(left) = BLOCKS
        .iter()
        .find(|block| rendered.contains(&format!("{{{block}}}")))
    {
        bail!("{{{left}}} must stand alone on its own line");
    }
    Ok(LearnPage {
        slug,
        title: fill(&front.title, values)?,
        summary: fill(&front.summary, values)?,
        html: rendered,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoBlocks;

    impl Blocks for NoBlocks {
        fn contacts(&self, _: Lang) -> String {
            "<div>contacts</div>".into()
        }
        fn help_contacts(&self, _: Lang) -> String {
            "<div>help</div>".into()
        }
        fn session_button(&self, _: Lang) -> String {
            "<a>session</a>".into()
        }
    }

    fn values() -> BTreeMap<&'static str, String> {
        BTreeMap::from([("reps", "10".to_owned())])
    }

    #[test]
    fn placeholders_take_the_programme_numbers_and_unknown_ones_fail() {
        assert_eq!(
            fill("Do {reps} squeezes.", &values()).ok().as_deref(),
            Some("Do 10 squeezes.")
        );
        let error = fill("Do {repz} squeezes.", &values())
            .err()
            .map(|e| e.to_string());
        assert_eq!(error.as_deref(), Some("unknown placeholder {repz}"));
    }

    #[test]
    fn images_point_into_the_assets_and_need_a_text_alternative() {
        let page = "+++\ntitle = \"T\"\nsummary = \"S\"\n+++\n![Side view](img/learn/a.svg)\n\n{contacts}\n";
        let rendered = render_page("toilet", page, &values(), "/static/x/", Lang::En, &NoBlocks);
        let html = rendered.map(|p| p.html).unwrap_or_default();
        assert!(
            html.contains("src=\"/static/x/img/learn/a.svg\" alt=\"Side view\""),
            "{html}"
        );
        assert!(html.contains("<div>contacts</div>"));
        let no_alt = "+++\ntitle = \"T\"\nsummary = \"S\"\n+++\n![](img/learn/a.svg)\n";
        assert!(
            render_page(
                "toilet",
                no_alt,
                &values(),
                "/static/x/",
                Lang::En,
                &NoBlocks
            )
            .is_err()
        );
        let raw = "+++\ntitle = \"T\"\nsummary = \"S\"\n+++\n<script>x</script>\n";
        let html = render_page("toilet", raw, &values(), "/s/", Lang::En, &NoBlocks)
            .map(|p| p.html)
            .unwrap_or_default();
        assert!(!html.contains("<script>"), "{html}");
    }
}
