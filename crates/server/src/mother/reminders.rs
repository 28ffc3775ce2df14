//! Reminders: the one settings screen for her moments, quiet hours and push; the push
//! subscription API; snoozing; and the calendar feed at a secret URL.
//!
//! Every part works without JavaScript except push itself (a browser API): the moments form is a
//! plain form, and a mother whose browser cannot receive push is told so and offered the feed.

use crate::http::error::PageError;
use crate::http::visitor::{Mother, secret_hash};
use crate::i18n::Tr;
use crate::notify::scheduler::{due_list, settings_of};
use crate::state::AppState;
use crate::view::{Chrome, date_label, render, today_of};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use hangmat_core::BirthDate;
use hangmat_core::reminders::{
    Habit, MAX_MOMENTS, Moment, PlanError, QuietHours, ReminderPlan, SNOOZE_MINUTES,
    milestone_dates, prescription_date_fits, prescription_deadline,
};
use hangmat_store::{ReminderSettings, time_text};
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
#[template(path = "mother/reminders.html")]
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
    /// The calendar link follows on this page (the push switch's texts point to it).
    calendar_below: bool,
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
    let rows = plan
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
    with_empty_row(rows)
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

/// The VAPID public key a browser subscribes with, when this deployment sends push.
pub async fn push_key(state: &AppState) -> Result<Option<String>, PageError> {
    if state.config().reminders.contact.is_none() {
        return Ok(None);
    }
    let key = crate::notify::push::deployment_key(state.store(), state.now())
        .await
        .map_err(|error| PageError::Store(hangmat_store::StoreError::Database(error.into())))?;
    Ok(Some(crate::notify::push::public_key_text(&key)))
}

