//! Her prescription: the programme a physiotherapist sets for one mother, over the programme file.
//!
//! Physiotherapists progress one variable at a time (hold, then reps, then fast contractions, then
//! harder positions), so each of those is a per-mother setting here. A prescription only holds what
//! a physiotherapist changed; everything else stays the programme file's. Core turns the two into
//! her *effective* programme, and every other rule (today's target, the session script, which
//! outcomes are accepted) reads that, so a change reaches her next session without any rule of its
//! own. Only a physiotherapist changes a prescription; nothing here computes a next value.
//!
//! Her hold is the exception: she may choose it herself within the programme's range (hold.rs), so
//! it lives in her hold history, not here. Precedence: **the latest setting wins, whoever made it**.
//! A physiotherapist's hold (1 to [`PRESCRIBED_HOLD_LIMIT`]) is her hold from her next session; if
//! she later chooses one herself, she still chooses within the programme's own range (never the
//! physiotherapist's wider one), and the physiotherapist sees that choice in the history. The
//! prescription's diff names the hold like any other field so the change is recorded and told to
//! her, with who made it.

use crate::hold::PRESCRIBED_HOLD_LIMIT;
use crate::programme::{ExerciseKind, KNOWN_POSITIONS, Programme};
use std::collections::BTreeMap;
use std::fmt;
use thiserror::Error;

/// The ranges a physiotherapist may prescribe, each with its reason. They are wide on purpose: the
/// app must never block what a professional prescribes (clinical-notes.md, "no caps"); they only
/// catch a value that can only be a typing error.
pub mod limits {
    use super::PRESCRIBED_HOLD_LIMIT;

    /// Hold, in counts: at least one; up to a minute, six times PERFECT's 10-second endurance.
    pub const HOLD: (u32, u32) = (1, PRESCRIBED_HOLD_LIMIT);
    /// Repetitions of one exercise a session: trials use 8 to 12 and up to 3 sets together, so 30.
    pub const REPS: (u32, u32) = (1, 30);
    /// A squeeze's length in counts (strength): a few counts; 30 would already be a hold.
    pub const CONTRACT: (u32, u32) = (1, 30);
    /// A fast contraction is one second by definition (PERFECT's F); two allows a slow count.
    pub const FAST_CONTRACT: (u32, u32) = (1, 2);
    /// Relaxation (the rest after a hold), in counts: at least one; twice the longest hold.
    pub const RELAX: (u32, u32) = (1, 2 * PRESCRIBED_HOLD_LIMIT);
    /// Guided sessions a day: the brochure asks at least 3; more than 12 is not a day's plan.
    pub const SETS_PER_DAY: (u32, u32) = (1, 12);
}

/// Fast contractions when a physiotherapist adds them to a programme that lacks them: ten quick
/// one-count squeezes, each followed by two counts to let go fully (trial protocols: 10 x 3 to 5).
pub const FAST_DEFAULT_REPS: u32 = 10;
pub const FAST_DEFAULT_CONTRACT: u32 = 1;
pub const FAST_DEFAULT_RELAX: u32 = 2;

/// What a physiotherapist set for one exercise; `None` keeps the programme's value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExerciseSetting {
    /// Whether the exercise is part of her sessions (adds one the file lacks, or leaves one out).
    pub included: Option<bool>,
    pub reps: Option<u32>,
    pub contract_counts: Option<u32>,
    pub relax_counts: Option<u32>,
}

/// One mother's prescription: only what differs from the programme file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prescription {
    pub sets_per_day: Option<u32>,
    pub positions: Option<Vec<String>>,
    pub exercises: BTreeMap<ExerciseKind, ExerciseSetting>,
}

/// A setting a physiotherapist can change, named the same in the store, the history and forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Hold,
    SetsPerDay,
    Positions,
    Included(ExerciseKind),
    Reps(ExerciseKind),
    Contract(ExerciseKind),
    Relax(ExerciseKind),
}

