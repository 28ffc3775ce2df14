//! Reminders: the one settings screen for her moments, quiet hours and push; the push
//! subscription API; snoozing; and the calendar feed at a secret URL.
//!
//! Every part works without JavaScript except push itself (a browser API): the moments form is a
//! plain form, and a mother whose browser cannot receive push is told so and offered the feed.

use super::api::{is_json, parse_json, signed_in};
use super::{Chrome, date_label, render, today_of, zone_of};
use crate::app::AppState;
use crate::error::{ApiError, PageError};
use crate::i18n::Tr;
use crate::reminders::{due_list, reschedule, settings_of};
use crate::visitor::{Mother, Visitor, new_device_token, secret_hash};
use askama::Template;
use axum::Form;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use hangmat_core::BirthDate;
use hangmat_core::reminders::{
    Habit, MAX_MOMENTS, Moment, PlanError, QuietHours, ReminderKind, ReminderPlan, SNOOZE_MINUTES,
    milestone_dates, prescription_deadline, snooze_until,
};
use hangmat_store::{PushSubscription, ReminderSettings, time_text};
use jiff::civil::{Date, Time};
use serde::Deserialize;
use std::collections::HashMap;

/// One row of the moments form.
pub struct MomentRow {
    pub index: usize,
    pub habit: String,
    pub own_words: String,
    pub time: String,
    pub error: Option<String>,
}

pub struct HabitOption {
    pub value: &'static str,
    pub label: String,
}

pub struct MilestoneLine {
    pub date: String,
    pub text: String,
}

#[derive(Template)]
#[template(path = "reminders.html")]
struct RemindersPage {
    chrome: Chrome,
    t: Tr,
    saved: Option<String>,
    rows: Vec<MomentRow>,
    habits: Vec<HabitOption>,
    quiet_start: String,
    quiet_end: String,
    quiet_error: Option<String>,
    prescription_date: String,
    prescription_error: Option<String>,
    prescription_deadline: Option<String>,
    max_date: String,
    form_error: Option<String>,
    milestones: Vec<MilestoneLine>,
    /// The VAPID public key when this deployment sends push.
    push_key: Option<String>,
    push_devices: usize,
    snooze_minutes: [u32; 2],
    calendar_url: Option<String>,
    has_calendar: bool,
}

/// What a re-rendered page keeps: what she typed and what was wrong.
#[derive(Default)]
struct Typed {
    saved: Option<&'static str>,
    rows: Option<Vec<MomentRow>>,
    quiet: Option<(String, String)>,
    quiet_error: Option<String>,
    prescription: Option<String>,
    prescription_error: Option<String>,
    form_error: Option<String>,
    calendar_url: Option<String>,
}

fn habit_options(t: &Tr) -> Vec<HabitOption> {
    std::iter::once(HabitOption {
        value: "",
        label: t.get("reminders-habit-none"),
    })
    .chain(Habit::ALL.into_iter().map(|habit| HabitOption {
        value: habit.as_str(),
        label: t.get(&format!("reminders-habit-{}", habit.as_str())),
    }))
    .collect()
}

fn rows_of(plan: &ReminderPlan) -> Vec<MomentRow> {
    let mut rows: Vec<MomentRow> = plan
        .moments
        .iter()
        .enumerate()
        .map(|(index, moment)| MomentRow {
            index,
            habit: moment.habit.as_str().to_owned(),
            own_words: moment.own_words.clone(),
            time: time_text(moment.time),
            error: None,
        })
        .collect();
    if rows.len() < MAX_MOMENTS {
        // One empty row to add a moment.
        rows.push(MomentRow {
            index: rows.len(),
            habit: String::new(),
            own_words: String::new(),
            time: String::new(),
            error: None,
        });
    }
    rows
}

/// The URL of a calendar feed, absolute when the deployment knows its address.
fn calendar_url(state: &AppState, token: &str) -> String {
    let base = state
        .config()
        .deployment
        .public_url
        .as_deref()
        .unwrap_or("")
        .trim_end_matches('/');
    format!("{base}/calendar/{token}.ics")
}

