//! The programme file: the brochure's programme (or a deployment's own) as data.
//!
//! Core never hard-codes a dose. Every number a rule needs comes from a parsed [`Programme`], and the
//! file is validated when it is loaded, with a message that names the file and the field, so a
//! deployment learns at start-up, not from a mother, that its programme is wrong.

use serde::Deserialize;
use std::collections::BTreeMap;
use thiserror::Error;

/// What goes wrong when a programme file is read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ProgrammeError {
    #[error("{source_name}: {message}")]
    Syntax {
        source_name: String,
        message: String,
    },
    #[error("{source_name}: {field}: {message}")]
    Invalid {
        source_name: String,
        field: String,
        message: String,
    },
}

/// The kinds of exercise a programme can hold. The brochure has strength and endurance (plus the
/// coordination habit); `fast` (quick one-count squeezes) is what physiotherapists commonly add.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Deserialize,
    serde::Serialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ExerciseKind {
    Strength,
    Endurance,
    Fast,
}

impl ExerciseKind {
    pub const ALL: [ExerciseKind; 3] = [Self::Strength, Self::Endurance, Self::Fast];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Strength => "strength",
            Self::Endurance => "endurance",
            Self::Fast => "fast",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// Endurance holds last as long as the mother's own hold; the others have a fixed length.
    pub fn uses_hold(self) -> bool {
        self == Self::Endurance
    }
}

/// The phases a repetition is made of, plus the settling-in before a part.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    GetReady,
    Contract,
    Relax,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::GetReady => "get_ready",
            Self::Contract => "contract",
            Self::Relax => "relax",
        }
    }
}

/// When things happen on the postnatal timeline, and how much a day holds.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    pub exercise_start_day: u32,
    pub recovery_weeks: u32,
    pub physiotherapy_from_week: u32,
    pub physiotherapy_sessions: u32,
    pub prescription_valid_days: u32,
    pub sessions_per_day: u32,
    pub daily_contraction_target: u32,
}

/// How long one count lasts, and the pause to settle in before each part.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timing {
    pub count_ms: u32,
    pub get_ready_counts: u32,
}

/// The range within which the mother chooses her endurance hold, in counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoldRange {
    pub min: u32,
    pub max: u32,
    pub start: u32,
}

/// One exercise of a guided session.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub kind: ExerciseKind,
    pub reps: u32,
    /// Fixed length of a contraction; absent for endurance, whose length is her hold.
    #[serde(default)]
    pub contract_counts: Option<u32>,
    pub relax_counts: u32,
    /// Caution points (message ids) shown during each phase.
    #[serde(default)]
    pub cautions: BTreeMap<Phase, Vec<String>>,
}

/// The coordination habit: squeeze before these moments of daily life.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coordination {
    pub moments: Vec<String>,
}

/// A whole programme, validated.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub id: String,
    pub schedule: Schedule,
    pub timing: Timing,
    pub hold: HoldRange,
    pub positions: Vec<String>,
    pub exercises: Vec<Exercise>,
    pub coordination: Coordination,
    /// When each questionnaire is offered to her (none: never).
    #[serde(default)]
    pub questionnaires: Vec<QuestionnaireOffer>,
    /// The bladder diary; the file may leave it out (three days).
    #[serde(default)]
    pub diary: DiarySettings,
}

/// How many days a bladder diary runs: three is the International Continence Society's standard
/// for nocturia; a deployment may choose two to seven.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiarySettings {
    pub days: u32,
}

impl Default for DiarySettings {
    fn default() -> Self {
        DiarySettings { days: 3 }
    }
}

/// A questionnaire the programme offers, by id (the shipped ones and the deployment's files), on
/// days after the birth. Each occasion stays open until the next one (or
/// [`QuestionnaireOffer::OPEN_DAYS`] for the last); answering or "not now" closes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireOffer {
    pub id: String,
    pub at_days: Vec<u32>,
}

impl QuestionnaireOffer {
    /// How long the last occasion stays open (a month: an invitation is never left up forever).
    pub const OPEN_DAYS: u32 = 28;

    /// The occasion open on `postpartum_day` (its day), if any.
    pub fn occasion_on(&self, postpartum_day: i64) -> Option<u32> {
        let mut days = self.at_days.iter().copied().peekable();
        while let Some(day) = days.next() {
            let end = days
                .peek()
                .copied()
                .unwrap_or(day.saturating_add(Self::OPEN_DAYS));
            if (i64::from(day)..i64::from(end)).contains(&postpartum_day) {
                return Some(day);
            }
        }
        None
    }
}

