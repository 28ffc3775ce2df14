//! Her mothers: the list (sortable, with display flags), linking with a mother's code, one mother's
//! page (charts with tables, session outcomes, coordination taps), ending a link.
//!
//! The list shows only the signed-in physiotherapist's active links, the mothers who need a look
//! first (core's flags), 50 a page, and writes one audit line per mother shown on the page. It
//! reads all her mothers at once (one aggregated row each, however many mothers: the flags of all
//! of them decide the order), each mother's week ending on her own today in her time zone, and
//! writes the page's audit lines in one statement. One mother's page is reached only
//! through [`LinkedMother`].

use crate::http::client_address::ClientAddress;
use crate::http::error::PageError;
use crate::http::ratelimit;
use crate::i18n::Tr;
use crate::mother::session::hold_or_start;
use crate::portal::sessions::sessions_done_cell;
use crate::portal::staff::{LinkedMother, Staff, audit_mothers};
use crate::services::link::link_by_code;
use crate::services::programme::effective_programme;
use crate::services::programme::programme_with;
use crate::state::AppState;
use crate::view::charts;
use crate::view::{Chrome, full_date_label, render, today_of, zone_named, zone_of};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hangmat_core::BirthDate;
use hangmat_core::follow_up::{Physiotherapy, RatingCounts, flags};
use hangmat_core::outcome::SessionOutcome;
use hangmat_core::policy::Action;
use hangmat_core::progress::DayTally;
use hangmat_core::progress::{exercise_days_in, recent_days};
use hangmat_core::timeline::{local_date, postpartum_day};
use hangmat_store::{EndedBy, ListDays, ListedMother, ProfileId};
use jiff::ToSpan;
use serde::Deserialize;

/// Days the list's "last 7 days" columns cover.
const LIST_DAYS: u32 = 7;
/// How far back the list looks for her last activity (before that, it counts from her start).
const ACTIVITY_LOOKBACK_DAYS: i64 = 60;
/// Days one mother's charts cover.
const CHART_DAYS: u32 = 28;
/// Mothers a page of the list shows.
const PAGE_SIZE: usize = 50;

/// One row of the list.
pub struct MotherRow {
    /// Whose row it is, for the audit line (never shown).
    profile: ProfileId,
    link_id: hangmat_store::LinkId,
    pub link: String,
    pub label: String,
    pub day: u32,
    pub sessions_per_day: String,
    pub contractions_per_day: u32,
    /// Her own targets, when her prescription makes them differ from the programme's (the
    /// columns' headings name the programme's).
    pub own_target_sessions: Option<u32>,
    pub own_target_contractions: Option<u32>,
    pub hold: u32,
    pub ratings: RatingCounts,
    pub days_since_activity: u32,
    pub inactive: bool,
    pub rated_hard: bool,
    pub physiotherapy_due: bool,
    pub needs_a_look: bool,
    /// The nine physiotherapy sessions done ("3 / 9").
    pub physio_sessions: String,
    /// Her latest Sandvik score (None: never answered).
    pub latest_score: Option<i64>,
}

/// Rows of the page under one heading: those who need a look, then the others (no heading when
/// the list is sorted by a column).
pub struct RowGroup {
    pub title: Option<String>,
    pub rows: Vec<MotherRow>,
}

/// A link of the list's pager.
pub struct PageLink {
    pub number: usize,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "portal/mothers.html")]
struct ListPage {
    chrome: Chrome,
    t: Tr,
    staff_name: String,
    groups: Vec<RowGroup>,
    total: usize,
    /// Mothers the filter keeps, and which of them this page shows ("51-100 of 212").
    matching: usize,
    first: usize,
    last: usize,
    pages: Vec<PageLink>,
    sort: String,
    flag: String,
    target_contractions: u32,
    target_sessions: u32,
    code: String,
    label: String,
    error: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    sort: String,
    #[serde(default)]
    flag: String,
    /// 1-based; out of range shows the nearest page.
    #[serde(default)]
    page: Option<usize>,
}

