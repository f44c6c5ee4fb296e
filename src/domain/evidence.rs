//! Evidence: a trainee's reflection, kept as portfolio evidence and tagged with the curriculum
//! areas and programme outcomes it touches. Owned by its author; private unless shared.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, Utc};

use super::curriculum::{Area, Outcome};
use super::member::DiscordId;
use super::prompt::PromptId;
use super::slug::slug_enum;

/// Discord's limit for one modal text input, and so for one answer.
pub const MAX_ANSWER_CHARS: usize = 4_000;

slug_enum! {
    /// How an entry was written: through the reflection form opened from a prompt, as a
    /// free-text direct message replying to a prompt, or after a case discussion closed.
    EvidenceSource, "evidence source" {
        Form => "form", "Reflection form", [];
        DirectMessage => "dm", "Direct message", [];
        CaseDiscussion => "case", "Case discussion", []
    }
}

/// One question of the reflection form and what the trainee wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub stem: String,
    pub text: String,
}

/// A tag on an entry: a domain or theme, or a programme outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tag {
    Area(Area),
    Outcome(Outcome),
}

impl Tag {
    /// The stable id stored with the entry (`population-health`, `outcome-3`).
    pub fn id(self) -> String {
        match self {
            Tag::Area(area) => area.id().to_owned(),
            Tag::Outcome(outcome) => outcome.id(),
        }
    }

    /// Parses an area id, name or alias, or an outcome id.
    pub fn lookup(text: &str) -> Option<Tag> {
        Area::lookup(text)
            .map(Tag::Area)
            .or_else(|| Outcome::lookup(text).map(Tag::Outcome))
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tag::Area(area) => write!(f, "{area}"),
            Tag::Outcome(outcome) => write!(f, "{outcome}"),
        }
    }
}

/// A stored piece of evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceEntry {
    pub id: i64,
    pub member: DiscordId,
    pub source: EvidenceSource,
    pub prompt_id: Option<PromptId>,
    /// The prompt as the trainee saw it, so the export reads well even if the library changes.
    pub prompt_text: Option<String>,
    pub answers: Vec<Answer>,
    pub tags: BTreeSet<Tag>,
    pub shared_with_supervisor: bool,
    /// The trainee would like to discuss it with their supervisor (it is shared, too).
    pub to_discuss: bool,
    /// The entry whose plan this one comes back to (a plan follow-up's answer).
    pub follows_up: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl EvidenceEntry {
    pub fn areas(&self) -> impl Iterator<Item = Area> + '_ {
        self.tags.iter().filter_map(|tag| match tag {
            Tag::Area(area) => Some(*area),
            Tag::Outcome(_) => None,
        })
    }

    pub fn outcomes(&self) -> impl Iterator<Item = Outcome> + '_ {
        self.tags.iter().filter_map(|tag| match tag {
            Tag::Outcome(outcome) => Some(*outcome),
            Tag::Area(_) => None,
        })
    }

    /// A short title for lists: the first words of the first answer.
    pub fn title(&self) -> String {
        let first = self
            .answers
            .iter()
            .map(|a| a.text.trim())
            .find(|t| !t.is_empty())
            .unwrap_or("(empty)");
        excerpt(first, 60)
    }
}

/// The first `max_chars` characters of `text` on one line, cut at a word with an ellipsis.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max_chars {
        return one_line;
    }
    let cut: String = one_line.chars().take(max_chars).collect();
    let at_word = cut
        .rfind(' ')
        .filter(|&i| i > max_chars / 2)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!("{at_word}…")
}

/// Checks what a trainee wrote before it is stored: something in at least one answer, and no
/// answer over Discord's limit. The error says which answer and by how much, so the caller
/// can give the draft back.
pub fn validate_answers(answers: &[Answer]) -> Result<(), String> {
    if answers.iter().all(|a| a.text.trim().is_empty()) {
        return Err("Your reflection was empty, so nothing was saved. Write a line or two in any box and submit again.".into());
    }
    for answer in answers {
        let chars = answer.text.chars().count();
        if chars > MAX_ANSWER_CHARS {
            return Err(format!(
                "\"{}\" is {chars} characters; the limit is {MAX_ANSWER_CHARS}. Nothing was lost: here is your draft to shorten.",
                answer.stem
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_areas_and_outcomes() {
        assert_eq!(Tag::lookup("digital"), Some(Tag::Area(Area::Digital)));
        assert_eq!(
            Tag::lookup("outcome-5").map(Tag::id),
            Some("outcome-5".to_owned())
        );
        assert_eq!(Tag::lookup("astrology"), None);
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("one two three four five", 12), "one two…");
        assert_eq!(
            excerpt("line\nbreaks  collapse", 40),
            "line breaks collapse"
        );
    }

    #[test]
    fn empty_and_overlong_answers_are_refused() {
        let empty = [Answer {
            stem: "What?".into(),
            text: "  ".into(),
        }];
        assert!(validate_answers(&empty).unwrap_err().contains("empty"));
        let long = [Answer {
            stem: "So what?".into(),
            text: "x".repeat(4_001),
        }];
        assert!(
            validate_answers(&long)
                .unwrap_err()
                .contains("4001 characters")
        );
        let fine = [Answer {
            stem: "What?".into(),
            text: "I learned to ask first.".into(),
        }];
        assert!(validate_answers(&fine).is_ok());
    }
}
