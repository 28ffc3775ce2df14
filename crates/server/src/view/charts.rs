//! Small SVG charts drawn on the server: they need no script, print well, and the same numbers are
//! always given in a table beside them for screen readers.

use crate::i18n::Tr;
use crate::view::date_label;
use hangmat_core::hold::HoldSetter;
use hangmat_core::programme::Programme;
use hangmat_core::timeline::local_date;
use hangmat_store::HoldChange;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::fmt::Write;

/// Her contractions per day as [`bars`] against her daily target, labelled with the day of the
/// month: her progress page and the portal's page of her draw the same chart.
pub fn daily_bars(days: &[hangmat_core::progress::DayTally], target: u32) -> String {
    let values: Vec<(String, u32)> = days
        .iter()
        .map(|day| (day.date.day().to_string(), day.contractions()))
        .collect();
    bars(&values, target)
}

/// A bar per day with an optional target line. `values` are (label, value) oldest first.
pub fn bars(values: &[(String, u32)], target: u32) -> String {
    let width = 320.0;
    let height = 140.0;
    let top = 10.0;
    let bottom = 20.0;
    let max = values
        .iter()
        .map(|v| v.1)
        .max()
        .unwrap_or(0)
        .max(target)
        .max(1) as f64;
    let plot = height - top - bottom;
    let slot = width / values.len().max(1) as f64;
    let mut svg = format!(
        "<svg viewBox=\"0 0 {width} {height}\" role=\"img\" preserveAspectRatio=\"none\" class=\"bars\">"
    );
    for (index, (label, value)) in values.iter().enumerate() {
        let bar_height = plot * f64::from(*value) / max;
        let x = index as f64 * slot + slot * 0.15;
        let y = top + plot - bar_height;
        let class = if target > 0 && *value >= target {
            "bar met"
        } else {
            "bar"
        };
        let _ = write!(
            svg,
            "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{bar_height:.1}\" rx=\"2\"/>",
            slot * 0.7
        );
        if index % 2 == values.len() % 2 {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"9\">{}</text>",
                x + slot * 0.35,
                height - 6.0,
                escape(label)
            );
        }
    }
    if target > 0 {
        let y = top + plot - plot * f64::from(target) / max;
        let _ = write!(
            svg,
            "<line class=\"axis target\" x1=\"0\" x2=\"{width}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke-dasharray=\"4 3\"/>"
        );
    }
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"0\" x2=\"{width}\" y1=\"{0:.1}\" y2=\"{0:.1}\"/></svg>",
        top + plot
    );
    svg
}

/// A step line of her hold over time. `points` are (label, counts) oldest first.
pub fn steps(points: &[(String, u32)], low: u32, high: u32) -> String {
    let width = 320.0;
    let height = 140.0;
    let (left, top, bottom) = (24.0, 10.0, 20.0);
    let high = points.iter().map(|p| p.1).max().unwrap_or(high).max(high);
    let low = points.iter().map(|p| p.1).min().unwrap_or(low).min(low);
    let span = f64::from((high - low).max(1));
    let plot = height - top - bottom;
    let y_of = |value: u32| top + plot - plot * f64::from(value - low) / span;
    let slot = (width - left) / points.len().max(1) as f64;
    let mut svg = format!("<svg viewBox=\"0 0 {width} {height}\" role=\"img\" class=\"steps\">");
    for value in [low, high] {
        let y = y_of(value);
        let _ = write!(
            svg,
            "<text x=\"2\" y=\"{:.1}\" font-size=\"9\">{value}</text><line class=\"axis\" x1=\"{left}\" x2=\"{width}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>",
            y + 3.0
        );
    }
    let mut path = String::new();
    for (index, (label, value)) in points.iter().enumerate() {
        let x0 = left + index as f64 * slot;
        let y = y_of(*value);
        let _ = write!(
            path,
            "{}{x0:.1},{y:.1} H{:.1} ",
            if index == 0 { "M" } else { "L" },
            x0 + slot
        );
        let _ = write!(
            svg,
            "<circle class=\"dot\" cx=\"{:.1}\" cy=\"{y:.1}\" r=\"3\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"9\">{}</text>",
            x0 + 3.0,
            x0 + slot / 2.0,
            height - 6.0,
            escape(label)
        );
    }
    let _ = write!(
        svg,
        "<path class=\"line\" fill=\"none\" d=\"{}\"/></svg>",
        path.trim_end()
    );
    svg
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One change of her hold, as the table beside the hold chart shows it.
pub struct HoldRow {
    pub date: String,
    pub hold: u32,
    pub set_by: String,
}

/// Who set a hold, in the words of the page that shows it (her own page says "you").
pub struct SetByLabels<'a> {
    pub mother: &'a str,
    pub physiotherapist: &'a str,
    pub programme: &'a str,
}

