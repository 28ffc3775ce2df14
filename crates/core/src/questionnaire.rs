//! Questionnaires as data: a deployment's instruments read from files in the FHIR R4
//! `Questionnaire` shape, her answers checked against them and kept as a FHIR
//! `QuestionnaireResponse`, and the instrument's own published score computed here.
//!
//! Why files and not code: most validated instruments (the ICIQ-UI SF among them) may not be
//! shipped or changed by us; a hospital that holds the right loads its licensed copy by naming the
//! file in its configuration. Hangmat ships only what it may: the Sandvik severity index, worded by
//! us (programme/questionnaires/sandvik.json).
//!
//! Why a subset with serde rather than a FHIR crate: the maintained Rust FHIR model (`fhir-model`)
//! is large and its build is minutes on our machines, for the handful of fields an instrument of
//! this kind uses. What is read: items of type `choice` (options as `valueCoding`, each scored by
//! the standard `ordinalValue` extension), `integer` (bounds by the standard `minValue`/`maxValue`
//! extensions), `boolean` and `display`; `required`; `enableWhen` with `enableBehavior`; and text
//! per language through FHIR's `translation` extension on `_text`/`_title`/`_display`. Everything
//! else in the file is left alone (a real Questionnaire carries much more), except what would
//! change the meaning of what we show: nested items, repeats and other item types are refused.
//!
//! The scoring rule is data too, in an extension of ours ([`SCORE_EXTENSION`]): the sum or the
//! product of named items' ordinal values, the score's range, and, where the instrument defines
//! them, its named bands per language. An item switched off by `enableWhen` (or left unanswered
//! when not required) counts 0. The bands are the instrument's, for her physiotherapist; core
//! never turns a score into advice (clinical-notes.md: the app shows the published sum and no
//! more).
//!
//! Every text must exist in every language the deployment offers: a missing translation is an
//! error at start that names the file and the item, never a silent fallback.

use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use thiserror::Error;

/// FHIR's extension for a text in another language.
pub const TRANSLATION: &str = "http://hl7.org/fhir/StructureDefinition/translation";
/// FHIR's extension for the score of an answer option.
pub const ORDINAL_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
/// FHIR's extensions for an integer item's bounds.
pub const MIN_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
pub const MAX_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";
/// Ours: how the instrument is scored (rule, items, range, bands). Documented in
/// programme/questionnaires/README.md.
pub const SCORE_EXTENSION: &str =
    "https://hangmat.example/fhir/StructureDefinition/questionnaire-score";
/// Ours: a note in every language on whose wording this is (shown under the title).
pub const WORDING_EXTENSION: &str =
    "https://hangmat.example/fhir/StructureDefinition/questionnaire-wording";

/// What is wrong with a questionnaire file, and where.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum QuestionnaireError {
    #[error("{file}: not a FHIR R4 Questionnaire in JSON: {message}")]
    Syntax { file: String, message: String },
    #[error("{file}: item {link_id}: {message}")]
    Item {
        file: String,
        link_id: String,
        message: String,
    },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

/// A text in every language offered (language code to text).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Texts(pub BTreeMap<String, String>);

impl Texts {
    /// The text in `language`, else in the first language held (validation makes sure every
    /// offered language is there, so the fallback is only for a language not offered).
    pub fn get(&self, language: &str) -> &str {
        self.0
            .get(language)
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }
}

/// One way `enableWhen` compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    Exists,
    Equal,
    NotEqual,
    Greater,
    Less,
    GreaterOrEqual,
    LessOrEqual,
}

impl Operator {
    fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "exists" => Self::Exists,
            "=" => Self::Equal,
            "!=" => Self::NotEqual,
            ">" => Self::Greater,
            "<" => Self::Less,
            ">=" => Self::GreaterOrEqual,
            "<=" => Self::LessOrEqual,
            _ => return None,
        })
    }
}

/// What an `enableWhen` compares the other question's answer with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    Boolean(bool),
    Integer(i64),
    /// A coding, compared by its code.
    Code(String),
}

/// One condition of an item's `enableWhen`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub question: String,
    pub operator: Operator,
    pub expected: Expected,
}

/// An answer option of a choice item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerOption {
    pub system: Option<String>,
    pub code: String,
    pub display: Texts,
    /// Its `ordinalValue`, the value scored.
    pub ordinal: Option<i64>,
}

