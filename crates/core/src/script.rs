//! The session script: a guided session as a list of timed steps.
//!
//! Core turns her programme and her hold into a script once; the browser only plays it, against
//! absolute deadlines computed from one start time. Because the script is data, its length, its
//! order and its counts are tested here, and the player holds no programme rule of its own.

use crate::hold::HoldCounts;
use crate::programme::{ExerciseKind, Phase, Programme};
use serde::Serialize;

/// One timed step: a get-ready pause before a part, or one phase of a repetition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// Milliseconds from the start of the session.
    pub start_ms: u64,
    pub duration_ms: u64,
    pub phase: Phase,
    /// Index into [`SessionScript::parts`].
    pub part: usize,
    /// Repetition number within the part, from 1; 0 for the get-ready step.
    pub rep: u32,
    /// Repetitions the part holds.
    pub reps: u32,
    /// Counts the step lasts.
    pub counts: u32,
}

/// One exercise of the session, as played.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    pub exercise: ExerciseKind,
    pub reps: u32,
    pub contract_counts: u32,
    pub relax_counts: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionScript {
    pub count_ms: u32,
    pub hold_counts: u32,
    pub parts: Vec<Part>,
    pub steps: Vec<Step>,
    pub total_ms: u64,
}

/// Builds the script of one guided session: for each exercise in programme order, a get-ready
/// pause, then each repetition as a contraction followed by its relaxation.
pub fn session_script(programme: &Programme, hold: HoldCounts) -> SessionScript {
    let count_ms = u64::from(programme.timing.count_ms);
    let mut steps = Vec::new();
    let mut parts = Vec::new();
    let mut clock_ms = 0u64;
    let mut push = |steps: &mut Vec<Step>, phase, part, rep, reps, counts: u32| {
        let duration_ms = u64::from(counts) * count_ms;
        steps.push(Step {
            start_ms: clock_ms,
            duration_ms,
            phase,
            part,
            rep,
            reps,
            counts,
        });
        clock_ms += duration_ms;
    };
    for (part_index, exercise) in programme.exercises.iter().enumerate() {
        let contract_counts = match exercise.kind {
            ExerciseKind::Endurance => hold.counts(),
            ExerciseKind::Strength | ExerciseKind::Fast => exercise.contract_counts.unwrap_or(1),
        };
        parts.push(Part {
            exercise: exercise.kind,
            reps: exercise.reps,
            contract_counts,
            relax_counts: exercise.relax_counts,
        });
        if programme.timing.get_ready_counts > 0 {
            let counts = programme.timing.get_ready_counts;
            push(
                &mut steps,
                Phase::GetReady,
                part_index,
                0,
                exercise.reps,
                counts,
            );
        }
        for rep in 1..=exercise.reps {
            push(
                &mut steps,
                Phase::Contract,
                part_index,
                rep,
                exercise.reps,
                contract_counts,
            );
            push(
                &mut steps,
                Phase::Relax,
                part_index,
                rep,
                exercise.reps,
                exercise.relax_counts,
            );
        }
    }
    SessionScript {
        count_ms: programme.timing.count_ms,
        hold_counts: hold.counts(),
        parts,
        steps,
        total_ms: clock_ms,
    }
}

impl SessionScript {
    /// Contractions the whole script holds.
    pub fn contractions(&self) -> u32 {
        self.parts.iter().map(|part| part.reps).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hold::HoldSetter;
    use crate::programme::BROCHURE_PROGRAMME;
    use proptest::prelude::*;

    fn programme() -> Programme {
        crate::programme::brochure()
    }

    #[test]
    fn brochure_session_is_ten_squeezes_then_ten_holds_with_twenty_counts_rest() {
        let programme = programme();
        let Ok(hold) = HoldCounts::choose(&programme, HoldSetter::Mother, 5) else {
            panic!("5 is in range")
        };
        let script = session_script(&programme, hold);
        let contractions: Vec<_> = script
            .steps
            .iter()
            .filter(|step| step.phase == Phase::Contract)
            .map(|step| (script.parts[step.part].exercise, step.counts))
            .collect();
        assert_eq!(contractions.len(), 20);
        assert!(
            contractions[..10]
                .iter()
                .all(|c| *c == (ExerciseKind::Strength, 3))
        );
        assert!(
            contractions[10..]
                .iter()
                .all(|c| *c == (ExerciseKind::Endurance, 5))
        );
        let endurance_rests = script
            .steps
            .iter()
            .filter(|s| s.phase == Phase::Relax && s.part == 1)
            .all(|s| s.counts == 20);
        assert!(endurance_rests);
        // 5 + 10 x (3 + 6) + 5 + 10 x (5 + 20) counts of one second.
        assert_eq!(script.total_ms, (5 + 90 + 5 + 250) * 1000);
        assert_eq!(script.contractions(), 20);
    }

    #[test]
    fn every_repetition_is_a_contraction_then_its_relaxation() {
        let programme = programme();
        let script = session_script(&programme, HoldCounts::programme_start(&programme));
        for pair in script
            .steps
            .iter()
            .filter(|s| s.phase != Phase::GetReady)
            .collect::<Vec<_>>()
            .chunks(2)
        {
            assert_eq!(pair[0].phase, Phase::Contract);
            assert_eq!(pair[1].phase, Phase::Relax);
            assert_eq!((pair[0].part, pair[0].rep), (pair[1].part, pair[1].rep));
        }
    }

    proptest! {
        #[test]
        fn duration_is_the_sum_of_contiguous_steps_and_holds_stay_in_range(
            hold in 0u32..30,
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
                // Out of range: refused, so no script is ever made with it.
                prop_assert!(!(3..=10).contains(&hold));
                return Ok(());
            };
            let script = session_script(&programme, hold);
            let sum: u64 = script.steps.iter().map(|s| s.duration_ms).sum();
            prop_assert_eq!(script.total_ms, sum);
            let mut expected_start = 0;
            for step in &script.steps {
                prop_assert_eq!(step.start_ms, expected_start);
                prop_assert_eq!(step.duration_ms, u64::from(step.counts) * u64::from(count_ms));
                expected_start += step.duration_ms;
            }
            for step in script.steps.iter().filter(|s| s.phase == Phase::Contract && script.parts[s.part].exercise == ExerciseKind::Endurance) {
                prop_assert!((programme.hold.min..=programme.hold.max).contains(&step.counts));
            }
            prop_assert_eq!(script.contractions(), programme.contractions_per_session());
        }
    }
}