/// Weeks of leaks her progress and the portal show.
pub const LEAK_WEEKS: i64 = 8;

/// A row of the leaks-per-week table.
pub struct LeakWeekRow {
    pub week: String,
    pub leaks: u32,
}

/// Her leaks per week (core's weeks, Monday to Sunday) from the last [`LEAK_WEEKS`] weeks to
/// `today`, never before she started: the bars (no target line: leaks are not a goal) and the
/// table, newest week first. Her progress page and the portal's page of her show the same.
pub async fn leaks_per_week_of(
    state: &crate::state::AppState,
    t: &Tr,
    profile: &hangmat_store::Profile,
    today: jiff::civil::Date,
) -> hangmat_store::StoreResult<(String, Vec<LeakWeekRow>)> {
    use jiff::ToSpan;
    let started = local_date(profile.created_at, &crate::view::zone_of(state, profile));
    let from = today
        .checked_sub((LEAK_WEEKS * 7 - 1).days())
        .unwrap_or(today)
        .max(started.min(today));
    let per_day = state.store().leaks_per_day(profile.id, from, today).await?;
    let weeks = hangmat_core::leak_log::per_week(&per_day, from, today);
    let bars_svg = bars(
        &weeks
            .iter()
            .map(|week| {
                (
                    format!("{}/{}", week.starts.day(), week.starts.month()),
                    week.leaks,
                )
            })
            .collect::<Vec<_>>(),
        0,
    );
    let rows = weeks
        .iter()
        .rev()
        .map(|week| LeakWeekRow {
            week: date_label(t, week.starts),
            leaks: week.leaks,
        })
        .collect();
    Ok((bars_svg, rows))
}

/// Her hold over time, read from the store, in her time zone: the chart and its table, each change
/// said with `labels` (her app says "you", the portal "the mother").
pub async fn hold_history_of(
    state: &crate::state::AppState,
    t: &Tr,
    profile: &hangmat_store::Profile,
    programme: &Programme,
    labels: &SetByLabels<'_>,
) -> hangmat_store::StoreResult<(String, Vec<HoldRow>)> {
    let history = state.store().hold_history(profile.id).await?;
    Ok(hold_history(
        t,
        &history,
        &crate::view::zone_of(state, profile),
        profile.created_at,
        programme,
        labels,
    ))
}

/// Her hold over time: the step chart and its table, newest first. With no change ever recorded
/// the programme's starting hold stands from the day she started.
pub fn hold_history(
    t: &Tr,
    history: &[HoldChange],
    zone: &TimeZone,
    started: Timestamp,
    programme: &Programme,
    labels: &SetByLabels<'_>,
) -> (String, Vec<HoldRow>) {
    let mut rows: Vec<HoldRow> = history
        .iter()
        .map(|change| HoldRow {
            date: date_label(t, local_date(change.set_at, zone)),
            hold: change.hold_counts,
            set_by: t.get(match change.set_by {
                HoldSetter::Mother => labels.mother,
                HoldSetter::Physiotherapist => labels.physiotherapist,
            }),
        })
        .collect();
    if rows.is_empty() {
        rows.push(HoldRow {
            date: date_label(t, local_date(started, zone)),
            hold: programme.hold.start,
            set_by: t.get(labels.programme),
        });
    }
    let points: Vec<(String, u32)> = rows.iter().map(|r| (r.date.clone(), r.hold)).collect();
    let chart = steps(&points, programme.hold.min, programme.hold.max);
    rows.reverse();
    (chart, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_mark_days_that_reached_the_target() {
        let svg = bars(&[("1".into(), 60), ("2".into(), 20), ("3".into(), 0)], 60);
        assert_eq!(svg.matches("class=\"bar met\"").count(), 1);
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("class=\"axis target\""));
    }

    #[test]
    fn labels_are_escaped() {
        assert!(steps(&[("<b>".into(), 5)], 3, 10).contains("&lt;b&gt;"));
    }
}
