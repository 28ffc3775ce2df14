//! The mother's passkeys: she may add one to her profile (Sharing page) and later restore her
//! profile on a new phone with it alone, as she would with her recovery code (which stays valid).
//!
//! She has no account name, so her passkey must be discoverable (a resident key): on /restore the
//! browser offers the passkeys it holds for this site and the server finds her profile from the
//! credential. The user handle stored on the authenticator is derived from her profile id by a
//! hash, so it names no one and reveals nothing stored elsewhere; the name shown in passkey
//! managers is just "Hangmat". Ceremonies live in the database like the staff's (see
//! `portal::passkeys`), and restoring counts against a rate limit like the recovery code.

use super::api::{parse_json, signed_in};
use crate::app::AppState;
use crate::error::{ApiError, PageError};
use crate::portal::passkeys::{
    finish_registration, invalid, refused, registered_credentials, remember_use, save_ceremony,
    store_error, take_ceremony, webauthn,
};
use crate::ratelimit::{self, ClientAddress};
use crate::visitor::{Mother, Visitor, device_cookie, new_device_token, secret_hash};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hangmat_store::{PasskeyOwner, ProfileId};
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;
use webauthn_rs::prelude::{
    DiscoverableAuthentication, Passkey, PublicKeyCredential, RegisterPublicKeyCredential,
};

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
    Ok(Json(json!({ "ceremony": ceremony, "options": options })).into_response())
}

#[derive(Debug, Deserialize)]
struct RegisterFinish {
    ceremony: String,
    credential: RegisterPublicKeyCredential,
}

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

/// Starts restoring a profile with a passkey: no name, the browser offers what it holds.
pub async fn restore_start(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    ClientAddress(address): ClientAddress,
) -> Result<Response, ApiError> {
    let lang = visitor.lang;
    let keys = [format!("address:{address}")];
    if !ratelimit::attempt(&state, ratelimit::PASSKEY_RESTORE, &keys)
        .await
        .map_err(store_error(lang))?
    {
        return Err(ApiError {
            lang,
            status: StatusCode::TOO_MANY_REQUESTS,
            kind: "invalid-input",
            detail: visitor.t().args(
                "portal-too-many-attempts",
                &[("minutes", ratelimit::PASSKEY_RESTORE.window_minutes.into())],
            ),
        });
    }
    let webauthn = webauthn(&state, &headers, lang)?;
    let (mut options, authentication) = webauthn
        .start_discoverable_authentication()
        .map_err(|e| invalid(lang, e.to_string()))?;
    // She presses a button: a modal request, not the autofill (conditional) one.
    options.mediation = None;
    let authentication =
        serde_json::to_value(&authentication).map_err(|e| invalid(lang, e.to_string()))?;
    let ceremony = save_ceremony(&state, json!({ "restore": authentication }), lang).await?;
    Ok(Json(json!({ "ceremony": ceremony, "options": options })).into_response())
}

#[derive(Debug, Deserialize)]
struct RestoreFinish {
    ceremony: String,
    credential: PublicKeyCredential,
}

/// Finishes restoring: a new device session for the passkey's profile, as the recovery code does.
pub async fn restore_finish(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    jar: CookieJar,
    body: Bytes,
) -> Result<Response, ApiError> {
    let lang = visitor.lang;
    let body: RestoreFinish = parse_json(&visitor, &body)?;
    let webauthn = webauthn(&state, &headers, lang)?;
    let saved = take_ceremony(&state, &body.ceremony, lang).await?;
    let authentication: DiscoverableAuthentication =
        serde_json::from_value(saved["restore"].clone())
            .map_err(|e| invalid(lang, e.to_string()))?;
    let not_accepted = || refused(lang, "the passkey was not accepted");
    let (handle, credential_id) = webauthn
        .identify_discoverable_authentication(&body.credential)
        .map_err(|_| not_accepted())?;
    let credential_id = URL_SAFE_NO_PAD.encode(credential_id);
    let store = state.store();
    let Some((PasskeyOwner::Profile(profile), stored)) = store
        .passkey_by_credential(&credential_id)
        .await
        .map_err(store_error(lang))?
    else {
        return Err(not_accepted());
    };
    if user_handle(profile) != handle {
        return Err(not_accepted());
    }
    let passkey: Passkey =
        serde_json::from_str(&stored.passkey_json).map_err(|_| not_accepted())?;
    let result = webauthn
        .finish_discoverable_authentication_v2(&body.credential, authentication, &passkey)
        .map_err(|_| not_accepted())?;
    remember_use(&state, &stored, &result, lang).await?;
    let token = new_device_token();
    store
        .create_device_session(&secret_hash(&token), profile, state.now())
        .await
        .map_err(store_error(lang))?;
    let jar = jar.add(device_cookie(token, state.config().secure_cookies()));
    Ok((jar, Json(json!({ "redirect": "/today" }))).into_response())
}

/// Removes one of her passkeys (her recovery code and other passkeys stay).
pub async fn remove(
    State(state): State<AppState>,
    mother: Mother,
    Path(credential): Path<String>,
) -> Result<Response, PageError> {
    let removed = state
        .store()
        .remove_passkey(PasskeyOwner::Profile(mother.profile.id), &credential)
        .await?;
    if removed {
        Ok(Redirect::to("/settings/sharing#mother-passkeys").into_response())
    } else {
        Err(PageError::NotFound)
    }
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
