//! Today: where she is after the birth, what today holds, the coordination habit, and "I leaked"
//! (the leak log's forms are handled in leaks.rs; Today shows their confirmation and details).

use crate::http::error::PageError;
use crate::http::visitor::Mother;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::view::contacts::Contacts;
use crate::view::{Chrome, form_id, render, today_of, zone_of};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hangmat_core::BirthDate;
use hangmat_core::diary::{LeakActivity, LeakAmount};
use hangmat_core::outcome::check_tap;
use hangmat_core::progress::DayTally;
use hangmat_core::timeline::{DayPlan, day_plan};
use serde::Deserialize;

/// How long Today tells her about a change her physiotherapist made.
const CARE_NEWS_DAYS: i64 = 14;

#[derive(Template)]
#[template(path = "mother/today.html")]
struct TodayPage {
    chrome: Chrome,
    t: Tr,
    plan: DayPlan,
    tally: DayTally,
    /// A completed session today: a good moment to offer "add Hangmat to your home screen"
    /// (web/js/app.js shows it only on a phone, outside the installed app, until dismissed).
    offer_home_screen: bool,
    target_reached: bool,
    sessions_line: String,
    moments: String,
    tap_id: String,
    days_until_physio: u32,
    physio_sessions: u32,
    contacts: Contacts,
    /// Her physiotherapist's latest changes, told plainly (for two weeks).
    care_lines: Vec<String>,
    /// What her physiotherapist gave her to do at home (the latest session's).
    advice: Option<crate::view::care::Advice>,
    /// The "I leaked" form's id: the same page sends the same id, so a double tap counts once.
    leak_id: String,
    leak: LeakCard,
    /// Questionnaires open today (id, title): a gentle invitation each, never blocking.
    questionnaires_due: Vec<(String, String)>,
    /// Her bladder diary: the one that runs, or the one her physiotherapist asked for.
    diary: Option<crate::view::diary::TodayCard>,
}

/// Where the leak log stands on this page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeakStep {
    /// Only the button.
    Button,
    /// Just noted: the details are offered for this leak.
    Noted(uuid::Uuid),
    /// The details she sent were not among the choices: asked again with what she sent kept,
    /// nothing changed.
    Refused {
        id: uuid::Uuid,
        activity: String,
        amount: String,
    },
    /// The details are kept.
    Saved,
}

/// One radio button of the details form.
struct Choice {
    value: &'static str,
    label: String,
    checked: bool,
}

/// The leak card's confirmation, message and optional details form.
struct LeakCard {
    notice: Option<String>,
    error: Option<String>,
    /// The leak the details form completes, when it is offered.
    details_for: Option<String>,
    activities: Vec<Choice>,
    amounts: Vec<Choice>,
}

impl LeakCard {
    fn new(t: &Tr, step: LeakStep) -> Self {
        let (notice, error, details_for, (sent_activity, sent_amount)) = match step {
            LeakStep::Button => (None, None, None, Default::default()),
            LeakStep::Noted(id) => (Some("leak-noted"), None, Some(id), Default::default()),
            LeakStep::Refused {
                id,
                activity,
                amount,
            } => (
                None,
                Some("leak-details-refused"),
                Some(id),
                (activity, amount),
            ),
            LeakStep::Saved => (Some("leak-details-saved"), None, None, Default::default()),
        };
        let choice = |value: &'static str, kind: &str, sent: &str| Choice {
            value,
            label: t.get(&format!("leak-{kind}-{value}")),
            checked: value == sent,
        };
        LeakCard {
            notice: notice.map(|id| t.get(id)),
            error: error.map(|id| t.get(id)),
            details_for: details_for.map(|id| id.to_string()),
            activities: LeakActivity::ALL
                .iter()
                .map(|a| choice(a.as_str(), "activity", &sent_activity))
                .collect(),
            amounts: LeakAmount::ALL
                .iter()
                .map(|a| choice(a.as_str(), "amount", &sent_amount))
                .collect(),
        }
    }
}

