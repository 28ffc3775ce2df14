//! Her bladder diary as words, for her pages, the portal and the printout alike: each line ("08:15
//! Peed · 250 mL · urgency 2"), her figures in plain words with what each volume rests on, and the
//! one-page printout. One place, so she and her physiotherapist read the same sentences.

use crate::i18n::Tr;
use crate::state::AppState;
use crate::view::{Chrome, full_date_label};
use askama::Template;
use hangmat_core::diary::{Entry, Figures, Span, Volume, figures};
use hangmat_store::{DiaryLine, ProfileId, StoreResult, StoredDiary};
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// One line of her diary as shown.
#[derive(Debug, Clone)]
pub struct LineRow {
    pub id: String,
    /// "08:15"
    pub time: String,
    /// "Peed"
    pub what: String,
    /// "250 mL · urgency 2 · first of the morning"
    pub detail: String,
}

/// A figure in plain words, with what it rests on when it is a volume.
#[derive(Debug, Clone)]
pub struct FigureRow {
    pub label: String,
    pub value: String,
    pub basis: String,
}

/// Her lines of one local day.
#[derive(Debug, Clone)]
pub struct DayLines {
    pub date: String,
    pub lines: Vec<LineRow>,
}

fn ml(t: &Tr, value: f64) -> String {
    t.num("diary-ml", "ml", value.round())
}

/// What a line says, in her language.
pub fn line_row(t: &Tr, line: &DiaryLine, zone: &TimeZone) -> LineRow {
    let local = zone.to_datetime(line.entry.at());
    let (what, details): (&str, Vec<String>) = match &line.entry {
        Entry::Void {
            volume_ml,
            urgency,
            first_of_morning,
            ..
        } => {
            let mut details = vec![match volume_ml {
                Some(volume) => ml(t, f64::from(*volume)),
                None => t.get("diary-not-measured"),
            }];
            if let Some(urgency) = urgency {
                details.push(t.num("diary-urgency-short", "urgency", u32::from(*urgency)));
            }
            if *first_of_morning {
                details.push(t.get("diary-first-of-morning"));
            }
            ("diary-kind-void", details)
        }
        Entry::Drink {
            volume_ml, kind, ..
        } => {
            let mut details = vec![ml(t, f64::from(*volume_ml))];
            if let Some(kind) = kind {
                details.push(t.get(&format!("diary-drink-{}", kind.as_str())));
            }
            ("diary-kind-drink", details)
        }
        Entry::Leak {
            amount, activity, ..
        } => {
            let mut details = Vec::new();
            if let Some(amount) = amount {
                details.push(t.get(&format!("leak-amount-{}", amount.as_str())));
            }
            if let Some(activity) = activity {
                details.push(t.get(&format!("leak-activity-{}", activity.as_str())));
            }
            ("diary-kind-leak", details)
        }
        Entry::PadChanged { .. } => ("diary-kind-pad", Vec::new()),
        Entry::WentToSleep { .. } => ("diary-kind-sleep", Vec::new()),
        Entry::WokeUp { .. } => ("diary-kind-wake", Vec::new()),
    };
    LineRow {
        id: line.id.to_string(),
        time: format!("{:02}:{:02}", local.hour(), local.minute()),
        what: t.get(what),
        detail: details.join(" · "),
    }
}

/// Her lines grouped by local day, oldest first.
pub fn days(t: &Tr, lines: &[DiaryLine], zone: &TimeZone) -> Vec<DayLines> {
    let mut days: Vec<(Date, DayLines)> = Vec::new();
    for line in lines {
        let date = zone.to_datetime(line.entry.at()).date();
        let row = line_row(t, line, zone);
        match days.last_mut() {
            Some((last, day)) if *last == date => day.lines.push(row),
            _ => days.push((
                date,
                DayLines {
                    date: full_date_label(t, date),
                    lines: vec![row],
                },
            )),
        }
    }
    days.into_iter().map(|(_, day)| day).collect()
}

/// The end of what a diary's figures cover at `now`: its span's end, or now while it runs.
pub fn covered_until(span: &Span, now: Timestamp) -> Timestamp {
    span.end().min(now)
}

/// The figures of a diary's lines over its span (up to `now` while it runs, at least a day).
pub fn figures_of(span: &Span, lines: &[DiaryLine], now: Timestamp) -> Figures {
    let entries: Vec<Entry> = lines.iter().map(|line| line.entry.clone()).collect();
    figures(&entries, span.started, span.figures_end(now))
}

fn volume_value(t: &Tr, volume: &Volume) -> (String, String) {
    let value = volume
        .ml
        .map_or_else(|| t.get("diary-not-measured"), |value| ml(t, value));
    let basis = t.args(
        "diary-basis",
        &[
            ("measured", i64::from(volume.measured).into()),
            ("voids", i64::from(volume.voids).into()),
        ],
    );
    (value, basis)
}

