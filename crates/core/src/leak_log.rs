//! Her leak log: "I leaked" in one tap from Today, then, only if she wants, what she was doing and
//! how much. It is the outcome that matters to her and to her physiotherapist (is it getting
//! better?), so her progress and the portal count leaks per week beside her training.
//!
//! The log records; it never judges, advises or changes her programme. The kinds of activity and
//! amount are the bladder diary's ([`crate::diary`]), so both logs speak the same words.

use crate::diary::{LeakActivity, LeakAmount};
use crate::outcome::{OutcomeError, check_tap};
use crate::progress::week_starts_on;
use crate::timeline::local_date;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// One leak she logged: when, the day it counts toward in her time zone, and the details she
/// chose to add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoggedLeak {
    pub at: Timestamp,
    pub local_date: Date,
    pub amount: Option<LeakAmount>,
    pub activity: Option<LeakActivity>,
}

/// The leak she tapped at `now`, without details yet.
pub fn tapped(now: Timestamp, zone: &TimeZone) -> LoggedLeak {
    LoggedLeak {
        at: now,
        local_date: local_date(now, zone),
        amount: None,
        activity: None,
    }
}

/// Why a leak her phone reported was refused; each names the field, for the problem body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("at: lies in the future")]
    InFuture,
    #[error("at: lies too far in the past")]
    TooOld,
    #[error("amount: not one of the amounts offered")]
    Amount,
    #[error("activity: not one of the activities offered")]
    Activity,
}

/// A leak her phone reports, perhaps from its outbox long after she tapped: the time she tapped
/// is checked as a coordination tap's is (within the clock difference tolerated, and not older
/// than an offline outcome may be), and counts toward her local day then.
pub fn reported(
    at: Timestamp,
    zone: &TimeZone,
    now: Timestamp,
    amount: Option<&str>,
    activity: Option<&str>,
) -> Result<LoggedLeak, ReportError> {
    let tap = check_tap(at, zone, now).map_err(|error| match error {
        OutcomeError::InFuture => ReportError::InFuture,
        _ => ReportError::TooOld,
    })?;
    let (amount, activity) = details(amount, activity).map_err(|error| match error {
        DetailError::Amount => ReportError::Amount,
        DetailError::Activity => ReportError::Activity,
    })?;
    Ok(LoggedLeak {
        at,
        local_date: tap.local_date,
        amount,
        activity,
    })
}

/// A detail that is not one of the choices offered; nothing is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DetailError {
    #[error("not one of the amounts offered")]
    Amount,
    #[error("not one of the activities offered")]
    Activity,
}

/// The details of a form: an empty or absent field is "not said", anything else must be one of
/// the choices.
pub fn details(
    amount: Option<&str>,
    activity: Option<&str>,
) -> Result<(Option<LeakAmount>, Option<LeakActivity>), DetailError> {
    fn said(text: Option<&str>) -> Option<&str> {
        text.map(str::trim).filter(|text| !text.is_empty())
    }
    let amount = said(amount)
        .map(|text| LeakAmount::parse(text).ok_or(DetailError::Amount))
        .transpose()?;
    let activity = said(activity)
        .map(|text| LeakActivity::parse(text).ok_or(DetailError::Activity))
        .transpose()?;
    Ok((amount, activity))
}

/// Leaks in one week (Monday to Sunday).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekLeaks {
    /// The week's first day.
    pub starts: Date,
    pub leaks: u32,
}

/// The first day of the week `date` lies in.
pub fn week_start(date: Date) -> Date {
    let back = date.weekday().since(week_starts_on());
    date.checked_sub(i64::from(back).days()).unwrap_or(date)
}

