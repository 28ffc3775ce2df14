//! The physiotherapist's side of one mother's care: her programme editor with the history of every
//! change, her physiotherapy sessions (the programme file's number of them), and a printable
//! one-page summary for the medical record.
//!
//! The handlers here only translate: the form's values go to core (`prescription::from_editor`,
//! `physio_session::check_physio_session`), which decides what is valid and what changed; the store
//! keeps it with who and when. Nothing here changes a value by itself.

use crate::app::AppState;
use crate::care::{field_label, value_text};
use crate::i18n::Tr;
use crate::pages::date_label;
use hangmat_core::physio_session::{
    Contraction, PhysioSession, PhysioSessionError, PhysioSessionInput, check_physio_session,
    session_count,
};
use hangmat_core::prescription::{
    Field, Prescription, PrescriptionError, Value, diff, effective_value, from_editor,
};
use hangmat_core::programme::{ExerciseKind, KNOWN_POSITIONS, Programme};
use hangmat_core::timeline::local_date;
use hangmat_store::{
    PhysioSessionRecord, PrescriptionUpdate, ProfileId, StaffRef, StoreError, StoreResult,
};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use std::collections::BTreeMap;

/// A position checkbox of the editor.
pub struct PositionBox {
    pub id: &'static str,
    pub name: String,
    pub checked: bool,
}

/// How a field is typed in the editor.
pub enum Input {
    Count { value: String, min: u32, max: u32 },
    Included { checked: bool },
    Positions(Vec<PositionBox>),
}

/// One field of the editor: its name, what she has now, what the programme file says.
pub struct FieldRow {
    pub key: String,
    pub label: String,
    pub input: Input,
    pub file_value: String,
    pub error: Option<String>,
}

/// A group of fields: her programme as a whole, then one per exercise kind.
pub struct Section {
    pub title: String,
    pub rows: Vec<FieldRow>,
}

/// One recorded change, as the history table shows it.
pub struct HistoryRow {
    pub when: String,
    pub who: String,
    pub what: String,
    pub old: String,
    pub new: String,
}

/// The editor's fields, in order: the hold, sessions a day, positions, then each exercise kind.
fn editor_fields() -> Vec<Field> {
    Field::all()
        .into_iter()
        .filter(|field| !matches!(field, Field::Contract(kind) if kind.uses_hold()))
        .collect()
}

fn section_of(field: Field) -> Option<ExerciseKind> {
    match field {
        Field::Hold | Field::SetsPerDay | Field::Positions => None,
        Field::Included(kind) | Field::Reps(kind) | Field::Contract(kind) | Field::Relax(kind) => {
            Some(kind)
        }
    }
}

/// What the editor shows: her effective values (or what was typed), with errors beside fields.
pub fn editor_sections(
    t: &Tr,
    file: &Programme,
    effective: &Programme,
    hold: u32,
    typed: Option<&[(String, String)]>,
    errors: &BTreeMap<String, String>,
) -> Vec<Section> {
    let typed_value = |key: &str| {
        typed.map(|pairs| {
            pairs
                .iter()
                .filter(|(name, _)| name == key)
                .map(|(_, value)| value.as_str())
                .collect::<Vec<_>>()
        })
    };
    let mut sections: Vec<Section> = vec![Section {
        title: t.get("care-portal-programme-general"),
        rows: Vec::new(),
    }];
    for field in editor_fields() {
        let key = field.key();
        let current = effective_value(effective, hold, field);
        let shown = typed_value(&key);
        let input = match (&current, field.limits()) {
            (Value::Count(count), Some((min, max))) => Input::Count {
                value: shown
                    .and_then(|values| values.first().map(|v| (*v).to_owned()))
                    .unwrap_or_else(|| count.to_string()),
                min,
                max,
            },
            (Value::Included(included), _) => Input::Included {
                checked: shown.map_or(*included, |values| values.contains(&"yes")),
            },
            (Value::Positions(positions), _) => Input::Positions(
                KNOWN_POSITIONS
                    .iter()
                    .map(|&id| PositionBox {
                        id,
                        name: t.get(&format!("position-{id}")),
                        checked: shown
                            .as_ref()
                            .map_or(positions.iter().any(|p| p == id), |values| {
                                values.contains(&id)
                            }),
                    })
                    .collect(),
            ),
            (Value::Count(count), None) => Input::Count {
                value: count.to_string(),
                min: 0,
                max: 0,
            },
        };
        let row = FieldRow {
            label: field_label(t, field),
            file_value: value_text(t, field, &effective_value(file, hold, field), true),
            error: errors.get(&key).cloned(),
            key,
            input,
        };
        match section_of(field) {
            None => sections[0].rows.push(row),
            Some(kind) => {
                let title = t.get(&format!("exercise-{}", kind.as_str()));
                match sections.iter_mut().find(|section| section.title == title) {
                    Some(section) => section.rows.push(row),
                    None => sections.push(Section {
                        title,
                        rows: vec![row],
                    }),
                }
            }
        }
    }
    sections
}

