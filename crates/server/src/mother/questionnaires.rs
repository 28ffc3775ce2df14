//! Her questionnaires: the page of one (in her language, every item as a fieldset she answers
//! with big radio buttons or a number), her answers checked by core and kept as a FHIR
//! `QuestionnaireResponse` with the instrument's score, and "not now" for an occasion Today
//! offers.
//!
//! `enableWhen` is applied on the server, so the page works without JavaScript: every item shows;
//! an answer to an item that does not apply given an earlier answer (the amount, after "I do not
//! leak") is refused with a word on why, and the page comes back without it, the rest of what she
//! chose kept. Nothing is stored until every answer fits. Answering is never required for
//! anything else in the app.

use crate::http::error::PageError;
use crate::http::visitor::Mother;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::view::{Chrome, render, today_of, zone_of};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hangmat_core::BirthDate;
use hangmat_core::questionnaire::{AnswerError, Expected, Item, ItemKind, Operator, Questionnaire};
use hangmat_core::timeline::{local_date, postpartum_day};
use hangmat_store::{SkippedOccasion, StoredResponse};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One answer option as a radio button.
pub struct OptionView {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// One item of the form.
pub struct ItemView {
    pub link_id: String,
    pub text: String,
    /// `display`, `boolean`, `integer` or `choice`.
    pub kind: &'static str,
    pub required: bool,
    /// It applies only after some answers above (`enableWhen`): said beside its question, so
    /// that without JavaScript she knows she may leave it.
    pub conditional: Option<String>,
    pub options: Vec<OptionView>,
    /// What she typed in a number field.
    pub value: String,
    pub min: String,
    pub max: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "mother/questionnaire.html")]
struct QuestionnairePage {
    chrome: Chrome,
    t: Tr,
    id: String,
    wording: Option<String>,
    response_id: String,
    items: Vec<ItemView>,
    refused: bool,
}

/// The questionnaire of `id`, or a 404 page.
fn find(state: &AppState, id: &str) -> Result<Arc<Questionnaire>, PageError> {
    state
        .questionnaires()
        .get(id)
        .cloned()
        .ok_or(PageError::NotFound)
}

pub async fn show(
    State(state): State<AppState>,
    mother: Mother,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let questionnaire = find(&state, &id)?;
    let response_id = state.random().uuid_v4().to_string();
    Ok(page(
        &state,
        &mother,
        &questionnaire,
        response_id,
        &BTreeMap::new(),
        &BTreeMap::new(),
    ))
}

/// Her answers: stored when every one fits, else the page again with her input and a word per
/// item, nothing stored.
pub async fn answer(
    State(state): State<AppState>,
    mother: Mother,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let questionnaire = find(&state, &id)?;
    let sent: BTreeMap<String, String> = fields.into_iter().collect();
    let response_id = sent
        .get("response_id")
        .and_then(|text| uuid::Uuid::parse_str(text.trim()).ok())
        .unwrap_or_else(|| state.random().uuid_v4());
    let answers = match questionnaire.check(&sent) {
        Ok(answers) => answers,
        Err(errors) => {
            return Ok(page(
                &state,
                &mother,
                &questionnaire,
                response_id.to_string(),
                &sent,
                &errors,
            ));
        }
    };
    let now = state.now();
    let zone = zone_of(&state, &mother.profile);
    let response = StoredResponse {
        id: response_id,
        questionnaire: questionnaire.id.clone(),
        occasion: open_occasion(&state, &mother, &questionnaire.id).await?,
        authored_at: now,
        local_date: local_date(now, &zone),
        score: questionnaire.score(&answers),
        response: questionnaire
            .response(&answers, &now.to_string(), mother.lang.code())
            .to_string(),
    };
    state
        .store()
        .save_questionnaire_response(mother.profile.id, &response, now)
        .await?;
    Ok(Redirect::to(&format!("/progress#scores-{}", questionnaire.id)).into_response())
}

/// "Not now": the occasion Today offers is put off (the next one comes in its time).
pub async fn not_now(
    State(state): State<AppState>,
    mother: Mother,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let questionnaire = find(&state, &id)?;
    if let Some(occasion) = open_occasion(&state, &mother, &questionnaire.id).await? {
        let skipped = SkippedOccasion {
            questionnaire: questionnaire.id.clone(),
            occasion,
            at: state.now(),
        };
        state
            .store()
            .skip_questionnaire_occasion(mother.profile.id, &skipped)
            .await?;
    }
    Ok(Redirect::to("/today").into_response())
}

/// The programme's occasion of questionnaire `id` open today that she has neither answered nor
/// put off, if any.
pub async fn open_occasion(
    state: &AppState,
    mother: &Mother,
    id: &str,
) -> Result<Option<u32>, PageError> {
    let Some(offer) = state.programme().questionnaires.iter().find(|o| o.id == id) else {
        return Ok(None);
    };
    let today = today_of(state, &mother.profile);
    let day = postpartum_day(BirthDate::from_stored(mother.profile.birth_date), today);
    let Some(occasion) = offer.occasion_on(i64::from(day)) else {
        return Ok(None);
    };
    let closed = state
        .store()
        .closed_questionnaire_occasions(mother.profile.id, id)
        .await?;
    Ok((!closed.contains(&occasion)).then_some(occasion))
}

