//! Her bladder diary (a frequency-volume chart): what she logs over a few days, and the figures a
//! physiotherapist reads from it, with the International Continence Society's definitions (Abrams
//! et al. 2002, the standardisation of terminology; Hashim et al. 2019, the ICS standard on
//! nocturia).
//!
//! Times are instants, so a night across midnight or across a clock change counts by the hours
//! that passed, never by the clock's numbers. The main sleep period is what she marked: from
//! "going to sleep" to "waking up". Definitions used:
//! - **daytime frequency**: voids while awake, the last one before sleep and the first one after
//!   waking included;
//! - **nocturia**: voids during the main sleep period (each woken from and back to sleep);
//! - **nocturnal urine volume**: the voids during the main sleep period and the first void after
//!   waking; the last void before sleep is not part of it;
//! - **24-hour voided volume**: all voids, per 24 hours of diary;
//! - **nocturnal polyuria index**: nocturnal urine volume / 24-hour voided volume;
//! - **urgency episode**: a void she rated 3 or 4 on the 0 to 4 urgency scale (severe urgency, or
//!   leaking with it).
//!
//! A void she could not measure still counts as a void; every volume figure says how many measured
//! voids it rests on, and is absent when none was measured. Figures are per 24 hours of the diary's
//! own span (a 71-hour span with a short night counts as 71/24 days), so a partial day neither
//! inflates nor hides anything. The diary records; it never judges or advises.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// Limits that can only be typing errors: a void over 2 litres, a drink over 3 litres.
pub const MAX_VOID_ML: u32 = 2_000;
pub const MAX_DRINK_ML: u32 = 3_000;
/// The urgency scale: 0 none, 1 mild, 2 moderate, 3 severe, 4 leaking with it.
pub const MAX_URGENCY: u8 = 4;
/// Urgency from which a void is an urgency episode.
pub const URGENCY_EPISODE: u8 = 3;

/// How much she leaked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeakAmount {
    Drops,
    Little,
    Lot,
}

/// What she was doing when she leaked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeakActivity {
    Cough,
    Sneeze,
    Laugh,
    Lift,
    Sport,
    OnTheWay,
    Urge,
    Other,
}

impl LeakAmount {
    pub const ALL: [LeakAmount; 3] = [LeakAmount::Drops, LeakAmount::Little, LeakAmount::Lot];

    /// Its name in forms, the store and the export.
    pub fn as_str(self) -> &'static str {
        match self {
            LeakAmount::Drops => "drops",
            LeakAmount::Little => "little",
            LeakAmount::Lot => "lot",
        }
    }

    pub fn parse(text: &str) -> Option<LeakAmount> {
        Self::ALL.into_iter().find(|amount| amount.as_str() == text)
    }
}

impl LeakActivity {
    pub const ALL: [LeakActivity; 8] = [
        LeakActivity::Cough,
        LeakActivity::Sneeze,
        LeakActivity::Laugh,
        LeakActivity::Lift,
        LeakActivity::Sport,
        LeakActivity::OnTheWay,
        LeakActivity::Urge,
        LeakActivity::Other,
    ];

    /// Its name in forms, the store and the export.
    pub fn as_str(self) -> &'static str {
        match self {
            LeakActivity::Cough => "cough",
            LeakActivity::Sneeze => "sneeze",
            LeakActivity::Laugh => "laugh",
            LeakActivity::Lift => "lift",
            LeakActivity::Sport => "sport",
            LeakActivity::OnTheWay => "on-the-way",
            LeakActivity::Urge => "urge",
            LeakActivity::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<LeakActivity> {
        Self::ALL
            .into_iter()
            .find(|activity| activity.as_str() == text)
    }
}

/// What she drank (the diary shows it; the figures count only the amount).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrinkKind {
    Water,
    CoffeeTea,
    Milk,
    Juice,
    Soft,
    Alcohol,
    Other,
}

impl DrinkKind {
    pub const ALL: [DrinkKind; 7] = [
        DrinkKind::Water,
        DrinkKind::CoffeeTea,
        DrinkKind::Milk,
        DrinkKind::Juice,
        DrinkKind::Soft,
        DrinkKind::Alcohol,
        DrinkKind::Other,
    ];

