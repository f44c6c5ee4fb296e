//! Rules for the stems, the questions of the reflection form: how many each model has, the
//! order of the WiseGP stages, and how each stem is asked. A stem asks for learning and plans
//! (GMC and Academy guidance: learning, not case facts), never for a bare yes or no, and the
//! last one looks forward.

use std::ops::RangeInclusive;

use crate::domain::prompt::ReflectionModel;

/// Stems that the yes/no heuristic would flag but that an author has judged open, exactly as
/// written in the library. Add one here, with the reason, rather than rewording a good stem.
/// (Empty for now: every stem in the library reads as an open question.)
pub const ALLOWED_STEMS: &[&str] = &[];

/// Openers of a closed question: a stem that starts with one and asks nothing open after it
/// can be answered "yes" and left there.
const CLOSED_OPENERS: &[&str] = &[
    "is", "was", "were", "are", "am", "did", "do", "does", "can", "could", "would", "should",
    "will", "have", "has", "had",
];

const OPEN_WORDS: &[&str] = &[
    "what", "how", "why", "who", "whom", "whose", "where", "which", "when",
];

/// Words that show a stem looks ahead: to what will change, be tried, kept or revised.
const FORWARD_WORDS: &[&str] = &[
    "will",
    "would",
    "could",
    "next",
    "now",
    "change",
    "differently",
    "try",
    "plan",
    "keep",
    "carry",
    "take",
    "build",
    "protect",
    "push",
    "learn",
    "learnt",
    "revise",
    "step",
    "repeat",
];

/// How many stems each model has. Every model but WiseGP's four stages fits in three on a
/// phone; Gibbs and Johns are the short versions, with the full model offered in the message.
pub fn stem_range(model: ReflectionModel) -> RangeInclusive<usize> {
    match model {
        ReflectionModel::WiseGp => 4..=4,
        ReflectionModel::Aomrc => 3..=4,
        ReflectionModel::Rolfe
        | ReflectionModel::Driscoll
        | ReflectionModel::Gibbs
        | ReflectionModel::Johns => 3..=3,
    }
}

pub fn stem_count_problem(model: ReflectionModel, count: usize) -> Option<String> {
    let range = stem_range(model);
    if range.contains(&count) {
        return None;
    }
    let wanted = if range.start() == range.end() {
        range.start().to_string()
    } else {
        format!("{}–{}", range.start(), range.end())
    };
    Some(format!(
        "a {} prompt has {wanted} stems, this one has {count}",
        model.name()
    ))
}

/// WiseGP stems follow its stages in order, each named: Explore, Explain, Plan, Review.
/// Returns the index of the first stem out of place.
pub fn wisegp_order_problem(stems: &[&str]) -> Option<(usize, String)> {
    const STAGES: [&str; 4] = ["Explore", "Explain", "Plan", "Review"];
    stems
        .iter()
        .zip(STAGES)
        .position(|(stem, stage)| !stem.trim_start().starts_with(stage))
        .map(|at| {
            let message = format!(
                "WiseGP stem {} should start with \"{}\" (the stages are Explore, Explain, \
                 Plan, Review and revise)",
                at + 1,
                STAGES[at]
            );
            (at, message)
        })
}

/// A closed (yes/no) question, or a bare narrative opener.
pub fn stem_problem(stem: &str) -> Option<String> {
    stem_problem_allowing(stem, ALLOWED_STEMS)
}

/// [`stem_problem`] with a given allow-list.
pub(super) fn stem_problem_allowing(stem: &str, allowed: &[&str]) -> Option<String> {
    let stem = stem.trim();
    if allowed.contains(&stem) {
        return None;
    }
    let asked = question_part(stem).to_lowercase();
    let words: Vec<&str> = asked
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let first = words
        .iter()
        .copied()
        .find(|w| !matches!(*w, "so" | "now" | "and"));
    let open = words.iter().any(|w| OPEN_WORDS.contains(w)) || words.contains(&"or");
    if first.is_some_and(|w| CLOSED_OPENERS.contains(&w)) && !open {
        return Some(format!(
            "stem '{stem}' reads as a yes/no question; ask what, how or why (or add it to \
             ALLOWED_STEMS in src/domain/library/rules/stems.rs if it is open)"
        ));
    }
    if asked.starts_with("what happened") && !asked.contains("in a sentence") {
        return Some(format!(
            "stem '{stem}' asks for the story; ask what was learnt, or say \"in a sentence\""
        ));
    }
    None
}

/// The last stem asks what will change.
pub fn last_stem_problem(stem: &str) -> Option<String> {
    let lower = stem.to_lowercase();
    let forward = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| FORWARD_WORDS.contains(&w));
    (!forward).then(|| {
        format!(
            "the last stem '{}' should look forward: what I will do, try, keep or change",
            stem.trim()
        )
    })
}

/// The part of a stem after a stage label such as "Explore:" or "Looking in:".
fn question_part(stem: &str) -> &str {
    match stem.split_once(':') {
        Some((label, rest)) if label.split_whitespace().count() <= 3 => rest.trim(),
        _ => stem,
    }
}
