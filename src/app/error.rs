//! The two kinds of error. A [`UserError`] carries text that is safe to show the user and goes
//! back to them (ephemerally) as written; every other error is logged with an error id and the
//! user sees only a short apology with that id.

/// A problem the user can fix: the text is shown to them as written, so it never contains
/// anything private about someone else.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct UserError(pub String);

impl UserError {
    pub fn new(text: impl Into<String>) -> Self {
        UserError(text.into())
    }
}

/// A short random id that ties what a user is told ("error id 3f9a0c12") to the log line with
/// the details.
pub fn error_id() -> String {
    use rand::Rng;
    format!("{:08x}", rand::rng().random::<u32>())
}
