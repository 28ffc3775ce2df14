//! One of her physiotherapy sessions, as the physiotherapist records it.
//!
//! Postnatal physiotherapy comes in a fixed number of sessions (nine in Belgium; the programme
//! file's `schedule.physiotherapy_sessions`, since the rules change). A record holds what
//! physiotherapists commonly note (clinical-notes.md): whether she contracts correctly or strains,
//! holds her breath or co-contracts; whether she can relax; the knack on a cough; the Modified
//! Oxford grade (six grades, 0 to 5); the PERFECT profile, whose P *is* the Oxford grade and which
//! has no total; pain; notes; the home programme given. The app stores and shows these as recorded;
//! it draws no conclusion from them.

use crate::programme::Programme;
use jiff::civil::Date;
use std::fmt;
use thiserror::Error;

/// Modified Oxford Scale: 0 none, 1 flicker, 2 weak, 3 moderate with lift, 4 good, 5 strong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct OxfordGrade(u8);

impl OxfordGrade {
    /// The six grades, 0 to 5 (some sources wrongly show five).
    pub const MAX: u8 = 5;

    pub fn new(grade: u8) -> Option<Self> {
        (grade <= Self::MAX).then_some(Self(grade))
    }

    pub fn value(self) -> u8 {
        self.0
    }

    pub fn all() -> impl Iterator<Item = OxfordGrade> {
        (0..=Self::MAX).map(Self)
    }
}

/// The PERFECT scheme's E, R and F each go up to ten (Laycock & Jerwood 2001).
pub const PERFECT_MAX: u8 = 10;

/// PERFECT without P: P is the session's Oxford grade, so it is stored once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Perfect {
    /// Endurance: seconds a maximal contraction is held.
    pub endurance_seconds: Option<u8>,
    /// Repetitions of that hold.
    pub repetitions: Option<u8>,
    /// Fast one-second contractions.
    pub fast: Option<u8>,
}

/// The ways a contraction goes wrong that physiotherapists note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ContractionFault {
    Strains,
    HoldsBreath,
    CoContracts,
}

impl ContractionFault {
    pub const ALL: [ContractionFault; 3] = [Self::Strains, Self::HoldsBreath, Self::CoContracts];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Strains => "strains",
            Self::HoldsBreath => "holds_breath",
            Self::CoContracts => "co_contracts",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|fault| fault.as_str() == text)
    }
}

/// How she contracts: correctly, or with one or more faults; or not assessed this session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contraction {
    NotAssessed,
    Correct,
    Faults(Vec<ContractionFault>),
}

impl Contraction {
    /// How a store keeps it: a kind (`not_assessed`, `correct`, `faults`) and the faults, comma
    /// separated, so both backends write the same text.
    pub fn to_stored(&self) -> (&'static str, String) {
        match self {
            Self::NotAssessed => ("not_assessed", String::new()),
            Self::Correct => ("correct", String::new()),
            Self::Faults(faults) => (
                "faults",
                faults
                    .iter()
                    .map(|fault| fault.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            ),
        }
    }

    /// Reads back what [`Contraction::to_stored`] wrote.
    pub fn from_stored(kind: &str, faults: &str) -> Option<Self> {
        match kind {
            "not_assessed" => Some(Self::NotAssessed),
            "correct" => Some(Self::Correct),
            "faults" => faults
                .split(',')
                .map(ContractionFault::parse)
                .collect::<Option<Vec<_>>>()
                .filter(|faults| !faults.is_empty())
                .map(Self::Faults),
            _ => None,
        }
    }
}

/// Pain on a 0-10 numeric rating scale, the scale physiotherapists use day to day.
pub const PAIN_MAX: u8 = 10;
/// Longest notes and home programme kept: a page of text; more is a paste gone wrong.
pub const TEXT_MAX_CHARS: usize = 4000;

/// One physiotherapy session's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhysioSession {
    /// Which of her sessions, from 1 to the programme's number.
    pub number: u32,
    pub date: Date,
    pub contraction: Contraction,
    pub can_relax: Option<bool>,
    pub knack_on_cough: Option<bool>,
    pub oxford: Option<OxfordGrade>,
    pub perfect: Perfect,
    pub pain: Option<u8>,
    pub notes: String,
    pub home_programme: String,
}

impl PhysioSession {
    /// The PERFECT profile as physiotherapists write it, "P3 E6 R4 F3" (no total); a part not
    /// measured shows as "–". `None` when nothing of it was measured.
    pub fn perfect_profile(&self) -> Option<String> {
        let Perfect {
            endurance_seconds,
            repetitions,
            fast,
        } = self.perfect;
        let p = self.oxford.map(OxfordGrade::value);
        if [p, endurance_seconds, repetitions, fast]
            .iter()
            .all(Option::is_none)
        {
            return None;
        }
        let part = |letter: char, value: Option<u8>| match value {
            Some(value) => format!("{letter}{value}"),
            None => format!("{letter}–"),
        };
        Some(format!(
            "{} {} {} {}",
            part('P', p),
            part('E', endurance_seconds),
            part('R', repetitions),
            part('F', fast)
        ))
    }
}

