//! Her leak log: one leak per page-made id, details added to the same leak, counts per local day
//! scoped to her, carried by a transfer and gone with her erasure.

use super::{at, created, ok};
use crate::{Store, StoreError, Written};
use hangmat_core::diary::{LeakActivity, LeakAmount};
use hangmat_core::leak_log::LoggedLeak;
use jiff::civil::date;
use uuid::Uuid;

pub async fn a_leak_counts_once_takes_her_details_and_goes_with_her(store: &impl Store) {
    let (mine, theirs) = (created(store, 1).await, created(store, 2).await);
    let (d1, d2) = (date(2026, 11, 23), date(2026, 11, 24));
    let tapped = LoggedLeak {
        at: at("2026-11-24T08:00:00Z"),
        local_date: d2,
        amount: None,
        activity: None,
    };
    let received = at("2026-11-24T08:00:01Z");
    let id = Uuid::from_u128(1);
    assert_eq!(
        ok(store.save_leak(mine.id, id, &tapped, received).await),
        Written::Created
    );
    assert_eq!(
        ok(store.save_leak(mine.id, id, &tapped, received).await),
        Written::AlreadyThere,
        "a retry counts once"
    );
    // The details, sent later under the same id, keep the time she tapped.
    let detailed = LoggedLeak {
        at: at("2026-11-24T08:05:00Z"),
        amount: Some(LeakAmount::Drops),
        activity: Some(LeakActivity::Sneeze),
        ..tapped
    };
    assert_eq!(
        ok(store.save_leak(mine.id, id, &detailed, received).await),
        Written::AlreadyThere
    );
    // A retry of the bare tap does not wipe them.
    ok(store.save_leak(mine.id, id, &tapped, received).await);
    let earlier = LoggedLeak {
        at: at("2026-11-23T20:00:00Z"),
        local_date: d1,
        ..tapped
    };
    ok(store
        .save_leak(mine.id, Uuid::from_u128(2), &earlier, received)
        .await);
    ok(store
        .save_leak(mine.id, Uuid::from_u128(3), &tapped, received)
        .await);
    ok(store
        .save_leak(theirs.id, Uuid::from_u128(4), &tapped, received)
        .await);
    let attempt = store
        .save_leak(mine.id, Uuid::from_u128(4), &detailed, received)
        .await;
    assert!(matches!(attempt, Err(StoreError::IdTaken)), "{attempt:?}");

    assert_eq!(
        ok(store.leaks_per_day(mine.id, d1, d2).await),
        [(d1, 1), (d2, 2)]
    );
    assert_eq!(ok(store.leaks_per_day(mine.id, d2, d2).await), [(d2, 2)]);
    assert_eq!(ok(store.leaks_per_day(theirs.id, d1, d2).await), [(d2, 1)]);

    let dump = ok(store.export_profile(mine.id).await).unwrap_or_else(|| panic!("no profile"));
    let kept: Vec<_> = dump
        .leaks
        .iter()
        .map(|(id, leak, _)| (*id, *leak))
        .collect();
    assert_eq!(
        kept,
        [
            (Uuid::from_u128(2), earlier),
            (
                Uuid::from_u128(1),
                LoggedLeak {
                    at: tapped.at,
                    ..detailed
                }
            ),
            (Uuid::from_u128(3), tapped),
        ]
    );
    let theirs_dump =
        ok(store.export_profile(theirs.id).await).unwrap_or_else(|| panic!("no profile"));
    assert_eq!(
        theirs_dump.leaks[0].1, tapped,
        "her attempt changed nothing of theirs"
    );

    assert!(ok(store.erase_profile(mine.id).await));
    assert_eq!(
        ok(store.rows_of_profile(mine.id).await).get("leaks"),
        Some(&0)
    );
    assert_eq!(ok(store.leaks_per_day(theirs.id, d1, d2).await), [(d2, 1)]);
    ok(store.import_profile(&dump).await);
    assert_eq!(
        ok(store.leaks_per_day(mine.id, d1, d2).await),
        [(d1, 1), (d2, 2)]
    );
}
