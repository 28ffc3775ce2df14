//! A local push service double that speaks RFC 8030 on 127.0.0.1: it plays the browser's side
//! of each subscription (its own P-256 key and auth secret), checks each request's VAPID token
//! (RFC 8292; the audience without the port, as web-push-native writes it), decrypts the RFC 8291
//! payload, and answers 201 with a Location, or whatever a test scripted (410, 503, …).

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use web_push_native::jwt_simple::algorithms::{ECDSAP256PublicKeyLike, ES256PublicKey};
use web_push_native::jwt_simple::claims::NoCustomClaims;
use web_push_native::jwt_simple::common::VerificationOptions;
use web_push_native::p256::SecretKey;
use web_push_native::p256::elliptic_curve::sec1::ToEncodedPoint;
use web_push_native::{Auth, decrypt};

/// One message the double accepted, decrypted.
#[derive(Debug, Clone)]
pub struct Received {
    pub subscription: String,
    pub payload: serde_json::Value,
    pub ttl: String,
    pub urgency: String,
    /// The VAPID public key the request was signed with (base64url).
    pub vapid_key: String,
    pub contact: String,
}

/// The browser side of one subscription.
struct Browser {
    secret: SecretKey,
    auth: Auth,
}

#[derive(Default)]
struct Inner {
    browsers: HashMap<String, Browser>,
    /// Answers scripted per subscription, used before the default 201.
    scripted: HashMap<String, VecDeque<u16>>,
    received: Vec<Received>,
    /// Every request, answered or not: (subscription, status).
    attempts: Vec<(String, u16)>,
    rejected: Vec<String>,
}

#[derive(Clone)]
pub struct PushDouble {
    inner: Arc<Mutex<Inner>>,
    pub base: String,
}

/// A subscription as the browser's `toJSON()` gives it.
pub struct Subscription {
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

impl Subscription {
    pub fn json(&self) -> String {
        serde_json::json!({
            "endpoint": self.endpoint,
            "expirationTime": null,
            "keys": { "p256dh": self.p256dh, "auth": self.auth },
        })
        .to_string()
    }
}

impl PushDouble {
    pub async fn start() -> Self {
        let inner = Arc::new(Mutex::new(Inner::default()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("bind: {e}"));
        let address = listener
            .local_addr()
            .unwrap_or_else(|e| panic!("address: {e}"));
        let app = Router::new()
            .route("/push/{id}", post(receive))
            .with_state(inner.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self {
            inner,
            base: format!("http://{address}"),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new subscription the double will accept messages for.
    pub fn subscribe(&self, id: &str) -> Subscription {
        let secret = loop {
            let mut bytes = [0u8; 32];
            rand::rng().fill_bytes(&mut bytes);
            if let Ok(secret) = SecretKey::from_slice(&bytes) {
                break secret;
            }
        };
        let mut auth = Auth::default();
        rand::rng().fill_bytes(&mut auth);
        let p256dh = URL_SAFE_NO_PAD.encode(secret.public_key().to_encoded_point(false).as_bytes());
        let auth_text = URL_SAFE_NO_PAD.encode(auth);
        self.lock()
            .browsers
            .insert(id.to_owned(), Browser { secret, auth });
        Subscription {
            endpoint: format!("{}/push/{id}", self.base),
            p256dh,
            auth: auth_text,
        }
    }

    /// Answers the next requests for `id` with these statuses, in order.
    pub fn script(&self, id: &str, statuses: &[u16]) {
        self.lock()
            .scripted
            .insert(id.to_owned(), statuses.iter().copied().collect());
    }

    pub fn received(&self) -> Vec<Received> {
        self.lock().received.clone()
    }

    pub fn attempts(&self, id: &str) -> Vec<u16> {
        self.lock()
            .attempts
            .iter()
            .filter(|(sub, _)| sub == id)
            .map(|(_, status)| *status)
            .collect()
    }

    pub fn rejected(&self) -> Vec<String> {
        self.lock().rejected.clone()
    }
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
}

/// Checks the VAPID Authorization header; returns (public key, contact) or why it is refused.
fn check_vapid(headers: &HeaderMap, audience: &str) -> Result<(String, String), String> {
    let authorization = header_text(headers, "authorization");
    let rest = authorization
        .strip_prefix("vapid ")
        .ok_or("no vapid scheme")?;
    let mut token = None;
    let mut key = None;
    for part in rest.split(',') {
        let part = part.trim();
        if let Some(value) = part.strip_prefix("t=") {
            token = Some(value);
        } else if let Some(value) = part.strip_prefix("k=") {
            key = Some(value);
        }
    }
    let (token, key) = (token.ok_or("no t=")?, key.ok_or("no k=")?);
    let key_bytes = URL_SAFE_NO_PAD.decode(key).map_err(|e| e.to_string())?;
    let public = ES256PublicKey::from_bytes(&key_bytes).map_err(|e| e.to_string())?;
    let options = VerificationOptions {
        allowed_audiences: Some(HashSet::from([audience.to_owned()])),
        ..VerificationOptions::default()
    };
    let claims = public
        .verify_token::<NoCustomClaims>(token, Some(options))
        .map_err(|e| e.to_string())?;
    let contact = claims.subject.ok_or("no sub")?;
    if !(contact.starts_with("mailto:") || contact.starts_with("https://")) {
        return Err(format!("contact {contact}"));
    }
    if claims.expires_at.is_none() {
        return Err("no exp".into());
    }
    Ok((key.to_owned(), contact))
}

async fn receive(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut inner = inner.lock().unwrap_or_else(|e| e.into_inner());
    let scripted = inner.scripted.get_mut(&id).and_then(VecDeque::pop_front);
    if let Some(status) = scripted {
        inner.attempts.push((id, status));
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return (status, [(header::RETRY_AFTER, "0")]).into_response();
    }
    // RFC 8030 §5: TTL is required; the payload must be aes128gcm (RFC 8188/8291).
    let refuse = |inner: &mut Inner, id: String, why: String| {
        inner.rejected.push(why);
        inner.attempts.push((id, 400));
        StatusCode::BAD_REQUEST.into_response()
    };
    let ttl = header_text(&headers, "ttl").to_owned();
    if ttl.parse::<u64>().is_err() {
        return refuse(&mut inner, id, "no TTL".into());
    }
    if header_text(&headers, "content-encoding") != "aes128gcm" {
        return refuse(&mut inner, id, "not aes128gcm".into());
    }
    // The audience is the push service's origin; web-push-native leaves the port out.
    let (vapid_key, contact) = match check_vapid(&headers, "http://127.0.0.1") {
        Ok(checked) => checked,
        Err(why) => return refuse(&mut inner, id, format!("vapid: {why}")),
    };
    let Some(browser) = inner.browsers.get(&id) else {
        inner.attempts.push((id, 404));
        return StatusCode::NOT_FOUND.into_response();
    };
    let plain = match decrypt(body.to_vec(), &browser.secret, &browser.auth) {
        Ok(plain) => plain,
        Err(error) => return refuse(&mut inner, id, format!("decrypt: {error}")),
    };
    let payload = serde_json::from_slice(&plain).unwrap_or(serde_json::Value::Null);
    let message_id = inner.received.len();
    inner.received.push(Received {
        subscription: id.clone(),
        payload,
        ttl,
        urgency: header_text(&headers, "urgency").to_owned(),
        vapid_key,
        contact,
    });
    inner.attempts.push((id.clone(), 201));
    (
        StatusCode::CREATED,
        [(header::LOCATION, format!("/message/{id}/{message_id}"))],
    )
        .into_response()
}
