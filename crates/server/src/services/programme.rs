//! Her programme: what applies to her now (the programme file with what her physiotherapist
//! prescribed over it), and changing it from the portal's editor. Every page and API that needs a
//! programme number asks [`effective_programme`], so a prescription reaches Today's target, the
//! session script, the position picker and the outcome check at once. Core decides what the
//! effective programme is and what a change is; this loads, checks and keeps it with who and when.

use crate::i18n::Tr;
use crate::state::AppState;
use hangmat_core::Programme;
use hangmat_core::prescription::{
    Basis, Field, Prescription, PrescriptionError, Value, diff, from_editor,
};
use hangmat_core::programme::KNOWN_POSITIONS;
use hangmat_store::{
    PrescriptionUpdate, PrescriptionWrite, ProfileId, StaffRef, StoreError, StoreResult,
};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Her effective programme. Without a prescription it is the file's own (borrowed, no copy).
/// A stored prescription that no longer fits the programme file (a deployment changed its file)
/// falls back to the file's, and the failure is logged without her data.
pub async fn effective_programme(
    state: &AppState,
    profile: ProfileId,
) -> StoreResult<Cow<'_, Programme>> {
    let prescription = state.store().prescription(profile).await?;
    Ok(programme_with(state, &prescription))
}

/// The effective programme of a prescription already read (the portal's list reads all of its
/// mothers' at once), with the same fallback as [`effective_programme`].
pub fn programme_with<'a>(state: &'a AppState, prescription: &Prescription) -> Cow<'a, Programme> {
    if *prescription == Prescription::default() {
        return Cow::Borrowed(state.programme());
    }
    match prescription.apply(state.programme()) {
        Ok(programme) => Cow::Owned(programme),
        Err(error) => {
            crate::http::error::log_failure(&error);
            Cow::Borrowed(state.programme())
        }
    }
}

/// The editor's fields, in order: the hold, sessions a day, positions, then each exercise kind.
pub fn editor_fields() -> Vec<Field> {
    Field::all()
        .into_iter()
        .filter(|field| !matches!(field, Field::Contract(kind) if kind.uses_hold()))
        .collect()
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
    /// Someone changed her programme or hold after this editor was opened; nothing was stored.
    ChangedMeanwhile,
}

/// The name of the editor's hidden field that carries the [`Basis`] it was built on.
pub const BASIS_FIELD: &str = "basis";

/// What her programme rests on now: her prescription and her latest hold.
pub async fn current_basis(state: &AppState, profile: ProfileId) -> StoreResult<Basis> {
    Ok(Basis {
        prescription: state.store().prescription(profile).await?,
        hold: state
            .store()
            .current_hold(profile)
            .await?
            .map(|change| change.hold_counts),
    })
}

/// The editor's typed values, one per field, or a message per field that is not a number.
fn typed_values(
    t: &Tr,
    form: &[(String, String)],
) -> Result<Vec<(Field, Value)>, BTreeMap<String, String>> {
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
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

/// Saves the editor's form for her: core turns the values into a prescription and a diff against
/// the basis the form was built on; the store keeps both, with who and when, in one transaction
/// that first checks the basis still holds (so a save never rests on a stale read).
pub async fn save_programme(
    state: &AppState,
    t: &Tr,
    profile: ProfileId,
    by: StaffRef,
    form: &[(String, String)],
) -> Result<ProgrammeSaved, StoreError> {
    let file = state.programme();
    let values = match typed_values(t, form) {
        Ok(values) => values,
        Err(errors) => return Ok(ProgrammeSaved::Refused(errors)),
    };
    let basis = current_basis(state, profile).await?;
    let shown = form
        .iter()
        .find(|(name, _)| name == BASIS_FIELD)
        .map(|(_, token)| token.as_str());
    if shown != Some(basis.token().as_str()) {
        return Ok(ProgrammeSaved::ChangedMeanwhile);
    }
    let hold_before = basis.hold.unwrap_or(file.hold.start);
    let (prescription, hold_after) = match from_editor(file, hold_before, &values) {
        Ok(result) => result,
        Err(refused) => {
            let mut errors = BTreeMap::new();
            for error in &refused {
                errors
                    .entry(error.field_key())
                    .or_insert_with(|| prescription_message(t, error));
            }
            return Ok(ProgrammeSaved::Refused(errors));
        }
    };
    let effective =
        |prescription: &Prescription| prescription.apply(file).unwrap_or_else(|_| file.clone());
    let changes = diff(
        &effective(&basis.prescription),
        hold_before,
        &effective(&prescription),
        hold_after,
    );
    if changes.is_empty() {
        return Ok(ProgrammeSaved::Changed(0));
    }
    let update = PrescriptionUpdate {
        basis,
        prescription,
        hold: (hold_after != hold_before).then_some(hold_after),
        changes,
        by,
        at: state.now(),
    };
    Ok(
        match state.store().save_prescription(profile, &update).await? {
            PrescriptionWrite::Saved => ProgrammeSaved::Changed(update.changes.len()),
            PrescriptionWrite::ChangedMeanwhile => ProgrammeSaved::ChangedMeanwhile,
        },
    )
}
