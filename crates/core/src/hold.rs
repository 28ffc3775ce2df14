//! Her endurance hold: how many counts she holds a contraction.
//!
//! The mother chooses her hold within the programme's range; a physiotherapist may set a value
//! outside it (a prescription). The app itself never changes a hold: nothing here computes a next
//! value, it only checks a chosen one.

use crate::programme::Programme;
use serde::Serialize;
use thiserror::Error;

/// Who set a hold: the mother herself, or a physiotherapist (who may leave the programme's range).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldSetter {
    Mother,
    Physiotherapist,
}

impl HoldSetter {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mother => "mother",
            Self::Physiotherapist => "physiotherapist",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "mother" => Some(Self::Mother),
            "physiotherapist" => Some(Self::Physiotherapist),
            _ => None,
        }
    }
}

/// A hold length in counts, checked against the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct HoldCounts(u32);

/// A hold outside what its setter may choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("a hold must be between {min} and {max} counts")]
pub struct HoldOutOfRange {
    pub min: u32,
    pub max: u32,
}

/// The widest range a physiotherapist may prescribe; beyond it a value is a typing error.
pub const PRESCRIBED_HOLD_LIMIT: u32 = 60;

impl HoldCounts {
    /// The programme's starting hold, used until she or her physiotherapist chooses one.
    pub fn programme_start(programme: &Programme) -> Self {
        Self(programme.hold.start)
    }

    /// Checks a chosen hold: the mother stays within the programme's range; a physiotherapist may
    /// prescribe from 1 up to [`PRESCRIBED_HOLD_LIMIT`].
    pub fn choose(
        programme: &Programme,
        setter: HoldSetter,
        counts: u32,
    ) -> Result<Self, HoldOutOfRange> {
        let (min, max) = match setter {
            HoldSetter::Mother => (programme.hold.min, programme.hold.max),
            HoldSetter::Physiotherapist => (1, PRESCRIBED_HOLD_LIMIT),
        };
        if (min..=max).contains(&counts) {
            Ok(Self(counts))
        } else {
            Err(HoldOutOfRange { min, max })
        }
    }

    /// A hold read back from storage, which was checked when it was chosen.
    pub fn from_stored(counts: u32) -> Self {
        Self(counts)
    }

    pub fn counts(self) -> u32 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mother_chooses_only_within_the_programme_range() {
        let programme = crate::programme::brochure();
        for counts in 0..=20 {
            let chosen = HoldCounts::choose(&programme, HoldSetter::Mother, counts);
            assert_eq!(
                chosen.is_ok(),
                (3..=10).contains(&counts),
                "counts {counts}"
            );
        }
        assert_eq!(
            HoldCounts::choose(&programme, HoldSetter::Mother, 11),
            Err(HoldOutOfRange { min: 3, max: 10 })
        );
    }

    #[test]
    fn physiotherapist_may_prescribe_outside_the_programme_range() {
        let programme = crate::programme::brochure();
        assert!(HoldCounts::choose(&programme, HoldSetter::Physiotherapist, 15).is_ok());
        assert!(HoldCounts::choose(&programme, HoldSetter::Physiotherapist, 2).is_ok());
        assert!(HoldCounts::choose(&programme, HoldSetter::Physiotherapist, 0).is_err());
    }
}