impl Field {
    /// Every field, in the order an editor and a history show them.
    pub fn all() -> Vec<Field> {
        let mut fields = vec![Field::Hold, Field::SetsPerDay, Field::Positions];
        for kind in ExerciseKind::ALL {
            fields.push(Field::Included(kind));
            fields.push(Field::Reps(kind));
            if !kind.uses_hold() {
                fields.push(Field::Contract(kind));
            }
            fields.push(Field::Relax(kind));
        }
        fields
    }

    /// The stable key: `hold`, `sets_per_day`, `positions`, `fast.included`, `strength.reps`, ...
    pub fn key(self) -> String {
        match self {
            Field::Hold => "hold".into(),
            Field::SetsPerDay => "sets_per_day".into(),
            Field::Positions => "positions".into(),
            Field::Included(kind) => format!("{}.included", kind.as_str()),
            Field::Reps(kind) => format!("{}.reps", kind.as_str()),
            Field::Contract(kind) => format!("{}.contract_counts", kind.as_str()),
            Field::Relax(kind) => format!("{}.relax_counts", kind.as_str()),
        }
    }

    pub fn parse(key: &str) -> Option<Field> {
        Field::all().into_iter().find(|field| field.key() == key)
    }

    /// The range a physiotherapist may set a count field to; `None` for the others.
    pub fn limits(self) -> Option<(u32, u32)> {
        match self {
            Field::Hold => Some(limits::HOLD),
            Field::SetsPerDay => Some(limits::SETS_PER_DAY),
            Field::Reps(_) => Some(limits::REPS),
            Field::Contract(ExerciseKind::Fast) => Some(limits::FAST_CONTRACT),
            Field::Contract(_) => Some(limits::CONTRACT),
            Field::Relax(_) => Some(limits::RELAX),
            Field::Positions | Field::Included(_) => None,
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

/// A field's value: a number of counts or times, a list of positions, or in / out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Count(u32),
    Positions(Vec<String>),
    Included(bool),
}

impl Value {
    /// The stored text: `8`, `back,side,kneeling`, `yes` / `no`.
    pub fn to_text(&self) -> String {
        match self {
            Value::Count(count) => count.to_string(),
            Value::Positions(positions) => positions.join(","),
            Value::Included(true) => "yes".into(),
            Value::Included(false) => "no".into(),
        }
    }

    /// Reads a stored or typed value for `field`, without range checks (see [`check`]).
    pub fn parse(field: Field, text: &str) -> Option<Value> {
        let text = text.trim();
        match field {
            Field::Positions => Some(Value::Positions(
                text.split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned)
                    .collect(),
            )),
            Field::Included(_) => match text {
                "yes" => Some(Value::Included(true)),
                "no" => Some(Value::Included(false)),
                _ => None,
            },
            _ => text.parse().ok().map(Value::Count),
        }
    }
}

/// Why a physiotherapist's value was refused; each names its field for the form.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PrescriptionError {
    #[error("{field}: is {value}, must be between {min} and {max}")]
    OutOfRange {
        field: Field,
        value: u32,
        min: u32,
        max: u32,
    },
    #[error("{0}: not a value this field takes")]
    WrongKind(Field),
    #[error("positions: must name at least one position")]
    NoPosition,
    #[error("positions: unknown position \"{0}\"")]
    UnknownPosition(String),
    #[error("positions: \"{0}\" is listed twice")]
    DuplicatePosition(String),
    #[error("{0}: an endurance hold is set as her hold, not as a squeeze length")]
    NotASetting(Field),
    #[error("exercises: at least one exercise must stay in her sessions")]
    NoExercise,
}

impl PrescriptionError {
    /// The form field the error belongs to: a field key, or `exercises`.
    pub fn field_key(&self) -> String {
        match self {
            Self::OutOfRange { field, .. } | Self::WrongKind(field) | Self::NotASetting(field) => {
                field.key()
            }
            Self::NoPosition | Self::UnknownPosition(_) | Self::DuplicatePosition(_) => {
                Field::Positions.key()
            }
            Self::NoExercise => "exercises".into(),
        }
    }
}

