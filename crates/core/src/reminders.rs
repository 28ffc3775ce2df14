//! Reminders that fit her day: her moments, her quiet hours, the milestones of the timeline, and
//! when each is due in her own time zone.
//!
//! Forgetting is the main reason mothers stop their exercises; the brochure's answer is to tie them
//! to daily habits. Here lives every rule about reminders, so the scheduler only stores and sends:
//! when a moment is next due (daylight-saving changes never move or double one), whether it should
//! still ring when it comes (not once she did that session or reached the day's target, not in her
//! quiet hours, not before the exercises start, not when the server missed it by too long), and
//! when the milestones fall. Reminders only invite: nothing here picks or changes a dose.

use crate::birth::BirthDate;
use crate::programme::Programme;
use crate::progress::DayTally;
use crate::timeline::{day_plan, local_date};
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{SignedDuration, Timestamp, ToSpan};
use thiserror::Error;

/// The daily habits she can tie a moment to (the short list), or her own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Habit {
    BrushingTeeth,
    Feeding,
    WatchingTv,
    InTheCar,
    AtMyDesk,
    OwnWords,
}

impl Habit {
    pub const ALL: [Habit; 6] = [
        Self::BrushingTeeth,
        Self::Feeding,
        Self::WatchingTv,
        Self::InTheCar,
        Self::AtMyDesk,
        Self::OwnWords,
    ];

    /// The stored and form value; `reminders-habit-<value>` names it in each language.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BrushingTeeth => "brushing-teeth",
            Self::Feeding => "feeding",
            Self::WatchingTv => "watching-tv",
            Self::InTheCar => "in-the-car",
            Self::AtMyDesk => "at-my-desk",
            Self::OwnWords => "own-words",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|habit| habit.as_str() == text)
    }
}

/// One of her moments: a habit and the local time it usually comes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moment {
    pub habit: Habit,
    /// Her own words when the habit is [`Habit::OwnWords`]; empty otherwise.
    pub own_words: String,
    pub time: Time,
}

/// Hours in which nothing rings. They may wrap midnight (21:30-08:00, the default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub start: Time,
    pub end: Time,
}

impl QuietHours {
    /// Whether a local time of day falls inside the quiet hours (start included, end excluded).
    /// Equal start and end means no quiet hours.
    pub fn contains(self, time: Time) -> bool {
        if self.start <= self.end {
            self.start <= time && time < self.end
        } else {
            time >= self.start || time < self.end
        }
    }
}

impl Default for QuietHours {
    fn default() -> Self {
        Self {
            start: Time::constant(21, 30, 0, 0),
            end: Time::constant(8, 0, 0, 0),
        }
    }
}

/// Her reminder settings: the moments (each invites the next guided session of the day, in order)
/// and her quiet hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderPlan {
    pub moments: Vec<Moment>,
    pub quiet: QuietHours,
}

/// The most moments she may set; more would be nagging, not reminding.
pub const MAX_MOMENTS: usize = 6;
/// The longest text her own words may have (it fits a notification line).
pub const MAX_OWN_WORDS: usize = 60;
/// A reminder the server missed (it was down) still rings if it is at most this late.
pub const MISSED_GRACE: SignedDuration = SignedDuration::from_mins(30);
/// The snoozes she can choose, in minutes.
pub const SNOOZE_MINUTES: [u32; 2] = [15, 30];
/// The local time milestones ring on their day (moved to the end of her quiet hours if inside).
pub const MILESTONE_TIME: Time = Time::constant(10, 0, 0, 0);
/// How many days before her prescription's deadline she is reminded to start her sessions.
pub const PRESCRIPTION_WARNING_DAYS: i64 = 7;

/// The default moments: the habits most mothers have at those hours, one per guided session.
const DEFAULT_MOMENTS: [(Habit, i8, i8); 3] = [
    (Habit::BrushingTeeth, 8, 30),
    (Habit::Feeding, 13, 0),
    (Habit::WatchingTv, 20, 0),
];

