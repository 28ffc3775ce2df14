//! The conformance suite: what every storage backend must do, stated once.
//!
//! A backend's test file calls [`conformance_tests!`](crate::conformance_tests) with an expression
//! that makes a fresh, empty, migrated store; each case becomes its own named test there.

mod access;
mod diary;
mod leaks;
mod mothers_list;
mod questionnaires;

pub use access::*;
pub use diary::*;
pub use leaks::*;
pub use mothers_list::*;
pub use questionnaires::*;

use crate::{
    CareDump, ClaimedReminder, HoldChange, PhysioSessionRecord, PrescriptionChange,
    PrescriptionUpdate, PrescriptionWrite, Profile, ProfileId, PushSubscription, ReminderSettings,
    ReminderSubject, SettledReminder, StaffRef, Store, StoreError, Written,
};
use hangmat_core::hold::HoldSetter;
use hangmat_core::outcome::{CoordinationTap, PartDone, Rating, SessionOutcome};
use hangmat_core::physio_session::{
    Contraction, ContractionFault, OxfordGrade, Perfect, PhysioSession,
};
use hangmat_core::prescription::{Basis, Change, Field, Prescription, Value};
use hangmat_core::programme::ExerciseKind;
use hangmat_core::progress::DayTally;
use hangmat_core::reminders::{Habit, Moment, ReminderPlan};
use jiff::Timestamp;
use jiff::civil::{Date, date};
use uuid::Uuid;

/// Generates one `#[tokio::test]` per conformance case. `$make` is an async expression yielding a
/// fresh store (`impl Store`).
#[macro_export]
macro_rules! conformance_tests {
    ($make:expr) => {
        $crate::conformance_tests!(@cases $make;
            profile_round_trips_and_updates,
            recovery_hash_finds_only_its_profile,
            device_sessions_lead_to_their_profile_until_ended,
            outcome_retries_count_once_and_keep_the_latest_report,
            outcome_id_of_another_profile_is_refused,
            a_saved_outcome_answers_with_her_tally_of_the_day_asked,
            taps_count_once_per_id,
            day_tallies_add_sessions_and_taps_per_local_day,
            outcomes_and_tallies_are_scoped_to_their_profile,
            hold_history_keeps_every_change_in_order,
            erasure_removes_everything_of_one_profile_only,
            ping_answers,
            a_profile_exported_and_imported_comes_back_whole,
            reminder_settings_round_trip_with_their_queue,
            a_due_reminder_is_claimed_once_until_its_lease_runs_out,
            a_reminder_is_marked_sent_once,
            a_batch_is_settled_in_one_go_and_marks_each_reminder_sent_once,
            a_batch_of_mothers_reads_as_each_of_them_alone,
            push_subscriptions_belong_to_the_last_profile_and_can_be_removed,
            the_first_vapid_key_stored_is_the_one_every_server_uses,
            a_new_calendar_token_replaces_the_old_one,
            reminders_are_erased_and_exported_with_the_profile,
            prescription_saves_keep_every_change_with_who_and_when,
            physio_sessions_are_one_record_per_number_and_scoped,
            erasure_removes_her_care_records,
            a_leak_counts_once_takes_her_details_and_goes_with_her,
            questionnaire_responses_are_kept_once_scoped_and_go_with_her,
            a_diary_keeps_her_entries_once_and_counts_her_leaks_in_its_span,
        );
        // Staff, links, audit, rate limits (migration 0003).
        $crate::conformance_tests!(@cases $make;
            staff_accounts_round_trip_and_usernames_are_unique,
            a_totp_step_is_accepted_once,
            staff_sessions_expire_end_and_die_with_the_account,
            an_invitation_is_used_once_and_expires,
            an_invitation_with_a_taken_username_stays_usable,
            passkeys_belong_to_their_owner,
            a_ceremony_is_taken_once_before_it_expires,
            a_link_code_links_once_within_its_time,
            a_link_made_by_code_writes_its_audit_line_with_it,
            an_ended_link_shows_no_more,
            audit_lines_are_hers_and_outlive_her_erasure_without_her,
            rate_counts_add_up_within_a_window_and_restart,
            the_deployment_exports_every_access_row,
        );
        // Disabling accounts, password resets, passkey names, last sign-in (migration 0005).
        $crate::conformance_tests!(@cases $make;
            disabling_an_account_ends_its_sessions_and_links_with_an_audit_line_each,
            the_last_active_admin_cannot_be_disabled,
            a_password_reset_works_once_and_signs_the_account_out,
            sign_ins_passkey_names_and_other_sessions_are_kept_apart,
        );
        // The portal's list of her mothers, read for all of them at once.
        $crate::conformance_tests!(@cases $make;
            listed_mothers_equal_the_per_mother_reads_of_active_links_only,
            audit_lines_written_together_are_each_kept,
        );
    };
    (@cases $make:expr; $($case:ident),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $case() {
                let store = $make;
                $crate::conformance::$case(&store).await;
            }
        )*
    };
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap_or(Timestamp::UNIX_EPOCH)
}

/// A profile for tests, distinct per `seed`.
pub fn sample_profile(seed: u8) -> Profile {
    Profile {
        id: ProfileId(Uuid::from_bytes([seed; 16])),
        created_at: at("2026-11-20T08:00:00Z"),
        language: "nl".into(),
        birth_date: date(2026, 11, 18),
        time_zone: "Europe/Brussels".into(),
    }
}

/// A session of the brochure's two exercises on her local day `local`, for tests.
pub fn outcome(
    local: Date,
    strength: u32,
    endurance: u32,
    rating: Option<Rating>,
) -> SessionOutcome {
    SessionOutcome {
        started_at: at("2026-11-24T09:00:00Z"),
        ended_at: at("2026-11-24T09:06:00Z"),
        local_date: local,
        position: "side".into(),
        hold_counts: 5,
        completed: strength == 10 && endurance == 10,
        parts: vec![
            PartDone {
                exercise: ExerciseKind::Strength,
                reps_done: strength,
            },
            PartDone {
                exercise: ExerciseKind::Endurance,
                reps_done: endurance,
            },
        ],
        rating,
        held_every_count: Some(true),
    }
}

