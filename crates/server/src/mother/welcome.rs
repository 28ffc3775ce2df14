//! Starting without an account, and coming back on another phone with a recovery code.

use crate::http::client_address::ClientAddress;
use crate::http::error::PageError;
use crate::http::ratelimit;
use crate::http::visitor::{Visitor, secret_hash};
use crate::i18n::{Lang, Tr};
use crate::mother::reminders::{moment_line, push_key};
use crate::random::Random;
use crate::services::device::sign_in_phone;
use crate::state::AppState;
use crate::view::{Chrome, render, zone_name_or_default};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use hangmat_core::BirthDate;
use hangmat_core::birth::{BirthDateError, MAX_DAYS_SINCE_BIRTH};
use hangmat_core::reminders::ReminderPlan;
use hangmat_core::timeline::local_date;
use hangmat_store::StoreError;
use hangmat_store::{Profile, ProfileId};
use jiff::ToSpan;
use jiff::tz::TimeZone;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "mother/welcome.html")]
struct WelcomePage {
    chrome: Chrome,
    t: Tr,
    birth_date: String,
    error: Option<String>,
    max_date: String,
    min_date: String,
    tz: String,
}

fn welcome_page(
    state: &AppState,
    lang: Lang,
    birth_date: String,
    error: Option<String>,
    tz: String,
) -> WelcomePage {
    let zone = TimeZone::get(&tz).unwrap_or(TimeZone::UTC);
    let today = local_date(state.now(), &zone);
    let min = today
        .checked_sub(i64::from(MAX_DAYS_SINCE_BIRTH).days())
        .unwrap_or(today);
    WelcomePage {
        chrome: Chrome::new(state, lang, "welcome-title", "", false),
        t: Tr::new(lang),
        birth_date,
        error,
        max_date: today.to_string(),
        min_date: min.to_string(),
        tz,
    }
}

pub async fn show(State(state): State<AppState>, visitor: Visitor) -> Response {
    if visitor.profile.is_some() {
        return Redirect::to("/today").into_response();
    }
    let tz = state.config().deployment.default_time_zone.clone();
    render(
        StatusCode::OK,
        &welcome_page(&state, visitor.lang, String::new(), None, tz),
    )
}

#[derive(Debug, Deserialize)]
pub struct StartForm {
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    tz: String,
    #[serde(default)]
    lang: String,
}

/// The message for a refused birth date, in her language.
pub fn birth_date_message(t: &Tr, error: BirthDateError) -> String {
    t.get(match error {
        BirthDateError::Missing => "error-birth-date-missing",
        BirthDateError::NotADate => "error-birth-date-invalid",
        BirthDateError::InFuture => "error-birth-date-future",
        BirthDateError::TooLongAgo => "error-birth-date-too-old",
    })
}

