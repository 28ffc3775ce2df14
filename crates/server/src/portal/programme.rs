//! `/portal/mothers/{link}/programme`: her programme editor with the history of every change.
//! The form's values go to core (`prescription::from_editor`), which decides what is valid and
//! what changed; nothing here changes a value by itself.

use super::care::{PortalContext, SavedQuery, by, context};
use crate::http::error::PageError;
use crate::i18n::Tr;
use crate::portal::staff::LinkedMother;
use crate::services::programme::{
    BASIS_FIELD, ProgrammeSaved, current_basis, editor_fields, save_programme,
};
use crate::state::AppState;
use crate::view::care::{field_label, value_text};
use crate::view::{Chrome, moment_label, practice_zone, render};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hangmat_core::prescription::{Field, Value, effective_value};
use hangmat_core::programme::{ExerciseKind, KNOWN_POSITIONS, Programme};
use hangmat_store::{ProfileId, StoreResult};
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
    /// What the programme file says, in words ("Programme file: 10").
    pub file_hint: String,
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

pub fn section_of(field: Field) -> Option<ExerciseKind> {
    match field {
        Field::Hold | Field::SetsPerDay | Field::Positions => None,
        Field::Included(kind) | Field::Reps(kind) | Field::Contract(kind) | Field::Relax(kind) => {
            Some(kind)
        }
    }
}

/// A field's label in the editor, as a physiotherapist names it, with its unit. (The history and
/// her app name a field in a sentence instead: [`field_label`].)
fn editor_label(t: &Tr, field: Field) -> String {
    match field {
        Field::Hold => t.get("care-editor-hold"),
        Field::SetsPerDay => t.get("care-editor-sets-per-day"),
        Field::Positions => t.get("care-editor-positions"),
        Field::Included(_) => t.get("care-editor-included"),
        Field::Reps(_) => t.get("care-editor-reps"),
        Field::Contract(_) => t.get("care-editor-contract"),
        Field::Relax(_) => t.get("care-editor-relax"),
    }
}

/// What the programme file itself says of a field. The hold is hers to choose within the file's
/// range, so its hint gives where she starts and that range, never her current hold.
fn file_hint(t: &Tr, file: &Programme, field: Field) -> String {
    match field {
        Field::Hold => t.args(
            "care-editor-file-hold",
            &[
                ("start", i64::from(file.hold.start).into()),
                ("min", i64::from(file.hold.min).into()),
                ("max", i64::from(file.hold.max).into()),
            ],
        ),
        Field::Positions => t.text(
            "care-portal-programme-file",
            "value",
            &file
                .positions
                .iter()
                .map(|id| t.get(&format!("care-position-{id}")))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => t.text(
            "care-portal-programme-file",
            "value",
            &value_text(
                t,
                field,
                &effective_value(file, file.hold.start, field),
                true,
            ),
        ),
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
                        name: t.get(&format!("care-position-{id}")),
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
            label: editor_label(t, field),
            file_hint: file_hint(t, file, field),
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

#[derive(Template)]
#[template(path = "portal/care_programme.html")]
pub struct ProgrammePage {
    chrome: Chrome,
    t: Tr,
    label: String,
    mother_url: String,
    saved: Option<String>,
    form_error: Option<String>,
    /// The basis token the form was built on (hidden field [`BASIS_FIELD`]).
    basis: String,
    basis_field: &'static str,
    /// "One count lasts 1 s in this programme."
    counts_note: String,
    sections: Vec<Section>,
    history: Vec<HistoryRow>,
}

/// Why the editor is shown again after a save.
pub enum Shown<'a> {
    /// Opened, or after a save (how many fields it changed).
    Fresh(Option<usize>),
    /// Refused values: what was typed, with a message per field key.
    Refused(&'a [(String, String)], &'a BTreeMap<String, String>),
    /// Someone saved her programme meanwhile: what was typed, over what she has now.
    ChangedMeanwhile(&'a [(String, String)]),
}

/// The programme editor: her effective values (or what was typed) and the whole history.
pub async fn programme_page(
    state: &AppState,
    context: PortalContext,
    shown: Shown<'_>,
) -> StoreResult<ProgrammePage> {
    let t = context.t;
    let file = state.programme();
    let basis = current_basis(state, context.profile).await?;
    let effective = crate::services::programme::programme_with(state, &basis.prescription);
    let hold = basis.hold.unwrap_or(file.hold.start);
    let no_errors = BTreeMap::new();
    let (saved, typed, errors, form_error) = match shown {
        Shown::Fresh(saved) => (saved, None, &no_errors, None),
        Shown::Refused(typed, errors) => {
            (None, Some(typed), errors, errors.get("exercises").cloned())
        }
        Shown::ChangedMeanwhile(typed) => (
            None,
            Some(typed),
            &no_errors,
            Some(t.get("care-editor-changed-meanwhile")),
        ),
    };
    let zone = practice_zone(state);
    Ok(ProgrammePage {
        sections: editor_sections(&t, file, &effective, hold, typed, errors),
        history: history_rows(state, &t, context.profile, &zone).await?,
        saved: saved.map(|count| t.num("care-portal-programme-saved", "count", count as u32)),
        form_error,
        basis: basis.token(),
        basis_field: BASIS_FIELD,
        counts_note: t.args(
            "care-editor-counts-note",
            &[(
                "seconds",
                t.decimal(
                    f64::from(file.timing.count_ms) / 1000.0,
                    usize::from(!file.timing.count_ms.is_multiple_of(1000)),
                )
                .into(),
            )],
        ),
        chrome: context.chrome,
        t,
        label: context.label,
        mother_url: context.mother_url,
    })
}

/// `GET …/programme`: the editor and the history.
pub async fn show(
    State(state): State<AppState>,
    linked: LinkedMother,
    Query(query): Query<SavedQuery>,
) -> Result<Response, PageError> {
    let context = context(&state, &linked, "care-portal-programme-title");
    let saved = query.saved.map(|n| n as usize);
    let page = programme_page(&state, context, Shown::Fresh(saved)).await?;
    Ok(render(StatusCode::OK, &page))
}

/// `POST …/programme`: saves the editor; a refused value, or a save made on values someone changed
/// meanwhile, keeps what was typed and stores nothing.
pub async fn save(
    State(state): State<AppState>,
    linked: LinkedMother,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let t = linked.staff.t();
    let (status, shown) =
        match save_programme(&state, &t, linked.profile, by(&linked), &form).await? {
            ProgrammeSaved::Changed(count) => {
                return Ok(Redirect::to(&format!(
                    "/portal/mothers/{}/programme?saved={count}",
                    linked.link.0
                ))
                .into_response());
            }
            ProgrammeSaved::Refused(errors) => (StatusCode::UNPROCESSABLE_ENTITY, Err(errors)),
            ProgrammeSaved::ChangedMeanwhile => (StatusCode::CONFLICT, Ok(())),
        };
    let context = context(&state, &linked, "care-portal-programme-title");
    let page = match &shown {
        Err(errors) => programme_page(&state, context, Shown::Refused(&form, errors)).await?,
        Ok(()) => programme_page(&state, context, Shown::ChangedMeanwhile(&form)).await?,
    };
    Ok(render(status, &page))
}
