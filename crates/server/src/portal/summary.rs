//! `/portal/mothers/{link}/summary`: a printable one-page summary of her care for the medical
//! record.

use super::care::{PortalContext, SUMMARY_DAYS, context, practice_today};
use super::programme::{HistoryRow, history_rows, section_of};
use super::sessions::{SessionRow, session_row, sessions_done_line};
use crate::http::error::PageError;
use crate::i18n::Tr;
use crate::portal::staff::LinkedMother;
use crate::services::programme::editor_fields;
use crate::state::AppState;
use crate::view::care::{field_label, value_text};
use crate::view::{Chrome, full_date_label, practice_zone, render};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use hangmat_core::prescription::{Field, effective_value};
use hangmat_core::timeline::local_date;
use hangmat_store::{StoreError, StoreResult};

#[derive(Template)]
#[template(path = "portal/care_summary.html")]
pub struct SummaryPage {
    chrome: Chrome,
    t: Tr,
    label: String,
    mother_url: String,
    day_line: String,
    hold_line: String,
    programme_lines: Vec<String>,
    changes: Vec<HistoryRow>,
    adherence_title: String,
    days_reached_line: String,
    sessions_line: String,
    done_line: String,
    sessions: Vec<SessionRow>,
    footer: String,
}

/// The one-page summary for the medical record: her programme and its changes, adherence over
/// the last four weeks, the physiotherapy sessions with Oxford and PERFECT.
pub async fn summary_page(state: &AppState, context: PortalContext) -> StoreResult<SummaryPage> {
    use hangmat_core::progress::{exercise_days_in, recent_days};
    let t = context.t;
    let store = state.store();
    let Some(profile) = store.profile(context.profile).await? else {
        return Err(StoreError::Corrupt(
            "a linked profile without a profile row".into(),
        ));
    };
    let zone = crate::view::zone_of(state, &profile);
    let today = local_date(state.now(), &zone);
    let effective = crate::services::programme::effective_programme(state, profile.id).await?;
    let hold = store
        .current_hold(profile.id)
        .await?
        .map_or(state.programme().hold.start, |change| change.hold_counts);
    let plan = hangmat_core::timeline::day_plan(
        &effective,
        hangmat_core::BirthDate::from_stored(profile.birth_date),
        today,
    );
    let mut programme_lines = Vec::new();
    for field in editor_fields() {
        let value = effective_value(&effective, hold, field);
        if matches!(field, Field::Reps(_) | Field::Contract(_) | Field::Relax(_))
            && section_of(field).is_some_and(|kind| effective.exercise(kind).is_none())
        {
            continue;
        }
        programme_lines.push(t.args(
            "label-value",
            &[
                ("label", field_label(&t, field).into()),
                ("value", value_text(&t, field, &value, true).into()),
            ],
        ));
    }
    // Adherence over the days she could exercise, never the days before she could begin.
    let birth = hangmat_core::BirthDate::from_stored(profile.birth_date);
    let window = exercise_days_in(&effective, birth, today, SUMMARY_DAYS);
    let first = today
        .checked_sub(jiff::Span::new().days(i64::from(SUMMARY_DAYS - 1)))
        .unwrap_or(today);
    let tallies = store.day_tallies(profile.id, first, today).await?;
    let days = recent_days(today, &tallies, window);
    let target = effective.schedule.daily_contraction_target;
    let reached = days.iter().filter(|day| day.reached(target)).count();
    let records = store.physio_sessions(profile.id).await?;
    let practice_zone = practice_zone(state);
    Ok(SummaryPage {
        day_line: t.num("today-day", "day", plan.day),
        hold_line: t.num("care-portal-summary-hold", "counts", hold),
        programme_lines,
        changes: history_rows(state, &t, profile.id, &practice_zone).await?,
        adherence_title: t.num("care-portal-summary-adherence", "days", window),
        days_reached_line: t.args(
            "care-portal-summary-days-reached",
            &[
                ("reached", (reached as i64).into()),
                ("days", i64::from(window).into()),
            ],
        ),
        sessions_line: t.args(
            "care-portal-summary-sessions",
            &[
                (
                    "sessions",
                    i64::from(days.iter().map(|d| d.sessions).sum::<u32>()).into(),
                ),
                (
                    "contractions",
                    i64::from(days.iter().map(|d| d.contractions()).sum::<u32>()).into(),
                ),
                ("target", i64::from(target).into()),
            ],
        ),
        done_line: sessions_done_line(&t, state.programme(), records.len()),
        sessions: records
            .iter()
            .map(|record| session_row(&t, record))
            .collect(),
        footer: t.text(
            "care-portal-summary-footer",
            "date",
            &full_date_label(&t, practice_today(state)),
        ),
        chrome: context.chrome,
        t,
        label: context.label,
        mother_url: context.mother_url,
    })
}

/// `GET …/summary`: the printable one-page summary.
pub async fn show(
    State(state): State<AppState>,
    linked: LinkedMother,
) -> Result<Response, PageError> {
    let context = context(&state, &linked, "care-portal-summary-title");
    let page = summary_page(&state, context).await?;
    Ok(render(StatusCode::OK, &page))
}