/// The fields of a record as a form sends them, unchecked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhysioSessionInput {
    pub number: String,
    pub date: String,
    /// "", "correct" or "faults".
    pub contraction: String,
    pub faults: Vec<String>,
    /// "", "yes" or "no" for the three questions.
    pub can_relax: String,
    pub knack_on_cough: String,
    pub oxford: String,
    pub endurance_seconds: String,
    pub repetitions: String,
    pub fast: String,
    pub pain: String,
    pub notes: String,
    pub home_programme: String,
}

/// What is wrong with a field of the form; the field is named for the message beside it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PhysioSessionError {
    #[error("number: must be between 1 and {max}")]
    Number { max: u32 },
    #[error("date: not a date (YYYY-MM-DD)")]
    Date,
    #[error("date: lies in the future")]
    DateInFuture,
    #[error("contraction: name at least one fault, or choose \"correct\"")]
    FaultsMissing,
    #[error("{field}: must be between 0 and {max}")]
    OutOfRange { field: &'static str, max: u8 },
    #[error("{0}: not one of the offered answers")]
    Choice(&'static str),
    #[error("{0}: too long")]
    TooLong(&'static str),
}

impl PhysioSessionError {
    /// The form field the error belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            Self::Number { .. } => "number",
            Self::Date | Self::DateInFuture => "date",
            Self::FaultsMissing => "contraction",
            Self::OutOfRange { field, .. } | Self::Choice(field) | Self::TooLong(field) => field,
        }
    }
}

impl fmt::Display for ContractionFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The number of physiotherapy sessions her programme holds.
pub fn session_count(programme: &Programme) -> u32 {
    programme.schedule.physiotherapy_sessions
}

