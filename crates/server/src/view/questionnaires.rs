//! Her questionnaire scores over time, as her Progress and the portal's page of her show them: per
//! questionnaire a bar per response and a table with the date, her answers in words and the
//! instrument's own score. Only the portal adds the instrument's band (the physiotherapist reads
//! it; her page shows the published sum and her answers, no label, clinical-notes.md).

use crate::i18n::Tr;
use crate::state::AppState;
use crate::view::{charts, date_label};
use hangmat_core::questionnaire::{Answer, ItemKind, Questionnaire};
use hangmat_store::{Profile, StoreResult, StoredResponse};

/// One response in the table.
pub struct ScoreRow {
    pub date: String,
    pub answers: String,
    pub score: String,
    /// The instrument's band, on the portal only.
    pub band: String,
}

/// One questionnaire's responses.
pub struct ScoreTable {
    /// For element ids (`scores-sandvik`).
    pub id: String,
    pub title: String,
    pub range: String,
    pub chart: String,
    /// Newest first.
    pub rows: Vec<ScoreRow>,
}

/// Her answers in words, in the reader's language: "A few times a week · A few drops".
pub fn answers_in_words(
    questionnaire: &Questionnaire,
    response: &StoredResponse,
    t: &Tr,
) -> String {
    let language = t.lang.code();
    let Ok(json) = serde_json::from_str(&response.response) else {
        return String::new();
    };
    let answers = questionnaire.answers_from_response(&json);
    questionnaire
        .items
        .iter()
        .filter_map(|item| match (answers.0.get(&item.link_id)?, &item.kind) {
            (Answer::Choice(index), ItemKind::Choice { options }) => {
                Some(options.get(*index)?.display.get(language).to_owned())
            }
            (Answer::Integer(value), _) => Some(format!("{}: {value}", item.text.get(language))),
            (Answer::Boolean(value), _) => Some(format!(
                "{}: {}",
                item.text.get(language),
                t.get(if *value {
                    "questionnaire-yes"
                } else {
                    "questionnaire-no"
                })
            )),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Her responses to each questionnaire the deployment has, those she answered at least once.
pub async fn scores_of(
    state: &AppState,
    t: &Tr,
    profile: &Profile,
    with_bands: bool,
) -> StoreResult<Vec<ScoreTable>> {
    let language = t.lang.code();
    let mut tables = Vec::new();
    for id in state.questionnaires().ids() {
        let Some(questionnaire) = state.questionnaires().get(&id) else {
            continue;
        };
        let responses = state
            .store()
            .questionnaire_responses(profile.id, &id)
            .await?;
        if responses.is_empty() {
            continue;
        }
        let scored = questionnaire.scoring.as_ref();
        // One response is a single block: the table says it better; a chart starts at two.
        let chart = match scored {
            Some(_) if responses.len() >= 2 => charts::bars(
                &responses
                    .iter()
                    .map(|r| {
                        (
                            format!("{}/{}", r.local_date.day(), r.local_date.month()),
                            r.score
                                .and_then(|score| u32::try_from(score).ok())
                                .unwrap_or(0),
                        )
                    })
                    .collect::<Vec<_>>(),
                0,
            ),
            _ => String::new(),
        };
        let rows = responses
            .iter()
            .rev()
            .map(|response| ScoreRow {
                date: date_label(t, response.local_date),
                answers: answers_in_words(questionnaire, response, t),
                score: response.score.map(|s| s.to_string()).unwrap_or_default(),
                band: response
                    .score
                    .filter(|_| with_bands)
                    .and_then(|score| questionnaire.band(score))
                    .map(|band| band.label.get(language).to_owned())
                    .unwrap_or_default(),
            })
            .collect();
        tables.push(ScoreTable {
            id: id.clone(),
            title: questionnaire.title.get(language).to_owned(),
            range: scored
                .map(|s| {
                    t.args(
                        "questionnaire-score-range",
                        &[("min", s.min.into()), ("max", s.max.into())],
                    )
                })
                .unwrap_or_default(),
            chart,
            rows,
        });
    }
    Ok(tables)
}
