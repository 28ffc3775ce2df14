//! Conformance cases for the portal's list: the set-based answer equals what the per-mother reads
//! give, only the physiotherapist's active links come back, and audit lines written together are
//! each kept.

use super::access::{code, created_staff, later};
use super::{at, care_of, created, ok, outcome};
use crate::{
    AuditEntry, EndedBy, HoldChange, LinkId, ListDays, ListedMother, ProfileId, StaffId, Store,
    WeekTally,
};
use hangmat_core::follow_up::RatingCounts;
use hangmat_core::hold::HoldSetter;
use hangmat_core::outcome::{CoordinationTap, Rating};
use hangmat_core::policy::StaffRole;
use hangmat_core::prescription::Prescription;
use jiff::ToSpan;
use jiff::civil::{Date, date};
use std::sync::Mutex;
use uuid::Uuid;

/// Links `mother` with `physio` through a fresh code under `label`; the link's id.
async fn linked(
    store: &impl Store,
    mother: ProfileId,
    physio: StaffId,
    n: u128,
    label: &str,
) -> LinkId {
    let start = "2026-11-25T10:00:00Z";
    let hash = format!("code-{n}");
    ok(store.create_link_code(&code(&hash, mother, start)).await);
    let id = LinkId(Uuid::from_u128(n));
    ok(store
        .redeem_link_code(&hash, at(start), id, physio, label)
        .await);
    id
}

/// Sessions (with their ratings), taps and two holds for `profile`.
async fn activity(store: &impl Store, profile: ProfileId, seed: u128) {
    let received = at("2026-11-24T09:07:00Z");
    let days = [
        (date(2026, 11, 1), 10, Some(Rating::Hard)),
        (date(2026, 11, 17), 10, Some(Rating::Hard)),
        (date(2026, 11, 18), 10, Some(Rating::Easy)),
        (date(2026, 11, 20), 10, Some(Rating::Easy)),
        (date(2026, 11, 22), 4, Some(Rating::Hard)),
        (date(2026, 11, 23), 4, Some(Rating::Hard)),
        (date(2026, 11, 23), 10, None),
        (date(2026, 11, 23), 7, Some(Rating::Hard)),
        (date(2026, 11, 24), 7, Some(Rating::Fine)),
    ];
    for (n, (day, reps, rating)) in (0u128..).zip(days) {
        let id = Uuid::from_u128(seed + n);
        ok(store
            .save_outcome(profile, id, &outcome(day, reps, 10, rating), received)
            .await);
    }
    let taps = [date(2026, 11, 2), date(2026, 11, 21), date(2026, 11, 23)];
    for (n, day) in (0u128..).zip(taps) {
        let tap = CoordinationTap {
            at: received,
            local_date: day,
        };
        let id = Uuid::from_u128(seed + 100 + n);
        ok(store.save_tap(profile, id, &tap).await);
    }
    for hold in [4, 6] {
        let change = HoldChange {
            hold_counts: hold,
            set_by: HoldSetter::Mother,
            set_at: received,
        };
        ok(store.record_hold(profile, &change).await);
    }
    // Two Sandvik responses: the list shows the later one's score, saved first here.
    for (n, when, score) in [
        (201, "2026-11-23T08:00:00Z", 4),
        (200, "2026-11-01T08:00:00Z", 9),
    ] {
        let response = crate::StoredResponse {
            id: Uuid::from_u128(seed + n),
            questionnaire: crate::LIST_QUESTIONNAIRE.into(),
            occasion: None,
            authored_at: at(when),
            local_date: date(2026, 11, 1),
            score: Some(score),
            response: "{}".into(),
        };
        ok(store
            .save_questionnaire_response(profile, &response, received)
            .await);
    }
}

/// The days of a week of seven ending `today`, with 60 days of lookback.
fn days_to(today: Date) -> ListDays {
    let back = |days: i64| today.checked_sub(days.days()).unwrap_or(today);
    ListDays {
        week_start: back(6),
        today,
        lookback: back(60),
    }
}

