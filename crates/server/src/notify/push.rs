//! Web Push: the deployment's VAPID key, and delivering one encrypted message to one browser.
//!
//! The payload is encrypted for the browser (RFC 8291, aes128gcm) and the request signed with the
//! deployment's VAPID key (RFC 8292) by `web-push-native`; the HTTP client is reqwest over rustls.
//! The key is made at first start and kept in the database, so every server of a deployment signs
//! with the same key and the browsers' subscriptions stay valid whichever server sends. A signed
//! VAPID token is reused per push service for a while rather than signed per message: at 100,000
//! reminders in a minute, signing is a cost worth saving.
//!
//! What a push service answers decides what happens next (RFC 8030): 201 delivered; 404 or 410
//! the subscription is gone for good and is removed; 429 and 5xx are retried with backoff
//! (honouring Retry-After); anything else is given up and logged without the endpoint.
//!
//! The sender posts only to endpoints [`PushEndpoints`] allows, connects only to public addresses,
//! follows no redirect and gives a push service 5 s to connect and 10 s to answer.

use crate::notify::endpoints::{PublicOnly, PushEndpoints};
use axum::http;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hangmat_store::{PushSubscription, ReminderRepo};
use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;
use web_push_native::jwt_simple::algorithms::{ECDSAP256PublicKeyLike, ES256KeyPair};
use web_push_native::p256::PublicKey;
use web_push_native::vapid::VapidSignature;
use web_push_native::{Auth, WebPushBuilder};

/// How long a push service may keep an undelivered reminder: after that it is stale.
const PUSH_TTL: Duration = Duration::from_secs(30 * 60);
/// How long a signed VAPID token is valid, and how long one is reused before signing anew.
const VAPID_VALIDITY: Duration = Duration::from_secs(12 * 60 * 60);
const VAPID_REUSE: SignedDuration = SignedDuration::from_hours(1);
/// Attempts per message when the push service is busy or failing (429, 5xx, no answer).
const ATTEMPTS: u32 = 4;
/// The longest Retry-After we wait for inside one attempt loop.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// The deployment's VAPID key: made at first start, kept in the database, agreed on by every server.
pub async fn deployment_key(
    store: &dyn ReminderRepo,
    now: Timestamp,
) -> anyhow::Result<ES256KeyPair> {
    let stored = match store.vapid_private_key().await? {
        Some(stored) => stored,
        None => {
            let candidate = URL_SAFE_NO_PAD.encode(ES256KeyPair::generate().to_bytes());
            store.vapid_private_key_or_insert(&candidate, now).await?
        }
    };
    let bytes = URL_SAFE_NO_PAD
        .decode(stored.as_bytes())
        .map_err(|_| anyhow::anyhow!("the stored VAPID key is not base64url"))?;
    ES256KeyPair::from_bytes(&bytes)
        .map_err(|error| anyhow::anyhow!("the stored VAPID key is not a P-256 key: {error}"))
}

/// The public key browsers subscribe with (`applicationServerKey`): the uncompressed point, base64url.
pub fn public_key_text(key: &ES256KeyPair) -> String {
    URL_SAFE_NO_PAD.encode(key.public_key().public_key().to_bytes_uncompressed())
}

/// How urgent a message is for the push service (RFC 8030 §5.3): moments are worth waking the
/// phone for; milestones can wait for the next time it is awake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    Normal,
    High,
}

impl Urgency {
    fn header(self) -> &'static str {
        match self {
            Self::Normal => "normal",
            Self::High => "high",
        }
    }
}

/// What became of one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Delivered,
    /// 404 or 410: the subscription is gone and must be removed.
    Gone,
    /// Refused, or still failing after every retry.
    Failed,
}

/// Sends Web Push messages for the deployment.
pub struct PushSender {
    client: reqwest::Client,
    key: ES256KeyPair,
    contact: String,
    /// Signed VAPID header per audience (scheme://host), with when it was signed.
    tokens: Mutex<HashMap<String, (String, Timestamp)>>,
    /// The first wait between retries; it doubles each time.
    backoff: Duration,
    endpoints: PushEndpoints,
}

impl std::fmt::Debug for PushSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PushSender(<key redacted>)")
    }
}

