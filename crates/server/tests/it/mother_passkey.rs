//! The mother's passkey over HTTP: what the server asks the browser for (a discoverable passkey
//! with user verification, named after nothing of hers), that restoring is refused without a valid
//! assertion and is rate-limited like the recovery code, and that she sees and removes her
//! passkeys while her recovery code stays valid. The full ceremony with an authenticator runs in
//! e2e/tests/mother-passkey.spec.js (Chromium's virtual authenticator).

use crate::harness::{HARNESS_CSRF_COOKIE, Reply, TestApp, app, profile_of};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use hangmat_store::{PasskeyOwner, StoredPasskey};
use serde_json::Value;

async fn post_json(app: &TestApp, path: &str, cookie: Option<&str>, body: &str) -> Reply {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::HOST, "localhost")
        .header("sec-fetch-site", "same-origin");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    app.send(
        request
            .body(Body::from(body.to_owned()))
            .unwrap_or_default(),
    )
    .await
}

fn json(reply: &Reply) -> Value {
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
}

#[tokio::test]
async fn adding_a_passkey_asks_for_a_discoverable_verified_key_that_names_no_one() {
    let app = app().await;
    let (her, _) = app.onboard("2026-11-03").await;
    let profile = profile_of(&app, &her).await;
    let reply = post_json(&app, "/api/passkeys/register/start", Some(&her), "{}").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let body = json(&reply);
    let options = &body["options"]["publicKey"];
    let selection = &options["authenticatorSelection"];
    assert_eq!(selection["residentKey"], "required");
    assert_eq!(selection["requireResidentKey"], true);
    assert_eq!(selection["userVerification"], "required");
    assert_eq!(options["user"]["name"], "Hangmat");
    assert_eq!(options["user"]["displayName"], "Hangmat");
    assert_eq!(options["rp"]["id"], "localhost");
    let user_id = options["user"]["id"].as_str().unwrap_or_default();
    assert!(!user_id.is_empty());
    assert!(!reply.body.contains(&profile.0.to_string()));
    assert!(!reply.body.contains(&profile.0.simple().to_string()));
    // The same profile gets the same handle (one passkey per authenticator replaces the other).
    let again = json(&post_json(&app, "/api/passkeys/register/start", Some(&her), "{}").await);
    assert_eq!(again["options"]["publicKey"]["user"]["id"], user_id);
    // Another mother gets another one.
    let (other, _) = app.onboard("2026-11-10").await;
    let theirs = json(&post_json(&app, "/api/passkeys/register/start", Some(&other), "{}").await);
    assert_ne!(theirs["options"]["publicKey"]["user"]["id"], user_id);

    // Nobody signed in may not start one, and a ceremony is hers only.
    let nobody = post_json(
        &app,
        "/api/passkeys/register/start",
        Some(HARNESS_CSRF_COOKIE),
        "{}",
    )
    .await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
    let ceremony = body["ceremony"].as_str().unwrap_or_default();
    let forged = format!(
        r#"{{"ceremony":"{ceremony}","credential":{{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{{"attestationObject":"AAAA","clientDataJSON":"AAAA"}},"extensions":{{}}}}}}"#
    );
    let stolen = post_json(&app, "/api/passkeys/register/finish", Some(&other), &forged).await;
    assert_eq!(
        stolen.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        stolen.body
    );
    // The ceremony was taken once: her own try with it now fails too, and nothing was stored.
    let late = post_json(&app, "/api/passkeys/register/finish", Some(&her), &forged).await;
    assert_eq!(
        late.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        late.body
    );
    let stored = app
        .state
        .store()
        .passkeys_of(PasskeyOwner::Profile(profile))
        .await
        .unwrap_or_default();
    assert!(stored.is_empty());
}

