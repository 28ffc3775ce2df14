//! What the portal's list flags for a physiotherapist: a display filter, never advice.
//!
//! Two flags help her find whom to look at first: no activity for some days, and sessions rated
//! hard more than once lately. They sort and filter a list; they say nothing about what to do.

use crate::outcome::Rating;
use jiff::civil::Date;

/// Days without any recorded activity after which the list flags a mother.
pub const INACTIVE_DAYS: u32 = 3;
/// "Rated hard repeatedly": at least this many sessions rated hard in the list's window.
pub const HARD_RATINGS: u32 = 2;

/// Her recent ratings, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RatingCounts {
    pub easy: u32,
    pub fine: u32,
    pub hard: u32,
}

impl RatingCounts {
    pub fn of(ratings: impl IntoIterator<Item = Rating>) -> Self {
        ratings
            .into_iter()
            .fold(Self::default(), |mut counts, rating| {
                match rating {
                    Rating::Easy => counts.easy += 1,
                    Rating::Fine => counts.fine += 1,
                    Rating::Hard => counts.hard += 1,
                }
                counts
            })
    }
}

/// The list's flags for one mother.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flags {
    /// Days since her last recorded activity (or since she started, when she has none).
    pub days_since_activity: u32,
    pub inactive: bool,
    pub rated_hard_repeatedly: bool,
}

/// Flags from her last active day (or her start), today, and her ratings in the window.
pub fn flags(today: Date, last_active_or_start: Date, ratings: RatingCounts) -> Flags {
    let days = today
        .since(last_active_or_start)
        .map(|span| span.get_days())
        .unwrap_or(0);
    let days_since_activity = u32::try_from(days).unwrap_or(0);
    Flags {
        days_since_activity,
        inactive: days_since_activity >= INACTIVE_DAYS,
        rated_hard_repeatedly: ratings.hard >= HARD_RATINGS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn three_quiet_days_flag_inactivity_two_do_not() {
        let today = date(2026, 11, 25);
        let none = RatingCounts::default();
        assert!(!flags(today, date(2026, 11, 23), none).inactive);
        assert!(flags(today, date(2026, 11, 22), none).inactive);
        assert_eq!(
            flags(today, date(2026, 11, 22), none).days_since_activity,
            3
        );
        assert_eq!(flags(today, today, none).days_since_activity, 0);
    }

    #[test]
    fn two_hard_ratings_flag_one_does_not() {
        let today = date(2026, 11, 25);
        let once = RatingCounts::of([Rating::Hard, Rating::Easy, Rating::Fine]);
        assert!(!flags(today, today, once).rated_hard_repeatedly);
        let twice = RatingCounts::of([Rating::Hard, Rating::Fine, Rating::Hard]);
        assert_eq!(
            twice,
            RatingCounts {
                easy: 0,
                fine: 1,
                hard: 2
            }
        );
        assert!(flags(today, today, twice).rated_hard_repeatedly);
    }
}