/// Her zone's days for the list: her last seven days up to her today, and how far back her last
/// activity is looked for.
fn list_days(state: &AppState, zone: &str) -> ListDays {
    let today = local_date(state.now(), &zone_named(state, zone));
    let back = |days: i64| today.checked_sub(days.days()).unwrap_or(today);
    ListDays {
        week_start: back(i64::from(LIST_DAYS - 1)),
        today,
        lookback: back(ACTIVITY_LOOKBACK_DAYS),
    }
}

/// Her row, from what the store read for the whole list.
fn mother_row(state: &AppState, t: &Tr, mother: &ListedMother) -> MotherRow {
    let profile = &mother.profile;
    let today = mother.days.today;
    let week = &mother.week;
    let last_active = mother
        .last_active
        .unwrap_or_else(|| local_date(profile.created_at, &zone_of(state, profile)));
    let day = postpartum_day(BirthDate::from_stored(profile.birth_date), today);
    let file = &state.programme().schedule;
    let physiotherapy = Physiotherapy {
        postpartum_day: day,
        from_week: file.physiotherapy_from_week,
        sessions_done: mother.physio_sessions_done,
    };
    let flags = flags(today, last_active, week.ratings, physiotherapy);
    let own = &programme_with(state, &mother.prescription).schedule;
    let differs = |own: u32, file: u32| (own != file).then_some(own);
    MotherRow {
        profile: profile.id,
        link_id: mother.link.id,
        link: mother.link.id.to_string(),
        label: mother.link.label.clone(),
        day,
        sessions_per_day: t.decimal(f64::from(week.sessions) / f64::from(LIST_DAYS), 1),
        contractions_per_day: (week.session_contractions + week.taps) / LIST_DAYS,
        own_target_sessions: differs(own.sessions_per_day, file.sessions_per_day),
        own_target_contractions: differs(
            own.daily_contraction_target,
            file.daily_contraction_target,
        ),
        hold: hold_or_start(state, mother.hold_counts).counts(),
        ratings: week.ratings,
        days_since_activity: flags.days_since_activity,
        inactive: flags.inactive,
        rated_hard: flags.rated_hard_repeatedly,
        physiotherapy_due: flags.physiotherapy_due,
        needs_a_look: flags.needs_a_look(),
        physio_sessions: sessions_done_cell(state.programme(), mother.physio_sessions_done),
        latest_score: mother.latest_score,
    }
}

/// Filters and orders the rows as asked. Unsorted, those who need a look come first (longest
/// quiet first), then the others by label.
fn order_rows(rows: &mut Vec<MotherRow>, query: &ListQuery) {
    match query.flag.as_str() {
        "inactive" => rows.retain(|r| r.inactive),
        "hard" => rows.retain(|r| r.rated_hard),
        "physio" => rows.retain(|r| r.physiotherapy_due),
        _ => {}
    }
    let label = |r: &MotherRow| r.label.to_lowercase();
    match query.sort.as_str() {
        "label" => rows.sort_by_key(label),
        "day" => rows.sort_by_key(|r| r.day),
        "activity" => rows.sort_by_key(|r| std::cmp::Reverse(r.days_since_activity)),
        "contractions" => rows.sort_by_key(|r| r.contractions_per_day),
        _ => rows.sort_by_key(|r| {
            let quiet = if r.needs_a_look {
                r.days_since_activity
            } else {
                0
            };
            (!r.needs_a_look, std::cmp::Reverse(quiet), label(r))
        }),
    }
}

/// The page's rows under their headings.
fn group_rows(
    t: &Tr,
    rows: Vec<MotherRow>,
    attention_first: bool,
    attention: usize,
) -> Vec<RowGroup> {
    if !attention_first {
        return vec![RowGroup { title: None, rows }];
    }
    let (look, others): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.needs_a_look);
    [
        (
            look,
            t.num("portal-group-attention", "count", attention as u32),
        ),
        (others, t.get("portal-group-others")),
    ]
    .into_iter()
    .filter(|(rows, _)| !rows.is_empty())
    .map(|(rows, title)| RowGroup {
        title: Some(title),
        rows,
    })
    .collect()
}

