//! Passkeys for both audiences (WebAuthn, webauthn-rs): the relying party, ceremony state kept in
//! the database (`webauthn_ceremonies`, 5 minutes, taken once; never in a server's memory, so the
//! browser may finish on another server), the credentials a new registration excludes, and
//! finishing a registration. The relying party is the deployment's `public_url` when it is https;
//! otherwise (development, tests) the request's own host, which browsers accept only for
//! `localhost`.

use crate::http::error::ApiError;
use crate::i18n::Lang;
use crate::state::AppState;
use axum::http::{HeaderMap, StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hangmat_store::{Ceremony, PasskeyOwner, StoreError, StoredPasskey};
use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};
use webauthn_rs::prelude::{
    AuthenticationResult, CredentialID, Passkey, PasskeyRegistration, RegisterPublicKeyCredential,
    Url,
};
use webauthn_rs::{Webauthn, WebauthnBuilder};

/// What starting a ceremony answers (adding a passkey, or signing in with one; hers and the
/// staff's): the ceremony to finish, and the options for the browser's WebAuthn call.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct CeremonyStarted {
    pub ceremony: String,
    /// WebAuthn's `CredentialCreationOptions` or `CredentialRequestOptions` (with a `publicKey`
    /// member), as webauthn-rs makes them.
    #[schema(value_type = Object)]
    pub options: Value,
}

impl CeremonyStarted {
    /// The answer for a ceremony saved under `ceremony`, with webauthn-rs's options.
    pub fn answer(
        lang: Lang,
        ceremony: String,
        options: &impl serde::Serialize,
    ) -> Result<axum::Json<Self>, ApiError> {
        let options = serde_json::to_value(options).map_err(|e| invalid(lang, e.to_string()))?;
        Ok(axum::Json(Self { ceremony, options }))
    }
}

/// What a finished passkey sign-in answers: where the browser goes next (the session's cookie
/// comes with it).
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct SignedIn {
    pub redirect: &'static str,
}

pub(crate) fn refused(lang: Lang, detail: &str) -> ApiError {
    ApiError {
        lang,
        status: StatusCode::UNAUTHORIZED,
        kind: "not-signed-in",
        detail: detail.into(),
    }
}

pub(crate) fn invalid(lang: Lang, detail: impl Into<String>) -> ApiError {
    ApiError::invalid(lang, detail)
}

/// The relying party for this request (the mother's passkeys use the same one).
pub(crate) fn webauthn(
    state: &AppState,
    headers: &HeaderMap,
    lang: Lang,
) -> Result<Webauthn, ApiError> {
    let origin = match state.config().deployment.public_url.as_deref() {
        Some(url) if url.starts_with("https://") => url.trim_end_matches('/').to_owned(),
        _ => {
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("localhost");
            format!("http://{host}")
        }
    };
    let origin = Url::parse(&origin).map_err(|e| invalid(lang, format!("host: {e}")))?;
    let rp_id = origin.host_str().unwrap_or("localhost").to_owned();
    WebauthnBuilder::new(&rp_id, &origin)
        .and_then(|builder| builder.rp_name("Hangmat").build())
        .map_err(|e| ApiError::internal(lang, "WebAuthn relying party", &e))
}

pub(crate) fn store_error(lang: Lang) -> impl Fn(StoreError) -> ApiError {
    move |error| ApiError::store(lang, error)
}

pub(crate) async fn save_ceremony(
    state: &AppState,
    value: Value,
    lang: Lang,
) -> Result<String, ApiError> {
    let id = state.random().token();
    let expires_at = state
        .now()
        .checked_add(SignedDuration::from_mins(CEREMONY_MINUTES))
        .unwrap_or(Timestamp::MAX);
    state
        .store()
        .save_ceremony(&Ceremony {
            id: id.clone(),
            state_json: value.to_string(),
            expires_at,
        })
        .await
        .map_err(store_error(lang))?;
    Ok(id)
}

pub(crate) async fn take_ceremony(
    state: &AppState,
    id: &str,
    lang: Lang,
) -> Result<Value, ApiError> {
    let ceremony = state
        .store()
        .take_ceremony(id, state.now())
        .await
        .map_err(store_error(lang))?
        .ok_or_else(|| invalid(lang, "the ceremony expired; start again"))?;
    serde_json::from_str(&ceremony.state_json).map_err(|e| invalid(lang, e.to_string()))
}

/// The credentials an owner already has, for a new registration to exclude (so an authenticator
/// that holds one is not registered twice).
pub(crate) async fn registered_credentials(
    state: &AppState,
    owner: PasskeyOwner,
    lang: Lang,
) -> Result<Vec<CredentialID>, ApiError> {
    let existing = state
        .store()
        .passkeys_of(owner)
        .await
        .map_err(store_error(lang))?;
    Ok(stored_passkeys(&existing)
        .iter()
        .map(|p| p.cred_id().clone())
        .collect())
}

pub(crate) fn stored_passkeys(stored: &[StoredPasskey]) -> Vec<Passkey> {
    stored
        .iter()
        .filter_map(|p| serde_json::from_str(&p.passkey_json).ok())
        .collect()
}

/// Ends a registration ceremony for its owner (staff or mother): the ceremony must have been
/// started by the same owner, the authenticator's answer must verify, and the passkey is stored
/// under `name` (a mother's passkeys have none).
pub(crate) async fn finish_registration(
    state: &AppState,
    headers: &HeaderMap,
    lang: Lang,
    ceremony: &str,
    credential: &RegisterPublicKeyCredential,
    owner: PasskeyOwner,
    name: String,
) -> Result<(), ApiError> {
    let webauthn = webauthn(state, headers, lang)?;
    let saved = take_ceremony(state, ceremony, lang).await?;
    let started_by = match owner {
        PasskeyOwner::Staff(id) => saved["staff"] == json!(id.0),
        PasskeyOwner::Profile(id) => saved["profile"] == json!(id.0),
    };
    if !started_by {
        return Err(invalid(lang, "this ceremony belongs to someone else"));
    }
    let registration: PasskeyRegistration = serde_json::from_value(saved["registration"].clone())
        .map_err(|e| invalid(lang, e.to_string()))?;
    let passkey = webauthn
        .finish_passkey_registration(credential, &registration)
        .map_err(|e| invalid(lang, e.to_string()))?;
    let stored = StoredPasskey {
        credential_id: URL_SAFE_NO_PAD.encode(passkey.cred_id()),
        name,
        passkey_json: serde_json::to_string(&passkey).map_err(|e| invalid(lang, e.to_string()))?,
        created_at: state.now(),
        last_used_at: None,
    };
    state
        .store()
        .add_passkey(owner, &stored)
        .await
        .map_err(store_error(lang))
}

/// Keeps a passkey's new counter and when it was last used, after a sign-in it made.
pub(crate) async fn remember_use(
    state: &AppState,
    stored: &StoredPasskey,
    result: &AuthenticationResult,
    lang: Lang,
) -> Result<(), ApiError> {
    if let Ok(mut passkey) = serde_json::from_str::<Passkey>(&stored.passkey_json) {
        passkey.update_credential(result);
        let json = serde_json::to_string(&passkey).unwrap_or_else(|_| stored.passkey_json.clone());
        state
            .store()
            .update_passkey(&stored.credential_id, &json, state.now())
            .await
            .map_err(store_error(lang))?;
    }
    Ok(())
}

/// How long a ceremony may take.
pub(crate) const CEREMONY_MINUTES: i64 = 5;
