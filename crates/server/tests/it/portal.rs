//! The portal and sharing, end to end over HTTP: staff sign-in with password and TOTP, linking by
//! her code, what each side sees, ending a link, rate limits, CSRF, and a walk over every route
//! as every kind of visitor.

use crate::harness::{
    HARNESS_CSRF_COOKIE, Reply, TestApp, app, at, full_outcome, harness_csrf_token,
};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use hangmat_server::portal::credentials::totp_code;
use hangmat_server::services::staff_accounts::{AdminRequest, create_admin};
use jiff::{SignedDuration, Timestamp};

pub const PASSWORD: &str = "a long enough password";

pub fn set_cookie(reply: &Reply, name: &str) -> Option<String> {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
}

/// Moves the clock on by 31 s, so the next TOTP code is a new one.
pub fn next_step(app: &TestApp) -> Timestamp {
    let now = app.clock_now().checked_add(SignedDuration::from_secs(31));
    let now = now.unwrap_or(Timestamp::MAX);
    app.clock.set(now);
    now
}

pub trait ClockNow {
    fn clock_now(&self) -> Timestamp;
}

impl ClockNow for TestApp {
    fn clock_now(&self) -> Timestamp {
        hangmat_server::clock::Clock::now(self.clock.as_ref())
    }
}

pub async fn post(app: &TestApp, path: &str, cookie: &str, form: &str) -> Reply {
    app.post_form(path, Some(cookie), form).await
}

/// An admin made with the CLI's function; returns (username, TOTP secret).
pub async fn admin(app: &TestApp) -> (String, String) {
    let request = AdminRequest {
        username: "Admin",
        display_name: "Ann Admin",
        language: "nl",
        password: PASSWORD.into(),
    };
    let made = create_admin(
        app.store.as_ref(),
        "UZ Leuven",
        request,
        app.clock_now(),
        app.state.secret_key(),
        app.state.random(),
    )
    .await
    .unwrap_or_else(|e| panic!("create admin: {e}"));
    ("admin".into(), made.totp_secret)
}

/// Signs in with password and TOTP; returns the staff cookie.
pub async fn sign_in(app: &TestApp, username: &str, secret: &str) -> String {
    sign_in_with(app, username, PASSWORD, secret).await
}

/// The sign-in form's first step (username and password) as a browser sends it.
pub async fn password_step(app: &TestApp, username: &str, password: &str) -> Reply {
    let form = format!(
        "username={username}&password={}",
        password.replace(' ', "+")
    );
    post(app, "/portal/login", HARNESS_CSRF_COOKIE, &form).await
}

/// Signs in with a given password and TOTP; returns the staff cookie.
pub async fn sign_in_with(app: &TestApp, username: &str, password: &str, secret: &str) -> String {
    let now = next_step(app);
    let reply = password_step(app, username, password).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let pending =
        set_cookie(&reply, "hangmat_staff").unwrap_or_else(|| panic!("no pending cookie"));
    let code = totp_code(secret, now).unwrap_or_default();
    let reply = post(app, "/portal/login/code", &pending, &format!("code={code}")).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let cookie = set_cookie(&reply, "hangmat_staff").unwrap_or_else(|| panic!("no session cookie"));
    assert_ne!(cookie, pending, "the token changes at sign-in");
    cookie
}

/// A physiotherapist invited by the admin and joined through the invitation page.
pub async fn physio(app: &TestApp, admin_cookie: &str, name: &str, username: &str) -> String {
    joined_physio(app, admin_cookie, name, username).await.0
}

