//! Her care in words: plain sentences that tell her (and the portal) who changed what in her
//! programme, and when, and how each field and value of a prescription reads.

use crate::i18n::Tr;
use crate::state::AppState;
use crate::view::{date_label, full_date_label};
use hangmat_core::prescription::{Change, Field, Value};
use hangmat_core::programme::ExerciseKind;
use hangmat_core::timeline::local_date;
use hangmat_store::{PrescriptionChange, ProfileId, StoreResult};
use jiff::tz::TimeZone;

/// How many recent changes a page reads to find the latest save.
const RECENT_CHANGES: u32 = 20;

/// The sentences of her physiotherapist's latest save ("Your physiotherapist An changed your hold
/// from 5 to 8 counts on 3 December."), empty when nothing was ever changed. With `within_days`,
/// only when that save is at most so many days old (Today shows news, not an archive).
pub async fn latest_change_lines(
    state: &AppState,
    t: &Tr,
    profile: ProfileId,
    zone: &TimeZone,
    within_days: Option<i64>,
) -> StoreResult<Vec<String>> {
    let recent = state
        .store()
        .prescription_history(profile, RECENT_CHANGES)
        .await?;
    let Some(latest) = recent.first() else {
        return Ok(Vec::new());
    };
    if let Some(days) = within_days {
        let age = state.now().duration_since(latest.at);
        if age > jiff::SignedDuration::from_hours(24 * days) {
            return Ok(Vec::new());
        }
    }
    let mut lines: Vec<String> = recent
        .iter()
        .take_while(|change| change.at == latest.at && change.by == latest.by)
        .map(|change| change_line(t, change, zone))
        .collect();
    // The history reads newest first; a save's own changes read best in the editor's order.
    lines.reverse();
    Ok(lines)
}

/// One change as a sentence in her language.
pub fn change_line(t: &Tr, recorded: &PrescriptionChange, zone: &TimeZone) -> String {
    let date = date_label(t, local_date(recorded.at, zone));
    let name = recorded.by.display_name.clone();
    let Change { field, old, new } = &recorded.change;
    match (field, new) {
        (Field::Included(kind), Value::Included(included)) => t.args(
            if *included {
                "care-change-added"
            } else {
                "care-change-removed"
            },
            &[
                ("name", name.into()),
                (
                    "what",
                    t.get(&format!("care-kind-{}", kind.as_str())).into(),
                ),
                ("date", date.into()),
            ],
        ),
        _ => t.args(
            "care-change",
            &[
                ("name", name.into()),
                ("what", field_label(t, *field).into()),
                ("old", value_text(t, *field, old, false).into()),
                ("new", value_text(t, *field, new, true).into()),
                ("date", date.into()),
            ],
        ),
    }
}

/// What a field is called for her (and in the portal's history).
pub fn field_label(t: &Tr, field: Field) -> String {
    let kind = |kind: ExerciseKind| kind.as_str();
    match field {
        Field::Hold => t.get("care-field-hold"),
        Field::SetsPerDay => t.get("care-field-sets-per-day"),
        Field::Positions => t.get("care-field-positions"),
        Field::Included(k) => t.get(&format!("care-kind-{}", kind(k))),
        Field::Reps(k) => t.get(&format!("care-field-reps-{}", kind(k))),
        Field::Contract(k) => t.get(&format!("care-field-contract-{}", kind(k))),
        Field::Relax(k) => t.get(&format!("care-field-relax-{}", kind(k))),
    }
}

/// A value in words: "8 counts", "4", "on your back, kneeling", "yes". `with_unit` adds the
/// unit of counts (said once, after the new value: "from 5 to 8 counts").
pub fn value_text(t: &Tr, field: Field, value: &Value, with_unit: bool) -> String {
    match value {
        Value::Count(count) => {
            let in_counts = matches!(field, Field::Hold | Field::Contract(_) | Field::Relax(_));
            if in_counts && with_unit {
                t.num("care-value-counts", "counts", *count)
            } else {
                count.to_string()
            }
        }
        Value::Positions(positions) => positions
            .iter()
            .map(|position| t.get(&format!("position-{position}")))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Included(true) => t.get("care-value-yes"),
        Value::Included(false) => t.get("care-value-no"),
    }
}

/// What her physiotherapist gave her to do at home, from the latest session that noted it.
pub struct Advice {
    /// "Katrien Peeters, 3 december 2026".
    pub by_line: String,
    pub text: String,
}

/// Her physiotherapist's latest home programme, if a session noted one.
pub async fn latest_advice(
    state: &AppState,
    t: &Tr,
    profile: ProfileId,
) -> StoreResult<Option<Advice>> {
    let records = state.store().physio_sessions(profile).await?;
    let latest = records
        .into_iter()
        .filter(|record| !record.session.home_programme.trim().is_empty())
        .max_by_key(|record| (record.session.date, record.session.number));
    Ok(latest.map(|record| Advice {
        by_line: format!(
            "{}, {}",
            record.recorded_by.display_name,
            full_date_label(t, record.session.date),
        ),
        text: record.session.home_programme.trim().to_owned(),
    }))
}
