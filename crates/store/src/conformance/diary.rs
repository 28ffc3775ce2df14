//! Her bladder diaries: a diary asked for once, started and ended by her only, entries once per
//! page-made id, a leak entry kept in her leak log and a leak of her log counted inside the span,
//! lines scoped to her, carried by a transfer and gone with her erasure.

use super::{at, created, ok};
use crate::{DiaryLine, Store, StoreError, StoredDiary, Written};
use hangmat_core::diary::{AskedBy, DrinkKind, Entry, LeakActivity, LeakAmount};
use hangmat_core::leak_log::LoggedLeak;
use jiff::civil::date;
use uuid::Uuid;

fn void(id: u128, time: &str, ml: Option<u32>) -> DiaryLine {
    DiaryLine {
        id: Uuid::from_u128(id),
        entry: Entry::Void {
            at: at(time),
            volume_ml: ml,
            urgency: Some(2),
            first_of_morning: ml == Some(400),
        },
    }
}

pub async fn a_diary_keeps_her_entries_once_and_counts_her_leaks_in_its_span(store: &impl Store) {
    let (mine, theirs) = (created(store, 1).await, created(store, 2).await);
    let asked = StoredDiary {
        id: Uuid::from_u128(100),
        asked_by: AskedBy::Physiotherapist,
        asked_at: at("2026-12-05T10:00:00Z"),
        planned_days: 3,
        started: None,
        ended: None,
    };
    assert_eq!(
        ok(store.ask_for_diary(mine.id, &asked).await),
        Written::Created
    );
    assert_eq!(
        ok(store.ask_for_diary(mine.id, &asked).await),
        Written::AlreadyThere
    );
    let attempt = store.ask_for_diary(theirs.id, &asked).await;
    assert!(matches!(attempt, Err(StoreError::IdTaken)), "{attempt:?}");
    assert!(!ok(store
        .start_diary(theirs.id, asked.id, at("2026-12-06T07:00:00Z"))
        .await));
    assert!(ok(store
        .start_diary(mine.id, asked.id, at("2026-12-06T07:00:00Z"))
        .await));
    assert!(
        !ok(store
            .start_diary(mine.id, asked.id, at("2026-12-06T09:00:00Z"))
            .await),
        "started once"
    );
    let received = at("2026-12-06T12:00:00Z");
    let save = |line: DiaryLine| async move {
        store
            .save_diary_entry(mine.id, asked.id, &line, date(2026, 12, 6), received)
            .await
    };
    assert_eq!(
        ok(save(void(1, "2026-12-06T07:10:00Z", Some(400))).await),
        Written::Created
    );
    assert_eq!(
        ok(save(void(1, "2026-12-06T07:10:00Z", Some(400))).await),
        Written::AlreadyThere,
        "a retry counts once"
    );
    ok(save(void(2, "2026-12-06T09:00:00Z", None)).await);
    let drink = DiaryLine {
        id: Uuid::from_u128(3),
        entry: Entry::Drink {
            at: at("2026-12-06T08:00:00Z"),
            volume_ml: 250,
            kind: Some(DrinkKind::CoffeeTea),
        },
    };
    ok(save(drink.clone()).await);
    let leak = DiaryLine {
        id: Uuid::from_u128(4),
        entry: Entry::Leak {
            at: at("2026-12-06T10:00:00Z"),
            amount: Some(LeakAmount::Little),
            activity: Some(LeakActivity::Sneeze),
        },
    };
    ok(save(leak.clone()).await);
    let sleep = DiaryLine {
        id: Uuid::from_u128(5),
        entry: Entry::WentToSleep {
            at: at("2026-12-06T22:00:00Z"),
        },
    };
    ok(save(sleep.clone()).await);
    // A leak tapped on Today inside the span counts; one before it does not.
    let tapped = |time: &str| LoggedLeak {
        at: at(time),
        local_date: date(2026, 12, 6),
        amount: None,
        activity: None,
    };
    ok(store
        .save_leak(
            mine.id,
            Uuid::from_u128(6),
            &tapped("2026-12-06T11:00:00Z"),
            received,
        )
        .await);
    ok(store
        .save_leak(
            mine.id,
            Uuid::from_u128(7),
            &tapped("2026-12-06T06:00:00Z"),
            received,
        )
        .await);
    // Their attempts: an entry in her diary, her entry's id.
    let theirs_in_mine = store
        .save_diary_entry(
            theirs.id,
            asked.id,
            &void(8, "2026-12-06T09:30:00Z", Some(100)),
            date(2026, 12, 6),
            received,
        )
        .await;
    assert!(
        matches!(theirs_in_mine, Err(StoreError::IdTaken)),
        "{theirs_in_mine:?}"
    );
    let their_diary = StoredDiary {
        id: Uuid::from_u128(200),
        asked_by: AskedBy::Her,
        started: Some(at("2026-12-06T07:00:00Z")),
        ..asked
    };
    ok(store.ask_for_diary(theirs.id, &their_diary).await);
    let taken = store
        .save_diary_entry(
            theirs.id,
            their_diary.id,
            &void(1, "2026-12-06T09:30:00Z", Some(100)),
            date(2026, 12, 6),
            received,
        )
        .await;
    assert!(matches!(taken, Err(StoreError::IdTaken)), "{taken:?}");

    let lines = ok(store.diary_lines(mine.id, asked.id).await);
    let ids: Vec<u128> = lines.iter().map(|line| line.id.as_u128()).collect();
    assert_eq!(
        ids,
        [1, 3, 2, 4, 6, 5],
        "in time order, her Today leak included"
    );
    assert_eq!(lines[1], drink);
    assert_eq!(lines[3], leak);
    assert!(ok(store.diary_lines(theirs.id, asked.id).await).is_empty());
    assert_eq!(
        ok(store
            .leaks_per_day(mine.id, date(2026, 12, 6), date(2026, 12, 6))
            .await),
        [(date(2026, 12, 6), 3)],
        "the diary's leak is a leak of her log"
    );
    assert_eq!(ok(store.latest_amounts(mine.id, false).await), [400]);
    assert_eq!(ok(store.latest_amounts(mine.id, true).await), [250]);

    assert!(!ok(store
        .remove_diary_line(theirs.id, Uuid::from_u128(3))
        .await));
    assert!(ok(store
        .remove_diary_line(mine.id, Uuid::from_u128(3))
        .await));
    assert!(ok(store
        .remove_diary_line(mine.id, Uuid::from_u128(4))
        .await));
    assert_eq!(ok(store.diary_lines(mine.id, asked.id).await).len(), 4);

    assert!(!ok(store.end_diary(theirs.id, asked.id, received).await));
    assert!(ok(store
        .end_diary(mine.id, asked.id, at("2026-12-06T21:00:00Z"))
        .await));
    let kept = ok(store.diaries(mine.id).await);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].ended, Some(at("2026-12-06T21:00:00Z")));
    // Ended before she went to sleep: that line is outside the span now.
    assert_eq!(ok(store.diary_lines(mine.id, asked.id).await).len(), 3);

    let dump = ok(store.export_profile(mine.id).await).unwrap_or_else(|| panic!("no profile"));
    assert_eq!(dump.diary.diaries, kept);
    assert_eq!(dump.diary.entries.len(), 3);
    assert!(ok(store.erase_profile(mine.id).await));
    let rows = ok(store.rows_of_profile(mine.id).await);
    assert_eq!(rows.get("diaries"), Some(&0));
    assert_eq!(rows.get("diary_entries"), Some(&0));
    assert_eq!(ok(store.diaries(theirs.id).await).len(), 1);
    ok(store.import_profile(&dump).await);
    assert_eq!(ok(store.diaries(mine.id).await), kept);
    assert_eq!(ok(store.diary_lines(mine.id, asked.id).await).len(), 3);
}
