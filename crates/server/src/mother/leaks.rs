//! Her leak log from Today: "I leaked" in one tap (a plain form, so it works without JavaScript),
//! then, only if she wants, what she was doing and how much, which completes the same leak.
//!
//! Both forms carry the leak's id (Today derives the tap's from her day and count, so a form sent
//! twice counts once). The log records and never judges: no advice, no change to her programme.

use crate::http::error::PageError;
use crate::http::visitor::Mother;
use crate::mother::today::{self, LeakStep};
use crate::state::AppState;
use crate::view::zone_of;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hangmat_core::leak_log::{self, LoggedLeak};
use serde::Deserialize;
use uuid::Uuid;

#[derive(Debug, Deserialize)]
pub struct TapForm {
    #[serde(default)]
    id: String,
}

/// The leak's id from a form; a missing or broken one becomes a new id (a new leak).
fn leak_id(state: &AppState, text: &str) -> Uuid {
    Uuid::parse_str(text.trim()).unwrap_or_else(|_| state.random().uuid_v4())
}

/// "I leaked": one tap records it now, and Today offers the details.
pub async fn tap(
    State(state): State<AppState>,
    mother: Mother,
    Form(form): Form<TapForm>,
) -> Result<Response, PageError> {
    let id = leak_id(&state, &form.id);
    let now = state.now();
    let leak = leak_log::tapped(now, &zone_of(&state, &mother.profile));
    state
        .store()
        .save_leak(mother.profile.id, id, &leak, now)
        .await?;
    Ok(Redirect::to(&format!("/today?leak={id}#leak")).into_response())
}

#[derive(Debug, Deserialize)]
pub struct DetailsForm {
    #[serde(default)]
    id: String,
    amount: Option<String>,
    activity: Option<String>,
}

/// What she was doing and how much, added to the leak she tapped; a value that is not one of the
/// choices is refused with Today's message, what she chose kept and nothing changed.
pub async fn details(
    State(state): State<AppState>,
    mother: Mother,
    Form(form): Form<DetailsForm>,
) -> Result<Response, PageError> {
    let id = leak_id(&state, &form.id);
    let Ok((amount, activity)) =
        leak_log::details(form.amount.as_deref(), form.activity.as_deref())
    else {
        return today::page(
            &state,
            &mother,
            LeakStep::Refused {
                id,
                activity: form.activity.unwrap_or_default(),
                amount: form.amount.unwrap_or_default(),
            },
            StatusCode::BAD_REQUEST,
        )
        .await;
    };
    let now = state.now();
    let leak = LoggedLeak {
        amount,
        activity,
        ..leak_log::tapped(now, &zone_of(&state, &mother.profile))
    };
    state
        .store()
        .save_leak(mother.profile.id, id, &leak, now)
        .await?;
    Ok(Redirect::to("/today?leak_saved=1#leak").into_response())
}