pub async fn start(
    State(state): State<AppState>,
    visitor: Visitor,
    jar: CookieJar,
    Form(form): Form<StartForm>,
) -> Result<Response, PageError> {
    if visitor.profile.is_some() {
        return Ok(Redirect::to("/today").into_response());
    }
    let offered = &state.config().deployment.languages;
    let lang = Lang::parse(&form.lang)
        .filter(|l| offered.contains(l))
        .unwrap_or(visitor.lang);
    let t = Tr::new(lang);
    let tz = zone_name_or_default(&state, &form.tz);
    let zone = TimeZone::get(&tz).unwrap_or(TimeZone::UTC);
    let now = state.now();
    let birth = match BirthDate::parse(&form.birth_date, local_date(now, &zone)) {
        Ok(birth) => birth,
        Err(error) => {
            let message = birth_date_message(&t, error);
            let page = welcome_page(&state, lang, form.birth_date.clone(), Some(message), tz);
            return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    let profile = Profile {
        id: ProfileId(state.random().uuid_v4()),
        created_at: now,
        language: lang.code().to_owned(),
        birth_date: birth.date(),
        time_zone: tz,
    };
    let code = new_recovery_code(state.random());
    let store = state.store();
    store
        .create_profile(&profile, &secret_hash(&normalize_code(&code)))
        .await?;
    let jar = sign_in_phone(&state, profile.id, jar).await?;
    let offer = ReminderOffer {
        moments: ReminderPlan::default_plan()
            .moments
            .iter()
            .map(|moment| moment_line(&t, moment))
            .collect(),
        push_key: push_key(&state).await?,
    };
    Ok((jar, code_response(&state, lang, &code, Some(offer))).into_response())
}

/// After her first recovery code: "when shall we remind you?", with the moments she has before
/// changing anything, accepted with one tap (notifications on) or skipped.
pub struct ReminderOffer {
    pub moments: Vec<String>,
    pub push_key: Option<String>,
}

#[derive(Template)]
#[template(path = "mother/recovery_code.html")]
struct CodePage {
    chrome: Chrome,
    t: Tr,
    code: String,
    download_href: String,
    download_name: String,
    /// Her moments, offered once after her first code; the push switch beside them.
    offer: Option<Vec<String>>,
    push_key: Option<String>,
    push_devices: usize,
    calendar_below: bool,
}

/// Renders the page that shows a recovery code once; no cache may keep it.
pub fn code_response(
    state: &AppState,
    lang: Lang,
    code: &str,
    offer: Option<ReminderOffer>,
) -> Response {
    let mut response = render(StatusCode::OK, &code_page(state, lang, code, offer));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn code_page(state: &AppState, lang: Lang, code: &str, offer: Option<ReminderOffer>) -> CodePage {
    let t = Tr::new(lang);
    let text = t.text("code-file-text", "code", code);
    let encoded: String = text
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect();
    CodePage {
        chrome: Chrome::new(state, lang, "code-title", "", true),
        t,
        code: code.to_owned(),
        download_href: format!("data:text/plain;charset=utf-8,{encoded}"),
        download_name: t.get("code-file-name"),
        push_key: offer.as_ref().and_then(|offer| offer.push_key.clone()),
        offer: offer.map(|offer| offer.moments),
        push_devices: 0,
        calendar_below: false,
    }
}

/// Characters of a recovery code: Crockford's base 32 (no I, L, O, U: nothing to misread).
const CODE_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A new recovery code: 16 characters, 80 random bits, in four groups.
pub fn new_recovery_code(random: &Random) -> String {
    new_code(random, 4)
}

/// A random code of `groups` groups of four characters ("ABCD-EFGH"), from an alphabet without
/// look-alikes.
pub fn new_code(random: &Random, groups: usize) -> String {
    let chars: Vec<char> = (0..groups * 4)
        .map(|_| char::from(CODE_ALPHABET[random.below(CODE_ALPHABET.len())]))
        .collect();
    chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// A typed code in its canonical form: case, spaces and dashes ignored, look-alikes mapped.
pub fn normalize_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "mother/restore.html")]
struct RestorePage {
    chrome: Chrome,
    t: Tr,
    code: String,
    error: Option<String>,
}

pub async fn restore_form(State(state): State<AppState>, visitor: Visitor) -> Response {
    let page = RestorePage {
        chrome: Chrome::new(
            &state,
            visitor.lang,
            "restore-title",
            "",
            visitor.profile.is_some(),
        ),
        t: visitor.t(),
        code: String::new(),
        error: None,
    };
    render(StatusCode::OK, &page)
}

#[derive(Debug, Deserialize)]
pub struct RestoreForm {
    #[serde(default)]
    code: String,
}

pub async fn restore(
    State(state): State<AppState>,
    visitor: Visitor,
    jar: CookieJar,
    ClientAddress(address): ClientAddress,
    Form(form): Form<RestoreForm>,
) -> Result<Response, PageError> {
    let normalized = normalize_code(&form.code);
    // Counted per address and per code typed, so guessing codes is slow from anywhere.
    let who = format!("code:{normalized}");
    let t = visitor.t();
    let (status, message) =
        if !ratelimit::attempt(&state, ratelimit::RECOVERY, &who, &address).await? {
            let minutes = ratelimit::RECOVERY.window_minutes.into();
            let message = t.args("portal-too-many-attempts", &[("minutes", minutes)]);
            (StatusCode::TOO_MANY_REQUESTS, message)
        } else if let Some(profile) = profile_of_code(&state, &normalized).await? {
            let jar = sign_in_phone(&state, profile.id, jar).await?;
            return Ok((jar, Redirect::to("/today")).into_response());
        } else if normalized.is_empty() {
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                t.get("error-code-missing"),
            )
        } else {
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                t.get("error-code-unknown"),
            )
        };
    let signed_in = visitor.profile.is_some();
    let page = RestorePage {
        chrome: Chrome::new(&state, visitor.lang, "restore-title", "", signed_in),
        t,
        code: form.code.chars().take(64).collect(),
        error: Some(message),
    };
    Ok(render(status, &page))
}

/// The profile a recovery code (normalized) opens, if any.
async fn profile_of_code(
    state: &AppState,
    normalized: &str,
) -> Result<Option<Profile>, StoreError> {
    if normalized.len() != 16 {
        return Ok(None);
    }
    let hash = secret_hash(normalized);
    state.store().profile_by_recovery_hash(&hash).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_are_four_groups_of_unambiguous_characters() {
        let code = new_recovery_code(&Random::system());
        assert_eq!(code.len(), 19);
        assert_eq!(code.matches('-').count(), 3);
        assert!(
            code.chars()
                .filter(|c| *c != '-')
                .all(|c| CODE_ALPHABET.contains(&(c as u8)))
        );
        assert_ne!(new_recovery_code(&Random::system()), code);
    }

    #[test]
    fn typed_codes_forgive_case_spaces_and_look_alikes() {
        assert_eq!(normalize_code("abcd-efgh 0o1i-LxYZ"), "ABCDEFGH00111XYZ");
        assert_eq!(
            normalize_code(&new_recovery_code(&Random::system())).len(),
            16
        );
    }
}