/// Her whole history of changes, newest first, in the physiotherapist's language.
pub async fn history_rows(
    state: &AppState,
    t: &Tr,
    profile: ProfileId,
    zone: &TimeZone,
) -> StoreResult<Vec<HistoryRow>> {
    let history = state.store().prescription_history(profile, 500).await?;
    Ok(history
        .iter()
        .map(|recorded| {
            let field = recorded.change.field;
            let local = zone.to_datetime(recorded.at);
            HistoryRow {
                when: format!(
                    "{} {:02}:{:02}",
                    date_label(t, local.date()),
                    local.hour(),
                    local.minute()
                ),
                who: recorded.by.display_name.clone(),
                what: field_label(t, field),
                old: value_text(t, field, &recorded.change.old, true),
                new: value_text(t, field, &recorded.change.new, true),
            }
        })
        .collect())
}

/// Why the editor refused a value, in the physiotherapist's language.
fn prescription_message(t: &Tr, error: &PrescriptionError) -> String {
    match error {
        PrescriptionError::OutOfRange { min, max, .. } => t.args(
            "care-error-range",
            &[
                ("min", i64::from(*min).into()),
                ("max", i64::from(*max).into()),
            ],
        ),
        PrescriptionError::NoPosition
        | PrescriptionError::UnknownPosition(_)
        | PrescriptionError::DuplicatePosition(_) => t.get("care-error-positions"),
        PrescriptionError::NoExercise => t.get("care-error-exercises"),
        PrescriptionError::WrongKind(_) | PrescriptionError::NotASetting(_) => {
            t.get("care-error-number")
        }
    }
}

/// What a save of the editor did.
pub enum ProgrammeSaved {
    /// Saved; how many fields changed (0: nothing to record).
    Changed(usize),
    /// Refused: a message per field key; nothing was stored.
    Refused(BTreeMap<String, String>),
}

