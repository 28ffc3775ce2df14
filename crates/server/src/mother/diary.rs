//! Her bladder diary: start one (herself, or the one her physiotherapist asked for; one at a time),
//! then log with one thumb: a void in three taps ("Peed" → a volume, her last ones offered again,
//! or "did not measure" → how strong the urge was, which saves), a drink likewise, a leak, a pad
//! changed, going to sleep, waking up; after waking, the missed night voids. Then her figures and
//! a printable page.
//!
//! Every step is a plain link or form (POST-redirect-GET), so it works without JavaScript. Each
//! entry form carries an id the page made, so a form sent twice counts once. A bad entry (a
//! volume of -5 or 5,000, a time to come or before the diary began) is refused by core's
//! `check_entry` with the form shown again as she filled it, and nothing stored changes. The
//! diary records; it never judges her figures or advises.

use crate::http::error::PageError;
use crate::http::visitor::Mother;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::view::diary::{self as words, FigureRow, LineRow};
use crate::view::{Chrome, render, zone_of};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hangmat_core::diary::{
    AskedBy, DrinkKind, Entry, EntryError, MAX_DRINK_ML, MAX_URGENCY, MAX_VOID_ML, check_entry,
    local_time, local_time_field, parse_volume, recent_amounts, start_at,
};
use hangmat_core::leak_log;
use hangmat_core::timeline::local_date;
use hangmat_store::{DiaryLine, StoredDiary};
use jiff::tz::TimeZone;
use serde::Deserialize;
use uuid::Uuid;

/// Amounts always offered, beside her latest ones (mL).
const VOID_AMOUNTS: [u32; 5] = [100, 200, 300, 400, 500];
const DRINK_AMOUNTS: [u32; 5] = [150, 200, 250, 330, 500];
/// How many of her latest amounts are offered again.
const AGAIN: usize = 3;

/// What she logs. A void, a drink and a leak have a page of choices before the one that saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Void,
    Drink,
    Leak,
    Pad,
    Sleep,
    Wake,
}

impl Kind {
    const ALL: [Kind; 6] = [
        Kind::Void,
        Kind::Drink,
        Kind::Leak,
        Kind::Pad,
        Kind::Sleep,
        Kind::Wake,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Kind::Void => "void",
            Kind::Drink => "drink",
            Kind::Leak => "leak",
            Kind::Pad => "pad",
            Kind::Sleep => "sleep",
            Kind::Wake => "wake",
        }
    }

    fn parse(text: &str) -> Option<Kind> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    fn has_choices(self) -> bool {
        matches!(self, Kind::Void | Kind::Drink | Kind::Leak)
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct DiaryQuery {
    add: Option<String>,
    amount: Option<String>,
    woke: Option<String>,
    saved: Option<String>,
    end: Option<String>,
}

/// The entry form as she sent it, kept whole so a refusal shows it again as she filled it.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct EntryForm {
    #[serde(default)]
    id: String,
    #[serde(default)]
    kind: String,
    /// Her local day and time ("2026-12-06", "08:15"): two short fields stay readable at 200%
    /// text, where one date-and-time field cuts the time off.
    #[serde(default)]
    day: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    volume: String,
    first_of_morning: Option<String>,
    urgency: Option<String>,
    drink: Option<String>,
    #[serde(default)]
    amount: String,
    activity: Option<String>,
}

/// A link among the choices of a step.
struct Choice {
    href: String,
    label: String,
}

/// A button of the form that saves: `name=value`.
struct SaveButton {
    name: &'static str,
    value: String,
    label: String,
}

/// The first step of a void, drink or leak: how much.
struct Choose {
    kind: &'static str,
    title: String,
    again: Vec<Choice>,
    options: Vec<Choice>,
    /// A field for another amount (voids and drinks).
    custom: bool,
}

/// The step that saves, with what she typed.
struct Finish {
    kind: &'static str,
    title: String,
    /// The diary's days to choose from (a select stays inside a phone's width at 200% text,
    /// where a date field does not): (value, label), the latest first.
    days: Vec<(String, String)>,
    form: EntryForm,
    error: Option<String>,
    /// The volume field (voids and drinks) and its label.
    volume_label: Option<String>,
    first_of_morning: bool,
    legend: String,
    buttons: Vec<SaveButton>,
}