/// A full session outcome of the brochure's programme, for tests.
pub fn sample_outcome() -> SessionOutcome {
    outcome(date(2026, 11, 24), 10, 10, None)
}

async fn created(store: &impl Store, seed: u8) -> Profile {
    let profile = sample_profile(seed);
    let hash = format!("recovery-{seed}");
    if let Err(error) = store.create_profile(&profile, &hash).await {
        panic!("create profile: {error}");
    }
    profile
}

fn ok<T>(result: Result<T, StoreError>) -> T {
    result.unwrap_or_else(|error| panic!("store call failed: {error}"))
}

pub async fn profile_round_trips_and_updates(store: &impl Store) {
    let mut profile = created(store, 1).await;
    assert_eq!(ok(store.profile(profile.id).await), Some(profile.clone()));
    profile.language = "fr".into();
    profile.birth_date = date(2026, 11, 17);
    profile.time_zone = "America/Montreal".into();
    ok(store.update_profile(&profile).await);
    assert_eq!(ok(store.profile(profile.id).await), Some(profile));
    assert_eq!(ok(store.profile(sample_profile(9).id).await), None);
}

pub async fn recovery_hash_finds_only_its_profile(store: &impl Store) {
    let first = created(store, 1).await;
    let _second = created(store, 2).await;
    let found = ok(store.profile_by_recovery_hash("recovery-1").await);
    assert_eq!(found.map(|p| p.id), Some(first.id));
    assert_eq!(ok(store.profile_by_recovery_hash("recovery-3").await), None);
    ok(store.replace_recovery_hash(first.id, "recovery-1b").await);
    assert_eq!(
        ok(store.profile_by_recovery_hash("recovery-1").await),
        None,
        "the old code stops working"
    );
    let found = ok(store.profile_by_recovery_hash("recovery-1b").await);
    assert_eq!(found.map(|p| p.id), Some(first.id));
}

pub async fn device_sessions_lead_to_their_profile_until_ended(store: &impl Store) {
    let profile = created(store, 1).await;
    ok(store
        .create_device_session("token-a", profile.id, at("2026-11-24T09:00:00Z"))
        .await);
    assert_eq!(
        ok(store.device_session_profile("token-a").await),
        Some(profile.id)
    );
    assert_eq!(ok(store.device_session_profile("token-b").await), None);
    assert_eq!(
        ok(store.device_session_owner("token-a").await),
        Some(profile.clone())
    );
    assert_eq!(ok(store.device_session_owner("token-b").await), None);
    // What the device leads to follows her changes at once (a backend may keep it at hand).
    let changed = Profile {
        language: "fr".into(),
        time_zone: "America/Montreal".into(),
        ..profile.clone()
    };
    ok(store.update_profile(&changed).await);
    assert_eq!(
        ok(store.device_session_owner("token-a").await),
        Some(changed)
    );
    ok(store
        .create_device_session("token-c", profile.id, at("2026-11-24T09:00:00Z"))
        .await);
    ok(store.end_device_session("token-a").await);
    assert_eq!(ok(store.device_session_profile("token-a").await), None);
    assert_eq!(ok(store.device_session_owner("token-a").await), None);
    assert!(ok(store.device_session_owner("token-c").await).is_some());
    assert!(ok(store.erase_profile(profile.id).await));
    assert_eq!(ok(store.device_session_owner("token-c").await), None);
}

pub async fn a_saved_outcome_answers_with_her_tally_of_the_day_asked(store: &impl Store) {
    let profile = created(store, 1).await;
    let other = created(store, 2).await;
    let (yesterday, today) = (date(2026, 11, 23), date(2026, 11, 24));
    let received = at("2026-11-24T09:07:00Z");
    let tap = CoordinationTap {
        at: received,
        local_date: today,
    };
    ok(store.save_tap(profile.id, Uuid::from_u128(1), &tap).await);
    ok(store
        .save_outcome(
            other.id,
            Uuid::from_u128(2),
            &outcome(today, 10, 10, None),
            received,
        )
        .await);
    let first = outcome(today, 10, 6, None);
    let (written, tally) = ok(store
        .save_outcome_tallied(profile.id, Uuid::from_u128(3), &first, received, today)
        .await);
    assert_eq!(written, Written::Created);
    assert_eq!(
        (
            tally.date,
            tally.sessions,
            tally.begun,
            tally.session_contractions,
            tally.coordination
        ),
        (today, 0, 1, 16, 1),
        "her new outcome (begun, not completed: its 16 contractions count) and her tap, not the other mother's outcome"
    );
    // A retry with a rating counts once; the answer is the same day.
    let rated = outcome(today, 10, 6, Some(Rating::Fine));
    let (written, tally) = ok(store
        .save_outcome_tallied(profile.id, Uuid::from_u128(3), &rated, received, today)
        .await);
    assert_eq!(written, Written::AlreadyThere);
    assert_eq!((tally.begun, tally.session_contractions), (1, 16));
    // Yesterday's session reported late leaves today's tally as it was.
    let late = outcome(yesterday, 3, 0, None);
    let (_, tally) = ok(store
        .save_outcome_tallied(profile.id, Uuid::from_u128(4), &late, received, today)
        .await);
    assert_eq!(
        (tally.date, tally.begun, tally.session_contractions),
        (today, 1, 16)
    );
    assert_eq!(ok(store.day_tally(profile.id, yesterday).await).begun, 1);
    // Someone else's id is refused and answers no tally.
    let attempt = store
        .save_outcome_tallied(profile.id, Uuid::from_u128(2), &first, received, today)
        .await;
    assert!(matches!(attempt, Err(StoreError::IdTaken)), "{attempt:?}");
    assert_eq!(
        ok(store.day_tally(profile.id, date(2026, 11, 25)).await),
        DayTally::empty(date(2026, 11, 25))
    );
}

