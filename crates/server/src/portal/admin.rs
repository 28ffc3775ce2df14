//! Staff accounts, for admins: the list, and one-time invitations for new physiotherapists.
//!
//! An invitation is a random link shown once to the admin (who passes it on in person or by the
//! practice's own mail); the database keeps only its hash, and it works once, for 7 days.

use crate::app::AppState;
use crate::error::PageError;
use crate::i18n::Tr;
use crate::pages::{Chrome, render};
use crate::staff::{Staff, StaffRole};
use crate::visitor::{new_device_token, secret_hash};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use hangmat_core::policy::Action;
use hangmat_store::Invitation;
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;

/// How long an invitation stays valid.
pub const INVITATION_DAYS: i64 = 7;

pub struct StaffRow {
    pub name: String,
    pub username: String,
    pub role: String,
    pub ended: bool,
}

#[derive(Template)]
#[template(path = "portal_staff.html")]
struct StaffPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<StaffRow>,
    invitation_link: Option<String>,
    display_name: String,
    error: Option<String>,
}

async fn staff_page(
    state: &AppState,
    staff: &Staff,
    invitation_link: Option<String>,
    display_name: String,
    error: Option<String>,
) -> Result<StaffPage, PageError> {
    let t = staff.t();
    let rows = state
        .store()
        .list_staff()
        .await?
        .into_iter()
        .map(|account| StaffRow {
            role: t.get(&format!("staff-role-{}", account.role.as_str())),
            name: account.display_name,
            username: account.username,
            ended: account.ended_at.is_some(),
        })
        .collect();
    Ok(StaffPage {
        chrome: Chrome::new(state, staff.lang, "staff-title", "", false),
        t,
        rows,
        invitation_link,
        display_name,
        error,
    })
}

pub async fn show(State(state): State<AppState>, staff: Staff) -> Result<Response, PageError> {
    staff.may(Action::ManageStaff)?;
    let page = staff_page(&state, &staff, None, String::new(), None).await?;
    Ok(render(StatusCode::OK, &page))
}

#[derive(Debug, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
}

pub async fn invite(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<InviteForm>,
) -> Result<Response, PageError> {
    staff.may(Action::ManageStaff)?;
    let display_name: String = form.display_name.trim().chars().take(80).collect();
    if display_name.is_empty() {
        let message = staff.t().get("staff-invite-name-missing");
        let page = staff_page(&state, &staff, None, display_name, Some(message)).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    let role = StaffRole::parse(&form.role).unwrap_or(StaffRole::Physiotherapist);
    let token = new_device_token();
    let now = state.now();
    state
        .store()
        .create_invitation(&Invitation {
            token_hash: secret_hash(&token),
            role,
            display_name,
            invited_by: staff.id,
            created_at: now,
            expires_at: now
                .checked_add(SignedDuration::from_hours(24 * INVITATION_DAYS))
                .unwrap_or(Timestamp::MAX),
            used_at: None,
        })
        .await?;
    let base = state
        .config()
        .deployment
        .public_url
        .clone()
        .unwrap_or_default();
    let link = format!("{}/portal/join/{token}", base.trim_end_matches('/'));
    let page = staff_page(&state, &staff, Some(link), String::new(), None).await?;
    Ok(render(StatusCode::OK, &page))
}

/// What `hangmat create-admin` made: the TOTP secret to enter in an authenticator app.
#[derive(Debug)]
pub struct NewAdmin {
    pub totp_secret: String,
    pub otpauth_url: String,
}

/// Creates an admin account (the first one, or another) with a password and a TOTP secret.
pub async fn create_admin(
    store: &dyn hangmat_store::Store,
    deployment_name: &str,
    username: &str,
    display_name: &str,
    language: &str,
    password: String,
    now: Timestamp,
) -> anyhow::Result<NewAdmin> {
    use super::credentials::{MIN_PASSWORD_CHARS, hash_password, new_totp_secret, otpauth_url};
    let username = super::auth::normalize_username(username);
    if username.len() < 3 {
        anyhow::bail!("the username needs at least 3 characters");
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        anyhow::bail!("the password needs at least {MIN_PASSWORD_CHARS} characters");
    }
    let totp_secret = new_totp_secret();
    let account = hangmat_store::StaffAccount {
        id: hangmat_store::StaffId(uuid::Uuid::now_v7()),
        role: StaffRole::Admin,
        username: username.clone(),
        display_name: display_name.trim().to_owned(),
        language: language.to_owned(),
        created_at: now,
        ended_at: None,
    };
    let secrets = hangmat_store::StaffSecrets {
        password_hash: Some(hash_password(password).await?),
        totp_secret: Some(totp_secret.clone()),
        totp_last_step: None,
    };
    match store.create_staff(&account, &secrets).await {
        Err(hangmat_store::StoreError::IdTaken) => {
            anyhow::bail!("the username {username} is taken")
        }
        other => other?,
    }
    Ok(NewAdmin {
        otpauth_url: otpauth_url(deployment_name, &username, &totp_secret),
        totp_secret,
    })
}
