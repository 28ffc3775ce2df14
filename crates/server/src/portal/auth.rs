//! Staff sign-in: username and password (argon2id), then a TOTP code; sign-out; joining by a
//! one-time invitation (choose a username and password, set up the authenticator app); and an
//! admin's one-time reset link (a new password and a new authenticator secret).
//!
//! Each step makes a new session token (the pending one is ended), so a token seen before sign-in
//! is worthless after. Wrong answers say the same thing whether the username exists or not; only
//! the right password of a disabled account is told that the account is disabled.

use super::credentials::{
    MIN_PASSWORD_CHARS, hash_password, new_totp_secret, otpauth_url, password_matches, qr_svg,
    totp_step,
};
use crate::http::client_address::ClientAddress;
use crate::http::error::PageError;
use crate::http::ratelimit;
use crate::http::visitor::{Visitor, secret_hash};
use crate::i18n::{Lang, Tr};
use crate::portal::staff::{Staff, current_session, staff_cookie_removal, start_session};
use crate::services::staff_accounts::{AccountRequest, JoinRefusal, Joined, join_by_invitation};
use crate::state::AppState;
use crate::view::{Chrome, render};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use hangmat_core::account::normalize_username;
use hangmat_store::{SessionStage, StaffAccount, StaffId, StaffSecrets, StoreError};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "portal/login.html")]
struct LoginPage {
    chrome: Chrome,
    t: Tr,
    username: String,
    error: Option<String>,
    /// Why she is here: her account just made from an invitation, or her credentials reset.
    notice: Option<String>,
}

fn login_page(state: &AppState, lang: Lang, username: String, error: Option<String>) -> LoginPage {
    LoginPage {
        chrome: Chrome::for_staff(state, lang, "portal-login-title"),
        t: Tr::new(lang),
        username,
        error,
        notice: None,
    }
}

/// Where a finished invitation or reset sends her: the sign-in page, saying it worked.
#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    done: Option<String>,
}

