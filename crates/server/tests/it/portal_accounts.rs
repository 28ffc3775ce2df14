//! The account features a hospital needs, over HTTP: a staff member's named passkeys (and the
//! last way in that cannot be removed), changing her password, an admin's account list with
//! disabling (sessions, sign-in, links to mothers) and enabling, one-time password-reset links,
//! the portal language kept on her account, and TOTP secrets sealed at rest. Each case runs on
//! SQLite and on PostgreSQL.

use crate::harness::{HARNESS_CSRF_COOKIE, TestApp, at};
use crate::portal::{
    ClockNow, PASSWORD, admin, joined_physio, link, link_code, password_step, physio, post,
    sign_in, sign_in_with,
};
use axum::http::StatusCode;
use hangmat_server::portal::credentials::totp_code;
use hangmat_server::secret_key::{SealReport, SecretKey, is_sealed, seal_stored_secrets};
use hangmat_store::{PasskeyOwner, StaffId, StoredPasskey};
use jiff::SignedDuration;

const NEW_PASSWORD: &str = "another long password";

/// Runs a case (an `async fn(TestApp)`) as two tests, `…::sqlite` and `…::postgres`.
macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {$(
        mod $case {
            #[tokio::test]
            async fn sqlite() {
                super::$case(crate::harness::app().await).await;
            }

            #[tokio::test]
            async fn postgres() {
                super::$case(crate::postgres::fresh_pg_app().await).await;
            }
        }
    )*};
}

on_both_backends!(
    her_passkeys_show_their_names_and_her_last_way_in_stays,
    changing_her_password_asks_the_current_one_and_signs_her_out_elsewhere,
    disabling_an_account_signs_it_out_refuses_sign_in_and_ends_her_links,
    a_reset_link_sets_a_new_password_and_authenticator_and_signs_out_everywhere,
    the_portal_speaks_the_language_she_chose_wherever_she_signs_in,
    totp_secrets_are_sealed_at_rest_and_plain_ones_at_start,
    a_code_works_once_across_join_sign_in_and_reset,
);

async fn staff_id(app: &TestApp, username: &str) -> StaffId {
    match app.store.staff_by_username(username).await {
        Ok(Some(account)) => account.id,
        other => panic!("no account {username}: {other:?}"),
    }
}

fn stored_passkey(id: &str, name: &str, app: &TestApp) -> StoredPasskey {
    StoredPasskey {
        credential_id: id.into(),
        name: name.into(),
        passkey_json: "{}".into(),
        created_at: app.clock_now(),
        last_used_at: None,
    }
}

async fn add_passkey(app: &TestApp, staff: StaffId, passkey: &StoredPasskey) {
    if let Err(error) = app
        .store
        .add_passkey(PasskeyOwner::Staff(staff), passkey)
        .await
    {
        panic!("add passkey: {error}");
    }
}

/// Moves the clock to the next rate-limit window (every request here comes from one address).
fn next_window(app: &TestApp) {
    let later = app.clock_now().checked_add(SignedDuration::from_mins(15));
    app.clock.set(later.unwrap_or_else(|e| panic!("{e}")));
}

/// A password form as typed in a browser (spaces as `+`).
fn password_form(current: &str, new: &str) -> String {
    format!(
        "current_password={}&new_password={}",
        current.replace(' ', "+"),
        new.replace(' ', "+")
    )
}

