//! `PUT` and `DELETE /api/push/subscription`: the browser's push subscription, stored so the
//! scheduler can reach her, removed when she turns push off.

use super::parse_json;
use super::signed_in;
use crate::http::error::ApiError;
use crate::http::visitor::Visitor;
use crate::notify::scheduler::reschedule;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hangmat_store::PushSubscription;
use serde::Deserialize;

/// A subscription as `PushSubscription.toJSON()` gives it.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct SubscriptionJson {
    /// The push service's URL: one of the deployment's push hosts, https on its default port.
    endpoint: String,
    keys: SubscriptionKeys,
    #[serde(default, rename = "expirationTime")]
    #[schema(value_type = Option<f64>)]
    _expiration_time: Option<serde_json::Value>,
}

/// The browser's keys for encrypting a push message (base64url).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct SubscriptionKeys {
    p256dh: String,
    auth: String,
}

fn base64url_len(text: &str) -> Option<usize> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .ok()
        .map(|bytes| bytes.len())
}

/// `PUT /api/push/subscription`: stores what `pushManager.subscribe()` returned.
#[utoipa::path(
    put,
    path = "/api/push/subscription",
    request_body(content = SubscriptionJson, content_type = "application/json"),
    responses((status = 204, description = "Stored; her reminders will come by push")),
)]
pub async fn put_subscription(
    State(state): State<AppState>,
    visitor: Visitor,
    body: Bytes,
) -> Result<Response, ApiError> {
    let profile = signed_in(&visitor)?;
    let json: SubscriptionJson = parse_json(&visitor, &body)?;
    // The server posts to this URL: only the listed push services, so a page cannot make the
    // server call services inside the deployment's network.
    if !state
        .config()
        .reminders
        .push_endpoints()
        .allows(&json.endpoint)
    {
        return Err(ApiError::push_service_refused(visitor.lang));
    }
    if base64url_len(&json.keys.p256dh) != Some(65) {
        return Err(ApiError::invalid(
            visitor.lang,
            "keys.p256dh: not a P-256 public key",
        ));
    }
    if base64url_len(&json.keys.auth) != Some(16) {
        return Err(ApiError::invalid(visitor.lang, "keys.auth: not 16 bytes"));
    }
    let subscription = PushSubscription {
        endpoint: json.endpoint,
        p256dh: json.keys.p256dh,
        auth: json.keys.auth,
    };
    let store = state.store();
    let lang = visitor.lang;
    store
        .save_push_subscription(profile.id, &subscription, state.now())
        .await
        .map_err(|e| ApiError::store(lang, e))?;
    reschedule(&state, profile)
        .await
        .map_err(|e| ApiError::store(lang, e))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Which subscription to remove.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct EndpointJson {
    endpoint: String,
}

/// `DELETE /api/push/subscription`: she turned push off on this browser.
#[utoipa::path(
    delete,
    path = "/api/push/subscription",
    request_body(content = EndpointJson, content_type = "application/json"),
    responses((status = 204, description = "Removed (or was not there)")),
)]
pub async fn delete_subscription(
    State(state): State<AppState>,
    visitor: Visitor,
    body: Bytes,
) -> Result<Response, ApiError> {
    let profile = signed_in(&visitor)?;
    let json: EndpointJson = parse_json(&visitor, &body)?;
    let lang = visitor.lang;
    state
        .store()
        .remove_push_subscription(Some(profile.id), &json.endpoint)
        .await
        .map_err(|e| ApiError::store(lang, e))?;
    reschedule(&state, profile)
        .await
        .map_err(|e| ApiError::store(lang, e))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
