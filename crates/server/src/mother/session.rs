//! The guided session: the script core made from her programme, handed to the browser's player;
//! and a plain form to log a session for phones without JavaScript.

use crate::http::error::PageError;
use crate::http::visitor::Mother;
use crate::i18n::Tr;
use crate::services::outcome::{RecordError, record_outcome};
use crate::services::programme::effective_programme;
use crate::state::AppState;
use crate::view::{Chrome, form_id, render, today_of, zone_of};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hangmat_core::BirthDate;
use hangmat_core::hold::HoldCounts;
use hangmat_core::outcome::{OutcomeError, Rating, logged_by_hand};
use hangmat_core::position::suggested_position;
use hangmat_core::programme::{ExerciseKind, Phase, Programme};
use hangmat_core::script::{SessionScript, session_script};
use hangmat_core::timeline::day_plan;
use hangmat_core::track::{Word, track};
use hangmat_store::ProfileId;
use serde_json::{Value, json};
use std::collections::HashMap;

pub struct PositionChoice {
    pub id: String,
    pub name: String,
    pub suggested: bool,
}

pub struct LogPart {
    pub exercise: &'static str,
    pub label: String,
    pub reps: u32,
}

#[derive(Template)]
#[template(path = "mother/session.html")]
struct SessionPage {
    chrome: Chrome,
    t: Tr,
    days_until_exercises: Option<u32>,
    summary: String,
    hold_counts: u32,
    script_json: String,
    positions: Vec<PositionChoice>,
    log_id: String,
    log_parts: Vec<LogPart>,
    log_error: Option<String>,
    /// Her physiotherapist's latest changes, so she knows why the session changed.
    care_lines: Vec<String>,
}

/// Her current hold: the last one set, else the programme's start.
pub async fn current_hold(state: &AppState, profile: ProfileId) -> Result<HoldCounts, PageError> {
    let last = state.store().current_hold(profile).await?;
    Ok(hold_or_start(state, last.map(|change| change.hold_counts)))
}

/// Her hold from the counts last stored for her, else the programme's start.
pub fn hold_or_start(state: &AppState, last: Option<u32>) -> HoldCounts {
    last.map_or_else(
        || HoldCounts::programme_start(state.programme()),
        HoldCounts::from_stored,
    )
}

/// "10 short squeezes", "10 holds of 5 counts": for each part of the script, the line for every
/// number of repetitions she may have done (0 to the part's), so a stopped session says it too.
fn did_lines(t: &Tr, script: &SessionScript) -> Vec<Vec<String>> {
    script
        .parts
        .iter()
        .map(|part| {
            (0..=part.reps)
                .map(|count| {
                    t.args(
                        &format!("player-did-{}", part.exercise.as_str()),
                        &[("count", count.into()), ("hold", script.hold_counts.into())],
                    )
                })
                .collect()
        })
        .collect()
}

/// The script as the player reads it: core's timed steps plus every label in her language.
fn script_json(t: &Tr, script: &SessionScript, programme: &Programme) -> String {
    let parts: Vec<Value> = script
        .parts
        .iter()
        .map(|part| {
            let kind = part.exercise.as_str();
            let cautions = programme
                .exercise(part.exercise)
                .map(|exercise| {
                    exercise
                        .cautions
                        .iter()
                        .map(|(phase, ids)| {
                            let texts: Vec<String> = ids
                                .iter()
                                .map(|id| t.get(&format!("caution-{id}")))
                                .collect();
                            (phase.as_str().to_owned(), json!(texts))
                        })
                        .collect::<serde_json::Map<String, Value>>()
                })
                .unwrap_or_default();
            json!({
                "exercise": kind,
                "title": t.get(&format!("exercise-{kind}")),
                "contract_label": t.get(&format!("phase-contract-{kind}")),
                "relax_label": t.get(&format!("phase-relax-{kind}")),
                "cautions": cautions,
            })
        })
        .collect();
    let label = |id: &str| t.get(&format!("player-{id}"));
    let labels = json!({
        "get_ready": t.get(&format!("phase-{}", Phase::GetReady.as_str())),
        "rep": t.args("player-rep", &[("rep", "{rep}".to_owned().into()), ("reps", "{reps}".to_owned().into())]),
        "pause": label("pause"), "resume": label("resume"), "stop": label("stop"), "done": label("done"),
        "how_did_it_go": label("how-did-it-go"), "rating_easy": label("rating-easy"),
        "rating_fine": label("rating-fine"), "rating_hard": label("rating-hard"),
        "held_every_count": label("held-every-count"), "save": label("save"), "skip": label("skip"),
        "saved": label("saved"), "saved_offline": label("saved-offline"), "back": label("back"),
        "back_url": "/today", "sound": label("sound"), "speech": label("speech"), "paused": label("paused"),
        "stopped": label("stopped"), "warm": label("warm"),
        // What she did, for every count of each part (plurals are Fluent's, not the player's).
        "did": did_lines(t, script),
        "today": t.args("player-today", &[("done", "{done}".to_owned().into()), ("target", programme.schedule.daily_contraction_target.into())]),
    });
    let value = json!({
        "lang": t.lang.code(),
        "count_ms": script.count_ms,
        "total_ms": script.total_ms,
        "hold_counts": script.hold_counts,
        "outcome_url": "/api/outcomes",
        "steps": script.steps,
        "parts": parts,
        "labels": labels,
        // Listen mode: the cue timeline core derived from the script, and its texts.
        "track": track(script),
        "listen": listen_labels(t),
    });
    // Inside <script type="application/json">, "<" must never start a tag.
    value.to_string().replace('<', "\\u003c")
}

