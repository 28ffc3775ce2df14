//! The baby's birth date, the one fact the programme's timeline hangs on.
//!
//! Parsed at the edge (parse, don't validate): a [`BirthDate`] is a real calendar date, not in the
//! future and not more than a year ago, seen from the mother's own local date.

use jiff::civil::Date;
use thiserror::Error;

/// How far back a birth date may lie: the programme is for the first year after birth.
pub const MAX_DAYS_SINCE_BIRTH: i32 = 365;

/// Why a typed birth date was refused; the server turns each into a message in her language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum BirthDateError {
    #[error("no birth date given")]
    Missing,
    #[error("not a calendar date")]
    NotADate,
    #[error("the date lies in the future")]
    InFuture,
    #[error("the date lies more than a year ago")]
    TooLongAgo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct BirthDate(Date);

impl BirthDate {
    /// Parses an ISO date (`2026-11-20`, what `<input type=date>` sends) against her local today.
    pub fn parse(input: &str, today: Date) -> Result<Self, BirthDateError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(BirthDateError::Missing);
        }
        let date: Date = input.parse().map_err(|_| BirthDateError::NotADate)?;
        Self::check(date, today)
    }

    /// Checks a date against her local today.
    pub fn check(date: Date, today: Date) -> Result<Self, BirthDateError> {
        if date > today {
            return Err(BirthDateError::InFuture);
        }
        if days_between(date, today) > MAX_DAYS_SINCE_BIRTH {
            return Err(BirthDateError::TooLongAgo);
        }
        Ok(Self(date))
    }

    /// A date read back from storage, which was checked when she gave it.
    pub fn from_stored(date: Date) -> Self {
        Self(date)
    }

    pub fn date(self) -> Date {
        self.0
    }
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i32 {
    from.until(to).map(|span| span.get_days()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn accepts_today_and_up_to_a_year_back() {
        let today = date(2026, 11, 25);
        assert!(BirthDate::parse("2026-11-25", today).is_ok());
        assert!(BirthDate::parse(" 2025-11-25 ", today).is_ok());
        assert_eq!(
            BirthDate::parse("2025-11-24", today),
            Err(BirthDateError::TooLongAgo)
        );
    }

    #[test]
    fn refuses_future_missing_and_malformed_dates() {
        let today = date(2026, 11, 25);
        assert_eq!(
            BirthDate::parse("2026-11-26", today),
            Err(BirthDateError::InFuture)
        );
        assert_eq!(BirthDate::parse("", today), Err(BirthDateError::Missing));
        assert_eq!(
            BirthDate::parse("2026-02-30", today),
            Err(BirthDateError::NotADate)
        );
        assert_eq!(
            BirthDate::parse("25/11/2026", today),
            Err(BirthDateError::NotADate)
        );
    }
}