pub async fn outcome_retries_count_once_and_keep_the_latest_report(store: &impl Store) {
    let profile = created(store, 1).await;
    let id = Uuid::from_u128(7);
    let day = date(2026, 11, 24);
    let first = outcome(day, 10, 10, None);
    let rated = outcome(day, 10, 10, Some(Rating::Hard));
    let received = at("2026-11-24T09:07:00Z");
    assert_eq!(
        ok(store.save_outcome(profile.id, id, &first, received).await),
        Written::Created
    );
    assert_eq!(
        ok(store.save_outcome(profile.id, id, &first, received).await),
        Written::AlreadyThere
    );
    assert_eq!(
        ok(store.save_outcome(profile.id, id, &rated, received).await),
        Written::AlreadyThere
    );
    let kept = ok(store.outcomes_between(profile.id, day, day).await);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].id, id);
    assert_eq!(kept[0].outcome, rated);
    let tallies = ok(store.day_tallies(profile.id, day, day).await);
    assert_eq!(
        tallies
            .iter()
            .map(|t| (t.sessions, t.contractions()))
            .collect::<Vec<_>>(),
        [(1, 20)]
    );
    assert_eq!(
        ok(store.last_position(profile.id).await).as_deref(),
        Some("side")
    );
}

pub async fn outcome_id_of_another_profile_is_refused(store: &impl Store) {
    let mine = created(store, 1).await;
    let theirs = created(store, 2).await;
    let id = Uuid::from_u128(8);
    let day = date(2026, 11, 24);
    let received = at("2026-11-24T09:07:00Z");
    ok(store
        .save_outcome(theirs.id, id, &outcome(day, 10, 10, None), received)
        .await);
    let attempt = store
        .save_outcome(mine.id, id, &outcome(day, 1, 0, None), received)
        .await;
    assert!(matches!(attempt, Err(StoreError::IdTaken)), "{attempt:?}");
    let theirs_kept = ok(store.outcomes_between(theirs.id, day, day).await);
    assert_eq!(
        theirs_kept[0].outcome.contractions(),
        20,
        "the other mother's record is untouched"
    );
    let tap = CoordinationTap {
        at: received,
        local_date: day,
    };
    ok(store.save_tap(theirs.id, Uuid::from_u128(9), &tap).await);
    let attempt = store.save_tap(mine.id, Uuid::from_u128(9), &tap).await;
    assert!(matches!(attempt, Err(StoreError::IdTaken)), "{attempt:?}");
}

pub async fn taps_count_once_per_id(store: &impl Store) {
    let profile = created(store, 1).await;
    let day = date(2026, 11, 24);
    let tap = CoordinationTap {
        at: at("2026-11-24T12:00:00Z"),
        local_date: day,
    };
    assert_eq!(
        ok(store.save_tap(profile.id, Uuid::from_u128(1), &tap).await),
        Written::Created
    );
    assert_eq!(
        ok(store.save_tap(profile.id, Uuid::from_u128(1), &tap).await),
        Written::AlreadyThere
    );
    assert_eq!(
        ok(store.save_tap(profile.id, Uuid::from_u128(2), &tap).await),
        Written::Created
    );
    let tallies = ok(store.day_tallies(profile.id, day, day).await);
    assert_eq!(
        tallies
            .iter()
            .map(|t| (t.sessions, t.coordination))
            .collect::<Vec<_>>(),
        [(0, 2)]
    );
}

pub async fn day_tallies_add_sessions_and_taps_per_local_day(store: &impl Store) {
    let profile = created(store, 1).await;
    let (d1, d2, d3) = (date(2026, 11, 22), date(2026, 11, 23), date(2026, 11, 24));
    let received = at("2026-11-24T09:07:00Z");
    ok(store
        .save_outcome(
            profile.id,
            Uuid::from_u128(1),
            &outcome(d1, 10, 10, None),
            received,
        )
        .await);
    ok(store
        .save_outcome(
            profile.id,
            Uuid::from_u128(2),
            &outcome(d1, 10, 4, None),
            received,
        )
        .await);
    ok(store
        .save_outcome(
            profile.id,
            Uuid::from_u128(3),
            &outcome(d3, 3, 0, None),
            received,
        )
        .await);
    let tap = CoordinationTap {
        at: received,
        local_date: d2,
    };
    ok(store.save_tap(profile.id, Uuid::from_u128(4), &tap).await);
    let tap = CoordinationTap {
        at: received,
        local_date: d3,
    };
    ok(store.save_tap(profile.id, Uuid::from_u128(5), &tap).await);
    let tallies = ok(store.day_tallies(profile.id, d1, d3).await);
    let seen: Vec<_> = tallies
        .iter()
        .map(|t| {
            let done = (t.sessions, t.begun);
            (t.date, done, t.session_contractions, t.coordination)
        })
        .collect();
    // A session counts as done only when completed; a begun one counts its contractions.
    assert_eq!(
        seen,
        [(d1, (1, 1), 34, 0), (d2, (0, 0), 0, 1), (d3, (0, 1), 3, 1)]
    );
    let only_middle = ok(store.day_tallies(profile.id, d2, d2).await);
    assert_eq!(only_middle.len(), 1);
}

pub async fn outcomes_and_tallies_are_scoped_to_their_profile(store: &impl Store) {
    let mine = created(store, 1).await;
    let theirs = created(store, 2).await;
    let day = date(2026, 11, 24);
    let received = at("2026-11-24T09:07:00Z");
    ok(store
        .save_outcome(
            theirs.id,
            Uuid::from_u128(1),
            &outcome(day, 10, 10, None),
            received,
        )
        .await);
    assert!(ok(store.outcomes_between(mine.id, day, day).await).is_empty());
    assert!(ok(store.day_tallies(mine.id, day, day).await).is_empty());
    assert_eq!(ok(store.last_position(mine.id).await), None);
    assert!(ok(store.hold_history(mine.id).await).is_empty());
}