pub async fn login_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<LoginQuery>,
) -> Response {
    let mut page = login_page(&state, visitor.lang, String::new(), None);
    page.notice = match query.done.as_deref() {
        Some("joined") => Some(page.t.get("portal-joined-notice")),
        Some("reset") => Some(page.t.get("portal-reset-notice")),
        _ => None,
    };
    render(StatusCode::OK, &page)
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

fn too_many(state: &AppState, lang: Lang, username: String) -> Response {
    let t = Tr::new(lang);
    let message = t.args(
        "portal-too-many-attempts",
        &[("minutes", ratelimit::SIGN_IN.window_minutes.into())],
    );
    render(
        StatusCode::TOO_MANY_REQUESTS,
        &login_page(state, lang, username, Some(message)),
    )
}

pub async fn login(
    State(state): State<AppState>,
    visitor: Visitor,
    ClientAddress(address): ClientAddress,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    let username = normalize_username(&form.username);
    let shown: String = form.username.chars().take(64).collect();
    let who = format!("account:{username}");
    if !ratelimit::attempt(&state, ratelimit::SIGN_IN, &who, &address).await? {
        return Ok(too_many(&state, visitor.lang, shown));
    }
    let store = state.store();
    let account = store.staff_by_username(&username).await?;
    let secrets = match &account {
        Some(account) => store.staff_secrets(account.id).await?,
        None => StaffSecrets::default(),
    };
    // Verify even for an unknown name, so timing does not tell which names exist.
    let stored = secrets.password_hash.clone().unwrap_or_else(|| {
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0000000000000000000000000000000000000000000".into()
    });
    let matches = password_matches(form.password, stored).await;
    let (Some(account), true, Some(_)) = (account, matches, secrets.totp_secret) else {
        let message = visitor.t().get("portal-login-wrong");
        return Ok(render(
            StatusCode::UNAUTHORIZED,
            &login_page(&state, visitor.lang, shown, Some(message)),
        ));
    };
    if account.ended_at.is_some() {
        let message = visitor.t().get("portal-login-disabled");
        return Ok(render(
            StatusCode::FORBIDDEN,
            &login_page(&state, visitor.lang, shown, Some(message)),
        ));
    }
    let jar = CookieJar::new();
    let cookie = start_session(&state, account.id, SessionStage::SecondFactorPending, None).await?;
    Ok((jar.add(cookie), Redirect::to("/portal/login/code")).into_response())
}

#[derive(Template)]
#[template(path = "portal/code.html")]
struct CodePage {
    chrome: Chrome,
    t: Tr,
    error: Option<String>,
}

pub async fn code_form(
    State(state): State<AppState>,
    visitor: Visitor,
    jar: CookieJar,
) -> Result<Response, PageError> {
    match current_session(&state, &jar).await? {
        Some(session) if session.stage == SessionStage::SecondFactorPending => {
            let page = CodePage {
                chrome: Chrome::for_staff(&state, visitor.lang, "portal-code-title"),
                t: visitor.t(),
                error: None,
            };
            Ok(render(StatusCode::OK, &page))
        }
        _ => Ok(Redirect::to("/portal/login").into_response()),
    }
}

#[derive(Debug, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

pub async fn code(
    State(state): State<AppState>,
    visitor: Visitor,
    ClientAddress(address): ClientAddress,
    jar: CookieJar,
    Form(form): Form<CodeForm>,
) -> Result<Response, PageError> {
    let Some(session) = current_session(&state, &jar)
        .await?
        .filter(|s| s.stage == SessionStage::SecondFactorPending)
    else {
        return Ok(Redirect::to("/portal/login").into_response());
    };
    let page = |status, message_id: &str| {
        let page = CodePage {
            chrome: Chrome::for_staff(&state, visitor.lang, "portal-code-title"),
            t: visitor.t(),
            error: Some(visitor.t().args(
                message_id,
                &[("minutes", ratelimit::SIGN_IN.window_minutes.into())],
            )),
        };
        render(status, &page)
    };
    let who = format!("account-id:{}", session.staff);
    if !ratelimit::attempt(&state, ratelimit::SIGN_IN, &who, &address).await? {
        return Ok(page(
            StatusCode::TOO_MANY_REQUESTS,
            "portal-too-many-attempts",
        ));
    }
    let accepted = totp_accepted(&state, session.staff, &form.code).await?;
    if !accepted {
        return Ok(page(StatusCode::UNAUTHORIZED, "portal-code-wrong"));
    }
    let cookie = start_session(
        &state,
        session.staff,
        SessionStage::SignedIn,
        Some(&session.token_hash),
    )
    .await?;
    Ok((jar.add(cookie), Redirect::to("/portal")).into_response())
}

/// Whether `code` is the account's authenticator code now, and not one already used: a step is
/// taken once, so a code seen over a shoulder cannot be used again.
async fn totp_accepted(state: &AppState, staff: StaffId, code: &str) -> Result<bool, StoreError> {
    let store = state.store();
    let secrets = store.staff_secrets(staff).await?;
    let step = secrets
        .totp_secret
        .and_then(|sealed| state.secret_key().open(staff, &sealed).ok())
        .and_then(|secret| totp_step(&secret, code, state.now()));
    match step {
        Some(step) => store.use_totp_step(staff, step).await,
        None => Ok(false),
    }
}

pub async fn logout(
    State(state): State<AppState>,
    staff: Staff,
    jar: CookieJar,
) -> Result<Response, PageError> {
    state.store().end_staff_session(&staff.session_hash).await?;
    Ok((
        jar.add(staff_cookie_removal()),
        Redirect::to("/portal/login"),
    )
        .into_response())
}

/// Where a new or reset account sets its password and authenticator app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CredentialsKind {
    /// An invitation: she also chooses her username.
    Join,
    /// An admin's reset link: her username stays.
    Reset,
}

impl CredentialsKind {
    fn path(self) -> &'static str {
        match self {
            CredentialsKind::Join => "/portal/join",
            CredentialsKind::Reset => "/portal/reset",
        }
    }

    fn message(self, part: &str) -> String {
        match self {
            CredentialsKind::Join => format!("portal-join-{part}"),
            CredentialsKind::Reset => format!("portal-reset-{part}"),
        }
    }
}

