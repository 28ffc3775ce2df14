//! Conformance cases for staff accounts, sessions, invitations, passkeys, links, the audit log and
//! rate limits (migration 0003): what both backends must guarantee about access.

use super::{at, created, ok};
use crate::{
    AuditEntry, Ceremony, Disabled, EndedBy, Invitation, LinkCode, LinkId, PasskeyOwner,
    PasswordReset, SessionStage, StaffAccount, StaffId, StaffSecrets, StaffSession, Store,
    StoreError, StoredPasskey,
};
use hangmat_core::policy::StaffRole;
use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

fn staff_account(seed: u8, role: StaffRole) -> StaffAccount {
    StaffAccount {
        id: StaffId(Uuid::from_bytes([0x50 + seed; 16])),
        role,
        username: format!("staff{seed}"),
        display_name: format!("Staff {seed}"),
        language: "nl".into(),
        created_at: at("2026-11-20T08:00:00Z"),
        ended_at: None,
        last_sign_in_at: None,
    }
}

/// A physiotherapist account, stored, for tests.
pub async fn created_staff(store: &impl Store, seed: u8, role: StaffRole) -> StaffAccount {
    let account = staff_account(seed, role);
    let secrets = StaffSecrets {
        password_hash: Some(format!("hash-{seed}")),
        ..StaffSecrets::default()
    };
    ok(store.create_staff(&account, &secrets).await);
    account
}

/// A signed-in session of `staff` from `start`, for an hour.
fn signed_in_session(token_hash: impl Into<String>, staff: StaffId, start: &str) -> StaffSession {
    StaffSession {
        token_hash: token_hash.into(),
        staff,
        stage: SessionStage::SignedIn,
        created_at: at(start),
        expires_at: later(start, 60),
    }
}

pub(super) fn later(from: &str, minutes: i64) -> Timestamp {
    at(from)
        .checked_add(SignedDuration::from_mins(minutes))
        .unwrap_or(Timestamp::MAX)
}

pub async fn staff_accounts_round_trip_and_usernames_are_unique(store: &impl Store) {
    let admin = created_staff(store, 1, StaffRole::Admin).await;
    let physio = created_staff(store, 2, StaffRole::Physiotherapist).await;
    assert_eq!(ok(store.staff(physio.id).await), Some(physio.clone()));
    assert_eq!(
        ok(store.staff_by_username("staff2").await),
        Some(physio.clone())
    );
    assert_eq!(ok(store.staff_by_username("nobody").await), None);
    assert_eq!(
        ok(store.list_staff().await),
        vec![admin.clone(), physio.clone()]
    );
    let mut twin = staff_account(3, StaffRole::Physiotherapist);
    twin.username = "staff2".into();
    let attempt = store.create_staff(&twin, &StaffSecrets::default()).await;
    assert!(matches!(attempt, Err(StoreError::IdTaken)), "{attempt:?}");
    let secrets = ok(store.staff_secrets(physio.id).await);
    assert_eq!(secrets.password_hash.as_deref(), Some("hash-2"));
    ok(store.set_password_hash(physio.id, "hash-2b").await);
    ok(store
        .set_totp_secret(physio.id, Some("JBSWY3DPEHPK3PXP"))
        .await);
    let secrets = ok(store.staff_secrets(physio.id).await);
    assert_eq!(secrets.password_hash.as_deref(), Some("hash-2b"));
    assert_eq!(secrets.totp_secret.as_deref(), Some("JBSWY3DPEHPK3PXP"));
    assert!(
        !format!("{secrets:?}").contains("JBSWY3"),
        "secrets stay out of logs"
    );
    let mut renamed = physio.clone();
    renamed.display_name = "Anna Peeters".into();
    renamed.language = "fr".into();
    ok(store.update_staff(&renamed).await);
    assert_eq!(ok(store.staff(physio.id).await), Some(renamed));
}