    /// Its name in forms, the store and the export.
    pub fn as_str(self) -> &'static str {
        match self {
            DrinkKind::Water => "water",
            DrinkKind::CoffeeTea => "coffee-tea",
            DrinkKind::Milk => "milk",
            DrinkKind::Juice => "juice",
            DrinkKind::Soft => "soft",
            DrinkKind::Alcohol => "alcohol",
            DrinkKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<DrinkKind> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

/// Who asked for a diary: she herself, or her physiotherapist (then it waits for her to start it,
/// and she may leave it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AskedBy {
    Her,
    Physiotherapist,
}

impl AskedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            AskedBy::Her => "her",
            AskedBy::Physiotherapist => "physiotherapist",
        }
    }

    pub fn parse(text: &str) -> Option<AskedBy> {
        [AskedBy::Her, AskedBy::Physiotherapist]
            .into_iter()
            .find(|asked| asked.as_str() == text)
    }
}

/// When a started diary runs: from `started` for `planned_days` of 24 hours, or until she ended
/// it sooner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub started: Timestamp,
    pub planned_days: u32,
    pub ended: Option<Timestamp>,
}

impl Span {
    /// When the planned days have passed.
    pub fn planned_end(&self) -> Timestamp {
        let hours = i64::from(self.planned_days) * 24;
        self.started
            .checked_add(SignedDuration::from_hours(hours))
            .unwrap_or(self.started)
    }

    /// The end of the span its figures cover.
    pub fn end(&self) -> Timestamp {
        match self.ended {
            Some(ended) if ended < self.planned_end() => ended,
            _ => self.planned_end(),
        }
    }

    /// The end of the span its figures are computed over at `now`: its end, or now while it runs,
    /// but never less than one day after it began, so a few hours are not stretched into
    /// absurd rates per 24 hours (on its first day the figures are that day's counts so far).
    pub fn figures_end(&self, now: Timestamp) -> Timestamp {
        let covered = self.end().min(now);
        let one_day = self
            .started
            .checked_add(SignedDuration::from_hours(24))
            .unwrap_or(covered);
        covered.max(one_day)
    }

    pub fn is_running(&self, now: Timestamp) -> bool {
        now < self.end()
    }

    /// Which of its days `now` falls on, from 1 (by 24 hours since it began, whatever the clock
    /// did), never more than the planned days.
    pub fn day(&self, now: Timestamp) -> u32 {
        let passed = now.duration_since(self.started).as_secs().max(0) / 86_400;
        u32::try_from(passed + 1)
            .unwrap_or(u32::MAX)
            .min(self.planned_days.max(1))
    }
}

/// When a diary she starts at `now` begins: the start of that minute, since her entries' times
/// are to the minute (an entry in the minute she started is not "before the diary began").
pub fn start_at(now: Timestamp) -> Timestamp {
    let second = now.as_second();
    Timestamp::from_second(second - second.rem_euclid(60)).unwrap_or(now)
}

/// A volume as she typed it, in mL: empty is "not measured"; anything else must be a whole number
/// from 1 to `max`.
pub fn parse_volume(text: &str, max: u32) -> Result<Option<u32>, EntryError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(ml) if (1..=max).contains(&ml) => Ok(Some(ml)),
        _ => Err(EntryError::Volume { max }),
    }
}

/// A local date and time as a form's `datetime-local` field sends it ("2026-12-06T08:15"), read
/// in her time zone the way her reminders are ([`crate::reminders::local_instant`]: the first of
/// a repeated hour, the end of a skipped one).
pub fn local_time(text: &str, zone: &TimeZone) -> Result<Timestamp, EntryError> {
    let civil: DateTime = text.trim().parse().map_err(|_| EntryError::Time)?;
    Ok(crate::reminders::local_instant(
        civil.date(),
        civil.time(),
        zone,
    ))
}

