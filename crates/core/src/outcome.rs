//! What she did: a guided session's outcome and a coordination tap, checked before they are kept.
//!
//! Outcomes come from the browser, sometimes days late from an offline outbox, always with an id
//! the browser made, so that a retry never counts twice. They are checked against the programme:
//! no more repetitions than it holds, a position it names, times that make sense.

use crate::birth::days_between;
use crate::hold::PRESCRIBED_HOLD_LIMIT;
use crate::programme::{ExerciseKind, Programme};
use crate::script::SessionScript;
use crate::timeline::local_date;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// How she felt the session went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Easy,
    Fine,
    Hard,
}

impl Rating {
    pub const ALL: [Rating; 3] = [Self::Easy, Self::Fine, Self::Hard];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Easy => "easy",
            Self::Fine => "fine",
            Self::Hard => "hard",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|rating| rating.as_str() == text)
    }
}

/// Repetitions done of one exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PartDone {
    pub exercise: ExerciseKind,
    pub reps_done: u32,
}

/// A session outcome as the browser reports it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeReport {
    #[schema(value_type = String, format = DateTime)]
    pub started_at: Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub ended_at: Timestamp,
    pub position: String,
    pub hold_counts: u32,
    pub completed: bool,
    pub parts: Vec<PartDone>,
    #[serde(default)]
    pub rating: Option<Rating>,
    #[serde(default)]
    pub held_every_count: Option<bool>,
}

/// A checked outcome, with the local day it counts toward.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionOutcome {
    pub started_at: Timestamp,
    pub ended_at: Timestamp,
    pub local_date: Date,
    pub position: String,
    pub hold_counts: u32,
    pub completed: bool,
    pub parts: Vec<PartDone>,
    pub rating: Option<Rating>,
    pub held_every_count: Option<bool>,
}

impl SessionOutcome {
    /// Contractions the session counted toward her day.
    pub fn contractions(&self) -> u32 {
        self.parts.iter().map(|part| part.reps_done).sum()
    }
}

