//! The listen track: the cue timeline of a session played as one audio track.
//!
//! In listen mode the phone renders the whole session into one audio file before it starts, so
//! it keeps playing with the screen locked (only an `<audio>` element does on every phone). What
//! that track holds is decided here, from the session script, and nowhere else: every cue (the
//! part changes, each squeeze and relax, every count, the end), its kind, the sample frame it
//! starts on and, where there is room, the word spoken with it. The browser's renderer and the
//! guided player both play exactly this list, so picture, tones and words can never disagree.

use crate::programme::{ExerciseKind, Phase};
use crate::script::SessionScript;
use serde::{Serialize, Serializer};

/// Sample rate of the rendered track. 16 kHz carries the tones (at most 1 kHz) and speech
/// clearly, keeps a 6-minute track near 11 MB of 16-bit PCM in the phone's memory, and makes
/// every whole millisecond a whole number of frames, so a cue never lands between two frames.
pub const TRACK_SAMPLE_RATE: u32 = 16_000;

/// A word is only spoken where the next cue is at least this far away: a word cut short by the
/// next tone helps nobody, and a fast programme (the browser tests' 100 ms counts) is heard in
/// tones alone.
pub const WORD_MIN_GAP_MS: u64 = 700;

/// Counts are spoken up to this number (the longest hold a programme usually sets is 10; relax
/// pauses are ticked, not counted aloud). Above it, counts are ticked only.
pub const SPOKEN_NUMBER_MAX: u32 = 20;

/// What a cue sounds like. Each kind has its own tone, so tones alone are enough to follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CueKind {
    /// A new part (exercise) begins with its get-ready pause.
    Part,
    /// A squeeze begins.
    Contract,
    /// A relaxation begins.
    Relax,
    /// The next count within a step.
    Count,
    /// The session is over.
    End,
}

/// A spoken word, by the name of its recorded clip (`web/audio/<lang>/<clip>.mp3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// The exercise's name, at the start of its part.
    Exercise(ExerciseKind),
    /// The exercise's squeeze instruction ("Knijp en trek op", "Hou vast").
    Contract(ExerciseKind),
    /// The exercise's relax instruction ("Laat los", "Rust").
    Relax(ExerciseKind),
    /// A count, spoken as a number.
    Number(u32),
    /// The end of the session.
    Done,
}

impl Word {
    /// The clip's file name without extension.
    pub fn clip(self) -> String {
        match self {
            Self::Exercise(kind) => format!("exercise-{}", kind.as_str()),
            Self::Contract(kind) => format!("contract-{}", kind.as_str()),
            Self::Relax(kind) => format!("relax-{}", kind.as_str()),
            Self::Number(number) => format!("number-{number}"),
            Self::Done => "done".to_owned(),
        }
    }

    /// Every word a track can speak: the clips each language must have.
    pub fn all() -> Vec<Word> {
        let mut words = Vec::new();
        for kind in ExerciseKind::ALL {
            words.extend([
                Self::Exercise(kind),
                Self::Contract(kind),
                Self::Relax(kind),
            ]);
        }
        words.extend((1..=SPOKEN_NUMBER_MAX).map(Self::Number));
        words.push(Self::Done);
        words
    }
}

impl Serialize for Word {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.clip())
    }
}

/// One sound of the track.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cue {
    /// Milliseconds from the start of the session (the script's clock).
    pub at_ms: u64,
    /// The sample frame the sound starts on, at [`TRACK_SAMPLE_RATE`].
    pub frame: u64,
    /// The frame the next cue starts on (the track's end for the last): the sound is faded out
    /// before it, so every cue starts from silence and is heard (and measured) clearly.
    pub until_frame: u64,
    pub kind: CueKind,
    /// Index of the step the cue belongs to (the step count for the end).
    pub step: usize,
    pub word: Option<Word>,
}

/// The cue timeline of a track.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Track {
    pub sample_rate: u32,
    /// Frames of the session itself; the end cue starts here and rings on after it.
    pub total_frames: u64,
    pub cues: Vec<Cue>,
}

/// The frame a script time falls on. Exact for whole milliseconds at [`TRACK_SAMPLE_RATE`].
pub fn frame_of(ms: u64) -> u64 {
    ms * u64::from(TRACK_SAMPLE_RATE) / 1000
}