struct Running {
    id: Uuid,
    day_line: String,
    span_line: String,
}

struct PastDiary {
    href: String,
    label: String,
}

#[derive(Template)]
#[template(path = "mother/diary.html")]
struct DiaryPage {
    chrome: Chrome,
    t: Tr,
    notice: Option<String>,
    running: Option<Running>,
    /// The diary her physiotherapist asked for, waiting for her.
    invited: Option<Uuid>,
    /// The id a new diary of hers takes (a form sent twice starts one).
    start_id: Uuid,
    planned_days: u32,
    kinds: Vec<Choice>,
    choose: Option<Choose>,
    finish: Option<Finish>,
    woke: bool,
    /// Asks "end it now?" before the form that ends it (a stray tap must not end three days).
    confirm_end: bool,
    today: Vec<LineRow>,
    past: Vec<PastDiary>,
}

/// What the page shows besides the diary itself.
enum Step {
    Home { notice: Option<&'static str> },
    Choose(Kind),
    Finish(Box<EntryForm>, Option<String>),
}

pub async fn show(
    State(state): State<AppState>,
    mother: Mother,
    Query(query): Query<DiaryQuery>,
) -> Result<Response, PageError> {
    let kind = query.add.as_deref().and_then(Kind::parse);
    let step = match (kind, query.amount) {
        (Some(kind), amount) if !kind.has_choices() || amount.is_some() => {
            let form = EntryForm {
                kind: kind.as_str().to_owned(),
                amount: amount.unwrap_or_default(),
                ..EntryForm::default()
            };
            Step::Finish(Box::new(filled(&state, &mother, form)), None)
        }
        (Some(kind), _) => Step::Choose(kind),
        (None, _) if query.woke.is_some() => Step::Home {
            notice: Some("diary-woke-noted"),
        },
        (None, _) => Step::Home {
            notice: query.saved.map(|_| "diary-saved"),
        },
    };
    let asks = Asks {
        woke: query.woke.is_some(),
        end: query.end.is_some(),
    };
    page(&state, &mother, step, asks, StatusCode::OK).await
}

/// A new form's id, time (now, in her zone) and the volume a choice carried.
fn filled(state: &AppState, mother: &Mother, form: EntryForm) -> EntryForm {
    let zone = zone_of(state, &mother.profile);
    let volume = match form.kind.as_str() {
        "void" | "drink" if form.amount != "none" => form.amount.clone(),
        _ => String::new(),
    };
    let now = local_time_field(state.now(), &zone);
    let (day, time) = now.split_once('T').unwrap_or((&now, ""));
    EntryForm {
        id: state.random().uuid_v4().to_string(),
        day: day.to_owned(),
        time: time.to_owned(),
        volume,
        ..form
    }
}

/// Her diaries, and the one that runs now.
async fn diaries(
    state: &AppState,
    mother: &Mother,
) -> Result<(Vec<StoredDiary>, Option<StoredDiary>), PageError> {
    let all = state.store().diaries(mother.profile.id).await?;
    let now = state.now();
    let running = all
        .iter()
        .find(|diary| diary.span().is_some_and(|span| span.is_running(now)))
        .copied();
    Ok((all, running))
}

/// The questions the page asks besides its step: about the night after waking, and before
/// ending the diary.
#[derive(Default)]
struct Asks {
    woke: bool,
    end: bool,
}

async fn page(
    state: &AppState,
    mother: &Mother,
    step: Step,
    asks: Asks,
    status: StatusCode,
) -> Result<Response, PageError> {
    let t = mother.t();
    let zone = zone_of(state, &mother.profile);
    let (all, running) = diaries(state, mother).await?;
    let now = state.now();
    let today = match running {
        Some(diary) => lines_of_today(state, mother, diary.id, &zone).await?,
        None => Vec::new(),
    };
    let (notice, choose, finish) = match step {
        Step::Home { notice } => (notice.map(|id| t.get(id)), None, None),
        Step::Choose(kind) => (None, Some(choose(state, mother, &t, kind).await?), None),
        Step::Finish(form, error) => {
            let days = running
                .and_then(|diary| diary.span())
                .map(|span| day_choices(&t, span.started, now, &zone, &form.day))
                .unwrap_or_default();
            (None, None, finish(&t, *form, error, days))
        }
    };
    let page = DiaryPage {
        chrome: Chrome::new(state, mother.lang, "diary-title", "progress", true),
        notice,
        running: running.and_then(|diary| running_view(&t, &diary, now, &zone)),
        invited: all
            .iter()
            .find(|diary| diary.started.is_none() && diary.asked_by == AskedBy::Physiotherapist)
            .map(|diary| diary.id),
        start_id: state.random().uuid_v4(),
        planned_days: state.programme().diary.days,
        kinds: kind_links(&t),
        choose,
        finish,
        woke: asks.woke,
        confirm_end: asks.end,
        today,
        past: past_diaries(&t, &all, now, &zone),
        t,
    };
    Ok(render(status, &page))
}

fn running_view(
    t: &Tr,
    diary: &StoredDiary,
    now: jiff::Timestamp,
    zone: &TimeZone,
) -> Option<Running> {
    let span = diary.span()?;
    Some(Running {
        id: diary.id,
        day_line: t.args(
            "diary-day-of",
            &[
                ("day", i64::from(span.day(now)).into()),
                ("days", i64::from(span.planned_days).into()),
            ],
        ),
        span_line: t.text(
            "diary-ends",
            "end",
            &crate::view::moment_label(t, span.planned_end(), zone),
        ),
    })
}

fn kind_links(t: &Tr) -> Vec<Choice> {
    Kind::ALL
        .into_iter()
        .map(|kind| Choice {
            href: format!("/diary?add={}#step", kind.as_str()),
            label: t.get(&format!("diary-add-{}", kind.as_str())),
        })
        .collect()
}

fn past_diaries(
    t: &Tr,
    all: &[StoredDiary],
    now: jiff::Timestamp,
    zone: &TimeZone,
) -> Vec<PastDiary> {
    all.iter()
        .filter_map(|diary| {
            let span = diary.span()?;
            Some(PastDiary {
                href: format!("/diary/{}", diary.id),
                label: words::span_label(t, &span, now, zone),
            })
        })
        .collect()
}

/// The running diary's lines of her local today, latest first.
async fn lines_of_today(
    state: &AppState,
    mother: &Mother,
    diary: Uuid,
    zone: &TimeZone,
) -> Result<Vec<LineRow>, PageError> {
    let t = mother.t();
    let today = local_date(state.now(), zone);
    let lines = state.store().diary_lines(mother.profile.id, diary).await?;
    Ok(lines
        .iter()
        .rev()
        .filter(|line| local_date(line.entry.at(), zone) == today)
        .map(|line| words::line_row(&t, line, zone))
        .collect())
}

async fn choose(
    state: &AppState,
    mother: &Mother,
    t: &Tr,
    kind: Kind,
) -> Result<Choose, PageError> {
    let link = |amount: &str, label: String| Choice {
        href: format!("/diary?add={}&amount={amount}#step", kind.as_str()),
        label,
    };
    let ml = |amount: u32| link(&amount.to_string(), t.num("diary-ml", "ml", amount));
    let (again, options, custom) = match kind {
        Kind::Void | Kind::Drink => {
            let standard = if kind == Kind::Void {
                VOID_AMOUNTS
            } else {
                DRINK_AMOUNTS
            };
            let latest = state
                .store()
                .latest_amounts(mother.profile.id, kind == Kind::Drink)
                .await?;
            let again = recent_amounts(latest, AGAIN);
            let mut options: Vec<Choice> = standard
                .into_iter()
                .filter(|amount| !again.contains(amount))
                .map(ml)
                .collect();
            if kind == Kind::Void {
                options.push(link("none", t.get("diary-did-not-measure")));
            }
            (again.into_iter().map(ml).collect(), options, true)
        }
        _ => {
            let mut options: Vec<Choice> = hangmat_core::diary::LeakAmount::ALL
                .into_iter()
                .map(|amount| {
                    link(
                        amount.as_str(),
                        t.get(&format!("leak-amount-{}", amount.as_str())),
                    )
                })
                .collect();
            options.push(link("none", t.get("diary-not-said")));
            (Vec::new(), options, false)
        }
    };
    Ok(Choose {
        kind: kind.as_str(),
        title: t.get(&format!("diary-how-much-{}", kind.as_str())),
        again,
        options,
        custom,
    })
}

/// The step that saves `form`'s kind; `None` for a kind that does not exist.
/// The local days from the diary's first to today, the latest first, labelled for her; a day she
/// sent that is not among them is kept as the first choice, so a refusal shows what she sent.
fn day_choices(
    t: &Tr,
    started: jiff::Timestamp,
    now: jiff::Timestamp,
    zone: &TimeZone,
    sent: &str,
) -> Vec<(String, String)> {
    let first = local_date(started, zone);
    let mut day = local_date(now, zone);
    let mut days = Vec::new();
    while day >= first && days.len() < 14 {
        days.push((day.to_string(), crate::view::date_label(t, day)));
        match day.yesterday() {
            Ok(before) => day = before,
            Err(_) => break,
        }
    }
    if !sent.is_empty() && !days.iter().any(|(value, _)| value == sent) {
        days.insert(0, (sent.to_owned(), sent.to_owned()));
    }
    days
}

fn finish(
    t: &Tr,
    form: EntryForm,
    error: Option<String>,
    days: Vec<(String, String)>,
) -> Option<Finish> {
    let kind = Kind::parse(&form.kind)?;
    let button = |name: &'static str, value: &str, label: String| SaveButton {
        name,
        value: value.to_owned(),
        label,
    };
    let (legend, buttons) = match kind {
        Kind::Void => (
            t.get("diary-urgency-legend"),
            (0..=MAX_URGENCY)
                .map(|u| {
                    button(
                        "urgency",
                        &u.to_string(),
                        t.get(&format!("diary-urgency-{u}")),
                    )
                })
                .collect(),
        ),
        Kind::Drink => (
            t.get("diary-drink-legend"),
            DrinkKind::ALL
                .into_iter()
                .map(|d| {
                    button(
                        "drink",
                        d.as_str(),
                        t.get(&format!("diary-drink-{}", d.as_str())),
                    )
                })
                .collect(),
        ),
        Kind::Leak => {
            let mut buttons: Vec<SaveButton> = hangmat_core::diary::LeakActivity::ALL
                .into_iter()
                .map(|a| {
                    button(
                        "activity",
                        a.as_str(),
                        t.get(&format!("leak-activity-{}", a.as_str())),
                    )
                })
                .collect();
            buttons.push(button("activity", "", t.get("diary-not-said")));
            (t.get("leak-activity-legend"), buttons)
        }
        _ => (
            String::new(),
            vec![button("save", "1", t.get("diary-save"))],
        ),
    };
    Some(Finish {
        days,
        kind: kind.as_str(),
        title: t.get(&format!("diary-add-{}", kind.as_str())),
        volume_label: match kind {
            Kind::Void => Some(t.get("diary-volume-void")),
            Kind::Drink => Some(t.get("diary-volume-drink")),
            _ => None,
        },
        first_of_morning: form.first_of_morning.is_some(),
        form,
        error,
        legend,
        buttons,
    })
}