async fn her_passkeys_show_their_names_and_her_last_way_in_stays(app: TestApp) {
    let (username, secret) = admin(&app).await;
    let admin_cookie = sign_in(&app, &username, &secret).await;
    let anna = physio(&app, &admin_cookie, "Anna+Peeters", "anna").await;
    let anna_id = staff_id(&app, "anna").await;
    let admin_id = staff_id(&app, "admin").await;
    add_passkey(
        &app,
        anna_id,
        &stored_passkey("cred-pc", "Praktijk-pc", &app),
    )
    .await;
    let mut phone = stored_passkey("cred-phone", "Telefoon", &app);
    phone.last_used_at = Some(at("2026-11-25T09:30:00Z"));
    add_passkey(&app, anna_id, &phone).await;
    add_passkey(
        &app,
        admin_id,
        &stored_passkey("cred-admin", "Beheer", &app),
    )
    .await;

    let page = app.get("/portal/account", Some(&anna)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.shows("Anna Peeters · gebruikersnaam anna"));
    assert!(page.shows("Praktijk-pc") && page.shows("Telefoon"));
    assert!(
        page.shows("laatst gebruikt op 25 november 2026 10:30"),
        "{}",
        page.body
    );
    assert!(page.shows("nog niet gebruikt"));
    assert!(page.shows("Telefoon verwijderen"));
    assert!(
        !page.shows("Beheer"),
        "another's passkey is not hers to see"
    );

    let removed = post(
        &app,
        "/portal/account/passkeys/cred-phone/remove",
        &anna,
        "",
    )
    .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    let page = app.get(removed.header("location"), Some(&anna)).await;
    assert!(page.shows("De passkey is verwijderd."));
    assert!(!page.shows("Telefoon"));
    let others = post(
        &app,
        "/portal/account/passkeys/cred-admin/remove",
        &anna,
        "",
    )
    .await;
    assert_eq!(
        others.status,
        StatusCode::NOT_FOUND,
        "nobody removes another's"
    );
    let kept = app.store.passkeys_of(PasskeyOwner::Staff(admin_id)).await;
    assert_eq!(kept.map(|keys| keys.len()).unwrap_or_default(), 1);

    // Without a second factor her password no longer signs her in: the passkey is her only way.
    if let Err(error) = app.store.set_totp_secret(anna_id, None).await {
        panic!("{error}");
    }
    let refused = post(&app, "/portal/account/passkeys/cred-pc/remove", &anna, "").await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.shows("Deze passkey is je enige manier om je aan te melden, dus hij blijft."));
    assert!(refused.shows("Praktijk-pc"), "still listed");
    add_passkey(&app, anna_id, &stored_passkey("cred-key", "Sleutel", &app)).await;
    let allowed = post(&app, "/portal/account/passkeys/cred-pc/remove", &anna, "").await;
    assert_eq!(
        allowed.status,
        StatusCode::SEE_OTHER,
        "another passkey remains"
    );
}

async fn changing_her_password_asks_the_current_one_and_signs_her_out_elsewhere(app: TestApp) {
    let (username, secret) = admin(&app).await;
    let admin_cookie = sign_in(&app, &username, &secret).await;
    let (anna, anna_secret) = joined_physio(&app, &admin_cookie, "Anna", "anna").await;
    let elsewhere = sign_in(&app, "anna", &anna_secret).await;

    let wrong = post(
        &app,
        "/portal/account/password",
        &anna,
        &password_form("not my password", NEW_PASSWORD),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.shows("Je huidige wachtwoord klopt niet. Probeer het nog eens."));
    let short = post(
        &app,
        "/portal/account/password",
        &anna,
        &password_form(PASSWORD, "short"),
    )
    .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.shows("Het wachtwoord moet minstens 12 tekens hebben."));
    assert_eq!(
        app.get("/portal/mothers", Some(&elsewhere)).await.status,
        StatusCode::OK,
        "nothing changed yet"
    );

    let changed = post(
        &app,
        "/portal/account/password",
        &anna,
        &password_form(PASSWORD, NEW_PASSWORD),
    )
    .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
    let page = app.get(changed.header("location"), Some(&anna)).await;
    assert_eq!(page.status, StatusCode::OK, "this browser stays signed in");
    assert!(page.shows("Je wachtwoord is gewijzigd. Je bent overal elders afgemeld."));
    let gone = app.get("/portal/mothers", Some(&elsewhere)).await;
    assert_eq!(
        gone.header("location"),
        "/portal/login",
        "signed out elsewhere"
    );
    let old = password_step(&app, "anna", PASSWORD).await;
    assert_eq!(
        old.status,
        StatusCode::UNAUTHORIZED,
        "the old password is gone"
    );
    // The tries so far filled this window's count for the harness's one address.
    next_window(&app);
    sign_in_with(&app, "anna", NEW_PASSWORD, &anna_secret).await;

    // Guessing the current password is counted like sign-in attempts.
    let mut last = StatusCode::OK;
    let mut body = String::new();
    for _ in 0..11 {
        let reply = post(
            &app,
            "/portal/account/password",
            &anna,
            &password_form("a wrong guess here", NEW_PASSWORD),
        )
        .await;
        last = reply.status;
        body = reply.body;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        body.contains("Te veel pogingen. Wacht 15 minuten"),
        "{body}"
    );
}