/// Checks one value a physiotherapist typed for `field` against the limits above.
pub fn check(field: Field, value: &Value) -> Result<(), PrescriptionError> {
    match (field, value) {
        (Field::Contract(kind), _) if kind.uses_hold() => {
            Err(PrescriptionError::NotASetting(field))
        }
        (Field::Positions, Value::Positions(positions)) => {
            if positions.is_empty() {
                return Err(PrescriptionError::NoPosition);
            }
            for (index, position) in positions.iter().enumerate() {
                if !KNOWN_POSITIONS.contains(&position.as_str()) {
                    return Err(PrescriptionError::UnknownPosition(position.clone()));
                }
                if positions[..index].contains(position) {
                    return Err(PrescriptionError::DuplicatePosition(position.clone()));
                }
            }
            Ok(())
        }
        (Field::Included(_), Value::Included(_)) => Ok(()),
        (_, Value::Count(count)) => match field.limits() {
            Some((min, max)) if (min..=max).contains(count) => Ok(()),
            Some((min, max)) => Err(PrescriptionError::OutOfRange {
                field,
                value: *count,
                min,
                max,
            }),
            None => Err(PrescriptionError::WrongKind(field)),
        },
        _ => Err(PrescriptionError::WrongKind(field)),
    }
}

/// One recorded change: the field, its effective value before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: Field,
    pub old: Value,
    pub new: Value,
}

impl Prescription {
    /// The value the physiotherapist set for `field`, if any. The hold lives in her hold history.
    pub fn get(&self, field: Field) -> Option<Value> {
        let exercise = |kind: ExerciseKind| self.exercises.get(&kind);
        match field {
            Field::Hold => None,
            Field::SetsPerDay => self.sets_per_day.map(Value::Count),
            Field::Positions => self.positions.clone().map(Value::Positions),
            Field::Included(kind) => exercise(kind)?.included.map(Value::Included),
            Field::Reps(kind) => exercise(kind)?.reps.map(Value::Count),
            Field::Contract(kind) => exercise(kind)?.contract_counts.map(Value::Count),
            Field::Relax(kind) => exercise(kind)?.relax_counts.map(Value::Count),
        }
    }

    /// Sets `field` after checking it. Setting the hold is refused here: it is her hold history's.
    pub fn set(&mut self, field: Field, value: Value) -> Result<(), PrescriptionError> {
        if field == Field::Hold {
            return Err(PrescriptionError::NotASetting(field));
        }
        check(field, &value)?;
        match (field, value) {
            (Field::SetsPerDay, Value::Count(count)) => self.sets_per_day = Some(count),
            (Field::Positions, Value::Positions(positions)) => self.positions = Some(positions),
            (Field::Included(kind), Value::Included(included)) => {
                self.exercises.entry(kind).or_default().included = Some(included)
            }
            (Field::Reps(kind), Value::Count(count)) => {
                self.exercises.entry(kind).or_default().reps = Some(count)
            }
            (Field::Contract(kind), Value::Count(count)) => {
                self.exercises.entry(kind).or_default().contract_counts = Some(count)
            }
            (Field::Relax(kind), Value::Count(count)) => {
                self.exercises.entry(kind).or_default().relax_counts = Some(count)
            }
            (field, _) => return Err(PrescriptionError::WrongKind(field)),
        }
        Ok(())
    }

    /// Every set field as (field, value), for the store.
    pub fn entries(&self) -> Vec<(Field, Value)> {
        Field::all()
            .into_iter()
            .filter_map(|field| self.get(field).map(|value| (field, value)))
            .collect()
    }

    /// A prescription read back from stored (key, text) rows; an unknown or bad row is corrupt.
    pub fn from_entries<'a>(
        rows: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, String> {
        let mut prescription = Prescription::default();
        for (key, text) in rows {
            let field = Field::parse(key).ok_or_else(|| format!("prescription field {key}"))?;
            let value =
                Value::parse(field, text).ok_or_else(|| format!("prescription {key}={text}"))?;
            prescription
                .set(field, value)
                .map_err(|error| error.to_string())?;
        }
        Ok(prescription)
    }

