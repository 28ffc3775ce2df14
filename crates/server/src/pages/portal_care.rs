//! The physiotherapist's side of one mother's care: her programme editor with the history of every
//! change, her physiotherapy sessions (the programme file's number of them), and a printable
//! one-page summary for the medical record.
//!
//! The handlers here only translate: the form's values go to core (`prescription::from_editor`,
//! `physio_session::check_physio_session`), which decides what is valid and what changed; the store
//! keeps it with who and when. Nothing here changes a value by itself.

use crate::app::AppState;
use crate::care::{field_label, value_text};
use crate::error::PageError;
use crate::i18n::Tr;
use crate::pages::{Chrome, date_label, moment_label, practice_zone, render};
use crate::staff::LinkedMother;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
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
use serde::Deserialize;
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
            HistoryRow {
                when: moment_label(t, recorded.at, zone),
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
    local_date(state.now(), &practice_zone(state))
}

/// Where a care page lives, from the portal's extractors.
pub struct PortalContext {
    pub chrome: Chrome,
    pub t: Tr,
    pub profile: ProfileId,
    /// The physiotherapist's own label for her.
    pub label: String,
    /// `/portal/mothers/{link}`.
    pub mother_url: String,
}

#[derive(Template)]
#[template(path = "portal_care_programme.html")]
pub struct ProgrammePage {
    chrome: Chrome,
    t: Tr,
    label: String,
    mother_url: String,
    saved: Option<String>,
    form_error: Option<String>,
    sections: Vec<Section>,
    history: Vec<HistoryRow>,
}

/// The programme editor: her effective values (or what was typed) and the whole history.
pub async fn programme_page(
    state: &AppState,
    context: PortalContext,
    saved: Option<usize>,
    typed: Option<&[(String, String)]>,
    errors: &BTreeMap<String, String>,
) -> StoreResult<ProgrammePage> {
    let t = context.t;
    let file = state.programme();
    let effective = crate::care::effective_programme(state, context.profile).await?;
    let hold = state
        .store()
        .current_hold(context.profile)
        .await?
        .map_or(file.hold.start, |change| change.hold_counts);
    let zone = practice_zone(state);
    Ok(ProgrammePage {
        sections: editor_sections(&t, file, &effective, hold, typed, errors),
        history: history_rows(state, &t, context.profile, &zone).await?,
        saved: saved.map(|count| t.num("care-portal-programme-saved", "count", count as u32)),
        form_error: errors.get("exercises").cloned(),
        chrome: context.chrome,
        t,
        label: context.label,
        mother_url: context.mother_url,
    })
}

/// A yes / no / not assessed question of the session form.
pub struct Question {
    pub name: &'static str,
    pub label: String,
    pub value: String,
}

/// A 0-to-max number of the session form.
pub struct Scale {
    pub name: &'static str,
    pub label: String,
    pub value: String,
    pub max: u8,
    pub hint: Option<String>,
}

