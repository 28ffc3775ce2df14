//! Where a mother is on the postnatal timeline, and what her day holds.
//!
//! Day 0 is the day of birth. Days are her local calendar days: the boundary between day 1 and day
//! 2 (exercises start) or week 5 and week 6 (physiotherapy) falls at her local midnight, whatever
//! the server's zone and across daylight-saving changes. The clock is read by the caller and passed
//! in as a timestamp; the time zone comes from her browser.

use crate::birth::{BirthDate, days_between};
use crate::programme::Programme;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// Her local calendar date at an instant.
pub fn local_date(at: Timestamp, zone: &TimeZone) -> Date {
    zone.to_datetime(at).date()
}

/// What a given day after birth holds for her, all derived from the programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPlan {
    /// Days since birth; 0 is the day of birth.
    pub day: u32,
    /// The week she is in, counted from 1 (days 0-6 are week 1).
    pub week: u32,
    /// Whole weeks completed since birth (days 42-48 are 6 completed weeks).
    pub weeks_completed: u32,
    /// Days left before the exercises start; `None` once they have started.
    pub days_until_exercises: Option<u32>,
    /// Guided sessions the day holds (0 before the exercises start).
    pub sessions: u32,
    /// Contractions the day aims at (0 before the exercises start).
    pub contraction_target: u32,
    /// Whether the rest-and-recovery advice applies.
    pub recovery_advice: bool,
    /// Whether the physiotherapy step has come.
    pub physiotherapy: bool,
}

/// Days since birth on her local `today`. A birth date is never in the future, but a date read from
/// an older record with a zone change may put it a day ahead: that counts as day 0.
pub fn postpartum_day(birth: BirthDate, today: Date) -> u32 {
    u32::try_from(days_between(birth.date(), today)).unwrap_or(0)
}

/// The plan of her day `today` (her local date).
pub fn day_plan(programme: &Programme, birth: BirthDate, today: Date) -> DayPlan {
    let schedule = &programme.schedule;
    let day = postpartum_day(birth, today);
    let exercising = day >= schedule.exercise_start_day;
    DayPlan {
        day,
        week: day / 7 + 1,
        weeks_completed: day / 7,
        days_until_exercises: (!exercising).then(|| schedule.exercise_start_day - day),
        sessions: if exercising {
            schedule.sessions_per_day
        } else {
            0
        },
        contraction_target: if exercising {
            schedule.daily_contraction_target
        } else {
            0
        },
        recovery_advice: day < schedule.recovery_weeks * 7,
        physiotherapy: day >= schedule.physiotherapy_from_week * 7,
    }
}

