//! What the portal's list flags for a physiotherapist: a display filter, never advice.
//!
//! Three flags help her find whom to look at first: no activity for some days, sessions rated
//! hard more than once lately, and postnatal physiotherapy due (the programme's week reached with
//! no session recorded). They sort and filter a list; they say nothing about what to do.

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
    pub physiotherapy_due: bool,
}

impl Flags {
    /// Whether any flag is up: the list shows these mothers first.
    pub fn needs_a_look(&self) -> bool {
        self.inactive || self.rated_hard_repeatedly || self.physiotherapy_due
    }
}

/// Where she stands with postnatal physiotherapy, for the "due" flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Physiotherapy {
    /// Her day after the birth (day 0 is the birth).
    pub postpartum_day: u32,
    /// The programme's week from which physiotherapy starts.
    pub from_week: u32,
    /// Sessions recorded so far.
    pub sessions_done: u32,
}

impl Physiotherapy {
    /// Due: the programme's week is reached and no session is recorded yet.
    pub fn due(&self) -> bool {
        self.sessions_done == 0 && self.postpartum_day >= self.from_week.saturating_mul(7)
    }
}

/// Flags from her last active day (or her start), today, her ratings in the window, and where she
/// stands with physiotherapy.
pub fn flags(
    today: Date,
    last_active_or_start: Date,
    ratings: RatingCounts,
    physiotherapy: Physiotherapy,
) -> Flags {
    let days = today
        .since(last_active_or_start)
        .map(|span| span.get_days())
        .unwrap_or(0);
    let days_since_activity = u32::try_from(days).unwrap_or(0);
    Flags {
        days_since_activity,
        inactive: days_since_activity >= INACTIVE_DAYS,
        rated_hard_repeatedly: ratings.hard >= HARD_RATINGS,
        physiotherapy_due: physiotherapy.due(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// Early days, physiotherapy not yet due.
    const EARLY: Physiotherapy = Physiotherapy {
        postpartum_day: 10,
        from_week: 6,
        sessions_done: 0,
    };

    #[test]
    fn physiotherapy_is_due_from_its_week_until_a_session_is_recorded() {
        let at = |postpartum_day, sessions_done| Physiotherapy {
            postpartum_day,
            from_week: 6,
            sessions_done,
        };
        assert!(!at(41, 0).due());
        assert!(at(42, 0).due());
        assert!(at(90, 0).due());
        assert!(!at(42, 1).due());
        let today = date(2026, 11, 25);
        let flagged = flags(today, today, RatingCounts::default(), at(42, 0));
        assert!(flagged.physiotherapy_due && flagged.needs_a_look());
        assert!(!flags(today, today, RatingCounts::default(), EARLY).needs_a_look());
    }

    #[test]
    fn three_quiet_days_flag_inactivity_two_do_not() {
        let today = date(2026, 11, 25);
        let none = RatingCounts::default();
        assert!(!flags(today, date(2026, 11, 23), none, EARLY).inactive);
        assert!(flags(today, date(2026, 11, 22), none, EARLY).inactive);
        assert_eq!(
            flags(today, date(2026, 11, 22), none, EARLY).days_since_activity,
            3
        );
        assert_eq!(flags(today, today, none, EARLY).days_since_activity, 0);
    }

    #[test]
    fn two_hard_ratings_flag_one_does_not() {
        let today = date(2026, 11, 25);
        let once = RatingCounts::of([Rating::Hard, Rating::Easy, Rating::Fine]);
        assert!(!flags(today, today, once, EARLY).rated_hard_repeatedly);
        let twice = RatingCounts::of([Rating::Hard, Rating::Fine, Rating::Hard]);
        assert_eq!(
            twice,
            RatingCounts {
                easy: 0,
                fine: 1,
                hard: 2
            }
        );
        assert!(flags(today, today, twice, EARLY).rated_hard_repeatedly);
    }
}