pub async fn a_totp_step_is_accepted_once(store: &impl Store) {
    let physio = created_staff(store, 2, StaffRole::Physiotherapist).await;
    ok(store
        .set_totp_secret(physio.id, Some("JBSWY3DPEHPK3PXP"))
        .await);
    assert!(ok(store.use_totp_step(physio.id, 100).await));
    assert!(!ok(store.use_totp_step(physio.id, 100).await), "replayed");
    assert!(!ok(store.use_totp_step(physio.id, 99).await), "older");
    assert!(ok(store.use_totp_step(physio.id, 101).await));
    ok(store.set_totp_secret(physio.id, Some("NEWSECRET")).await);
    assert!(
        ok(store.use_totp_step(physio.id, 50).await),
        "a new secret starts over"
    );
}

pub async fn staff_sessions_expire_end_and_die_with_the_account(store: &impl Store) {
    let physio = created_staff(store, 2, StaffRole::Physiotherapist).await;
    let start = "2026-11-25T10:00:00Z";
    let session = signed_in_session("session-1", physio.id, start);
    ok(store.create_staff_session(&session).await);
    assert_eq!(
        ok(store.staff_session("session-1", later(start, 59)).await),
        Some(session.clone())
    );
    assert_eq!(
        ok(store.staff_session("session-1", later(start, 60)).await),
        None,
        "expired"
    );
    assert_eq!(ok(store.prune_staff_sessions(later(start, 61)).await), 1);
    let pending = StaffSession {
        token_hash: "session-2".into(),
        stage: SessionStage::SecondFactorPending,
        ..session.clone()
    };
    ok(store.create_staff_session(&pending).await);
    assert_eq!(
        ok(store.staff_session("session-2", at(start)).await).map(|s| s.stage),
        Some(SessionStage::SecondFactorPending)
    );
    ok(store.end_staff_session("session-2").await);
    assert_eq!(ok(store.staff_session("session-2", at(start)).await), None);
    ok(store.create_staff_session(&session).await);
    let disabled = ok(store
        .disable_staff(physio.id, at(start), &audit_line(physio.id, start))
        .await);
    assert_eq!(
        disabled,
        Disabled::Now {
            ended_links: vec![]
        }
    );
    assert_eq!(
        ok(store.staff_session("session-1", at(start)).await),
        None,
        "a disabled account is signed out everywhere"
    );
    assert!(
        ok(store.staff(physio.id).await).is_some_and(|a| a.ended_at.is_some()),
        "the account is kept (audit lines point at it)"
    );
}

pub async fn an_invitation_is_used_once_and_expires(store: &impl Store) {
    let admin = created_staff(store, 1, StaffRole::Admin).await;
    let start = "2026-11-25T10:00:00Z";
    let invitation = Invitation {
        token_hash: "invite-1".into(),
        role: StaffRole::Physiotherapist,
        display_name: "Anna".into(),
        invited_by: admin.id,
        created_at: at(start),
        expires_at: later(start, 60),
        used_at: None,
    };
    ok(store.create_invitation(&invitation).await);
    assert_eq!(
        ok(store.open_invitation("invite-1", at(start)).await),
        Some(invitation.clone())
    );
    assert_eq!(
        ok(store.open_invitation("invite-1", later(start, 60)).await),
        None
    );
    let anna = staff_account(5, StaffRole::Physiotherapist);
    assert!(
        !ok(store
            .accept_invitation(
                "invite-1",
                later(start, 61),
                &anna,
                &StaffSecrets::default()
            )
            .await),
        "expired"
    );
    assert_eq!(ok(store.staff(anna.id).await), None);
    assert!(ok(store
        .accept_invitation("invite-1", later(start, 5), &anna, &StaffSecrets::default())
        .await));
    assert_eq!(ok(store.staff(anna.id).await), Some(anna.clone()));
    let second = staff_account(6, StaffRole::Physiotherapist);
    assert!(
        !ok(store
            .accept_invitation(
                "invite-1",
                later(start, 6),
                &second,
                &StaffSecrets::default()
            )
            .await),
        "used"
    );
    assert_eq!(ok(store.staff(second.id).await), None);
    assert_eq!(ok(store.open_invitation("invite-1", at(start)).await), None);
}

