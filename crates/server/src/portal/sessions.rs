//! `/portal/mothers/{link}/sessions`: her physiotherapy sessions (the programme file's number of
//! them): the list, and the form that records or corrects one. Core checks each session
//! (`physio_session::check_physio_session`).

use super::care::{PortalContext, SavedQuery, by, context, practice_today};
use crate::http::error::PageError;
use crate::i18n::Tr;
use crate::portal::staff::LinkedMother;
use crate::state::AppState;
use crate::view::{Chrome, full_date_label, render};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hangmat_core::physio_session::{
    Contraction, PhysioSession, PhysioSessionError, PhysioSessionInput, check_physio_session,
    session_count,
};
use hangmat_core::programme::Programme;
use hangmat_store::{PhysioSessionRecord, ProfileId, StaffRef, StoreError, StoreResult};
use jiff::civil::Date;
use std::collections::BTreeMap;

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
        date: full_date_label(t, session.date),
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
}

/// One choice of a row of buttons (the Oxford grade): its value, its name, whether chosen.
pub struct Choice {
    pub value: String,
    pub name: String,
    pub checked: bool,
}

/// The form's fields with what they hold: the contraction's faults, the yes/no questions, the
/// Oxford grades, PERFECT's E, R and F, and pain.
struct FormFields {
    /// (value, label, checked)
    faults: Vec<(&'static str, String, bool)>,
    questions: Vec<Question>,
    oxford: Vec<Choice>,
    perfect: Vec<Scale>,
    pain: Scale,
}

fn form_fields(t: &Tr, input: &PhysioSessionInput) -> FormFields {
    use hangmat_core::physio_session::{ContractionFault, OxfordGrade, PAIN_MAX, PERFECT_MAX};
    let scale = |name, label: &str, value: &String, max| Scale {
        name,
        label: t.get(label),
        value: value.clone(),
        max,
    };
    let question = |name, label: &str, value: &String| Question {
        name,
        label: t.get(label),
        value: value.clone(),
    };
    let not_assessed = Choice {
        value: String::new(),
        name: t.get("care-portal-answer-unknown"),
        checked: input.oxford.is_empty(),
    };
    FormFields {
        faults: ContractionFault::ALL
            .into_iter()
            .map(|fault| {
                let value = fault.as_str();
                let label = t.get(&format!("care-fault-{value}"));
                (value, label, input.faults.iter().any(|f| f == value))
            })
            .collect(),
        questions: vec![
            question("can_relax", "care-portal-can-relax", &input.can_relax),
            question("knack_on_cough", "care-portal-knack", &input.knack_on_cough),
        ],
        oxford: std::iter::once(not_assessed)
            .chain(OxfordGrade::all().map(|grade| Choice {
                value: grade.value().to_string(),
                name: t.get(&format!("care-oxford-{}", grade.value())),
                checked: input.oxford.trim() == grade.value().to_string(),
            }))
            .collect(),
        perfect: vec![
            scale(
                "endurance_seconds",
                "care-portal-perfect-e",
                &input.endurance_seconds,
                PERFECT_MAX,
            ),
            scale(
                "repetitions",
                "care-portal-perfect-r",
                &input.repetitions,
                PERFECT_MAX,
            ),
            scale("fast", "care-portal-perfect-f", &input.fast, PERFECT_MAX),
        ],
        pain: scale("pain", "care-portal-pain", &input.pain, PAIN_MAX),
    }
}

#[derive(Template)]
#[template(path = "portal/care_sessions.html")]
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
    fields: FormFields,
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
    Ok(SessionsPage {
        done_line: sessions_done_line(&t, programme, records.len()),
        rows: records
            .iter()
            .map(|record| session_row(&t, record))
            .collect(),
        numbers: session_numbers(programme, &records),
        today: today.to_string(),
        saved: saved.map(|number| t.num("care-portal-session-saved", "number", number)),
        fields: form_fields(&t, &input),
        input,
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

/// `GET …/sessions`: the list and the form (`?number=N` corrects a recorded one).
pub async fn show(
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
pub async fn save(
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

/// The portal list's "sessions done" cell: "3 / 9" (the number from the programme file).
pub fn sessions_done_cell(programme: &Programme, done: u32) -> String {
    format!("{done} / {}", session_count(programme))
}
