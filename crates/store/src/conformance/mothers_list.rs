//! Conformance cases for the portal's list: the set-based answer equals what the per-mother reads
//! give, only the physiotherapist's active links come back, and audit lines written together are
//! each kept.

use super::access::{code, created_staff, later};
use super::{at, care_of, created, ok, outcome};
use crate::{AuditEntry, EndedBy, HoldChange, LinkId, ProfileId, StaffId, Store};
use hangmat_core::follow_up::RatingCounts;
use hangmat_core::hold::HoldSetter;
use hangmat_core::outcome::{CoordinationTap, Rating};
use hangmat_core::policy::StaffRole;
use hangmat_core::prescription::Prescription;
use jiff::civil::{Date, date};
use std::collections::BTreeMap;
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

/// Sessions on `days` (with their ratings), a tap on each day, and two holds, for `profile`.
async fn activity(store: &impl Store, profile: ProfileId, seed: u128) {
    let received = at("2026-11-24T09:07:00Z");
    let days = [
        (date(2026, 11, 1), 10, Some(Rating::Hard)),
        (date(2026, 11, 20), 10, Some(Rating::Easy)),
        (date(2026, 11, 22), 10, Some(Rating::Easy)),
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
    for (n, day) in (0u128..).zip([date(2026, 11, 2), date(2026, 11, 21), date(2026, 11, 23)]) {
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
}

/// Her ratings in `from..=to`, counted per day, from her outcomes one by one.
async fn ratings_per_day(
    store: &impl Store,
    profile: ProfileId,
    from: Date,
    to: Date,
) -> Vec<(Date, RatingCounts)> {
    let mut per_day: BTreeMap<Date, Vec<Rating>> = BTreeMap::new();
    for stored in ok(store.outcomes_between(profile, from, to).await) {
        if let Some(rating) = stored.outcome.rating {
            per_day
                .entry(stored.outcome.local_date)
                .or_default()
                .push(rating);
        }
    }
    per_day
        .into_iter()
        .map(|(day, ratings)| (day, RatingCounts::of(ratings)))
        .collect()
}

pub async fn listed_mothers_equal_the_per_mother_reads_of_active_links_only(store: &impl Store) {
    let physio = created_staff(store, 2, StaffRole::Physiotherapist).await;
    let other_physio = created_staff(store, 3, StaffRole::Physiotherapist).await;
    let busy = created(store, 1).await;
    let quiet = created(store, 2).await;
    let someone_elses = created(store, 3).await;
    let ended = created(store, 4).await;
    let shared = created(store, 5).await;
    for (n, profile) in (0u128..).zip([busy.id, someone_elses.id, ended.id, shared.id]) {
        activity(store, profile, 0x1000 * (n + 1)).await;
    }
    let care = care_of(store, busy.id).await;
    linked(store, quiet.id, physio.id, 0x41, "A-2").await;
    linked(store, busy.id, physio.id, 0x42, "B-1").await;
    linked(store, someone_elses.id, other_physio.id, 0x43, "C-3").await;
    let ended_link = linked(store, ended.id, physio.id, 0x44, "D-4").await;
    linked(store, shared.id, physio.id, 0x45, "E-5").await;
    linked(store, shared.id, other_physio.id, 0x46, "E-5 too").await;
    ok(store
        .end_link(
            ended_link,
            later("2026-11-25T10:00:00Z", 1),
            EndedBy::Mother,
        )
        .await);

    let (from, to) = (date(2026, 11, 21), date(2026, 11, 24));
    let listed = ok(store.listed_mothers(physio.id, from, to).await);
    let links = ok(store.active_links_of_staff(physio.id).await);
    assert_eq!(
        listed.iter().map(|m| m.link.clone()).collect::<Vec<_>>(),
        links,
        "her active links only, in the same order"
    );
    assert_eq!(
        listed.iter().map(|m| m.profile.id).collect::<Vec<_>>(),
        [quiet.id, busy.id, shared.id]
    );
    let before = from.yesterday().unwrap_or(from);
    for mother in &listed {
        let id = mother.profile.id;
        assert_eq!(Some(&mother.profile), ok(store.profile(id).await).as_ref());
        assert_eq!(mother.days, ok(store.day_tallies(id, from, to).await));
        assert_eq!(mother.ratings, ratings_per_day(store, id, from, to).await);
        let earlier = ok(store.day_tallies(id, date(2000, 1, 1), before).await);
        assert_eq!(mother.active_before, earlier.last().map(|day| day.date));
        let hold = ok(store.current_hold(id).await);
        assert_eq!(mother.hold_counts, hold.map(|change| change.hold_counts));
        let sessions = ok(store.physio_sessions(id).await);
        assert_eq!(
            u32::try_from(sessions.len()).ok(),
            Some(mother.physio_sessions_done)
        );
        assert_eq!(mother.prescription, ok(store.prescription(id).await));
    }
    let busy_row = &listed[1];
    assert_eq!(
        busy_row.days.iter().map(|d| d.date).collect::<Vec<_>>(),
        [
            date(2026, 11, 21),
            date(2026, 11, 22),
            date(2026, 11, 23),
            date(2026, 11, 24)
        ],
        "days with a session or a tap in the window, not the days before"
    );
    let counts = |easy, fine, hard| RatingCounts { easy, fine, hard };
    assert_eq!(
        busy_row.ratings,
        [
            (date(2026, 11, 22), counts(1, 0, 0)),
            (date(2026, 11, 23), counts(0, 0, 2)),
            (date(2026, 11, 24), counts(0, 1, 0)),
        ]
    );
    assert_eq!(busy_row.active_before, Some(date(2026, 11, 20)));
    assert_eq!(
        busy_row.hold_counts,
        Some(8),
        "the physiotherapist's, set last"
    );
    assert_eq!(busy_row.physio_sessions_done, 2);
    assert_eq!(busy_row.prescription, care.prescription);
    let quiet_row = &listed[0];
    assert!(quiet_row.days.is_empty() && quiet_row.ratings.is_empty());
    assert_eq!(
        (quiet_row.active_before, quiet_row.hold_counts),
        (None, None)
    );
    assert_eq!(quiet_row.physio_sessions_done, 0);
    assert_eq!(quiet_row.prescription, Prescription::default());

    let theirs = ok(store.listed_mothers(other_physio.id, from, to).await);
    assert_eq!(
        theirs.iter().map(|m| m.profile.id).collect::<Vec<_>>(),
        [someone_elses.id, shared.id]
    );
    assert_eq!(
        theirs[1].link.label, "E-5 too",
        "each sees her through her own link"
    );
    assert_eq!(theirs[1].days, listed[2].days);
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
