//! Adding a passkey to her profile (from her Sharing page), as JSON for the browser's WebAuthn
//! calls. Her passkey must be discoverable: she has no account name, so on /restore the browser
//! offers what it holds and the server finds her profile from the credential. The user handle is
//! derived from her profile id by a hash, so it names no one.

use crate::api::{parse_json, signed_in};
use crate::http::error::ApiError;
use crate::http::visitor::Visitor;
use crate::services::passkeys::{
    CeremonyStarted, finish_registration, invalid, registered_credentials, save_ceremony, webauthn,
};
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use hangmat_store::{PasskeyOwner, ProfileId};
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;
use webauthn_rs::prelude::RegisterPublicKeyCredential;

/// What passkey managers show for her passkey: the app's name, nothing about her.
const PASSKEY_NAME: &str = "Hangmat";

/// The WebAuthn user handle of a profile: stable for her, unlinkable to her profile id.
pub fn user_handle(profile: ProfileId) -> Uuid {
    let digest = Sha256::digest(format!("hangmat-passkey-user:{}", profile.0).as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    Uuid::from_bytes(bytes)
}

/// Starts adding a passkey to her profile: a discoverable credential with user verification.
#[utoipa::path(
    post,
    path = "/api/passkeys/register/start",
    responses((status = 200, description = "The ceremony started", body = CeremonyStarted)),
)]
pub async fn register_start(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let lang = visitor.lang;
    let profile = signed_in(&visitor)?;
    let webauthn = webauthn(&state, &headers, lang)?;
    let exclude = registered_credentials(&state, PasskeyOwner::Profile(profile.id), lang).await?;
    let (options, registration) = webauthn
        .start_passkey_registration(
            user_handle(profile.id),
            PASSKEY_NAME,
            PASSKEY_NAME,
            Some(exclude),
        )
        .map_err(|e| invalid(lang, e.to_string()))?;
    // She has no name to type: the passkey must be found by the authenticator itself, so it has
    // to be a resident key (webauthn-rs asks for none; its prelude does not export the type).
    let mut options = serde_json::to_value(&options).map_err(|e| invalid(lang, e.to_string()))?;
    options["publicKey"]["authenticatorSelection"]["residentKey"] = json!("required");
    options["publicKey"]["authenticatorSelection"]["requireResidentKey"] = json!(true);
    let registration =
        serde_json::to_value(&registration).map_err(|e| invalid(lang, e.to_string()))?;
    let ceremony = save_ceremony(
        &state,
        json!({ "profile": profile.id.0, "registration": registration }),
        lang,
    )
    .await?;
    Ok(Json(CeremonyStarted { ceremony, options }).into_response())
}

/// The browser's new credential, for the ceremony `register/start` began.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct RegisterFinish {
    ceremony: String,
    /// What `navigator.credentials.create()` gave, in WebAuthn's JSON form.
    #[schema(value_type = Object)]
    credential: RegisterPublicKeyCredential,
}

/// Finishes adding a passkey: she can restore her profile with it on a new phone.
#[utoipa::path(
    post,
    path = "/api/passkeys/register/finish",
    request_body(content = RegisterFinish, content_type = "application/json"),
    responses((status = 204, description = "The passkey is hers")),
)]
pub async fn register_finish(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let lang = visitor.lang;
    let profile = signed_in(&visitor)?;
    let body: RegisterFinish = parse_json(&visitor, &body)?;
    finish_registration(
        &state,
        &headers,
        lang,
        &body.ceremony,
        &body.credential,
        PasskeyOwner::Profile(profile.id),
        String::new(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_handles_are_stable_per_profile_and_hide_its_id() {
        let a = ProfileId(Uuid::from_u128(1));
        let b = ProfileId(Uuid::from_u128(2));
        assert_eq!(user_handle(a), user_handle(a));
        assert_ne!(user_handle(a), user_handle(b));
        assert_ne!(user_handle(a), a.0);
    }
}