/// Her leaks per week over the weeks that hold `from..=to`, oldest first, weeks without a leak
/// included (a week without a leak is worth seeing). `per_day` is (local day, leaks), days outside
/// the range ignored.
pub fn per_week(per_day: &[(Date, u32)], from: Date, to: Date) -> Vec<WeekLeaks> {
    let mut weeks = Vec::new();
    let mut starts = week_start(from);
    while starts <= to {
        let next = starts.checked_add(7.days()).unwrap_or(Date::MAX);
        let leaks = per_day
            .iter()
            .filter(|(day, _)| *day >= from && *day <= to && *day >= starts && *day < next)
            .map(|(_, leaks)| leaks)
            .sum();
        weeks.push(WeekLeaks { starts, leaks });
        if next == Date::MAX {
            break;
        }
        starts = next;
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weeks_start_on_monday_and_count_only_the_range() {
        // 2026-12-06 is a Sunday; the range starts on Wednesday 2026-11-18.
        let per_day = [
            (date(2026, 11, 17), 4), // before the range
            (date(2026, 11, 18), 1),
            (date(2026, 11, 22), 2), // Sunday: still the first week
            (date(2026, 11, 23), 1), // Monday: the second week
            (date(2026, 12, 6), 3),
            (date(2026, 12, 7), 9), // after the range
        ];
        let weeks = per_week(&per_day, date(2026, 11, 18), date(2026, 12, 6));
        assert_eq!(
            weeks,
            vec![
                WeekLeaks {
                    starts: date(2026, 11, 16),
                    leaks: 3
                },
                WeekLeaks {
                    starts: date(2026, 11, 23),
                    leaks: 1
                },
                WeekLeaks {
                    starts: date(2026, 11, 30),
                    leaks: 3
                },
            ]
        );
    }

    #[test]
    fn a_week_without_leaks_is_shown_as_none() {
        let weeks = per_week(&[], date(2026, 12, 1), date(2026, 12, 2));
        assert_eq!(
            weeks,
            vec![WeekLeaks {
                starts: date(2026, 11, 30),
                leaks: 0
            }]
        );
    }

    #[test]
    fn details_are_optional_and_only_the_choices_offered() {
        assert_eq!(details(None, Some("")), Ok((None, None)));
        assert_eq!(
            details(Some("drops"), Some("on-the-way")),
            Ok((Some(LeakAmount::Drops), Some(LeakActivity::OnTheWay)))
        );
        assert_eq!(details(Some("bucket"), None), Err(DetailError::Amount));
        assert_eq!(details(None, Some("dancing")), Err(DetailError::Activity));
        for amount in LeakAmount::ALL {
            assert_eq!(LeakAmount::parse(amount.as_str()), Some(amount));
        }
        for activity in LeakActivity::ALL {
            assert_eq!(LeakActivity::parse(activity.as_str()), Some(activity));
        }
    }

    #[test]
    fn a_tap_counts_toward_her_local_day() {
        let zone = TimeZone::get("Europe/Brussels").unwrap_or_else(|e| panic!("{e}"));
        // 23:30 UTC is already the next day in Brussels.
        let at: Timestamp = "2026-12-05T23:30:00Z"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        let leak = tapped(at, &zone);
        assert_eq!(leak.local_date, date(2026, 12, 6));
        assert_eq!((leak.amount, leak.activity), (None, None));
    }

    #[test]
    fn a_reported_leak_keeps_her_time_within_the_limits() {
        let zone = TimeZone::get("Europe/Brussels").unwrap_or_else(|e| panic!("{e}"));
        let time = |text: &str| -> Timestamp { text.parse().unwrap_or_else(|e| panic!("{e}")) };
        let now = time("2026-12-06T10:00:00Z");
        // Sent from her outbox a day later: it keeps the evening she tapped.
        let leak = reported(time("2026-12-05T22:30:00Z"), &zone, now, Some("lot"), None);
        assert_eq!(
            leak,
            Ok(LoggedLeak {
                at: time("2026-12-05T22:30:00Z"),
                local_date: date(2026, 12, 5),
                amount: Some(LeakAmount::Lot),
                activity: None,
            })
        );
        // Five minutes ahead is a phone's clock; an hour is not.
        assert!(reported(time("2026-12-06T10:05:00Z"), &zone, now, None, None).is_ok());
        let ahead = reported(time("2026-12-06T11:00:00Z"), &zone, now, None, None);
        assert_eq!(ahead, Err(ReportError::InFuture));
        let old = reported(time("2026-09-01T10:00:00Z"), &zone, now, None, None);
        assert_eq!(old, Err(ReportError::TooOld));
        let bad = reported(now, &zone, now, None, Some("dancing"));
        assert_eq!(bad, Err(ReportError::Activity));
    }
}