/// Derives the track's cues from the session script: at each step's start a part, contract or
/// relax cue, a count cue at each further count of the step, and the end cue at the script's end.
pub fn track(script: &SessionScript) -> Track {
    let count_ms = u64::from(script.count_ms);
    // (at_ms, kind, step, word before the gap rule)
    let mut sounds: Vec<(u64, CueKind, usize, Option<Word>)> = Vec::new();
    for (index, step) in script.steps.iter().enumerate() {
        let exercise = script.parts.get(step.part).map(|part| part.exercise);
        let (kind, word) = match (step.phase, exercise) {
            (Phase::GetReady, exercise) => (CueKind::Part, exercise.map(Word::Exercise)),
            (Phase::Contract, exercise) => (CueKind::Contract, exercise.map(Word::Contract)),
            (Phase::Relax, exercise) => (CueKind::Relax, exercise.map(Word::Relax)),
        };
        sounds.push((step.start_ms, kind, index, word));
        for count in 1..step.counts {
            let at_ms = step.start_ms + u64::from(count) * count_ms;
            if at_ms >= step.start_ms + step.duration_ms {
                break;
            }
            sounds.push((
                at_ms,
                CueKind::Count,
                index,
                spoken_count(step.phase, step.counts, count),
            ));
        }
    }
    sounds.push((
        script.total_ms,
        CueKind::End,
        script.steps.len(),
        Some(Word::Done),
    ));

    let total_frames = frame_of(script.total_ms);
    let cues = sounds
        .iter()
        .enumerate()
        .map(|(index, &(at_ms, kind, step, word))| {
            let next_ms = sounds.get(index + 1).map(|next| next.0);
            let room = next_ms.is_none_or(|next| next - at_ms >= WORD_MIN_GAP_MS);
            Cue {
                at_ms,
                frame: frame_of(at_ms),
                until_frame: next_ms.map_or(total_frames, frame_of),
                kind,
                step,
                word: word.filter(|_| room),
            }
        })
        .collect();
    Track {
        sample_rate: TRACK_SAMPLE_RATE,
        total_frames,
        cues,
    }
}