pub async fn hold_history_keeps_every_change_in_order(store: &impl Store) {
    let profile = created(store, 1).await;
    assert_eq!(ok(store.current_hold(profile.id).await), None);
    let changes = [
        HoldChange {
            hold_counts: 3,
            set_by: HoldSetter::Mother,
            set_at: at("2026-11-20T09:00:00Z"),
        },
        HoldChange {
            hold_counts: 5,
            set_by: HoldSetter::Mother,
            set_at: at("2026-11-22T09:00:00Z"),
        },
        HoldChange {
            hold_counts: 12,
            set_by: HoldSetter::Physiotherapist,
            set_at: at("2026-11-23T09:00:00Z"),
        },
    ];
    for change in &changes {
        ok(store.record_hold(profile.id, change).await);
    }
    assert_eq!(ok(store.hold_history(profile.id).await), changes);
    assert_eq!(
        ok(store.current_hold(profile.id).await),
        Some(changes[2].clone())
    );
}

pub async fn erasure_removes_everything_of_one_profile_only(store: &impl Store) {
    let gone = created(store, 1).await;
    let stays = created(store, 2).await;
    let day = date(2026, 11, 24);
    let received = at("2026-11-24T09:07:00Z");
    for profile in [&gone, &stays] {
        let seed = profile.id.0.as_bytes()[0];
        ok(store
            .create_device_session(&format!("token-{seed}"), profile.id, received)
            .await);
        ok(store
            .save_outcome(
                profile.id,
                Uuid::from_u128(u128::from(seed)),
                &outcome(day, 10, 10, None),
                received,
            )
            .await);
        let tap = CoordinationTap {
            at: received,
            local_date: day,
        };
        ok(store
            .save_tap(profile.id, Uuid::from_u128(100 + u128::from(seed)), &tap)
            .await);
        let change = HoldChange {
            hold_counts: 4,
            set_by: HoldSetter::Mother,
            set_at: received,
        };
        ok(store.record_hold(profile.id, &change).await);
    }
    assert!(ok(store.erase_profile(gone.id).await));
    assert!(
        !ok(store.erase_profile(gone.id).await),
        "a second erasure finds nothing"
    );
    assert_eq!(ok(store.profile(gone.id).await), None);
    assert_eq!(ok(store.profile_by_recovery_hash("recovery-1").await), None);
    assert_eq!(ok(store.device_session_profile("token-1").await), None);
    assert!(ok(store.outcomes_between(gone.id, day, day).await).is_empty());
    assert!(ok(store.day_tallies(gone.id, day, day).await).is_empty());
    assert!(ok(store.hold_history(gone.id).await).is_empty());
    // Her ids are free again: nothing of hers lingers under them.
    let reuse = store
        .save_tap(
            stays.id,
            Uuid::from_u128(101),
            &CoordinationTap {
                at: received,
                local_date: day,
            },
        )
        .await;
    assert!(matches!(reuse, Ok(Written::Created)), "{reuse:?}");
    assert_eq!(ok(store.day_tallies(stays.id, day, day).await).len(), 1);
    assert_eq!(
        ok(store.device_session_profile("token-2").await),
        Some(stays.id)
    );
}

pub async fn ping_answers(store: &impl Store) {
    ok(store.ping().await);
}

pub async fn a_profile_exported_and_imported_comes_back_whole(store: &impl Store) {
    let profile = created(store, 1).await;
    let _other = created(store, 2).await;
    let day = date(2026, 11, 24);
    let received = at("2026-11-24T09:07:00Z");
    ok(store
        .create_device_session("token-1", profile.id, received)
        .await);
    let change = HoldChange {
        hold_counts: 6,
        set_by: HoldSetter::Mother,
        set_at: received,
    };
    ok(store.record_hold(profile.id, &change).await);
    ok(store
        .save_outcome(
            profile.id,
            Uuid::from_u128(1),
            &outcome(day, 10, 4, Some(Rating::Easy)),
            received,
        )
        .await);
    ok(store
        .save_outcome(
            profile.id,
            Uuid::from_u128(2),
            &outcome(day, 10, 10, None),
            received,
        )
        .await);
    let tap = CoordinationTap {
        at: received,
        local_date: day,
    };
    ok(store.save_tap(profile.id, Uuid::from_u128(3), &tap).await);
    let care = care_of(store, profile.id).await;
    let before = ok(store.row_counts().await);
    assert_eq!(before.get("session_outcomes"), Some(&2));
    assert_eq!(before.get("prescription_changes"), Some(&3));
    assert_eq!(before.get("physio_sessions"), Some(&2));
    assert_eq!(before.get("outcome_parts"), Some(&4));
    assert_eq!(before.get("profiles"), Some(&2));
    let ids = ok(store.profile_ids_after(None, 10).await);
    assert_eq!(ids.len(), 2);
    assert_eq!(
        ok(store.profile_ids_after(Some(ids[0]), 10).await),
        ids[1..].to_vec()
    );
    let Some(dump) = ok(store.export_profile(profile.id).await) else {
        panic!("the profile exports")
    };
    assert_eq!(dump.outcomes.len(), 2);
    assert_eq!(dump.recovery_hash, "recovery-1");
    assert_eq!(dump.care, care);
    ok(store.erase_profile(profile.id).await);
    ok(store.import_profile(&dump).await);
    assert_eq!(ok(store.row_counts().await), before);
    assert_eq!(ok(store.export_profile(profile.id).await), Some(dump));
    assert_eq!(
        ok(store.device_session_profile("token-1").await),
        Some(profile.id)
    );
}