/// Why a form's entry is refused: core's check, or a choice that was not offered.
enum Refused {
    Entry(EntryError),
    Choice,
}

impl From<EntryError> for Refused {
    fn from(error: EntryError) -> Self {
        Refused::Entry(error)
    }
}

/// A choice she made among `parse`'s, an empty or absent one being "not said".
fn chosen<T>(text: Option<&str>, parse: fn(&str) -> Option<T>) -> Result<Option<T>, Refused> {
    match text.map(str::trim).filter(|text| !text.is_empty()) {
        None => Ok(None),
        Some(text) => parse(text).map(Some).ok_or(Refused::Choice),
    }
}

/// The entry a form describes (core checks it against the diary that runs).
fn entry_of(form: &EntryForm, zone: &TimeZone) -> Result<Entry, Refused> {
    let kind = Kind::parse(&form.kind).ok_or(Refused::Choice)?;
    let at = local_time(&format!("{}T{}", form.day.trim(), form.time.trim()), zone)?;
    Ok(match kind {
        Kind::Void => Entry::Void {
            at,
            volume_ml: parse_volume(&form.volume, MAX_VOID_ML)?,
            urgency: form
                .urgency
                .as_deref()
                .filter(|text| !text.is_empty())
                .map(|text| text.trim().parse::<u8>().map_err(|_| EntryError::Urgency))
                .transpose()?,
            first_of_morning: form.first_of_morning.is_some(),
        },
        Kind::Drink => Entry::Drink {
            at,
            volume_ml: parse_volume(&form.volume, MAX_DRINK_ML)?
                .ok_or(EntryError::Volume { max: MAX_DRINK_ML })?,
            kind: chosen(form.drink.as_deref(), DrinkKind::parse)?,
        },
        Kind::Leak => {
            let amount = Some(form.amount.as_str()).filter(|text| *text != "none");
            let (amount, activity) =
                leak_log::details(amount, form.activity.as_deref()).map_err(|_| Refused::Choice)?;
            Entry::Leak {
                at,
                amount,
                activity,
            }
        }
        Kind::Pad => Entry::PadChanged { at },
        Kind::Sleep => Entry::WentToSleep { at },
        Kind::Wake => Entry::WokeUp { at },
    })
}