#[derive(Template)]
#[template(path = "portal_care_sessions.html")]
pub struct SessionsPage {
    chrome: Chrome,
    t: Tr,
    label: String,
    mother_url: String,
    saved: Option<String>,
    done_line: String,
    rows: Vec<SessionRow>,
    numbers: Vec<(u32, bool)>,
    today: String,
    input: PhysioSessionInput,
    /// (value, label, checked)
    faults: Vec<(&'static str, String, bool)>,
    questions: Vec<Question>,
    scales: Vec<Scale>,
    errors: BTreeMap<String, String>,
}

impl SessionsPage {
    /// The message beside a field of the form, if it was refused.
    fn error(&self, field: &str) -> Option<&String> {
        self.errors.get(field)
    }
}

/// The sessions list and the form: a new record (the next number), a stored one to correct
/// (`number`), or what was typed when it was refused.
pub async fn sessions_page(
    state: &AppState,
    context: PortalContext,
    number: Option<u32>,
    typed: Option<PhysioSessionInput>,
    errors: BTreeMap<String, String>,
    saved: Option<u32>,
) -> StoreResult<SessionsPage> {
    let t = context.t;
    let programme = state.programme();
    let records = state.store().physio_sessions(context.profile).await?;
    let today = practice_today(state);
    let input = typed.unwrap_or_else(|| {
        let number = number
            .filter(|n| (1..=session_count(programme)).contains(n))
            .unwrap_or_else(|| next_session_number(programme, &records));
        let stored = records
            .iter()
            .find(|record| record.session.number == number)
            .map(|record| &record.session);
        session_input(stored, number, today)
    });
    let faults = hangmat_core::physio_session::ContractionFault::ALL
        .into_iter()
        .map(|fault| {
            (
                fault.as_str(),
                t.get(&format!("care-fault-{}", fault.as_str())),
                input.faults.iter().any(|f| f == fault.as_str()),
            )
        })
        .collect();
    let questions = vec![
        Question {
            name: "can_relax",
            label: t.get("care-portal-can-relax"),
            value: input.can_relax.clone(),
        },
        Question {
            name: "knack_on_cough",
            label: t.get("care-portal-knack"),
            value: input.knack_on_cough.clone(),
        },
    ];
    let scale = |name, label: String, value: &String, max, hint| Scale {
        name,
        label,
        value: value.clone(),
        max,
        hint,
    };
    let scales = vec![
        scale(
            "oxford",
            t.get("care-portal-oxford"),
            &input.oxford,
            hangmat_core::physio_session::OxfordGrade::MAX,
            Some(t.get("care-portal-oxford-grades")),
        ),
        scale(
            "endurance_seconds",
            t.get("care-portal-perfect-e"),
            &input.endurance_seconds,
            hangmat_core::physio_session::PERFECT_MAX,
            Some(t.get("care-portal-perfect")),
        ),
        scale(
            "repetitions",
            t.get("care-portal-perfect-r"),
            &input.repetitions,
            hangmat_core::physio_session::PERFECT_MAX,
            None,
        ),
        scale(
            "fast",
            t.get("care-portal-perfect-f"),
            &input.fast,
            hangmat_core::physio_session::PERFECT_MAX,
            None,
        ),
        scale(
            "pain",
            t.get("care-portal-pain"),
            &input.pain,
            hangmat_core::physio_session::PAIN_MAX,
            None,
        ),
    ];
    Ok(SessionsPage {
        done_line: sessions_done_line(&t, programme, records.len()),
        rows: records
            .iter()
            .map(|record| session_row(&t, record))
            .collect(),
        numbers: session_numbers(programme, &records),
        today: today.to_string(),
        saved: saved.map(|number| t.num("care-portal-session-saved", "number", number)),
        input,
        faults,
        questions,
        scales,
        errors,
        chrome: context.chrome,
        t,
        label: context.label,
        mother_url: context.mother_url,
    })
}

/// "3 of 9 sessions recorded" (the number from the programme file).
pub fn sessions_done_line(t: &Tr, programme: &Programme, done: usize) -> String {
    t.args(
        "care-portal-sessions-count",
        &[
            ("done", (done as i64).into()),
            ("total", i64::from(session_count(programme)).into()),
        ],
    )
}

#[derive(Template)]
#[template(path = "portal_care_summary.html")]
pub struct SummaryPage {
    chrome: Chrome,
    t: Tr,
    label: String,
    mother_url: String,
    day_line: String,
    hold_line: String,
    programme_lines: Vec<String>,
    changes: Vec<HistoryRow>,
    adherence_title: String,
    days_reached_line: String,
    sessions_line: String,
    done_line: String,
    sessions: Vec<SessionRow>,
    footer: String,
}

/// Days of adherence the summary covers.
pub const SUMMARY_DAYS: u32 = 28;

/// The one-page summary for the medical record: her programme and its changes, adherence over
/// the last four weeks, the physiotherapy sessions with Oxford and PERFECT.
pub async fn summary_page(state: &AppState, context: PortalContext) -> StoreResult<SummaryPage> {
    use hangmat_core::progress::recent_days;
    let t = context.t;
    let store = state.store();
    let Some(profile) = store.profile(context.profile).await? else {
        return Err(StoreError::Corrupt(
            "a linked profile without a profile row".into(),
        ));
    };
    let zone = crate::pages::zone_of(state, &profile);
    let today = local_date(state.now(), &zone);
    let effective = crate::care::effective_programme(state, profile.id).await?;
    let hold = store
        .current_hold(profile.id)
        .await?
        .map_or(state.programme().hold.start, |change| change.hold_counts);
    let plan = hangmat_core::timeline::day_plan(
        &effective,
        hangmat_core::BirthDate::from_stored(profile.birth_date),
        today,
    );
    let mut programme_lines = Vec::new();
    for field in editor_fields() {
        let value = effective_value(&effective, hold, field);
        if matches!(field, Field::Reps(_) | Field::Contract(_) | Field::Relax(_))
            && section_of(field).is_some_and(|kind| effective.exercise(kind).is_none())
        {
            continue;
        }
        programme_lines.push(format!(
            "{}: {}",
            field_label(&t, field),
            value_text(&t, field, &value, true)
        ));
    }
    let first = today
        .checked_sub(jiff::Span::new().days(i64::from(SUMMARY_DAYS - 1)))
        .unwrap_or(today);
    let tallies = store.day_tallies(profile.id, first, today).await?;
    let days = recent_days(today, &tallies, SUMMARY_DAYS);
    let target = effective.schedule.daily_contraction_target;
    let reached = days.iter().filter(|day| day.reached(target)).count();
    let records = store.physio_sessions(profile.id).await?;
    let practice_zone = practice_zone(state);
    Ok(SummaryPage {
        day_line: t.num("today-day", "day", plan.day),
        hold_line: t.num("care-portal-summary-hold", "counts", hold),
        programme_lines,
        changes: history_rows(state, &t, profile.id, &practice_zone).await?,
        adherence_title: t.num("care-portal-summary-adherence", "days", SUMMARY_DAYS),
        days_reached_line: t.args(
            "care-portal-summary-days-reached",
            &[
                ("reached", (reached as i64).into()),
                ("days", i64::from(SUMMARY_DAYS).into()),
            ],
        ),
        sessions_line: t.args(
            "care-portal-summary-sessions",
            &[
                (
                    "sessions",
                    i64::from(days.iter().map(|d| d.sessions).sum::<u32>()).into(),
                ),
                (
                    "contractions",
                    i64::from(days.iter().map(|d| d.contractions()).sum::<u32>()).into(),
                ),
                ("target", i64::from(target).into()),
            ],
        ),
        done_line: sessions_done_line(&t, state.programme(), records.len()),
        sessions: records
            .iter()
            .map(|record| session_row(&t, record))
            .collect(),
        footer: t.text(
            "care-portal-summary-footer",
            "date",
            &date_label(&t, practice_today(state)),
        ),
        chrome: context.chrome,
        t,
        label: context.label,
        mother_url: context.mother_url,
    })
}

// --- Routes: /portal/mothers/{link}/programme, /sessions, /summary. The LinkedMother extractor
// has asked the policy and written the audit line before any of these runs.

fn context(state: &AppState, linked: &LinkedMother, title_id: &str) -> PortalContext {
    let t = linked.staff.t();
    PortalContext {
        chrome: Chrome::new(state, linked.staff.lang, title_id, "", false),
        t,
        profile: linked.profile,
        label: linked.label.clone(),
        mother_url: format!("/portal/mothers/{}", linked.link.0),
    }
}

fn by(linked: &LinkedMother) -> StaffRef {
    StaffRef {
        id: linked.staff.id.0,
        display_name: linked.staff.display_name.clone(),
    }
}

#[derive(Debug, Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    saved: Option<u32>,
    #[serde(default)]
    number: Option<u32>,
}

