//! Staff accounts, for admins: the list (who, role, active or disabled, last sign-in), one-time
//! invitations for new colleagues, password-reset links, and disabling or enabling an account.
//!
//! An invitation or reset link is a random token shown once to the admin (who passes it on in
//! person or by the practice's own mail); the database keeps only its hash, and it works once.
//!
//! Disabling is the hospital's answer to someone leaving: her sessions end at once, sign-in is
//! refused, and her links to mothers end (ended by the hospital, one audit line each, in the same
//! transaction), so each mother's "who can see my data" stays true. Enabling lets her sign in
//! again but brings no link back: only a mother's new code links. An admin cannot disable herself,
//! and the store refuses to disable the last active admin.

use crate::http::error::PageError;
use crate::http::visitor::secret_hash;
use crate::i18n::Tr;
use crate::portal::staff::{Staff, StaffRole};
use crate::state::AppState;
use crate::view::{Chrome, moment_label, practice_zone, render};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hangmat_core::policy::Action;
use hangmat_store::{AuditEntry, Disabled, Invitation, PasswordReset, StaffAccount, StaffId};
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use uuid::Uuid;

/// How long an invitation stays valid.
pub const INVITATION_DAYS: i64 = 7;
/// How long a password-reset link stays valid.
pub const RESET_HOURS: i64 = 24;
/// The audit detail of a link ended because its physiotherapist's account was disabled.
pub const DISABLE_AUDIT_DETAIL: &str = "disable-account";

pub struct StaffRow {
    pub id: String,
    pub name: String,
    pub username: String,
    pub role: String,
    pub active: bool,
    pub last_sign_in: Option<String>,
    /// The admin looking at the list: no disable or reset button on her own row.
    pub is_self: bool,
}

/// A link made just now, shown once: an invitation or a password reset.
pub struct NewLink {
    /// Whom it is for (the reset's account name; empty for an invitation).
    pub name: String,
    pub url: String,
}

#[derive(Template)]
#[template(path = "portal/staff.html")]
struct StaffPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<StaffRow>,
    invitation: Option<NewLink>,
    reset: Option<NewLink>,
    display_name: String,
    error: Option<String>,
    /// What an action on the list did, or why it was refused.
    notice: Option<String>,
    refusal: Option<String>,
}

impl StaffPage {
    async fn new(state: &AppState, staff: &Staff) -> Result<StaffPage, PageError> {
        let t = staff.t();
        let zone = practice_zone(state);
        let rows = state
            .store()
            .list_staff()
            .await?
            .into_iter()
            .map(|account| StaffRow {
                id: account.id.to_string(),
                role: t.get(&format!("staff-role-{}", account.role.as_str())),
                active: account.ended_at.is_none(),
                last_sign_in: account
                    .last_sign_in_at
                    .map(|at| moment_label(&t, at, &zone)),
                is_self: account.id == staff.id,
                name: account.display_name,
                username: account.username,
            })
            .collect();
        Ok(StaffPage {
            chrome: Chrome::for_staff(state, staff.lang, "staff-title"),
            t,
            rows,
            invitation: None,
            reset: None,
            display_name: String::new(),
            error: None,
            notice: None,
            refusal: None,
        })
    }
}

pub async fn show(State(state): State<AppState>, staff: Staff) -> Result<Response, PageError> {
    staff.may(Action::ManageStaff)?;
    let page = StaffPage::new(&state, &staff).await?;
    Ok(render(StatusCode::OK, &page))
}

#[derive(Debug, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
}

/// An absolute link when the deployment knows its address, else a path.
fn public_link(state: &AppState, path: &str) -> String {
    let base = state
        .config()
        .deployment
        .public_url
        .clone()
        .unwrap_or_default();
    format!("{}{path}", base.trim_end_matches('/'))
}

fn hours_from(now: Timestamp, hours: i64) -> Timestamp {
    now.checked_add(SignedDuration::from_hours(hours))
        .unwrap_or(Timestamp::MAX)
}