impl ReminderPlan {
    /// What she gets before she changes anything: three moments and quiet hours 21:30-08:00.
    pub fn default_plan() -> Self {
        Self {
            moments: DEFAULT_MOMENTS
                .iter()
                .map(|&(habit, hour, minute)| Moment {
                    habit,
                    own_words: String::new(),
                    time: Time::constant(hour, minute, 0, 0),
                })
                .collect(),
            quiet: QuietHours::default(),
        }
    }

    /// Checks a plan she sent: a count of moments within bounds, her own words present where she
    /// chose them and short enough.
    pub fn check(&self) -> Result<(), PlanError> {
        if self.moments.len() > MAX_MOMENTS {
            return Err(PlanError::TooManyMoments);
        }
        for (index, moment) in self.moments.iter().enumerate() {
            let words = moment.own_words.trim();
            if moment.habit == Habit::OwnWords && words.is_empty() {
                return Err(PlanError::OwnWordsMissing { index });
            }
            if words.chars().count() > MAX_OWN_WORDS {
                return Err(PlanError::OwnWordsTooLong { index });
            }
        }
        Ok(())
    }
}

/// What is wrong with a plan she sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum PlanError {
    #[error("at most {MAX_MOMENTS} moments")]
    TooManyMoments,
    #[error("moment {index}: her own words are missing")]
    OwnWordsMissing { index: usize },
    #[error("moment {index}: her own words are longer than {MAX_OWN_WORDS} characters")]
    OwnWordsTooLong { index: usize },
}

/// The milestones of the postnatal timeline that come as reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Milestone {
    /// The exercises may start (day 2 in the brochure).
    ExercisesStart,
    /// Around week 5: ask the GP or specialist for a prescription for postnatal physiotherapy.
    AskPrescription,
    /// Week 6: book the physiotherapy sessions.
    BookSessions,
    /// Her prescription's deadline to start the sessions comes near.
    PrescriptionExpires,
}

impl Milestone {
    pub const ALL: [Milestone; 4] = [
        Self::ExercisesStart,
        Self::AskPrescription,
        Self::BookSessions,
        Self::PrescriptionExpires,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ExercisesStart => "exercises-start",
            Self::AskPrescription => "ask-prescription",
            Self::BookSessions => "book-sessions",
            Self::PrescriptionExpires => "prescription-expires",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == text)
    }
}

/// What a due reminder is: one of her moments (by index), a snooze she asked for, or a milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReminderKind {
    Moment(u8),
    Snooze,
    Milestone(Milestone),
}

impl ReminderKind {
    /// The key the store keeps a reminder under (one due time per key and profile).
    pub fn key(self) -> String {
        match self {
            Self::Moment(index) => format!("moment-{index}"),
            Self::Snooze => "snooze".to_owned(),
            Self::Milestone(milestone) => format!("milestone-{}", milestone.as_str()),
        }
    }

    pub fn parse_key(key: &str) -> Option<Self> {
        if key == "snooze" {
            return Some(Self::Snooze);
        }
        if let Some(index) = key.strip_prefix("moment-") {
            return index.parse().ok().map(Self::Moment);
        }
        key.strip_prefix("milestone-")
            .and_then(Milestone::parse)
            .map(Self::Milestone)
    }
}

/// The instant a local date and time happen in her zone. A time skipped by the spring-forward
/// change happens at the first valid instant after it (the end of the gap); a time that happens
/// twice in autumn counts the first time.
pub fn local_instant(date: Date, time: Time, zone: &TimeZone) -> Timestamp {
    let civil = DateTime::from_parts(date, time);
    let ambiguous = zone.to_ambiguous_timestamp(civil);
    match ambiguous.offset() {
        AmbiguousOffset::Unambiguous { offset } => offset.to_timestamp(civil),
        AmbiguousOffset::Fold { before, .. } => before.to_timestamp(civil),
        AmbiguousOffset::Gap { after, .. } => after
            .to_timestamp(civil)
            .ok()
            .and_then(|early| zone.following(early).next())
            .map(|transition| Ok(transition.timestamp()))
            .unwrap_or_else(|| ambiguous.compatible()),
    }
    .unwrap_or(Timestamp::MAX)
}