/// Checks a form against the programme and her local `today`; every wrong field is reported, so
/// the form can show each message beside its field at once.
pub fn check_physio_session(
    input: &PhysioSessionInput,
    programme: &Programme,
    today: Date,
) -> Result<PhysioSession, Vec<PhysioSessionError>> {
    let mut errors = Vec::new();
    let max = session_count(programme);
    let number = match input.number.trim().parse::<u32>() {
        Ok(number) if (1..=max).contains(&number) => number,
        _ => {
            errors.push(PhysioSessionError::Number { max });
            1
        }
    };
    let date = match input.date.trim().parse::<Date>() {
        Ok(date) if date > today => {
            errors.push(PhysioSessionError::DateInFuture);
            today
        }
        Ok(date) => date,
        Err(_) => {
            errors.push(PhysioSessionError::Date);
            today
        }
    };
    let mut faults: Vec<ContractionFault> = Vec::new();
    for text in &input.faults {
        match ContractionFault::parse(text.trim()) {
            Some(fault) if !faults.contains(&fault) => faults.push(fault),
            Some(_) => {}
            None => errors.push(PhysioSessionError::Choice("faults")),
        }
    }
    faults.sort();
    let contraction = match input.contraction.trim() {
        "" if faults.is_empty() => Contraction::NotAssessed,
        "correct" if faults.is_empty() => Contraction::Correct,
        "" | "faults" if !faults.is_empty() => Contraction::Faults(faults),
        "faults" => {
            errors.push(PhysioSessionError::FaultsMissing);
            Contraction::NotAssessed
        }
        _ => {
            errors.push(PhysioSessionError::Choice("contraction"));
            Contraction::NotAssessed
        }
    };
    let mut yes_no = |field: &'static str, text: &str| match text.trim() {
        "" => None,
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            errors.push(PhysioSessionError::Choice(field));
            None
        }
    };
    let can_relax = yes_no("can_relax", &input.can_relax);
    let knack_on_cough = yes_no("knack_on_cough", &input.knack_on_cough);
    let mut scale = |field: &'static str, text: &str, max: u8| {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        match text.parse::<u8>() {
            Ok(value) if value <= max => Some(value),
            _ => {
                errors.push(PhysioSessionError::OutOfRange { field, max });
                None
            }
        }
    };
    let oxford = scale("oxford", &input.oxford, OxfordGrade::MAX).and_then(OxfordGrade::new);
    let perfect = Perfect {
        endurance_seconds: scale("endurance_seconds", &input.endurance_seconds, PERFECT_MAX),
        repetitions: scale("repetitions", &input.repetitions, PERFECT_MAX),
        fast: scale("fast", &input.fast, PERFECT_MAX),
    };
    let pain = scale("pain", &input.pain, PAIN_MAX);
    let mut text = |field: &'static str, text: &str| {
        let text = text.trim();
        if text.chars().count() > TEXT_MAX_CHARS {
            errors.push(PhysioSessionError::TooLong(field));
        }
        text.replace("\r\n", "\n")
    };
    let notes = text("notes", &input.notes);
    let home_programme = text("home_programme", &input.home_programme);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(PhysioSession {
        number,
        date,
        contraction,
        can_relax,
        knack_on_cough,
        oxford,
        perfect,
        pain,
        notes,
        home_programme,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn input() -> PhysioSessionInput {
        PhysioSessionInput {
            number: "1".into(),
            date: "2026-12-30".into(),
            contraction: "correct".into(),
            can_relax: "yes".into(),
            knack_on_cough: "no".into(),
            oxford: "3".into(),
            endurance_seconds: "6".into(),
            repetitions: "4".into(),
            fast: "3".into(),
            pain: "0".into(),
            notes: "Goed bewustzijn.".into(),
            home_programme: "3 x 10, hold 6".into(),
            ..PhysioSessionInput::default()
        }
    }

    fn check(input: &PhysioSessionInput) -> Result<PhysioSession, Vec<PhysioSessionError>> {
        check_physio_session(input, &crate::programme::brochure(), date(2027, 1, 5))
    }

    #[test]
    fn a_full_record_reads_as_a_perfect_profile_without_total() {
        let Ok(session) = check(&input()) else {
            panic!("valid")
        };
        assert_eq!(session.perfect_profile().as_deref(), Some("P3 E6 R4 F3"));
        assert_eq!(session.contraction, Contraction::Correct);
        assert_eq!(
            (session.can_relax, session.knack_on_cough),
            (Some(true), Some(false))
        );
        let partial = PhysioSessionInput {
            endurance_seconds: String::new(),
            fast: String::new(),
            ..input()
        };
        let profile = check(&partial).ok().and_then(|s| s.perfect_profile());
        assert_eq!(profile.as_deref(), Some("P3 E– R4 F–"));
        let nothing = PhysioSessionInput {
            oxford: String::new(),
            endurance_seconds: String::new(),
            repetitions: String::new(),
            fast: String::new(),
            ..input()
        };
        assert_eq!(check(&nothing).ok().and_then(|s| s.perfect_profile()), None);
    }

    #[test]
    fn the_oxford_scale_has_six_grades() {
        assert_eq!(OxfordGrade::all().count(), 6);
        for grade in 0..=5 {
            let oxford = PhysioSessionInput {
                oxford: grade.to_string(),
                ..input()
            };
            assert!(check(&oxford).is_ok(), "grade {grade}");
        }
        let six = PhysioSessionInput {
            oxford: "6".into(),
            ..input()
        };
        assert_eq!(
            check(&six).err(),
            Some(vec![PhysioSessionError::OutOfRange {
                field: "oxford",
                max: 5
            }])
        );
    }

    #[test]
    fn the_number_of_sessions_comes_from_the_programme() {
        let ninth = PhysioSessionInput {
            number: "9".into(),
            ..input()
        };
        assert!(check(&ninth).is_ok());
        let tenth = PhysioSessionInput {
            number: "10".into(),
            ..input()
        };
        assert_eq!(
            check(&tenth).err(),
            Some(vec![PhysioSessionError::Number { max: 9 }])
        );
        let text = crate::programme::BROCHURE_PROGRAMME
            .replace("physiotherapy_sessions = 9", "physiotherapy_sessions = 12");
        let Ok(twelve) = Programme::from_toml(&text, "p") else {
            panic!("valid programme")
        };
        assert!(check_physio_session(&tenth, &twelve, date(2027, 1, 5)).is_ok());
    }

    #[test]
    fn faults_replace_correct_and_every_bad_field_is_reported() {
        let faults = PhysioSessionInput {
            contraction: "faults".into(),
            faults: vec!["holds_breath".into(), "strains".into(), "strains".into()],
            ..input()
        };
        assert_eq!(
            check(&faults).map(|s| s.contraction),
            Ok(Contraction::Faults(vec![
                ContractionFault::Strains,
                ContractionFault::HoldsBreath
            ]))
        );
        let wrong = PhysioSessionInput {
            date: "2027-01-06".into(),
            contraction: "faults".into(),
            can_relax: "maybe".into(),
            endurance_seconds: "11".into(),
            pain: "-1".into(),
            notes: "x".repeat(TEXT_MAX_CHARS + 1),
            ..input()
        };
        let fields: Vec<_> = check(&wrong)
            .err()
            .unwrap_or_default()
            .iter()
            .map(PhysioSessionError::field)
            .collect();
        assert_eq!(
            fields,
            [
                "date",
                "contraction",
                "can_relax",
                "endurance_seconds",
                "pain",
                "notes"
            ]
        );
        let not_assessed = PhysioSessionInput {
            contraction: String::new(),
            ..input()
        };
        assert_eq!(
            check(&not_assessed).map(|s| s.contraction),
            Ok(Contraction::NotAssessed)
        );
    }
}