pub async fn an_invitation_with_a_taken_username_stays_usable(store: &impl Store) {
    let admin = created_staff(store, 1, StaffRole::Admin).await;
    let start = "2026-11-25T10:00:00Z";
    let invitation = Invitation {
        token_hash: "invite-2".into(),
        role: StaffRole::Physiotherapist,
        display_name: "Anna".into(),
        invited_by: admin.id,
        created_at: at(start),
        expires_at: later(start, 60),
        used_at: None,
    };
    ok(store.create_invitation(&invitation).await);
    let mut clash = staff_account(5, StaffRole::Physiotherapist);
    clash.username = admin.username.clone();
    let attempt = store
        .accept_invitation("invite-2", at(start), &clash, &StaffSecrets::default())
        .await;
    assert!(matches!(attempt, Err(StoreError::IdTaken)), "{attempt:?}");
    assert!(ok(store.open_invitation("invite-2", at(start)).await).is_some());
}

fn passkey(id: &str) -> StoredPasskey {
    StoredPasskey {
        credential_id: id.into(),
        name: String::new(),
        passkey_json: format!("{{\"cred\":\"{id}\"}}"),
        created_at: at("2026-11-25T10:00:00Z"),
        last_used_at: None,
    }
}

pub async fn passkeys_belong_to_their_owner(store: &impl Store) {
    let physio = created_staff(store, 2, StaffRole::Physiotherapist).await;
    let mother = created(store, 1).await;
    let staff_owner = PasskeyOwner::Staff(physio.id);
    let her = PasskeyOwner::Profile(mother.id);
    ok(store.add_passkey(staff_owner, &passkey("cred-staff")).await);
    ok(store.add_passkey(her, &passkey("cred-her")).await);
    let attempt = store.add_passkey(her, &passkey("cred-staff")).await;
    assert!(matches!(attempt, Err(StoreError::IdTaken)), "{attempt:?}");
    assert_eq!(
        ok(store.passkeys_of(staff_owner).await),
        vec![passkey("cred-staff")]
    );
    assert_eq!(ok(store.passkeys_of(her).await), vec![passkey("cred-her")]);
    assert_eq!(
        ok(store.passkey_by_credential("cred-her").await),
        Some((her, passkey("cred-her")))
    );
    assert_eq!(
        ok(store.passkey_by_credential("cred-staff").await).map(|(owner, _)| owner),
        Some(staff_owner)
    );
    assert_eq!(ok(store.passkey_by_credential("cred-none").await), None);
    let used = at("2026-11-26T10:00:00Z");
    ok(store
        .update_passkey("cred-her", "{\"counter\":2}", used)
        .await);
    let kept = ok(store.passkeys_of(her).await);
    assert_eq!(kept[0].passkey_json, "{\"counter\":2}");
    assert_eq!(kept[0].last_used_at, Some(used));
    assert!(
        !ok(store.remove_passkey(staff_owner, "cred-her").await),
        "nobody removes another's passkey"
    );
    assert!(ok(store.remove_passkey(her, "cred-her").await));
    assert_eq!(ok(store.passkeys_of(her).await), vec![]);
}

pub async fn a_ceremony_is_taken_once_before_it_expires(store: &impl Store) {
    let start = "2026-11-25T10:00:00Z";
    let ceremony = Ceremony {
        id: "ceremony-1".into(),
        state_json: "{}".into(),
        expires_at: later(start, 5),
    };
    ok(store.save_ceremony(&ceremony).await);
    assert_eq!(
        ok(store.take_ceremony("ceremony-1", at(start)).await),
        Some(ceremony.clone())
    );
    assert_eq!(ok(store.take_ceremony("ceremony-1", at(start)).await), None);
    ok(store.save_ceremony(&ceremony).await);
    assert_eq!(
        ok(store.take_ceremony("ceremony-1", later(start, 5)).await),
        None,
        "expired"
    );
}