fn sample_settings() -> ReminderSettings {
    let mut plan = ReminderPlan::default_plan();
    plan.moments[1] = Moment {
        habit: Habit::OwnWords,
        own_words: "na de wandeling".into(),
        time: jiff::civil::time(14, 15, 0, 0),
    };
    plan.quiet.start = jiff::civil::time(22, 0, 0, 0);
    ReminderSettings {
        plan,
        prescription_date: Some(date(2026, 12, 1)),
    }
}

fn subscription(n: u8) -> PushSubscription {
    PushSubscription {
        endpoint: format!("https://push.example/{n}"),
        p256dh: format!("key-{n}"),
        auth: format!("auth-{n}"),
    }
}

/// The scheduler's batched reads (`reminder_subjects`, `day_tallies_of`) answer what the reads of
/// one mother at a time answer, for every mother asked and only those; a mother not stored is
/// left out.
pub async fn a_batch_of_mothers_reads_as_each_of_them_alone(store: &impl Store) {
    let (first, second, third) = (
        created(store, 1).await,
        created(store, 2).await,
        created(store, 3).await,
    );
    let (d1, d2) = (date(2026, 11, 23), date(2026, 11, 24));
    let received = at("2026-11-24T09:07:00Z");
    ok(store
        .save_reminder_settings(first.id, &sample_settings(), &[])
        .await);
    let joined = at("2026-11-20T08:00:00Z");
    for (profile, n) in [(first.id, 1), (first.id, 2), (second.id, 3)] {
        ok(store
            .save_push_subscription(profile, &subscription(n), joined)
            .await);
    }
    let outcomes = [
        (first.id, 1, d1),
        (first.id, 2, d2),
        (second.id, 3, d2),
        (third.id, 4, d2),
    ];
    for (profile, id, day) in outcomes {
        let done = outcome(day, 10, 10, None);
        ok(store
            .save_outcome(profile, Uuid::from_u128(id), &done, received)
            .await);
    }
    let tap = CoordinationTap {
        at: received,
        local_date: d2,
    };
    ok(store.save_tap(second.id, Uuid::from_u128(5), &tap).await);
    let gone = ProfileId(Uuid::from_u128(99));
    let asked = [first.id, second.id, gone];

    let mut subjects = ok(store.reminder_subjects(&asked).await);
    subjects.sort_by_key(|subject| subject.profile.id);
    let mut expected = Vec::new();
    for profile in [&first, &second] {
        expected.push(ReminderSubject {
            profile: profile.clone(),
            settings: ok(store.reminder_settings(profile.id).await),
            subscriptions: ok(store.push_subscriptions(profile.id).await),
        });
    }
    expected.sort_by_key(|subject| subject.profile.id);
    assert_eq!(subjects, expected);
    assert_eq!(
        subjects
            .iter()
            .map(|s| s.subscriptions.len())
            .sum::<usize>(),
        3
    );
    assert!(
        subjects
            .iter()
            .any(|s| s.settings == Some(sample_settings()))
    );

    let mut tallies = ok(store.day_tallies_of(&asked, d1, d2).await);
    tallies.sort_by_key(|(profile, tally)| (*profile, tally.date));
    let mut alone = Vec::new();
    for profile in [first.id, second.id] {
        for tally in ok(store.day_tallies(profile, d1, d2).await) {
            alone.push((profile, tally));
        }
    }
    alone.sort_by_key(|(profile, tally)| (*profile, tally.date));
    assert_eq!(tallies, alone);
    assert_eq!(
        tallies.len(),
        3,
        "her two days and the second mother's one; not the third's"
    );
    assert!(ok(store.reminder_subjects(&[]).await).is_empty());
}

pub async fn reminder_settings_round_trip_with_their_queue(store: &impl Store) {
    let profile = created(store, 1).await;
    assert_eq!(ok(store.reminder_settings(profile.id).await), None);
    let settings = sample_settings();
    let due = vec![
        ("moment-0".to_owned(), at("2026-11-26T07:30:00Z")),
        ("moment-1".to_owned(), at("2026-11-25T13:15:00Z")),
    ];
    ok(store
        .save_reminder_settings(profile.id, &settings, &due)
        .await);
    assert_eq!(
        ok(store.reminder_settings(profile.id).await),
        Some(settings.clone())
    );
    let mut fewer = settings.clone();
    fewer.plan.moments.truncate(1);
    fewer.prescription_date = None;
    ok(store
        .save_reminder_settings(profile.id, &fewer, &due[..1])
        .await);
    assert_eq!(ok(store.reminder_settings(profile.id).await), Some(fewer));
    ok(store
        .set_reminder_due(profile.id, "snooze", at("2026-11-25T10:15:00Z"))
        .await);
    assert_eq!(
        ok(store.reminder_queue(profile.id).await),
        [
            ("snooze".to_owned(), at("2026-11-25T10:15:00Z")),
            ("moment-0".to_owned(), at("2026-11-26T07:30:00Z")),
        ]
    );
    assert_eq!(
        ok(store.next_reminder_due().await),
        Some(at("2026-11-25T10:15:00Z"))
    );
    ok(store.replace_reminder_queue(profile.id, &[]).await);
    assert!(ok(store.reminder_queue(profile.id).await).is_empty());
    assert_eq!(ok(store.next_reminder_due().await), None);
}