/// The number said at the `count`-th count (from 0) of a step: a squeeze counts up from two (its
/// own word is the first), getting ready counts down to one, a relaxation is ticked in silence.
fn spoken_count(phase: Phase, counts: u32, count: u32) -> Option<Word> {
    let number = match phase {
        Phase::Contract => count + 1,
        Phase::GetReady => counts - count,
        Phase::Relax => return None,
    };
    (number <= SPOKEN_NUMBER_MAX).then_some(Word::Number(number))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hold::{HoldCounts, HoldSetter};
    use crate::programme::{BROCHURE_PROGRAMME, Programme};
    use crate::script::session_script;
    use proptest::prelude::*;

    fn brochure_script(hold: u32) -> SessionScript {
        let programme = crate::programme::brochure();
        let Ok(hold) = HoldCounts::choose(&programme, HoldSetter::Mother, hold) else {
            panic!("{hold} is in the brochure's range")
        };
        session_script(&programme, hold)
    }

    /// One audio frame, in milliseconds.
    const FRAME_MS: f64 = 1000.0 / TRACK_SAMPLE_RATE as f64;

    /// The check the issue asks for: the track's cues are the script, cue for cue, each at its
    /// time within one audio frame, in the order they sound.
    fn assert_timeline_equals_script(script: &SessionScript, track: &Track) {
        let mut cues = track.cues.iter();
        let near = |cue: &Cue, ms: u64| {
            let at = cue.frame as f64 * 1000.0 / f64::from(track.sample_rate);
            assert!(
                (at - ms as f64).abs() <= FRAME_MS,
                "cue {cue:?} sounds at {at} ms, the script says {ms} ms"
            );
            assert_eq!(cue.at_ms, ms);
        };
        for (index, step) in script.steps.iter().enumerate() {
            let Some(cue) = cues.next() else {
                panic!("no cue for step {index}")
            };
            let expected = match step.phase {
                Phase::GetReady => CueKind::Part,
                Phase::Contract => CueKind::Contract,
                Phase::Relax => CueKind::Relax,
            };
            assert_eq!((cue.kind, cue.step), (expected, index));
            near(cue, step.start_ms);
            for count in 1..step.counts {
                let Some(cue) = cues.next() else {
                    panic!("no cue for count {count} of step {index}")
                };
                assert_eq!((cue.kind, cue.step), (CueKind::Count, index));
                near(
                    cue,
                    step.start_ms + u64::from(count) * u64::from(script.count_ms),
                );
            }
        }
        let Some(end) = cues.next() else {
            panic!("no end cue")
        };
        assert_eq!(end.kind, CueKind::End);
        near(end, script.total_ms);
        assert_eq!(cues.next(), None, "cues after the end");
        assert_eq!(track.total_frames, end.frame);
        for pair in track.cues.windows(2) {
            assert!(pair[0].frame < pair[1].frame, "cues out of order: {pair:?}");
            assert_eq!(pair[0].until_frame, pair[1].frame);
        }
    }

    #[test]
    fn brochure_track_is_the_script_cue_for_cue() {
        for hold in [3, 5, 10] {
            let script = brochure_script(hold);
            assert_timeline_equals_script(&script, &track(&script));
        }
    }

    #[test]
    fn a_squeeze_is_named_then_counted_aloud_and_a_rest_is_ticked_in_silence() {
        let script = brochure_script(5);
        let track = track(&script);
        // The first endurance hold: "Hou vast", 2, 3, 4, 5, then "Rust" and 19 silent ticks.
        let start = track
            .cues
            .iter()
            .position(|cue| cue.word == Some(Word::Contract(ExerciseKind::Endurance)))
            .unwrap_or_else(|| panic!("no endurance squeeze"));
        let words: Vec<_> = track.cues[start..start + 26]
            .iter()
            .map(|cue| cue.word)
            .collect();
        let mut expected = vec![Some(Word::Contract(ExerciseKind::Endurance))];
        expected.extend((2..=5).map(|n| Some(Word::Number(n))));
        expected.push(Some(Word::Relax(ExerciseKind::Endurance)));
        expected.extend([None; 19]);
        expected.push(Some(Word::Contract(ExerciseKind::Endurance)));
        assert_eq!(words, expected);
        // Getting ready names the exercise, then counts down to one.
        let first: Vec<_> = track.cues[..5].iter().map(|cue| cue.word).collect();
        assert_eq!(
            first,
            [
                Some(Word::Exercise(ExerciseKind::Strength)),
                Some(Word::Number(4)),
                Some(Word::Number(3)),
                Some(Word::Number(2)),
                Some(Word::Number(1)),
            ]
        );
        assert_eq!(
            track.cues.last().map(|cue| cue.word),
            Some(Some(Word::Done))
        );
    }

    #[test]
    fn a_fast_programme_is_tones_only() {
        let text = BROCHURE_PROGRAMME.replace("count_ms = 1000", "count_ms = 100");
        let Ok(programme) = Programme::from_toml(&text, "fast") else {
            panic!("a valid programme")
        };
        let script = session_script(&programme, HoldCounts::programme_start(&programme));
        let track = track(&script);
        // Only the end has room for a word.
        let words: Vec<_> = track.cues.iter().filter_map(|cue| cue.word).collect();
        assert_eq!(words, [Word::Done]);
    }

    #[test]
    fn every_word_a_track_says_is_in_the_clip_list() {
        let all = Word::all();
        for hold in [3, 10] {
            for cue in track(&brochure_script(hold)).cues {
                if let Some(word) = cue.word {
                    assert!(all.contains(&word), "{word:?} has no clip");
                }
            }
        }
        let clips: std::collections::BTreeSet<_> = all.iter().map(|word| word.clip()).collect();
        assert_eq!(clips.len(), all.len(), "two words share a clip name");
    }

    #[test]
    fn the_track_serialises_as_the_page_reads_it() {
        let script = brochure_script(3);
        let Ok(json) = serde_json::to_value(track(&script)) else {
            panic!("serialisable")
        };
        assert_eq!(json["sample_rate"], 16_000);
        assert_eq!(
            json["cues"][0],
            serde_json::json!({"at_ms": 0, "frame": 0, "until_frame": 16_000, "kind": "part", "step": 0, "word": "exercise-strength"})
        );
        assert_eq!(json["cues"][1]["word"], "number-4");
    }

    proptest! {
        #[test]
        fn every_track_is_its_script(
            hold in 3u32..=10,
            count_ms in 50u32..2000,
            reps in 1u32..20,
            relax in 1u32..30,
            get_ready in 0u32..10,
        ) {
            let text = BROCHURE_PROGRAMME
                .replace("count_ms = 1000", &format!("count_ms = {count_ms}"))
                .replace("get_ready_counts = 5", &format!("get_ready_counts = {get_ready}"))
                .replace("reps = 10", &format!("reps = {reps}"))
                .replace("relax_counts = 20", &format!("relax_counts = {relax}"));
            let programme = match Programme::from_toml(&text, "generated") {
                Ok(programme) => programme,
                Err(error) => panic!("{error}"),
            };
            let Ok(hold) = HoldCounts::choose(&programme, HoldSetter::Mother, hold) else {
                panic!("{hold} is in range");
            };
            let script = session_script(&programme, hold);
            let track = track(&script);
            assert_timeline_equals_script(&script, &track);
            for (index, cue) in track.cues.iter().enumerate() {
                if cue.word.is_some() && index + 1 < track.cues.len() {
                    prop_assert!(track.cues[index + 1].at_ms - cue.at_ms >= WORD_MIN_GAP_MS);
                }
            }
        }
    }
}
