//! Progress: a calendar of days that reached the target, contractions a day, her hold over time,
//! and the leaks she noted per week beside her training (never a goal, never a warning).

use crate::http::error::PageError;
use crate::http::visitor::Mother;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::view::charts;
use crate::view::{Chrome, date_label, render, today_of};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use hangmat_core::BirthDate;
use hangmat_core::progress::{
    CalendarDay, DayState, DayTally, calendar, exercise_days_in, recent_days,
};
use jiff::ToSpan;

/// Weeks the calendar shows, and days the bar chart shows.
const CALENDAR_WEEKS: u32 = 4;
const CHART_DAYS: u32 = 14;

pub struct CalendarCell {
    pub class: &'static str,
    pub label: String,
    pub day_of_month: i8,
}

pub struct DayRow {
    pub label: String,
    pub sessions: u32,
    pub coordination: u32,
    pub contractions: u32,
}

#[derive(Template)]
#[template(path = "mother/progress.html")]
struct ProgressPage {
    chrome: Chrome,
    t: Tr,
    target: u32,
    weekday_names: Vec<String>,
    calendar: Vec<CalendarCell>,
    days_reached: u32,
    per_day_chart: String,
    day_rows: Vec<DayRow>,
    show_hold: bool,
    hold_chart: String,
    hold_rows: Vec<charts::HoldRow>,
    /// What her physiotherapist gave her to do at home (the latest session's).
    advice: Option<crate::view::care::Advice>,
    leaks_chart: String,
    leak_rows: Vec<charts::LeakWeekRow>,
    /// Her questionnaire answers and scores over time (no band: that is for her physiotherapist).
    score_tables: Vec<crate::view::questionnaires::ScoreTable>,
}

pub async fn show(State(state): State<AppState>, mother: Mother) -> Result<Response, PageError> {
    let programme =
        crate::services::programme::effective_programme(&state, mother.profile.id).await?;
    let programme = programme.as_ref();
    let t = mother.t();
    let profile = &mother.profile;
    let today = today_of(&state, profile);
    let birth = BirthDate::from_stored(profile.birth_date);
    let first = today
        .checked_sub(i64::from(CALENDAR_WEEKS * 7 + 7).days())
        .unwrap_or(today);
    let tallies = state.store().day_tallies(profile.id, first, today).await?;
    let target = programme.schedule.daily_contraction_target;
    let days = calendar(programme, birth, today, &tallies, CALENDAR_WEEKS);
    // Her daily chart starts when she could begin: the days before are none of her business.
    let recent = recent_days(
        today,
        &tallies,
        exercise_days_in(programme, birth, today, CHART_DAYS),
    );
    let labels = charts::SetByLabels {
        mother: "progress-set-by-you",
        physiotherapist: "progress-set-by-physio",
        programme: "progress-set-by-programme",
    };
    let (hold_chart, hold_rows) =
        charts::hold_history_of(&state, &t, profile, programme, &labels).await?;
    let (leaks_chart, leak_rows) = charts::leaks_per_week_of(&state, &t, profile, today).await?;
    let page = ProgressPage {
        score_tables: crate::view::questionnaires::scores_of(&state, &t, profile, false).await?,
        leaks_chart,
        leak_rows,
        advice: crate::view::care::latest_advice(&state, &t, profile.id).await?,
        chrome: Chrome::new(&state, mother.lang, "progress-title", "progress", true),
        target,
        weekday_names: (1..=7)
            .map(|n| t.get(&format!("weekday-short-{n}")))
            .collect(),
        calendar: calendar_cells(&t, &days),
        days_reached: days.iter().filter(|d| d.state == DayState::Reached).count() as u32,
        per_day_chart: charts::daily_bars(&recent, target),
        day_rows: day_rows(&t, &recent),
        show_hold: programme.has_hold(),
        hold_chart,
        hold_rows,
        t,
    };
    Ok(render(StatusCode::OK, &page))
}

/// Her calendar's cells: each day's state as a class, and what it says to a screen reader.
fn calendar_cells(t: &Tr, days: &[CalendarDay]) -> Vec<CalendarCell> {
    days.iter()
        .map(|day| CalendarCell {
            class: match day.state {
                DayState::Reached => "met",
                DayState::Some => "some",
                DayState::Nothing => "empty",
                DayState::NotYet => "not-yet",
                DayState::Future => "future",
            },
            label: format!(
                "{}: {}",
                date_label(t, day.date),
                t.num("progress-contractions", "count", day.contractions)
            ),
            day_of_month: day.date.day(),
        })
        .collect()
}

/// The table under the daily chart, newest day first.
fn day_rows(t: &Tr, recent: &[DayTally]) -> Vec<DayRow> {
    recent
        .iter()
        .rev()
        .map(|d| DayRow {
            label: date_label(t, d.date),
            sessions: d.sessions,
            coordination: d.coordination,
            contractions: d.contractions(),
        })
        .collect()
}
