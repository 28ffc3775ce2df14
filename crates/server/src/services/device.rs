//! Signing in her phone: a new device session for her profile, its token stored only as a hash,
//! and the lasting cookie that carries it. Starting, restoring with her recovery code and
//! restoring with a passkey all end here.

use crate::http::visitor::{device_cookie, secret_hash};
use crate::state::AppState;
use axum_extra::extract::cookie::CookieJar;
use hangmat_store::{ProfileId, StoreError};

/// A device session for `profile` from now on; the jar carries its cookie.
pub async fn sign_in_phone(
    state: &AppState,
    profile: ProfileId,
    jar: CookieJar,
) -> Result<CookieJar, StoreError> {
    let token = state.random().token();
    state
        .store()
        .create_device_session(&secret_hash(&token), profile, state.now())
        .await?;
    Ok(jar.add(device_cookie(token, state.config().secure_cookies())))
}