/// The page that sets a password and an authenticator: the invitation's and the reset link's.
#[derive(Template)]
#[template(path = "portal/credentials.html")]
struct CredentialsPage {
    chrome: Chrome,
    t: Tr,
    /// The form's address (`/portal/join/{token}`, `/portal/reset/{token}`).
    action: String,
    intro: String,
    button: String,
    /// Whether she chooses a username (an invitation) or keeps hers (a reset).
    choose_username: bool,
    username: String,
    totp_secret: String,
    totp_qr: String,
    min_password: usize,
    error: Option<String>,
}

/// What a credentials page shows: for whom, and what was typed.
struct Credentials {
    kind: CredentialsKind,
    token: String,
    display_name: String,
    username: String,
    totp_secret: String,
}

fn credentials_page(
    state: &AppState,
    lang: Lang,
    shown: &Credentials,
    error: Option<String>,
) -> CredentialsPage {
    let t = Tr::new(lang);
    let kind = shown.kind;
    let issuer = state.config().deployment.name.clone();
    let account = if shown.username.is_empty() {
        shown.display_name.clone()
    } else {
        shown.username.clone()
    };
    let totp_qr = qr_svg(
        &otpauth_url(&issuer, &account, &shown.totp_secret),
        &t.get("portal-join-qr-label"),
    );
    let intro = t.args(
        &kind.message("intro"),
        &[
            ("name", shown.display_name.clone().into()),
            ("username", shown.username.clone().into()),
        ],
    );
    CredentialsPage {
        chrome: Chrome::for_staff(state, lang, &kind.message("title")),
        t,
        action: format!("{}/{}", kind.path(), shown.token),
        intro,
        button: t.get(&kind.message("button")),
        choose_username: kind == CredentialsKind::Join,
        username: shown.username.clone(),
        totp_secret: shown.totp_secret.clone(),
        totp_qr,
        min_password: MIN_PASSWORD_CHARS,
        error,
    }
}

pub async fn join_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let Some(invitation) = state
        .store()
        .open_invitation(&secret_hash(&token), state.now())
        .await?
    else {
        return Err(PageError::NotFound);
    };
    let shown = Credentials {
        kind: CredentialsKind::Join,
        token,
        display_name: invitation.display_name,
        username: String::new(),
        totp_secret: new_totp_secret(state.random()),
    };
    let page = credentials_page(&state, visitor.lang, &shown, None);
    Ok(render(StatusCode::OK, &page))
}

#[derive(Debug, Deserialize)]
pub struct CredentialsForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    totp_secret: String,
    #[serde(default)]
    code: String,
}

/// The time step of a new password's authenticator code, or what is wrong (a message id). The
/// step is recorded with the new secret, so the code that set it cannot sign in again.
fn checked_credentials(form: &CredentialsForm, now: jiff::Timestamp) -> Result<i64, &'static str> {
    if form.password.chars().count() < MIN_PASSWORD_CHARS {
        return Err("portal-join-password-short");
    }
    totp_step(&form.totp_secret, &form.code, now).ok_or("portal-code-wrong")
}

/// The credentials page again (422) with what to fix; what she typed stays.
fn credentials_again(
    state: &AppState,
    visitor: &Visitor,
    shown: &Credentials,
    message_id: &str,
) -> Response {
    let message = visitor
        .t()
        .args(message_id, &[("min", (MIN_PASSWORD_CHARS as i64).into())]);
    render(
        StatusCode::UNPROCESSABLE_ENTITY,
        &credentials_page(state, visitor.lang, shown, Some(message)),
    )
}

