//! What a cell's outcome looks like in the doc's words: `allowed`, or `refused: <kind>` where
//! the kind is read from the refusal the member is shown. Anything that is not a `UserError`
//! (an unexpected failure) fails the test: a refusal must be a polite, safe answer.
#![allow(dead_code)]

use mindlines::app::error::UserError;

/// The refusal kinds of `docs/permissions.md`, each with the words that identify it.
pub const REFUSALS: &[(&str, &[&str])] = &[
    ("roster", &["not on the mindlines roster"]),
    ("left", &["Your place on the programme has ended"]),
    (
        "role",
        &[
            "doesn't list you as",
            "without the trainee role",
            "Only a team lead or the programme admin",
        ],
    ),
    ("consent", &["check-ins are off", "Check-ins are not on"]),
    (
        "unknown",
        &[
            "no longer",
            "I no longer have that text",
            "You have no evidence entry",
            "There is no entry #",
            "Run this in a case thread you lead",
            "Run this in a case thread of your team",
            "not linked to you as a supervisee",
        ],
    ),
];

/// The doc's word for what happened.
pub fn outcome<T>(result: anyhow::Result<T>) -> String {
    let error = match result {
        Ok(_) => return "allowed".to_owned(),
        Err(error) => error,
    };
    let Some(user) = error.downcast_ref::<UserError>() else {
        panic!("an unexpected error, not a refusal: {error:#}");
    };
    REFUSALS
        .iter()
        .find(|(_, words)| words.iter().any(|w| user.0.contains(w)))
        .map(|(kind, _)| format!("refused: {kind}"))
        .unwrap_or_else(|| format!("refused: unclassified ({})", user.0))
}