pub(super) fn code(hash: &str, profile: crate::ProfileId, start: &str) -> LinkCode {
    LinkCode {
        code_hash: hash.into(),
        profile,
        created_at: at(start),
        expires_at: later(start, 24 * 60),
        used_at: None,
    }
}

pub async fn a_link_made_by_code_writes_its_audit_line_with_it(store: &impl Store) {
    let physio = created_staff(store, 2, StaffRole::Physiotherapist).await;
    let mother = created(store, 1).await;
    let start = "2026-11-25T10:00:00Z";
    ok(store
        .create_link_code(&code("code-1", mother.id, start))
        .await);
    let unknown = ok(store
        .redeem_link_code_audited(
            "no-such",
            at(start),
            LinkId(Uuid::from_u128(0x10)),
            physio.id,
            "D",
            "linked",
        )
        .await);
    assert_eq!(unknown, None);
    assert!(
        ok(store.audit_of_profile(mother.id, 10).await).is_empty(),
        "an unknown code writes no line"
    );
    let link_id = LinkId(Uuid::from_u128(0x11));
    let link = ok(store
        .redeem_link_code_audited(
            "code-1",
            later(start, 1),
            link_id,
            physio.id,
            "D-1",
            "linked",
        )
        .await);
    assert_eq!(link.map(|l| (l.id, l.profile)), Some((link_id, mother.id)));
    let lines = ok(store.audit_of_profile(mother.id, 10).await);
    let seen: Vec<_> = lines
        .iter()
        .map(|line| {
            let entry = &line.entry;
            (
                entry.staff,
                entry.link,
                entry.action.as_str(),
                entry.detail.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [(physio.id, Some(link_id), "link", Some("linked"))],
        "the link and its line, together"
    );
}

pub async fn a_link_code_links_once_within_its_time(store: &impl Store) {
    let physio = created_staff(store, 2, StaffRole::Physiotherapist).await;
    let other_physio = created_staff(store, 3, StaffRole::Physiotherapist).await;
    let mother = created(store, 1).await;
    let start = "2026-11-25T10:00:00Z";
    ok(store
        .create_link_code(&code("code-1", mother.id, start))
        .await);
    let link_id = LinkId(Uuid::from_u128(0x11));
    assert_eq!(
        ok(store
            .redeem_link_code("code-1", later(start, 24 * 60), link_id, physio.id, "D-1")
            .await),
        None,
        "expired after 24 hours"
    );
    let Some(link) = ok(store
        .redeem_link_code("code-1", later(start, 60), link_id, physio.id, "D-1")
        .await)
    else {
        panic!("the code links")
    };
    assert_eq!(link.profile, mother.id);
    assert_eq!(link.staff, physio.id);
    assert_eq!(link.label, "D-1");
    assert!(link.is_active());
    assert_eq!(
        ok(store
            .redeem_link_code(
                "code-1",
                later(start, 61),
                LinkId(Uuid::from_u128(0x12)),
                other_physio.id,
                "X"
            )
            .await),
        None,
        "a code links once"
    );
    assert_eq!(ok(store.link(link_id).await), Some(link.clone()));
    ok(store
        .create_link_code(&code("code-2", mother.id, start))
        .await);
    let again = ok(store
        .redeem_link_code(
            "code-2",
            later(start, 62),
            LinkId(Uuid::from_u128(0x13)),
            physio.id,
            "D-2",
        )
        .await);
    assert_eq!(
        again.map(|l| (l.id, l.label)),
        Some((link_id, "D-2".to_owned())),
        "an active link is relabelled, not doubled"
    );
    assert_eq!(ok(store.active_links_of_staff(physio.id).await).len(), 1);
    assert_eq!(
        ok(store.active_links_of_staff(other_physio.id).await),
        vec![]
    );
}

pub async fn an_ended_link_shows_no_more(store: &impl Store) {
    let physio = created_staff(store, 2, StaffRole::Physiotherapist).await;
    let mother = created(store, 1).await;
    let start = "2026-11-25T10:00:00Z";
    ok(store
        .create_link_code(&code("code-1", mother.id, start))
        .await);
    let link_id = LinkId(Uuid::from_u128(0x21));
    ok(store
        .redeem_link_code("code-1", at(start), link_id, physio.id, "D-1")
        .await);
    let hers = ok(store.links_of_profile(mother.id).await);
    assert_eq!(hers.len(), 1);
    assert_eq!(hers[0].staff_display_name, "Staff 2");
    assert!(ok(store
        .end_link(link_id, later(start, 1), EndedBy::Mother)
        .await));
    assert!(
        !ok(store
            .end_link(link_id, later(start, 2), EndedBy::Staff)
            .await),
        "ends once"
    );
    let ended = ok(store.link(link_id).await);
    assert_eq!(
        ended.as_ref().and_then(|l| l.ended_by),
        Some(EndedBy::Mother)
    );
    assert_eq!(ended.and_then(|l| l.ended_at), Some(later(start, 1)));
    assert_eq!(ok(store.active_links_of_staff(physio.id).await), vec![]);
    assert_eq!(
        ok(store.links_of_profile(mother.id).await).len(),
        1,
        "she still sees the ended link in her history"
    );
    ok(store.relabel_link(link_id, "D-9").await);
    assert_eq!(
        ok(store.link(link_id).await).map(|l| l.label),
        Some("D-9".into())
    );
}

pub async fn audit_lines_are_hers_and_outlive_her_erasure_without_her(store: &impl Store) {
    let physio = created_staff(store, 2, StaffRole::Physiotherapist).await;
    let mother = created(store, 1).await;
    let other = created(store, 2).await;
    let start = "2026-11-25T10:00:00Z";
    ok(store
        .create_link_code(&code("code-1", mother.id, start))
        .await);
    let link_id = LinkId(Uuid::from_u128(0x31));
    ok(store
        .redeem_link_code("code-1", at(start), link_id, physio.id, "D-1")
        .await);
    for (minute, profile, detail) in [
        (1, mother.id, "mother"),
        (2, other.id, "list"),
        (3, mother.id, "list"),
    ] {
        ok(store
            .record_audit(&AuditEntry {
                at: later(start, minute),
                staff: physio.id,
                profile: Some(profile),
                link: Some(link_id),
                action: "read".into(),
                detail: Some(detail.into()),
            })
            .await);
    }
    let hers = ok(store.audit_of_profile(mother.id, 10).await);
    assert_eq!(
        hers.iter()
            .map(|line| (line.entry.at, line.entry.detail.as_deref()))
            .collect::<Vec<_>>(),
        [
            (later(start, 3), Some("list")),
            (later(start, 1), Some("mother"))
        ],
        "newest first, only hers"
    );
    assert_eq!(hers[0].staff_display_name, "Staff 2");
    assert_eq!(ok(store.audit_of_profile(mother.id, 1).await).len(), 1);
    ok(store.erase_profile(mother.id).await);
    assert_eq!(ok(store.audit_of_profile(mother.id, 10).await), vec![]);
    assert_eq!(
        ok(store.link(link_id).await),
        None,
        "her links went with her"
    );
    let lines = ok(store.audit_after(0, 10).await);
    assert_eq!(lines.len(), 3, "who and when stay");
    for (_, line) in &lines {
        if line.profile.is_none() {
            assert_eq!((line.link, line.detail.as_deref()), (None, None));
            assert_eq!(line.staff, physio.id);
        } else {
            assert_eq!(line.profile, Some(other.id));
        }
    }
    assert_eq!(lines.iter().filter(|(_, l)| l.profile.is_none()).count(), 2);
    assert_eq!(ok(store.audit_after(lines[0].0, 10).await).len(), 2);
}

pub async fn rate_counts_add_up_within_a_window_and_restart(store: &impl Store) {
    let first = at("2026-11-25T10:00:00Z");
    let second = at("2026-11-25T10:15:00Z");
    assert_eq!(ok(store.count_attempt("login:a", first).await), 1);
    assert_eq!(ok(store.count_attempt("login:a", first).await), 2);
    assert_eq!(ok(store.count_attempt("login:b", first).await), 1);
    assert_eq!(ok(store.count_attempt("login:a", first).await), 3);
    assert_eq!(
        ok(store.count_attempt("login:a", second).await),
        1,
        "new window"
    );
    assert_eq!(ok(store.prune_rate_limits(second).await), 1);
    assert_eq!(ok(store.count_attempt("login:b", second).await), 1);
}

pub async fn the_deployment_exports_every_access_row(store: &impl Store) {
    let admin = created_staff(store, 1, StaffRole::Admin).await;
    let start = "2026-11-25T10:00:00Z";
    ok(store
        .add_passkey(PasskeyOwner::Staff(admin.id), &passkey("cred-admin"))
        .await);
    ok(store
        .create_staff_session(&signed_in_session("session-1", admin.id, start))
        .await);
    ok(store
        .create_invitation(&Invitation {
            token_hash: "invite-1".into(),
            role: StaffRole::Physiotherapist,
            display_name: "Anna".into(),
            invited_by: admin.id,
            created_at: at(start),
            expires_at: later(start, 60),
            used_at: None,
        })
        .await);
    ok(store
        .create_password_reset(&reset("reset-1", admin.id, admin.id, start))
        .await);
    ok(store.count_attempt("login:a", at(start)).await);
    ok(store
        .save_ceremony(&Ceremony {
            id: "c".into(),
            state_json: "{}".into(),
            expires_at: later(start, 5),
        })
        .await);
    let dump = ok(store.export_deployment().await);
    assert_eq!(dump.staff.len(), 1);
    assert_eq!(dump.staff[0].1.password_hash.as_deref(), Some("hash-1"));
    assert_eq!(dump.staff_passkeys, vec![(admin.id, passkey("cred-admin"))]);
    assert_eq!((dump.staff_sessions.len(), dump.invitations.len()), (1, 1));
    assert_eq!(
        dump.password_resets,
        vec![reset("reset-1", admin.id, admin.id, start)]
    );
    assert_eq!(dump.rate_counters[0].count, 1);
    assert_eq!(dump.ceremonies.len(), 1);
}

/// An audit line as an admin's disabling writes it (profile and link filled in per link).
fn audit_line(by: StaffId, when: &str) -> AuditEntry {
    AuditEntry {
        at: at(when),
        staff: by,
        profile: None,
        link: None,
        action: "end-link".into(),
        detail: Some("disable-account".into()),
    }
}

pub async fn disabling_an_account_ends_its_sessions_and_links_with_an_audit_line_each(
    store: &impl Store,
) {
    let admin = created_staff(store, 1, StaffRole::Admin).await;
    let physio = created_staff(store, 2, StaffRole::Physiotherapist).await;
    let colleague = created_staff(store, 3, StaffRole::Physiotherapist).await;
    let first = created(store, 1).await;
    let second = created(store, 2).await;
    let start = "2026-11-25T10:00:00Z";
    let mut links = Vec::new();
    for (n, (mother, staff)) in [
        (first.id, physio.id),
        (second.id, physio.id),
        (first.id, colleague.id),
    ]
    .into_iter()
    .enumerate()
    {
        let hash = format!("code-{n}");
        ok(store.create_link_code(&code(&hash, mother, start)).await);
        let id = LinkId(Uuid::from_u128(0x40 + n as u128));
        ok(store
            .redeem_link_code(&hash, at(start), id, staff, "D")
            .await);
        links.push(id);
    }
    ok(store
        .end_link(links[1], later(start, 1), EndedBy::Mother)
        .await);
    for (n, staff) in [physio.id, colleague.id].into_iter().enumerate() {
        ok(store
            .create_staff_session(&signed_in_session(format!("session-{n}"), staff, start))
            .await);
    }
    let when = later(start, 5);
    let Disabled::Now { ended_links } = ok(store
        .disable_staff(
            physio.id,
            when,
            &audit_line(admin.id, "2026-11-25T10:05:00Z"),
        )
        .await)
    else {
        panic!("the account is disabled")
    };
    assert_eq!(
        ended_links.iter().map(|l| l.id).collect::<Vec<_>>(),
        vec![links[0]],
        "only her active links end"
    );
    let ended = ok(store.link(links[0]).await);
    assert_eq!(
        ended.map(|l| (l.ended_at, l.ended_by)),
        Some((Some(when), Some(EndedBy::Hospital)))
    );
    assert_eq!(
        ok(store.link(links[1]).await).and_then(|l| l.ended_by),
        Some(EndedBy::Mother),
        "a link she ended stays hers"
    );
    assert!(ok(store.link(links[2]).await).is_some_and(|l| l.is_active()));
    assert_eq!(ok(store.active_links_of_staff(physio.id).await), vec![]);
    assert_eq!(ok(store.staff_session("session-0", at(start)).await), None);
    assert!(
        ok(store.staff_session("session-1", at(start)).await).is_some(),
        "a colleague stays signed in"
    );
    let lines = ok(store.audit_of_profile(first.id, 10).await);
    assert_eq!(lines.len(), 1, "one line for the link that ended");
    let line = &lines[0].entry;
    assert_eq!(
        (line.staff, line.link, line.action.as_str(), line.at),
        (admin.id, Some(links[0]), "end-link", when)
    );
    assert_eq!(
        lines[0].staff_display_name, "Staff 1",
        "the admin who did it"
    );
    assert_eq!(ok(store.audit_of_profile(second.id, 10).await), vec![]);
    assert!(ok(store.staff(physio.id).await).is_some_and(|a| a.ended_at == Some(when)));
    assert_eq!(
        ok(store
            .disable_staff(physio.id, when, &audit_line(admin.id, start))
            .await),
        Disabled::NotActive,
        "disabled once"
    );
    assert!(ok(store.enable_staff(physio.id).await));
    assert!(!ok(store.enable_staff(physio.id).await), "enabled once");
    assert!(ok(store.staff(physio.id).await).is_some_and(|a| a.ended_at.is_none()));
    assert_eq!(
        ok(store.active_links_of_staff(physio.id).await),
        vec![],
        "enabling brings no link back"
    );
}

pub async fn the_last_active_admin_cannot_be_disabled(store: &impl Store) {
    let first = created_staff(store, 1, StaffRole::Admin).await;
    let second = created_staff(store, 2, StaffRole::Admin).await;
    let start = "2026-11-25T10:00:00Z";
    assert!(matches!(
        ok(store
            .disable_staff(second.id, at(start), &audit_line(first.id, start))
            .await),
        Disabled::Now { .. }
    ));
    assert_eq!(
        ok(store
            .disable_staff(first.id, at(start), &audit_line(second.id, start))
            .await),
        Disabled::LastAdmin
    );
    assert!(ok(store.staff(first.id).await).is_some_and(|a| a.ended_at.is_none()));
    assert_eq!(
        ok(store
            .disable_staff(
                StaffId(Uuid::from_u128(9)),
                at(start),
                &audit_line(first.id, start)
            )
            .await),
        Disabled::NotActive
    );
}

fn reset(hash: &str, staff: StaffId, by: StaffId, start: &str) -> PasswordReset {
    PasswordReset {
        token_hash: hash.into(),
        staff,
        created_by: by,
        created_at: at(start),
        expires_at: later(start, 24 * 60),
        used_at: None,
    }
}

pub async fn a_password_reset_works_once_and_signs_the_account_out(store: &impl Store) {
    let admin = created_staff(store, 1, StaffRole::Admin).await;
    let physio = created_staff(store, 2, StaffRole::Physiotherapist).await;
    let start = "2026-11-25T10:00:00Z";
    ok(store.set_totp_secret(physio.id, Some("OLDSECRET")).await);
    assert!(ok(store.use_totp_step(physio.id, 100).await));
    ok(store
        .create_password_reset(&reset("reset-1", physio.id, admin.id, start))
        .await);
    ok(store
        .create_password_reset(&reset("reset-2", physio.id, admin.id, start))
        .await);
    assert_eq!(
        ok(store.open_password_reset("reset-1", at(start)).await),
        None,
        "a newer link replaces an unused one"
    );
    assert_eq!(
        ok(store.open_password_reset("reset-2", at(start)).await),
        Some(reset("reset-2", physio.id, admin.id, start))
    );
    assert_eq!(
        ok(store
            .open_password_reset("reset-2", later(start, 24 * 60))
            .await),
        None,
        "expired after 24 hours"
    );
    ok(store
        .create_staff_session(&signed_in_session("session-1", physio.id, start))
        .await);
    assert_eq!(
        ok(store
            .use_password_reset("reset-2", later(start, 24 * 60), "new-hash", "NEWSECRET")
            .await),
        None,
        "expired"
    );
    assert_eq!(
        ok(store
            .use_password_reset("reset-2", later(start, 5), "new-hash", "NEWSECRET")
            .await),
        Some(physio.id)
    );
    let secrets = ok(store.staff_secrets(physio.id).await);
    assert_eq!(
        (
            secrets.password_hash.as_deref(),
            secrets.totp_secret.as_deref(),
            secrets.totp_last_step
        ),
        (Some("new-hash"), Some("NEWSECRET"), None)
    );
    assert_eq!(
        ok(store.staff_session("session-1", at(start)).await),
        None,
        "every session ended"
    );
    assert_eq!(
        ok(store
            .use_password_reset("reset-2", later(start, 6), "other", "OTHER")
            .await),
        None,
        "used once"
    );
    ok(store
        .create_password_reset(&reset("reset-3", physio.id, admin.id, start))
        .await);
    ok(store
        .disable_staff(physio.id, at(start), &audit_line(admin.id, start))
        .await);
    assert_eq!(
        ok(store.open_password_reset("reset-3", at(start)).await),
        None,
        "not for a disabled account"
    );
    assert_eq!(
        ok(store
            .use_password_reset("reset-3", at(start), "other", "OTHER")
            .await),
        None
    );
}

pub async fn sign_ins_passkey_names_and_other_sessions_are_kept_apart(store: &impl Store) {
    let physio = created_staff(store, 2, StaffRole::Physiotherapist).await;
    let start = "2026-11-25T10:00:00Z";
    ok(store.record_staff_sign_in(physio.id, later(start, 3)).await);
    assert_eq!(
        ok(store.staff(physio.id).await).and_then(|a| a.last_sign_in_at),
        Some(later(start, 3))
    );
    let named = StoredPasskey {
        name: "Practice PC".into(),
        ..passkey("cred-named")
    };
    ok(store
        .add_passkey(PasskeyOwner::Staff(physio.id), &named)
        .await);
    assert_eq!(
        ok(store.passkeys_of(PasskeyOwner::Staff(physio.id)).await),
        vec![named]
    );
    for n in 0..3 {
        ok(store
            .create_staff_session(&signed_in_session(format!("session-{n}"), physio.id, start))
            .await);
    }
    assert_eq!(
        ok(store.end_staff_sessions(physio.id, Some("session-1")).await),
        2
    );
    assert!(ok(store.staff_session("session-1", at(start)).await).is_some());
    assert_eq!(ok(store.staff_session("session-0", at(start)).await), None);
    assert_eq!(ok(store.end_staff_sessions(physio.id, None).await), 1);
    ok(store.set_totp_secret(physio.id, Some("PLAIN")).await);
    assert!(ok(store.use_totp_step(physio.id, 100).await));
    assert!(ok(store
        .replace_totp_secret(physio.id, "PLAIN", "sealed")
        .await));
    assert!(
        !ok(store
            .replace_totp_secret(physio.id, "PLAIN", "sealed-again")
            .await),
        "only while it is still the expected one"
    );
    let secrets = ok(store.staff_secrets(physio.id).await);
    assert_eq!(
        (secrets.totp_secret.as_deref(), secrets.totp_last_step),
        (Some("sealed"), Some(100)),
        "the last step is kept"
    );
}