/// The next instant strictly after `after` at which a daily local `time` comes in her zone.
pub fn next_daily(time: Time, zone: &TimeZone, after: Timestamp) -> Timestamp {
    let today = local_date(after, zone);
    // Today or tomorrow, or the day after when a zone change skipped a whole day (Samoa 2011).
    (0..3)
        .filter_map(|days| today.checked_add(days.days()).ok())
        .map(|date| local_instant(date, time, zone))
        .find(|&due| due > after)
        .unwrap_or(Timestamp::MAX)
}

/// If `time` lies in her quiet hours, the end of them; else `time`.
fn outside_quiet(time: Time, quiet: QuietHours) -> Time {
    if quiet.contains(time) {
        quiet.end
    } else {
        time
    }
}

/// The local dates of her milestones. Ask and book are placed a week and two weeks before
/// physiotherapy may start, the prescription warning a week before its deadline.
pub fn milestone_dates(
    programme: &Programme,
    birth: BirthDate,
    prescription: Option<Date>,
) -> Vec<(Milestone, Date)> {
    let schedule = &programme.schedule;
    let from_birth = |days: i64| birth.date().checked_add(days.days()).ok();
    let physio_day = i64::from(schedule.physiotherapy_from_week) * 7;
    let mut dates = Vec::new();
    let candidates = [
        (
            Milestone::ExercisesStart,
            from_birth(i64::from(schedule.exercise_start_day)),
        ),
        (Milestone::AskPrescription, from_birth(physio_day - 14)),
        (Milestone::BookSessions, from_birth(physio_day - 7)),
        (
            Milestone::PrescriptionExpires,
            prescription.and_then(|date| {
                date.checked_add(
                    (i64::from(schedule.prescription_valid_days) - PRESCRIPTION_WARNING_DAYS)
                        .max(0)
                        .days(),
                )
                .ok()
            }),
        ),
    ];
    for (milestone, date) in candidates {
        if let Some(date) = date.filter(|date| *date >= birth.date()) {
            dates.push((milestone, date));
        }
    }
    dates
}

/// How long before the birth a prescription for postnatal physiotherapy may be dated: a doctor may
/// write it during the pregnancy (a pregnancy lasts about 280 days; 300 leaves room).
pub const PRESCRIPTION_BEFORE_BIRTH_DAYS: i32 = 300;

/// Whether a prescription date she typed can be hers: not after her `today`, and not more than
/// [`PRESCRIPTION_BEFORE_BIRTH_DAYS`] before the birth.
pub fn prescription_date_fits(date: Date, birth: BirthDate, today: Date) -> bool {
    let earliest = birth
        .date()
        .saturating_sub(i64::from(PRESCRIPTION_BEFORE_BIRTH_DAYS).days());
    earliest <= date && date <= today
}

/// The last local date on which her prescription lets her start the sessions.
pub fn prescription_deadline(programme: &Programme, prescription: Date) -> Option<Date> {
    prescription
        .checked_add(i64::from(programme.schedule.prescription_valid_days).days())
        .ok()
}

/// When each milestone rings: its date at [`MILESTONE_TIME`] (or when her quiet hours end).
pub fn milestone_instants(
    programme: &Programme,
    birth: BirthDate,
    prescription: Option<Date>,
    quiet: QuietHours,
    zone: &TimeZone,
) -> Vec<(Milestone, Timestamp)> {
    let time = outside_quiet(MILESTONE_TIME, quiet);
    milestone_dates(programme, birth, prescription)
        .into_iter()
        .map(|(milestone, date)| (milestone, local_instant(date, time, zone)))
        .collect()
}

/// What to keep due after `after`: the next time of each moment, and the milestones still ahead.
pub fn upcoming(
    plan: &ReminderPlan,
    programme: &Programme,
    birth: BirthDate,
    prescription: Option<Date>,
    zone: &TimeZone,
    after: Timestamp,
) -> Vec<(ReminderKind, Timestamp)> {
    let moments = plan
        .moments
        .iter()
        .enumerate()
        .filter_map(|(index, moment)| {
            let index = u8::try_from(index).ok()?;
            Some((
                ReminderKind::Moment(index),
                next_daily(moment.time, zone, after),
            ))
        });
    let milestones = milestone_instants(programme, birth, prescription, plan.quiet, zone)
        .into_iter()
        .filter(|(_, due)| *due > after)
        .map(|(milestone, due)| (ReminderKind::Milestone(milestone), due));
    moments.chain(milestones).collect()
}

