//! What pages of every audience render with: the page frame (language links, navigation, CSRF
//! token), rendering, and how dates, moments and time zones are written for the reader.

pub mod care;
pub mod charts;
pub mod contacts;
pub mod diary;
pub mod questionnaires;

use crate::i18n::{Lang, Tr};
use crate::state::AppState;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use hangmat_core::timeline::local_date;
use hangmat_store::Profile;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// A link to the same page in another language.
#[derive(Debug, Clone)]
pub struct LangLink {
    pub code: &'static str,
    pub name: &'static str,
    pub current: bool,
}

/// What the page frame (base.html) shows: language, title, navigation, asset prefix.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub t: Tr,
    pub lang: Lang,
    pub title: String,
    pub langs: Vec<LangLink>,
    pub assets: String,
    /// The bottom tab that is current: "today", "session", "progress", "settings" or "".
    pub tab: &'static str,
    pub signed_in: bool,
    /// Tells the service worker to forget cached pages (after erasure).
    pub clear_offline: bool,
    /// The CSRF token every form on the page carries (`name="csrf"`).
    pub csrf: String,
    /// A page of the staff's portal: no link to her help page, no footer of hers.
    pub staff: bool,
}

impl Chrome {
    pub fn new(
        state: &AppState,
        lang: Lang,
        title_id: &str,
        tab: &'static str,
        signed_in: bool,
    ) -> Self {
        let t = Tr::new(lang);
        Self {
            t,
            lang,
            title: t.get(title_id),
            langs: state
                .config()
                .deployment
                .languages
                .iter()
                .map(|&l| LangLink {
                    code: l.code(),
                    name: l.own_name(),
                    current: l == lang,
                })
                .collect(),
            assets: state.assets().base().to_owned(),
            tab,
            signed_in,
            clear_offline: false,
            csrf: crate::http::csrf::current(),
            staff: false,
        }
    }

    /// The frame of a portal page (a practice PC): no navigation of hers, no help link of hers.
    pub fn for_staff(state: &AppState, lang: Lang, title_id: &str) -> Self {
        Self {
            staff: true,
            ..Self::new(state, lang, title_id, "", false)
        }
    }
}

/// Renders a template as an HTML response with a status.
pub fn render(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => {
            crate::http::error::log_failure(&error);
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Her time zone, falling back to the deployment's when the stored name is unknown.
pub fn zone_of(state: &AppState, profile: &Profile) -> TimeZone {
    zone_named(state, &profile.time_zone)
}

/// The time zone a profile names, falling back to the deployment's when the name is unknown.
pub fn zone_named(state: &AppState, name: &str) -> TimeZone {
    TimeZone::get(name)
        .or_else(|_| TimeZone::get(&state.config().deployment.default_time_zone))
        .unwrap_or(TimeZone::UTC)
}

/// A time zone name from her browser, if it is one we know; else the deployment's default.
pub fn zone_name_or_default(state: &AppState, name: &str) -> String {
    let name = name.trim();
    if !name.is_empty() && name.len() < 64 && TimeZone::get(name).is_ok() {
        name.to_owned()
    } else {
        state.config().deployment.default_time_zone.clone()
    }
}

/// Her local date now.
pub fn today_of(state: &AppState, profile: &Profile) -> Date {
    local_date(state.now(), &zone_of(state, profile))
}

/// A date written for her, in her language ("25 november").
pub fn date_label(t: &Tr, date: Date) -> String {
    let month = t.get(&format!("month-{}", date.month()));
    t.args(
        "date-day-month",
        &[
            ("day", i64::from(date.day()).into()),
            ("month", month.into()),
        ],
    )
}

/// Her time zone as the place it is named after, in her language ("Brussel", "Bruxelles"), not
/// as its database id ("Europe/Brussels"). Places Hangmat's languages name differently have a
/// message (`zone-place-…`); any other is the id's last part with its underscores as spaces.
pub fn zone_place(t: &Tr, zone_id: &str) -> String {
    let key = format!("zone-place-{}", zone_id.replace('/', "-"));
    let named = t.get(&key);
    if named != key {
        return named;
    }
    zone_id
        .rsplit('/')
        .next()
        .unwrap_or(zone_id)
        .replace('_', " ")
}

/// A date with its year ("24 september 2026"), as the portal, the printed summary and every log
/// write it: a record read months later, or filed, must say which year it means.
pub fn full_date_label(t: &Tr, date: Date) -> String {
    format!("{} {}", date_label(t, date), date.year())
}

/// A moment written for the reader in `zone`, in their language, with its year
/// ("25 november 2026 10:05"): moments are what records and logs keep.
pub fn moment_label(t: &Tr, at: jiff::Timestamp, zone: &TimeZone) -> String {
    let local = zone.to_datetime(at);
    format!(
        "{} {:02}:{:02}",
        full_date_label(t, local.date()),
        local.hour(),
        local.minute()
    )
}

/// The deployment's zone: the practice's clock for when something was done in the portal.
pub fn practice_zone(state: &AppState) -> TimeZone {
    TimeZone::get(&state.config().deployment.default_time_zone).unwrap_or(TimeZone::UTC)
}

/// The id of a form that must count once even when sent twice. It is derived from what the page
/// showed (her profile, the day, how many were counted so far), so the same page always carries
/// the same id (and revalidates without a body) while the next record after a counted one gets a
/// new id.
pub fn form_id(profile: &Profile, kind: &str, day: Date, counted: u32) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{}/{kind}/{day}/{counted}", profile.id).as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes)
        .into_uuid()
        .to_string()
}

#[derive(Template)]
#[template(path = "shared/message.html")]
pub struct MessagePage {
    pub chrome: Chrome,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub link_href: String,
    pub link_text: String,
}