/// Saves the editor's form for her: core turns the values into a prescription and a diff against
/// what she has now; the store keeps both, with who and when, in one transaction.
pub async fn save_programme(
    state: &AppState,
    t: &Tr,
    profile: ProfileId,
    by: StaffRef,
    form: &[(String, String)],
) -> Result<ProgrammeSaved, StoreError> {
    let file = state.programme();
    let hold_before = state
        .store()
        .current_hold(profile)
        .await?
        .map_or(file.hold.start, |change| change.hold_counts);
    let mut errors = BTreeMap::new();
    let mut values = Vec::new();
    for field in editor_fields() {
        let key = field.key();
        let typed: Vec<&str> = form
            .iter()
            .filter(|(name, _)| *name == key)
            .map(|(_, value)| value.as_str())
            .collect();
        let value = match field {
            Field::Included(_) => Some(Value::Included(typed.contains(&"yes"))),
            Field::Positions => Some(Value::Positions(
                KNOWN_POSITIONS
                    .iter()
                    .filter(|id| typed.contains(id))
                    .map(|id| (*id).to_owned())
                    .collect(),
            )),
            _ => typed
                .first()
                .and_then(|text| text.trim().parse::<u32>().ok())
                .map(Value::Count),
        };
        match value {
            Some(value) => values.push((field, value)),
            None => {
                errors.insert(key, t.get("care-error-number"));
            }
        }
    }
    if !errors.is_empty() {
        return Ok(ProgrammeSaved::Refused(errors));
    }
    let (prescription, hold_after) = match from_editor(file, hold_before, &values) {
        Ok(result) => result,
        Err(refused) => {
            for error in &refused {
                errors
                    .entry(error.field_key())
                    .or_insert_with(|| prescription_message(t, error));
            }
            return Ok(ProgrammeSaved::Refused(errors));
        }
    };
    let before = state.store().prescription(profile).await?;
    let effective =
        |prescription: &Prescription| prescription.apply(file).unwrap_or_else(|_| file.clone());
    let changes = diff(
        &effective(&before),
        hold_before,
        &effective(&prescription),
        hold_after,
    );
    if changes.is_empty() {
        return Ok(ProgrammeSaved::Changed(0));
    }
    let update = PrescriptionUpdate {
        prescription,
        hold: (hold_after != hold_before).then_some(hold_after),
        changes,
        by,
        at: state.now(),
    };
    state.store().save_prescription(profile, &update).await?;
    Ok(ProgrammeSaved::Changed(update.changes.len()))
}

/// One recorded physiotherapy session, as the list and the summary show it.
pub struct SessionRow {
    pub number: u32,
    pub date: String,
    pub contraction: String,
    pub can_relax: String,
    pub knack: String,
    pub oxford: String,
    pub perfect: String,
    pub pain: String,
    pub notes: String,
    pub home_programme: String,
    pub recorded_by: String,
}

fn yes_no(t: &Tr, value: Option<bool>) -> String {
    match value {
        Some(true) => t.get("care-value-yes"),
        Some(false) => t.get("care-value-no"),
        None => "–".into(),
    }
}