/// The first local date on which physiotherapy may start.
pub fn physiotherapy_start_date(programme: &Programme, birth: BirthDate) -> Date {
    let days = i64::from(programme.schedule.physiotherapy_from_week) * 7;
    birth
        .date()
        .checked_add(jiff::Span::new().days(days))
        .unwrap_or(birth.date())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn programme() -> Programme {
        crate::programme::brochure()
    }

    fn brussels() -> TimeZone {
        match TimeZone::get("Europe/Brussels") {
            Ok(zone) => zone,
            Err(error) => panic!("bundled tzdb has Brussels: {error}"),
        }
    }

    fn at(text: &str) -> Timestamp {
        match text.parse() {
            Ok(at) => at,
            Err(error) => panic!("{text}: {error}"),
        }
    }

    #[test]
    fn days_zero_and_one_are_rest_and_learn_exercises_start_on_day_two() {
        let programme = programme();
        let birth = BirthDate::from_stored(date(2026, 11, 1));
        let table = [
            (date(2026, 11, 1), 0, Some(2), 0, 0),
            (date(2026, 11, 2), 1, Some(1), 0, 0),
            (date(2026, 11, 3), 2, None, 3, 60),
            (date(2026, 11, 20), 19, None, 3, 60),
        ];
        for (today, day, until, sessions, target) in table {
            let plan = day_plan(&programme, birth, today);
            assert_eq!(
                (
                    plan.day,
                    plan.days_until_exercises,
                    plan.sessions,
                    plan.contraction_target
                ),
                (day, until, sessions, target),
                "{today}"
            );
        }
    }

    #[test]
    fn physiotherapy_comes_at_six_weeks_and_recovery_advice_stops() {
        let programme = programme();
        let birth = BirthDate::from_stored(date(2026, 1, 1));
        let before = day_plan(&programme, birth, date(2026, 2, 11)); // day 41
        let after = day_plan(&programme, birth, date(2026, 2, 12)); // day 42
        assert_eq!(
            (before.day, before.physiotherapy, before.recovery_advice),
            (41, false, true)
        );
        assert_eq!(
            (after.day, after.physiotherapy, after.recovery_advice),
            (42, true, false)
        );
        assert_eq!((before.week, after.week), (6, 7));
        assert_eq!(
            physiotherapy_start_date(&programme, birth),
            date(2026, 2, 12)
        );
    }

    #[test]
    fn day_two_begins_at_her_local_midnight_not_utc() {
        let programme = programme();
        let birth = BirthDate::from_stored(date(2026, 7, 1));
        let zone = brussels(); // UTC+2 in summer
        // 22:30 UTC on 2 July is 00:30 on 3 July in Brussels: day 2 there, still day 1 in UTC.
        let today = local_date(at("2026-07-02T22:30:00Z"), &zone);
        assert_eq!(day_plan(&programme, birth, today).day, 2);
        let utc_today = local_date(at("2026-07-02T22:30:00Z"), &TimeZone::UTC);
        assert_eq!(day_plan(&programme, birth, utc_today).day, 1);
    }

    #[test]
    fn boundaries_hold_across_the_daylight_saving_change() {
        let programme = programme();
        let zone = brussels();
        // Brussels moves to summer time at 02:00 on 29 March 2026 (that local day has 23 hours).
        // Born 27 March: day 2 starts at local midnight of 29 March = 23:00 UTC on 28 March.
        let birth = BirthDate::from_stored(date(2026, 3, 27));
        let day = |instant: &str| day_plan(&programme, birth, local_date(at(instant), &zone)).day;
        assert_eq!(day("2026-03-28T22:59:59Z"), 1);
        assert_eq!(day("2026-03-28T23:00:00Z"), 2);
        // 30 March begins at 22:00 UTC on the 29th, an hour earlier than the day before.
        assert_eq!(day("2026-03-29T21:59:59Z"), 2);
        assert_eq!(day("2026-03-29T22:00:00Z"), 3);
        // Born 15 September 2026; week 6 ends across the October change (25 October, 03:00 -> 02:00).
        let birth = BirthDate::from_stored(date(2026, 9, 15));
        let plan = |instant: &str| day_plan(&programme, birth, local_date(at(instant), &zone));
        // Day 42 is 27 October, which starts at 23:00 UTC on 26 October (winter time, UTC+1).
        assert!(!plan("2026-10-26T22:59:59Z").physiotherapy);
        assert!(plan("2026-10-26T23:00:00Z").physiotherapy);
    }

    proptest! {
        #[test]
        fn plan_follows_the_programme_for_every_day(offset in 0i64..366) {
            let programme = programme();
            let birth = BirthDate::from_stored(date(2026, 1, 1));
            let today = birth.date().checked_add(jiff::Span::new().days(offset)).unwrap_or(birth.date());
            let plan = day_plan(&programme, birth, today);
            prop_assert_eq!(i64::from(plan.day), offset);
            prop_assert_eq!(plan.week, plan.day / 7 + 1);
            let exercising = plan.day >= programme.schedule.exercise_start_day;
            prop_assert_eq!(plan.days_until_exercises.is_none(), exercising);
            prop_assert_eq!(plan.contraction_target > 0, exercising);
            prop_assert_eq!(plan.physiotherapy, plan.weeks_completed >= programme.schedule.physiotherapy_from_week);
        }
    }
}