/// A physiotherapist who joined by invitation and signed in: her cookie and her TOTP secret.
pub async fn joined_physio(
    app: &TestApp,
    admin_cookie: &str,
    name: &str,
    username: &str,
) -> (String, String) {
    let reply = post(
        app,
        "/portal/staff/invite",
        admin_cookie,
        &format!("display_name={name}&role=physiotherapist"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let link = regex::Regex::new(r#"id="invitation-link">([^<]+)<"#)
        .ok()
        .and_then(|re| re.captures(&reply.body).map(|c| c[1].to_owned()))
        .unwrap_or_else(|| panic!("no invitation link shown"));
    let path = &link[link.find("/portal/join/").unwrap_or(0)..];
    let form = app.get(path, None).await;
    assert_eq!(form.status, StatusCode::OK);
    let secret = regex::Regex::new(r#"id="totp-secret">([A-Z2-7]+)<"#)
        .ok()
        .and_then(|re| re.captures(&form.body).map(|c| c[1].to_owned()))
        .unwrap_or_else(|| panic!("no TOTP key shown"));
    let now = next_step(app);
    let code = totp_code(&secret, now).unwrap_or_default();
    let joined = post(
        app,
        path,
        HARNESS_CSRF_COOKIE,
        &format!(
            "username={username}&password={}&totp_secret={secret}&code={code}",
            PASSWORD.replace(' ', "+")
        ),
    )
    .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    assert_eq!(joined.header("location"), "/portal/login?done=joined");
    let told = app.get("/portal/login?done=joined", None).await;
    assert!(told.shows("Je account is klaar."), "{}", told.body);
    let again = app.get(path, None).await;
    assert_eq!(
        again.status,
        StatusCode::NOT_FOUND,
        "an invitation works once"
    );
    (sign_in(app, username, &secret).await, secret)
}

/// Her code from the sharing page.
pub async fn link_code(app: &TestApp, mother: &str) -> String {
    let reply = post(app, "/settings/sharing/code", mother, "").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    regex::Regex::new(r#"id="link-code">([0-9A-Z-]+)<"#)
        .ok()
        .and_then(|re| re.captures(&reply.body).map(|c| c[1].to_owned()))
        .unwrap_or_else(|| panic!("no code shown"))
}

/// Links `physio` with the mother's code under `label`; returns the link id.
pub async fn link(app: &TestApp, physio: &str, code: &str, label: &str) -> String {
    let reply = post(
        app,
        "/portal/mothers/link",
        physio,
        &format!("code={code}&label={label}"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    reply
        .header("location")
        .trim_start_matches("/portal/mothers/")
        .to_owned()
}

#[tokio::test]
async fn sign_in_needs_the_password_and_a_fresh_totp_code() {
    let app = app().await;
    let (username, secret) = admin(&app).await;
    let wrong = post(
        &app,
        "/portal/login",
        HARNESS_CSRF_COOKIE,
        &format!("username={username}&password=nope"),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.shows(
        "Deze gebruikersnaam en dit wachtwoord horen niet bij elkaar. Probeer het nog eens."
    ));
    let unknown = post(
        &app,
        "/portal/login",
        HARNESS_CSRF_COOKIE,
        "username=ghost&password=nope",
    )
    .await;
    assert_eq!(
        unknown.status,
        StatusCode::UNAUTHORIZED,
        "an unknown name gets the same answer"
    );
    assert!(unknown.shows(
        "Deze gebruikersnaam en dit wachtwoord horen niet bij elkaar. Probeer het nog eens."
    ));
    let now = next_step(&app);
    let reply = post(
        &app,
        "/portal/login",
        HARNESS_CSRF_COOKIE,
        &format!(
            "username={username}&password={}",
            PASSWORD.replace(' ', "+")
        ),
    )
    .await;
    let pending = set_cookie(&reply, "hangmat_staff").unwrap_or_default();
    assert!(set_cookie(&reply, "hangmat_staff").is_some_and(|_| {
        reply.headers.get_all(header::SET_COOKIE).iter().any(|v| {
            let v = v.to_str().unwrap_or("");
            v.starts_with("hangmat_staff=")
                && v.contains("HttpOnly")
                && v.contains("SameSite=Strict")
                && v.contains("Path=/portal")
        })
    }));
    let half = app.get("/portal/staff", Some(&pending)).await;
    assert_eq!(
        half.status,
        StatusCode::SEE_OTHER,
        "a password alone does not sign in"
    );
    assert_eq!(half.header("location"), "/portal/login");
    let bad = post(&app, "/portal/login/code", &pending, "code=000000").await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    let code = totp_code(&secret, now).unwrap_or_default();
    let good = post(
        &app,
        "/portal/login/code",
        &pending,
        &format!("code={code}"),
    )
    .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER);
    let cookie = set_cookie(&good, "hangmat_staff").unwrap_or_default();
    assert_eq!(
        app.get("/portal/staff", Some(&pending)).await.status,
        StatusCode::SEE_OTHER,
        "the pending token is gone"
    );
    let page = app.get("/portal/staff", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.shows("Ann Admin"));
    // The same code again (another browser, a replay) is refused.
    let reply = post(
        &app,
        "/portal/login",
        HARNESS_CSRF_COOKIE,
        &format!(
            "username={username}&password={}",
            PASSWORD.replace(' ', "+")
        ),
    )
    .await;
    let pending = set_cookie(&reply, "hangmat_staff").unwrap_or_default();
    let replay = post(
        &app,
        "/portal/login/code",
        &pending,
        &format!("code={code}"),
    )
    .await;
    assert_eq!(
        replay.status,
        StatusCode::UNAUTHORIZED,
        "a code counts once"
    );
    let out = post(&app, "/portal/logout", &cookie, "").await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get("/portal/staff", Some(&cookie)).await.status,
        StatusCode::SEE_OTHER,
        "signed out"
    );
}

#[tokio::test]
async fn too_many_sign_in_attempts_are_refused_with_a_clear_message() {
    let app = app().await;
    let (username, _) = admin(&app).await;
    let mut statuses = Vec::new();
    let mut body = String::new();
    for _ in 0..11 {
        let reply = post(
            &app,
            "/portal/login",
            HARNESS_CSRF_COOKIE,
            &format!("username={username}&password=wrong"),
        )
        .await;
        statuses.push(reply.status);
        body = reply.body;
    }
    assert_eq!(
        statuses[..10],
        [StatusCode::UNAUTHORIZED; 10],
        "ten tries are answered"
    );
    assert_eq!(statuses[10], StatusCode::TOO_MANY_REQUESTS);
    assert!(
        body.contains("Te veel pogingen. Wacht 15 minuten"),
        "{body}"
    );
    // The right password does not help inside the window...
    let right = post(
        &app,
        "/portal/login",
        HARNESS_CSRF_COOKIE,
        &format!(
            "username={username}&password={}",
            PASSWORD.replace(' ', "+")
        ),
    )
    .await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    // ...but works in the next one.
    app.clock.set(at("2026-11-25T10:16:00Z"));
    let right = post(
        &app,
        "/portal/login",
        HARNESS_CSRF_COOKIE,
        &format!(
            "username={username}&password={}",
            PASSWORD.replace(' ', "+")
        ),
    )
    .await;
    assert_eq!(right.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn linking_is_hers_and_ending_it_hides_her_from_the_portal() {
    let app = app().await;
    let (username, secret) = admin(&app).await;
    let admin_cookie = sign_in(&app, &username, &secret).await;
    let anna = physio(&app, &admin_cookie, "Anna+Peeters", "anna").await;
    let (mother, _) = app.onboard("2026-11-03").await;
    app.put_json(
        "/api/outcomes/0193a4c2-0000-7000-8000-000000000001",
        Some(&mother),
        &full_outcome("2026-11-25T09:00:00Z", "2026-11-25T09:06:00Z"),
    )
    .await;
    let code = link_code(&app, &mother).await;
    assert_eq!(code.len(), 9);
    let link_id = link(&app, &anna, &code.to_lowercase(), "D-4711").await;
    let list = app.get("/portal/mothers", Some(&anna)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.shows("D-4711"));
    assert!(
        list.shows("1 moeder") || list.shows("Eén moeder"),
        "{}",
        list.body
    );
    let one = app
        .get(&format!("/portal/mothers/{link_id}"), Some(&anna))
        .await;
    assert_eq!(one.status, StatusCode::OK);
    assert!(one.shows("Dag 22 na de bevalling"));
    assert!(one.shows("Haar oefenmomenten, laatste 4 weken"));
    // The code worked once.
    let again = post(
        &app,
        "/portal/mothers/link",
        &anna,
        &format!("code={code}&label=X"),
    )
    .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    // She sees who can see her data and who looked.
    let sharing = app.get("/settings/sharing", Some(&mother)).await;
    assert!(sharing.shows("Anna Peeters"));
    // Grouped per person, kind and day: three looks on 25 November make one row.
    assert!(
        sharing.shows("bekeek je oefeningen, 3 keer"),
        "{}",
        sharing.body
    );
    assert!(sharing.shows("25 november 2026"));
    assert_eq!(sharing.body.matches("bekeek je oefeningen").count(), 1);
    assert!(
        !sharing.shows("D-4711"),
        "the label is the physiotherapist's own"
    );
    // She ends the link; the portal shows her no more.
    let end = post(
        &app,
        &format!("/settings/sharing/links/{link_id}/end"),
        &mother,
        "",
    )
    .await;
    assert_eq!(end.status, StatusCode::SEE_OTHER);
    let gone = app
        .get(&format!("/portal/mothers/{link_id}"), Some(&anna))
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert!(
        !app.get("/portal/mothers", Some(&anna))
            .await
            .shows("D-4711")
    );
    // A staff session lasts a working day (a code's 24 hours are held by the store's
    // conformance case a_link_code_links_once_within_its_time).
    app.clock.set(at("2026-11-25T22:30:00Z"));
    let expired = app.get("/portal/mothers", Some(&anna)).await;
    assert_eq!(expired.header("location"), "/portal/login");
    // Her export holds her data and the access log, as JSON.
    let export = app.get("/settings/export", Some(&mother)).await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(
        export
            .header("content-disposition")
            .starts_with("attachment")
    );
    let json: serde_json::Value = serde_json::from_str(&export.body).unwrap_or_default();
    assert_eq!(json["profile"]["birth_date"], "2026-11-03");
    assert_eq!(json["session_outcomes"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["links"][0]["physiotherapist"], "Anna Peeters");
    assert!(
        json["access_log"]
            .as_array()
            .is_some_and(|lines| !lines.is_empty())
    );
}

#[tokio::test]
async fn erasure_ends_links_and_keeps_only_who_and_when_in_the_audit_log() {
    let app = app().await;
    let (username, secret) = admin(&app).await;
    let admin_cookie = sign_in(&app, &username, &secret).await;
    let anna = physio(&app, &admin_cookie, "Anna", "anna").await;
    let (mother, _) = app.onboard("2026-11-03").await;
    let code = link_code(&app, &mother).await;
    let link_id = link(&app, &anna, &code, "D-1").await;
    assert_eq!(
        app.get(&format!("/portal/mothers/{link_id}"), Some(&anna))
            .await
            .status,
        StatusCode::OK
    );
    let erased = post(&app, "/settings/erase", &mother, "confirm=yes").await;
    assert!(
        erased.status.is_redirection() || erased.status.is_success(),
        "{}",
        erased.status
    );
    assert_eq!(
        app.get(&format!("/portal/mothers/{link_id}"), Some(&anna))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let lines = app.store.audit_after(0, 100).await.unwrap_or_default();
    assert!(!lines.is_empty());
    for (_, line) in lines {
        assert_eq!((line.profile, line.link, line.detail), (None, None, None));
    }
}

#[tokio::test]
async fn a_form_without_its_csrf_token_changes_nothing() {
    let app = app().await;
    let (mother, _) = app.onboard("2026-11-03").await;
    let reply = app
        .post_form_raw("/settings/sharing/code", Some(&mother), "")
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let wrong = app
        .post_form_raw("/settings/sharing/code", Some(&mother), "csrf=forged")
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert!(wrong.shows("Dit formulier is verlopen"));
    let page = app.get("/settings/sharing", Some(&mother)).await;
    assert!(page.contains(&format!("name=\"csrf\" value=\"{}\"", harness_csrf_token())));
    let erase = app
        .post_form_raw("/settings/erase", Some(&mother), "confirm=yes")
        .await;
    assert_eq!(erase.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get("/today", Some(&mother)).await.status,
        StatusCode::OK,
        "still there"
    );
}

/// The calendar URL a page shows once, as a path (`/calendar/<token>.ics`).
fn calendar_path(page: &Reply) -> String {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    regex::Regex::new(r#"id="calendar-url">https?://[^/]+(/calendar/[A-Za-z0-9_-]+\.ics)<"#)
        .ok()
        .and_then(|re| re.captures(&page.body).map(|c| c[1].to_owned()))
        .unwrap_or_else(|| panic!("no calendar URL on the page"))
}

/// Every route of the router, read from the router's source, with its methods.
pub(crate) fn routes() -> Vec<(String, String)> {
    let mut found = Vec::new();
    for file in ["src/router.rs"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        let mut rest = source.as_str();
        while let Some(start) = rest.find(".route(") {
            let after = &rest[start + 7..];
            let mut depth = 1;
            let mut end = 0;
            for (i, c) in after.char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let call = &after[..end];
            let route = call.split('"').nth(1).unwrap_or("").to_owned();
            for method in ["get", "post", "put", "delete", "patch"] {
                if call.contains(&format!("{method}(")) {
                    found.push((method.to_uppercase(), route.clone()));
                }
            }
            rest = &after[end..];
        }
    }
    found
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    Nobody,
    Her,
    OtherMother,
    LinkedPhysio,
    UnlinkedPhysio,
    Admin,
}

/// What each visitor must get on each route: Ok (below 400, not a redirect to sign-in), a
/// redirect to sign-in, or a given status. Panics on a route it does not know: a new route must
/// be added here.
fn expected(method: &str, route: &str, who: Who) -> Expect {
    use Expect::*;
    use Who::*;
    let mother = matches!(who, Her | OtherMother);
    let staff = matches!(who, LinkedPhysio | UnlinkedPhysio | Admin);
    let physio = matches!(who, LinkedPhysio | UnlinkedPhysio);
    match route {
        "/"
        | "/start"
        | "/restore"
        | "/offline"
        | "/learn"
        | "/learn/{slug}"
        | "/healthz"
        | "/manifest.webmanifest"
        | "/sw.js"
        | "/static/{hash}/{*path}"
        | "/api/openapi.json"
        | "/erased" => Any,
        "/today"
        | "/session"
        | "/progress"
        | "/settings"
        | "/settings/hold"
        | "/settings/code"
        | "/settings/erase"
        | "/coordination"
        | "/leaks"
        | "/leaks/details"
        | "/questionnaires/{questionnaire}"
        | "/questionnaires/{questionnaire}/not-now"
        | "/session/log"
        | "/settings/sharing"
        | "/settings/sharing/code"
        | "/settings/export" => {
            if mother {
                Ok
            } else {
                SignInMother
            }
        }
        "/settings/sharing/links/{link}/end" => match who {
            Her => Ok,
            OtherMother => Status(404),
            _ => SignInMother,
        },
        // Reminders: her screen and its forms.
        "/settings/reminders" | "/settings/reminders/snooze" | "/settings/reminders/calendar" => {
            if mother {
                Ok
            } else {
                SignInMother
            }
        }
        // The calendar feed: the secret URL is the only key (a calendar app sends no cookie), so
        // a wrong one is 404 whoever asks, her own cookie included. Her real URL is checked
        // after the walk.
        "/calendar/{file}" => Status(404),
        // Her bladder diary: her pages and forms (an entry of the walk's empty form is refused,
        // 400, once her diary runs); the walk's diary id is nobody's.
        "/diary" | "/diary/start" | "/diary/entries/remove" | "/diary/end" => {
            if mother {
                Ok
            } else {
                SignInMother
            }
        }
        "/diary/entries" => {
            if mother {
                Any
            } else {
                SignInMother
            }
        }
        "/diary/{id}" | "/diary/{id}/print" => {
            if mother {
                Status(404)
            } else {
                SignInMother
            }
        }
        "/portal/mothers/{link}/sessions/diary" => match who {
            LinkedPhysio => Ok,
            UnlinkedPhysio | Admin => Status(404),
            _ => SignInStaff,
        },
        "/portal/mothers/{link}/diaries/{diary}" => match who {
            LinkedPhysio | UnlinkedPhysio | Admin => Status(404),
            _ => SignInStaff,
        },
        "/api/outcomes/{id}"
        | "/api/coordination/{id}"
        | "/api/leaks/{id}"
        | "/api/push/subscription"
        | "/api/reminders/snooze" => {
            if mother {
                Any
            } else {
                Status(401)
            }
        }
        // Her passkey: JSON; a form body is refused, and only a mother may add one.
        "/restore/passkey/start" | "/restore/passkey/finish" => Any,
        "/api/passkeys/register/start" | "/api/passkeys/register/finish" => {
            if mother {
                Any
            } else {
                Status(401)
            }
        }
        // The walk's credential id is nobody's: 404 for a mother, sign-in for everyone else.
        "/settings/sharing/passkeys/{credential}/remove" => {
            if mother {
                Status(404)
            } else {
                SignInMother
            }
        }
        "/portal/login" | "/portal/login/code" => Any,
        // JSON: an empty body is refused (400/415/422) for everyone; a passkey proves itself.
        "/portal/passkey/start" | "/portal/passkey/finish" => Any,
        "/portal/api/passkeys/register/start" | "/portal/api/passkeys/register/finish" => {
            if staff {
                Any
            } else {
                Status(401)
            }
        }
        // Invitation and reset links: the walk's token is nobody's.
        "/portal/join/{token}" | "/portal/reset/{token}" => Status(404),
        // Her own account: the page, and a password form that refuses an empty one (422).
        "/portal/account" | "/portal/account/password" => {
            if staff {
                Ok
            } else {
                SignInStaff
            }
        }
        // The walk's credential id is nobody's passkey.
        "/portal/account/passkeys/{credential}/remove" => {
            if staff {
                Status(404)
            } else {
                SignInStaff
            }
        }
        // Account actions name an account by id; the walk's names none (an admin gets 404).
        "/portal/staff/{account}/disable"
        | "/portal/staff/{account}/enable"
        | "/portal/staff/{account}/reset" => match who {
            Admin => Status(404),
            LinkedPhysio | UnlinkedPhysio => Status(403),
            _ => SignInStaff,
        },
        "/portal" | "/portal/logout" => {
            if staff {
                Ok
            } else {
                SignInStaff
            }
        }
        "/portal/staff" | "/portal/staff/invite" => match who {
            Admin => Ok,
            LinkedPhysio | UnlinkedPhysio => Status(403),
            _ => SignInStaff,
        },
        "/portal/mothers" | "/portal/mothers/link" => match who {
            _ if physio => Any,
            Admin => Status(403),
            _ => SignInStaff,
        },
        "/portal/mothers/{link}"
        | "/portal/mothers/{link}/end"
        | "/portal/mothers/{link}/programme"
        | "/portal/mothers/{link}/sessions"
        | "/portal/mothers/{link}/summary" => match who {
            LinkedPhysio => Ok,
            UnlinkedPhysio | Admin => Status(404),
            _ => SignInStaff,
        },
        other => panic!("{method} {other} has no expectation in the route walk: add one"),
    }
}

#[derive(Debug)]
enum Expect {
    Ok,
    Any,
    SignInMother,
    SignInStaff,
    Status(u16),
}

#[tokio::test]
async fn every_route_answers_each_visitor_as_expected_and_leaks_no_unlinked_mother() {
    let app = app().await;
    let (username, secret) = admin(&app).await;
    let admin_cookie = sign_in(&app, &username, &secret).await;
    let linked = physio(&app, &admin_cookie, "Anna", "anna").await;
    let unlinked = physio(&app, &admin_cookie, "Bert", "bert").await;
    let (her, _) = app.onboard("2026-11-03").await;
    let (other, _) = app.onboard("2026-11-10").await;
    let outcome_id = "0193a4c2-0000-7000-8000-0000000000aa";
    app.put_json(
        &format!("/api/outcomes/{outcome_id}"),
        Some(&her),
        &full_outcome("2026-11-25T09:00:00Z", "2026-11-25T09:06:00Z"),
    )
    .await;
    let code = link_code(&app, &her).await;
    let her_link = link(&app, &linked, &code, "SECRET-LABEL-A").await;
    // Her reminders: a moment in her own words at 07:15, and a calendar URL.
    let words = post(
        &app,
        "/settings/reminders",
        &her,
        "habit_0=own-words&words_0=SECRET-WORDS-A&time_0=07%3A15&quiet_start=22%3A00&quiet_end=07%3A00",
    )
    .await;
    assert_eq!(words.status, StatusCode::SEE_OTHER, "{}", words.body);
    let her_feed = calendar_path(&post(&app, "/settings/reminders/calendar", &her, "").await);
    // One character off her real URL: as near as a guess gets.
    let near_miss = {
        let (stem, _) = her_feed.split_at(her_feed.len() - ".ics".len() - 1);
        let last = if her_feed.ends_with("A.ics") {
            'B'
        } else {
            'A'
        };
        format!("{stem}{last}.ics")
    };
    let near_miss_file = near_miss.trim_start_matches("/calendar/").to_owned();
    let her_calendar = app.get(&her_feed, None).await;
    assert_eq!(her_calendar.status, StatusCode::OK);
    assert!(her_calendar.contains("T071500"), "{}", her_calendar.body);
    let her_token = her_feed
        .trim_start_matches("/calendar/")
        .trim_end_matches(".ics")
        .to_owned();
    let secrets = [
        "SECRET-LABEL-A",
        her_link.as_str(),
        "Dag 22 na de bevalling",
        "SECRET-WORDS-A",
    ];
    // What her and her physiotherapist were shown: the leak check below is only worth something
    // if each secret does appear where it belongs.
    let mut seen_by_owners = std::collections::HashSet::<&str>::new();
    let form_token = format!("name=\"csrf\" value=\"{}\"", harness_csrf_token());
    let start_page = app.get("/", None).await.body;
    let asset = regex::Regex::new(r#"href="(/static/[0-9a-f]+/css/app.css)""#)
        .ok()
        .and_then(|re| re.captures(&start_page).map(|c| c[1].to_owned()))
        .unwrap_or_default();
    let visitors = [
        (Who::Nobody, String::new()),
        (Who::Her, her.clone()),
        (Who::OtherMother, other.clone()),
        (Who::LinkedPhysio, linked.clone()),
        (Who::UnlinkedPhysio, unlinked.clone()),
        (Who::Admin, admin_cookie.clone()),
    ];
    let all = routes();
    assert!(all.len() >= 30, "the walk found {} routes", all.len());
    for (method, route) in &all {
        // Routes that end a session, erase data or end her calendar URL go last, on their own.
        if matches!(
            route.as_str(),
            "/portal/logout"
                | "/settings/erase"
                | "/settings/reminders/calendar"
                | "/settings/sharing/links/{link}/end"
                | "/portal/mothers/{link}/end"
        ) {
            continue;
        }
        for (who, cookie) in &visitors {
            let path = route
                .replace("{link}", &her_link)
                .replace("{id}", outcome_id)
                .replace("{slug}", "pelvic-floor")
                .replace("{questionnaire}", "sandvik")
                .replace("{token}", "no-such-invitation")
                .replace("{file}", &near_miss_file)
                .replace("/static/{hash}/{*path}", &asset);
            let cookie = if cookie.is_empty() {
                HARNESS_CSRF_COOKIE.to_owned()
            } else {
                format!("{HARNESS_CSRF_COOKIE}; {cookie}")
            };
            let request = match method.as_str() {
                "GET" => Request::get(&path)
                    .header(header::COOKIE, &cookie)
                    .body(Body::empty()),
                "DELETE" => Request::delete(&path)
                    .header(header::COOKIE, &cookie)
                    .header(header::CONTENT_TYPE, "application/json")
                    .header("sec-fetch-site", "same-origin")
                    .body(Body::from(
                        r#"{"endpoint":"https://push.example.org/send/x"}"#,
                    )),
                "PUT" => Request::put(&path)
                    .header(header::COOKIE, &cookie)
                    .header(header::CONTENT_TYPE, "application/json")
                    .header("sec-fetch-site", "same-origin")
                    .body(Body::from(full_outcome(
                        "2026-11-25T09:00:00Z",
                        "2026-11-25T09:06:00Z",
                    ))),
                // The JSON API takes JSON only (a form there is 415 before anything else).
                _ if path.starts_with("/api/") || path.starts_with("/portal/api/") => {
                    Request::post(&path)
                        .header(header::COOKIE, &cookie)
                        .header(header::CONTENT_TYPE, "application/json")
                        .header("sec-fetch-site", "same-origin")
                        .body(Body::from("{}"))
                }
                _ => Request::post(&path)
                    .header(header::COOKIE, &cookie)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header("sec-fetch-site", "same-origin")
                    .body(Body::from(format!("csrf={}", harness_csrf_token()))),
            }
            .unwrap_or_default();
            let reply = app.send(request).await;
            let status = reply.status.as_u16();
            let what = format!("{method} {route} as {who:?}: {status}");
            assert!(status < 500, "{what}");
            assert!(
                !reply.header("content-security-policy").is_empty(),
                "{what}: headers"
            );
            match expected(method, route, *who) {
                Expect::Any => {}
                // Allowed: anything but a refusal (an empty form may get 422, which is fine).
                Expect::Ok => assert!(
                    ![401, 403, 404].contains(&status)
                        && !["/", "/portal/login"].contains(&reply.header("location")),
                    "{what} -> {}",
                    reply.header("location")
                ),
                Expect::SignInMother => assert!(
                    (status == 303 && reply.header("location") == "/") || status == 401,
                    "{what} -> {}",
                    reply.header("location")
                ),
                Expect::SignInStaff => assert!(
                    status == 303 && reply.header("location") == "/portal/login",
                    "{what} -> {}",
                    reply.header("location")
                ),
                Expect::Status(code) => assert_eq!(status, code, "{what}"),
            }
            if matches!(who, Who::Her | Who::LinkedPhysio) {
                seen_by_owners.extend(secrets.iter().copied().filter(|s| reply.body.contains(s)));
            } else {
                for secret in secrets.iter().copied().chain([her_token.as_str()]) {
                    assert!(!reply.body.contains(secret), "{what} shows {secret}");
                }
            }
            // Every form a page shows carries the CSRF token, or posting it would get 403.
            if reply.header("content-type").starts_with("text/html") {
                for form in reply.body.split("<form").skip(1) {
                    let form = form.split("</form>").next().unwrap_or("");
                    let posts = form
                        .split('>')
                        .next()
                        .is_some_and(|tag| tag.contains(r#"method="post""#));
                    assert!(
                        !posts || form.contains(&form_token),
                        "{what}: a form without its CSRF token: <form{form}"
                    );
                }
            }
        }
    }
    for secret in secrets {
        assert!(
            seen_by_owners.contains(secret),
            "no page showed {secret} to her or her physiotherapist: the leak check means nothing"
        );
    }
    // Her calendar URL: no cookie is needed and none is enough. Another mother's new URL and the
    // others' attempts leave hers working; only her own new URL ends it.
    for (who, cookie) in [
        (Who::Nobody, ""),
        (Who::LinkedPhysio, linked.as_str()),
        (Who::Admin, admin_cookie.as_str()),
    ] {
        let reply = post(&app, "/settings/reminders/calendar", cookie, "").await;
        assert_eq!(
            (reply.status, reply.header("location")),
            (StatusCode::SEE_OTHER, "/"),
            "{who:?}"
        );
    }
    let others_feed = calendar_path(&post(&app, "/settings/reminders/calendar", &other, "").await);
    assert_ne!(others_feed, her_feed);
    let others_calendar = app.get(&others_feed, Some(&her)).await;
    assert_eq!(others_calendar.status, StatusCode::OK);
    assert!(
        !others_calendar.contains("T071500"),
        "her moments in another's feed"
    );
    assert_eq!(app.get(&her_feed, None).await.status, StatusCode::OK);
    let new_feed = calendar_path(&post(&app, "/settings/reminders/calendar", &her, "").await);
    assert_ne!(new_feed, her_feed);
    assert_eq!(
        app.get(&her_feed, Some(&her)).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(app.get(&new_feed, None).await.contains("T071500"));
    // The link routes that end something: others first (refused), then the owners.
    for (who, cookie) in [
        (Who::OtherMother, &other),
        (Who::UnlinkedPhysio, &unlinked),
        (Who::Admin, &admin_cookie),
    ] {
        let path = if who == Who::OtherMother {
            format!("/settings/sharing/links/{her_link}/end")
        } else {
            format!("/portal/mothers/{her_link}/end")
        };
        assert_eq!(
            post(&app, &path, cookie, "").await.status,
            StatusCode::NOT_FOUND,
            "{who:?}"
        );
    }
    assert_eq!(
        app.get(&format!("/portal/mothers/{her_link}"), Some(&linked))
            .await
            .status,
        StatusCode::OK,
        "still linked"
    );
    assert_eq!(
        post(
            &app,
            &format!("/portal/mothers/{her_link}/end"),
            &linked,
            ""
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.get(&format!("/portal/mothers/{her_link}"), Some(&linked))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn recovery_codes_cannot_be_guessed_quickly() {
    let app = app().await;
    let (_, code) = app.onboard("2026-11-03").await;
    let mut statuses = Vec::new();
    for n in 0..11 {
        let reply = app
            .post_form("/restore", None, &format!("code=AAAA-BBBB-CCCC-{n:04}"))
            .await;
        statuses.push(reply.status);
    }
    assert!(
        statuses[..10]
            .iter()
            .all(|s| *s != StatusCode::TOO_MANY_REQUESTS && s.is_client_error()),
        "ten tries are answered: {statuses:?}"
    );
    assert_eq!(statuses[10], StatusCode::TOO_MANY_REQUESTS);
    let blocked = app
        .post_form("/restore", None, &format!("code={code}"))
        .await;
    assert_eq!(
        blocked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right code waits"
    );
    assert!(blocked.shows("Te veel pogingen. Wacht 15 minuten en probeer het dan opnieuw."));
    app.clock.set(at("2026-11-25T10:15:00Z"));
    let back = app
        .post_form("/restore", None, &format!("code={code}"))
        .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
}

/// The example config with the deployment's TLS proxies at 10.0.0.0/8.
fn behind_proxy_config() -> String {
    let text = hangmat_server::config::EXAMPLE_CONFIG.replace(
        "# trusted_proxies = [\"127.0.0.1\", \"::1\"]",
        "trusted_proxies = [\"10.0.0.0/8\"]",
    );
    assert_ne!(text, hangmat_server::config::EXAMPLE_CONFIG);
    text
}

const PROXY: &str = "10.0.0.2";
const STRANGER: &str = "203.0.113.9";
const RIGHTFUL: &str = "198.51.100.7";

/// Behind the proxy every socket peer is the proxy: a stranger's wrong passwords and recovery
/// codes must use up his own tries only, never those of the person who has the right ones.
#[tokio::test]
async fn behind_a_trusted_proxy_a_stranger_uses_up_only_his_own_tries() {
    let app = crate::harness::app_with_config(&behind_proxy_config()).await;
    let (username, _) = admin(&app).await;
    let (_, recovery) = app.onboard("2026-11-03").await;
    let mut wrong = Vec::new();
    for _ in 0..11 {
        let reply = app
            .post_form_from(
                "/portal/login",
                &format!("username={username}&password=wrong"),
                PROXY,
                Some(STRANGER),
            )
            .await;
        wrong.push(reply.status);
    }
    assert_eq!(wrong[..10], [StatusCode::UNAUTHORIZED; 10]);
    assert_eq!(wrong[10], StatusCode::TOO_MANY_REQUESTS);
    let right = app
        .post_form_from(
            "/portal/login",
            &format!(
                "username={username}&password={}",
                PASSWORD.replace(' ', "+")
            ),
            PROXY,
            Some(RIGHTFUL),
        )
        .await;
    assert_eq!(right.status, StatusCode::SEE_OTHER, "{}", right.body);

    let mut guesses = Vec::new();
    for n in 0..11 {
        let reply = app
            .post_form_from(
                "/restore",
                &format!("code=AAAA-BBBB-CCCC-{n:04}"),
                PROXY,
                Some(STRANGER),
            )
            .await;
        guesses.push(reply.status);
    }
    assert!(
        !guesses[..10].contains(&StatusCode::TOO_MANY_REQUESTS),
        "{guesses:?}"
    );
    assert_eq!(guesses[10], StatusCode::TOO_MANY_REQUESTS);
    let mother = app
        .post_form_from(
            "/restore",
            &format!("code={recovery}"),
            PROXY,
            Some(&format!("{RIGHTFUL}, {PROXY}")),
        )
        .await;
    assert_eq!(mother.status, StatusCode::SEE_OTHER, "{}", mother.body);
}

/// A forwarding header from anyone but a trusted proxy is ignored: a guesser cannot claim a new
/// address with each try.
#[tokio::test]
async fn a_forwarding_header_from_an_untrusted_peer_is_ignored() {
    let app = crate::harness::app_with_config(&behind_proxy_config()).await;
    let (username, _) = admin(&app).await;
    let mut statuses = Vec::new();
    for n in 0..11 {
        let reply = app
            .post_form_from(
                "/portal/login",
                &format!("username={username}&password=wrong"),
                STRANGER,
                Some(&format!("192.0.2.{n}")),
            )
            .await;
        statuses.push(reply.status);
    }
    assert_eq!(statuses[..10], [StatusCode::UNAUTHORIZED; 10]);
    assert_eq!(statuses[10], StatusCode::TOO_MANY_REQUESTS);
}

/// The window slides: ten tries just before a quarter hour do not buy ten more just after it,
/// and a quarter of an hour after the last try the next one is answered again.
#[tokio::test]
async fn a_guesser_gets_no_second_batch_across_a_window_edge() {
    let app = app().await;
    let (username, _) = admin(&app).await;
    let form = format!("username={username}&password=wrong");
    app.clock.set(at("2026-11-25T10:14:00Z"));
    for n in 0..10 {
        assert_eq!(
            post(&app, "/portal/login", HARNESS_CSRF_COOKIE, &form)
                .await
                .status,
            StatusCode::UNAUTHORIZED,
            "try {n}"
        );
    }
    app.clock.set(at("2026-11-25T10:15:30Z"));
    assert_eq!(
        post(&app, "/portal/login", HARNESS_CSRF_COOKIE, &form)
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS
    );
    app.clock.set(at("2026-11-25T10:24:00Z"));
    assert_eq!(
        post(&app, "/portal/login", HARNESS_CSRF_COOKIE, &form)
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS
    );
    app.clock.set(at("2026-11-25T10:30:00Z"));
    assert_eq!(
        post(&app, "/portal/login", HARNESS_CSRF_COOKIE, &form)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

/// Link codes are limited like sign-in: ten wrong codes are answered, the eleventh waits.
#[tokio::test]
async fn too_many_link_codes_are_refused() {
    let app = app().await;
    let (username, secret) = admin(&app).await;
    let admin_cookie = sign_in(&app, &username, &secret).await;
    let physio_cookie = physio(&app, &admin_cookie, "Anna", "anna").await;
    let mut statuses = Vec::new();
    for n in 0..11 {
        let reply = post(
            &app,
            "/portal/mothers/link",
            &physio_cookie,
            &format!("code=ABCD-EFGH-{n:04}&label=x"),
        )
        .await;
        statuses.push(reply.status);
    }
    assert!(
        statuses[..10]
            .iter()
            .all(|s| *s != StatusCode::TOO_MANY_REQUESTS && s.is_client_error()),
        "{statuses:?}"
    );
    assert_eq!(statuses[10], StatusCode::TOO_MANY_REQUESTS);
}

/// The tries one address gets against one account in an hour, trying every `every` seconds.
async fn tries_answered_in_an_hour(every: i64) -> Vec<Timestamp> {
    let app = app().await;
    let (username, _) = admin(&app).await;
    let form = format!("username={username}&password=wrong");
    let start = at("2026-11-25T10:00:05Z");
    let mut answered = Vec::new();
    for n in 0..(3600 / every) {
        let now = start
            .checked_add(SignedDuration::from_secs(every * n))
            .unwrap_or_else(|e| panic!("{e}"));
        app.clock.set(now);
        let status = post(&app, "/portal/login", HARNESS_CSRF_COOKIE, &form)
            .await
            .status;
        assert_ne!(status, StatusCode::SEE_OTHER);
        if status != StatusCode::TOO_MANY_REQUESTS {
            answered.push(now);
        }
    }
    for window in answered.windows(11) {
        let span = window[10].duration_since(window[0]);
        assert!(
            span >= SignedDuration::from_mins(10),
            "11 tries within {span:?}"
        );
    }
    answered
}

/// A guesser who hammers (every 10 s) gets 10 tries an hour from one address against one
/// account; one who paces himself perfectly (every 90 s) at most 40; never 11 within ten minutes.
#[tokio::test]
async fn a_guesser_gets_at_most_forty_tries_an_hour_against_one_account() {
    let hammering = tries_answered_in_an_hour(10).await.len();
    let paced = tries_answered_in_an_hour(90).await.len();
    eprintln!("tries answered in an hour: hammering {hammering}, paced {paced}");
    assert_eq!(hammering, 10);
    assert!(paced <= 40, "{paced}");
}