/// The next due time of a reminder after it was handled at `due`: moments come again the next
/// day; snoozes and milestones ring once.
pub fn next_after_handled(
    kind: ReminderKind,
    plan: &ReminderPlan,
    zone: &TimeZone,
    due: Timestamp,
) -> Option<Timestamp> {
    match kind {
        ReminderKind::Moment(index) => plan
            .moments
            .get(usize::from(index))
            .map(|moment| next_daily(moment.time, zone, due)),
        ReminderKind::Snooze | ReminderKind::Milestone(_) => None,
    }
}

/// When a snooze of `minutes` rings; `None` for a length she cannot choose.
pub fn snooze_until(now: Timestamp, minutes: u32) -> Option<Timestamp> {
    SNOOZE_MINUTES
        .contains(&minutes)
        .then(|| {
            now.checked_add(SignedDuration::from_mins(i64::from(minutes)))
                .ok()
        })
        .flatten()
}

/// Whether a due reminder rings, and if not, why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Send,
    /// The server missed it by more than [`MISSED_GRACE`].
    TooLate,
    /// Its time falls in her quiet hours.
    QuietHours,
    /// The exercises have not started yet (a moment before day 2).
    NotStarted,
    /// She already did the session this moment invites.
    SessionDone,
    /// The day's target is met.
    TargetMet,
    /// The moment was removed since it was scheduled.
    Gone,
}

/// What she has done on the day a reminder falls, and the facts it is judged by.
#[derive(Debug, Clone, Copy)]
pub struct DueContext<'a> {
    pub programme: &'a Programme,
    pub birth: BirthDate,
    pub zone: &'a TimeZone,
    pub plan: &'a ReminderPlan,
    /// What her local day of `due` counted so far.
    pub tally: &'a DayTally,
}