/// Her message for a refused entry.
fn refusal(t: &Tr, refused: Refused) -> String {
    match refused {
        Refused::Entry(EntryError::Volume { max }) => t.num("diary-error-volume", "max", max),
        Refused::Entry(EntryError::Urgency) => t.get("diary-error-urgency"),
        Refused::Entry(EntryError::BeforeStart) => t.get("diary-error-before-start"),
        Refused::Entry(EntryError::InFuture) => t.get("diary-error-future"),
        Refused::Entry(EntryError::Time) => t.get("diary-error-time"),
        Refused::Choice => t.get("diary-error-choice"),
    }
}

/// Saves one entry of her running diary; a refusal shows the form again as she filled it.
pub async fn save(
    State(state): State<AppState>,
    mother: Mother,
    Form(form): Form<EntryForm>,
) -> Result<Response, PageError> {
    let t = mother.t();
    let zone = zone_of(&state, &mother.profile);
    let now = state.now();
    let (_, running) = diaries(&state, &mother).await?;
    let Some((diary, span)) = running.and_then(|d| d.span().map(|span| (d, span))) else {
        return Ok(Redirect::to("/diary").into_response());
    };
    let checked = entry_of(&form, &zone).and_then(|entry| {
        check_entry(&entry, span.started, now)
            .map(|()| entry)
            .map_err(Refused::from)
    });
    let entry = match checked {
        Ok(entry) => entry,
        Err(error) => {
            let message = refusal(&t, error);
            let step = Step::Finish(Box::new(form), Some(message));
            return page(
                &state,
                &mother,
                step,
                Asks::default(),
                StatusCode::BAD_REQUEST,
            )
            .await;
        }
    };
    let id = Uuid::parse_str(form.id.trim()).unwrap_or_else(|_| state.random().uuid_v4());
    let line = DiaryLine { id, entry };
    let leak_date = local_date(line.entry.at(), &zone);
    state
        .store()
        .save_diary_entry(mother.profile.id, diary.id, &line, leak_date, now)
        .await?;
    let woke = matches!(line.entry, Entry::WokeUp { .. });
    let next = if woke {
        "/diary?woke=1#night"
    } else {
        "/diary?saved=1#today"
    };
    Ok(Redirect::to(next).into_response())
}