/// `POST /portal/join/{token}`: makes the invited account with the username, password and
/// authenticator she chose; what she typed stays when something must be fixed.
pub async fn join(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
    Form(form): Form<CredentialsForm>,
) -> Result<Response, PageError> {
    let store = state.store();
    let token_hash = secret_hash(&token);
    let now = state.now();
    let Some(invitation) = store.open_invitation(&token_hash, now).await? else {
        return Err(PageError::NotFound);
    };
    let shown = Credentials {
        kind: CredentialsKind::Join,
        token: token.clone(),
        display_name: invitation.display_name.clone(),
        username: normalize_username(&form.username),
        totp_secret: form.totp_secret.clone(),
    };
    let again = |message_id| Ok(credentials_again(&state, &visitor, &shown, message_id));
    let step = match checked_credentials(&form, now) {
        Ok(step) => step,
        Err(message_id) => return again(message_id),
    };
    let request = AccountRequest {
        role: invitation.role,
        username: &form.username,
        display_name: &invitation.display_name,
        language: visitor.lang.code(),
        password: form.password.clone(),
        totp_secret: &form.totp_secret,
    };
    let joined = join_by_invitation(
        store,
        &token_hash,
        request,
        step,
        now,
        state.secret_key(),
        state.random(),
    );
    match joined.await? {
        Joined::Made => Ok(Redirect::to("/portal/login?done=joined").into_response()),
        Joined::Gone => Err(PageError::NotFound),
        Joined::Refused(JoinRefusal::UsernameInvalid) => again("portal-join-username-invalid"),
        Joined::Refused(JoinRefusal::PasswordShort) => again("portal-join-password-short"),
        Joined::Refused(JoinRefusal::UsernameTaken) => again("portal-join-username-taken"),
    }
}

/// The reset link's account, while the link is open (unused, unexpired, account active).
async fn reset_account(state: &AppState, token: &str) -> Result<StaffAccount, PageError> {
    let store = state.store();
    let reset = store
        .open_password_reset(&secret_hash(token), state.now())
        .await?
        .ok_or(PageError::NotFound)?;
    store.staff(reset.staff).await?.ok_or(PageError::NotFound)
}

pub async fn reset_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let account = reset_account(&state, &token).await?;
    let shown = Credentials {
        kind: CredentialsKind::Reset,
        token,
        display_name: account.display_name,
        username: account.username,
        totp_secret: new_totp_secret(state.random()),
    };
    let page = credentials_page(&state, visitor.lang, &shown, None);
    Ok(render(StatusCode::OK, &page))
}

/// Uses a reset link: a new password and authenticator secret, and every session of the account
/// ends (in one transaction). Tries count like sign-in attempts, per account and per address.
pub async fn reset(
    State(state): State<AppState>,
    visitor: Visitor,
    ClientAddress(address): ClientAddress,
    Path(token): Path<String>,
    Form(form): Form<CredentialsForm>,
) -> Result<Response, PageError> {
    let account = reset_account(&state, &token).await?;
    let shown = Credentials {
        kind: CredentialsKind::Reset,
        token: token.clone(),
        display_name: account.display_name.clone(),
        username: account.username.clone(),
        totp_secret: form.totp_secret.clone(),
    };
    let who = format!("account-id:{}", account.id);
    if !ratelimit::attempt(&state, ratelimit::SIGN_IN, &who, &address).await? {
        let message = visitor.t().args(
            "portal-too-many-attempts",
            &[("minutes", ratelimit::SIGN_IN.window_minutes.into())],
        );
        let page = credentials_page(&state, visitor.lang, &shown, Some(message));
        return Ok(render(StatusCode::TOO_MANY_REQUESTS, &page));
    }
    let step = match checked_credentials(&form, state.now()) {
        Ok(step) => step,
        Err(message_id) => return Ok(credentials_again(&state, &visitor, &shown, message_id)),
    };
    let password_hash = hash_password(form.password)
        .await
        .map_err(|e| PageError::Store(StoreError::Database(e.into())))?;
    let used = state
        .store()
        .use_password_reset(
            &secret_hash(&token),
            state.now(),
            &password_hash,
            &state.secret_key().seal(account.id, &form.totp_secret),
        )
        .await?;
    if used.is_none() {
        return Err(PageError::NotFound);
    }
    // The reset cleared the old secret's last step; this code is now the newest one used.
    state.store().use_totp_step(account.id, step).await?;
    Ok(Redirect::to("/portal/login?done=reset").into_response())
}