/// The questionnaires open on her Today: (id, title), in the programme's order.
pub async fn due(state: &AppState, mother: &Mother) -> Result<Vec<(String, String)>, PageError> {
    let mut due = Vec::new();
    for offer in &state.programme().questionnaires {
        let Some(questionnaire) = state.questionnaires().get(&offer.id) else {
            continue;
        };
        if open_occasion(state, mother, &offer.id).await?.is_some() {
            due.push((
                offer.id.clone(),
                questionnaire.title.get(mother.lang.code()).to_owned(),
            ));
        }
    }
    Ok(due)
}

fn page(
    state: &AppState,
    mother: &Mother,
    questionnaire: &Questionnaire,
    response_id: String,
    sent: &BTreeMap<String, String>,
    errors: &BTreeMap<String, AnswerError>,
) -> Response {
    let t = mother.t();
    let mut chrome = Chrome::new(state, mother.lang, "questionnaire-page-title", "", true);
    chrome.title = questionnaire.title.get(mother.lang.code()).to_owned();
    let items = item_views(&t, questionnaire, sent, errors);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    render(
        status,
        &QuestionnairePage {
            chrome,
            id: questionnaire.id.clone(),
            wording: questionnaire
                .wording
                .as_ref()
                .map(|w| w.get(mother.lang.code()).to_owned()),
            response_id,
            items,
            refused: !errors.is_empty(),
            t,
        },
    )
}

/// The items as the form shows them, with what she sent (an answer to an item that does not
/// apply is dropped: the page comes back without it) and a word on each refused answer.
fn item_views(
    t: &Tr,
    questionnaire: &Questionnaire,
    sent: &BTreeMap<String, String>,
    errors: &BTreeMap<String, AnswerError>,
) -> Vec<ItemView> {
    let language = t.lang.code();
    questionnaire
        .items
        .iter()
        .map(|item| {
            let error = errors.get(&item.link_id);
            let given = match error {
                Some(AnswerError::NotEnabled) => "",
                _ => sent.get(&item.link_id).map_or("", |text| text.trim()),
            };
            let (kind, options, min, max) = match &item.kind {
                ItemKind::Display => ("display", Vec::new(), None, None),
                ItemKind::Boolean => (
                    "boolean",
                    [("true", "questionnaire-yes"), ("false", "questionnaire-no")]
                        .iter()
                        .map(|(value, label)| OptionView {
                            value: (*value).to_owned(),
                            label: t.get(label),
                            checked: given == *value,
                        })
                        .collect(),
                    None,
                    None,
                ),
                ItemKind::Integer { min, max } => ("integer", Vec::new(), *min, *max),
                ItemKind::Choice { options } => (
                    "choice",
                    options
                        .iter()
                        .map(|option| OptionView {
                            value: option.code.clone(),
                            label: option.display.get(language).to_owned(),
                            checked: given == option.code,
                        })
                        .collect(),
                    None,
                    None,
                ),
            };
            ItemView {
                link_id: item.link_id.clone(),
                text: item.text.get(language).to_owned(),
                kind,
                required: item.required,
                conditional: conditional_hint(t, questionnaire, item),
                options,
                value: if kind == "integer" {
                    given.to_owned()
                } else {
                    String::new()
                },
                min: min.map(|m| m.to_string()).unwrap_or_default(),
                max: max.map(|m| m.to_string()).unwrap_or_default(),
                error: error.map(|error| error_text(t, *error, min, max)),
            }
        })
        .collect()
}

fn error_text(t: &Tr, error: AnswerError, min: Option<i64>, max: Option<i64>) -> String {
    match error {
        AnswerError::Missing => t.get("questionnaire-error-missing"),
        AnswerError::NotAnOption => t.get("questionnaire-error-not-an-option"),
        AnswerError::NotANumber => t.get("questionnaire-error-not-a-number"),
        AnswerError::TooSmall => t.args(
            "questionnaire-error-too-small",
            &[("min", min.unwrap_or_default().into())],
        ),
        AnswerError::TooLarge => t.args(
            "questionnaire-error-too-large",
            &[("max", max.unwrap_or_default().into())],
        ),
        AnswerError::NotYesOrNo => t.get("questionnaire-error-not-yes-or-no"),
        AnswerError::NotEnabled => t.get("questionnaire-error-not-enabled"),
    }
}

/// What the page says beside an item that applies only after some answers: "leave this if you
/// chose X above" where one answer rules it out, else a general word.
fn conditional_hint(t: &Tr, questionnaire: &Questionnaire, item: &Item) -> Option<String> {
    let [condition] = item.enable_when.as_slice() else {
        return (!item.enable_when.is_empty()).then(|| t.get("questionnaire-conditional"));
    };
    let ruled_out = match (&condition.operator, &condition.expected) {
        (Operator::NotEqual, Expected::Code(code)) => questionnaire
            .item(&condition.question)
            .and_then(|question| match &question.kind {
                ItemKind::Choice { options } => options.iter().find(|o| o.code == *code),
                _ => None,
            })
            .map(|option| option.display.get(t.lang.code()).to_owned()),
        _ => None,
    };
    Some(match ruled_out {
        Some(answer) => t.text("questionnaire-skip-if", "answer", &answer),
        None => t.get("questionnaire-conditional"),
    })
}