/// The calendar of the case: Brussels is at 24 November, Kiritimati (for this case) at the 22nd,
/// anywhere else at the 1st of January. Records the zones asked.
fn calendar(asked: &Mutex<Vec<String>>, zone: &str) -> ListDays {
    if let Ok(mut asked) = asked.lock() {
        asked.push(zone.to_owned());
    }
    days_to(match zone {
        "Europe/Brussels" => date(2026, 11, 24),
        "Pacific/Kiritimati" => date(2026, 11, 22),
        _ => date(2026, 1, 1),
    })
}

/// Her row as the per-mother reads give it.
async fn read_one_by_one(store: &impl Store, mother: &ListedMother) -> ListedMother {
    let id = mother.profile.id;
    let days = mother.days;
    let tallies = ok(store.day_tallies(id, days.week_start, days.today).await);
    let outcomes = ok(store
        .outcomes_between(id, days.week_start, days.today)
        .await);
    let active = ok(store.day_tallies(id, days.lookback, days.today).await);
    let hold = ok(store.current_hold(id).await);
    let sessions = ok(store.physio_sessions(id).await);
    ListedMother {
        link: mother.link.clone(),
        profile: ok(store.profile(id).await).unwrap_or_else(|| panic!("no profile")),
        days,
        week: WeekTally {
            sessions: tallies.iter().map(|day| day.sessions).sum(),
            session_contractions: tallies.iter().map(|day| day.session_contractions).sum(),
            taps: tallies.iter().map(|day| day.coordination).sum(),
            ratings: RatingCounts::of(outcomes.iter().filter_map(|o| o.outcome.rating)),
        },
        last_active: active.last().map(|day| day.date),
        hold_counts: hold.map(|change| change.hold_counts),
        physio_sessions_done: u32::try_from(sessions.len()).unwrap_or(u32::MAX),
        prescription: ok(store.prescription(id).await),
        latest_score: ok(store
            .questionnaire_responses(id, crate::LIST_QUESTIONNAIRE)
            .await)
        .last()
        .and_then(|response| response.score),
    }
}

