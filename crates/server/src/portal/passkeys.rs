//! Passkeys for staff (WebAuthn, webauthn-rs): add one while signed in, then sign in with it alone
//! (a passkey with user verification is already two factors: the device and its PIN or biometrics).
//!
//! Ceremony state goes to the database (`webauthn_ceremonies`, 5 minutes, taken once), never to
//! a server's memory, so the browser may finish on another server. The relying party is the
//! deployment's `public_url` when it is https; otherwise (development, tests) the request's own
//! host, which browsers accept only for `localhost`.

use crate::http::client_address::ClientAddress;
use crate::http::error::ApiError;
use crate::http::ratelimit;
use crate::i18n::{Lang, Tr};
use crate::portal::staff::{Staff, start_session};
use crate::services::passkeys::{
    CeremonyStarted, SignedIn, finish_registration, invalid, refused, registered_credentials,
    remember_use, save_ceremony, store_error, stored_passkeys, take_ceremony, webauthn,
};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hangmat_store::{PasskeyOwner, SessionStage};
use serde::Deserialize;
use serde_json::json;
use webauthn_rs::prelude::{
    PasskeyAuthentication, PublicKeyCredential, RegisterPublicKeyCredential,
};

/// Starts adding a passkey to the signed-in staff account.
#[utoipa::path(
    post,
    path = "/portal/api/passkeys/register/start",
    security(("staff_cookie" = [])),
    responses((status = 200, description = "The ceremony started", body = CeremonyStarted)),
)]
pub async fn register_start(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let lang = staff.lang;
    let webauthn = webauthn(&state, &headers, lang)?;
    let exclude = registered_credentials(&state, PasskeyOwner::Staff(staff.id), lang).await?;
    let (options, registration) = webauthn
        .start_passkey_registration(
            staff.id.0,
            &staff.display_name,
            &staff.display_name,
            Some(exclude),
        )
        .map_err(|e| invalid(lang, e.to_string()))?;
    let registration =
        serde_json::to_value(&registration).map_err(|e| invalid(lang, e.to_string()))?;
    let ceremony = save_ceremony(
        &state,
        json!({ "staff": staff.id.0, "registration": registration }),
        lang,
    )
    .await?;
    Ok(CeremonyStarted::answer(lang, ceremony, &options)?.into_response())
}

/// The browser's new credential for the ceremony `register/start` began, and its name.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = StaffRegisterFinish)]
pub struct RegisterFinish {
    ceremony: String,
    /// What `navigator.credentials.create()` gave, in WebAuthn's JSON form.
    #[schema(value_type = Object)]
    credential: RegisterPublicKeyCredential,
    /// The name she gives it ("Practice PC"); empty for the default.
    #[serde(default)]
    name: String,
}

/// The longest passkey name kept.
pub const PASSKEY_NAME_CHARS: usize = 60;

/// What a passkey is called: the name she typed (trimmed, at most 60 characters), else one after
/// the device her browser says it runs on ("Passkey on Windows"), so two are told apart.
pub fn passkey_name(t: &Tr, typed: &str, user_agent: &str) -> String {
    let typed: String = typed.trim().chars().take(PASSKEY_NAME_CHARS).collect();
    if !typed.is_empty() {
        return typed;
    }
    // iPadOS and iOS before Mac (an iPad may say "Macintosh" too, after "iPad" in older ones);
    // Android and ChromeOS before Linux, which they also name.
    let devices = [
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Android", "Android"),
        ("CrOS", "ChromeOS"),
        ("Windows", "Windows"),
        ("Macintosh", "Mac"),
        ("Linux", "Linux"),
    ];
    match devices.iter().find(|(mark, _)| user_agent.contains(mark)) {
        Some((_, device)) => t.args(
            "portal-passkey-default-name",
            &[("device", (*device).into())],
        ),
        None => t.get("portal-passkey-default-name-plain"),
    }
}

