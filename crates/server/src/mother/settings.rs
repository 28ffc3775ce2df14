//! Settings: language, birth date, her hold within the programme's range, and erasing everything.

use super::session::current_hold;
use super::welcome::{birth_date_message, code_response, new_recovery_code, normalize_code};
use crate::http::error::PageError;
use crate::http::visitor::{DEVICE_COOKIE, Mother, Visitor, secret_hash};
use crate::i18n::{Lang, Tr};
use crate::state::AppState;
use crate::view::{Chrome, MessagePage, render, today_of, zone_name_or_default};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar};
use hangmat_core::BirthDate;
use hangmat_core::hold::{HoldCounts, HoldSetter};
use hangmat_store::HoldChange;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "mother/settings.html")]
struct SettingsPage {
    chrome: Chrome,
    t: Tr,
    saved: bool,
    birth_date: String,
    birth_error: Option<String>,
    max_date: String,
    tz: String,
    show_hold: bool,
    hold_range_line: String,
    hold_input: String,
    hold_min: u32,
    hold_max: u32,
    hold_error: Option<String>,
    hold_set_by: Option<String>,
    erase_error: Option<String>,
}

/// What a re-rendered settings page must keep: what she typed and what was wrong.
#[derive(Default)]
struct Typed {
    saved: bool,
    birth_date: Option<String>,
    birth_error: Option<String>,
    hold_input: Option<String>,
    hold_error: Option<String>,
    erase_error: Option<String>,
}

async fn settings_page(
    state: &AppState,
    mother: &Mother,
    typed: Typed,
) -> Result<SettingsPage, PageError> {
    let programme = state.programme();
    let t = mother.t();
    let hold = current_hold(state, mother.profile.id).await?;
    let last_change = state.store().current_hold(mother.profile.id).await?;
    let hold_set_by = last_change
        .filter(|change| change.set_by == HoldSetter::Physiotherapist)
        .map(|_| t.get("settings-hold-by-physio"));
    Ok(SettingsPage {
        chrome: Chrome::new(state, mother.lang, "settings-title", "settings", true),
        saved: typed.saved,
        birth_date: typed
            .birth_date
            .unwrap_or_else(|| mother.profile.birth_date.to_string()),
        birth_error: typed.birth_error,
        max_date: today_of(state, &mother.profile).to_string(),
        tz: mother.profile.time_zone.clone(),
        show_hold: programme.has_hold(),
        hold_range_line: t.args(
            "settings-hold-range",
            &[
                ("min", i64::from(programme.hold.min).into()),
                ("max", i64::from(programme.hold.max).into()),
                ("current", i64::from(hold.counts()).into()),
            ],
        ),
        hold_input: typed
            .hold_input
            .unwrap_or_else(|| hold.counts().to_string()),
        hold_min: programme.hold.min,
        hold_max: programme.hold.max,
        hold_error: typed.hold_error,
        hold_set_by,
        erase_error: typed.erase_error,
        t,
    })
}

#[derive(Debug, Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    mother: Mother,
    Query(query): Query<SavedQuery>,
) -> Result<Response, PageError> {
    let typed = Typed {
        saved: query.saved.is_some(),
        ..Typed::default()
    };
    let page = settings_page(&state, &mother, typed).await?;
    Ok(render(StatusCode::OK, &page))
}

#[derive(Debug, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    language: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    tz: String,
}

pub async fn save(
    State(state): State<AppState>,
    mut mother: Mother,
    Form(form): Form<SettingsForm>,
) -> Result<Response, PageError> {
    let offered = &state.config().deployment.languages;
    if let Some(lang) = Lang::parse(&form.language).filter(|l| offered.contains(l)) {
        mother.lang = lang;
    }
    let mut profile = mother.profile.clone();
    profile.time_zone = zone_name_or_default(&state, &form.tz);
    let today = today_of(&state, &profile);
    let birth = match BirthDate::parse(&form.birth_date, today) {
        Ok(birth) => birth,
        Err(error) => {
            let typed = Typed {
                birth_date: Some(form.birth_date.chars().take(32).collect()),
                birth_error: Some(birth_date_message(&mother.t(), error)),
                ..Typed::default()
            };
            let page = settings_page(&state, &mother, typed).await?;
            return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    profile.birth_date = birth.date();
    profile.language = mother.lang.code().to_owned();
    state.store().update_profile(&profile).await?;
    // Her zone or birth date moves her reminders.
    crate::notify::scheduler::reschedule(&state, &profile).await?;
    Ok(Redirect::to("/settings?saved=1").into_response())
}

#[derive(Debug, Deserialize)]
pub struct HoldForm {
    #[serde(default)]
    hold_counts: String,
}

pub async fn save_hold(
    State(state): State<AppState>,
    mother: Mother,
    Form(form): Form<HoldForm>,
) -> Result<Response, PageError> {
    let programme = state.programme();
    let chosen = form
        .hold_counts
        .trim()
        .parse::<u32>()
        .ok()
        .and_then(|counts| HoldCounts::choose(programme, HoldSetter::Mother, counts).ok());
    let Some(hold) = chosen else {
        let typed = Typed {
            hold_input: Some(form.hold_counts.chars().take(16).collect()),
            hold_error: Some(mother.t().args(
                "error-hold-range",
                &[
                    ("min", i64::from(programme.hold.min).into()),
                    ("max", i64::from(programme.hold.max).into()),
                ],
            )),
            ..Typed::default()
        };
        let page = settings_page(&state, &mother, typed).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    let current = current_hold(&state, mother.profile.id).await?;
    if current != hold {
        let change = HoldChange {
            hold_counts: hold.counts(),
            set_by: HoldSetter::Mother,
            set_at: state.now(),
        };
        state
            .store()
            .record_hold(mother.profile.id, &change)
            .await?;
    }
    Ok(Redirect::to("/settings?saved=1#hold").into_response())
}

/// Makes a new recovery code (the old one stops working) and shows it once.
pub async fn new_code(
    State(state): State<AppState>,
    mother: Mother,
) -> Result<Response, PageError> {
    let code = new_recovery_code(state.random());
    state
        .store()
        .replace_recovery_hash(mother.profile.id, &secret_hash(&normalize_code(&code)))
        .await?;
    Ok(code_response(&state, mother.lang, &code, None))
}

#[derive(Debug, Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    confirm: String,
}

/// Erases her profile and everything recorded under it, and signs the device out.
pub async fn erase(
    State(state): State<AppState>,
    mother: Mother,
    jar: CookieJar,
    Form(form): Form<EraseForm>,
) -> Result<Response, PageError> {
    if form.confirm != "yes" {
        let typed = Typed {
            erase_error: Some(mother.t().get("error-erase-confirm")),
            ..Typed::default()
        };
        let page = settings_page(&state, &mother, typed).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    state.store().erase_profile(mother.profile.id).await?;
    let jar = jar.remove(Cookie::build(DEVICE_COOKIE).path("/"));
    Ok((
        jar,
        Redirect::to(&format!("/erased?lang={}", mother.lang.code())),
    )
        .into_response())
}

pub async fn erased(State(state): State<AppState>, visitor: Visitor) -> Response {
    let t = visitor.t();
    let mut chrome = Chrome::new(&state, visitor.lang, "erased-title", "", false);
    chrome.clear_offline = true;
    let page = MessagePage {
        chrome,
        heading: t.get("erased-title"),
        paragraphs: vec![t.get("erased-text")],
        link_href: "/".into(),
        link_text: t.get("erased-start-again"),
    };
    render(StatusCode::OK, &page)
}