    /// Her effective programme: the file's, with this prescription over it. Exercises keep the
    /// file's order; an added kind (fast contractions) comes after the others, as trials place
    /// quick squeezes after the holds. When the prescription changes how many contractions a
    /// session or a day holds, the day's target becomes sessions a day x contractions a session,
    /// as the brochure's own 60 is 3 x 20; otherwise the file's target stays.
    pub fn apply(&self, programme: &Programme) -> Result<Programme, PrescriptionError> {
        let mut effective = programme.clone();
        if let Some(sets) = self.sets_per_day {
            effective.schedule.sessions_per_day = sets;
        }
        if let Some(positions) = &self.positions {
            effective.positions = positions.clone();
        }
        for kind in ExerciseKind::ALL {
            let Some(setting) = self.exercises.get(&kind) else {
                continue;
            };
            let present = effective.exercises.iter().position(|e| e.kind == kind);
            match (setting.included, present) {
                (Some(false), Some(index)) => {
                    effective.exercises.remove(index);
                    continue;
                }
                (Some(false), None) => continue,
                (Some(true), None) => effective.exercises.push(added_exercise(kind)),
                _ => {}
            }
            if let Some(exercise) = effective.exercises.iter_mut().find(|e| e.kind == kind) {
                if let Some(reps) = setting.reps {
                    exercise.reps = reps;
                }
                if let Some(counts) = setting.contract_counts.filter(|_| !kind.uses_hold()) {
                    exercise.contract_counts = Some(counts);
                }
                if let Some(counts) = setting.relax_counts {
                    exercise.relax_counts = counts;
                }
            }
        }
        if effective.exercises.is_empty() {
            return Err(PrescriptionError::NoExercise);
        }
        if effective.contractions_per_session() != programme.contractions_per_session()
            || effective.schedule.sessions_per_day != programme.schedule.sessions_per_day
        {
            effective.schedule.daily_contraction_target =
                effective.contractions_per_session() * effective.schedule.sessions_per_day;
        }
        Ok(effective)
    }
}

/// A prescription from the values an editor shows for every field (her effective programme, all
/// fields filled): only what differs from the programme file is kept, so a later change of the
/// file still reaches her wherever her physiotherapist did not set a value. The hold is returned
/// apart, as it goes to her hold history. Every wrong value is reported, each with its field.
pub fn from_editor(
    file: &Programme,
    hold: u32,
    values: &[(Field, Value)],
) -> Result<(Prescription, u32), Vec<PrescriptionError>> {
    let mut prescription = Prescription::default();
    let mut new_hold = hold;
    let mut errors = Vec::new();
    for (field, value) in values {
        if let Err(error) = check(*field, value) {
            errors.push(error);
            continue;
        }
        match (field, value) {
            (Field::Hold, Value::Count(counts)) => new_hold = *counts,
            _ if effective_value(file, hold, *field) == *value => {}
            _ => {
                if let Err(error) = prescription.set(*field, value.clone()) {
                    errors.push(error);
                }
            }
        }
    }
    if errors.is_empty()
        && let Err(error) = prescription.apply(file)
    {
        errors.push(error);
    }
    if errors.is_empty() {
        Ok((prescription, new_hold))
    } else {
        Err(errors)
    }
}

/// What an editor's form was built on: her prescription and her latest hold (`None`: she has none
/// of her own yet and follows the file's). A save says which basis it read; the store refuses it
/// when the basis no longer holds, so two physiotherapists editing her programme at once never
/// overwrite each other unseen, and a save never rests on values read outside its transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Basis {
    pub prescription: Prescription,
    pub hold: Option<u32>,
}