#[derive(Debug, Deserialize)]
pub struct IdForm {
    #[serde(default)]
    id: String,
}

/// Starts a diary: the one her physiotherapist asked for if one waits, else a new one of hers.
/// One at a time: while one runs, this only leads back to it.
pub async fn start(
    State(state): State<AppState>,
    mother: Mother,
    Form(form): Form<IdForm>,
) -> Result<Response, PageError> {
    let (all, running) = diaries(&state, &mother).await?;
    if running.is_some() {
        return Ok(Redirect::to("/diary").into_response());
    }
    let now = state.now();
    let store = state.store();
    if let Some(invited) = all.iter().find(|diary| diary.started.is_none()) {
        store
            .start_diary(mother.profile.id, invited.id, now)
            .await?;
        return Ok(Redirect::to("/diary?saved=1").into_response());
    }
    let diary = StoredDiary {
        id: Uuid::parse_str(form.id.trim()).unwrap_or_else(|_| state.random().uuid_v4()),
        asked_by: AskedBy::Her,
        asked_at: now,
        planned_days: state.programme().diary.days,
        started: Some(start_at(now)),
        ended: None,
    };
    store.ask_for_diary(mother.profile.id, &diary).await?;
    Ok(Redirect::to("/diary?saved=1").into_response())
}