pub async fn a_due_reminder_is_claimed_once_until_its_lease_runs_out(store: &impl Store) {
    let first = created(store, 1).await;
    let second = created(store, 2).await;
    let due = at("2026-11-25T12:00:00Z");
    let later = at("2026-11-25T18:00:00Z");
    for profile in [&first, &second] {
        ok(store
            .replace_reminder_queue(
                profile.id,
                &[("moment-1".into(), due), ("moment-2".into(), later)],
            )
            .await);
    }
    let now = at("2026-11-25T12:00:30Z");
    let lease = at("2026-11-25T12:05:30Z");
    let a = ok(store.claim_due_reminders("a", now, lease, 1).await);
    let b = ok(store.claim_due_reminders("b", now, lease, 10).await);
    assert_eq!(
        (a.len(), b.len()),
        (1, 1),
        "each due reminder goes to one worker"
    );
    assert_ne!(a[0].profile, b[0].profile);
    assert!(
        a.iter()
            .chain(&b)
            .all(|r| r.key == "moment-1" && r.due_at == due)
    );
    assert!(
        ok(store.claim_due_reminders("c", now, lease, 10).await).is_empty(),
        "nothing is due that is not held"
    );
    // a finishes in time (this reminder rings once); b dies, and after its lease c takes over.
    ok(store.finish_reminder("a", &a[0], None).await);
    let after_lease = at("2026-11-25T12:06:00Z");
    let c = ok(store
        .claim_due_reminders("c", after_lease, at("2026-11-25T12:11:00Z"), 10)
        .await);
    assert_eq!(c, b);
    let next = at("2026-11-26T12:00:00Z");
    // b's late finish changes nothing: c holds the reminder now.
    ok(store.finish_reminder("b", &b[0], None).await);
    ok(store.finish_reminder("c", &c[0], Some(next)).await);
    let queue = |profile: ProfileId| async move { ok(store.reminder_queue(profile).await) };
    let (a_profile, c_profile) = (a[0].profile, c[0].profile);
    assert_eq!(
        queue(c_profile).await,
        [
            ("moment-2".to_owned(), later),
            ("moment-1".to_owned(), next)
        ]
    );
    assert_eq!(queue(a_profile).await, [("moment-2".to_owned(), later)]);
    assert!(
        ok(store.claim_due_reminders("a", after_lease, lease, 10).await).is_empty(),
        "a finished reminder is not due again before its next time"
    );
}

pub async fn a_reminder_is_marked_sent_once(store: &impl Store) {
    let profile = created(store, 1).await;
    let reminder = ClaimedReminder {
        profile: profile.id,
        key: "moment-0".into(),
        due_at: at("2026-11-25T07:30:00Z"),
    };
    let sent = at("2026-11-25T07:30:01Z");
    assert!(ok(store.mark_reminder_sent(&reminder, sent).await));
    assert!(!ok(store.mark_reminder_sent(&reminder, sent).await));
    let tomorrow = ClaimedReminder {
        due_at: at("2026-11-26T07:30:00Z"),
        ..reminder
    };
    assert!(ok(store.mark_reminder_sent(&tomorrow, sent).await));
}

pub async fn push_subscriptions_belong_to_the_last_profile_and_can_be_removed(store: &impl Store) {
    let first = created(store, 1).await;
    let second = created(store, 2).await;
    let now = at("2026-11-25T10:00:00Z");
    ok(store
        .save_push_subscription(first.id, &subscription(1), now)
        .await);
    ok(store
        .save_push_subscription(first.id, &subscription(2), now)
        .await);
    assert_eq!(
        ok(store.push_subscriptions(first.id).await),
        [subscription(1), subscription(2)]
    );
    // The same browser signs in as someone else: the subscription follows.
    ok(store
        .save_push_subscription(second.id, &subscription(2), now)
        .await);
    assert_eq!(
        ok(store.push_subscriptions(first.id).await),
        [subscription(1)]
    );
    assert!(
        !ok(store
            .remove_push_subscription(Some(second.id), &subscription(1).endpoint)
            .await),
        "only her own"
    );
    assert!(ok(store
        .remove_push_subscription(Some(first.id), &subscription(1).endpoint)
        .await));
    assert!(ok(store
        .remove_push_subscription(None, &subscription(2).endpoint)
        .await));
    assert!(ok(store.push_subscriptions(first.id).await).is_empty());
    assert!(ok(store.push_subscriptions(second.id).await).is_empty());
}

pub async fn the_first_vapid_key_stored_is_the_one_every_server_uses(store: &impl Store) {
    let now = at("2026-11-25T10:00:00Z");
    assert_eq!(ok(store.vapid_private_key().await), None);
    assert_eq!(
        ok(store.vapid_private_key_or_insert("first", now).await),
        "first"
    );
    assert_eq!(
        ok(store.vapid_private_key_or_insert("second", now).await),
        "first"
    );
    assert_eq!(
        ok(store.vapid_private_key().await).as_deref(),
        Some("first")
    );
}

pub async fn a_new_calendar_token_replaces_the_old_one(store: &impl Store) {
    let profile = created(store, 1).await;
    let now = at("2026-11-25T10:00:00Z");
    assert!(!ok(store.has_calendar_feed(profile.id).await));
    ok(store
        .replace_calendar_token(profile.id, "hash-1", now)
        .await);
    assert_eq!(
        ok(store.calendar_feed_profile("hash-1").await),
        Some(profile.id)
    );
    ok(store
        .replace_calendar_token(profile.id, "hash-2", now)
        .await);
    assert_eq!(ok(store.calendar_feed_profile("hash-1").await), None);
    assert_eq!(
        ok(store.calendar_feed_profile("hash-2").await),
        Some(profile.id)
    );
    assert!(ok(store.has_calendar_feed(profile.id).await));
}