impl PushSender {
    pub fn new(
        key: ES256KeyPair,
        contact: String,
        endpoints: PushEndpoints,
    ) -> anyhow::Result<Self> {
        let mut client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10));
        if !endpoints.allows_local() {
            client = client
                .https_only(true)
                .dns_resolver(std::sync::Arc::new(PublicOnly));
        }
        Ok(Self {
            client: client.build()?,
            key,
            contact,
            tokens: Mutex::new(HashMap::new()),
            backoff: Duration::from_secs(1),
            endpoints,
        })
    }

    /// Shortens the wait between retries (tests of a failing push service).
    pub fn with_backoff(mut self, backoff: Duration) -> Self {
        self.backoff = backoff;
        self
    }

    pub fn public_key(&self) -> String {
        public_key_text(&self.key)
    }

    /// The VAPID Authorization header for an endpoint, signed at most once an hour per audience.
    fn vapid_header(&self, endpoint: &http::Uri, now: Timestamp) -> anyhow::Result<String> {
        let audience = format!(
            "{}://{}",
            endpoint.scheme_str().unwrap_or("https"),
            endpoint.host().unwrap_or_default()
        );
        if let Ok(tokens) = self.tokens.lock()
            && let Some((header, signed_at)) = tokens.get(&audience)
            && now.duration_since(*signed_at) < VAPID_REUSE
        {
            return Ok(header.clone());
        }
        let header = VapidSignature::sign(endpoint, VAPID_VALIDITY, &self.contact, &self.key)
            .map_err(|error| anyhow::anyhow!("VAPID signing: {error}"))?
            .to_string();
        if let Ok(mut tokens) = self.tokens.lock() {
            tokens.insert(audience, (header.clone(), now));
        }
        Ok(header)
    }

    /// Encrypts `payload` for one browser and delivers it, retrying a busy or failing service.
    pub async fn send(
        &self,
        subscription: &PushSubscription,
        payload: &[u8],
        urgency: Urgency,
        now: Timestamp,
    ) -> Delivery {
        if !self.endpoints.allows(&subscription.endpoint) {
            // Stored before the endpoint rules, or the list of push services changed.
            tracing::warn!("a subscription's endpoint is not a listed push service; removed");
            return Delivery::Gone;
        }
        let request = match self.request(subscription, payload, urgency, now) {
            Ok(request) => request,
            Err(error) => {
                tracing::warn!(error = %error, "cannot build a push message for a subscription");
                return Delivery::Failed;
            }
        };
        let mut wait = self.backoff;
        for attempt in 1..=ATTEMPTS {
            let answer = self
                .client
                .post(request.url.clone())
                .headers(request.headers.clone())
                .body(request.body.clone())
                .send()
                .await;
            let status = match answer {
                Ok(response) => {
                    let status = response.status();
                    crate::metrics::push_answer(Some(status.as_u16()));
                    if status.is_success() {
                        return Delivery::Delivered;
                    }
                    if status == reqwest::StatusCode::NOT_FOUND
                        || status == reqwest::StatusCode::GONE
                    {
                        return Delivery::Gone;
                    }
                    let retryable = status == reqwest::StatusCode::TOO_MANY_REQUESTS
                        || status.is_server_error();
                    if !retryable {
                        tracing::warn!(
                            status = status.as_u16(),
                            "the push service refused a message"
                        );
                        return Delivery::Failed;
                    }
                    if let Some(after) = retry_after(response.headers()) {
                        wait = wait.max(after.min(MAX_RETRY_AFTER));
                    }
                    Some(status.as_u16())
                }
                Err(error) => {
                    crate::metrics::push_answer(None);
                    tracing::debug!(error = %error, "push service did not answer");
                    None
                }
            };
            if attempt < ATTEMPTS {
                tracing::debug!(?status, attempt, "push service busy; retrying");
                tokio::time::sleep(wait).await;
                wait *= 2;
            } else {
                tracing::warn!(?status, "push service kept failing; message dropped");
            }
        }
        Delivery::Failed
    }

    fn request(
        &self,
        subscription: &PushSubscription,
        payload: &[u8],
        urgency: Urgency,
        now: Timestamp,
    ) -> anyhow::Result<PushRequest> {
        let endpoint: http::Uri = subscription.endpoint.parse()?;
        let browser_key = PublicKey::from_sec1_bytes(
            &URL_SAFE_NO_PAD.decode(subscription.p256dh.trim_end_matches('='))?,
        )
        .map_err(|_| anyhow::anyhow!("p256dh is not a P-256 public key"))?;
        let auth_bytes = URL_SAFE_NO_PAD.decode(subscription.auth.trim_end_matches('='))?;
        if auth_bytes.len() != 16 {
            anyhow::bail!("auth is not 16 bytes");
        }
        let mut auth = Auth::default();
        auth.copy_from_slice(&auth_bytes);
        let encrypted = WebPushBuilder::new(endpoint.clone(), browser_key, auth)
            .with_valid_duration(PUSH_TTL)
            .build(payload.to_vec())
            .map_err(|error| anyhow::anyhow!("push encryption: {error}"))?;
        let authorization = self.vapid_header(&endpoint, now)?;
        let (parts, body) = encrypted.into_parts();
        let mut headers = parts.headers;
        headers.insert(http::header::AUTHORIZATION, authorization.parse()?);
        headers.insert("urgency", http::HeaderValue::from_static(urgency.header()));
        Ok(PushRequest {
            url: subscription.endpoint.parse()?,
            headers,
            body,
        })
    }
}

/// One encrypted message, kept so a retry resends the same bytes.
struct PushRequest {
    url: reqwest::Url,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

/// A Retry-After in seconds (the HTTP-date form is rare from push services and is ignored).
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}