#[tokio::test]
async fn restoring_needs_a_real_assertion_and_is_rate_limited_like_the_recovery_code() {
    let app = app().await;
    let start = post_json(&app, "/restore/passkey/start", None, "{}").await;
    assert_eq!(start.status, StatusCode::OK, "{}", start.body);
    let body = json(&start);
    let options = &body["options"];
    assert_eq!(options["publicKey"]["userVerification"], "required");
    // Discoverable: the server names no credential, the authenticator offers hers.
    let allowed = options["publicKey"]["allowCredentials"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(allowed, 0);
    assert!(options.get("mediation").is_none_or(Value::is_null));

    // A made-up assertion signs no one in, and sets no device cookie.
    let ceremony = body["ceremony"].as_str().unwrap_or_default();
    let forged = format!(
        r#"{{"ceremony":"{ceremony}","credential":{{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{{"authenticatorData":"AAAA","clientDataJSON":"AAAA","signature":"AAAA","userHandle":"AAAAAAAAAAAAAAAAAAAAAA"}},"extensions":{{}}}}}}"#
    );
    let refused = post_json(&app, "/restore/passkey/finish", None, &forged).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{}", refused.body);
    assert!(refused.device_cookie().is_none());
    let garbage = post_json(&app, "/restore/passkey/finish", None, "not json").await;
    assert_eq!(garbage.status, StatusCode::BAD_REQUEST);
    assert!(garbage.device_cookie().is_none());

    // Ten tries per address in 15 minutes (one was made above), then a clear message.
    for _ in 0..9 {
        let reply = post_json(&app, "/restore/passkey/start", None, "{}").await;
        assert_eq!(reply.status, StatusCode::OK);
    }
    let blocked = post_json(&app, "/restore/passkey/start", None, "{}").await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(blocked.body.contains("15"), "{}", blocked.body);
    app.clock.set(crate::harness::at("2026-11-25T10:16:00Z"));
    let later = post_json(&app, "/restore/passkey/start", None, "{}").await;
    assert_eq!(later.status, StatusCode::OK);
}

#[tokio::test]
async fn she_sees_and_removes_her_passkeys_and_her_recovery_code_stays_valid() {
    let app = app().await;
    let (her, code) = app.onboard("2026-11-03").await;
    let (other, _) = app.onboard("2026-11-10").await;
    let page = app.get("/settings/sharing", Some(&her)).await;
    assert!(page.shows("Je hebt nog geen passkey."), "{}", page.body);
    assert!(page.shows("Deze browser kan geen passkeys gebruiken."));
    assert!(page.body.contains("js/mother-passkey.js"));

    let profile = profile_of(&app, &her).await;
    let stored = StoredPasskey {
        credential_id: "c29tZS1jcmVkZW50aWFs".into(),
        name: String::new(),
        passkey_json: "{}".into(),
        created_at: app.state.now(),
        last_used_at: None,
    };
    if let Err(error) = app
        .state
        .store()
        .add_passkey(PasskeyOwner::Profile(profile), &stored)
        .await
    {
        panic!("{error}");
    }
    let page = app.get("/settings/sharing", Some(&her)).await;
    assert!(!page.shows("Je hebt nog geen passkey."));
    assert!(page.shows("Passkey toegevoegd op"), "{}", page.body);
    let remove = "/settings/sharing/passkeys/c29tZS1jcmVkZW50aWFs/remove";
    assert!(page.body.contains(remove));
    // Not on another mother's page, and she cannot remove it.
    assert!(
        !app.get("/settings/sharing", Some(&other))
            .await
            .body
            .contains(remove)
    );
    let theirs = app.post_form(remove, Some(&other), "").await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    let nobody = app.post_form(remove, None, "").await;
    assert!(nobody.status == StatusCode::SEE_OTHER && nobody.header("location") == "/");

    let removed = app.post_form(remove, Some(&her), "").await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert!(removed.header("location").starts_with("/settings/sharing"));
    let page = app.get("/settings/sharing", Some(&her)).await;
    assert!(page.shows("Je hebt nog geen passkey."));
    assert_eq!(
        app.post_form(remove, Some(&her), "").await.status,
        StatusCode::NOT_FOUND
    );

    // Her recovery code still restores her profile on a new phone.
    let restore = app.get("/restore", None).await;
    assert!(
        restore.shows("Terughalen met een passkey"),
        "{}",
        restore.body
    );
    let restored = app
        .post_form("/restore", None, &format!("code={code}"))
        .await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER, "{}", restored.body);
    assert_eq!(restored.header("location"), "/today");
    assert!(restored.device_cookie().is_some());
}