pub async fn reminders_are_erased_and_exported_with_the_profile(store: &impl Store) {
    let profile = created(store, 1).await;
    let other = created(store, 2).await;
    let now = at("2026-11-25T10:00:00Z");
    for who in [&profile, &other] {
        ok(store
            .save_reminder_settings(
                who.id,
                &sample_settings(),
                &[("moment-0".into(), at("2026-11-26T07:30:00Z"))],
            )
            .await);
        let n = who.id.0.as_bytes()[0];
        ok(store
            .save_push_subscription(who.id, &subscription(n), now)
            .await);
        ok(store
            .replace_calendar_token(who.id, &format!("hash-{n}"), now)
            .await);
        let sent = ClaimedReminder {
            profile: who.id,
            key: "moment-0".into(),
            due_at: at("2026-11-25T07:30:00Z"),
        };
        ok(store.mark_reminder_sent(&sent, now).await);
    }
    let before = ok(store.row_counts().await);
    for table in [
        "reminder_settings",
        "push_subscriptions",
        "reminder_queue",
        "reminder_sends",
        "calendar_feeds",
    ] {
        assert_eq!(before.get(table), Some(&2), "{table}");
    }
    assert_eq!(before.get("reminder_moments"), Some(&6));
    let Some(dump) = ok(store.export_profile(profile.id).await) else {
        panic!("the profile exports")
    };
    assert_eq!(dump.reminders.settings, Some(sample_settings()));
    assert_eq!(dump.reminders.subscriptions.len(), 1);
    ok(store.erase_profile(profile.id).await);
    let after = ok(store.row_counts().await);
    assert_eq!(after.get("reminder_moments"), Some(&3));
    assert_eq!(after.get("reminder_sends"), Some(&1));
    assert_eq!(ok(store.calendar_feed_profile("hash-1").await), None);
    assert!(ok(store.push_subscriptions(profile.id).await).is_empty());
    ok(store.import_profile(&dump).await);
    assert_eq!(ok(store.row_counts().await), before);
    assert_eq!(ok(store.export_profile(profile.id).await), Some(dump));
}

pub async fn a_batch_is_settled_in_one_go_and_marks_each_reminder_sent_once(store: &impl Store) {
    let first = created(store, 1).await;
    let second = created(store, 2).await;
    let due = at("2026-11-25T12:00:00Z");
    for profile in [&first, &second] {
        ok(store
            .replace_reminder_queue(profile.id, &[("moment-1".into(), due)])
            .await);
    }
    let now = at("2026-11-25T12:00:01Z");
    let claimed = ok(store
        .claim_due_reminders("a", now, at("2026-11-25T12:05:00Z"), 10)
        .await);
    assert_eq!(claimed.len(), 2);
    let tomorrow = at("2026-11-26T12:00:00Z");
    let settled: Vec<SettledReminder> = claimed
        .iter()
        .map(|reminder| SettledReminder {
            send: reminder.profile == first.id,
            next: Some(tomorrow),
            reminder: reminder.clone(),
        })
        .collect();
    let marks = ok(store.settle_reminders("a", &settled, now).await);
    let first_mark = claimed.iter().position(|r| r.profile == first.id);
    assert_eq!(
        marks,
        claimed
            .iter()
            .map(|r| r.profile == first.id)
            .collect::<Vec<_>>(),
        "only the one to send is marked ({first_mark:?})"
    );
    // Settled again (a second server that also decided to send): nothing is newly marked.
    assert_eq!(
        ok(store.settle_reminders("b", &settled, now).await),
        [false, false]
    );
    for profile in [&first, &second] {
        assert_eq!(
            ok(store.reminder_queue(profile.id).await),
            [("moment-1".to_owned(), tomorrow)]
        );
    }
}

fn staff(name: &str) -> StaffRef {
    StaffRef {
        id: Uuid::from_u128(0xA11CE),
        display_name: name.into(),
    }
}

fn physio_session(number: u32, oxford: u8) -> PhysioSessionRecord {
    PhysioSessionRecord {
        session: PhysioSession {
            number,
            date: date(2027, 1, i8::try_from(number).unwrap_or(1)),
            contraction: Contraction::Faults(vec![
                ContractionFault::Strains,
                ContractionFault::CoContracts,
            ]),
            can_relax: Some(true),
            knack_on_cough: None,
            oxford: OxfordGrade::new(oxford),
            perfect: Perfect {
                endurance_seconds: Some(6),
                repetitions: Some(4),
                fast: None,
            },
            pain: Some(2),
            notes: "Spant buik mee; \"knack\" volgende keer.".into(),
            home_programme: "3 x 10, hold 6".into(),
        },
        recorded_by: staff("An"),
        recorded_at: at("2027-01-01T10:00:00Z"),
    }
}

/// Sets a value the fixtures need; a refusal would leave the saved prescription without it and
/// the round trips below would test less than they claim, so it fails here.
fn prescribe(prescription: &mut Prescription, field: Field, value: Value) {
    assert_eq!(prescription.set(field, value.clone()), Ok(()), "{field:?}");
    assert_eq!(prescription.get(field), Some(value), "{field:?} kept");
}

/// Gives a profile a prescription saved twice (3 changes, one a hold) and two session records.
async fn care_of(store: &impl Store, profile: ProfileId) -> CareDump {
    let mut prescription = Prescription::default();
    prescribe(
        &mut prescription,
        Field::Reps(ExerciseKind::Strength),
        Value::Count(12),
    );
    let first = PrescriptionUpdate {
        basis: Basis {
            prescription: ok(store.prescription(profile).await),
            hold: ok(store.current_hold(profile).await).map(|hold| hold.hold_counts),
        },
        prescription: prescription.clone(),
        changes: vec![
            Change {
                field: Field::Reps(ExerciseKind::Strength),
                old: Value::Count(10),
                new: Value::Count(12),
            },
            Change {
                field: Field::Hold,
                old: Value::Count(5),
                new: Value::Count(8),
            },
        ],
        hold: Some(8),
        by: staff("An"),
        at: at("2026-12-03T10:00:00Z"),
    };
    assert_eq!(
        ok(store.save_prescription(profile, &first).await),
        PrescriptionWrite::Saved
    );
    let basis = Basis {
        prescription: prescription.clone(),
        hold: Some(8),
    };
    prescribe(
        &mut prescription,
        Field::Included(ExerciseKind::Fast),
        Value::Included(true),
    );
    prescribe(
        &mut prescription,
        Field::Positions,
        Value::Positions(vec!["back".into(), "kneeling".into()]),
    );
    let second = PrescriptionUpdate {
        basis,
        prescription: prescription.clone(),
        changes: vec![Change {
            field: Field::Included(ExerciseKind::Fast),
            old: Value::Included(false),
            new: Value::Included(true),
        }],
        hold: None,
        by: staff("An Peeters"),
        at: at("2026-12-10T10:00:00Z"),
    };
    assert_eq!(
        ok(store.save_prescription(profile, &second).await),
        PrescriptionWrite::Saved
    );
    ok(store
        .save_physio_session(profile, &physio_session(2, 3))
        .await);
    ok(store
        .save_physio_session(profile, &physio_session(1, 2))
        .await);
    let recorded = |update: &PrescriptionUpdate| {
        update
            .changes
            .iter()
            .map(|change| PrescriptionChange {
                by: update.by.clone(),
                at: update.at,
                change: change.clone(),
            })
            .collect::<Vec<_>>()
    };
    CareDump {
        prescription,
        history: [recorded(&first), recorded(&second)].concat(),
        sessions: vec![physio_session(1, 2), physio_session(2, 3)],
    }
}

