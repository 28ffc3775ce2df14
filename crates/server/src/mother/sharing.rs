//! Sharing, the mother's side of linking: she makes a short code (and a QR) valid 24 hours, sees
//! who can see her data and who looked at it, ends a link at any moment, and downloads all her
//! data as JSON.
//!
//! Linking is hers: only a code she made links a physiotherapist with her, and ending a link takes
//! effect on the next request the physiotherapist makes.

use super::welcome::new_code as random_code;
use crate::http::error::PageError;
use crate::http::visitor::{Mother, secret_hash};
use crate::i18n::Tr;
use crate::portal::credentials::qr_svg;
use crate::state::AppState;
use crate::view::{Chrome, render, zone_of};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use hangmat_core::policy::{About, Action, Actor, decide};
use hangmat_store::{AuditWithStaff, EndedBy, LinkCode, LinkId, PasskeyOwner};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

/// How long a link code works.
pub const LINK_CODE_HOURS: i64 = 24;
/// Audit lines the page shows.
const AUDIT_LINES: u32 = 50;

pub struct LinkRow {
    pub id: String,
    pub name: String,
    pub since: String,
    pub ended: Option<String>,
    /// The hospital ended it, by disabling the physiotherapist's account.
    pub ended_by_hospital: bool,
}

/// One of her passkeys: when it was added and last used (its id only for the remove button).
pub struct PasskeyRow {
    pub credential_id: String,
    pub added: String,
    pub used: Option<String>,
}

pub struct AuditRow {
    pub when: String,
    pub name: String,
    pub what: String,
}

#[derive(Template)]
#[template(path = "mother/sharing.html")]
struct SharingPage {
    chrome: Chrome,
    t: Tr,
    code: Option<String>,
    code_qr: String,
    code_until: String,
    links: Vec<LinkRow>,
    audit: Vec<AuditRow>,
    passkeys: Vec<PasskeyRow>,
}

fn when(state: &AppState, mother: &Mother, at: Timestamp) -> String {
    crate::view::moment_label(&mother.t(), at, &zone_of(state, &mother.profile))
}

/// One row of "who looked at my data": one person, one kind of look, one day of hers.
#[derive(Debug, PartialEq, Eq)]
struct AuditGroup {
    day: jiff::civil::Date,
    name: String,
    action: String,
    count: u32,
}

/// The audit lines (newest first) grouped per person, action and local day, newest first: a
/// physiotherapist who opened her page 20 times in two minutes is one row, "20 times".
fn grouped_by_person_and_day(lines: &[AuditWithStaff], zone: &TimeZone) -> Vec<AuditGroup> {
    let mut groups: Vec<AuditGroup> = Vec::new();
    for line in lines {
        let day = zone.to_datetime(line.entry.at).date();
        let same = |group: &&mut AuditGroup| {
            group.day == day
                && group.name == line.staff_display_name
                && group.action == line.entry.action
        };
        match groups.iter_mut().find(same) {
            Some(group) => group.count += 1,
            None => groups.push(AuditGroup {
                day,
                name: line.staff_display_name.clone(),
                action: line.entry.action.clone(),
                count: 1,
            }),
        }
    }
    groups
}

fn her_own(mother: &Mother, action: Action) -> Result<(), PageError> {
    let about = About::Mother {
        profile: mother.profile.id.0,
        staff_link: hangmat_core::policy::LinkState::Absent,
    };
    if decide(Actor::Mother(mother.profile.id.0), action, about).is_allowed() {
        Ok(())
    } else {
        Err(PageError::Forbidden)
    }
}

