//! Conformance cases for staff accounts, sessions, invitations, passkeys, links, the audit log and
//! rate limits (migration 0003): what both backends must guarantee about access.

use super::{at, created, ok};
use crate::{
    AuditEntry, Ceremony, EndedBy, Invitation, LinkCode, LinkId, PasskeyOwner, SessionStage,
    StaffAccount, StaffId, StaffSecrets, StaffSession, Store, StoreError, StoredPasskey,
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
    let session = StaffSession {
        token_hash: "session-1".into(),
        staff: physio.id,
        stage: SessionStage::SignedIn,
        created_at: at(start),
        expires_at: later(start, 60),
    };
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
    ok(store.end_staff(physio.id, at(start)).await);
    assert_eq!(
        ok(store.staff_session("session-1", at(start)).await),
        None,
        "an ended account is signed out everywhere"
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
        .create_staff_session(&StaffSession {
            token_hash: "session-1".into(),
            staff: admin.id,
            stage: SessionStage::SignedIn,
            created_at: at(start),
            expires_at: later(start, 60),
        })
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
    assert_eq!(dump.rate_counters[0].count, 1);
    assert_eq!(dump.ceremonies.len(), 1);
}