/// What a redirect after a leak form tells Today.
#[derive(Debug, Deserialize)]
pub struct TodayQuery {
    leak: Option<String>,
    leak_saved: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    mother: Mother,
    Query(query): Query<TodayQuery>,
) -> Result<Response, PageError> {
    let step = match (
        query.leak.as_deref().map(uuid::Uuid::parse_str),
        query.leak_saved,
    ) {
        (Some(Ok(id)), _) => LeakStep::Noted(id),
        (_, Some(_)) => LeakStep::Saved,
        _ => LeakStep::Button,
    };
    page(&state, &mother, step, StatusCode::OK).await
}

/// Today's page with the leak card at `step`.
pub async fn page(
    state: &AppState,
    mother: &Mother,
    step: LeakStep,
    status: StatusCode,
) -> Result<Response, PageError> {
    let programme =
        crate::services::programme::effective_programme(state, mother.profile.id).await?;
    let programme = programme.as_ref();
    let today = today_of(state, &mother.profile);
    let birth = BirthDate::from_stored(mother.profile.birth_date);
    let plan = day_plan(programme, birth, today);
    let tally = state.store().day_tally(mother.profile.id, today).await?;
    let leaks_today = state
        .store()
        .leaks_per_day(mother.profile.id, today, today)
        .await?
        .first()
        .map_or(0, |(_, leaks)| *leaks);
    let t = mother.t();
    let sessions_line = sessions_line(&t, &tally, plan.sessions);
    let moments = programme
        .coordination
        .moments
        .iter()
        .map(|moment| t.get(&format!("moment-{moment}")))
        .collect::<Vec<_>>()
        .join(" · ");
    let physio_day = programme.schedule.physiotherapy_from_week * 7;
    let care_lines = crate::view::care::latest_change_lines(
        state,
        &t,
        mother.profile.id,
        &zone_of(state, &mother.profile),
        Some(CARE_NEWS_DAYS),
    )
    .await?;
    let leak = LeakCard::new(&t, step);
    let page = TodayPage {
        questionnaires_due: crate::mother::questionnaires::due(state, mother).await?,
        advice: crate::view::care::latest_advice(state, &t, mother.profile.id).await?,
        chrome: Chrome::new(state, mother.lang, "today-title", "today", true),
        t,
        sessions_line,
        moments,
        tap_id: form_id(&mother.profile, "tap", today, tally.coordination),
        leak_id: form_id(&mother.profile, "leak", today, leaks_today),
        leak,
        diary: crate::view::diary::today_card(state, &t, mother.profile.id).await?,
        days_until_physio: physio_day.saturating_sub(plan.day),
        physio_sessions: programme.schedule.physiotherapy_sessions,
        contacts: Contacts::of(state.config(), mother.lang),
        care_lines,
        target_reached: tally.reached(plan.contraction_target),
        plan,
        offer_home_screen: tally.sessions > 0,
        tally,
    };
    Ok(render(status, &page))
}

/// "2 of 3 sessions done", and the ones she began and stopped: those count their contractions and
/// show as begun, never as done.
fn sessions_line(t: &Tr, tally: &DayTally, planned: u32) -> String {
    let done = t.args(
        "today-sessions-done",
        &[
            ("done", i64::from(tally.sessions).into()),
            ("planned", i64::from(planned).into()),
        ],
    );
    if tally.begun == 0 {
        return done;
    }
    format!(
        "{done} {}",
        t.num("today-sessions-begun", "count", tally.begun)
    )
}

#[derive(Debug, Deserialize)]
pub struct TapForm {
    #[serde(default)]
    id: String,
}

/// The coordination "done" button without JavaScript: one tap, counted once per form id.
pub async fn coordination_form(
    State(state): State<AppState>,
    mother: Mother,
    Form(form): Form<TapForm>,
) -> Result<Response, PageError> {
    let id = uuid::Uuid::parse_str(form.id.trim()).unwrap_or_else(|_| state.random().uuid_v4());
    let now = state.now();
    if let Ok(tap) = check_tap(now, &zone_of(&state, &mother.profile), now) {
        state.store().save_tap(mother.profile.id, id, &tap).await?;
    }
    Ok(Redirect::to("/today#coordination").into_response())
}