async fn sharing_page(
    state: &AppState,
    mother: &Mother,
    code: Option<(String, Timestamp)>,
) -> Result<SharingPage, PageError> {
    let t = mother.t();
    let store = state.store();
    let links = store
        .links_of_profile(mother.profile.id)
        .await?
        .into_iter()
        .map(|row| LinkRow {
            id: row.link.id.to_string(),
            name: row.staff_display_name,
            since: when(state, mother, row.link.created_at),
            ended: row.link.ended_at.map(|at| when(state, mother, at)),
            ended_by_hospital: row.link.ended_by == Some(EndedBy::Hospital),
        })
        .collect();
    let lines = store
        .audit_of_profile(mother.profile.id, AUDIT_LINES)
        .await?;
    let zone = zone_of(state, &mother.profile);
    let audit = grouped_by_person_and_day(&lines, &zone)
        .into_iter()
        .map(|group| AuditRow {
            when: crate::view::full_date_label(&t, group.day),
            name: group.name,
            what: t.args(
                "sharing-audit-times",
                &[
                    (
                        "what",
                        t.get(&format!("sharing-audit-{}", group.action)).into(),
                    ),
                    ("count", i64::from(group.count).into()),
                ],
            ),
        })
        .collect();
    let passkeys = store
        .passkeys_of(PasskeyOwner::Profile(mother.profile.id))
        .await?
        .into_iter()
        .map(|key| PasskeyRow {
            credential_id: key.credential_id,
            added: when(state, mother, key.created_at),
            used: key.last_used_at.map(|at| when(state, mother, at)),
        })
        .collect();
    let (code, code_qr, code_until) = match code {
        Some((code, until)) => (
            Some(code.clone()),
            qr_svg(&code, &t.get("sharing-code-qr-label")),
            when(state, mother, until),
        ),
        None => (None, String::new(), String::new()),
    };
    Ok(SharingPage {
        chrome: Chrome::new(state, mother.lang, "sharing-title", "settings", true),
        t,
        code,
        code_qr,
        code_until,
        links,
        audit,
        passkeys,
    })
}

pub async fn show(State(state): State<AppState>, mother: Mother) -> Result<Response, PageError> {
    her_own(&mother, Action::ManageHerSharing)?;
    let page = sharing_page(&state, &mother, None).await?;
    Ok(render(StatusCode::OK, &page))
}

pub async fn new_code(
    State(state): State<AppState>,
    mother: Mother,
) -> Result<Response, PageError> {
    her_own(&mother, Action::ManageHerSharing)?;
    let code = random_code(state.random(), 2);
    let now = state.now();
    let until = now
        .checked_add(SignedDuration::from_hours(LINK_CODE_HOURS))
        .unwrap_or(Timestamp::MAX);
    state
        .store()
        .create_link_code(&LinkCode {
            code_hash: secret_hash(&super::welcome::normalize_code(&code)),
            profile: mother.profile.id,
            created_at: now,
            expires_at: until,
            used_at: None,
        })
        .await?;
    let page = sharing_page(&state, &mother, Some((code, until))).await?;
    let mut response = render(StatusCode::OK, &page);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

pub async fn end_link(
    State(state): State<AppState>,
    mother: Mother,
    Path(link): Path<String>,
) -> Result<Response, PageError> {
    her_own(&mother, Action::EndLink)?;
    let id = Uuid::parse_str(&link).map_err(|_| PageError::NotFound)?;
    let store = state.store();
    match store.link(LinkId(id)).await? {
        Some(link) if link.profile == mother.profile.id => {
            store
                .end_link(link.id, state.now(), EndedBy::Mother)
                .await?;
            Ok(Redirect::to("/settings/sharing").into_response())
        }
        _ => Err(PageError::NotFound),
    }
}

/// All her data as JSON (GDPR access and portability), as a file to keep.
pub async fn export(State(state): State<AppState>, mother: Mother) -> Result<Response, PageError> {
    her_own(&mother, Action::ExportHerData)?;
    let Some(body) = crate::services::export::her_data(&state, mother.profile.id).await? else {
        return Err(PageError::NotFound);
    };
    let mut response = axum::Json(body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"hangmat-my-data.json\""),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