async fn page(state: &AppState, mother: &Mother, typed: Typed) -> Result<Response, PageError> {
    let t = mother.t();
    let store = state.store();
    let settings = settings_of(state, mother.profile.id).await?;
    let programme = state.programme();
    let birth = BirthDate::from_stored(mother.profile.birth_date);
    let today = today_of(state, &mother.profile);
    let milestones = milestone_dates(programme, birth, settings.prescription_date)
        .into_iter()
        .filter(|(_, date)| *date >= today)
        .map(|(milestone, date)| MilestoneLine {
            date: date_label(&t, date),
            text: t.get(&format!("reminders-milestone-{}", milestone.as_str())),
        })
        .collect();
    let push_key = match &state.config().reminders.contact {
        Some(_) => Some(crate::push::public_key_text(
            &crate::push::deployment_key(store, state.now())
                .await
                .map_err(|error| {
                    PageError::Store(hangmat_store::StoreError::Database(error.into()))
                })?,
        )),
        None => None,
    };
    let (quiet_start, quiet_end) = typed.quiet.unwrap_or_else(|| {
        (
            time_text(settings.plan.quiet.start),
            time_text(settings.plan.quiet.end),
        )
    });
    let status = if typed.form_error.is_some()
        || typed.quiet_error.is_some()
        || typed.prescription_error.is_some()
    {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = RemindersPage {
        chrome: Chrome::new(state, mother.lang, "reminders-title", "settings", true),
        saved: typed.saved.map(|id| t.get(id)),
        rows: typed.rows.unwrap_or_else(|| rows_of(&settings.plan)),
        habits: habit_options(&t),
        quiet_start,
        quiet_end,
        quiet_error: typed.quiet_error,
        prescription_date: typed.prescription.unwrap_or_else(|| {
            settings
                .prescription_date
                .map(|date| date.to_string())
                .unwrap_or_default()
        }),
        prescription_error: typed.prescription_error,
        prescription_deadline: settings
            .prescription_date
            .and_then(|date| prescription_deadline(programme, date))
            .map(|deadline| {
                t.text(
                    "reminders-prescription-deadline",
                    "date",
                    &date_label(&t, deadline),
                )
            }),
        max_date: today.to_string(),
        form_error: typed.form_error,
        milestones,
        push_key,
        push_devices: store.push_subscriptions(mother.profile.id).await?.len(),
        snooze_minutes: SNOOZE_MINUTES,
        has_calendar: typed.calendar_url.is_some()
            || store.has_calendar_feed(mother.profile.id).await?,
        calendar_url: typed.calendar_url,
        t,
    };
    let mut response = render(status, &page);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

#[derive(Debug, Deserialize)]
pub struct ShowQuery {
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /settings/reminders`
pub async fn show(
    State(state): State<AppState>,
    mother: Mother,
    Query(query): Query<ShowQuery>,
) -> Result<Response, PageError> {
    let saved = match query.saved.as_deref() {
        Some("snooze") => Some("reminders-snoozed"),
        Some(_) => Some("reminders-saved"),
        None => None,
    };
    page(
        &state,
        &mother,
        Typed {
            saved,
            ..Typed::default()
        },
    )
    .await
}

fn parse_time(text: &str) -> Option<Time> {
    let text = text.trim();
    let (hour, minute) = text.split_once(':')?;
    let (hour, minute) = (
        hour.parse::<i8>().ok()?,
        minute.get(..2)?.parse::<i8>().ok()?,
    );
    Time::new(hour, minute, 0, 0).ok()
}

/// `POST /settings/reminders`: her moments, quiet hours and prescription date, as a plain form.
pub async fn save(
    State(state): State<AppState>,
    mother: Mother,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let t = mother.t();
    let field = |name: String| {
        form.get(&name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut rows = Vec::new();
    let mut moments = Vec::new();
    let mut invalid = false;
    for index in 0..MAX_MOMENTS {
        let habit_text = field(format!("habit_{index}"));
        let own_words: String = field(format!("words_{index}")).chars().take(200).collect();
        let time_text_typed: String = field(format!("time_{index}")).chars().take(8).collect();
        let mut row = MomentRow {
            index,
            habit: habit_text.clone(),
            own_words: own_words.clone(),
            time: time_text_typed.clone(),
            error: None,
        };
        if habit_text.is_empty() {
            // "No moment" leaves the row out.
            continue;
        }
        let habit = Habit::parse(&habit_text);
        let time = parse_time(&time_text_typed);
        match (habit, time) {
            (Some(habit), Some(time)) => {
                let own_words = if habit == Habit::OwnWords {
                    own_words
                } else {
                    String::new()
                };
                moments.push(Moment {
                    habit,
                    own_words,
                    time,
                });
            }
            (None, _) => {
                row.error = Some(t.get("reminders-error-habit"));
                invalid = true;
            }
            (_, None) => {
                row.error = Some(t.get("reminders-error-time"));
                invalid = true;
            }
        }
        rows.push(row);
    }
    let quiet_typed = (field("quiet_start".into()), field("quiet_end".into()));
    let quiet = match (parse_time(&quiet_typed.0), parse_time(&quiet_typed.1)) {
        (Some(start), Some(end)) => Some(QuietHours { start, end }),
        _ => None,
    };
    let prescription_typed: String = field("prescription_date".into()).chars().take(16).collect();
    let today = today_of(&state, &mother.profile);
    let prescription = if prescription_typed.is_empty() {
        Ok(None)
    } else {
        match prescription_typed.parse::<Date>() {
            Ok(date)
                if date <= today
                    && date
                        >= mother
                            .profile
                            .birth_date
                            .saturating_sub(jiff::Span::new().days(300)) =>
            {
                Ok(Some(date))
            }
            _ => Err(t.get("reminders-error-prescription")),
        }
    };
    let plan = ReminderPlan {
        moments,
        quiet: quiet.unwrap_or_default(),
    };
    let plan_error = plan.check().err().map(|error| {
        match error {
            PlanError::TooManyMoments => {}
            PlanError::OwnWordsMissing { index } | PlanError::OwnWordsTooLong { index } => {
                // Point at the row of the plan's nth moment.
                let message = t.get(match error {
                    PlanError::OwnWordsMissing { .. } => "reminders-error-own-words",
                    _ => "reminders-error-own-words-long",
                });
                if let Some(row) = rows
                    .iter_mut()
                    .filter(|row| row.error.is_none() && !row.habit.is_empty())
                    .nth(index)
                {
                    row.error = Some(message);
                }
            }
        }
        t.get("reminders-error-form")
    });
    if invalid || quiet.is_none() || prescription.is_err() || plan_error.is_some() {
        if rows.len() < MAX_MOMENTS {
            rows.push(MomentRow {
                index: rows.len(),
                habit: String::new(),
                own_words: String::new(),
                time: String::new(),
                error: None,
            });
        }
        for (position, row) in rows.iter_mut().enumerate() {
            row.index = position;
        }
        let typed = Typed {
            rows: Some(rows),
            quiet: Some(quiet_typed),
            quiet_error: quiet.is_none().then(|| t.get("reminders-error-time")),
            prescription: Some(prescription_typed),
            prescription_error: prescription.clone().err(),
            form_error: Some(plan_error.unwrap_or_else(|| t.get("reminders-error-form"))),
            ..Typed::default()
        };
        return page(&state, &mother, typed).await;
    }
    let settings = ReminderSettings {
        plan,
        prescription_date: prescription.unwrap_or(None),
    };
    let due = due_list(&state, &mother.profile, &settings).await?;
    state
        .store()
        .save_reminder_settings(mother.profile.id, &settings, &due)
        .await?;
    Ok(Redirect::to("/settings/reminders?saved=1").into_response())
}

#[derive(Debug, Deserialize)]
pub struct SnoozeForm {
    #[serde(default)]
    minutes: String,
}

async fn snooze_for(
    state: &AppState,
    profile: &hangmat_store::Profile,
    minutes: u32,
) -> Result<bool, hangmat_store::StoreError> {
    let Some(due) = snooze_until(state.now(), minutes) else {
        return Ok(false);
    };
    state
        .store()
        .set_reminder_due(profile.id, &ReminderKind::Snooze.key(), due)
        .await?;
    Ok(true)
}

/// `POST /settings/reminders/snooze`: remind me again in 15 or 30 minutes (a plain form).
pub async fn snooze_form(
    State(state): State<AppState>,
    mother: Mother,
    Form(form): Form<SnoozeForm>,
) -> Result<Response, PageError> {
    let minutes = form.minutes.trim().parse().unwrap_or(0);
    if !snooze_for(&state, &mother.profile, minutes).await? {
        let typed = Typed {
            form_error: Some(mother.t().get("reminders-error-snooze")),
            ..Typed::default()
        };
        return page(&state, &mother, typed).await;
    }
    Ok(Redirect::to("/settings/reminders?saved=snooze").into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SnoozeRequest {
    minutes: u32,
}

/// `POST /api/reminders/snooze`: the notification's snooze action (from the service worker).
pub async fn snooze_api(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let profile = signed_in(&visitor)?;
    // A POST, unlike the PUT and DELETE writes, is a "simple" cross-site request unless its body
    // is declared JSON: only then does the CSRF layer's reasoning hold.
    if !is_json(&headers) {
        return Err(ApiError::not_json(visitor.lang));
    }
    let request: SnoozeRequest = parse_json(&visitor, &body)?;
    let snoozed = snooze_for(&state, profile, request.minutes)
        .await
        .map_err(|e| ApiError::store(visitor.lang, e))?;
    if !snoozed {
        return Err(ApiError::invalid(visitor.lang, "minutes: must be 15 or 30"));
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// A subscription as `PushSubscription.toJSON()` gives it.
#[derive(Debug, Deserialize)]
struct SubscriptionJson {
    endpoint: String,
    keys: SubscriptionKeys,
    #[serde(default, rename = "expirationTime")]
    _expiration_time: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
struct SubscriptionKeys {
    p256dh: String,
    auth: String,
}

fn base64url_len(text: &str) -> Option<usize> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .ok()
        .map(|bytes| bytes.len())
}

/// `PUT /api/push/subscription`: stores what `pushManager.subscribe()` returned.
pub async fn put_subscription(
    State(state): State<AppState>,
    visitor: Visitor,
    body: Bytes,
) -> Result<Response, ApiError> {
    let profile = signed_in(&visitor)?;
    let json: SubscriptionJson = parse_json(&visitor, &body)?;
    // Only https: the server posts to this URL, so a plain-http or loopback address would let a
    // page make the server call services inside the deployment's network.
    let endpoint_ok = json.endpoint.len() <= 2048
        && json.endpoint.parse::<reqwest::Url>().is_ok_and(|url| {
            url.scheme() == "https" && url.host_str().is_some_and(|h| !h.is_empty())
        });
    if !endpoint_ok {
        return Err(ApiError::invalid(
            visitor.lang,
            "endpoint: not a push service URL",
        ));
    }
    if base64url_len(&json.keys.p256dh) != Some(65) {
        return Err(ApiError::invalid(
            visitor.lang,
            "keys.p256dh: not a P-256 public key",
        ));
    }
    if base64url_len(&json.keys.auth) != Some(16) {
        return Err(ApiError::invalid(visitor.lang, "keys.auth: not 16 bytes"));
    }
    let subscription = PushSubscription {
        endpoint: json.endpoint,
        p256dh: json.keys.p256dh,
        auth: json.keys.auth,
    };
    let store = state.store();
    let lang = visitor.lang;
    store
        .save_push_subscription(profile.id, &subscription, state.now())
        .await
        .map_err(|e| ApiError::store(lang, e))?;
    reschedule(&state, profile)
        .await
        .map_err(|e| ApiError::store(lang, e))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Debug, Deserialize)]
struct EndpointJson {
    endpoint: String,
}

/// `DELETE /api/push/subscription`: she turned push off on this browser.
pub async fn delete_subscription(
    State(state): State<AppState>,
    visitor: Visitor,
    body: Bytes,
) -> Result<Response, ApiError> {
    let profile = signed_in(&visitor)?;
    let json: EndpointJson = parse_json(&visitor, &body)?;
    let lang = visitor.lang;
    state
        .store()
        .remove_push_subscription(Some(profile.id), &json.endpoint)
        .await
        .map_err(|e| ApiError::store(lang, e))?;
    reschedule(&state, profile)
        .await
        .map_err(|e| ApiError::store(lang, e))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /settings/reminders/calendar`: a new secret calendar URL (the old one stops working),
/// shown once on the page.
pub async fn new_calendar(
    State(state): State<AppState>,
    mother: Mother,
) -> Result<Response, PageError> {
    let token = new_device_token();
    state
        .store()
        .replace_calendar_token(mother.profile.id, &secret_hash(&token), state.now())
        .await?;
    let typed = Typed {
        calendar_url: Some(calendar_url(&state, &token)),
        ..Typed::default()
    };
    page(&state, &mother, typed).await
}

/// `GET /calendar/{token}.ics`: her moments and milestones as an iCalendar feed.
pub async fn calendar_feed(
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
    let text = crate::calendar::feed(
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