/// What kind of answer an item takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    Display,
    Boolean,
    Integer { min: Option<i64>, max: Option<i64> },
    Choice { options: Vec<AnswerOption> },
}

/// One item, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub link_id: String,
    pub text: Texts,
    pub kind: ItemKind,
    pub required: bool,
    pub enable_when: Vec<Condition>,
    /// `enableBehavior` is `any` (else all conditions must hold).
    pub enable_any: bool,
}

/// How the named items' values combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Sum,
    Product,
}

/// A named range of scores, as the instrument defines it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub from: i64,
    pub to: i64,
    pub code: String,
    pub label: Texts,
}

/// The instrument's scoring rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scoring {
    pub rule: Rule,
    pub items: Vec<String>,
    pub min: i64,
    pub max: i64,
    pub bands: Vec<Band>,
}

/// A questionnaire, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Questionnaire {
    /// Its `id`, how the programme file and the store name it.
    pub id: String,
    /// Its canonical `url` (with `|version` where it has one), written in each response.
    pub canonical: String,
    pub title: Texts,
    /// Whose wording this is, where the file says.
    pub wording: Option<Texts>,
    pub items: Vec<Item>,
    pub scoring: Option<Scoring>,
}

/// One answer, as checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Boolean(bool),
    Integer(i64),
    /// The chosen option (its index in the item's options).
    Choice(usize),
}

/// Why an answer was refused, per item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum AnswerError {
    #[error("an answer is needed")]
    Missing,
    #[error("not one of the options")]
    NotAnOption,
    #[error("not a whole number")]
    NotANumber,
    #[error("below the smallest allowed")]
    TooSmall,
    #[error("above the largest allowed")]
    TooLarge,
    #[error("not yes or no")]
    NotYesOrNo,
    #[error("this question does not apply given an earlier answer")]
    NotEnabled,
}

/// Her checked answers, by link id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answers(pub BTreeMap<String, Answer>);

// ---- The FHIR subset, as read ----

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Extension {
    url: String,
    #[serde(default)]
    extension: Vec<Extension>,
    value_string: Option<String>,
    #[serde(rename = "_valueString")]
    value_string_element: Option<Element>,
    value_code: Option<String>,
    value_integer: Option<i64>,
    value_decimal: Option<f64>,
}