/// Why a reported outcome was refused. Each names the field, for the problem body.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OutcomeError {
    #[error("position: \"{0}\" is not a position of this programme")]
    UnknownPosition(String),
    #[error("parts: exercise \"{0}\" is not part of this programme")]
    UnknownExercise(&'static str),
    #[error("parts: exercise \"{0}\" is listed twice")]
    DuplicateExercise(&'static str),
    #[error("parts: {exercise} has {done} repetitions, the programme holds {planned}")]
    TooManyReps {
        exercise: &'static str,
        done: u32,
        planned: u32,
    },
    #[error("completed: a completed session has every repetition of every exercise")]
    CompletedButShort,
    #[error("hold_counts: must be between 1 and {PRESCRIBED_HOLD_LIMIT}")]
    HoldOutOfRange,
    #[error("ended_at: ends before it starts")]
    EndsBeforeStart,
    #[error("started_at: lies in the future")]
    InFuture,
    #[error("started_at: lies too far in the past")]
    TooOld,
    #[error("ended_at: a session cannot last that long")]
    TooLong,
}

/// Clock difference tolerated between phone and server.
pub const CLOCK_SKEW_MINUTES: i64 = 10;
/// How long an outcome may wait in an offline outbox before it is refused.
pub const MAX_OUTCOME_AGE_DAYS: i32 = 60;
/// Longest plausible session, paused included.
pub const MAX_SESSION_HOURS: i64 = 6;

/// Checks a reported outcome against the programme, her zone and the server's clock (`now`).
pub fn check_outcome(
    report: OutcomeReport,
    programme: &Programme,
    zone: &TimeZone,
    now: Timestamp,
) -> Result<SessionOutcome, OutcomeError> {
    if !programme.positions.contains(&report.position) {
        return Err(OutcomeError::UnknownPosition(report.position));
    }
    if !(1..=PRESCRIBED_HOLD_LIMIT).contains(&report.hold_counts) {
        return Err(OutcomeError::HoldOutOfRange);
    }
    let mut all_done = programme.exercises.len() == report.parts.len();
    for (index, part) in report.parts.iter().enumerate() {
        let name = part.exercise.as_str();
        let Some(exercise) = programme.exercise(part.exercise) else {
            return Err(OutcomeError::UnknownExercise(name));
        };
        if report.parts[..index]
            .iter()
            .any(|p| p.exercise == part.exercise)
        {
            return Err(OutcomeError::DuplicateExercise(name));
        }
        if part.reps_done > exercise.reps {
            return Err(OutcomeError::TooManyReps {
                exercise: name,
                done: part.reps_done,
                planned: exercise.reps,
            });
        }
        all_done &= part.reps_done == exercise.reps;
    }
    if report.completed && !all_done {
        return Err(OutcomeError::CompletedButShort);
    }
    if report.ended_at < report.started_at {
        return Err(OutcomeError::EndsBeforeStart);
    }
    let skew = SignedDuration::from_mins(CLOCK_SKEW_MINUTES);
    if report.started_at.duration_since(now) > skew || report.ended_at.duration_since(now) > skew {
        return Err(OutcomeError::InFuture);
    }
    if report.ended_at.duration_since(report.started_at)
        > SignedDuration::from_hours(MAX_SESSION_HOURS)
    {
        return Err(OutcomeError::TooLong);
    }
    let local = local_date(report.started_at, zone);
    if days_between(local, local_date(now, zone)) > MAX_OUTCOME_AGE_DAYS {
        return Err(OutcomeError::TooOld);
    }
    Ok(SessionOutcome {
        started_at: report.started_at,
        ended_at: report.ended_at,
        local_date: local,
        position: report.position,
        hold_counts: report.hold_counts,
        completed: report.completed,
        parts: report.parts,
        rating: report.rating,
        held_every_count: report.held_every_count,
    })
}

/// A session logged by hand afterwards (no player, or done away from the phone): it ends `now`
/// and lasts the script's length, with the repetitions she says she did of each part. It is
/// completed when every part reached its repetitions; [`check_outcome`] then checks it like any
/// other report.
pub fn logged_by_hand(
    script: &SessionScript,
    reps_done: &[u32],
    position: String,
    rating: Option<Rating>,
    now: Timestamp,
) -> OutcomeReport {
    let parts: Vec<PartDone> = script
        .parts
        .iter()
        .zip(reps_done)
        .map(|(part, &reps_done)| PartDone {
            exercise: part.exercise,
            reps_done,
        })
        .collect();
    let completed = parts.len() == script.parts.len()
        && parts
            .iter()
            .zip(&script.parts)
            .all(|(done, part)| done.reps_done == part.reps);
    let length = SignedDuration::from_millis(i64::try_from(script.total_ms).unwrap_or(i64::MAX));
    OutcomeReport {
        started_at: now.checked_sub(length).unwrap_or(now),
        ended_at: now,
        position,
        hold_counts: script.hold_counts,
        completed,
        parts,
        rating,
        held_every_count: None,
    }
}

/// A coordination tap: she squeezed before a cough, a sneeze, a laugh or a lift. One contraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CoordinationTap {
    pub at: Timestamp,
    pub local_date: Date,
}

