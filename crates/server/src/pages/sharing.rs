//! Sharing, the mother's side of linking: she makes a short code (and a QR) valid 24 hours, sees
//! who can see her data and who looked at it, ends a link at any moment, and downloads all her
//! data as JSON.
//!
//! Linking is hers: only a code she made links a physiotherapist with her, and ending a link takes
//! effect on the next request the physiotherapist makes.

use super::welcome::new_code as random_code;
use super::{Chrome, render, zone_of};
use crate::app::AppState;
use crate::error::PageError;
use crate::i18n::Tr;
use crate::portal::credentials::qr_svg;
use crate::visitor::{Mother, secret_hash};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use hangmat_core::policy::{About, Action, Actor, decide};
use hangmat_store::{EndedBy, LinkCode, LinkId, PasskeyOwner};
use jiff::{SignedDuration, Timestamp};
use serde_json::json;
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
#[template(path = "sharing.html")]
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
    super::moment_label(&mother.t(), at, &zone_of(state, &mother.profile))
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
    let audit = store
        .audit_of_profile(mother.profile.id, AUDIT_LINES)
        .await?
        .into_iter()
        .map(|line| AuditRow {
            when: when(state, mother, line.entry.at),
            name: line.staff_display_name,
            what: t.get(&format!("sharing-audit-{}", line.entry.action)),
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
    let code = random_code(2);
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

/// All her data as JSON (GDPR access and portability): profile, hold history, outcomes, taps,
/// links (with the physiotherapist's name) and who looked at her data. Secrets (recovery code
/// hash, device tokens, passkey keys) are left out: they are not about her.
pub async fn export(State(state): State<AppState>, mother: Mother) -> Result<Response, PageError> {
    her_own(&mother, Action::ExportHerData)?;
    let store = state.store();
    let id = mother.profile.id;
    let Some(dump) = store.export_profile(id).await? else {
        return Err(PageError::NotFound);
    };
    let links = store.links_of_profile(id).await?;
    let audit = store.audit_of_profile(id, u32::MAX).await?;
    let profile = &dump.profile;
    let body = json!({
        "exported_at": state.now().to_string(),
        "profile": {
            "created_at": profile.created_at.to_string(),
            "language": profile.language,
            "birth_date": profile.birth_date.to_string(),
            "time_zone": profile.time_zone,
        },
        "hold_changes": dump.holds.iter().map(|h| json!({
            "hold_counts": h.hold_counts,
            "set_by": h.set_by.as_str(),
            "set_at": h.set_at.to_string(),
        })).collect::<Vec<_>>(),
        "session_outcomes": dump.outcomes.iter().map(|(stored, received)| {
            let o = &stored.outcome;
            json!({
                "id": stored.id,
                "started_at": o.started_at.to_string(),
                "ended_at": o.ended_at.to_string(),
                "local_date": o.local_date.to_string(),
                "position": o.position,
                "hold_counts": o.hold_counts,
                "completed": o.completed,
                "parts": o.parts.iter().map(|p| json!({
                    "exercise": p.exercise.as_str(),
                    "reps_done": p.reps_done,
                })).collect::<Vec<_>>(),
                "rating": o.rating.map(|r| r.as_str()),
                "held_every_count": o.held_every_count,
                "received_at": received.to_string(),
            })
        }).collect::<Vec<_>>(),
        "coordination_taps": dump.taps.iter().map(|(tap_id, tap)| json!({
            "id": tap_id,
            "at": tap.at.to_string(),
            "local_date": tap.local_date.to_string(),
        })).collect::<Vec<_>>(),
        "passkeys": dump.sharing.passkeys.iter().map(|p| json!({
            "created_at": p.created_at.to_string(),
            "last_used_at": p.last_used_at.map(|at| at.to_string()),
        })).collect::<Vec<_>>(),
        "links": links.iter().map(|l| json!({
            "physiotherapist": l.staff_display_name,
            "created_at": l.link.created_at.to_string(),
            "ended_at": l.link.ended_at.map(|at| at.to_string()),
            "ended_by": l.link.ended_by.map(|by| by.as_str()),
        })).collect::<Vec<_>>(),
        "care": crate::care::export_json(&dump.care),
        "access_log": audit.iter().map(|line| json!({
            "at": line.entry.at.to_string(),
            "who": line.staff_display_name,
            "action": line.entry.action,
        })).collect::<Vec<_>>(),
    });
    let mut response = axum::Json(body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"hangmat-my-data.json\""),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
