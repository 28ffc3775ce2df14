//! The portal's list of her mothers over HTTP: what each row shows, cut to each mother's own last
//! seven days in her own time zone, her last activity however long ago, her hold, her
//! physiotherapy sessions and her own target; only the physiotherapist's active links; one audit
//! line per mother shown.

use crate::care::{app_and_store, prescribe};
use crate::harness::{NOW, TestApp, app_on, at};
use crate::portal_care::{link, signed_in_staff};
use crate::postgres::{database_url, fresh_schema, pg_store, temp_dir};
use axum::http::StatusCode;
use hangmat_core::hold::HoldSetter;
use hangmat_core::outcome::{CoordinationTap, Rating};
use hangmat_core::policy::StaffRole;
use hangmat_core::prescription::{Field, Value};
use hangmat_core::programme::BROCHURE_PROGRAMME;
use hangmat_server::clock::ManualClock;
use hangmat_store::conformance::outcome;
use hangmat_store::{EndedBy, HoldChange, Profile, ProfileId, Store};
use jiff::civil::Date;
use std::sync::Arc;

/// 10:30 UTC: already 26 November on Kiritimati (UTC+14), still 24 November in Pago Pago (UTC-11).
const LIST_TIME: &str = "2026-11-25T10:30:00Z";

fn day(text: &str) -> Date {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

async fn mother(store: &dyn Store, seed: u8, zone: &str, birth: &str, created: &str) -> ProfileId {
    let profile = Profile {
        id: ProfileId(uuid::Uuid::from_bytes([seed; 16])),
        created_at: at(created),
        language: "nl".into(),
        birth_date: day(birth),
        time_zone: zone.into(),
    };
    store
        .create_profile(&profile, &format!("recovery-{seed}"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    profile.id
}

/// A session on her local day `date`: `strength` + 10 endurance contractions.
async fn session(store: &dyn Store, profile: ProfileId, date: &str, strength: u32, rating: Rating) {
    let outcome = outcome(day(date), strength, 10, Some(rating));
    store
        .save_outcome(profile, uuid::Uuid::new_v4(), &outcome, at(LIST_TIME))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

async fn tap(store: &dyn Store, profile: ProfileId, date: &str) {
    let tap = CoordinationTap {
        at: at("2026-11-01T12:00:00Z"),
        local_date: day(date),
    };
    store
        .save_tap(profile, uuid::Uuid::new_v4(), &tap)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

/// The list's rows, each as its cells' text (tags taken out, spaces collapsed); group headings
/// are left out (see [`group_titles`]).
fn rows(html: &str) -> Vec<Vec<String>> {
    let table = html
        .split("</thead>")
        .nth(1)
        .and_then(|rest| rest.split("</table>").next())
        .unwrap_or_else(|| panic!("no table body: {html}"));
    let cell =
        regex::Regex::new(r"(?s)<t[hd][^>]*>(.*?)</t[hd]>").unwrap_or_else(|e| panic!("{e}"));
    let tag = regex::Regex::new(r"<[^>]+>").unwrap_or_else(|e| panic!("{e}"));
    let row = regex::Regex::new(r#"(?s)<tr( class="[^"]*")?>(.*?)</tr>"#)
        .unwrap_or_else(|e| panic!("{e}"));
    row.captures_iter(table)
        .filter(|r| {
            r.get(1)
                .is_none_or(|class| !class.as_str().contains("group"))
        })
        .map(|r| {
            cell.captures_iter(&r[2])
                .map(|c| {
                    let text = tag.replace_all(&c[1], " ");
                    text.split_whitespace().collect::<Vec<_>>().join(" ")
                })
                .collect()
        })
        .collect()
}

/// The list's group headings, in order.
fn group_titles(html: &str) -> Vec<String> {
    let group =
        regex::Regex::new(r#"<tr class="group"><th scope="rowgroup" colspan="9">([^<]*)</th>"#)
            .unwrap_or_else(|e| panic!("{e}"));
    group.captures_iter(html).map(|c| c[1].to_owned()).collect()
}

fn labels(html: &str) -> Vec<String> {
    rows(html).into_iter().map(|row| row[0].clone()).collect()
}

#[tokio::test]
async fn each_row_shows_her_own_last_seven_days_and_only_active_links_are_listed_and_audited() {
    let (app, store) = app_and_store().await;
    list_rows_and_audit(app, store).await;
}

#[tokio::test]
async fn the_list_shows_and_audits_the_same_on_postgresql() {
    let store: Arc<dyn Store> = Arc::new(pg_store(&database_url(), &fresh_schema()).await);
    let clock = Arc::new(ManualClock::at(at(NOW)));
    let app = app_on(store.clone(), BROCHURE_PROGRAMME, clock, temp_dir());
    list_rows_and_audit(app, store).await;
}

async fn list_rows_and_audit(app: TestApp, store: Arc<dyn Store>) {
    let store = store.as_ref();
    let (physio, cookie) = signed_in_staff(store, 1, "An", StaffRole::Physiotherapist).await;
    let (other_physio, _) = signed_in_staff(store, 2, "Ilse", StaffRole::Physiotherapist).await;
    let started = "2026-11-01T08:00:00Z";

    // Anna (UTC, today 25 November): a hard session the day before her week is left out.
    let anna = mother(store, 1, "UTC", "2026-11-18", started).await;
    session(store, anna, "2026-11-18", 10, Rating::Hard).await;
    session(store, anna, "2026-11-19", 10, Rating::Hard).await;
    session(store, anna, "2026-11-25", 10, Rating::Hard).await;
    session(store, anna, "2026-11-25", 4, Rating::Easy).await;
    tap(store, anna, "2026-11-22").await;
    tap(store, anna, "2026-11-25").await;
    // Bea (Kiritimati, today 26 November): her week is 20 to 26 November.
    let bea = mother(store, 2, "Pacific/Kiritimati", "2026-11-18", started).await;
    session(store, bea, "2026-11-19", 10, Rating::Hard).await;
    session(store, bea, "2026-11-20", 10, Rating::Hard).await;
    session(store, bea, "2026-11-26", 10, Rating::Hard).await;
    // Cato (Pago Pago, today 24 November): a day after her today (she moved zones) is not hers yet.
    let cato = mother(store, 3, "Pacific/Pago_Pago", "2026-11-18", started).await;
    session(store, cato, "2026-11-18", 10, Rating::Fine).await;
    session(store, cato, "2026-11-25", 10, Rating::Hard).await;
    // Dora: last active weeks ago; her hold, physiotherapy sessions and own prescription.
    let dora = mother(store, 4, "Europe/Brussels", "2026-11-18", started).await;
    session(store, dora, "2026-11-05", 10, Rating::Hard).await;
    tap(store, dora, "2026-11-06").await;
    // Dora answered the Sandvik index twice: the list shows the later score.
    for (n, when, score) in [
        (2, "2026-11-20T09:00:00Z", 3),
        (1, "2026-11-02T09:00:00Z", 8),
    ] {
        let response = hangmat_store::StoredResponse {
            id: uuid::Uuid::from_u128(0x5a0 + n),
            questionnaire: "sandvik".into(),
            occasion: None,
            authored_at: at(when),
            local_date: jiff::civil::date(2026, 11, 20),
            score: Some(score),
            response: "{}".into(),
        };
        store
            .save_questionnaire_response(dora, &response, at(when))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    store
        .record_hold(
            dora,
            &HoldChange {
                hold_counts: 4,
                set_by: HoldSetter::Mother,
                set_at: at("2026-11-05T09:00:00Z"),
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    prescribe(
        store,
        dora,
        &[(Field::SetsPerDay, Value::Count(4))],
        Some(6),
        "2026-11-20T09:00:00Z",
    )
    .await;
    // Elke: active 70 days ago, beyond the 60 days the list looks back: counted from her start.
    let elke = mother(
        store,
        5,
        "Europe/Brussels",
        "2026-08-10",
        "2026-08-17T08:00:00Z",
    )
    .await;
    session(store, elke, "2026-09-16", 10, Rating::Easy).await;
    // Fien: started two days ago, nothing yet.
    let fien = mother(
        store,
        6,
        "Europe/Brussels",
        "2026-11-18",
        "2026-11-23T09:00:00Z",
    )
    .await;
    // Gerda ended her link; Hanne is another physiotherapist's.
    let gerda = mother(store, 7, "Europe/Brussels", "2026-11-18", started).await;
    session(store, gerda, "2026-11-24", 10, Rating::Hard).await;
    let hanne = mother(store, 8, "Europe/Brussels", "2026-11-18", started).await;
    session(store, hanne, "2026-11-24", 10, Rating::Hard).await;

    let mut links = Vec::new();
    for (profile, label) in [
        (anna, "Anna"),
        (bea, "bea"),
        (cato, "Cato"),
        (dora, "Dora"),
        (elke, "Elke"),
        (fien, "Fien"),
        (gerda, "Gerda"),
    ] {
        links.push(link(store, profile, physio, label).await);
    }
    link(store, hanne, other_physio, "Hanne").await;
    let dora_link = links[3];
    for number in [1, 2] {
        let saved = app
            .post_form(
                &format!("/portal/mothers/{}/sessions", dora_link.0),
                Some(&cookie),
                &format!("number={number}&date=2026-11-2{number}&contraction=correct"),
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    }
    store
        .end_link(links[6], at("2026-11-25T09:00:00Z"), EndedBy::Mother)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    app.clock.set(at(LIST_TIME));

    // Opened, the list shows first who needs a look (longest quiet first), then the others.
    let list = app.get("/portal/mothers", Some(&cookie)).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(list.shows("6 moeders"));
    assert!(list.shows("1–6 van 6"));
    assert_eq!(
        labels(&list.body),
        ["Elke", "Dora", "Cato", "Anna", "bea", "Fien"]
    );
    assert_eq!(
        group_titles(&list.body),
        ["Vragen aandacht: 5 moeders", "De anderen"]
    );
    let physio_due = app.get("/portal/mothers?flag=physio", Some(&cookie)).await;
    assert_eq!(
        labels(&physio_due.body),
        ["Elke"],
        "week 6 reached, no session yet"
    );

    let list = app.get("/portal/mothers?sort=label", Some(&cookie)).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(
        group_titles(&list.body).is_empty(),
        "a column's order has no groups"
    );
    let hard = "Herhaaldelijk als zwaar beoordeeld";
    let inactive = "3 dagen geen activiteit";
    let expected = [
        [
            "Anna",
            "7",
            "0,3", // 2 done in 7 days; the one with 4 squeezes was begun, not done
            "8",
            "3",
            &format!("makkelijk 1 · goed 0 · zwaar 2 {hard}"),
            "vandaag",
            "0 / 9",
            "– niet ingevuld",
        ],
        [
            "bea",
            "8",
            "0,3",
            "5",
            "3",
            &format!("makkelijk 0 · goed 0 · zwaar 2 {hard}"),
            "vandaag",
            "0 / 9",
            "– niet ingevuld",
        ],
        [
            "Cato",
            "6",
            "0,1",
            "2",
            "3",
            "makkelijk 0 · goed 1 · zwaar 0",
            &format!("6 dagen geleden {inactive}"),
            "0 / 9",
            "– niet ingevuld",
        ],
        [
            "Dora",
            "7",
            "0,0 (haar doel 4)",
            "0 (haar doel 80)",
            "6",
            "makkelijk 0 · goed 0 · zwaar 0",
            &format!("19 dagen geleden {inactive}"),
            "2 / 9",
            "3",
        ],
        [
            "Elke",
            "107",
            "0,0",
            "0",
            "3",
            "makkelijk 0 · goed 0 · zwaar 0",
            &format!("100 dagen geleden {inactive}"),
            "0 / 9 Kinesitherapie te starten",
            "– niet ingevuld",
        ],
        [
            "Fien",
            "7",
            "0,0",
            "0",
            "3",
            "makkelijk 0 · goed 0 · zwaar 0",
            "2 dagen geleden",
            "0 / 9",
            "– niet ingevuld",
        ],
    ];
    assert_eq!(rows(&list.body), expected, "{}", list.body);
    assert!(!list.shows("Gerda") && !list.shows("Hanne"));

    let inactive_only = app
        .get("/portal/mothers?flag=inactive&sort=activity", Some(&cookie))
        .await;
    assert_eq!(
        labels(&inactive_only.body),
        ["Elke", "Dora", "Cato"],
        "longest quiet first"
    );

    // One audit line per mother shown on a page of the list; none for a list she was not on (the
    // lists above: attention first, physiotherapy due, by label, inactive).
    let shown_in = [2, 2, 3, 3, 4, 2];
    for ((profile, link), lists) in [anna, bea, cato, dora, elke, fien]
        .into_iter()
        .zip(&links)
        .zip(shown_in)
    {
        let lines = store
            .audit_of_profile(profile, 100)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let listed: Vec<_> = lines
            .iter()
            .filter(|line| line.entry.detail.as_deref() == Some("GET /portal/mothers"))
            .collect();
        assert_eq!(listed.len(), lists, "the lists she was shown on");
        assert!(listed.iter().all(|line| {
            line.entry.staff == physio
                && line.entry.link == Some(*link)
                && line.entry.action == "read"
                && line.entry.at == at(LIST_TIME)
        }));
    }
    for profile in [gerda, hanne] {
        let lines = store
            .audit_of_profile(profile, 100)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            lines
                .iter()
                .all(|line| line.entry.detail.as_deref() != Some("GET /portal/mothers")),
            "{lines:?}"
        );
    }
}

#[tokio::test]
async fn fifty_mothers_a_page_and_only_those_shown_are_audited() {
    let (app, store) = app_and_store().await;
    let store = store.as_ref();
    let (physio, cookie) = signed_in_staff(store, 1, "An", StaffRole::Physiotherapist).await;
    let mut profiles = Vec::new();
    for seed in 1..=55u8 {
        let profile = mother(
            store,
            seed,
            "Europe/Brussels",
            "2026-11-18",
            "2026-11-24T08:00:00Z",
        )
        .await;
        link(store, profile, physio, &format!("Dossier {seed:03}")).await;
        profiles.push(profile);
    }
    app.clock.set(at(LIST_TIME));
    let first = app.get("/portal/mothers?sort=label", Some(&cookie)).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert!(first.shows("1–50 van 55"));
    let shown = labels(&first.body);
    assert_eq!(shown.len(), 50);
    assert_eq!(shown[0], "Dossier 001");
    assert!(first.contains(r#"aria-current="page" aria-label="Pagina 1""#));
    let second = app
        .get("/portal/mothers?sort=label&page=2", Some(&cookie))
        .await;
    assert!(second.shows("51–55 van 55"));
    assert_eq!(
        labels(&second.body),
        [
            "Dossier 051",
            "Dossier 052",
            "Dossier 053",
            "Dossier 054",
            "Dossier 055"
        ]
    );
    // A page beyond the last shows the last.
    let beyond = app
        .get("/portal/mothers?sort=label&page=9", Some(&cookie))
        .await;
    assert_eq!(labels(&beyond.body).len(), 5);
    // Each list wrote one line per mother it showed: the first 50 once, the last 5 twice.
    for (index, profile) in profiles.into_iter().enumerate() {
        let listed = store
            .audit_of_profile(profile, 100)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .filter(|line| line.entry.detail.as_deref() == Some("GET /portal/mothers"))
            .count();
        assert_eq!(listed, if index < 50 { 1 } else { 2 }, "mother {index}");
    }
}