async fn list_page(
    state: &AppState,
    staff: &Staff,
    query: ListQuery,
    code: String,
    label: String,
    error: Option<String>,
) -> Result<ListPage, PageError> {
    let t = staff.t();
    let mothers = state
        .store()
        .listed_mothers(staff.id, &|zone| list_days(state, zone))
        .await?;
    let total = mothers.len();
    let mut rows: Vec<MotherRow> = mothers.iter().map(|m| mother_row(state, &t, m)).collect();
    order_rows(&mut rows, &query);
    let matching = rows.len();
    let attention = rows.iter().filter(|r| r.needs_a_look).count();
    let pages = matching.div_ceil(PAGE_SIZE).max(1);
    let page = query.page.unwrap_or(1).clamp(1, pages);
    let first = (page - 1) * PAGE_SIZE;
    let shown: Vec<MotherRow> = rows.into_iter().skip(first).take(PAGE_SIZE).collect();
    // In the order of the audit log's index (her profile first), so the lines fill its pages
    // one after the other instead of jumping between them.
    let mut audited: Vec<_> = shown.iter().map(|r| (r.profile, Some(r.link_id))).collect();
    audited.sort();
    audit_mothers(
        state,
        staff.id,
        Action::ReadHerData,
        "GET /portal/mothers",
        audited,
    )
    .await?;
    let programme = state.programme();
    Ok(ListPage {
        chrome: Chrome::for_staff(state, staff.lang, "portal-mothers-title"),
        staff_name: staff.display_name.clone(),
        first: if shown.is_empty() { 0 } else { first + 1 },
        last: first + shown.len(),
        groups: group_rows(&t, shown, query.sort.is_empty(), attention),
        t,
        total,
        matching,
        pages: (1..=pages)
            .map(|number| PageLink {
                number,
                current: number == page,
            })
            .collect(),
        sort: query.sort,
        flag: query.flag,
        target_contractions: programme.schedule.daily_contraction_target,
        target_sessions: programme.schedule.sessions_per_day,
        code,
        label,
        error,
    })
}

pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<ListQuery>,
) -> Result<Response, PageError> {
    staff.may(Action::EnterLinkCode)?;
    let page = list_page(&state, &staff, query, String::new(), String::new(), None).await?;
    Ok(render(StatusCode::OK, &page))
}

#[derive(Debug, Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    label: String,
}

/// The list again, with what she typed and why it did not link.
async fn link_again(
    state: &AppState,
    staff: &Staff,
    typed: String,
    label: String,
    status: StatusCode,
    message: String,
) -> Result<Response, PageError> {
    let page = list_page(
        state,
        staff,
        ListQuery::default(),
        typed,
        label,
        Some(message),
    )
    .await?;
    Ok(render(status, &page))
}

pub async fn link(
    State(state): State<AppState>,
    staff: Staff,
    ClientAddress(address): ClientAddress,
    Form(form): Form<LinkForm>,
) -> Result<Response, PageError> {
    staff.may(Action::EnterLinkCode)?;
    let t = staff.t();
    let label: String = form.label.trim().chars().take(80).collect();
    let typed: String = form.code.chars().take(32).collect();
    let who = format!("staff:{}", staff.id);
    let (status, message) =
        if !ratelimit::attempt(&state, ratelimit::LINK_CODE, &who, &address).await? {
            let minutes = ratelimit::LINK_CODE.window_minutes.into();
            let message = t.args("portal-too-many-attempts", &[("minutes", minutes)]);
            (StatusCode::TOO_MANY_REQUESTS, message)
        } else if label.is_empty() {
            let message = t.get("portal-link-label-missing");
            (StatusCode::UNPROCESSABLE_ENTITY, message)
        } else if let Some(link) = link_by_code(&state, &staff, &form.code, &label).await? {
            return Ok(Redirect::to(&format!("/portal/mothers/{}", link.id)).into_response());
        } else {
            let message = t.get("portal-link-code-unknown");
            (StatusCode::UNPROCESSABLE_ENTITY, message)
        };
    link_again(&state, &staff, typed, label, status, message).await
}

pub struct OutcomeRow {
    pub date: String,
    pub position: String,
    pub hold: u32,
    pub contractions: u32,
    pub completed: bool,
    pub rating: String,
}

pub struct DayRow {
    pub date: String,
    pub sessions: u32,
    pub contractions: u32,
    pub taps: u32,
}