impl Basis {
    /// The basis as one line of text for the editor's form: every set field and the hold, in a
    /// fixed order, so equal bases give equal tokens (`hold=-` when she follows the file's hold).
    pub fn token(&self) -> String {
        let hold = self
            .hold
            .map_or_else(|| "-".to_owned(), |counts| counts.to_string());
        std::iter::once(format!("hold={hold}"))
            .chain(
                self.prescription
                    .entries()
                    .into_iter()
                    .map(|(field, value)| format!("{}={}", field.key(), value.to_text())),
            )
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// An exercise the file lacks, as first added: fast contractions get their defaults above; a
/// strength or endurance exercise gets the brochure's plain shape (10 reps, 3-count squeeze).
fn added_exercise(kind: ExerciseKind) -> crate::programme::Exercise {
    let (reps, contract, relax) = match kind {
        ExerciseKind::Fast => (FAST_DEFAULT_REPS, FAST_DEFAULT_CONTRACT, FAST_DEFAULT_RELAX),
        ExerciseKind::Strength => (10, 3, 6),
        ExerciseKind::Endurance => (10, 0, 20),
    };
    crate::programme::Exercise {
        kind,
        reps,
        contract_counts: (!kind.uses_hold()).then_some(contract),
        relax_counts: relax,
        cautions: BTreeMap::new(),
    }
}

/// What a field effectively is in a programme (made by [`Prescription::apply`]) with her `hold`.
/// Settings of an exercise that is not in her sessions read as the values it would start with.
pub fn effective_value(programme: &Programme, hold: u32, field: Field) -> Value {
    let exercise = |kind: ExerciseKind| {
        programme
            .exercise(kind)
            .cloned()
            .unwrap_or_else(|| added_exercise(kind))
    };
    match field {
        Field::Hold => Value::Count(hold),
        Field::SetsPerDay => Value::Count(programme.schedule.sessions_per_day),
        Field::Positions => Value::Positions(programme.positions.clone()),
        Field::Included(kind) => Value::Included(programme.exercise(kind).is_some()),
        Field::Reps(kind) => Value::Count(exercise(kind).reps),
        Field::Contract(kind) => Value::Count(exercise(kind).contract_counts.unwrap_or(hold)),
        Field::Relax(kind) => Value::Count(exercise(kind).relax_counts),
    }
}

/// The changes between two effective programmes (with her hold before and after), field by field,
/// in the editor's order. Only what she would notice is listed: a value that did not change is
/// not a change, even when the physiotherapist typed it again.
pub fn diff(
    before: &Programme,
    hold_before: u32,
    after: &Programme,
    hold_after: u32,
) -> Vec<Change> {
    Field::all()
        .into_iter()
        .filter(|field| !matches!(field, Field::Contract(kind) if kind.uses_hold()))
        .filter_map(|field| {
            let old = effective_value(before, hold_before, field);
            let new = effective_value(after, hold_after, field);
            (old != new).then_some(Change { field, old, new })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hold::{HoldCounts, HoldSetter};
    use crate::programme::Phase;
    use crate::script::session_script;

    fn brochure() -> Programme {
        crate::programme::brochure()
    }

    fn prescribed(settings: &[(&str, &str)]) -> Prescription {
        match Prescription::from_entries(settings.iter().copied()) {
            Ok(prescription) => prescription,
            Err(error) => panic!("{error}"),
        }
    }

    fn apply(prescription: &Prescription) -> Programme {
        match prescription.apply(&brochure()) {
            Ok(programme) => programme,
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn a_basis_token_names_every_setting_and_the_hold_and_tells_bases_apart() {
        let file = Basis::default();
        assert_eq!(file.token(), "hold=-");
        let set = Basis {
            prescription: prescribed(&[("strength.reps", "12"), ("sets_per_day", "4")]),
            hold: Some(8),
        };
        assert_eq!(set.token(), "hold=8;sets_per_day=4;strength.reps=12");
        let other_hold = Basis {
            hold: Some(7),
            ..set.clone()
        };
        assert_ne!(set.token(), other_hold.token());
        assert_ne!(
            file.token(),
            Basis {
                hold: Some(3),
                ..Basis::default()
            }
            .token()
        );
    }

    #[test]
    fn an_empty_prescription_leaves_the_programme_as_the_file_says() {
        assert_eq!(apply(&Prescription::default()), brochure());
    }

    #[test]
    fn settings_replace_the_files_values_for_her_only() {
        let programme = apply(&prescribed(&[
            ("strength.reps", "12"),
            ("strength.contract_counts", "5"),
            ("endurance.relax_counts", "16"),
            ("sets_per_day", "4"),
            ("positions", "back,kneeling"),
        ]));
        let strength = programme.exercise(ExerciseKind::Strength);
        assert_eq!(
            strength.map(|e| (e.reps, e.contract_counts, e.relax_counts)),
            Some((12, Some(5), 6))
        );
        assert_eq!(
            programme
                .exercise(ExerciseKind::Endurance)
                .map(|e| e.relax_counts),
            Some(16)
        );
        assert_eq!(programme.schedule.sessions_per_day, 4);
        assert_eq!(programme.positions, ["back", "kneeling"]);
        // 12 + 10 contractions a session, 4 sessions: the day's target follows.
        assert_eq!(programme.schedule.daily_contraction_target, 88);
        // The file itself is untouched.
        assert_eq!(brochure().schedule.daily_contraction_target, 60);
    }

    #[test]
    fn fast_contractions_are_added_after_the_holds_with_their_own_script_steps() {
        let programme = apply(&prescribed(&[("fast.included", "yes"), ("fast.reps", "5")]));
        let kinds: Vec<_> = programme.exercises.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [
                ExerciseKind::Strength,
                ExerciseKind::Endurance,
                ExerciseKind::Fast
            ]
        );
        let script = session_script(&programme, HoldCounts::programme_start(&programme));
        let fast: Vec<_> = script
            .steps
            .iter()
            .filter(|s| script.parts[s.part].exercise == ExerciseKind::Fast)
            .map(|s| (s.phase, s.counts))
            .collect();
        // A get-ready, then five one-count squeezes each with two counts to let go.
        assert_eq!(fast.len(), 1 + 5 * 2);
        assert_eq!(fast[0].0, Phase::GetReady);
        assert!(
            fast[1..]
                .chunks(2)
                .all(|pair| pair == [(Phase::Contract, 1), (Phase::Relax, 2)])
        );
        assert_eq!(programme.schedule.daily_contraction_target, 75);
    }

    #[test]
    fn leaving_out_every_exercise_is_refused() {
        let prescription = prescribed(&[("strength.included", "no"), ("endurance.included", "no")]);
        assert_eq!(
            prescription.apply(&brochure()),
            Err(PrescriptionError::NoExercise)
        );
        let only_holds = apply(&prescribed(&[("strength.included", "no")]));
        assert_eq!(only_holds.exercises.len(), 1);
    }

    #[test]
    fn physiotherapist_values_are_checked_against_wide_limits() {
        let cases: [(&str, &str, bool); 16] = [
            ("strength.reps", "1", true),
            ("strength.reps", "30", true),
            ("strength.reps", "0", false),
            ("strength.reps", "31", false),
            ("strength.contract_counts", "30", true),
            ("strength.contract_counts", "31", false),
            ("fast.contract_counts", "1", true),
            ("fast.contract_counts", "3", false),
            ("endurance.relax_counts", "120", true),
            ("endurance.relax_counts", "121", false),
            ("sets_per_day", "12", true),
            ("sets_per_day", "13", false),
            ("positions", "back,kneeling", true),
            ("positions", "back,handstand", false),
            ("positions", "side,side", false),
            ("positions", "", false),
        ];
        for (key, text, accepted) in cases {
            let result = Prescription::from_entries([(key, text)]);
            assert_eq!(result.is_ok(), accepted, "{key}={text}: {result:?}");
        }
        assert_eq!(
            check(Field::Hold, &Value::Count(61)),
            Err(PrescriptionError::OutOfRange {
                field: Field::Hold,
                value: 61,
                min: 1,
                max: 60
            })
        );
        assert!(check(Field::Hold, &Value::Count(60)).is_ok());
        assert!(Field::parse("endurance.contract_counts").is_none());
        assert!(
            Prescription::default()
                .set(Field::Hold, Value::Count(8))
                .is_err()
        );
    }

    #[test]
    fn stored_entries_round_trip() {
        let prescription = prescribed(&[
            ("fast.included", "yes"),
            ("positions", "back,side,kneeling"),
            ("endurance.reps", "8"),
        ]);
        let rows: Vec<(String, String)> = prescription
            .entries()
            .into_iter()
            .map(|(field, value)| (field.key(), value.to_text()))
            .collect();
        let back = Prescription::from_entries(rows.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(back, Ok(prescription));
    }

    #[test]
    fn the_diff_names_each_change_with_old_and_new_effective_values() {
        let before = brochure();
        let after = apply(&prescribed(&[
            ("strength.reps", "12"),
            ("fast.included", "yes"),
            ("positions", "back,side,sitting,standing,kneeling"),
        ]));
        let changes = diff(&before, 5, &after, 8);
        let keys: Vec<_> = changes
            .iter()
            .map(|c| (c.field.key(), c.old.to_text(), c.new.to_text()))
            .collect();
        assert_eq!(
            keys,
            [
                ("hold".to_owned(), "5".to_owned(), "8".to_owned()),
                (
                    "positions".into(),
                    "back,side,sitting,standing".into(),
                    "back,side,sitting,standing,kneeling".into()
                ),
                ("strength.reps".into(), "10".into(), "12".into()),
                ("fast.included".into(), "no".into(), "yes".into()),
            ]
        );
        assert!(diff(&before, 5, &before, 5).is_empty());
    }

    #[test]
    fn the_editor_keeps_only_what_differs_from_the_file() {
        let file = brochure();
        let shown: Vec<(Field, Value)> = Field::all()
            .into_iter()
            .filter(|f| !matches!(f, Field::Contract(kind) if kind.uses_hold()))
            .map(|field| (field, effective_value(&file, 5, field)))
            .collect();
        assert_eq!(
            from_editor(&file, 5, &shown),
            Ok((Prescription::default(), 5))
        );
        let mut edited = shown.clone();
        for (field, value) in &mut edited {
            match field {
                Field::Hold => *value = Value::Count(8),
                Field::Reps(ExerciseKind::Strength) => *value = Value::Count(12),
                Field::Included(ExerciseKind::Fast) => *value = Value::Included(true),
                _ => {}
            }
        }
        let (prescription, hold) = match from_editor(&file, 5, &edited) {
            Ok(result) => result,
            Err(errors) => panic!("{errors:?}"),
        };
        assert_eq!(hold, 8);
        assert_eq!(
            prescription,
            prescribed(&[("strength.reps", "12"), ("fast.included", "yes")])
        );
        let wrong: Vec<_> = edited
            .into_iter()
            .map(|(field, value)| match field {
                Field::Hold => (field, Value::Count(0)),
                Field::Reps(ExerciseKind::Endurance) => (field, Value::Count(99)),
                _ => (field, value),
            })
            .collect();
        let fields: Vec<Field> = from_editor(&file, 5, &wrong)
            .err()
            .unwrap_or_default()
            .iter()
            .filter_map(|error| match error {
                PrescriptionError::OutOfRange { field, .. } => Some(*field),
                _ => None,
            })
            .collect();
        assert_eq!(fields, [Field::Hold, Field::Reps(ExerciseKind::Endurance)]);
    }

    #[test]
    fn after_a_prescribed_hold_she_still_chooses_only_within_the_programme() {
        // Which hold is current (the latest) is the hold history's; see the HTTP tests.
        let programme = brochure();
        let physio = HoldCounts::choose(&programme, HoldSetter::Physiotherapist, 12);
        assert_eq!(physio.map(HoldCounts::counts), Ok(12));
        // Her own choice afterwards stays within 3..10, never the physiotherapist's wider range.
        assert!(HoldCounts::choose(&programme, HoldSetter::Mother, 12).is_err());
        assert!(HoldCounts::choose(&programme, HoldSetter::Mother, 8).is_ok());
        // A prescription never widens her range: the effective programme keeps the file's.
        let effective = apply(&prescribed(&[("endurance.reps", "12")]));
        assert_eq!((effective.hold.min, effective.hold.max), (3, 10));
    }
}
