//! Her bladder diaries in the portal: her physiotherapist asks her to keep one (from the sessions
//! page; it waits on her Today as an invitation she may start or leave), reads each diary's figures
//! on her page, and opens the one-page printout for the medical record.
//!
//! Every route here is under `/portal/mothers/{link}/…`, so the [`LinkedMother`] extractor has
//! already asked the policy (a linked physiotherapist only) and written the audit line.

use crate::http::error::PageError;
use crate::i18n::Tr;
use crate::portal::staff::LinkedMother;
use crate::state::AppState;
use crate::view::diary::{self as words, FigureRow};
use crate::view::{Chrome, full_date_label, practice_zone, render, zone_of};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hangmat_core::diary::AskedBy;
use hangmat_store::{Profile, StoreResult, StoredDiary};
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

/// One diary of hers on her page: its dates, its figures, its printout.
pub struct DiaryRow {
    pub title: String,
    /// The printout, once she has started it.
    pub print_href: Option<String>,
    pub figures: Vec<FigureRow>,
}

/// Her diaries for her page in the portal, the latest first.
pub async fn rows(
    state: &AppState,
    t: &Tr,
    profile: &Profile,
    mother_url: &str,
) -> StoreResult<Vec<DiaryRow>> {
    let zone = zone_of(state, profile);
    let now = state.now();
    let mut rows = Vec::new();
    for diary in state.store().diaries(profile.id).await? {
        let Some(span) = diary.span() else {
            let asked = full_date_label(t, practice_zone(state).to_datetime(diary.asked_at).date());
            rows.push(DiaryRow {
                title: t.text("portal-diary-waiting", "date", &asked),
                print_href: None,
                figures: Vec::new(),
            });
            continue;
        };
        let lines = state.store().diary_lines(profile.id, diary.id).await?;
        let figures = words::figures_of(&span, &lines, now);
        rows.push(DiaryRow {
            title: words::span_label(t, &span, now, &zone),
            print_href: Some(format!("{mother_url}/diaries/{}", diary.id)),
            figures: words::figure_rows(t, &figures),
        });
    }
    Ok(rows)
}

#[derive(Debug, Deserialize)]
pub struct AskForm {
    #[serde(default)]
    id: String,
}

/// "Ask her to keep a bladder diary": a request that waits on her Today. Nothing new while one
/// waits or runs.
pub async fn ask(
    State(state): State<AppState>,
    linked: LinkedMother,
    Form(form): Form<AskForm>,
) -> Result<Response, PageError> {
    let now = state.now();
    let store = state.store();
    let open = store
        .diaries(linked.profile)
        .await?
        .iter()
        .any(|diary| diary.span().is_none_or(|span| span.is_running(now)));
    if !open {
        let diary = StoredDiary {
            id: Uuid::parse_str(form.id.trim()).unwrap_or_else(|_| state.random().uuid_v4()),
            asked_by: AskedBy::Physiotherapist,
            asked_at: now,
            planned_days: state.programme().diary.days,
            started: None,
            ended: None,
        };
        store.ask_for_diary(linked.profile, &diary).await?;
    }
    Ok(Redirect::to(&format!("/portal/mothers/{}#diaries", linked.link.0)).into_response())
}

/// The printout of one of her diaries for the medical record.
pub async fn print(
    State(state): State<AppState>,
    linked: LinkedMother,
    Path(params): Path<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let id = params
        .get("diary")
        .and_then(|text| Uuid::parse_str(text).ok())
        .ok_or(PageError::NotFound)?;
    let read = words::read(&state, linked.profile, id)
        .await?
        .ok_or(PageError::NotFound)?;
    let Some(profile) = state.store().profile(linked.profile).await? else {
        return Err(PageError::NotFound);
    };
    let chrome = Chrome::for_staff(&state, linked.staff.lang, "diary-print-title");
    let back = format!("/portal/mothers/{}#diaries", linked.link.0);
    let zone = zone_of(&state, &profile);
    let page = words::print_page(&state, chrome, &read, &zone, back, linked.label);
    Ok(render(StatusCode::OK, &page))
}