/// Her figures in plain words, in the order a physiotherapist reads a frequency-volume chart.
pub fn figure_rows(t: &Tr, figures: &Figures) -> Vec<FigureRow> {
    let plain = |label: &str, value: String| FigureRow {
        label: t.get(label),
        value,
        basis: String::new(),
    };
    let volume = |label: &str, volume: &Volume| {
        let (value, basis) = volume_value(t, volume);
        FigureRow {
            label: t.get(label),
            value,
            basis,
        }
    };
    let per_day = |value: f64| t.decimal(value, 1);
    vec![
        plain(
            "diary-fig-span",
            t.args(
                "diary-fig-span-value",
                &[
                    ("days", t.decimal(figures.days, 1).into()),
                    ("nights", i64::from(figures.nights).into()),
                ],
            ),
        ),
        plain("diary-fig-voids", per_day(figures.voids_per_24h)),
        plain(
            "diary-fig-day-voids",
            per_day(figures.daytime_voids_per_24h),
        ),
        plain(
            "diary-fig-nocturia",
            figures
                .nocturia_per_night
                .map_or_else(|| t.get("diary-no-night"), per_day),
        ),
        volume("diary-fig-volume", &figures.volume_per_24h),
        volume(
            "diary-fig-night-volume",
            &figures.nocturnal_volume_per_night,
        ),
        plain(
            "diary-fig-npi",
            figures.nocturnal_polyuria_index.map_or_else(
                || t.get("diary-not-measured"),
                |index| t.num("diary-percent", "percent", (index * 100.0).round()),
            ),
        ),
        volume("diary-fig-largest", &figures.largest_void),
        volume("diary-fig-mean", &figures.mean_void),
        plain("diary-fig-leaks", per_day(figures.leaks_per_24h)),
        plain(
            "diary-fig-urgency",
            per_day(figures.urgency_episodes_per_24h),
        ),
        plain("diary-fig-pads", per_day(figures.pads_per_24h)),
        plain("diary-fig-drinks", ml(t, figures.fluid_intake_ml_per_24h)),
    ]
}

/// "6 december 2026 to 9 december 2026", in her zone.
pub fn span_label(t: &Tr, span: &Span, now: Timestamp, zone: &TimeZone) -> String {
    let date = |at: Timestamp| full_date_label(t, zone.to_datetime(at).date());
    t.args(
        "diary-span",
        &[
            ("from", date(span.started).into()),
            ("to", date(covered_until(span, now)).into()),
        ],
    )
}

/// The one-page printout: her lines per day in a table, her figures, the deployment's name.
#[derive(Template)]
#[template(path = "shared/diary_print.html")]
pub struct PrintPage {
    pub chrome: Chrome,
    pub t: Tr,
    /// Where "back" leads (her figures, or her page in the portal).
    pub back: String,
    /// Who it is about on a portal printout (the physiotherapist's label for her), else empty.
    pub label: String,
    pub span: String,
    pub days: Vec<DayLines>,
    pub figures: Vec<FigureRow>,
    pub footer: String,
}

/// A started diary of hers with its lines and figures, or `None` when it is not hers or has not
/// begun (so a guessed id answers 404).
pub struct Read {
    pub diary: StoredDiary,
    pub span: Span,
    pub lines: Vec<DiaryLine>,
}

pub async fn read(
    state: &AppState,
    profile: ProfileId,
    id: uuid::Uuid,
) -> StoreResult<Option<Read>> {
    let store = state.store();
    let Some((diary, span)) = store
        .diaries(profile)
        .await?
        .into_iter()
        .find(|diary| diary.id == id)
        .and_then(|diary| diary.span().map(|span| (diary, span)))
    else {
        return Ok(None);
    };
    let lines = store.diary_lines(profile, id).await?;
    Ok(Some(Read { diary, span, lines }))
}

/// The printout of `read` for a reader in `t`'s language, written in her zone.
pub fn print_page(
    state: &AppState,
    chrome: Chrome,
    read: &Read,
    zone: &TimeZone,
    back: String,
    label: String,
) -> PrintPage {
    let t = chrome.t;
    let now = state.now();
    let figures = figures_of(&read.span, &read.lines, now);
    PrintPage {
        footer: t.args(
            "diary-print-footer",
            &[
                ("deployment", state.config().deployment.name.clone().into()),
                ("printed", crate::view::moment_label(&t, now, zone).into()),
            ],
        ),
        span: span_label(&t, &read.span, now, zone),
        days: days(&t, &read.lines, zone),
        figures: figure_rows(&t, &figures),
        chrome,
        t,
        back,
        label,
    }
}

/// Her diary's card on Today: the one that runs (day 2 of 3, a link to log), the one her
/// physiotherapist asked for (an invitation she may leave), or a way to start one.
pub struct TodayCard {
    pub title: String,
    pub text: String,
    pub link: String,
}

/// Today's diary card: while a diary runs (which day, a link to log), or while her
/// physiotherapist's request waits; nothing otherwise (she starts one of her own from Progress,
/// and Today stays short).
pub async fn today_card(
    state: &AppState,
    t: &Tr,
    profile: ProfileId,
) -> StoreResult<Option<TodayCard>> {
    let now = state.now();
    let diaries = state.store().diaries(profile).await?;
    if let Some(span) = diaries
        .iter()
        .filter_map(StoredDiary::span)
        .find(|span| span.is_running(now))
    {
        return Ok(Some(TodayCard {
            title: t.args(
                "diary-day-of",
                &[
                    ("day", i64::from(span.day(now)).into()),
                    ("days", i64::from(span.planned_days).into()),
                ],
            ),
            text: t.get("diary-today-running"),
            link: t.get("diary-today-log"),
        }));
    }
    let invited = diaries.iter().any(|diary| diary.started.is_none());
    Ok(invited.then(|| TodayCard {
        title: t.get("diary-invited-title"),
        text: t.get("diary-today-invited"),
        link: t.get("diary-today-open"),
    }))
}
