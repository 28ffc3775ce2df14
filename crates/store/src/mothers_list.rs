//! The portal's list of a physiotherapist's mothers, read for all of them at once.
//!
//! The list shows hundreds of mothers in one page, so a backend answers it with one set-based
//! query scoped to her active links, aggregated in SQL: per mother one row with her last week's
//! counts, never her sessions or days one by one. Each mother's week ends on her own "today",
//! which depends on her time zone; the store does not know time zones, so it asks the caller for
//! the days of each zone its mothers live in ([`ListDays`]) and applies them per mother in SQL.

use crate::{Link, Profile, StoreError, StoreResult};
use hangmat_core::follow_up::RatingCounts;
use hangmat_core::prescription::Prescription;
use jiff::civil::Date;
use std::collections::HashMap;

/// The days a mother's row covers, from her own today (the caller's calendar, per time zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListDays {
    /// The first day of her week (her today minus six for a week of seven days).
    pub week_start: Date,
    pub today: Date,
    /// How far back her last activity is looked for.
    pub lookback: Date,
}

/// The days of each time zone a physiotherapist's mothers live in, asked of the caller once per
/// zone; a backend passes them to its list query and gives each mother her zone's.
#[derive(Debug, Clone, Default)]
pub struct ListCalendar(HashMap<String, ListDays>);

impl ListCalendar {
    pub fn new(
        zones: impl IntoIterator<Item = String>,
        days_in: &(dyn for<'z> Fn(&'z str) -> ListDays + Sync),
    ) -> Self {
        Self(
            zones
                .into_iter()
                .map(|zone| {
                    let days = days_in(&zone);
                    (zone, days)
                })
                .collect(),
        )
    }

    /// Each zone with its days.
    pub fn zones(&self) -> impl Iterator<Item = (&String, &ListDays)> {
        self.0.iter()
    }

    /// The days of a mother's zone; every zone of the list's snapshot was asked, so a missing
    /// one means the query and the calendar disagree.
    pub fn days(&self, zone: &str) -> StoreResult<ListDays> {
        self.0
            .get(zone)
            .copied()
            .ok_or_else(|| StoreError::Corrupt(format!("no list days for the zone {zone}")))
    }
}

/// What she did from `week_start` to `today`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WeekTally {
    /// Guided sessions started (partial ones included).
    pub sessions: u32,
    /// Contractions of those sessions.
    pub session_contractions: u32,
    /// Coordination taps (one contraction each).
    pub taps: u32,
    /// The ratings she gave those sessions.
    pub ratings: RatingCounts,
}

/// One of a physiotherapist's mothers with what her row in the list needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedMother {
    pub link: Link,
    pub profile: Profile,
    /// Her days, as the caller's calendar gave them for her time zone.
    pub days: ListDays,
    /// Her week (`days.week_start..=days.today`).
    pub week: WeekTally,
    /// Her last day with a session or a coordination tap in `days.lookback..=days.today`.
    pub last_active: Option<Date>,
    /// Her hold as last set (by her or her physiotherapist); None: never set.
    pub hold_counts: Option<u32>,
    /// How many of her physiotherapy sessions are on record.
    pub physio_sessions_done: u32,
    /// Her prescription (empty: she follows the programme file).
    pub prescription: Prescription,
    /// The score of her latest [`LIST_QUESTIONNAIRE`] response (one indexed read); None: never
    /// answered.
    pub latest_score: Option<i64>,
}

/// The questionnaire whose latest score the list shows: the shipped Sandvik severity index.
pub const LIST_QUESTIONNAIRE: &str = "sandvik";

/// Her prescription from its stored settings as a backend's list query aggregates them, each
/// `field=value` (the keys and values [`Prescription::from_entries`] reads).
pub fn prescription_from_settings<'a>(
    settings: impl IntoIterator<Item = &'a str>,
) -> StoreResult<Prescription> {
    let entries = settings
        .into_iter()
        .map(|setting| {
            setting
                .split_once('=')
                .ok_or_else(|| StoreError::Corrupt(format!("prescription setting {setting}")))
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Prescription::from_entries(entries).map_err(StoreError::Corrupt)
}