/// Decides whether a reminder due at `due` rings when the scheduler handles it at `now`.
pub fn decide(kind: ReminderKind, due: Timestamp, now: Timestamp, context: DueContext) -> Decision {
    if now.duration_since(due) > MISSED_GRACE {
        return Decision::TooLate;
    }
    if matches!(kind, ReminderKind::Milestone(_)) {
        return Decision::Send;
    }
    let local = context.zone.to_datetime(due);
    if context.plan.quiet.contains(local.time()) {
        return Decision::QuietHours;
    }
    let plan = day_plan(context.programme, context.birth, local.date());
    if plan.sessions == 0 {
        return Decision::NotStarted;
    }
    if context.tally.reached(plan.contraction_target) {
        return Decision::TargetMet;
    }
    match kind {
        ReminderKind::Moment(index) => {
            if usize::from(index) >= context.plan.moments.len() {
                Decision::Gone
            } else if context.tally.sessions > u32::from(index) {
                // Moment n invites the (n+1)th session of the day; that many are done.
                Decision::SessionDone
            } else {
                Decision::Send
            }
        }
        ReminderKind::Snooze => {
            if context.tally.sessions >= plan.sessions {
                Decision::SessionDone
            } else {
                Decision::Send
            }
        }
        ReminderKind::Milestone(_) => Decision::Send,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};
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

    fn tally(day: Date, sessions: u32, contractions: u32) -> DayTally {
        DayTally {
            date: day,
            sessions,
            begun: 0,
            session_contractions: contractions,
            coordination: 0,
        }
    }

    #[test]
    fn daily_times_keep_their_local_hour_across_both_changes_of_2026() {
        let zone = brussels();
        let table = [
            // (after, local time, expected instant)
            (
                "2026-03-27T12:00:00Z",
                time(8, 30, 0, 0),
                "2026-03-28T07:30:00Z",
            ),
            // 29 March: clocks go 02:00 -> 03:00; 08:30 is now UTC+2.
            (
                "2026-03-28T12:00:00Z",
                time(8, 30, 0, 0),
                "2026-03-29T06:30:00Z",
            ),
            // 02:30 does not exist on 29 March: the first valid instant after it, 03:00 (01:00Z).
            (
                "2026-03-28T12:00:00Z",
                time(2, 30, 0, 0),
                "2026-03-29T01:00:00Z",
            ),
            // ... and the next day it is 02:30 again.
            (
                "2026-03-29T01:00:00Z",
                time(2, 30, 0, 0),
                "2026-03-30T00:30:00Z",
            ),
            // 25 October: 03:00 -> 02:00; 02:30 happens twice, it counts the first time.
            (
                "2026-10-24T12:00:00Z",
                time(2, 30, 0, 0),
                "2026-10-25T00:30:00Z",
            ),
            // Right after the first 02:30, the next is the following day, not the repeat.
            (
                "2026-10-25T00:30:00Z",
                time(2, 30, 0, 0),
                "2026-10-26T01:30:00Z",
            ),
            (
                "2026-10-24T12:00:00Z",
                time(20, 0, 0, 0),
                "2026-10-24T18:00:00Z",
            ),
            (
                "2026-10-24T18:00:00Z",
                time(20, 0, 0, 0),
                "2026-10-25T19:00:00Z",
            ),
        ];
        for (after, local, expected) in table {
            assert_eq!(
                next_daily(local, &zone, at(after)),
                at(expected),
                "{local} after {after}"
            );
        }
    }

    #[test]
    fn quiet_hours_wrap_midnight_and_equal_ends_mean_none() {
        let quiet = QuietHours::default();
        let table = [
            (time(21, 29, 59, 0), false),
            (time(21, 30, 0, 0), true),
            (time(0, 0, 0, 0), true),
            (time(7, 59, 0, 0), true),
            (time(8, 0, 0, 0), false),
            (time(13, 0, 0, 0), false),
        ];
        for (local, inside) in table {
            assert_eq!(quiet.contains(local), inside, "{local}");
        }
        let daytime = QuietHours {
            start: time(13, 0, 0, 0),
            end: time(15, 0, 0, 0),
        };
        assert!(daytime.contains(time(14, 0, 0, 0)));
        assert!(!daytime.contains(time(16, 0, 0, 0)));
        let none = QuietHours {
            start: time(9, 0, 0, 0),
            end: time(9, 0, 0, 0),
        };
        assert!(!none.contains(time(9, 0, 0, 0)));
    }

    #[test]
    fn a_moment_goes_quiet_once_its_session_is_done_or_the_target_met() {
        let programme = programme();
        let zone = brussels();
        let plan = ReminderPlan::default_plan();
        let birth = BirthDate::from_stored(date(2026, 11, 10));
        let day = date(2026, 11, 25);
        let due = local_instant(day, time(13, 0, 0, 0), &zone);
        let decide_with = |kind, sessions, contractions| {
            let tally = tally(day, sessions, contractions);
            let context = DueContext {
                programme: &programme,
                birth,
                zone: &zone,
                plan: &plan,
                tally: &tally,
            };
            decide(kind, due, due, context)
        };
        let table = [
            (ReminderKind::Moment(1), 0, 0, Decision::Send),
            (ReminderKind::Moment(1), 1, 20, Decision::Send),
            (ReminderKind::Moment(1), 2, 40, Decision::SessionDone),
            (ReminderKind::Moment(0), 1, 20, Decision::SessionDone),
            (ReminderKind::Moment(2), 1, 60, Decision::TargetMet),
            (ReminderKind::Moment(5), 0, 0, Decision::Gone),
            (ReminderKind::Snooze, 2, 40, Decision::Send),
            (ReminderKind::Snooze, 3, 59, Decision::SessionDone),
            (
                ReminderKind::Milestone(Milestone::BookSessions),
                3,
                60,
                Decision::Send,
            ),
        ];
        for (kind, sessions, contractions, expected) in table {
            assert_eq!(
                decide_with(kind, sessions, contractions),
                expected,
                "{kind:?} after {sessions} sessions"
            );
        }
    }

    #[test]
    fn nothing_rings_in_quiet_hours_before_day_two_or_when_missed_by_more_than_half_an_hour() {
        let programme = programme();
        let zone = brussels();
        let mut plan = ReminderPlan::default_plan();
        plan.moments[2].time = time(22, 0, 0, 0);
        let birth = BirthDate::from_stored(date(2026, 11, 24));
        let empty = tally(date(2026, 11, 25), 0, 0);
        let context = DueContext {
            programme: &programme,
            birth,
            zone: &zone,
            plan: &plan,
            tally: &empty,
        };
        let day_one = local_instant(date(2026, 11, 25), time(8, 30, 0, 0), &zone);
        assert_eq!(
            decide(ReminderKind::Moment(0), day_one, day_one, context),
            Decision::NotStarted
        );
        let day_two = local_instant(date(2026, 11, 26), time(8, 30, 0, 0), &zone);
        let late = |minutes| day_two + SignedDuration::from_mins(minutes);
        assert_eq!(
            decide(ReminderKind::Moment(0), day_two, late(30), context),
            Decision::Send
        );
        assert_eq!(
            decide(ReminderKind::Moment(0), day_two, late(31), context),
            Decision::TooLate
        );
        let night = local_instant(date(2026, 11, 26), time(22, 0, 0, 0), &zone);
        assert_eq!(
            decide(ReminderKind::Moment(2), night, night, context),
            Decision::QuietHours
        );
    }

    #[test]
    fn milestones_fall_on_day_two_weeks_five_and_six_and_before_the_prescription_expires() {
        let programme = programme();
        let birth = BirthDate::from_stored(date(2026, 9, 15));
        let dates = milestone_dates(&programme, birth, Some(date(2026, 10, 20)));
        assert_eq!(
            dates,
            [
                (Milestone::ExercisesStart, date(2026, 9, 17)), // day 2
                (Milestone::AskPrescription, date(2026, 10, 13)), // day 28, week 5
                (Milestone::BookSessions, date(2026, 10, 20)),  // day 35, week 6
                // Valid 60 days from 20 October: deadline 19 December, warned a week before.
                (Milestone::PrescriptionExpires, date(2026, 12, 12)),
            ]
        );
        assert_eq!(
            prescription_deadline(&programme, date(2026, 10, 20)),
            Some(date(2026, 12, 19))
        );
        let without = milestone_dates(&programme, birth, None);
        assert_eq!(without.len(), 3);
        // The moment of a milestone leaves her quiet hours.
        let quiet = QuietHours {
            start: time(22, 0, 0, 0),
            end: time(10, 30, 0, 0),
        };
        let instants = milestone_instants(&programme, birth, None, quiet, &brussels());
        assert_eq!(
            instants.first(),
            Some(&(Milestone::ExercisesStart, at("2026-09-17T08:30:00Z")))
        );
    }

    #[test]
    fn upcoming_holds_every_moment_and_only_milestones_ahead() {
        let programme = programme();
        let zone = brussels();
        let plan = ReminderPlan::default_plan();
        let birth = BirthDate::from_stored(date(2026, 11, 10));
        let now = at("2026-11-25T10:00:00Z"); // 11:00 in Brussels, day 15
        let due = upcoming(&plan, &programme, birth, None, &zone, now);
        assert_eq!(
            due,
            [
                (ReminderKind::Moment(0), at("2026-11-26T07:30:00Z")),
                (ReminderKind::Moment(1), at("2026-11-25T12:00:00Z")),
                (ReminderKind::Moment(2), at("2026-11-25T19:00:00Z")),
                (
                    ReminderKind::Milestone(Milestone::AskPrescription),
                    at("2026-12-08T09:00:00Z")
                ),
                (
                    ReminderKind::Milestone(Milestone::BookSessions),
                    at("2026-12-15T09:00:00Z")
                ),
            ]
        );
        let moment = next_after_handled(ReminderKind::Moment(1), &plan, &zone, due[1].1);
        assert_eq!(moment, Some(at("2026-11-26T12:00:00Z")));
        assert_eq!(
            next_after_handled(ReminderKind::Snooze, &plan, &zone, now),
            None
        );
    }

    #[test]
    fn snoozes_are_fifteen_or_thirty_minutes() {
        let now = at("2026-11-25T10:00:00Z");
        assert_eq!(snooze_until(now, 15), Some(at("2026-11-25T10:15:00Z")));
        assert_eq!(snooze_until(now, 30), Some(at("2026-11-25T10:30:00Z")));
        assert_eq!(snooze_until(now, 45), None);
    }

    #[test]
    fn plans_refuse_missing_or_long_own_words_and_too_many_moments() {
        let mut plan = ReminderPlan::default_plan();
        assert_eq!(plan.check(), Ok(()));
        plan.moments[1].habit = Habit::OwnWords;
        assert_eq!(plan.check(), Err(PlanError::OwnWordsMissing { index: 1 }));
        plan.moments[1].own_words = "x".repeat(MAX_OWN_WORDS + 1);
        assert_eq!(plan.check(), Err(PlanError::OwnWordsTooLong { index: 1 }));
        plan.moments[1].own_words = "na de wandeling".into();
        assert_eq!(plan.check(), Ok(()));
        plan.moments = vec![plan.moments[0].clone(); MAX_MOMENTS + 1];
        assert_eq!(plan.check(), Err(PlanError::TooManyMoments));
    }

    #[test]
    fn keys_round_trip() {
        let kinds = [
            ReminderKind::Moment(0),
            ReminderKind::Moment(5),
            ReminderKind::Snooze,
        ]
        .into_iter()
        .chain(Milestone::ALL.map(ReminderKind::Milestone));
        for kind in kinds {
            assert_eq!(ReminderKind::parse_key(&kind.key()), Some(kind));
        }
        assert_eq!(ReminderKind::parse_key("moment-x"), None);
        for habit in Habit::ALL {
            assert_eq!(Habit::parse(habit.as_str()), Some(habit));
        }
    }

    proptest! {
        /// Across the whole of 2026 in Brussels (both changes included), a daily moment rings
        /// exactly once per local day, at its local time, or at the end of the gap when that time
        /// does not exist.
        #[test]
        fn a_daily_moment_rings_once_a_day_at_its_local_time(
            hour in 0i8..24, minute in 0i8..60, start_day in 0i64..330,
        ) {
            let zone = brussels();
            let local = time(hour, minute, 0, 0);
            let mut after = local_instant(
                date(2026, 1, 1).checked_add(start_day.days()).unwrap_or(date(2026, 1, 1)),
                time(0, 0, 0, 0),
                &zone,
            );
            let mut previous_date: Option<Date> = None;
            for _ in 0..40 {
                let due = next_daily(local, &zone, after);
                prop_assert!(due > after);
                let civil = zone.to_datetime(due);
                if let Some(previous) = previous_date {
                    prop_assert_eq!(civil.date(), previous.tomorrow().unwrap_or(previous));
                }
                let in_gap = civil.time() != local;
                if in_gap {
                    // Only the spring gap moves a time, and only to 03:00 that day.
                    prop_assert_eq!(civil.date(), date(2026, 3, 29));
                    prop_assert_eq!(civil.time(), time(3, 0, 0, 0));
                    prop_assert_eq!(hour, 2);
                }
                previous_date = Some(civil.date());
                after = due;
            }
        }

        /// Whatever the hour of a day, a moment's next ring is within the next 25 hours and never
        /// twice within 22 hours (the shortest gap between two local days' same time is 23 hours).
        #[test]
        fn moments_never_double_across_the_autumn_change(
            minutes_before in 0i64..(3 * 24 * 60), hour in 0i8..24, minute in 0i8..60,
        ) {
            let zone = brussels();
            let local = time(hour, minute, 0, 0);
            let start = at("2026-10-26T12:00:00Z") - SignedDuration::from_mins(minutes_before);
            let first = next_daily(local, &zone, start);
            let second = next_daily(local, &zone, first);
            prop_assert!(first.duration_since(start) <= SignedDuration::from_hours(25));
            prop_assert!(second.duration_since(first) >= SignedDuration::from_hours(22));
        }
    }

    #[test]
    fn a_prescription_date_fits_from_before_the_birth_until_today() {
        let birth = BirthDate::from_stored(jiff::civil::date(2026, 11, 1));
        let today = jiff::civil::date(2026, 12, 6);
        assert!(prescription_date_fits(today, birth, today));
        assert!(prescription_date_fits(
            jiff::civil::date(2026, 1, 5),
            birth,
            today
        ));
        assert!(!prescription_date_fits(
            jiff::civil::date(2026, 1, 4),
            birth,
            today
        ));
        assert!(!prescription_date_fits(
            jiff::civil::date(2026, 12, 7),
            birth,
            today
        ));
    }
}
