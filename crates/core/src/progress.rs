//! Her progress: what each day counted, and which days reached the programme's target.
//!
//! Progress praises effort and never guilts: a day without exercise is simply a day with nothing
//! counted, and no streak is ever "broken". The numbers here feed both the charts and the tables
//! that screen readers get.

use crate::birth::BirthDate;
use crate::programme::Programme;
use crate::timeline::postpartum_day;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

/// What one local day counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayTally {
    pub date: Date,
    /// Guided sessions done that day: completed, every repetition of every part (core's
    /// `check_outcome` decides "completed"). Today, the reminders, the portal and the summary
    /// count these.
    pub sessions: u32,
    /// Guided sessions begun and stopped before the end: their contractions count, the session
    /// does not.
    pub begun: u32,
    /// Contractions from guided sessions.
    pub session_contractions: u32,
    /// Coordination taps: each is one contraction before a cough, sneeze, laugh or lift.
    pub coordination: u32,
}

impl DayTally {
    /// A day that counted nothing.
    pub fn empty(date: Date) -> Self {
        Self {
            date,
            sessions: 0,
            begun: 0,
            session_contractions: 0,
            coordination: 0,
        }
    }

    /// Every contraction of the day: guided ones and coordination taps.
    pub fn contractions(&self) -> u32 {
        self.session_contractions + self.coordination
    }

    pub fn reached(&self, target: u32) -> bool {
        target > 0 && self.contractions() >= target
    }
}

/// How a calendar day looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayState {
    /// Before the exercises started, or before the birth.
    NotYet,
    /// Today or earlier, the target reached.
    Reached,
    /// Today or earlier, something done.
    Some,
    /// Today or earlier, nothing counted. Not a failure; just a day.
    Nothing,
    /// After today.
    Future,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarDay {
    pub date: Date,
    pub contractions: u32,
    pub state: DayState,
}

/// A calendar of whole weeks (Monday to Sunday) ending with the week of `today`, `weeks` long.
/// `tallies` may come in any order; days without a tally counted nothing.
pub fn calendar(
    programme: &Programme,
    birth: BirthDate,
    today: Date,
    tallies: &[DayTally],
    weeks: u32,
) -> Vec<CalendarDay> {
    let target = programme.schedule.daily_contraction_target;
    let start_day = programme.schedule.exercise_start_day;
    let monday_offset = i64::from(today.weekday().to_monday_zero_offset());
    let first = today
        .checked_sub((monday_offset + 7 * i64::from(weeks.saturating_sub(1))).days())
        .unwrap_or(today);
    (0..i64::from(weeks) * 7)
        .filter_map(|offset| first.checked_add(offset.days()).ok())
        .map(|date| {
            let contractions = tallies
                .iter()
                .filter(|tally| tally.date == date)
                .map(DayTally::contractions)
                .sum();
            let state = if date > today {
                DayState::Future
            } else if date < birth.date() || postpartum_day(birth, date) < start_day {
                DayState::NotYet
            } else if contractions >= target {
                DayState::Reached
            } else if contractions > 0 {
                DayState::Some
            } else {
                DayState::Nothing
            };
            CalendarDay {
                date,
                contractions,
                state,
            }
        })
        .collect()
}

/// The tallies of the `days` days ending with `today`, oldest first, with empty days filled in.
pub fn recent_days(today: Date, tallies: &[DayTally], days: u32) -> Vec<DayTally> {
    (0..i64::from(days))
        .rev()
        .filter_map(|back| today.checked_sub(back.days()).ok())
        .map(|date| {
            tallies
                .iter()
                .find(|tally| tally.date == date)
                .copied()
                .unwrap_or(DayTally::empty(date))
        })
        .collect()
}

/// How many of the `days` days ending with `today` she could exercise (from the programme's start
/// day after the birth): adherence counts these only, never the days before she could begin.
pub fn exercise_days_in(programme: &Programme, birth: BirthDate, today: Date, days: u32) -> u32 {
    let start_day = programme.schedule.exercise_start_day;
    let could = postpartum_day(birth, today)
        .saturating_add(1)
        .saturating_sub(start_day);
    could.min(days)
}

/// The first day of the calendar week, for labels.
pub fn week_starts_on() -> Weekday {
    Weekday::Monday
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn programme() -> Programme {
        crate::programme::brochure()
    }

    fn tally(date: Date, session_contractions: u32, coordination: u32) -> DayTally {
        DayTally {
            date,
            sessions: 1,
            begun: 0,
            session_contractions,
            coordination,
        }
    }

    #[test]
    fn a_day_reaches_the_programme_target_with_sessions_and_taps_together() {
        let target = programme().schedule.daily_contraction_target;
        assert!(tally(date(2026, 1, 1), 58, 2).reached(target));
        assert!(!tally(date(2026, 1, 1), 40, 19).reached(target));
    }

    #[test]
    fn calendar_marks_days_by_what_they_counted_and_never_fails_a_day() {
        let programme = programme();
        let birth = BirthDate::from_stored(date(2026, 11, 10)); // a Tuesday
        let today = date(2026, 11, 25); // a Wednesday
        let tallies = [
            tally(date(2026, 11, 20), 60, 0),
            tally(date(2026, 11, 21), 20, 3),
        ];
        let days = calendar(&programme, birth, today, &tallies, 3);
        assert_eq!(days.len(), 21);
        assert_eq!(days[0].date, date(2026, 11, 9)); // Monday, two weeks before this one
        assert_eq!(days[20].date, date(2026, 11, 29));
        let state = |d: Date| days.iter().find(|day| day.date == d).map(|day| day.state);
        assert_eq!(state(date(2026, 11, 9)), Some(DayState::NotYet)); // before birth
        assert_eq!(state(date(2026, 11, 11)), Some(DayState::NotYet)); // day 1
        assert_eq!(state(date(2026, 11, 12)), Some(DayState::Nothing)); // day 2
        assert_eq!(state(date(2026, 11, 20)), Some(DayState::Reached));
        assert_eq!(state(date(2026, 11, 21)), Some(DayState::Some));
        assert_eq!(state(date(2026, 11, 26)), Some(DayState::Future));
    }

    #[test]
    fn recent_days_fill_gaps_oldest_first() {
        let today = date(2026, 11, 25);
        let days = recent_days(today, &[tally(date(2026, 11, 24), 10, 1)], 3);
        let counts: Vec<_> = days.iter().map(|d| (d.date, d.contractions())).collect();
        assert_eq!(
            counts,
            [
                (date(2026, 11, 23), 0),
                (date(2026, 11, 24), 11),
                (date(2026, 11, 25), 0)
            ]
        );
    }

    #[test]
    fn adherence_counts_only_the_days_she_could_exercise() {
        let programme = crate::programme::brochure();
        let start = programme.schedule.exercise_start_day;
        let birth = BirthDate::from_stored(jiff::civil::date(2026, 11, 25));
        let on_day = |day: u32| {
            jiff::civil::date(2026, 11, 25)
                .checked_add(i64::from(day).days())
                .unwrap_or(jiff::civil::date(2026, 11, 25))
        };
        // Before the start day: none; on it: one; day 11 with start 2: ten of the last 28.
        assert_eq!(
            exercise_days_in(&programme, birth, on_day(start - 1), 28),
            0
        );
        assert_eq!(exercise_days_in(&programme, birth, on_day(start), 28), 1);
        assert_eq!(
            exercise_days_in(&programme, birth, on_day(11), 28),
            12 - start
        );
        assert_eq!(exercise_days_in(&programme, birth, on_day(90), 28), 28);
    }
}