pub async fn listed_mothers_equal_the_per_mother_reads_of_active_links_only(store: &impl Store) {
    let physio = created_staff(store, 2, StaffRole::Physiotherapist).await;
    let other_physio = created_staff(store, 3, StaffRole::Physiotherapist).await;
    let busy = created(store, 1).await;
    let quiet = created(store, 2).await;
    let someone_elses = created(store, 3).await;
    let ended = created(store, 4).await;
    let shared = created(store, 5).await;
    let mut far = created(store, 6).await;
    far.time_zone = "Pacific/Kiritimati".into();
    ok(store.update_profile(&far).await);
    let mut elsewhere = someone_elses.clone();
    elsewhere.time_zone = "America/Montreal".into();
    ok(store.update_profile(&elsewhere).await);
    for (n, profile) in (0u128..).zip([busy.id, someone_elses.id, ended.id, shared.id, far.id]) {
        activity(store, profile, 0x1000 * (n + 1)).await;
    }
    // Quiet was active once, before the lookback.
    let long_ago = outcome(date(2026, 8, 1), 10, 10, None);
    ok(store
        .save_outcome(
            quiet.id,
            Uuid::from_u128(0x9999),
            &long_ago,
            at("2026-08-01T10:00:00Z"),
        )
        .await);
    let care = care_of(store, busy.id).await;
    linked(store, quiet.id, physio.id, 0x41, "A-2").await;
    linked(store, busy.id, physio.id, 0x42, "B-1").await;
    linked(store, someone_elses.id, other_physio.id, 0x43, "C-3").await;
    let ended_link = linked(store, ended.id, physio.id, 0x44, "D-4").await;
    linked(store, shared.id, physio.id, 0x45, "E-5").await;
    linked(store, shared.id, other_physio.id, 0x46, "E-5 too").await;
    linked(store, far.id, physio.id, 0x47, "F-6").await;
    ok(store
        .end_link(
            ended_link,
            later("2026-11-25T10:00:00Z", 1),
            EndedBy::Mother,
        )
        .await);

    let asked = Mutex::new(Vec::new());
    let listed = ok(store
        .listed_mothers(physio.id, &|zone| calendar(&asked, zone))
        .await);
    let mut zones = asked.lock().map(|zones| zones.clone()).unwrap_or_default();
    zones.sort();
    assert_eq!(
        zones,
        ["Europe/Brussels", "Pacific/Kiritimati"],
        "each zone of her mothers once, no other mother's"
    );
    let links = ok(store.active_links_of_staff(physio.id).await);
    assert_eq!(
        listed.iter().map(|m| m.link.clone()).collect::<Vec<_>>(),
        links,
        "her active links only, in the same order"
    );
    assert_eq!(
        listed.iter().map(|m| m.profile.id).collect::<Vec<_>>(),
        [quiet.id, busy.id, shared.id, far.id]
    );
    for mother in &listed {
        assert_eq!(*mother, read_one_by_one(store, mother).await);
    }
    let [quiet_row, busy_row, _, far_row] = &listed[..] else {
        panic!("four mothers");
    };
    assert_eq!(busy_row.days, days_to(date(2026, 11, 24)));
    let counts = |easy, fine, hard| RatingCounts { easy, fine, hard };
    assert_eq!(
        busy_row.week,
        WeekTally {
            // Done: the three complete ones (20 contractions each); the four begun ones count
            // their contractions only.
            sessions: 3,
            session_contractions: 20 + 20 + 14 + 14 + 20 + 17 + 17,
            taps: 2,
            ratings: counts(2, 1, 3),
        },
        "18 to 24 November, not the 17th"
    );
    assert_eq!(busy_row.last_active, Some(date(2026, 11, 24)));
    assert_eq!(
        busy_row.hold_counts,
        Some(8),
        "the physiotherapist's, set last"
    );
    assert_eq!(busy_row.physio_sessions_done, 2);
    assert_eq!(
        busy_row.latest_score,
        Some(4),
        "the latest response's score"
    );
    assert_eq!(busy_row.prescription, care.prescription);
    assert_eq!(
        (far_row.week.sessions, far_row.last_active),
        (3, Some(date(2026, 11, 22))),
        "her own week, 16 to 22 November (three sessions done there, one begun): days after her today are not hers yet"
    );
    assert_eq!(quiet_row.week, WeekTally::default());
    assert_eq!(
        (quiet_row.last_active, quiet_row.hold_counts),
        (None, None),
        "active only before the lookback"
    );
    assert_eq!(quiet_row.physio_sessions_done, 0);
    assert_eq!(quiet_row.latest_score, None);
    assert_eq!(quiet_row.prescription, Prescription::default());

    let theirs = ok(store
        .listed_mothers(other_physio.id, &|zone| calendar(&asked, zone))
        .await);
    assert_eq!(
        theirs.iter().map(|m| m.profile.id).collect::<Vec<_>>(),
        [someone_elses.id, shared.id]
    );
    assert_eq!(theirs[0].days, days_to(date(2026, 1, 1)), "her zone's days");
    assert_eq!(
        theirs[1].link.label, "E-5 too",
        "each sees her through her own link"
    );
    assert_eq!(theirs[1].week, listed[2].week);
    let nobody = created_staff(store, 4, StaffRole::Physiotherapist).await;
    assert!(
        ok(store
            .listed_mothers(nobody.id, &|zone| calendar(&asked, zone))
            .await)
        .is_empty()
    );
}

pub async fn audit_lines_written_together_are_each_kept(store: &impl Store) {
    let physio = created_staff(store, 2, StaffRole::Physiotherapist).await;
    let mothers = [created(store, 1).await, created(store, 2).await];
    ok(store.record_audits(&[]).await);
    let start = "2026-11-25T10:00:00Z";
    let entries: Vec<AuditEntry> = (0..1501)
        .map(|n| AuditEntry {
            at: later(start, n),
            staff: physio.id,
            profile: Some(mothers[usize::from(n % 2 == 1)].id),
            link: None,
            action: "read".into(),
            detail: (n != 3).then(|| format!("line {n}")),
        })
        .collect();
    ok(store.record_audits(&entries).await);
    let hers = ok(store.audit_of_profile(mothers[1].id, 1000).await);
    assert_eq!(hers.len(), 750, "more lines than one statement holds");
    assert_eq!(hers[0].entry, entries[1499]);
    assert_eq!(hers[749].entry, entries[1]);
    assert_eq!(hers[748].entry, entries[3], "an absent detail stays absent");
    let all = ok(store.audit_after(0, 2000).await);
    assert_eq!(
        all.into_iter().map(|(_, entry)| entry).collect::<Vec<_>>(),
        entries,
        "every line, in order"
    );
}