/// The value a `datetime-local` field shows for `at` in her time zone.
pub fn local_time_field(at: Timestamp, zone: &TimeZone) -> String {
    let local = zone.to_datetime(at);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        local.year(),
        local.month(),
        local.day(),
        local.hour(),
        local.minute()
    )
}

/// The amounts to offer again: the `newest_first` ones she logged, each once, at most `count`,
/// smallest first (so buttons keep their places).
pub fn recent_amounts(newest_first: impl IntoIterator<Item = u32>, count: usize) -> Vec<u32> {
    let mut amounts: Vec<u32> = Vec::new();
    for ml in newest_first {
        if amounts.len() == count {
            break;
        }
        if !amounts.contains(&ml) {
            amounts.push(ml);
        }
    }
    amounts.sort_unstable();
    amounts
}

/// One line of her diary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// She passed urine: the volume when measured, how urgent it was (0 to 4) when she said, and
    /// whether she marked it the first of the morning (shown on the printout; the figures take
    /// the first void after "waking up").
    Void {
        at: Timestamp,
        volume_ml: Option<u32>,
        urgency: Option<u8>,
        first_of_morning: bool,
    },
    Drink {
        at: Timestamp,
        volume_ml: u32,
        kind: Option<DrinkKind>,
    },
    Leak {
        at: Timestamp,
        amount: Option<LeakAmount>,
        activity: Option<LeakActivity>,
    },
    PadChanged {
        at: Timestamp,
    },
    WentToSleep {
        at: Timestamp,
    },
    WokeUp {
        at: Timestamp,
    },
}

impl Entry {
    pub fn at(&self) -> Timestamp {
        match self {
            Entry::Void { at, .. }
            | Entry::Drink { at, .. }
            | Entry::Leak { at, .. }
            | Entry::PadChanged { at }
            | Entry::WentToSleep { at }
            | Entry::WokeUp { at } => *at,
        }
    }
}

/// Why an entry is refused; nothing is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("a volume must be between 1 and {max} mL")]
    Volume { max: u32 },
    #[error("urgency goes from 0 to {MAX_URGENCY}")]
    Urgency,
    #[error("the time is before the diary began")]
    BeforeStart,
    #[error("the time has not come yet")]
    InFuture,
    #[error("not a date and time")]
    Time,
}

/// Checks one entry of a diary that began at `started`, logged at `now`.
pub fn check_entry(entry: &Entry, started: Timestamp, now: Timestamp) -> Result<(), EntryError> {
    let at = entry.at();
    if at < started {
        return Err(EntryError::BeforeStart);
    }
    if at > now {
        return Err(EntryError::InFuture);
    }
    match entry {
        Entry::Void {
            volume_ml, urgency, ..
        } => {
            if volume_ml.is_some_and(|ml| ml == 0 || ml > MAX_VOID_ML) {
                return Err(EntryError::Volume { max: MAX_VOID_ML });
            }
            if urgency.is_some_and(|u| u > MAX_URGENCY) {
                return Err(EntryError::Urgency);
            }
        }
        Entry::Drink { volume_ml, .. } if *volume_ml == 0 || *volume_ml > MAX_DRINK_ML => {
            return Err(EntryError::Volume { max: MAX_DRINK_ML });
        }
        _ => {}
    }
    Ok(())
}

/// A volume figure and what it rests on: `measured` of the `voids` it covers had a volume.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Volume {
    /// `None` when no void it covers was measured.
    pub ml: Option<f64>,
    pub measured: u32,
    pub voids: u32,
}

/// The diary's figures, per 24 hours of its span unless named otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// The span the figures cover, in days of 24 hours.
    pub days: f64,
    /// Main sleep periods she marked (from going to sleep to waking up).
    pub nights: u32,
    pub voids_per_24h: f64,
    pub daytime_voids_per_24h: f64,
    /// Voids during the main sleep period, per night (`None` without a marked night).
    pub nocturia_per_night: Option<f64>,
    pub volume_per_24h: Volume,
    pub nocturnal_volume_per_night: Volume,
    /// Nocturnal volume / 24-hour volume (both from measured voids).
    pub nocturnal_polyuria_index: Option<f64>,
    pub largest_void: Volume,
    pub mean_void: Volume,
    pub leaks_per_24h: f64,
    pub urgency_episodes_per_24h: f64,
    pub pads_per_24h: f64,
    pub fluid_intake_ml_per_24h: f64,
}

