//! The mother's passkeys: she may add one to her profile (Sharing page) and later restore her
//! profile on a new phone with it alone, as she would with her recovery code (which stays valid).
//!
//! She has no account name, so her passkey must be discoverable (a resident key): on /restore the
//! browser offers the passkeys it holds for this site and the server finds her profile from the
//! credential. The user handle stored on the authenticator is derived from her profile id by a
//! hash, so it names no one and reveals nothing stored elsewhere; the name shown in passkey
//! managers is just "Hangmat". Ceremonies live in the database like the staff's (see
//! `portal::passkeys`), and restoring counts against a rate limit like the recovery code.

use crate::api::parse_json;
use crate::api::passkeys::user_handle;
use crate::http::client_address::ClientAddress;
use crate::http::error::{ApiError, PageError};
use crate::http::ratelimit;
use crate::http::visitor::{Mother, Visitor};
use crate::services::device::sign_in_phone;
use crate::services::passkeys::{
    CeremonyStarted, SignedIn, invalid, refused, remember_use, save_ceremony, store_error,
    take_ceremony, webauthn,
};
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hangmat_store::PasskeyOwner;
use serde::Deserialize;
use serde_json::json;
use webauthn_rs::prelude::{DiscoverableAuthentication, Passkey, PublicKeyCredential};

/// Starts restoring a profile with a passkey: no name, the browser offers what it holds.
#[utoipa::path(
    post,
    path = "/restore/passkey/start",
    security(()),
    responses((status = 200, description = "The ceremony started", body = CeremonyStarted)),
)]
pub async fn restore_start(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    ClientAddress(address): ClientAddress,
) -> Result<Response, ApiError> {
    let lang = visitor.lang;
    if !ratelimit::attempt(&state, ratelimit::PASSKEY_RESTORE, "", &address)
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
    Ok(CeremonyStarted::answer(lang, ceremony, &options)?.into_response())
}

/// The browser's assertion for the ceremony `restore_start` began.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct RestoreFinish {
    ceremony: String,
    /// What `navigator.credentials.get()` gave, in WebAuthn's JSON form.
    #[schema(value_type = Object)]
    credential: PublicKeyCredential,
}

/// Finishes restoring: a new device session for the passkey's profile, as the recovery code does.
#[utoipa::path(
    post,
    path = "/restore/passkey/finish",
    security(()),
    request_body(content = RestoreFinish, content_type = "application/json"),
    responses((status = 200, description = "Her profile is on this device; the cookie is set", body = SignedIn)),
)]
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
    let jar = sign_in_phone(&state, profile, jar)
        .await
        .map_err(store_error(lang))?;
    Ok((jar, Json(SignedIn { redirect: "/today" })).into_response())
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
