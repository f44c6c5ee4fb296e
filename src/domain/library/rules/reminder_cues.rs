//! Rule: a prompt that invites a patient, a colleague or something that went wrong carries the
//! matching reminder, so the message asks for anonymisation (and, for incidents, says what a
//! reflection is not). The cues are phrases that *invite* such an encounter; a prompt that only
//! mentions patients in general ("services for patients") does not need one, which is why the
//! cues are singular or phrased as an invitation and matched as whole words.

use std::collections::BTreeSet;

use crate::domain::prompt::Reminder;

/// Phrases that invite the writer to think of a particular person they cared for.
const PATIENT_CUES: &[&str] = &[
    "patient",
    "someone you cared for",
    "someone you care for",
    "someone whose",
    "someone with",
    "someone who",
    "the person you",
    "a person you",
    "encounter",
    "consultation",
    "carer",
    "family",
    "a child",
    "a young person",
    "birth",
];

/// Phrases that invite the writer to think of a particular colleague.
const COLLEAGUE_CUES: &[&str] = &[
    "a colleague",
    "colleague's",
    "a leader",
    "someone you work with",
    "spoke up",
    "feedback",
    "incivility",
    "conflict",
    "harassment",
];

/// Phrases that invite something that went wrong.
const INCIDENT_CUES: &[&str] = &[
    "went wrong",
    "goes wrong",
    "go wrong",
    "near miss",
    "mistake",
    "error",
    "incident",
    "complaint",
    "harmed",
];

/// One message per reminder the text calls for but the prompt does not carry.
pub fn missing_reminders(text: &str, reminders: &BTreeSet<Reminder>) -> Vec<String> {
    let text = text.to_lowercase();
    let wanted = [
        (Reminder::Patient, PATIENT_CUES, "a patient encounter"),
        (Reminder::Colleague, COLLEAGUE_CUES, "a colleague encounter"),
        (
            Reminder::Incident,
            INCIDENT_CUES,
            "something that went wrong",
        ),
    ];
    wanted
        .into_iter()
        .filter(|(reminder, _, _)| !reminders.contains(reminder))
        .filter_map(|(reminder, cues, what)| {
            let cue = cues.iter().find(|cue| contains_words(&text, cue))?;
            Some(format!(
                "the text invites {what} (\"{cue}\") but the prompt has no \"{}\" reminder; \
                 add it to `reminders`, or reword the text if it invites no such encounter",
                reminder.slug()
            ))
        })
        .collect()
}

/// Whether `phrase` occurs in `text` with no letter or digit touching either end.
fn contains_words(text: &str, phrase: &str) -> bool {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !is_word(before) && !is_word(after)
    })
}
