//! A staff member's own account: her passkeys (the name she gave each, when added, when last
//! used; remove one), adding a passkey, and changing her password.
//!
//! Removing a passkey is refused when it would leave her no way to sign in (no other passkey and
//! no password with a second factor): she would be locked out, and only an admin's reset link
//! would let her in again. Changing her password asks the current one (rate limited like
//! sign-in, so a borrowed session cannot guess it) and signs her out everywhere else.

use super::credentials::{MIN_PASSWORD_CHARS, hash_password, password_matches};
use crate::http::client_address::ClientAddress;
use crate::http::error::PageError;
use crate::http::ratelimit;
use crate::i18n::Tr;
use crate::portal::staff::{Staff, StaffRole};
use crate::state::AppState;
use crate::view::{Chrome, moment_label, practice_zone, render};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hangmat_store::{PasskeyOwner, StoreError};
use serde::Deserialize;

pub struct PasskeyRow {
    pub credential_id: String,
    pub name: String,
    pub added: String,
    pub used: Option<String>,
}

#[derive(Template)]
#[template(path = "portal/account.html")]
struct AccountPage {
    chrome: Chrome,
    t: Tr,
    display_name: String,
    username: String,
    /// Where "back" goes: her mothers, or the staff list for an admin.
    home: &'static str,
    home_label: String,
    passkeys: Vec<PasskeyRow>,
    min_password: usize,
    /// What was just done (a redirect's `?done=`).
    notice: Option<String>,
    passkey_error: Option<String>,
    password_error: Option<String>,
}

impl AccountPage {
    async fn new(state: &AppState, staff: &Staff) -> Result<AccountPage, PageError> {
        let t = staff.t();
        let store = state.store();
        let username = store
            .staff(staff.id)
            .await?
            .map(|account| account.username)
            .unwrap_or_default();
        let zone = practice_zone(state);
        let passkeys = store
            .passkeys_of(PasskeyOwner::Staff(staff.id))
            .await?
            .into_iter()
            .map(|key| PasskeyRow {
                credential_id: key.credential_id,
                name: key.name,
                added: moment_label(&t, key.created_at, &zone),
                used: key.last_used_at.map(|at| moment_label(&t, at, &zone)),
            })
            .collect();
        let (home, home_id) = match staff.role {
            StaffRole::Admin => ("/portal/staff", "portal-back-to-accounts"),
            StaffRole::Physiotherapist => ("/portal/mothers", "portal-back-to-list"),
        };
        Ok(AccountPage {
            chrome: Chrome::for_staff(state, staff.lang, "portal-account-title"),
            t,
            display_name: staff.display_name.clone(),
            username,
            home,
            home_label: t.get(home_id),
            passkeys,
            min_password: MIN_PASSWORD_CHARS,
            notice: None,
            passkey_error: None,
            password_error: None,
        })
    }
}

#[derive(Debug, Deserialize)]
pub struct Done {
    #[serde(default)]
    done: String,
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let mut page = AccountPage::new(&state, &staff).await?;
    page.notice = match done.done.as_str() {
        "password" => Some(page.t.get("portal-password-changed")),
        "passkey-added" => Some(page.t.get("portal-passkey-added")),
        "passkey-removed" => Some(page.t.get("portal-passkey-removed")),
        _ => None,
    };
    Ok(render(StatusCode::OK, &page))
}

/// Removes one of her passkeys, unless it is her last way to sign in.
pub async fn remove_passkey(
    State(state): State<AppState>,
    staff: Staff,
    Path(credential): Path<String>,
) -> Result<Response, PageError> {
    let store = state.store();
    let owner = PasskeyOwner::Staff(staff.id);
    let passkeys = store.passkeys_of(owner).await?;
    if !passkeys.iter().any(|key| key.credential_id == credential) {
        return Err(PageError::NotFound);
    }
    let secrets = store.staff_secrets(staff.id).await?;
    let password_works = secrets.password_hash.is_some() && secrets.totp_secret.is_some();
    if !password_works && passkeys.len() == 1 {
        let mut page = AccountPage::new(&state, &staff).await?;
        page.passkey_error = Some(page.t.get("portal-passkey-last"));
        return Ok(render(StatusCode::CONFLICT, &page));
    }
    store.remove_passkey(owner, &credential).await?;
    Ok(Redirect::to("/portal/account?done=passkey-removed").into_response())
}

/// The account page again, with why her password was not changed.
async fn password_refused(
    state: &AppState,
    staff: &Staff,
    status: StatusCode,
    message: String,
) -> Result<Response, PageError> {
    let mut page = AccountPage::new(state, staff).await?;
    page.password_error = Some(message);
    Ok(render(status, &page))
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

/// Changes her password: the current one first (counted like a sign-in attempt), then the new
/// one; every other session of hers ends (this one stays).
pub async fn change_password(
    State(state): State<AppState>,
    staff: Staff,
    ClientAddress(address): ClientAddress,
    Form(form): Form<PasswordForm>,
) -> Result<Response, PageError> {
    let refuse = |status, message| password_refused(&state, &staff, status, message);
    let t = staff.t();
    let who = format!("account-id:{}", staff.id);
    if !ratelimit::attempt(&state, ratelimit::SIGN_IN, &who, &address).await? {
        let minutes = ratelimit::SIGN_IN.window_minutes.into();
        let message = t.args("portal-too-many-attempts", &[("minutes", minutes)]);
        return refuse(StatusCode::TOO_MANY_REQUESTS, message).await;
    }
    let stored = state
        .store()
        .staff_secrets(staff.id)
        .await?
        .password_hash
        .unwrap_or_default();
    if !password_matches(form.current_password, stored).await {
        let message = t.get("portal-password-current-wrong");
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, message).await;
    }
    if form.new_password.chars().count() < MIN_PASSWORD_CHARS {
        let min = (MIN_PASSWORD_CHARS as i64).into();
        let message = t.args("portal-join-password-short", &[("min", min)]);
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, message).await;
    }
    let hash = hash_password(form.new_password)
        .await
        .map_err(|e| PageError::Store(StoreError::Database(e.into())))?;
    let store = state.store();
    store.set_password_hash(staff.id, &hash).await?;
    store
        .end_staff_sessions(staff.id, Some(&staff.session_hash))
        .await?;
    Ok(Redirect::to("/portal/account?done=password").into_response())
}
