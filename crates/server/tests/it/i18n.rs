//! Translations are complete: every language has the same messages, and every message the app
//! asks for exists in every language. A missing translation fails here, never silently in use.

use hangmat_core::programme::{ExerciseKind, KNOWN_CAUTIONS, KNOWN_MOMENTS, KNOWN_POSITIONS};
use hangmat_server::http::error::PROBLEM_KINDS;
use hangmat_server::i18n::{Lang, Tr};
use std::collections::BTreeSet;
use std::path::Path;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."))
}

fn message_ids(lang: Lang) -> BTreeSet<String> {
    // Every .ftl file of the language's folder: fluent_templates loads them all.
    let folder = repo().join("locales").join(lang.code());
    let mut text = String::new();
    for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "ftl") {
            text += &std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            text.push('\n');
        }
    }
    let pattern =
        regex::Regex::new(r"(?m)^([a-z][a-z0-9_-]*)\s*=").unwrap_or_else(|e| panic!("{e}"));
    pattern
        .captures_iter(&text)
        .map(|c| c[1].to_owned())
        .collect()
}

#[test]
fn every_language_has_the_same_messages() {
    let dutch = message_ids(Lang::Nl);
    assert!(dutch.len() > 100, "only {} messages", dutch.len());
    for lang in [Lang::Fr, Lang::En] {
        let other = message_ids(lang);
        let missing: Vec<_> = dutch.difference(&other).collect();
        let extra: Vec<_> = other.difference(&dutch).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, extra {extra:?}",
            lang.code()
        );
    }
}

/// Every id a template or handler names literally, plus the families built from programme data.
fn used_ids() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let pattern =
        regex::Regex::new(r#"\bt(?:\(\))?\.(?:get|num|text|args)\(\s*"([a-z][a-z0-9_-]*)""#)
            .unwrap_or_else(|e| panic!("{e}"));
    let crate_dir = repo().join("crates/server");
    let mut stack = vec![crate_dir.join("src"), crate_dir.join("templates")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                ids.extend(pattern.captures_iter(&text).map(|c| c[1].to_owned()));
            }
        }
    }
    let families: [(&str, Vec<String>); 3] = [
        (
            "position-",
            KNOWN_POSITIONS.iter().map(|s| s.to_string()).collect(),
        ),
        (
            "caution-",
            KNOWN_CAUTIONS.iter().map(|s| s.to_string()).collect(),
        ),
        (
            "moment-",
            KNOWN_MOMENTS.iter().map(|s| s.to_string()).collect(),
        ),
    ];
    for (prefix, names) in families {
        ids.extend(names.into_iter().map(|name| format!("{prefix}{name}")));
    }
    for kind in ExerciseKind::ALL.map(ExerciseKind::as_str) {
        for prefix in [
            "exercise-",
            "phase-contract-",
            "phase-relax-",
            "session-part-",
            "session-log-reps-",
        ] {
            ids.insert(format!("{prefix}{kind}"));
        }
    }
    // Reminders: habits and milestones are named from core's lists.
    for habit in hangmat_core::reminders::Habit::ALL {
        ids.insert(format!("reminders-habit-{}", habit.as_str()));
    }
    for milestone in hangmat_core::reminders::Milestone::ALL.map(|m| m.as_str()) {
        for prefix in [
            "reminders-milestone-",
            "reminders-push-milestone-",
            "reminders-calendar-",
        ] {
            ids.insert(format!("{prefix}{milestone}"));
        }
    }
    for fault in hangmat_core::physio_session::ContractionFault::ALL {
        ids.insert(format!("care-fault-{}", fault.as_str()));
    }
    ids.extend((1..=12).map(|n| format!("month-{n}")));
    ids.extend((1..=7).map(|n| format!("weekday-short-{n}")));
    ids.extend(PROBLEM_KINDS.iter().map(|kind| format!("problem-{kind}")));
    for page in [
        "error-not-found",
        "error-cross-site",
        "error-conflict",
        "error-unavailable",
        "error-too-large",
        "error-bad-form",
        "error-timeout",
    ] {
        ids.insert(page.to_owned());
        ids.insert(format!("{page}-text"));
    }
    for label in [
        "pause",
        "resume",
        "stop",
        "done",
        "how-did-it-go",
        "rating-easy",
        "rating-fine",
        "rating-hard",
        "held-every-count",
        "save",
        "skip",
        "saved",
        "saved-offline",
        "back",
        "sound",
        "speech",
        "paused",
        "rep",
    ] {
        ids.insert(format!("player-{label}"));
    }
    ids.insert("phase-get_ready".into());
    ids
}

#[test]
fn every_message_the_app_uses_exists_in_every_language() {
    let used = used_ids();
    assert!(used.len() > 150, "the scan found only {} ids", used.len());
    for lang in Lang::ALL {
        let known = message_ids(lang);
        let missing: Vec<_> = used.iter().filter(|id| !known.contains(*id)).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
    }
}

#[test]
fn plural_messages_choose_the_right_form() {
    let en = Tr::new(Lang::En);
    assert_eq!(
        en.num("progress-contractions", "count", 1u32),
        "1 contraction"
    );
    assert_eq!(
        en.num("progress-contractions", "count", 20u32),
        "20 contractions"
    );
    assert_eq!(en.num("today-day", "day", 3u32), "Day 3 after the birth");
}

#[test]
fn translated_texts_are_not_left_in_english() {
    let en = Tr::new(Lang::En);
    for lang in [Lang::Nl, Lang::Fr] {
        let t = Tr::new(lang);
        for id in [
            "welcome-intro",
            "today-rest-why",
            "settings-erase-text",
            "caution-keep_breathing",
            "session-start",
        ] {
            assert_ne!(t.get(id), en.get(id), "{} still English: {id}", lang.code());
        }
    }
}