pub async fn invite(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<InviteForm>,
) -> Result<Response, PageError> {
    staff.may(Action::ManageStaff)?;
    let display_name: String = form.display_name.trim().chars().take(80).collect();
    if display_name.is_empty() {
        let mut page = StaffPage::new(&state, &staff).await?;
        page.error = Some(staff.t().get("staff-invite-name-missing"));
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    let role = StaffRole::parse(&form.role).unwrap_or(StaffRole::Physiotherapist);
    let token = state.random().token();
    let now = state.now();
    state
        .store()
        .create_invitation(&Invitation {
            token_hash: secret_hash(&token),
            role,
            display_name,
            invited_by: staff.id,
            created_at: now,
            expires_at: hours_from(now, 24 * INVITATION_DAYS),
            used_at: None,
        })
        .await?;
    let mut page = StaffPage::new(&state, &staff).await?;
    page.invitation = Some(NewLink {
        name: String::new(),
        url: public_link(&state, &format!("/portal/join/{token}")),
    });
    Ok(render(StatusCode::OK, &page))
}

/// The account a list action names, after asking the policy: 404 for an id that names none.
async fn named_account(
    state: &AppState,
    staff: &Staff,
    account: &str,
) -> Result<StaffAccount, PageError> {
    staff.may(Action::ManageStaff)?;
    let id = Uuid::parse_str(account).map_err(|_| PageError::NotFound)?;
    state
        .store()
        .staff(StaffId(id))
        .await?
        .ok_or(PageError::NotFound)
}

/// The list again, with what an action did (`notice`) or why it was refused (`refusal`).
async fn answer(
    state: &AppState,
    staff: &Staff,
    status: StatusCode,
    notice: Option<String>,
    refusal: Option<String>,
) -> Result<Response, PageError> {
    let mut page = StaffPage::new(state, staff).await?;
    page.notice = notice;
    page.refusal = refusal;
    Ok(render(status, &page))
}

#[derive(Debug, Deserialize)]
pub struct DisableForm {
    #[serde(default)]
    confirm: String,
}

pub async fn disable(
    State(state): State<AppState>,
    staff: Staff,
    Path(account): Path<String>,
    Form(form): Form<DisableForm>,
) -> Result<Response, PageError> {
    let account = named_account(&state, &staff, &account).await?;
    let t = staff.t();
    let refused = |id: &str| Some(t.get(id));
    if account.id == staff.id {
        let message = refused("staff-disable-self");
        return answer(&state, &staff, StatusCode::CONFLICT, None, message).await;
    }
    if form.confirm != "yes" {
        let message = refused("staff-disable-confirm-missing");
        return answer(
            &state,
            &staff,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            message,
        )
        .await;
    }
    let now = state.now();
    let audit = AuditEntry {
        at: now,
        staff: staff.id,
        profile: None,
        link: None,
        action: Action::EndLink.as_str().to_owned(),
        detail: Some(DISABLE_AUDIT_DETAIL.to_owned()),
    };
    match state.store().disable_staff(account.id, now, &audit).await? {
        Disabled::Now { .. } | Disabled::NotActive => {
            let name = account.display_name.into();
            let notice = t.args("staff-disabled-done", &[("name", name)]);
            answer(&state, &staff, StatusCode::OK, Some(notice), None).await
        }
        Disabled::LastAdmin => {
            let message = refused("staff-disable-last-admin");
            answer(&state, &staff, StatusCode::CONFLICT, None, message).await
        }
    }
}

pub async fn enable(
    State(state): State<AppState>,
    staff: Staff,
    Path(account): Path<String>,
) -> Result<Response, PageError> {
    let account = named_account(&state, &staff, &account).await?;
    state.store().enable_staff(account.id).await?;
    let name = account.display_name.into();
    let notice = staff.t().args("staff-enabled-done", &[("name", name)]);
    answer(&state, &staff, StatusCode::OK, Some(notice), None).await
}

/// Makes a one-time reset link for an active account: opening it lets her set a new password
/// and authenticator (see `auth::reset`); an earlier unused link for her stops working.
pub async fn reset(
    State(state): State<AppState>,
    staff: Staff,
    Path(account): Path<String>,
) -> Result<Response, PageError> {
    let account = named_account(&state, &staff, &account).await?;
    if account.ended_at.is_some() {
        let message = Some(staff.t().get("staff-reset-disabled"));
        return answer(&state, &staff, StatusCode::CONFLICT, None, message).await;
    }
    let token = state.random().token();
    let now = state.now();
    state
        .store()
        .create_password_reset(&PasswordReset {
            token_hash: secret_hash(&token),
            staff: account.id,
            created_by: staff.id,
            created_at: now,
            expires_at: hours_from(now, RESET_HOURS),
            used_at: None,
        })
        .await?;
    let mut page = StaffPage::new(&state, &staff).await?;
    page.reset = Some(NewLink {
        name: account.display_name,
        url: public_link(&state, &format!("/portal/reset/{token}")),
    });
    Ok(render(StatusCode::OK, &page))
}