#[derive(Deserialize, Default)]
struct Element {
    #[serde(default)]
    extension: Vec<Extension>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Coding {
    system: Option<String>,
    code: Option<String>,
    display: Option<String>,
    #[serde(rename = "_display")]
    display_element: Option<Element>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawOption {
    value_coding: Option<Coding>,
    #[serde(default)]
    extension: Vec<Extension>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEnableWhen {
    question: String,
    operator: String,
    answer_boolean: Option<bool>,
    answer_integer: Option<i64>,
    answer_coding: Option<Coding>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawItem {
    link_id: String,
    text: Option<String>,
    #[serde(rename = "_text")]
    text_element: Option<Element>,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    repeats: bool,
    #[serde(default)]
    enable_when: Vec<RawEnableWhen>,
    enable_behavior: Option<String>,
    #[serde(default)]
    answer_option: Vec<RawOption>,
    #[serde(default)]
    extension: Vec<Extension>,
    #[serde(default)]
    item: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawQuestionnaire {
    resource_type: String,
    id: Option<String>,
    url: Option<String>,
    version: Option<String>,
    status: Option<String>,
    title: Option<String>,
    #[serde(rename = "_title")]
    title_element: Option<Element>,
    #[serde(default)]
    extension: Vec<Extension>,
    #[serde(default)]
    item: Vec<RawItem>,
}

/// Limits that keep a mistyped file from making an absurd page.
const MAX_ITEMS: usize = 100;
const MAX_OPTIONS: usize = 30;

/// Texts from a base text and its translations; every language in `languages` must be there.
fn texts(
    base: Option<&str>,
    element: Option<&Element>,
    languages: &[String],
) -> Result<Texts, String> {
    let mut found = BTreeMap::new();
    for extension in element.map_or(&[][..], |element| &element.extension[..]) {
        if extension.url != TRANSLATION {
            continue;
        }
        let part = |name: &str| extension.extension.iter().find(|part| part.url == name);
        let lang = part("lang").and_then(|part| part.value_code.clone());
        let content = part("content").and_then(|part| part.value_string.clone());
        match (lang, content) {
            (Some(lang), Some(content)) if !content.trim().is_empty() => {
                found.insert(lang, content);
            }
            _ => return Err("a translation needs a lang and a content".into()),
        }
    }
    let mut chosen = BTreeMap::new();
    for language in languages {
        // The base text counts for a language only when no translation names it and it is the
        // only language offered; a file says in which language its base text is by translating.
        let text = found
            .get(language)
            .cloned()
            .or_else(|| base.filter(|_| languages.len() == 1).map(str::to_owned));
        match text {
            Some(text) => {
                chosen.insert(language.clone(), text);
            }
            None => return Err(format!("no text in {language}")),
        }
    }
    Ok(Texts(chosen))
}

fn ordinal(extensions: &[Extension]) -> Result<Option<i64>, String> {
    let Some(extension) = extensions.iter().find(|e| e.url == ORDINAL_VALUE) else {
        return Ok(None);
    };
    match (extension.value_decimal, extension.value_integer) {
        (Some(value), _) if value.fract() == 0.0 && value.abs() < 1e9 => {
            // Checked whole and small just above: the cast keeps it exactly.
            #[allow(clippy::cast_possible_truncation)]
            Ok(Some(value as i64))
        }
        (None, Some(value)) => Ok(Some(value)),
        _ => Err("its ordinalValue must be a whole number".into()),
    }
}

fn bound(extensions: &[Extension], url: &str) -> Option<i64> {
    extensions
        .iter()
        .find(|e| e.url == url)
        .and_then(|e| e.value_integer)
}

impl Questionnaire {
    /// Reads and validates a questionnaire file. `file` names it in every error; `languages` are
    /// the languages the deployment offers (each text must exist in each).
    pub fn from_json(
        text: &str,
        file: &str,
        languages: &[String],
    ) -> Result<Self, QuestionnaireError> {
        let raw: RawQuestionnaire =
            serde_json::from_str(text).map_err(|error| QuestionnaireError::Syntax {
                file: file.to_owned(),
                message: error.to_string(),
            })?;
        let invalid = |message: String| QuestionnaireError::Invalid {
            file: file.to_owned(),
            message,
        };
        if raw.resource_type != "Questionnaire" {
            return Err(invalid(format!(
                "resourceType is {}, must be Questionnaire",
                raw.resource_type
            )));
        }
        let id =
            raw.id.clone().filter(|id| valid_id(id)).ok_or_else(|| {
                invalid("id is missing or not of letters, digits, - and .".into())
            })?;
        if raw.status.as_deref() == Some("retired") {
            return Err(invalid("status is retired".into()));
        }
        let url = raw
            .url
            .clone()
            .ok_or_else(|| invalid("url (its canonical address) is missing".into()))?;
        let canonical = match &raw.version {
            Some(version) => format!("{url}|{version}"),
            None => url,
        };
        let title = texts(raw.title.as_deref(), raw.title_element.as_ref(), languages)
            .map_err(|message| invalid(format!("title: {message}")))?;
        let wording = raw
            .extension
            .iter()
            .find(|e| e.url == WORDING_EXTENSION)
            .map(|e| {
                texts(
                    e.value_string.as_deref(),
                    e.value_string_element.as_ref(),
                    languages,
                )
            })
            .transpose()
            .map_err(|message| invalid(format!("wording note: {message}")))?;
        if raw.item.is_empty() || raw.item.len() > MAX_ITEMS {
            return Err(invalid(format!(
                "has {} items, must have 1 to {MAX_ITEMS}",
                raw.item.len()
            )));
        }
        let mut items: Vec<Item> = Vec::new();
        for raw_item in &raw.item {
            let item = read_item(raw_item, &items, languages).map_err(|message| {
                QuestionnaireError::Item {
                    file: file.to_owned(),
                    link_id: raw_item.link_id.clone(),
                    message,
                }
            })?;
            items.push(item);
        }
        let scoring = raw
            .extension
            .iter()
            .find(|e| e.url == SCORE_EXTENSION)
            .map(|e| read_scoring(e, &items, languages))
            .transpose()
            .map_err(|message| invalid(format!("scoring: {message}")))?;
        Ok(Self {
            id,
            canonical,
            title,
            wording,
            items,
            scoring,
        })
    }

    pub fn item(&self, link_id: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.link_id == link_id)
    }

    /// Whether `item` is enabled given `answers` (FHIR's rules: no condition, enabled; a
    /// condition on an unanswered question holds only for `exists false`).
    pub fn enabled(&self, item: &Item, answers: &Answers) -> bool {
        if item.enable_when.is_empty() {
            return true;
        }
        let mut results = item
            .enable_when
            .iter()
            .map(|condition| self.holds(condition, answers));
        if item.enable_any {
            results.any(|held| held)
        } else {
            results.all(|held| held)
        }
    }

    fn holds(&self, condition: &Condition, answers: &Answers) -> bool {
        let given = answers.0.get(&condition.question);
        if condition.operator == Operator::Exists {
            return given.is_some() == (condition.expected == Expected::Boolean(true));
        }
        let Some(given) = given else { return false };
        let ordering = match (given, &condition.expected) {
            (Answer::Boolean(a), Expected::Boolean(b)) => a.cmp(b),
            (Answer::Integer(a), Expected::Integer(b)) => a.cmp(b),
            (Answer::Choice(index), Expected::Code(code)) => {
                let chosen = self
                    .item(&condition.question)
                    .and_then(|item| match &item.kind {
                        ItemKind::Choice { options } => options.get(*index),
                        _ => None,
                    });
                // Codes compare for (in)equality only; validation refuses < and > on them.
                return match chosen {
                    Some(option) => {
                        (option.code == *code) == (condition.operator == Operator::Equal)
                    }
                    None => false,
                };
            }
            _ => return false,
        };
        use std::cmp::Ordering::{Equal, Greater, Less};
        match condition.operator {
            Operator::Equal => ordering == Equal,
            Operator::NotEqual => ordering != Equal,
            Operator::Greater => ordering == Greater,
            Operator::Less => ordering == Less,
            Operator::GreaterOrEqual => ordering != Less,
            Operator::LessOrEqual => ordering != Greater,
            Operator::Exists => false,
        }
    }

    /// Checks a form's answers (link id to what was sent; empty means not answered) in the
    /// order of the items, so an answer decides whether a later item is enabled. Answers to
    /// link ids the questionnaire does not have are ignored (a form's other fields).
    pub fn check(
        &self,
        sent: &BTreeMap<String, String>,
    ) -> Result<Answers, BTreeMap<String, AnswerError>> {
        let mut answers = Answers::default();
        let mut errors = BTreeMap::new();
        for item in &self.items {
            let text = sent
                .get(&item.link_id)
                .map(|text| text.trim())
                .filter(|text| !text.is_empty());
            let enabled = self.enabled(item, &answers);
            // Whether it applies is unknown while a question it depends on is refused: no
            // second error for it, her input stays in the form.
            let undecided = item
                .enable_when
                .iter()
                .any(|condition| errors.contains_key(&condition.question));
            let checked = match (text, enabled, &item.kind) {
                (_, _, ItemKind::Display) => continue,
                (_, false, _) if undecided => continue,
                (Some(_), false, _) => Err(AnswerError::NotEnabled),
                (None, true, _) if item.required => Err(AnswerError::Missing),
                (None, _, _) => continue,
                (Some(text), true, kind) => parse_answer(text, kind),
            };
            match checked {
                Ok(answer) => {
                    answers.0.insert(item.link_id.clone(), answer);
                }
                Err(error) => {
                    errors.insert(item.link_id.clone(), error);
                }
            }
        }
        if errors.is_empty() {
            Ok(answers)
        } else {
            Err(errors)
        }
    }

    /// The instrument's score of checked answers (an item not answered counts 0), or none when
    /// the file has no scoring rule.
    pub fn score(&self, answers: &Answers) -> Option<i64> {
        let scoring = self.scoring.as_ref()?;
        let values = scoring.items.iter().map(|link_id| {
            let option_value = |index: &usize| match self.item(link_id).map(|item| &item.kind) {
                Some(ItemKind::Choice { options }) => {
                    options.get(*index).and_then(|option| option.ordinal)
                }
                _ => None,
            };
            match answers.0.get(link_id) {
                Some(Answer::Choice(index)) => option_value(index).unwrap_or(0),
                Some(Answer::Integer(value)) => *value,
                Some(Answer::Boolean(value)) => i64::from(*value),
                None => 0,
            }
        });
        let score = match scoring.rule {
            Rule::Sum => values.fold(0_i64, i64::saturating_add),
            Rule::Product => values.fold(1_i64, i64::saturating_mul),
        };
        Some(score)
    }

    /// The instrument's band of a score, where it defines one.
    pub fn band(&self, score: i64) -> Option<&Band> {
        self.scoring
            .as_ref()?
            .bands
            .iter()
            .find(|band| (band.from..=band.to).contains(&score))
    }

    /// Her answers as a FHIR R4 `QuestionnaireResponse`, authored at `authored` (RFC 3339), in
    /// the language she answered in.
    pub fn response(&self, answers: &Answers, authored: &str, language: &str) -> Value {
        let items: Vec<Value> = self
            .items
            .iter()
            .filter_map(|item| {
                let answer = answers.0.get(&item.link_id)?;
                let value = match (answer, &item.kind) {
                    (Answer::Boolean(value), _) => json!({ "valueBoolean": value }),
                    (Answer::Integer(value), _) => json!({ "valueInteger": value }),
                    (Answer::Choice(index), ItemKind::Choice { options }) => {
                        let option = options.get(*index)?;
                        let mut coding = json!({
                            "code": option.code,
                            "display": option.display.get(language),
                        });
                        if let (Some(system), Some(map)) = (&option.system, coding.as_object_mut())
                        {
                            map.insert("system".into(), json!(system));
                        }
                        json!({ "valueCoding": coding })
                    }
                    _ => return None,
                };
                Some(json!({
                    "linkId": item.link_id,
                    "text": item.text.get(language),
                    "answer": [value],
                }))
            })
            .collect();
        json!({
            "resourceType": "QuestionnaireResponse",
            "questionnaire": self.canonical,
            "status": "completed",
            "authored": authored,
            "language": language,
            "item": items,
        })
    }

    /// Her answers back from a stored response (for her export and the portal): link id to the
    /// code, number or yes/no given. Items the questionnaire no longer has are left out.
    pub fn answers_from_response(&self, response: &Value) -> Answers {
        let mut answers = Answers::default();
        let items = response
            .get("item")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        for stored in items {
            let Some(link_id) = stored.get("linkId").and_then(Value::as_str) else {
                continue;
            };
            let Some(item) = self.item(link_id) else {
                continue;
            };
            let Some(value) = stored.pointer("/answer/0") else {
                continue;
            };
            let answer = match &item.kind {
                ItemKind::Boolean => value
                    .get("valueBoolean")
                    .and_then(Value::as_bool)
                    .map(Answer::Boolean),
                ItemKind::Integer { .. } => value
                    .get("valueInteger")
                    .and_then(Value::as_i64)
                    .map(Answer::Integer),
                ItemKind::Choice { options } => value
                    .pointer("/valueCoding/code")
                    .and_then(Value::as_str)
                    .and_then(|code| options.iter().position(|option| option.code == code))
                    .map(Answer::Choice),
                ItemKind::Display => None,
            };
            if let Some(answer) = answer {
                answers.0.insert(link_id.to_owned(), answer);
            }
        }
        answers
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

fn parse_answer(text: &str, kind: &ItemKind) -> Result<Answer, AnswerError> {
    match kind {
        ItemKind::Boolean => match text {
            "true" => Ok(Answer::Boolean(true)),
            "false" => Ok(Answer::Boolean(false)),
            _ => Err(AnswerError::NotYesOrNo),
        },
        ItemKind::Integer { min, max } => {
            let value: i64 = text.parse().map_err(|_| AnswerError::NotANumber)?;
            if min.is_some_and(|min| value < min) {
                Err(AnswerError::TooSmall)
            } else if max.is_some_and(|max| value > max) {
                Err(AnswerError::TooLarge)
            } else {
                Ok(Answer::Integer(value))
            }
        }
        ItemKind::Choice { options } => options
            .iter()
            .position(|option| option.code == text)
            .map(Answer::Choice)
            .ok_or(AnswerError::NotAnOption),
        ItemKind::Display => Err(AnswerError::NotAnOption),
    }
}

fn read_item(raw: &RawItem, earlier: &[Item], languages: &[String]) -> Result<Item, String> {
    if !valid_id(&raw.link_id) {
        return Err("linkId must be letters, digits, - and . (at most 64)".into());
    }
    if earlier.iter().any(|item| item.link_id == raw.link_id) {
        return Err("linkId is used twice".into());
    }
    if !raw.item.is_empty() {
        return Err("nested items are not supported".into());
    }
    if raw.repeats {
        return Err("repeating items are not supported".into());
    }
    let text = texts(raw.text.as_deref(), raw.text_element.as_ref(), languages)
        .map_err(|message| format!("text: {message}"))?;
    let kind = match raw.kind.as_str() {
        "display" => ItemKind::Display,
        "boolean" => ItemKind::Boolean,
        "integer" => {
            let (min, max) = (
                bound(&raw.extension, MIN_VALUE),
                bound(&raw.extension, MAX_VALUE),
            );
            if let (Some(min), Some(max)) = (min, max)
                && min > max
            {
                return Err(format!("minValue {min} is above maxValue {max}"));
            }
            ItemKind::Integer { min, max }
        }
        "choice" => ItemKind::Choice {
            options: read_options(&raw.answer_option, languages)?,
        },
        other => return Err(format!("type {other} is not supported")),
    };
    if raw.required && kind == ItemKind::Display {
        return Err("a display item cannot be required".into());
    }
    let enable_any = match raw.enable_behavior.as_deref() {
        None | Some("all") => false,
        Some("any") => true,
        Some(other) => return Err(format!("enableBehavior {other} is not all or any")),
    };
    if raw.enable_when.len() > 1 && raw.enable_behavior.is_none() {
        return Err("enableBehavior is needed with more than one enableWhen".into());
    }
    let enable_when = raw
        .enable_when
        .iter()
        .map(|condition| read_condition(condition, earlier))
        .collect::<Result<_, _>>()?;
    Ok(Item {
        link_id: raw.link_id.clone(),
        text,
        kind,
        required: raw.required,
        enable_when,
        enable_any,
    })
}

fn read_options(raw: &[RawOption], languages: &[String]) -> Result<Vec<AnswerOption>, String> {
    if raw.is_empty() || raw.len() > MAX_OPTIONS {
        return Err(format!(
            "has {} answer options, must have 1 to {MAX_OPTIONS}",
            raw.len()
        ));
    }
    let mut options: Vec<AnswerOption> = Vec::new();
    for (index, option) in raw.iter().enumerate() {
        let place = format!("answerOption {}", index + 1);
        let coding = option
            .value_coding
            .as_ref()
            .ok_or_else(|| format!("{place}: only valueCoding options are supported"))?;
        let code = coding
            .code
            .clone()
            .filter(|code| valid_id(code))
            .ok_or_else(|| {
                format!("{place}: code is missing or not of letters, digits, - and .")
            })?;
        if options.iter().any(|earlier| earlier.code == code) {
            return Err(format!("{place}: code {code} is used twice"));
        }
        let display = texts(
            coding.display.as_deref(),
            coding.display_element.as_ref(),
            languages,
        )
        .map_err(|message| format!("{place}: display: {message}"))?;
        options.push(AnswerOption {
            system: coding.system.clone(),
            code,
            display,
            ordinal: ordinal(&option.extension).map_err(|message| format!("{place}: {message}"))?,
        });
    }
    Ok(options)
}

fn read_condition(raw: &RawEnableWhen, earlier: &[Item]) -> Result<Condition, String> {
    let place = format!("enableWhen on {}", raw.question);
    let operator = Operator::parse(&raw.operator)
        .ok_or_else(|| format!("{place}: operator {} is not supported", raw.operator))?;
    // Only earlier items: a form is answered top to bottom, and a loop is impossible.
    let question = earlier
        .iter()
        .find(|item| item.link_id == raw.question)
        .ok_or_else(|| format!("{place}: no earlier item has that linkId"))?;
    let expected = match (raw.answer_boolean, raw.answer_integer, &raw.answer_coding) {
        (Some(value), None, None) => Expected::Boolean(value),
        (None, Some(value), None) => Expected::Integer(value),
        (None, None, Some(coding)) => Expected::Code(coding.code.clone().unwrap_or_default()),
        _ => return Err(format!("{place}: needs exactly one answer[x]")),
    };
    let fits = match (operator, &expected, &question.kind) {
        (Operator::Exists, Expected::Boolean(_), ItemKind::Display) => false,
        (Operator::Exists, Expected::Boolean(_), _) => true,
        (Operator::Exists, _, _) => false,
        (_, Expected::Boolean(_), ItemKind::Boolean) => {
            matches!(operator, Operator::Equal | Operator::NotEqual)
        }
        (_, Expected::Integer(_), ItemKind::Integer { .. }) => true,
        (
            Operator::Equal | Operator::NotEqual,
            Expected::Code(code),
            ItemKind::Choice { options },
        ) => options.iter().any(|option| option.code == *code),
        _ => false,
    };
    if !fits {
        return Err(format!(
            "{place}: operator {} with that answer does not fit that item",
            raw.operator
        ));
    }
    Ok(Condition {
        question: raw.question.clone(),
        operator,
        expected,
    })
}

fn read_scoring(
    extension: &Extension,
    items: &[Item],
    languages: &[String],
) -> Result<Scoring, String> {
    let parts = |name: &'static str| extension.extension.iter().filter(move |e| e.url == name);
    let rule = match parts("rule").next().and_then(|e| e.value_code.as_deref()) {
        Some("sum") => Rule::Sum,
        Some("product") => Rule::Product,
        _ => return Err("rule must be sum or product".into()),
    };
    let mut scored = Vec::new();
    for part in parts("item") {
        let link_id = part
            .value_string
            .clone()
            .ok_or("an item needs a valueString (its linkId)")?;
        let item = items
            .iter()
            .find(|item| item.link_id == link_id)
            .ok_or_else(|| format!("item {link_id} is not in the questionnaire"))?;
        match &item.kind {
            ItemKind::Choice { options } if options.iter().all(|o| o.ordinal.is_some()) => {}
            ItemKind::Choice { .. } => {
                return Err(format!(
                    "item {link_id}: every option needs an ordinalValue"
                ));
            }
            ItemKind::Integer { .. } | ItemKind::Boolean => {}
            ItemKind::Display => return Err(format!("item {link_id} is a display item")),
        }
        scored.push(link_id);
    }
    if scored.is_empty() {
        return Err("names no item".into());
    }
    let number = |name: &'static str| {
        parts(name)
            .next()
            .and_then(|e| e.value_integer)
            .ok_or_else(|| format!("{name} (valueInteger) is missing"))
    };
    let (min, max) = (number("min")?, number("max")?);
    if min > max {
        return Err(format!("min {min} is above max {max}"));
    }
    let mut bands: Vec<Band> = Vec::new();
    for part in parts("band") {
        let field = |name: &str| part.extension.iter().find(|e| e.url == name);
        let from = field("from").and_then(|e| e.value_integer);
        let to = field("to").and_then(|e| e.value_integer);
        let code = field("code").and_then(|e| e.value_code.clone());
        let (Some(from), Some(to), Some(code)) = (from, to, code) else {
            return Err("a band needs from, to (valueInteger) and code (valueCode)".into());
        };
        let label = field("label")
            .map(|e| {
                texts(
                    e.value_string.as_deref(),
                    e.value_string_element.as_ref(),
                    languages,
                )
            })
            .transpose()
            .map_err(|message| format!("band {code}: label: {message}"))?
            .ok_or_else(|| format!("band {code}: label is missing"))?;
        if from > to || from < min || to > max {
            return Err(format!(
                "band {code}: {from} to {to} is not within {min} to {max}"
            ));
        }
        if bands.iter().any(|band| from <= band.to && band.from <= to) {
            return Err(format!("band {code} overlaps another band"));
        }
        bands.push(Band {
            from,
            to,
            code,
            label,
        });
    }
    Ok(Scoring {
        rule,
        items: scored,
        min,
        max,
        bands,
    })
}

#[cfg(test)]
#[path = "questionnaire_tests.rs"]
mod tests;