/// Positions a programme may name; each has a drawing and a translated name.
pub const KNOWN_POSITIONS: [&str; 5] = ["back", "side", "sitting", "standing", "kneeling"];

/// Caution points a programme may name; each has a translated text.
pub const KNOWN_CAUTIONS: [&str; 6] = [
    "find_muscles",
    "pelvis_still",
    "belly_buttocks_loose",
    "keep_breathing",
    "relax_fully",
    "no_pushing",
];

/// Daily moments the coordination habit may name; each has a translated text.
pub const KNOWN_MOMENTS: [&str; 5] = ["cough", "sneeze", "laugh", "lift", "lift_baby"];

/// Upper bounds that keep a mistyped file from producing an absurd session.
const MAX_REPS: u32 = 100;
const MAX_COUNTS: u32 = 120;
const MAX_COUNT_MS: u32 = 10_000;

impl Programme {
    /// Parses and validates a programme file. `source_name` (usually the path) prefixes every error.
    pub fn from_toml(text: &str, source_name: &str) -> Result<Self, ProgrammeError> {
        let programme: Programme =
            toml::from_str(text).map_err(|error| ProgrammeError::Syntax {
                source_name: source_name.to_owned(),
                message: error.to_string().trim().replace('\n', " "),
            })?;
        programme.validate(source_name)?;
        Ok(programme)
    }