/// `GET …/programme`: the editor and the history.
pub async fn show_programme(
    State(state): State<AppState>,
    linked: LinkedMother,
    Query(query): Query<SavedQuery>,
) -> Result<Response, PageError> {
    let context = context(&state, &linked, "care-portal-programme-title");
    let saved = query.saved.map(|n| n as usize);
    let page = programme_page(&state, context, saved, None, &BTreeMap::new()).await?;
    Ok(render(StatusCode::OK, &page))
}

/// `POST …/programme`: saves the editor; a refused value keeps what was typed, stores nothing.
pub async fn save_programme_form(
    State(state): State<AppState>,
    linked: LinkedMother,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let t = linked.staff.t();
    match save_programme(&state, &t, linked.profile, by(&linked), &form).await? {
        ProgrammeSaved::Changed(count) => Ok(Redirect::to(&format!(
            "/portal/mothers/{}/programme?saved={count}",
            linked.link.0
        ))
        .into_response()),
        ProgrammeSaved::Refused(errors) => {
            let context = context(&state, &linked, "care-portal-programme-title");
            let page = programme_page(&state, context, None, Some(&form), &errors).await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
    }
}

/// `GET …/sessions`: the list and the form (`?number=N` corrects a recorded one).
pub async fn show_sessions(
    State(state): State<AppState>,
    linked: LinkedMother,
    Query(query): Query<SavedQuery>,
) -> Result<Response, PageError> {
    let context = context(&state, &linked, "care-portal-sessions-title");
    let page = sessions_page(
        &state,
        context,
        query.number,
        None,
        BTreeMap::new(),
        query.saved,
    )
    .await?;
    Ok(render(StatusCode::OK, &page))
}

/// `POST …/sessions`: records (or corrects) one physiotherapy session.
pub async fn save_session_form(
    State(state): State<AppState>,
    linked: LinkedMother,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let t = linked.staff.t();
    let input = session_form(&form);
    let today = practice_today(&state);
    match save_session(&state, &t, linked.profile, by(&linked), &input, today).await? {
        Ok(number) => Ok(Redirect::to(&format!(
            "/portal/mothers/{}/sessions?saved={number}",
            linked.link.0
        ))
        .into_response()),
        Err(errors) => {
            let context = context(&state, &linked, "care-portal-sessions-title");
            let page = sessions_page(&state, context, None, Some(input), errors, None).await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
    }
}

/// `GET …/summary`: the printable one-page summary.
pub async fn show_summary(
    State(state): State<AppState>,
    linked: LinkedMother,
) -> Result<Response, PageError> {
    let context = context(&state, &linked, "care-portal-summary-title");
    let page = summary_page(&state, context).await?;
    Ok(render(StatusCode::OK, &page))
}

/// The portal list's "sessions done" cell: "3 / 9" (the number from the programme file).
pub fn sessions_done_cell(programme: &Programme, done: u32) -> String {
    format!("{done} / {}", session_count(programme))
}
