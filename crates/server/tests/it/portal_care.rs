//! Her care on the portal over HTTP: a linked physiotherapist changes her programme (every change
//! recorded and shown as a history), records physiotherapy sessions (Oxford, PERFECT), prints a
//! summary; the mother's app follows from her next page; nobody else gets in.

use crate::care::{app_and_store, profile_of};
use crate::harness::{NOW, at};
use axum::http::StatusCode;
use hangmat_core::policy::StaffRole;
use hangmat_server::http::visitor::secret_hash;
use hangmat_store::{
    LinkCode, LinkId, ProfileId, SessionStage, StaffAccount, StaffId, StaffSession, Store,
};
use jiff::SignedDuration;

/// A signed-in physiotherapist (or admin) named `name`; returns her id and her portal cookie.
pub(crate) async fn signed_in_staff(
    store: &dyn Store,
    seed: u8,
    name: &str,
    role: StaffRole,
) -> (StaffId, String) {
    let id = StaffId(uuid::Uuid::from_bytes([0x70 + seed; 16]));
    let account = StaffAccount {
        id,
        role,
        username: format!("physio{seed}"),
        display_name: name.into(),
        language: "nl".into(),
        created_at: at(NOW),
        ended_at: None,
        last_sign_in_at: None,
    };
    store
        .create_staff(&account, &Default::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let token = format!("staff-token-{seed}");
    store
        .create_staff_session(&StaffSession {
            token_hash: secret_hash(&token),
            staff: id,
            stage: SessionStage::SignedIn,
            created_at: at(NOW),
            expires_at: at(NOW)
                .checked_add(SignedDuration::from_hours(8))
                .unwrap_or(at(NOW)),
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    (id, format!("hangmat_staff={token}"))
}

/// Links a mother with a physiotherapist as her code would.
pub(crate) async fn link(
    store: &dyn Store,
    profile: ProfileId,
    staff: StaffId,
    label: &str,
) -> LinkId {
    let code = format!("code-{}", profile.0);
    store
        .create_link_code(&LinkCode {
            code_hash: secret_hash(&code),
            profile,
            created_at: at(NOW),
            expires_at: at("2026-11-26T10:00:00Z"),
            used_at: None,
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let new = LinkId(uuid::Uuid::new_v4());
    match store
        .redeem_link_code(&secret_hash(&code), at(NOW), new, staff, label)
        .await
    {
        Ok(Some(link)) => link.id,
        other => panic!("link: {other:?}"),
    }
}

/// The hidden basis of the editor's form: what her programme rested on when it was opened.
pub(crate) fn basis_of(editor: &str) -> String {
    let start = editor
        .find(r#"name="basis" value=""#)
        .map(|i| i + r#"name="basis" value=""#.len())
        .unwrap_or_else(|| panic!("the editor carries no basis"));
    let end = editor[start..].find('"').unwrap_or(0) + start;
    editor[start..end].to_owned()
}

/// The editor's form as a physiotherapist sends it: every field, with `changes` replacing values,
/// on the `basis` of the editor she opened.
pub(crate) fn programme_form(basis: &str, changes: &[(&str, &str)]) -> String {
    let mut fields: Vec<(String, String)> = [
        ("basis", basis),
        ("hold", "3"),
        ("sets_per_day", "3"),
        ("positions", "back"),
        ("positions", "side"),
        ("positions", "sitting"),
        ("positions", "standing"),
        ("strength.included", "yes"),
        ("strength.reps", "10"),
        ("strength.contract_counts", "3"),
        ("strength.relax_counts", "6"),
        ("endurance.included", "yes"),
        ("endurance.reps", "10"),
        ("endurance.relax_counts", "20"),
        ("fast.reps", "10"),
        ("fast.contract_counts", "1"),
        ("fast.relax_counts", "2"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    for (key, value) in changes {
        match fields
            .iter_mut()
            .find(|(k, _)| k == key && *key != "positions")
        {
            Some(field) => field.1 = (*value).to_owned(),
            None => fields.push(((*key).to_owned(), (*value).to_owned())),
        }
    }
    serde_urlencoded::to_string(&fields).unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn a_physiotherapist_changes_her_programme_and_she_is_told_who_changed_what() {
    let (app, store) = app_and_store().await;
    let (mother, _) = app.onboard("2026-11-10").await;
    let profile = profile_of(store.as_ref(), &mother).await;
    let (physio, cookie) =
        signed_in_staff(store.as_ref(), 1, "An", StaffRole::Physiotherapist).await;
    let link = link(store.as_ref(), profile, physio, "Dossier 17").await;
    let base = format!("/portal/mothers/{}", link.0);

    let editor = app.get(&format!("{base}/programme"), Some(&cookie)).await;
    assert_eq!(editor.status, StatusCode::OK, "{}", editor.body);
    assert!(editor.shows("Dossier 17"));
    assert!(editor.contains(r#"name="hold" value="3""#));
    assert!(editor.shows("Nog geen wijzigingen: ze volgt het programmabestand."));

    // A value outside the physiotherapist's limits is refused, shown beside its field, not kept.
    let refused = app
        .post_form(
            &format!("{base}/programme"),
            Some(&cookie),
            &programme_form(
                &basis_of(&editor.body),
                &[("hold", "0"), ("strength.reps", "12")],
            ),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.shows("Tussen 1 en 60."));
    assert!(
        refused.contains(r#"name="strength.reps" value="12""#),
        "keeps what was typed"
    );
    assert!(
        store
            .prescription_history(profile, 10)
            .await
            .unwrap_or_else(|e| panic!("store: {e}"))
            .is_empty()
    );

    let saved = app
        .post_form(
            &format!("{base}/programme"),
            Some(&cookie),
            &programme_form(
                &basis_of(&refused.body),
                &[
                    ("hold", "8"),
                    ("strength.reps", "12"),
                    ("fast.included", "yes"),
                    ("positions", "kneeling"),
                ],
            ),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        saved.header("location"),
        format!("{base}/programme?saved=4")
    );
    let editor = app
        .get(&format!("{base}/programme?saved=4"), Some(&cookie))
        .await;
    assert!(editor.shows("4 wijzigingen bewaard."));
    for cell in [
        "<td>An</td>",
        "<td>de vasthoudtijd</td>",
        "<td>3 tellen</td>",
        "<td>8 tellen</td>",
    ] {
        assert!(editor.contains(cell), "history lacks {cell}");
    }
    assert!(editor.contains(r#"name="hold" value="8""#));

    // Her app, from her next page.
    let today = app.get("/today", Some(&mother)).await;
    assert!(today.shows(
        "Je kinesitherapeut An heeft de vasthoudtijd veranderd van 3 naar 8 tellen op 25 november."
    ));
    assert!(today.shows(
        "Je kinesitherapeut An heeft snelle aanspanningen aan je oefensessies toegevoegd op 25 november."
    ));
    let session = app.get("/session", Some(&mother)).await;
    assert!(session.contains("\"exercise\":\"fast\""));
    assert!(session.contains("value=\"kneeling\""));

    // Saving the same values again records nothing new.
    let again = app
        .post_form(
            &format!("{base}/programme"),
            Some(&cookie),
            &programme_form(
                &basis_of(&editor.body),
                &[
                    ("hold", "8"),
                    ("strength.reps", "12"),
                    ("fast.included", "yes"),
                    ("positions", "kneeling"),
                ],
            ),
        )
        .await;
    assert_eq!(
        again.header("location"),
        format!("{base}/programme?saved=0")
    );
    let history = |expected: usize| {
        let store = store.clone();
        async move {
            assert_eq!(
                store
                    .prescription_history(profile, 10)
                    .await
                    .unwrap_or_else(|e| panic!("store: {e}"))
                    .len(),
                expected
            );
        }
    };
    history(4).await;

    // Two editors open at once (two tabs, or two colleagues): the first save lands; the second,
    // made on what the first changed, is told so, keeps what was typed and stores nothing.
    let first_tab = app.get(&format!("{base}/programme"), Some(&cookie)).await;
    let second_tab = app.get(&format!("{base}/programme"), Some(&cookie)).await;
    let first = app
        .post_form(
            &format!("{base}/programme"),
            Some(&cookie),
            &programme_form(
                &basis_of(&first_tab.body),
                &[
                    ("hold", "8"),
                    ("strength.reps", "14"),
                    ("fast.included", "yes"),
                    ("positions", "kneeling"),
                ],
            ),
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    history(5).await;
    let second = app
        .post_form(
            &format!("{base}/programme"),
            Some(&cookie),
            &programme_form(
                &basis_of(&second_tab.body),
                &[
                    ("hold", "6"),
                    ("strength.reps", "12"),
                    ("fast.included", "yes"),
                    ("positions", "kneeling"),
                ],
            ),
        )
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.body);
    assert!(second.shows("Iemand anders heeft haar programma gewijzigd"));
    assert!(
        second.contains(r#"name="hold" value="6""#),
        "keeps what was typed"
    );
    assert!(
        second.shows("14"),
        "the history shows what changed meanwhile"
    );
    history(5).await;
    assert_ne!(basis_of(&second.body), basis_of(&second_tab.body));
    // Saved again from the page that told her, it lands.
    let again = app
        .post_form(
            &format!("{base}/programme"),
            Some(&cookie),
            &programme_form(
                &basis_of(&second.body),
                &[
                    ("hold", "6"),
                    ("strength.reps", "12"),
                    ("fast.included", "yes"),
                    ("positions", "kneeling"),
                ],
            ),
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    history(7).await;
}

#[tokio::test]
async fn physiotherapy_sessions_are_recorded_and_the_summary_shows_oxford_and_perfect() {
    let (app, store) = app_and_store().await;
    let (mother, _) = app.onboard("2026-10-01").await;
    let profile = profile_of(store.as_ref(), &mother).await;
    let (physio, cookie) =
        signed_in_staff(store.as_ref(), 1, "An", StaffRole::Physiotherapist).await;
    let link = link(store.as_ref(), profile, physio, "Dossier 17").await;
    let base = format!("/portal/mothers/{}", link.0);

    let form = app.get(&format!("{base}/sessions"), Some(&cookie)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.shows("0 van 9 sessies genoteerd"));
    assert_eq!(
        form.body.matches("<option value=").count(),
        9,
        "nine sessions, from the programme"
    );

    let tenth = app
        .post_form(
            &format!("{base}/sessions"),
            Some(&cookie),
            "number=10&date=2026-11-24&contraction=correct&oxford=6",
        )
        .await;
    assert_eq!(tenth.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(tenth.shows("Kies een sessie van 1 tot 9."));
    assert!(tenth.shows("Tussen 0 en 5."));
    assert!(
        store
            .physio_sessions(profile)
            .await
            .unwrap_or_else(|e| panic!("store: {e}"))
            .is_empty()
    );

    let saved = app
        .post_form(
            &format!("{base}/sessions"),
            Some(&cookie),
            "number=1&date=2026-11-24&contraction=faults&faults=holds_breath&can_relax=yes&knack_on_cough=no&oxford=3&endurance_seconds=6&repetitions=4&fast=3&pain=2&notes=Goed+bewustzijn&home_programme=3+x+10%2C+hold+6",
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let list = app
        .get(&format!("{base}/sessions?saved=1"), Some(&cookie))
        .await;
    assert!(list.shows("Sessie 1 bewaard."));
    assert!(list.shows("1 van 9 sessies genoteerd"));
    assert!(list.contains("<td>P3 E6 R4 F3</td>"));
    assert!(list.shows("houdt de adem in"));

    let list = app.get("/portal/mothers", Some(&cookie)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.contains("1 / 9"), "the list's sessions column");
    let export = app.get("/settings/export", Some(&mother)).await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(
        export.contains(r#""perfect":"P3 E6 R4 F3""#),
        "{}",
        export.body
    );

    let summary = app.get(&format!("{base}/summary"), Some(&cookie)).await;
    assert_eq!(summary.status, StatusCode::OK);
    for text in [
        "Samenvatting voor het medisch dossier",
        "P3 E6 R4 F3",
        "Therapietrouw, de laatste 28 oefendagen",
        "Huidige vasthoudtijd: 3 tellen",
        "Goed bewustzijn",
    ] {
        assert!(summary.shows(text), "summary lacks {text}");
    }
    // What she was given to do at home reaches her, on Today and on Progress.
    for page in ["/today", "/progress"] {
        let hers = app.get(page, Some(&mother)).await;
        assert!(hers.shows("Van je kinesitherapeut"), "{page}");
        assert!(hers.shows("3 x 10, hold 6"), "{page}: the home programme");
    }
}

#[tokio::test]
async fn only_her_linked_physiotherapist_reaches_her_care_pages() {
    let (app, store) = app_and_store().await;
    let (mother, _) = app.onboard("2026-11-10").await;
    let profile = profile_of(store.as_ref(), &mother).await;
    let (physio, _) = signed_in_staff(store.as_ref(), 1, "An", StaffRole::Physiotherapist).await;
    let (_, stranger) =
        signed_in_staff(store.as_ref(), 2, "Bart", StaffRole::Physiotherapist).await;
    let (_, admin) = signed_in_staff(store.as_ref(), 3, "Admin", StaffRole::Admin).await;
    let link = link(store.as_ref(), profile, physio, "Dossier 17").await;
    let base = format!("/portal/mothers/{}", link.0);
    for page in ["programme", "sessions", "summary"] {
        let path = format!("{base}/{page}");
        for cookie in [&stranger, &admin] {
            let reply = app.get(&path, Some(cookie)).await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
            assert!(!reply.contains("Dossier 17"));
        }
        let reply = app.get(&path, Some(&mother)).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{path} as the mother");
        assert_eq!(reply.header("location"), "/portal/login");
    }
    let write = app
        .post_form(
            &format!("{base}/programme"),
            Some(&stranger),
            &programme_form("hold=-", &[("hold", "9")]),
        )
        .await;
    assert_eq!(write.status, StatusCode::NOT_FOUND);
    assert!(
        store
            .prescription_history(profile, 10)
            .await
            .unwrap_or_else(|e| panic!("store: {e}"))
            .is_empty()
    );
}