    fn validate(&self, source_name: &str) -> Result<(), ProgrammeError> {
        let invalid = |field: &str, message: String| ProgrammeError::Invalid {
            source_name: source_name.to_owned(),
            field: field.to_owned(),
            message,
        };
        let in_range = |field: &str, value: u32, low: u32, high: u32| {
            if (low..=high).contains(&value) {
                Ok(())
            } else {
                Err(invalid(
                    field,
                    format!("is {value}, must be between {low} and {high}"),
                ))
            }
        };
        let schedule = &self.schedule;
        in_range(
            "schedule.exercise_start_day",
            schedule.exercise_start_day,
            0,
            60,
        )?;
        in_range("schedule.recovery_weeks", schedule.recovery_weeks, 0, 52)?;
        in_range(
            "schedule.physiotherapy_from_week",
            schedule.physiotherapy_from_week,
            0,
            52,
        )?;
        in_range(
            "schedule.physiotherapy_sessions",
            schedule.physiotherapy_sessions,
            0,
            60,
        )?;
        in_range(
            "schedule.prescription_valid_days",
            schedule.prescription_valid_days,
            1,
            730,
        )?;
        in_range(
            "schedule.sessions_per_day",
            schedule.sessions_per_day,
            1,
            12,
        )?;
        in_range(
            "schedule.daily_contraction_target",
            schedule.daily_contraction_target,
            1,
            1000,
        )?;
        in_range("timing.count_ms", self.timing.count_ms, 50, MAX_COUNT_MS)?;
        in_range(
            "timing.get_ready_counts",
            self.timing.get_ready_counts,
            0,
            MAX_COUNTS,
        )?;
        in_range("hold.min", self.hold.min, 1, MAX_COUNTS)?;
        in_range("hold.max", self.hold.max, self.hold.min, MAX_COUNTS)?;
        in_range("hold.start", self.hold.start, self.hold.min, self.hold.max)?;
        in_range("diary.days", self.diary.days, 1, 7)?;

        if self.positions.is_empty() {
            return Err(invalid(
                "positions",
                "must name at least one position".into(),
            ));
        }
        for (index, position) in self.positions.iter().enumerate() {
            if !KNOWN_POSITIONS.contains(&position.as_str()) {
                return Err(invalid(
                    &format!("positions[{index}]"),
                    format!(
                        "unknown position \"{position}\", expected one of {}",
                        KNOWN_POSITIONS.join(", ")
                    ),
                ));
            }
            if self.positions[..index].contains(position) {
                return Err(invalid(
                    &format!("positions[{index}]"),
                    format!("\"{position}\" is listed twice"),
                ));
            }
        }

        if self.exercises.is_empty() {
            return Err(invalid(
                "exercises",
                "must hold at least one exercise".into(),
            ));
        }
        for (index, exercise) in self.exercises.iter().enumerate() {
            let field =
                |name: &str| format!("exercises[{index}] ({}).{name}", exercise.kind.as_str());
            if self.exercises[..index]
                .iter()
                .any(|earlier| earlier.kind == exercise.kind)
            {
                return Err(invalid(&field("kind"), "is listed twice".into()));
            }
            in_range(&field("reps"), exercise.reps, 1, MAX_REPS)?;
            in_range(&field("relax_counts"), exercise.relax_counts, 1, MAX_COUNTS)?;
            match (exercise.kind.uses_hold(), exercise.contract_counts) {
                (true, Some(_)) => {
                    return Err(invalid(
                        &field("contract_counts"),
                        "must be left out: an endurance hold is the mother's own, within [hold]"
                            .into(),
                    ));
                }
                (false, None) => {
                    return Err(invalid(&field("contract_counts"), "is missing".into()));
                }
                (false, Some(counts)) => {
                    in_range(&field("contract_counts"), counts, 1, MAX_COUNTS)?
                }
                (true, None) => {}
            }
            for (phase, cautions) in &exercise.cautions {
                for caution in cautions {
                    if !KNOWN_CAUTIONS.contains(&caution.as_str()) {
                        return Err(invalid(
                            &field(&format!("cautions.{}", phase.as_str())),
                            format!(
                                "unknown caution \"{caution}\", expected one of {}",
                                KNOWN_CAUTIONS.join(", ")
                            ),
                        ));
                    }
                }
            }
        }
        for (index, offer) in self.questionnaires.iter().enumerate() {
            let field = |name: &str| format!("questionnaires[{index}].{name}");
            if offer.id.trim().is_empty() {
                return Err(invalid(&field("id"), "is empty".into()));
            }
            if self.questionnaires[..index]
                .iter()
                .any(|o| o.id == offer.id)
            {
                return Err(invalid(
                    &field("id"),
                    format!("{} is offered twice", offer.id),
                ));
            }
            if offer.at_days.is_empty() {
                return Err(invalid(&field("at_days"), "is empty".into()));
            }
            if offer.at_days.windows(2).any(|pair| pair[0] >= pair[1]) {
                return Err(invalid(
                    &field("at_days"),
                    "must go up, each day once".into(),
                ));
            }
            for day in &offer.at_days {
                in_range(&field("at_days"), *day, 0, 730)?;
            }
        }
        for (index, moment) in self.coordination.moments.iter().enumerate() {
            if !KNOWN_MOMENTS.contains(&moment.as_str()) {
                return Err(invalid(
                    &format!("coordination.moments[{index}]"),
                    format!(
                        "unknown moment \"{moment}\", expected one of {}",
                        KNOWN_MOMENTS.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The exercise of a kind, if the programme has it.
    pub fn exercise(&self, kind: ExerciseKind) -> Option<&Exercise> {
        self.exercises.iter().find(|exercise| exercise.kind == kind)
    }

    /// Whether the programme has an endurance hold, and so a hold the mother chooses.
    pub fn has_hold(&self) -> bool {
        self.exercises
            .iter()
            .any(|exercise| exercise.kind.uses_hold())
    }

    /// Contractions one full guided session holds.
    pub fn contractions_per_session(&self) -> u32 {
        self.exercises.iter().map(|exercise| exercise.reps).sum()
    }
}

/// The brochure's programme as shipped in the repository, for tests across the workspace.
pub const BROCHURE_PROGRAMME: &str = include_str!("../../../programme/brochure.toml");

/// The shipped programme, parsed, for core's own tests.
#[cfg(test)]
pub(crate) fn brochure() -> Programme {
    match Programme::from_toml(BROCHURE_PROGRAMME, "programme/brochure.toml") {
        Ok(programme) => programme,
        Err(error) => panic!("the shipped programme must be valid: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_programme_carries_the_brochures_numbers() {
        let programme = brochure();
        assert_eq!(programme.schedule.exercise_start_day, 2);
        assert_eq!(programme.schedule.physiotherapy_from_week, 6);
        assert_eq!(programme.schedule.physiotherapy_sessions, 9);
        assert_eq!(programme.schedule.daily_contraction_target, 60);
        assert_eq!(programme.schedule.sessions_per_day, 3);
        assert_eq!((programme.hold.min, programme.hold.max), (3, 10));
        let endurance = programme.exercise(ExerciseKind::Endurance);
        assert_eq!(endurance.map(|e| (e.reps, e.relax_counts)), Some((10, 20)));
        assert_eq!(
            programme.exercise(ExerciseKind::Strength).map(|e| e.reps),
            Some(10)
        );
        assert_eq!(programme.positions, ["back", "side", "sitting", "standing"]);
        // Three sessions of the two exercises make the brochure's sixty contractions.
        assert_eq!(
            programme.contractions_per_session() * programme.schedule.sessions_per_day,
            programme.schedule.daily_contraction_target
        );
    }

    #[test]
    fn questionnaire_occasions_stay_open_until_the_next() {
        let offer = QuestionnaireOffer {
            id: "sandvik".into(),
            at_days: vec![0, 42, 91, 182],
        };
        assert_eq!(offer.occasion_on(-1), None);
        assert_eq!(offer.occasion_on(0), Some(0));
        assert_eq!(offer.occasion_on(41), Some(0));
        assert_eq!(offer.occasion_on(42), Some(42));
        assert_eq!(offer.occasion_on(181), Some(91));
        assert_eq!(offer.occasion_on(209), Some(182));
        assert_eq!(offer.occasion_on(210), None);
    }

    #[test]
    fn questionnaire_days_must_go_up() {
        let bad = brochure_with_questionnaires("at_days = [42, 0]");
        assert_eq!(
            bad.err().map(|e| e.to_string()),
            Some("brochure.toml: questionnaires[0].at_days: must go up, each day once".into())
        );
        let bad = brochure_with_questionnaires("at_days = [0, 1000]");
        assert_eq!(
            bad.err().map(|e| e.to_string()),
            Some(
                "brochure.toml: questionnaires[0].at_days: is 1000, must be between 0 and 730"
                    .into()
            )
        );
    }

    fn brochure_with_questionnaires(days: &str) -> Result<Programme, ProgrammeError> {
        let text = BROCHURE_PROGRAMME.replace("at_days = [0, 42, 91, 182]", days);
        Programme::from_toml(&text, "brochure.toml")
    }

    fn with(replace: &str, by: &str) -> Result<Programme, ProgrammeError> {
        assert!(
            BROCHURE_PROGRAMME.contains(replace),
            "fixture text missing: {replace}"
        );
        Programme::from_toml(&BROCHURE_PROGRAMME.replacen(replace, by, 1), "p.toml")
    }

    #[test]
    fn a_file_without_a_diary_section_keeps_three_days() {
        let start = BROCHURE_PROGRAMME
            .find("\n[diary]")
            .unwrap_or(BROCHURE_PROGRAMME.len());
        let without = Programme::from_toml(&BROCHURE_PROGRAMME[..start], "p.toml");
        assert_eq!(without.map(|p| p.diary.days), Ok(3));
        assert_eq!(brochure().diary.days, 3);
    }

    #[test]
    fn invalid_files_name_the_file_and_the_field() {
        let cases = [
            (
                "min = 3",
                "min = 0",
                "p.toml: hold.min: is 0, must be between 1 and 120",
            ),
            (
                "start = 3",
                "start = 11",
                "p.toml: hold.start: is 11, must be between 3 and 10",
            ),
            (
                "\"standing\"]",
                "\"standing\", \"handstand\"]",
                "p.toml: positions[4]: unknown position \"handstand\", expected one of back, side, sitting, standing, kneeling",
            ),
            (
                "relax_counts = 20",
                "contract_counts = 5\nrelax_counts = 20",
                "p.toml: exercises[1] (endurance).contract_counts: must be left out: an endurance hold is the mother's own, within [hold]",
            ),
            (
                "contract_counts = 3 ",
                "",
                "p.toml: exercises[0] (strength).contract_counts: is missing",
            ),
            (
                "reps = 10",
                "reps = 0",
                "p.toml: exercises[0] (strength).reps: is 0, must be between 1 and 100",
            ),
            (
                "count_ms = 1000",
                "count_ms = 5",
                "p.toml: timing.count_ms: is 5, must be between 50 and 10000",
            ),
            (
                "days = 3 ",
                "days = 0 ",
                "p.toml: diary.days: is 0, must be between 1 and 7",
            ),
        ];
        for (replace, by, expected) in cases {
            let error = with(replace, by).err().map(|e| e.to_string());
            assert_eq!(error.as_deref(), Some(expected), "replacing {replace:?}");
        }
    }

    #[test]
    fn unknown_keys_and_bad_syntax_are_errors_naming_the_file() {
        let error = with("[hold]", "[hold]\nmaximum = 4")
            .err()
            .map(|e| e.to_string());
        let text = error.unwrap_or_default();
        assert!(text.starts_with("p.toml: "), "{text}");
        assert!(text.contains("maximum"), "{text}");
        let error = Programme::from_toml("id = ", "broken.toml")
            .err()
            .map(|e| e.to_string());
        assert!(error.unwrap_or_default().starts_with("broken.toml: "));
    }
}