/// The texts of listen mode (the session as one audio track), for the player.
fn listen_labels(t: &Tr) -> Value {
    let label = |id: &str| t.get(&format!("listen-{id}"));
    json!({
        "preparing": label("preparing"), "failed": label("failed"),
        "media_title": label("media-title"), "playing": label("playing"),
        // Every clip a track can say: fetched once she listens, so a later session works offline.
        "clips": Word::all().into_iter().map(Word::clip).collect::<Vec<_>>(),
    })
}

fn summary(t: &Tr, script: &SessionScript) -> String {
    let mut lines: Vec<String> = script
        .parts
        .iter()
        .map(|part| {
            t.args(
                &format!("session-part-{}", part.exercise.as_str()),
                &[
                    ("reps", i64::from(part.reps).into()),
                    ("counts", i64::from(part.contract_counts).into()),
                    ("relax", i64::from(part.relax_counts).into()),
                ],
            )
        })
        .collect();
    let minutes = script.total_ms.div_ceil(60_000);
    lines.push(t.num("session-duration", "minutes", minutes as f64));
    lines.join(" ")
}

async fn session_page(
    state: &AppState,
    mother: &Mother,
    log_error: Option<String>,
) -> Result<SessionPage, PageError> {
    let programme =
        crate::services::programme::effective_programme(state, mother.profile.id).await?;
    let programme = programme.as_ref();
    let t = mother.t();
    let today = today_of(state, &mother.profile);
    let plan = day_plan(
        programme,
        BirthDate::from_stored(mother.profile.birth_date),
        today,
    );
    let hold = current_hold(state, mother.profile.id).await?;
    let script = session_script(programme, hold);
    let last = state.store().last_position(mother.profile.id).await?;
    let suggested = suggested_position(programme, last.as_deref());
    let sessions_today = state
        .store()
        .day_tally(mother.profile.id, today)
        .await?
        .sessions;
    Ok(SessionPage {
        chrome: Chrome::new(state, mother.lang, "session-title", "session", true),
        t,
        days_until_exercises: plan.days_until_exercises,
        summary: summary(&t, &script),
        hold_counts: hold.counts(),
        script_json: script_json(&t, &script, programme),
        positions: programme
            .positions
            .iter()
            .map(|id| PositionChoice {
                id: id.clone(),
                name: t.get(&format!("position-{id}")),
                suggested: id == suggested,
            })
            .collect(),
        log_id: form_id(&mother.profile, "session", today, sessions_today),
        log_parts: script
            .parts
            .iter()
            .map(|part| LogPart {
                exercise: part.exercise.as_str(),
                label: t.num(
                    &format!("session-log-reps-{}", part.exercise.as_str()),
                    "reps",
                    part.reps,
                ),
                reps: part.reps,
            })
            .collect(),
        log_error,
        care_lines: crate::view::care::latest_change_lines(
            state,
            &t,
            mother.profile.id,
            &zone_of(state, &mother.profile),
            None,
        )
        .await?,
    })
}

pub async fn show(State(state): State<AppState>, mother: Mother) -> Result<Response, PageError> {
    let page = session_page(&state, &mother, None).await?;
    Ok(render(StatusCode::OK, &page))
}

/// A session logged by hand (no JavaScript, or done away from the phone). Its form id makes a
/// second submit count once; core checks it as it checks the player's.
pub async fn log_form(
    State(state): State<AppState>,
    mother: Mother,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let t = mother.t();
    let programme = effective_programme(&state, mother.profile.id).await?;
    let hold = current_hold(&state, mother.profile.id).await?;
    let script = session_script(&programme, hold);
    let mut reps = Vec::new();
    for part in &script.parts {
        let field = format!("reps_{}", part.exercise.as_str());
        match form.get(&field).and_then(|v| v.trim().parse().ok()) {
            Some(done) => reps.push(done),
            None => {
                let message = t.num("error-reps-range", "reps", part.reps);
                return log_refused(&state, &mother, message).await;
            }
        }
    }
    let now = state.now();
    let position = form.get("position").cloned().unwrap_or_default();
    let rating = form.get("rating").and_then(|r| Rating::parse(r));
    let report = logged_by_hand(&script, &reps, position, rating, now);
    let id = form
        .get("id")
        .and_then(|id| uuid::Uuid::parse_str(id.trim()).ok())
        .unwrap_or_else(|| state.random().uuid_v4());
    let message = match record_outcome(&state, &mother.profile, id, report, now).await {
        Ok(_) => return Ok(Redirect::to("/today").into_response()),
        Err(RecordError::Store(error)) => return Err(error.into()),
        Err(RecordError::Refused(OutcomeError::TooManyReps { planned, .. })) => {
            t.num("error-reps-range", "reps", planned)
        }
        Err(RecordError::Refused(_)) => t.get("error-session-invalid"),
    };
    log_refused(&state, &mother, message).await
}

/// The session page again, with why the hand-logged session was not kept.
async fn log_refused(
    state: &AppState,
    mother: &Mother,
    message: String,
) -> Result<Response, PageError> {
    let page = session_page(state, mother, Some(message)).await?;
    Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

/// Exercise kinds the player and the translations must know (for tests).
pub const EXERCISE_KINDS: [ExerciseKind; 3] = ExerciseKind::ALL;