/// Checks a tap's time against the server's clock, like a session's.
pub fn check_tap(
    at: Timestamp,
    zone: &TimeZone,
    now: Timestamp,
) -> Result<CoordinationTap, OutcomeError> {
    if at.duration_since(now) > SignedDuration::from_mins(CLOCK_SKEW_MINUTES) {
        return Err(OutcomeError::InFuture);
    }
    let local = local_date(at, zone);
    if days_between(local, local_date(now, zone)) > MAX_OUTCOME_AGE_DAYS {
        return Err(OutcomeError::TooOld);
    }
    Ok(CoordinationTap {
        at,
        local_date: local,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn programme() -> Programme {
        crate::programme::brochure()
    }

    fn report(json: &str) -> OutcomeReport {
        match serde_json::from_str(json) {
            Ok(report) => report,
            Err(error) => panic!("{error}"),
        }
    }

    const NOW: &str = "2026-11-25T10:00:00Z";

    fn check(json: &str) -> Result<SessionOutcome, OutcomeError> {
        let now: Timestamp = NOW.parse().unwrap_or(Timestamp::UNIX_EPOCH);
        let zone = TimeZone::get("Europe/Brussels").unwrap_or(TimeZone::UTC);
        check_outcome(report(json), &programme(), &zone, now)
    }

    const FULL: &str = r#"{"started_at":"2026-11-24T23:30:00Z","ended_at":"2026-11-24T23:36:00Z","position":"side","hold_counts":5,"completed":true,"parts":[{"exercise":"strength","reps_done":10},{"exercise":"endurance","reps_done":10}],"rating":"fine"}"#;

    #[test]
    fn a_full_session_counts_twenty_on_her_local_day() {
        let Ok(outcome) = check(FULL) else {
            panic!("valid")
        };
        assert_eq!(outcome.contractions(), 20);
        // 23:30 UTC is 00:30 the next day in Brussels.
        assert_eq!(outcome.local_date, jiff::civil::date(2026, 11, 25));
    }

    #[test]
    fn a_partial_session_counts_what_was_done() {
        let partial = FULL
            .replace("\"completed\":true", "\"completed\":false")
            .replace("\"reps_done\":10}]", "\"reps_done\":4}]");
        assert_eq!(check(&partial).map(|o| o.contractions()), Ok(14));
    }

    #[test]
    fn reports_that_break_the_programme_are_refused() {
        let cases = [
            (FULL.replace("side", "upside_down"), "position"),
            (
                FULL.replace("\"reps_done\":10}]", "\"reps_done\":11}]"),
                "parts",
            ),
            (
                FULL.replace("\"reps_done\":10}]", "\"reps_done\":9}]"),
                "completed",
            ),
            (
                FULL.replace("\"hold_counts\":5", "\"hold_counts\":0"),
                "hold_counts",
            ),
            (FULL.replace("23:36", "23:00"), "ended_at"),
            (FULL.replace("2026-11-24T23", "2026-11-26T23"), "started_at"),
            (FULL.replace("2026-11-24T23", "2026-08-01T23"), "started_at"),
            (
                FULL.replace("\"exercise\":\"endurance\"", "\"exercise\":\"strength\""),
                "parts",
            ),
        ];
        for (json, field) in cases {
            let error = check(&json)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(error.starts_with(field), "{json} gave {error:?}");
        }
    }

    #[test]
    fn a_session_logged_by_hand_is_completed_only_with_every_repetition() {
        let now: Timestamp = NOW.parse().unwrap_or(Timestamp::UNIX_EPOCH);
        let zone = TimeZone::get("Europe/Brussels").unwrap_or(TimeZone::UTC);
        let programme = programme();
        let script = crate::script::session_script(
            &programme,
            crate::hold::HoldCounts::programme_start(&programme),
        );
        let full: Vec<u32> = script.parts.iter().map(|part| part.reps).collect();
        let logged = logged_by_hand(&script, &full, "side".into(), None, now);
        assert!(logged.completed);
        assert_eq!(logged.ended_at, now);
        let Ok(outcome) = check_outcome(logged, &programme, &zone, now) else {
            panic!("a full hand-logged session is accepted")
        };
        assert_eq!(outcome.contractions(), full.iter().sum::<u32>());
        let short: Vec<u32> = full.iter().map(|reps| reps - 1).collect();
        let logged = logged_by_hand(&script, &short, "side".into(), None, now);
        assert!(!logged.completed);
        let too_many: Vec<u32> = full.iter().map(|reps| reps + 1).collect();
        let logged = logged_by_hand(&script, &too_many, "side".into(), None, now);
        assert!(matches!(
            check_outcome(logged, &programme, &zone, now),
            Err(OutcomeError::TooManyReps { .. })
        ));
    }

    /// Her programme under a prescription drawn from the arguments: the fast squeezes included or
    /// not, and any repetition count the prescription allows for each exercise.
    fn prescribed(fast: bool, reps: [u32; 3]) -> Option<Programme> {
        use crate::prescription::{Field, Prescription, Value};
        let file = programme();
        let mut prescription = Prescription::default();
        prescription
            .set(Field::Included(ExerciseKind::Fast), Value::Included(fast))
            .ok()?;
        for (kind, reps) in ExerciseKind::ALL.into_iter().zip(reps) {
            prescription
                .set(Field::Reps(kind), Value::Count(reps))
                .ok()?;
        }
        prescription.apply(&file).ok()
    }

    #[test]
    fn the_generated_prescriptions_reach_sessions() {
        let with_fast = prescribed(true, [8, 12, 10]);
        assert_eq!(with_fast.map(|p| p.contractions_per_session()), Some(30));
        assert!(prescribed(false, [8, 12, 10]).is_some());
    }

    proptest::proptest! {
        #[test]
        fn an_accepted_report_counts_what_was_done_and_is_completed_only_when_all_was(
            fast in proptest::bool::ANY,
            reps in proptest::array::uniform3(1u32..40),
            done in proptest::array::uniform3(0u32..45),
            claims_completed in proptest::bool::ANY,
            minutes_ago in 0i64..600,
        ) {
            let Some(programme) = prescribed(fast, reps) else {
                // A prescription core refuses never reaches a session.
                return Ok(());
            };
            let now: Timestamp = NOW.parse().unwrap_or(Timestamp::UNIX_EPOCH);
            let zone = TimeZone::get("Europe/Brussels").unwrap_or(TimeZone::UTC);
            let parts: Vec<PartDone> = programme
                .exercises
                .iter()
                .zip(done)
                .map(|(exercise, reps_done)| PartDone { exercise: exercise.kind, reps_done })
                .collect();
            let ended = now.checked_sub(SignedDuration::from_mins(minutes_ago)).unwrap_or(now);
            let report = OutcomeReport {
                started_at: ended.checked_sub(SignedDuration::from_mins(6)).unwrap_or(ended),
                ended_at: ended,
                position: programme.positions[0].clone(),
                hold_counts: programme.hold.start,
                completed: claims_completed,
                parts: parts.clone(),
                rating: None,
                held_every_count: None,
            };
            let every_part_done = programme
                .exercises
                .iter()
                .zip(&parts)
                .all(|(exercise, part)| part.reps_done == exercise.reps);
            if let Ok(outcome) = check_outcome(report, &programme, &zone, now) {
                let sum: u32 = parts.iter().map(|part| part.reps_done).sum();
                proptest::prop_assert_eq!(outcome.contractions(), sum);
                proptest::prop_assert!(outcome.contractions() <= programme.contractions_per_session());
                proptest::prop_assert_eq!(outcome.completed, claims_completed);
                proptest::prop_assert!(!outcome.completed || every_part_done);
            } else {
                // Refused only for more than was planned, or for a claim of completion that is short.
                let too_many = programme
                    .exercises
                    .iter()
                    .zip(&parts)
                    .any(|(exercise, part)| part.reps_done > exercise.reps);
                proptest::prop_assert!(too_many || (claims_completed && !every_part_done));
            }
            // And a session logged by hand is completed exactly when every part reached its reps.
            let script = crate::script::session_script(
                &programme,
                crate::hold::HoldCounts::programme_start(&programme),
            );
            let logged = logged_by_hand(&script, &done[..script.parts.len()], "side".into(), None, now);
            proptest::prop_assert_eq!(logged.completed, every_part_done);
        }
    }
}