async fn disabling_an_account_signs_it_out_refuses_sign_in_and_ends_her_links(app: TestApp) {
    let (username, secret) = admin(&app).await;
    let admin_cookie = sign_in(&app, &username, &secret).await;
    let (anna, anna_secret) = joined_physio(&app, &admin_cookie, "Anna+Peeters", "anna").await;
    let bert = physio(&app, &admin_cookie, "Bert", "bert").await;
    let anna_id = staff_id(&app, "anna").await;
    let admin_id = staff_id(&app, "admin").await;
    let (mother, _) = app.onboard("2026-11-03").await;
    let code = link_code(&app, &mother).await;
    let link_id = link(&app, &anna, &code, "D-4711").await;

    let list = app.get("/portal/staff", Some(&admin_cookie)).await;
    assert!(list.shows("Anna Peeters") && list.shows("actief"));
    assert!(list.shows("Ann Admin (jij)"));
    assert!(
        list.shows("nooit") || list.shows("25 november"),
        "{}",
        list.body
    );
    assert!(list.shows("Anna Peeters uitschakelen"));

    let disable = format!("/portal/staff/{anna_id}/disable");
    let unconfirmed = post(&app, &disable, &admin_cookie, "").await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unconfirmed.shows("Vink eerst het vakje aan"));
    let herself = post(
        &app,
        &format!("/portal/staff/{admin_id}/disable"),
        &admin_cookie,
        "confirm=yes",
    )
    .await;
    assert_eq!(herself.status, StatusCode::CONFLICT);
    assert!(herself.shows("Je kan je eigen account niet uitschakelen."));
    let by_physio = post(&app, &disable, &bert, "confirm=yes").await;
    assert_eq!(by_physio.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get("/portal/mothers", Some(&anna)).await.status,
        StatusCode::OK,
        "still active"
    );

    let done = post(&app, &disable, &admin_cookie, "confirm=yes").await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.shows("Anna Peeters is uitgeschakeld"));
    assert!(done.shows("uitgeschakeld"));
    let signed_out = app.get("/portal/mothers", Some(&anna)).await;
    assert_eq!(signed_out.header("location"), "/portal/login", "at once");
    let refused = password_step(&app, "anna", PASSWORD).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.shows("Je account is uitgeschakeld."));
    let guessed = password_step(&app, "anna", "a wrong guess here").await;
    assert_eq!(
        guessed.status,
        StatusCode::UNAUTHORIZED,
        "only the right password learns the account is disabled"
    );
    assert!(!guessed.shows("uitgeschakeld"));

    // Her side: who can see her data is true, and she sees who ended it.
    let sharing = app.get("/settings/sharing", Some(&mother)).await;
    assert!(
        sharing.shows("beëindigd door het ziekenhuis op 25 november"),
        "{}",
        sharing.body
    );
    assert!(!sharing.shows("Stop met delen met Anna Peeters"));
    assert!(sharing.shows("Ann Admin") && sharing.shows("beëindigde de koppeling"));
    let audit = app.store.audit_after(0, 100).await.unwrap_or_default();
    let ended: Vec<_> = audit
        .iter()
        .filter(|(_, line)| line.action == "end-link")
        .collect();
    assert_eq!(ended.len(), 1, "one audit line per ended link");
    assert_eq!(ended[0].1.staff, admin_id);
    assert_eq!(
        ended[0].1.link.map(|l| l.to_string()),
        Some(link_id.clone())
    );

    // Enabling lets her in again, without the mother.
    let enabled = post(
        &app,
        &format!("/portal/staff/{anna_id}/enable"),
        &admin_cookie,
        "",
    )
    .await;
    assert_eq!(enabled.status, StatusCode::OK);
    assert!(enabled.shows("Anna Peeters kan zich weer aanmelden."));
    next_window(&app);
    let anna = sign_in(&app, "anna", &anna_secret).await;
    let list = app.get("/portal/mothers", Some(&anna)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(!list.shows("D-4711"), "enabling brings no link back");
    assert_eq!(
        app.get(&format!("/portal/mothers/{link_id}"), Some(&anna))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

async fn a_reset_link_sets_a_new_password_and_authenticator_and_signs_out_everywhere(app: TestApp) {
    let (username, secret) = admin(&app).await;
    let admin_cookie = sign_in(&app, &username, &secret).await;
    let (anna, old_secret) = joined_physio(&app, &admin_cookie, "Anna+Peeters", "anna").await;
    let anna_id = staff_id(&app, "anna").await;
    let reset_path = |reply: &crate::harness::Reply| -> String {
        let link = regex::Regex::new(r#"id="reset-link">([^<]+)<"#)
            .ok()
            .and_then(|re| re.captures(&reply.body).map(|c| c[1].to_owned()))
            .unwrap_or_else(|| panic!("no reset link shown: {}", reply.body));
        link[link.find("/portal/reset/").unwrap_or(0)..].to_owned()
    };
    let made = post(
        &app,
        &format!("/portal/staff/{anna_id}/reset"),
        &admin_cookie,
        "",
    )
    .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    assert!(made.shows("Herstellink voor Anna Peeters"));
    let first = reset_path(&made);
    let made = post(
        &app,
        &format!("/portal/staff/{anna_id}/reset"),
        &admin_cookie,
        "",
    )
    .await;
    let path = reset_path(&made);
    assert_eq!(
        app.get(&first, None).await.status,
        StatusCode::NOT_FOUND,
        "a newer link replaces an unused one"
    );
    assert_eq!(
        app.get("/portal/mothers", Some(&anna)).await.status,
        StatusCode::OK,
        "nothing ends before the link is used"
    );

    let form = app.get(&path, None).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.shows("Kies een nieuw wachtwoord"));
    assert!(form.shows("Anna Peeters (gebruikersnaam anna)"));
    let new_secret = regex::Regex::new(r#"id="totp-secret">([A-Z2-7]+)<"#)
        .ok()
        .and_then(|re| re.captures(&form.body).map(|c| c[1].to_owned()))
        .unwrap_or_else(|| panic!("no TOTP key shown"));
    assert_ne!(new_secret, old_secret);
    let now = crate::portal::next_step(&app);
    let code = totp_code(&new_secret, now).unwrap_or_default();
    let short = post(
        &app,
        &path,
        HARNESS_CSRF_COOKIE,
        &format!("password=short&totp_secret={new_secret}&code={code}"),
    )
    .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.shows("Het wachtwoord moet minstens 12 tekens hebben."));
    let new_form = format!(
        "password={}&totp_secret={new_secret}",
        NEW_PASSWORD.replace(' ', "+")
    );
    let wrong = post(
        &app,
        &path,
        HARNESS_CSRF_COOKIE,
        &format!("{new_form}&code=000000"),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let used = post(
        &app,
        &path,
        HARNESS_CSRF_COOKIE,
        &format!("{new_form}&code={code}"),
    )
    .await;
    assert_eq!(used.status, StatusCode::SEE_OTHER, "{}", used.body);
    assert_eq!(used.header("location"), "/portal/login?done=reset");
    let told = app.get("/portal/login?done=reset", None).await;
    assert!(told.shows("Je nieuwe wachtwoord en authenticator zijn bewaard. Meld je nu aan."));

    assert_eq!(
        app.get("/portal/mothers", Some(&anna))
            .await
            .header("location"),
        "/portal/login",
        "every session ended"
    );
    assert_eq!(
        app.get(&path, None).await.status,
        StatusCode::NOT_FOUND,
        "once"
    );
    let old = password_step(&app, "anna", PASSWORD).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    next_window(&app);
    let anna = sign_in_with(&app, "anna", NEW_PASSWORD, &new_secret).await;
    assert_eq!(
        app.get("/portal/mothers", Some(&anna)).await.status,
        StatusCode::OK
    );

    // A link works for 24 hours.
    let late = reset_path(
        &post(
            &app,
            &format!("/portal/staff/{anna_id}/reset"),
            &admin_cookie,
            "",
        )
        .await,
    );
    let tomorrow = app
        .clock_now()
        .checked_add(SignedDuration::from_hours(24))
        .unwrap_or_else(|e| panic!("{e}"));
    app.clock.set(tomorrow);
    assert_eq!(app.get(&late, None).await.status, StatusCode::NOT_FOUND);
}

async fn the_portal_speaks_the_language_she_chose_wherever_she_signs_in(app: TestApp) {
    let (username, secret) = admin(&app).await;
    let admin_cookie = sign_in(&app, &username, &secret).await;
    let (anna, anna_secret) = joined_physio(&app, &admin_cookie, "Anna", "anna").await;
    let dutch = app.get("/portal/mothers", Some(&anna)).await;
    assert!(dutch.contains("<html lang=\"nl\">") && dutch.shows("Mijn moeders"));
    assert!(
        dutch.contains(r#"href="?lang=fr" lang="fr""#),
        "the switch is in the chrome"
    );

    let french = app.get("/portal/mothers?lang=fr", Some(&anna)).await;
    assert_eq!(french.status, StatusCode::OK);
    assert!(french.contains("<html lang=\"fr\">") && french.shows("Mes patientes"));
    let next = app.get("/portal/account", Some(&anna)).await;
    assert!(next.shows("Mon compte"), "remembered without the query");
    let unoffered = app.get("/portal/account?lang=de", Some(&anna)).await;
    assert!(unoffered.shows("Mon compte"));
    // Another browser, a new sign-in: the choice is on her account, not in a cookie.
    let elsewhere = sign_in(&app, "anna", &anna_secret).await;
    assert!(
        app.get("/portal/mothers", Some(&elsewhere))
            .await
            .shows("Mes patientes")
    );
    let account = app.store.staff_by_username("anna").await.ok().flatten();
    assert_eq!(account.map(|a| a.language), Some("fr".to_owned()));
    // Her colleague's portal keeps its own language.
    assert!(
        app.get("/portal/staff", Some(&admin_cookie))
            .await
            .shows("Personeelsaccounts")
    );
    let english = app.get("/portal/staff?lang=en", Some(&admin_cookie)).await;
    assert!(english.shows("Staff accounts"));
    assert!(
        app.get("/portal/mothers", Some(&elsewhere))
            .await
            .shows("Mes patientes")
    );
}

/// What the database holds as an account's TOTP secret.
async fn stored_totp_secret(app: &TestApp, staff: StaffId) -> String {
    match app.store.staff_secrets(staff).await {
        Ok(secrets) => secrets.totp_secret.unwrap_or_default(),
        Err(error) => panic!("{error}"),
    }
}

async fn totp_secrets_are_sealed_at_rest_and_plain_ones_at_start(app: TestApp) {
    let (username, secret) = admin(&app).await;
    let admin_cookie = sign_in(&app, &username, &secret).await;
    let (_, anna_secret) = joined_physio(&app, &admin_cookie, "Anna", "anna").await;
    let anna_id = staff_id(&app, "anna").await;
    for (id, plain) in [
        (staff_id(&app, "admin").await, &secret),
        (anna_id, &anna_secret),
    ] {
        let stored = stored_totp_secret(&app, id).await;
        assert!(is_sealed(&stored), "{stored}");
        assert!(
            !stored.contains(plain.as_str()),
            "the database holds no plain secret"
        );
    }

    // A secret stored before sealing existed is sealed at the next start, once.
    if let Err(error) = app.store.set_totp_secret(anna_id, Some(&anna_secret)).await {
        panic!("{error}");
    }
    let key = app.state.secret_key();
    let first = seal_stored_secrets(app.store.as_ref(), key).await;
    assert_eq!(
        first.ok(),
        Some(SealReport {
            sealed: 1,
            already: 1
        })
    );
    assert!(is_sealed(&stored_totp_secret(&app, anna_id).await));
    let again = seal_stored_secrets(app.store.as_ref(), key).await;
    assert_eq!(
        again.ok(),
        Some(SealReport {
            sealed: 0,
            already: 2
        })
    );
    next_window(&app);
    let anna = sign_in(&app, "anna", &anna_secret).await;
    assert_eq!(
        app.get("/portal/mothers", Some(&anna)).await.status,
        StatusCode::OK,
        "her authenticator still works"
    );

    // A server with another key refuses to start rather than lock everyone out.
    let refused = seal_stored_secrets(app.store.as_ref(), &SecretKey::generate()).await;
    let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.contains("sealed with another key") && message.contains("HANGMAT_SECRET_KEY"),
        "{message}"
    );
}

/// The second step of sign-in with `code` for `username` (password right), as a browser sends it.
async fn code_step(app: &TestApp, username: &str, password: &str, code: &str) -> StatusCode {
    let reply = password_step(app, username, password).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let pending = crate::portal::set_cookie(&reply, "hangmat_staff")
        .unwrap_or_else(|| panic!("no pending cookie"));
    post(app, "/portal/login/code", &pending, &format!("code={code}"))
        .await
        .status
}

/// A code seen over a shoulder while she joins or resets cannot sign anyone in within its 30 s.
async fn a_code_works_once_across_join_sign_in_and_reset(app: TestApp) {
    let (username, secret) = admin(&app).await;
    let admin_cookie = sign_in(&app, &username, &secret).await;
    let invited = post(
        &app,
        "/portal/staff/invite",
        &admin_cookie,
        "display_name=Bea&role=physiotherapist",
    )
    .await;
    let link = regex::Regex::new(r#"id="invitation-link">([^<]+)<"#)
        .ok()
        .and_then(|re| re.captures(&invited.body).map(|c| c[1].to_owned()))
        .unwrap_or_else(|| panic!("no invitation link shown"));
    let path = link[link.find("/portal/join/").unwrap_or(0)..].to_owned();
    let form = app.get(&path, None).await;
    let totp_secret = |body: &str| {
        regex::Regex::new(r#"id="totp-secret">([A-Z2-7]+)<"#)
            .ok()
            .and_then(|re| re.captures(body).map(|c| c[1].to_owned()))
            .unwrap_or_else(|| panic!("no TOTP key shown"))
    };
    let bea_secret = totp_secret(&form.body);
    let code = totp_code(&bea_secret, crate::portal::next_step(&app)).unwrap_or_default();
    let joined = post(
        &app,
        &path,
        HARNESS_CSRF_COOKIE,
        &format!(
            "username=bea&password={}&totp_secret={bea_secret}&code={code}",
            PASSWORD.replace(' ', "+")
        ),
    )
    .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    assert_eq!(
        code_step(&app, "bea", PASSWORD, &code).await,
        StatusCode::UNAUTHORIZED,
        "the code that completed the join signs in no one"
    );

    let bea_id = staff_id(&app, "bea").await;
    let made = post(
        &app,
        &format!("/portal/staff/{bea_id}/reset"),
        &admin_cookie,
        "",
    )
    .await;
    let link = regex::Regex::new(r#"id="reset-link">([^<]+)<"#)
        .ok()
        .and_then(|re| re.captures(&made.body).map(|c| c[1].to_owned()))
        .unwrap_or_else(|| panic!("no reset link shown: {}", made.body));
    let path = link[link.find("/portal/reset/").unwrap_or(0)..].to_owned();
    let new_secret = totp_secret(&app.get(&path, None).await.body);
    let code = totp_code(&new_secret, crate::portal::next_step(&app)).unwrap_or_default();
    let reset = post(
        &app,
        &path,
        HARNESS_CSRF_COOKIE,
        &format!(
            "password={}&totp_secret={new_secret}&code={code}",
            NEW_PASSWORD.replace(' ', "+")
        ),
    )
    .await;
    assert_eq!(reset.status, StatusCode::SEE_OTHER, "{}", reset.body);
    assert_eq!(
        code_step(&app, "bea", NEW_PASSWORD, &code).await,
        StatusCode::UNAUTHORIZED,
        "the code that completed the reset signs in no one"
    );
    next_window(&app);
    let next = totp_code(&new_secret, crate::portal::next_step(&app)).unwrap_or_default();
    assert_eq!(
        code_step(&app, "bea", NEW_PASSWORD, &next).await,
        StatusCode::SEE_OTHER,
        "the next code works"
    );
}