/// A moment in words, for the offer after her recovery code: "08:30 · After brushing teeth".
pub fn moment_line(t: &Tr, moment: &Moment) -> String {
    let habit = match moment.habit {
        Habit::OwnWords => moment.own_words.clone(),
        habit => t.get(&format!("reminders-habit-{}", habit.as_str())),
    };
    format!("{} · {habit}", time_text(moment.time))
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
    let push_key = push_key(state).await?;
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
        calendar_below: true,
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

/// Her moments as typed: the rows to show again (with an error each where one is wrong) and the
/// moments that parsed; `valid` is false when any row was wrong.
struct TypedMoments {
    rows: Vec<MomentRow>,
    moments: Vec<Moment>,
    valid: bool,
}

fn typed_moments(t: &Tr, field: &impl Fn(&str) -> String) -> TypedMoments {
    let mut typed = TypedMoments {
        rows: Vec::new(),
        moments: Vec::new(),
        valid: true,
    };
    for index in 0..MAX_MOMENTS {
        let habit_text = field(&format!("habit_{index}"));
        if habit_text.is_empty() {
            // "No moment" leaves the row out.
            continue;
        }
        let own_words: String = field(&format!("words_{index}")).chars().take(200).collect();
        let time: String = field(&format!("time_{index}")).chars().take(8).collect();
        let error = match (Habit::parse(&habit_text), parse_time(&time)) {
            (Some(habit), Some(at)) => {
                let own_words = match habit {
                    Habit::OwnWords => own_words.clone(),
                    _ => String::new(),
                };
                typed.moments.push(Moment {
                    habit,
                    own_words,
                    time: at,
                });
                None
            }
            (None, _) => Some(t.get("reminders-error-habit")),
            (_, None) => Some(t.get("reminders-error-time")),
        };
        typed.valid &= error.is_none();
        typed.rows.push(MomentRow {
            index,
            habit: habit_text,
            own_words,
            time,
            error,
        });
    }
    typed
}

/// Core's objection to a plan, marked on the row it concerns; the form's message.
fn plan_error(t: &Tr, plan: &ReminderPlan, rows: &mut [MomentRow]) -> Option<String> {
    let error = plan.check().err()?;
    let row_message = match error {
        PlanError::TooManyMoments => None,
        PlanError::OwnWordsMissing { index } => Some((index, "reminders-error-own-words")),
        PlanError::OwnWordsTooLong { index } => Some((index, "reminders-error-own-words-long")),
    };
    if let Some((index, message)) = row_message {
        // Point at the row of the plan's nth moment.
        if let Some(row) = rows
            .iter_mut()
            .filter(|row| row.error.is_none() && !row.habit.is_empty())
            .nth(index)
        {
            row.error = Some(t.get(message));
        }
    }
    Some(t.get("reminders-error-form"))
}

/// The prescription date she typed: none, a date core accepts for her, or the message why not.
fn typed_prescription(
    t: &Tr,
    typed: &str,
    mother: &Mother,
    today: Date,
) -> Result<Option<Date>, String> {
    if typed.is_empty() {
        return Ok(None);
    }
    let birth = BirthDate::from_stored(mother.profile.birth_date);
    match typed.parse::<Date>() {
        Ok(date) if prescription_date_fits(date, birth, today) => Ok(Some(date)),
        _ => Err(t.get("reminders-error-prescription")),
    }
}

/// The reminders form as she sent it: what she typed, and what of it parsed.
struct SentForm {
    rows: Vec<MomentRow>,
    valid: bool,
    plan: ReminderPlan,
    quiet_typed: (String, String),
    quiet_parsed: bool,
    prescription_typed: String,
    prescription: Result<Option<Date>, String>,
    plan_error: Option<String>,
}

impl SentForm {
    fn read(t: &Tr, form: &HashMap<String, String>, mother: &Mother, today: Date) -> Self {
        let field = |name: &str| {
            form.get(name)
                .map(|v| v.trim().to_owned())
                .unwrap_or_default()
        };
        let TypedMoments {
            mut rows,
            moments,
            valid,
        } = typed_moments(t, &field);
        let quiet_typed = (field("quiet_start"), field("quiet_end"));
        let quiet = parse_time(&quiet_typed.0)
            .zip(parse_time(&quiet_typed.1))
            .map(|(start, end)| QuietHours { start, end });
        let prescription_typed: String = field("prescription_date").chars().take(16).collect();
        let prescription = typed_prescription(t, &prescription_typed, mother, today);
        let plan = ReminderPlan {
            moments,
            quiet: quiet.unwrap_or_default(),
        };
        let plan_error = plan_error(t, &plan, &mut rows);
        Self {
            rows,
            valid,
            plan,
            quiet_typed,
            quiet_parsed: quiet.is_some(),
            prescription_typed,
            prescription,
            plan_error,
        }
    }

    /// Her settings, when everything she sent holds.
    fn settings(&self) -> Option<ReminderSettings> {
        match (&self.prescription, &self.plan_error) {
            (Ok(prescription_date), None) if self.valid && self.quiet_parsed => {
                Some(ReminderSettings {
                    plan: self.plan.clone(),
                    prescription_date: *prescription_date,
                })
            }
            _ => None,
        }
    }

    /// The page again: what she typed, each message beside its field.
    fn again(self, t: &Tr) -> Typed {
        Typed {
            rows: Some(with_empty_row(self.rows)),
            quiet: Some(self.quiet_typed),
            quiet_error: (!self.quiet_parsed).then(|| t.get("reminders-error-time")),
            prescription: Some(self.prescription_typed),
            prescription_error: self.prescription.err(),
            form_error: Some(
                self.plan_error
                    .unwrap_or_else(|| t.get("reminders-error-form")),
            ),
            ..Typed::default()
        }
    }
}

/// `POST /settings/reminders`: her moments, quiet hours and prescription date, as a plain form.
pub async fn save(
    State(state): State<AppState>,
    mother: Mother,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let t = mother.t();
    let today = today_of(&state, &mother.profile);
    let sent = SentForm::read(&t, &form, &mother, today);
    let Some(settings) = sent.settings() else {
        return page(&state, &mother, sent.again(&t)).await;
    };
    let due = due_list(&state, &mother.profile, &settings).await?;
    state
        .store()
        .save_reminder_settings(mother.profile.id, &settings, &due)
        .await?;
    Ok(Redirect::to("/settings/reminders?saved=1").into_response())
}

/// The rows again, numbered in order, with one empty row to add a moment while there is room.
fn with_empty_row(mut rows: Vec<MomentRow>) -> Vec<MomentRow> {
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
    rows
}

#[derive(Debug, Deserialize)]
pub struct SnoozeForm {
    #[serde(default)]
    minutes: String,
}

/// `POST /settings/reminders/snooze`: remind me again in 15 or 30 minutes (a plain form).
pub async fn snooze_form(
    State(state): State<AppState>,
    mother: Mother,
    Form(form): Form<SnoozeForm>,
) -> Result<Response, PageError> {
    let minutes = form.minutes.trim().parse().unwrap_or(0);
    if !crate::services::snooze::snooze(&state, &mother.profile, minutes).await? {
        let typed = Typed {
            form_error: Some(mother.t().get("reminders-error-snooze")),
            ..Typed::default()
        };
        return page(&state, &mother, typed).await;
    }
    Ok(Redirect::to("/settings/reminders?saved=snooze").into_response())
}

/// `POST /settings/reminders/calendar`: a new secret calendar URL (the old one stops working),
/// shown once on the page.
pub async fn new_calendar(
    State(state): State<AppState>,
    mother: Mother,
) -> Result<Response, PageError> {
    let token = state.random().token();
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