/// Removes a wrong line of hers.
pub async fn remove(
    State(state): State<AppState>,
    mother: Mother,
    Form(form): Form<IdForm>,
) -> Result<Response, PageError> {
    if let Ok(id) = Uuid::parse_str(form.id.trim()) {
        state
            .store()
            .remove_diary_line(mother.profile.id, id)
            .await?;
    }
    Ok(Redirect::to("/diary#today").into_response())
}

/// Ends her running diary now and shows its figures.
pub async fn end(State(state): State<AppState>, mother: Mother) -> Result<Response, PageError> {
    let (_, running) = diaries(&state, &mother).await?;
    let Some(diary) = running else {
        return Ok(Redirect::to("/diary").into_response());
    };
    state
        .store()
        .end_diary(mother.profile.id, diary.id, state.now())
        .await?;
    Ok(Redirect::to(&format!("/diary/{}", diary.id)).into_response())
}

#[derive(Template)]
#[template(path = "mother/diary_figures.html")]
struct FiguresPage {
    chrome: Chrome,
    t: Tr,
    id: Uuid,
    span: String,
    running: bool,
    figures: Vec<FigureRow>,
}

/// One of her diaries by the id in its address; another's, or none, is not found.
async fn hers(state: &AppState, mother: &Mother, id: &str) -> Result<words::Read, PageError> {
    let id = Uuid::parse_str(id).map_err(|_| PageError::NotFound)?;
    words::read(state, mother.profile.id, id)
        .await?
        .ok_or(PageError::NotFound)
}

/// Her figures of one diary, in plain words.
pub async fn figures(
    State(state): State<AppState>,
    mother: Mother,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let read = hers(&state, &mother, &id).await?;
    let t = mother.t();
    let zone = zone_of(&state, &mother.profile);
    let now = state.now();
    let figures = words::figures_of(&read.span, &read.lines, now);
    let page = FiguresPage {
        chrome: Chrome::new(&state, mother.lang, "diary-figures-title", "progress", true),
        id: read.diary.id,
        span: words::span_label(&t, &read.span, now, &zone),
        running: read.span.is_running(now),
        figures: words::figure_rows(&t, &figures),
        t,
    };
    Ok(render(StatusCode::OK, &page))
}

/// Her one-page printout of one diary.
pub async fn print(
    State(state): State<AppState>,
    mother: Mother,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let read = hers(&state, &mother, &id).await?;
    let zone = zone_of(&state, &mother.profile);
    let chrome = Chrome::new(&state, mother.lang, "diary-print-title", "", false);
    let page = words::print_page(
        &state,
        chrome,
        &read,
        &zone,
        format!("/diary/{}", read.diary.id),
        String::new(),
    );
    Ok(render(StatusCode::OK, &page))
}
