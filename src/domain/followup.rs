//! Coming back to plans. A reflection that ends with a plan (its last answered question asks
//! what the writer will do: "Now what?", "Plan", "What will I do differently next time?") gets
//! one follow-up weeks later — six by
//! default, settable by the member, or never — showing the member their own plan, privately,
//! and asking how it went. The answer is a new entry linked to the first and tagged alike.
//! Nobody else is told whether they answered.

use chrono::{DateTime, Utc};

use super::evidence::Answer;

/// Weeks from a plan to its follow-up unless the member chose otherwise.
pub const DEFAULT_WEEKS: u32 = 6;
/// The most weeks a member can choose.
pub const MAX_WEEKS: u32 = 26;
/// The follow-up's questions.
pub const STEMS: [&str; 2] = ["How did it go?", "What needs revising, and how?"];

/// Words of a question that asks the writer to commit to something ahead: "Now what?", "Plan",
/// "What will I do differently next time?", "The one change I will try".
const PLAN_CUES: [&str; 11] = [
    "now what",
    "plan",
    "will i",
    "i will",
    "i'll",
    "next time",
    "could i",
    "i could",
    "would i",
    "i would",
    "will do",
];

/// Whether a question asks for a plan. WiseGP's "Review and revise" is the coming back
/// itself, so it never counts.
pub fn is_plan_stem(stem: &str) -> bool {
    let stem = stem.trim().to_lowercase();
    !stem.starts_with("review") && PLAN_CUES.iter().any(|cue| stem.contains(cue))
}

/// The plan an entry ends with: its last answered question, when that asks for a plan.
pub fn plan_of(answers: &[Answer]) -> Option<&Answer> {
    answers
        .iter()
        .rev()
        .find(|a| !a.text.trim().is_empty())
        .filter(|a| is_plan_stem(&a.stem))
}

/// "Six weeks ago", "A week ago", "2 days ago": how long since the plan, in words.
pub fn time_since(from: DateTime<Utc>, now: DateTime<Utc>) -> String {
    const NUMBERS: [&str; 11] = [
        "", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    ];
    let days = (now - from).num_days().max(0);
    let weeks = (days + 3) / 7;
    match (days, weeks) {
        (0, _) => "Earlier today".to_owned(),
        (1, _) => "Yesterday".to_owned(),
        (d, _) if d < 7 => format!("{d} days ago"),
        (_, 1) => "A week ago".to_owned(),
        (_, w) if w <= 10 => format!("{} weeks ago", NUMBERS[usize::try_from(w).unwrap_or(0)]),
        (_, w) => format!("{w} weeks ago"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn answer(stem: &str, text: &str) -> Answer {
        Answer {
            stem: stem.into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_plan_is_the_last_answered_question_when_it_asks_for_one() {
        let rolfe = [
            answer("What?", "a"),
            answer("So what?", "b"),
            answer("Now what could I try?", "Ask first."),
        ];
        assert_eq!(plan_of(&rolfe).map(|a| a.text.as_str()), Some("Ask first."));
        // An empty last answer does not count, and then the plan is not the last answered.
        let blank = [answer("So what?", "b"), answer("Now what?", "  ")];
        assert_eq!(plan_of(&blank), None);
        // WiseGP ends with its review: the plan has been come back to already.
        let wisegp = [
            answer("Plan: what we agreed together", "x"),
            answer("Review and revise: what we found", "y"),
        ];
        assert_eq!(plan_of(&wisegp), None);
        assert!(is_plan_stem("Action plan"));
        assert!(is_plan_stem("What will I do differently next time?"));
        assert!(is_plan_stem("The one change I will try"));
        assert!(!is_plan_stem("Reply"));
        assert!(!is_plan_stem("So what did it change?"));
        assert!(!is_plan_stem(
            "Review and revise: what I found, and changed"
        ));
        assert!(
            STEMS.iter().all(|s| !is_plan_stem(s)),
            "a follow-up never chains"
        );
    }

    #[test]
    fn time_since_reads_as_a_person_would_say_it() {
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap();
        assert_eq!(time_since(at, at + Duration::weeks(6)), "Six weeks ago");
        assert_eq!(time_since(at, at + Duration::days(8)), "A week ago");
        assert_eq!(time_since(at, at + Duration::days(3)), "3 days ago");
        assert_eq!(time_since(at, at + Duration::weeks(20)), "20 weeks ago");
    }
}