pub async fn prescription_saves_keep_every_change_with_who_and_when(store: &impl Store) {
    let profile = created(store, 1).await;
    let other = created(store, 2).await;
    assert_eq!(
        ok(store.prescription(profile.id).await),
        Prescription::default()
    );
    let care = care_of(store, profile.id).await;
    assert_eq!(ok(store.prescription(profile.id).await), care.prescription);
    let newest_first: Vec<_> = care.history.iter().rev().cloned().collect();
    assert_eq!(
        ok(store.prescription_history(profile.id, 10).await),
        newest_first
    );
    assert_eq!(
        ok(store.prescription_history(profile.id, 1).await),
        newest_first[..1].to_vec()
    );
    // The hold is hers like any hold, set by the physiotherapist.
    let hold = ok(store.current_hold(profile.id).await);
    assert_eq!(
        hold.map(|h| (h.hold_counts, h.set_by)),
        Some((8, HoldSetter::Physiotherapist))
    );
    // A save made on what the editor showed before the last save is refused and writes nothing.
    let stale = PrescriptionUpdate {
        basis: Basis::default(),
        prescription: Prescription::default(),
        changes: vec![Change {
            field: Field::Reps(ExerciseKind::Strength),
            old: Value::Count(10),
            new: Value::Count(14),
        }],
        hold: Some(9),
        by: staff("Bart"),
        at: at("2026-12-11T09:00:00Z"),
    };
    assert_eq!(
        ok(store.save_prescription(profile.id, &stale).await),
        PrescriptionWrite::ChangedMeanwhile
    );
    assert_eq!(ok(store.prescription(profile.id).await), care.prescription);
    assert_eq!(
        ok(store.prescription_history(profile.id, 10).await),
        newest_first
    );
    assert_eq!(
        ok(store.current_hold(profile.id).await).map(|h| h.hold_counts),
        Some(8)
    );
    // A save replaces fields left out.
    let update = PrescriptionUpdate {
        basis: Basis {
            prescription: care.prescription.clone(),
            hold: Some(8),
        },
        prescription: Prescription::default(),
        changes: vec![],
        hold: None,
        by: staff("An"),
        at: at("2026-12-11T10:00:00Z"),
    };
    assert_eq!(
        ok(store.save_prescription(profile.id, &update).await),
        PrescriptionWrite::Saved
    );
    assert_eq!(
        ok(store.prescription(profile.id).await),
        Prescription::default()
    );
    assert_eq!(
        ok(store.prescription_history(profile.id, 10).await).len(),
        3
    );
    assert_eq!(
        ok(store.prescription(other.id).await),
        Prescription::default()
    );
    assert!(ok(store.prescription_history(other.id, 10).await).is_empty());
}

pub async fn physio_sessions_are_one_record_per_number_and_scoped(store: &impl Store) {
    let profile = created(store, 1).await;
    let other = created(store, 2).await;
    let third = created(store, 3).await;
    ok(store
        .save_physio_session(profile.id, &physio_session(1, 2))
        .await);
    ok(store
        .save_physio_session(profile.id, &physio_session(2, 3))
        .await);
    let corrected = PhysioSessionRecord {
        recorded_by: staff("Bart"),
        ..physio_session(1, 4)
    };
    ok(store.save_physio_session(profile.id, &corrected).await);
    ok(store
        .save_physio_session(other.id, &physio_session(1, 5))
        .await);
    assert_eq!(
        ok(store.physio_sessions(profile.id).await),
        vec![corrected, physio_session(2, 3)]
    );
    assert!(ok(store.physio_sessions(third.id).await).is_empty());
    let done = ok(store
        .physio_sessions_done(&[profile.id, other.id, third.id])
        .await);
    assert_eq!(done.get(&profile.id), Some(&2));
    assert_eq!(done.get(&other.id), Some(&1));
    assert_eq!(done.get(&third.id), None);
    assert!(ok(store.physio_sessions_done(&[]).await).is_empty());
}

pub async fn erasure_removes_her_care_records(store: &impl Store) {
    let gone = created(store, 1).await;
    let stays = created(store, 2).await;
    care_of(store, gone.id).await;
    let kept = care_of(store, stays.id).await;
    ok(store.erase_profile(gone.id).await);
    assert_eq!(
        ok(store.prescription(gone.id).await),
        Prescription::default()
    );
    assert!(ok(store.prescription_history(gone.id, 10).await).is_empty());
    assert!(ok(store.physio_sessions(gone.id).await).is_empty());
    let counts = ok(store.row_counts().await);
    assert_eq!(counts.get("prescription_changes"), Some(&3));
    assert_eq!(counts.get("prescription_settings"), Some(&3));
    assert_eq!(counts.get("physio_sessions"), Some(&2));
    assert_eq!(ok(store.physio_sessions(stays.id).await), kept.sessions);
}
