//! The portal's list of a physiotherapist's mothers, read for all of them at once.
//!
//! The list shows hundreds of mothers in one page, so a backend answers it with a few set-based
//! queries (one per kind of data, each scoped to her active links) rather than a handful per
//! mother, and aggregates in SQL: it returns counts per day, never session rows. The window of days
//! is the caller's: each mother's "today" depends on her time zone, so the caller asks for a window
//! that holds every mother's last week and cuts each one's own days out of it.
//!
//! [`ListAssembly`] puts the rows of those queries together, so both backends share how a mother's
//! row is made and only their SQL differs.

use crate::{Link, Profile, ProfileId, StoreError, StoreResult};
use hangmat_core::follow_up::RatingCounts;
use hangmat_core::prescription::Prescription;
use hangmat_core::progress::DayTally;
use jiff::civil::Date;
use std::collections::HashMap;

/// One of a physiotherapist's mothers with what her row in the list needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedMother {
    pub link: Link,
    pub profile: Profile,
    /// What each day of the asked window counted, only days with something, oldest first (as
    /// [`crate::ActivityRepo::day_tallies`] gives them).
    pub days: Vec<DayTally>,
    /// The ratings she gave in the asked window, counted per day, oldest first; days without a
    /// rating are left out.
    pub ratings: Vec<(Date, RatingCounts)>,
    /// Her last day with a session or a coordination tap before the window, if any.
    pub active_before: Option<Date>,
    /// Her hold as last set (by her or her physiotherapist); None: never set.
    pub hold_counts: Option<u32>,
    /// How many of her physiotherapy sessions are on record.
    pub physio_sessions_done: u32,
    /// Her prescription (empty: she follows the programme file).
    pub prescription: Prescription,
}

/// A mother's row as the list's first query reads it: her link, her profile and what is one value
/// per mother.
#[derive(Debug, Clone)]
pub struct ListedMotherHead {
    pub link: Link,
    pub profile: Profile,
    /// Her last outcome's and her last tap's day before the window.
    pub sessions_before: Option<Date>,
    pub taps_before: Option<Date>,
    pub hold_counts: Option<u32>,
    pub physio_sessions_done: u32,
}

/// Builds the list from a backend's query rows: first every mother (in the list's order), then her
/// days, taps and prescription settings in any order. Rows of a profile that is not in the list
/// are ignored (every query is scoped to the same links, so there are none).
#[derive(Debug, Default)]
pub struct ListAssembly {
    mothers: Vec<ListedMother>,
    index: HashMap<ProfileId, usize>,
    settings: HashMap<ProfileId, Vec<(String, String)>>,
}

impl ListAssembly {
    pub fn push_mother(&mut self, head: ListedMotherHead) {
        self.index.insert(head.profile.id, self.mothers.len());
        self.mothers.push(ListedMother {
            link: head.link,
            profile: head.profile,
            days: Vec::new(),
            ratings: Vec::new(),
            active_before: head.sessions_before.max(head.taps_before),
            hold_counts: head.hold_counts,
            physio_sessions_done: head.physio_sessions_done,
            prescription: Prescription::default(),
        });
    }

    fn mother(&mut self, profile: ProfileId) -> Option<&mut ListedMother> {
        let index = *self.index.get(&profile)?;
        self.mothers.get_mut(index)
    }

    /// Her guided sessions of one day: how many, their contractions and their ratings.
    pub fn add_sessions(
        &mut self,
        profile: ProfileId,
        date: Date,
        sessions: u32,
        contractions: u32,
        ratings: RatingCounts,
    ) {
        let Some(mother) = self.mother(profile) else {
            return;
        };
        let day = day_of(&mut mother.days, date);
        day.sessions += sessions;
        day.session_contractions += contractions;
        if ratings != RatingCounts::default() {
            mother.ratings.push((date, ratings));
        }
    }

    /// Her coordination taps of one day.
    pub fn add_taps(&mut self, profile: ProfileId, date: Date, taps: u32) {
        if let Some(mother) = self.mother(profile) {
            day_of(&mut mother.days, date).coordination += taps;
        }
    }

    /// One stored setting of her prescription (field key and value text, as the store keeps them).
    pub fn add_prescription_setting(&mut self, profile: ProfileId, field: String, value: String) {
        if self.index.contains_key(&profile) {
            self.settings
                .entry(profile)
                .or_default()
                .push((field, value));
        }
    }

    /// The list, in the order the mothers were pushed, each one's days and ratings oldest first.
    pub fn finish(mut self) -> StoreResult<Vec<ListedMother>> {
        for (profile, settings) in std::mem::take(&mut self.settings) {
            let prescription =
                Prescription::from_entries(settings.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                    .map_err(StoreError::Corrupt)?;
            if let Some(mother) = self.mother(profile) {
                mother.prescription = prescription;
            }
        }
        for mother in &mut self.mothers {
            mother.days.sort_by_key(|day| day.date);
            mother.ratings.sort_by_key(|(date, _)| *date);
        }
        Ok(self.mothers)
    }
}

/// The tally of `date` among her days, added when missing.
fn day_of(days: &mut Vec<DayTally>, date: Date) -> &mut DayTally {
    let index = match days.iter().position(|day| day.date == date) {
        Some(index) => index,
        None => {
            days.push(DayTally::empty(date));
            days.len() - 1
        }
    };
    &mut days[index]
}
