//! A reflective prompt: what it asks, which curriculum area and outcomes it serves, and the
//! stems of the reflection model that become the fields of the reflection form.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use super::curriculum::{Area, Outcome};
use super::member::Profession;

mod guidance;

pub use guidance::{Reminder, going_deeper, guidance};

/// Discord allows at most five text inputs in a modal.
pub const MAX_STEMS: usize = 5;
/// Discord caps a modal text input's label at 45 characters.
pub const MAX_STEM_CHARS: usize = 45;
/// About six lines on a phone: a prompt is read in a corridor, so it says one thing. (The
/// message, with header, guidance and the deeper-model line, stays well within Discord's 2,000.)
pub const MAX_TEXT_CHARS: usize = 320;
pub const MIN_TEXT_CHARS: usize = 20;
/// Prompt ids travel inside button custom ids (at most 100 characters in all).
pub const MAX_ID_CHARS: usize = 40;

/// A prompt's stable id, e.g. `pcp-personal-vs-personalised`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PromptId(String);

impl PromptId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PromptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for PromptId {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let well_formed = !text.is_empty()
            && text.len() <= MAX_ID_CHARS
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !text.starts_with('-')
            && !text.ends_with('-')
            && !text.contains("--");
        if well_formed {
            Ok(PromptId(text.to_owned()))
        } else {
            Err(format!(
                "prompt id '{text}' must be 1–{MAX_ID_CHARS} lower-case letters, digits and single hyphens"
            ))
        }
    }
}

/// The reflection model a prompt follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReflectionModel {
    Rolfe,
    Driscoll,
    Gibbs,
    Johns,
    WiseGp,
    Aomrc,
}

impl ReflectionModel {
    pub const ALL: [ReflectionModel; 6] = [
        ReflectionModel::Rolfe,
        ReflectionModel::Driscoll,
        ReflectionModel::Gibbs,
        ReflectionModel::Johns,
        ReflectionModel::WiseGp,
        ReflectionModel::Aomrc,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ReflectionModel::Rolfe => "rolfe",
            ReflectionModel::Driscoll => "driscoll",
            ReflectionModel::Gibbs => "gibbs",
            ReflectionModel::Johns => "johns",
            ReflectionModel::WiseGp => "wisegp",
            ReflectionModel::Aomrc => "aomrc",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ReflectionModel::Rolfe => "Rolfe",
            ReflectionModel::Driscoll => "Driscoll",
            ReflectionModel::Gibbs => "Gibbs",
            ReflectionModel::Johns => "Johns",
            ReflectionModel::WiseGp => "WiseGP knowledge work",
            ReflectionModel::Aomrc => "AoMRC / NMC",
        }
    }
}

impl FromStr for ReflectionModel {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_lowercase();
        ReflectionModel::ALL
            .into_iter()
            .find(|model| model.slug() == wanted)
            .ok_or_else(|| {
                let known: Vec<&str> = ReflectionModel::ALL.iter().map(|m| m.slug()).collect();
                format!(
                    "unknown reflection model '{text}' (expected one of: {})",
                    known.join(", ")
                )
            })
    }
}

/// A validated prompt from the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub id: PromptId,
    pub area: Area,
    pub outcomes: BTreeSet<Outcome>,
    pub model: ReflectionModel,
    pub text: String,
    pub stems: Vec<String>,
    /// Empty means the prompt suits every profession.
    pub professions: BTreeSet<Profession>,
    /// The standard guidance the message carries (see [`guidance`]).
    pub reminders: BTreeSet<Reminder>,
}

impl Prompt {
    /// Whether this prompt may be offered to a member of `profession`.
    pub fn suits(&self, profession: Profession) -> bool {
        self.professions.is_empty() || self.professions.contains(&profession)
    }

    /// The anonymisation and incident guidance shown with the prompt, if it needs any.
    pub fn guidance(&self) -> Option<String> {
        guidance(&self.reminders)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompt_ids_are_slugs() {
        assert!("pcp-conveyor-belt".parse::<PromptId>().is_ok());
        assert!("PCP".parse::<PromptId>().is_err());
        assert!("a--b".parse::<PromptId>().is_err());
        assert!("-a".parse::<PromptId>().is_err());
        assert!("x".repeat(41).parse::<PromptId>().is_err());
    }

    #[test]
    fn models_parse_from_their_slugs() {
        assert_eq!("WiseGP".parse(), Ok(ReflectionModel::WiseGp));
        assert!(
            "schon"
                .parse::<ReflectionModel>()
                .unwrap_err()
                .contains("rolfe")
        );
    }
}