#[derive(Template)]
#[template(path = "portal/mother.html")]
struct MotherPage {
    chrome: Chrome,
    t: Tr,
    link: String,
    label: String,
    day: u32,
    target: u32,
    adherence_chart: String,
    day_rows: Vec<DayRow>,
    hold_chart: String,
    hold_rows: Vec<charts::HoldRow>,
    leaks_chart: String,
    leak_rows: Vec<charts::LeakWeekRow>,
    outcomes: Vec<OutcomeRow>,
    /// Her questionnaire answers and scores over time, with the instrument's bands.
    score_tables: Vec<crate::view::questionnaires::ScoreTable>,
    diaries: Vec<super::diary::DiaryRow>,
}

pub async fn one(
    State(state): State<AppState>,
    mother: LinkedMother,
) -> Result<Response, PageError> {
    let store = state.store();
    let Some(profile) = store.profile(mother.profile).await? else {
        return Err(PageError::NotFound);
    };
    let t = mother.staff.t();
    let programme = effective_programme(&state, profile.id).await?;
    let programme = programme.as_ref();
    let today = today_of(&state, &profile);
    let birth = BirthDate::from_stored(profile.birth_date);
    // Only the days she could exercise: none of the days before the programme let her begin.
    let shown = exercise_days_in(programme, birth, today, CHART_DAYS);
    let first = today
        .checked_sub(i64::from(CHART_DAYS - 1).days())
        .unwrap_or(today);
    let tallies = store.day_tallies(profile.id, first, today).await?;
    let days = recent_days(today, &tallies, shown);
    let target = programme.schedule.daily_contraction_target;
    let labels = charts::SetByLabels {
        mother: "portal-set-by-mother",
        physiotherapist: "portal-set-by-physio",
        programme: "portal-set-by-programme",
    };
    let (hold_chart, hold_rows) =
        charts::hold_history_of(&state, &t, &profile, programme, &labels).await?;
    let (leaks_chart, leak_rows) = charts::leaks_per_week_of(&state, &t, &profile, today).await?;
    let mother_url = format!("/portal/mothers/{}", mother.link);
    let diaries = super::diary::rows(&state, &t, &profile, &mother_url).await?;
    let outcomes = store.outcomes_between(profile.id, first, today).await?;
    let outcomes = outcomes
        .into_iter()
        .rev()
        .map(|stored| outcome_row(&t, stored.outcome));
    let page = MotherPage {
        score_tables: crate::view::questionnaires::scores_of(&state, &t, &profile, true).await?,
        chrome: Chrome::for_staff(&state, mother.staff.lang, "portal-mother-title"),
        t,
        link: mother.link.to_string(),
        label: mother.label,
        day: postpartum_day(BirthDate::from_stored(profile.birth_date), today),
        target,
        adherence_chart: charts::daily_bars(&days, target),
        day_rows: day_rows(&t, &days),
        hold_chart,
        hold_rows,
        leaks_chart,
        leak_rows,
        outcomes: outcomes.collect(),
        diaries,
    };
    Ok(render(StatusCode::OK, &page))
}

/// The day table under her adherence chart, newest day first.
fn day_rows(t: &Tr, days: &[DayTally]) -> Vec<DayRow> {
    days.iter()
        .rev()
        .map(|d| DayRow {
            date: full_date_label(t, d.date),
            sessions: d.sessions,
            contractions: d.contractions(),
            taps: d.coordination,
        })
        .collect()
}

/// One of her sessions as the portal's table shows it.
fn outcome_row(t: &Tr, outcome: SessionOutcome) -> OutcomeRow {
    OutcomeRow {
        date: full_date_label(t, outcome.local_date),
        position: t.get(&format!("position-{}", outcome.position)),
        hold: outcome.hold_counts,
        contractions: outcome.contractions(),
        completed: outcome.completed,
        rating: outcome
            .rating
            .map(|r| t.get(&format!("portal-rating-{}", r.as_str())))
            .unwrap_or_else(|| "—".into()),
    }
}

pub async fn end(
    State(state): State<AppState>,
    mother: LinkedMother,
) -> Result<Response, PageError> {
    state
        .store()
        .end_link(mother.link, state.now(), EndedBy::Staff)
        .await?;
    Ok(Redirect::to("/portal/mothers").into_response())
}