/// The diary's figures over `[started, ended)`: its entries in any order (entries outside the span
/// are left out).
pub fn figures(entries: &[Entry], started: Timestamp, ended: Timestamp) -> Figures {
    let mut entries: Vec<&Entry> = entries
        .iter()
        .filter(|entry| entry.at() >= started && entry.at() < ended)
        .collect();
    entries.sort_by_key(|entry| entry.at());
    let days = span_days(started, ended);
    let per_day = |count: usize| count as f64 / days;
    let nights = sleep_periods(&entries);
    let asleep = |at: Timestamp| nights.iter().any(|&(from, to)| at > from && at < to);
    let voids: Vec<(Timestamp, Option<u32>, Option<u8>)> = entries
        .iter()
        .filter_map(|entry| match entry {
            Entry::Void {
                at,
                volume_ml,
                urgency,
                ..
            } => Some((*at, *volume_ml, *urgency)),
            _ => None,
        })
        .collect();
    let night_voids = voids.iter().filter(|(at, ..)| asleep(*at)).count();
    // The first void after each waking belongs to the night's volume.
    let first_after_waking: Vec<_> = nights
        .iter()
        .filter_map(|&(_, woke)| voids.iter().find(|(at, ..)| *at >= woke))
        .collect();
    let nocturnal: Vec<Option<u32>> = voids
        .iter()
        .filter(|(at, ..)| asleep(*at))
        .chain(first_after_waking.iter().copied())
        .map(|(_, volume, _)| *volume)
        .collect();
    let all: Vec<Option<u32>> = voids.iter().map(|(_, volume, _)| *volume).collect();
    let volume_per_24h = summed(&all, days);
    let nocturnal_volume_per_night = summed(&nocturnal, nights.len() as f64);
    let count = |wanted: fn(&Entry) -> bool| entries.iter().filter(|entry| wanted(entry)).count();
    Figures {
        days,
        nights: nights.len() as u32,
        voids_per_24h: per_day(voids.len()),
        daytime_voids_per_24h: per_day(voids.len() - night_voids),
        nocturia_per_night: (!nights.is_empty()).then(|| night_voids as f64 / nights.len() as f64),
        nocturnal_polyuria_index: match (nocturnal_volume_per_night.ml, volume_per_24h.ml) {
            (Some(night), Some(day)) if day > 0.0 => Some(night / day),
            _ => None,
        },
        volume_per_24h,
        nocturnal_volume_per_night,
        largest_void: reduced(&all, |measured| {
            measured.iter().copied().max().map(f64::from)
        }),
        mean_void: reduced(&all, |measured| {
            (!measured.is_empty()).then(|| {
                measured.iter().map(|&ml| f64::from(ml)).sum::<f64>() / measured.len() as f64
            })
        }),
        leaks_per_24h: per_day(count(|e| matches!(e, Entry::Leak { .. }))),
        urgency_episodes_per_24h: per_day(
            voids
                .iter()
                .filter(|(_, _, urgency)| urgency.is_some_and(|u| u >= URGENCY_EPISODE))
                .count(),
        ),
        pads_per_24h: per_day(count(|e| matches!(e, Entry::PadChanged { .. }))),
        fluid_intake_ml_per_24h: entries
            .iter()
            .map(|entry| match entry {
                Entry::Drink { volume_ml, .. } => f64::from(*volume_ml),
                _ => 0.0,
            })
            .sum::<f64>()
            / days,
    }
}

/// The span in days of 24 hours: the hours that passed, whatever the clock did.
fn span_days(started: Timestamp, ended: Timestamp) -> f64 {
    let span = ended
        .duration_since(started)
        .max(SignedDuration::from_secs(1));
    span.as_secs_f64() / 86_400.0
}

