//! What passes between a trainee and their supervisor about an entry the trainee shared: an
//! acknowledgement or a comment. Comments are part of the trainee's evidence ("supervisor
//! reviewed"), so they are shown and exported with the entry; a supervisor sees them only while
//! the entry stays shared and the supervision link stands.

use chrono::{DateTime, Utc};

use super::member::DiscordId;
use super::slug::slug_enum;

/// The longest comment a supervisor can write (one modal field).
pub const MAX_COMMENT_CHARS: usize = 2_000;

slug_enum! {
    /// How a supervisor responded to a shared entry.
    CommentKind, "comment kind" {
        Acknowledged => "acknowledged", "Acknowledged", [];
        Comment => "comment", "Comment", []
    }
}

/// A supervisor's response to a shared entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: i64,
    pub entry: i64,
    pub author: DiscordId,
    /// The author's name on the roster; `None` once they have left it.
    pub author_name: Option<String>,
    pub kind: CommentKind,
    /// The text of a comment; `None` for an acknowledgement.
    pub body: Option<String>,
    pub at: DateTime<Utc>,
}

impl Comment {
    /// One line for a list: who, when, and what.
    pub fn line(&self) -> String {
        let who = self.author_name.as_deref().unwrap_or("A former supervisor");
        let when = self.at.format("%-d %b %Y");
        match (&self.kind, &self.body) {
            (CommentKind::Comment, Some(body)) => format!("{who} commented ({when}): {body}"),
            _ => format!("{who} acknowledged it ({when})"),
        }
    }
}

/// Checks a comment before it is kept: not empty, not longer than one field holds.
pub fn validate_comment(text: &str) -> Result<&str, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("The comment is empty; write something or use Acknowledge.".into());
    }
    let chars = text.chars().count();
    if chars > MAX_COMMENT_CHARS {
        return Err(format!(
            "The comment is {chars} characters; the most is {MAX_COMMENT_CHARS}."
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn comment(kind: CommentKind, body: Option<&str>, name: Option<&str>) -> Comment {
        Comment {
            id: 1,
            entry: 7,
            author: DiscordId(5),
            author_name: name.map(str::to_owned),
            kind,
            body: body.map(str::to_owned),
            at: Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap(),
        }
    }

    #[test]
    fn a_comment_line_names_its_author_and_day() {
        let line = comment(CommentKind::Comment, Some("Good plan."), Some("Sam")).line();
        assert_eq!(line, "Sam commented (30 Nov 2026): Good plan.");
        let ack = comment(CommentKind::Acknowledged, None, None).line();
        assert_eq!(ack, "A former supervisor acknowledged it (30 Nov 2026)");
    }

    #[test]
    fn empty_and_overlong_comments_are_refused() {
        assert!(validate_comment("  ").is_err());
        assert_eq!(validate_comment(" ok "), Ok("ok"));
        let long = "x".repeat(MAX_COMMENT_CHARS + 1);
        assert!(validate_comment(&long).unwrap_err().contains("2001"));
    }
}