fn contraction_text(t: &Tr, contraction: &Contraction) -> String {
    match contraction {
        Contraction::NotAssessed => "–".into(),
        Contraction::Correct => t.get("care-contraction-correct"),
        Contraction::Faults(faults) => faults
            .iter()
            .map(|fault| t.get(&format!("care-fault-{}", fault.as_str())))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

pub fn session_row(t: &Tr, record: &PhysioSessionRecord) -> SessionRow {
    let session = &record.session;
    SessionRow {
        number: session.number,
        date: date_label(t, session.date),
        contraction: contraction_text(t, &session.contraction),
        can_relax: yes_no(t, session.can_relax),
        knack: yes_no(t, session.knack_on_cough),
        oxford: session
            .oxford
            .map_or("–".into(), |grade| grade.value().to_string()),
        perfect: session.perfect_profile().unwrap_or_else(|| "–".into()),
        pain: session.pain.map_or("–".into(), |pain| format!("{pain}/10")),
        notes: session.notes.clone(),
        home_programme: session.home_programme.clone(),
        recorded_by: record.recorded_by.display_name.clone(),
    }
}

/// The session form's values: what was typed, or a stored record to correct, or a new one.
pub fn session_input(
    record: Option<&PhysioSession>,
    number: u32,
    today: Date,
) -> PhysioSessionInput {
    let Some(session) = record else {
        return PhysioSessionInput {
            number: number.to_string(),
            date: today.to_string(),
            ..PhysioSessionInput::default()
        };
    };
    let opt = |value: Option<u8>| value.map(|v| v.to_string()).unwrap_or_default();
    let answer = |value: Option<bool>| match value {
        Some(true) => "yes".to_owned(),
        Some(false) => "no".to_owned(),
        None => String::new(),
    };
    let (contraction, faults) = match &session.contraction {
        Contraction::NotAssessed => (String::new(), Vec::new()),
        Contraction::Correct => ("correct".to_owned(), Vec::new()),
        Contraction::Faults(faults) => (
            "faults".to_owned(),
            faults.iter().map(|f| f.as_str().to_owned()).collect(),
        ),
    };
    PhysioSessionInput {
        number: session.number.to_string(),
        date: session.date.to_string(),
        contraction,
        faults,
        can_relax: answer(session.can_relax),
        knack_on_cough: answer(session.knack_on_cough),
        oxford: opt(session.oxford.map(|grade| grade.value())),
        endurance_seconds: opt(session.perfect.endurance_seconds),
        repetitions: opt(session.perfect.repetitions),
        fast: opt(session.perfect.fast),
        pain: opt(session.pain),
        notes: session.notes.clone(),
        home_programme: session.home_programme.clone(),
    }
}

/// Reads the session form (repeated `faults` boxes included).
pub fn session_form(form: &[(String, String)]) -> PhysioSessionInput {
    let one = |name: &str| {
        form.iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    };
    PhysioSessionInput {
        number: one("number"),
        date: one("date"),
        contraction: one("contraction"),
        faults: form
            .iter()
            .filter(|(key, _)| key == "faults")
            .map(|(_, value)| value.clone())
            .collect(),
        can_relax: one("can_relax"),
        knack_on_cough: one("knack_on_cough"),
        oxford: one("oxford"),
        endurance_seconds: one("endurance_seconds"),
        repetitions: one("repetitions"),
        fast: one("fast"),
        pain: one("pain"),
        notes: one("notes"),
        home_programme: one("home_programme"),
    }
}

fn session_message(t: &Tr, error: &PhysioSessionError) -> String {
    match error {
        PhysioSessionError::Number { max } => t.num("care-error-session-number", "max", *max),
        PhysioSessionError::Date => t.get("care-error-date"),
        PhysioSessionError::DateInFuture => t.get("care-error-date-future"),
        PhysioSessionError::FaultsMissing => t.get("care-error-faults"),
        PhysioSessionError::OutOfRange { max, .. } => t.args(
            "care-error-range",
            &[("min", 0i64.into()), ("max", i64::from(*max).into())],
        ),
        PhysioSessionError::Choice(_) => t.get("care-error-choice"),
        PhysioSessionError::TooLong(_) => t.get("care-error-too-long"),
    }
}

/// Checks and keeps a session record; on refusal, a message per form field and nothing stored.
pub async fn save_session(
    state: &AppState,
    t: &Tr,
    profile: ProfileId,
    by: StaffRef,
    input: &PhysioSessionInput,
    today: Date,
) -> Result<Result<u32, BTreeMap<String, String>>, StoreError> {
    match check_physio_session(input, state.programme(), today) {
        Ok(session) => {
            let number = session.number;
            let record = PhysioSessionRecord {
                session,
                recorded_by: by,
                recorded_at: state.now(),
            };
            state.store().save_physio_session(profile, &record).await?;
            Ok(Ok(number))
        }
        Err(errors) => Ok(Err(errors
            .iter()
            .map(|error| (error.field().to_owned(), session_message(t, error)))
            .collect())),
    }
}

/// The session numbers the programme file allows, each with whether it is on record.
pub fn session_numbers(programme: &Programme, records: &[PhysioSessionRecord]) -> Vec<(u32, bool)> {
    (1..=session_count(programme))
        .map(|number| {
            (
                number,
                records.iter().any(|record| record.session.number == number),
            )
        })
        .collect()
}

/// The first session number not on record yet (the last one when all are).
pub fn next_session_number(programme: &Programme, records: &[PhysioSessionRecord]) -> u32 {
    session_numbers(programme, records)
        .into_iter()
        .find(|(_, done)| !done)
        .map_or(session_count(programme).max(1), |(number, _)| number)
}

/// A local date in the deployment's zone, for the portal (its physiotherapist's practice).
pub fn practice_today(state: &AppState) -> Date {
    let zone = TimeZone::get(&state.config().deployment.default_time_zone).unwrap_or(TimeZone::UTC);
    local_date(state.now(), &zone)
}