/// Finishes adding a passkey: the staff member can sign in with it alone.
#[utoipa::path(
    post,
    path = "/portal/api/passkeys/register/finish",
    security(("staff_cookie" = [])),
    request_body(content = RegisterFinish, content_type = "application/json"),
    responses((status = 204, description = "The passkey is theirs")),
)]
pub async fn register_finish(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
    Json(body): Json<RegisterFinish>,
) -> Result<Response, ApiError> {
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let name = passkey_name(&staff.t(), &body.name, user_agent);
    finish_registration(
        &state,
        &headers,
        staff.lang,
        &body.ceremony,
        &body.credential,
        PasskeyOwner::Staff(staff.id),
        name,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Whose passkeys the browser is to offer.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct LoginStart {
    #[serde(default)]
    username: String,
}

/// Starts signing in with a passkey of the named account (a disabled one too: only after her
/// passkey proved who she is does `login_finish` tell her the account is disabled).
#[utoipa::path(
    post,
    path = "/portal/passkey/start",
    security(()),
    request_body(content = LoginStart, content_type = "application/json"),
    responses((status = 200, description = "The ceremony started", body = CeremonyStarted)),
)]
pub async fn login_start(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddress(address): ClientAddress,
    Json(body): Json<LoginStart>,
) -> Result<Response, ApiError> {
    let lang = state.config().default_lang();
    let username = hangmat_core::account::normalize_username(&body.username);
    let who = format!("account:{username}");
    if !ratelimit::attempt(&state, ratelimit::SIGN_IN, &who, &address)
        .await
        .map_err(store_error(lang))?
    {
        return Err(ApiError {
            lang,
            status: StatusCode::TOO_MANY_REQUESTS,
            kind: "invalid-input",
            detail: "too many attempts; wait 15 minutes".into(),
        });
    }
    let webauthn = webauthn(&state, &headers, lang)?;
    let store = state.store();
    let account = store
        .staff_by_username(&username)
        .await
        .map_err(store_error(lang))?
        .ok_or_else(|| refused(lang, "no passkey for this account"))?;
    let passkeys = stored_passkeys(
        &store
            .passkeys_of(PasskeyOwner::Staff(account.id))
            .await
            .map_err(store_error(lang))?,
    );
    if passkeys.is_empty() {
        return Err(refused(lang, "no passkey for this account"));
    }
    let (options, authentication) = webauthn
        .start_passkey_authentication(&passkeys)
        .map_err(|e| invalid(lang, e.to_string()))?;
    let authentication =
        serde_json::to_value(&authentication).map_err(|e| invalid(lang, e.to_string()))?;
    let ceremony = save_ceremony(
        &state,
        json!({ "staff": account.id.0, "authentication": authentication }),
        lang,
    )
    .await?;
    Ok(CeremonyStarted::answer(lang, ceremony, &options)?.into_response())
}

/// The browser's assertion for the ceremony `login_start` began.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct LoginFinish {
    ceremony: String,
    /// What `navigator.credentials.get()` gave, in WebAuthn's JSON form.
    #[schema(value_type = Object)]
    credential: PublicKeyCredential,
}

/// Finishes a passkey sign-in: a signed-in session (new token) and where to go.
#[utoipa::path(
    post,
    path = "/portal/passkey/finish",
    security(()),
    request_body(content = LoginFinish, content_type = "application/json"),
    responses((status = 200, description = "Signed in; the session cookie is set", body = SignedIn)),
)]
pub async fn login_finish(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    Json(body): Json<LoginFinish>,
) -> Result<Response, ApiError> {
    let lang = state.config().default_lang();
    let webauthn = webauthn(&state, &headers, lang)?;
    let saved = take_ceremony(&state, &body.ceremony, lang).await?;
    let authentication: PasskeyAuthentication =
        serde_json::from_value(saved["authentication"].clone())
            .map_err(|e| invalid(lang, e.to_string()))?;
    let result = webauthn
        .finish_passkey_authentication(&body.credential, &authentication)
        .map_err(|_| refused(lang, "the passkey was not accepted"))?;
    let credential_id = URL_SAFE_NO_PAD.encode(result.cred_id());
    let store = state.store();
    let Some((PasskeyOwner::Staff(staff), stored)) = store
        .passkey_by_credential(&credential_id)
        .await
        .map_err(store_error(lang))?
    else {
        return Err(refused(lang, "unknown passkey"));
    };
    if saved["staff"] != json!(staff.0) {
        return Err(refused(lang, "the passkey belongs to another account"));
    }
    let account = store
        .staff(staff)
        .await
        .map_err(store_error(lang))?
        .ok_or_else(|| refused(lang, "unknown account"))?;
    if account.ended_at.is_some() {
        let lang = Lang::parse(&account.language).unwrap_or(lang);
        return Err(ApiError {
            lang,
            status: StatusCode::FORBIDDEN,
            kind: "account-disabled",
            detail: Tr::new(lang).get("portal-login-disabled"),
        });
    }
    remember_use(&state, &stored, &result, lang).await?;
    let cookie = start_session(&state, staff, SessionStage::SignedIn, None)
        .await
        .map_err(store_error(lang))?;
    let signed_in = SignedIn {
        redirect: "/portal",
    };
    Ok((jar.add(cookie), Json(signed_in)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passkey_is_named_as_typed_or_after_the_device() {
        let t = Tr::new(Lang::En);
        let windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131";
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15";
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131";
        assert_eq!(passkey_name(&t, "  Practice PC ", windows), "Practice PC");
        assert_eq!(passkey_name(&t, "", windows), "Passkey on Windows");
        assert_eq!(passkey_name(&t, "", iphone), "Passkey on iPhone");
        assert_eq!(passkey_name(&t, " ", android), "Passkey on Android");
        assert_eq!(passkey_name(&t, "", "curl/8"), "Passkey");
        assert_eq!(
            passkey_name(&t, &"x".repeat(100), windows).chars().count(),
            PASSKEY_NAME_CHARS
        );
        let nl = Tr::new(Lang::Nl);
        assert_eq!(passkey_name(&nl, "", windows), "Passkey op Windows");
    }
}