/// Her main sleep periods: each "went to sleep" with the next "woke up" (a sleep without a waking
/// in the diary, or a waking without a sleep before it, marks no night).
fn sleep_periods(entries: &[&Entry]) -> Vec<(Timestamp, Timestamp)> {
    let mut nights = Vec::new();
    let mut fell_asleep = None;
    for entry in entries {
        match entry {
            Entry::WentToSleep { at } => fell_asleep = Some(*at),
            Entry::WokeUp { at } => {
                if let Some(from) = fell_asleep.take() {
                    nights.push((from, *at));
                }
            }
            _ => {}
        }
    }
    nights
}

/// The measured volumes' sum per `per` (days or nights), with what it rests on.
fn summed(volumes: &[Option<u32>], per: f64) -> Volume {
    reduced(volumes, |measured| {
        (!measured.is_empty() && per > 0.0)
            .then(|| measured.iter().map(|&ml| f64::from(ml)).sum::<f64>() / per)
    })
}

fn reduced(volumes: &[Option<u32>], figure: impl Fn(&[u32]) -> Option<f64>) -> Volume {
    let measured: Vec<u32> = volumes.iter().flatten().copied().collect();
    Volume {
        ml: figure(&measured),
        measured: measured.len() as u32,
        voids: volumes.len() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn void(time: &str, ml: Option<u32>, urgency: u8) -> Entry {
        Entry::Void {
            at: at(time),
            volume_ml: ml,
            urgency: Some(urgency),
            first_of_morning: false,
        }
    }

    fn drink(time: &str, ml: u32) -> Entry {
        Entry::Drink {
            at: at(time),
            volume_ml: ml,
            kind: Some(DrinkKind::Water),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// One day worked by hand (times UTC): she wakes at 07:00, voids 300 (first of the morning),
    /// 250, 200, 150 before sleeping at 23:00; wakes at 03:00 for 200; wakes at 07:00 the next day
    /// and voids 350. Drinks 1,500 mL. One leak on a cough, one pad.
    fn one_day() -> Vec<Entry> {
        vec![
            Entry::WokeUp {
                at: at("2026-12-01T07:00:00Z"),
            },
            void("2026-12-01T07:05:00Z", Some(300), 1),
            drink("2026-12-01T08:00:00Z", 500),
            void("2026-12-01T12:00:00Z", Some(250), 3),
            drink("2026-12-01T13:00:00Z", 500),
            Entry::Leak {
                at: at("2026-12-01T15:00:00Z"),
                amount: Some(LeakAmount::Drops),
                activity: Some(LeakActivity::Cough),
            },
            Entry::PadChanged {
                at: at("2026-12-01T15:05:00Z"),
            },
            void("2026-12-01T18:00:00Z", Some(200), 2),
            drink("2026-12-01T19:00:00Z", 500),
            void("2026-12-01T22:50:00Z", Some(150), 0),
            Entry::WentToSleep {
                at: at("2026-12-01T23:00:00Z"),
            },
            void("2026-12-02T03:00:00Z", Some(200), 4),
            Entry::WokeUp {
                at: at("2026-12-02T06:59:00Z"),
            },
            void("2026-12-02T07:00:00Z", Some(350), 1),
        ]
    }

    #[test]
    fn a_day_worked_by_hand() {
        let f = figures(
            &one_day(),
            at("2026-12-01T07:00:00Z"),
            at("2026-12-02T07:00:01Z"),
        );
        assert!(close(f.days, 1.0 + 1.0 / 86_400.0));
        let per = |n: f64| n / f.days;
        assert_eq!(f.nights, 1);
        // Six voids: five while awake (07:05, 12:00, 18:00, 22:50 and 07:00 after waking), one at night.
        assert!(close(f.voids_per_24h, per(6.0)));
        assert!(close(f.daytime_voids_per_24h, per(5.0)));
        assert_eq!(f.nocturia_per_night, Some(1.0));
        // All voids: 300 + 250 + 200 + 150 + 200 + 350 = 1,450.
        assert_eq!(f.volume_per_24h.measured, 6);
        assert!(close(f.volume_per_24h.ml.unwrap_or(0.0), per(1450.0)));
        // The night: 200 during sleep and 350 after waking; 150 before sleeping is the day's.
        assert_eq!(f.nocturnal_volume_per_night.ml, Some(550.0));
        let npi = f.nocturnal_polyuria_index.unwrap_or(0.0);
        assert!(close(npi, 550.0 / per(1450.0)));
        assert_eq!(f.largest_void.ml, Some(350.0));
        assert!(close(f.mean_void.ml.unwrap_or(0.0), 1450.0 / 6.0));
        // Urgency 3 and 4: two episodes; one leak; one pad; 1,500 mL drunk.
        assert!(close(f.urgency_episodes_per_24h, per(2.0)));
        assert!(close(f.leaks_per_24h, per(1.0)));
        assert!(close(f.pads_per_24h, per(1.0)));
        assert!(close(f.fluid_intake_ml_per_24h, per(1500.0)));
    }

    #[test]
    fn unmeasured_voids_count_and_volumes_say_what_they_rest_on() {
        let entries = vec![
            void("2026-12-01T08:00:00Z", Some(300), 0),
            void("2026-12-01T12:00:00Z", None, 0),
            void("2026-12-01T16:00:00Z", Some(100), 0),
        ];
        let f = figures(
            &entries,
            at("2026-12-01T00:00:00Z"),
            at("2026-12-02T00:00:00Z"),
        );
        assert!(close(f.voids_per_24h, 3.0));
        assert_eq!(
            f.mean_void,
            Volume {
                ml: Some(200.0),
                measured: 2,
                voids: 3
            }
        );
        assert_eq!(f.volume_per_24h.ml, Some(400.0));
        assert_eq!(f.nocturia_per_night, None, "no night marked");
        let none = figures(
            &[void("2026-12-01T08:00:00Z", None, 0)],
            at("2026-12-01T00:00:00Z"),
            at("2026-12-02T00:00:00Z"),
        );
        assert_eq!(none.largest_void.ml, None);
        assert_eq!(none.nocturnal_polyuria_index, None);
    }

    /// The night Brussels moves its clocks back (25 October 2026, 03:00 CEST is 02:00 CET): asleep
    /// from 23:00 CEST (21:00 UTC) to 07:00 CET (06:00 UTC) is nine hours, and a void at 02:30 by
    /// either reading of the clock is during it.
    #[test]
    fn a_night_across_midnight_and_a_clock_change_counts_by_the_hours_that_passed() {
        let entries = vec![
            Entry::WentToSleep {
                at: at("2026-10-24T21:00:00Z"),
            },
            void("2026-10-25T00:30:00Z", Some(200), 0), // 02:30 CEST
            void("2026-10-25T01:30:00Z", Some(100), 0), // 02:30 CET
            Entry::WokeUp {
                at: at("2026-10-25T06:00:00Z"),
            },
            void("2026-10-25T06:10:00Z", Some(300), 0),
        ];
        // The diary's span: 24 October 07:00 CEST to 25 October 07:30 CET, 25.5 hours.
        let f = figures(
            &entries,
            at("2026-10-24T05:00:00Z"),
            at("2026-10-25T06:30:00Z"),
        );
        assert!(close(f.days, 25.5 / 24.0));
        assert_eq!(f.nights, 1);
        assert_eq!(f.nocturia_per_night, Some(2.0));
        // The night's volume: its two voids and the first after waking.
        assert_eq!(f.nocturnal_volume_per_night.ml, Some(600.0));
        assert!(close(f.daytime_voids_per_24h, 1.0 / f.days));
    }

    #[test]
    fn typed_volumes_are_whole_millilitres_in_range_or_not_measured() {
        assert_eq!(parse_volume(" 250 ", MAX_VOID_ML), Ok(Some(250)));
        assert_eq!(parse_volume("", MAX_VOID_ML), Ok(None));
        for typed in ["-5", "5000", "0", "2,5", "veel"] {
            assert_eq!(
                parse_volume(typed, MAX_VOID_ML),
                Err(EntryError::Volume { max: MAX_VOID_ML }),
                "{typed}"
            );
        }
    }

    #[test]
    fn a_typed_time_is_read_in_her_zone() {
        let brussels = TimeZone::get("Europe/Brussels").unwrap_or(TimeZone::UTC);
        let read = local_time("2026-12-06T08:15", &brussels);
        assert_eq!(read, Ok(at("2026-12-06T07:15:00Z")));
        assert_eq!(
            local_time_field(at("2026-12-06T07:15:00Z"), &brussels),
            "2026-12-06T08:15"
        );
        assert_eq!(local_time("gisteren", &brussels), Err(EntryError::Time));
    }

    #[test]
    fn a_diary_begins_at_the_start_of_the_minute_she_starts_it() {
        let started = start_at(at("2026-12-06T08:53:41.5Z"));
        assert_eq!(started, at("2026-12-06T08:53:00Z"));
        let entry = Entry::PadChanged {
            at: at("2026-12-06T08:53:00Z"),
        };
        assert_eq!(
            check_entry(&entry, started, at("2026-12-06T08:53:41.5Z")),
            Ok(())
        );
    }

    #[test]
    fn the_amounts_offered_again_are_her_latest_each_once() {
        assert_eq!(
            recent_amounts([300, 250, 300, 400, 150, 500], 3),
            [250, 300, 400]
        );
        assert!(recent_amounts([], 3).is_empty());
    }

    /// Three planned days from 6 December 08:00 UTC: day 1 until 7 December 08:00, the last day
    /// ends 9 December 08:00; ending it sooner ends its span.
    #[test]
    fn a_diary_runs_for_its_planned_days_or_until_she_ends_it() {
        let span = Span {
            started: at("2026-12-06T08:00:00Z"),
            planned_days: 3,
            ended: None,
        };
        assert_eq!(span.planned_end(), at("2026-12-09T08:00:00Z"));
        assert_eq!(span.day(at("2026-12-06T23:59:00Z")), 1);
        assert_eq!(span.day(at("2026-12-07T08:00:00Z")), 2);
        assert_eq!(span.day(at("2026-12-12T08:00:00Z")), 3);
        assert!(span.is_running(at("2026-12-09T07:59:59Z")));
        assert!(!span.is_running(at("2026-12-09T08:00:00Z")));
        let ended = Span {
            ended: Some(at("2026-12-07T20:00:00Z")),
            ..span
        };
        assert_eq!(ended.end(), at("2026-12-07T20:00:00Z"));
        assert!(!ended.is_running(at("2026-12-07T20:00:00Z")));
        let late = Span {
            ended: Some(at("2026-12-10T20:00:00Z")),
            ..span
        };
        assert_eq!(
            late.end(),
            span.planned_end(),
            "ending late changes nothing"
        );
    }

    #[test]
    fn bad_entries_are_refused() {
        let started = at("2026-12-01T00:00:00Z");
        let now = at("2026-12-01T12:00:00Z");
        let cases = [
            (
                void("2026-12-01T08:00:00Z", Some(5_000), 0),
                Err(EntryError::Volume { max: MAX_VOID_ML }),
            ),
            (
                void("2026-12-01T08:00:00Z", Some(0), 0),
                Err(EntryError::Volume { max: MAX_VOID_ML }),
            ),
            (
                void("2026-12-01T08:00:00Z", Some(300), 5),
                Err(EntryError::Urgency),
            ),
            (
                void("2026-11-30T23:00:00Z", Some(300), 0),
                Err(EntryError::BeforeStart),
            ),
            (
                void("2026-12-01T13:00:00Z", Some(300), 0),
                Err(EntryError::InFuture),
            ),
            (
                drink("2026-12-01T08:00:00Z", 4_000),
                Err(EntryError::Volume { max: MAX_DRINK_ML }),
            ),
            (void("2026-12-01T08:00:00Z", None, 2), Ok(())),
            (drink("2026-12-01T08:00:00Z", 250), Ok(())),
        ];
        for (entry, expected) in cases {
            assert_eq!(check_entry(&entry, started, now), expected, "{entry:?}");
        }
    }
}
