//! The private, opt-in wellbeing check-in, as defined in `prompts/wellbeing.toml`: the consent
//! text, the 1–5 scale, the tiered responses, the risk-language screen ([`screen`]) and the
//! signposting list.
//!
//! Pure: the caller hands over the file's name and text; [`parse_wellbeing`] reports every problem
//! it finds, each with its line, so an author can fix the file in one pass.

use serde::Deserialize;
use toml::Spanned;

use crate::domain::prompt::MAX_STEM_CHARS;

/// Discord's message limit; every message in the file must fit.
pub const MAX_MESSAGE_CHARS: usize = 2_000;
/// The consent text leaves room in its message for the agree and decline buttons.
pub const MAX_CONSENT_CHARS: usize = 1_800;
/// The risk message leaves room for the configured local contacts appended to it.
pub const MAX_RISK_MESSAGE_CHARS: usize = 1_500;
/// Discord caps a button label at 80 characters.
pub const MAX_LABEL_CHARS: usize = 80;
/// A contact is one short line.
pub const MAX_CONTACT_CHARS: usize = 150;

type Text = Spanned<String>;

/// The consent members agree to; consent is recorded with `version`. (The public types are
/// generic only so that parsing can read them with spans: users see `Consent<String>`.)
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent<T = String> {
    pub version: T,
    pub text: T,
}

/// What the bot says after a check-in, and the labels of the buttons offered after a low score.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Responses<T = String> {
    pub low: T,
    pub repeated_low: T,
    pub thanks: T,
    pub support_button: T,
    pub snooze_button: T,
}

/// A place to turn to. `configurable` ones get their contact from deployment config and are
/// hidden while it is empty.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource<T = String> {
    pub id: T,
    pub name: T,
    pub contact: T,
    pub when: T,
    #[serde(default)]
    pub configurable: bool,
}

/// One point of the check-in scale; `label` becomes a button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScalePoint {
    pub value: u8,
    pub label: String,
}

/// The check-in itself and the thresholds of the tiered response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkin {
    pub question: String,
    /// The label of the optional note field (a modal label, at most 45 characters).
    pub note_prompt: String,
    /// Exactly the values 1 to 5, in order.
    pub scale: Vec<ScalePoint>,
    /// A score at or below this is low.
    pub low_at_or_below: u8,
    /// This many lows among the latest `repeated_low_window` check-ins count as repeated.
    pub repeated_low_count: usize,
    pub repeated_low_window: usize,
}

/// The validated wellbeing file.
#[derive(Debug, Clone)]
pub struct WellbeingLibrary {
    consent: Consent,
    checkin: Checkin,
    responses: Responses,
    risk_message: String,
    detector: RiskDetector,
    resources: Vec<Resource>,
}

impl WellbeingLibrary {
    /// The consent text and its version.
    pub fn consent(&self) -> &Consent {
        &self.consent
    }

    /// The question, scale, note prompt and thresholds.
    pub fn checkin(&self) -> &Checkin {
        &self.checkin
    }

    /// The low, repeated-low and thanks messages and the button labels.
    pub fn responses(&self) -> &Responses {
        &self.responses
    }

    /// The compiled risk-language screen.
    pub fn detector(&self) -> &RiskDetector {
        &self.detector
    }

    /// Screens `text` for risk language about its writer; see [`screen`](self::screen).
    pub fn screen(&self, text: &str) -> RiskVerdict {
        self.detector.screen(text)
    }

    /// Every resource in file order, including configurable ones without a contact.
    pub fn resources(&self) -> &[Resource] {
        &self.resources
    }

    /// The resources to show: those with a contact.
    pub fn visible_resources(&self) -> impl Iterator<Item = &Resource> {
        self.resources.iter().filter(|r| !r.contact.is_empty())
    }

    /// The label for a score, if it is on the scale.
    pub fn label(&self, score: u8) -> Option<&str> {
        let point = self.checkin.scale.iter().find(|p| p.value == score);
        point.map(|p| p.label.as_str())
    }

    /// Whether `score` is low (at or below the threshold).
    pub fn is_low(&self, score: u8) -> bool {
        score <= self.checkin.low_at_or_below
    }

    /// Whether the latest scores, newest first and including the current one, are repeated lows.
    pub fn is_repeated_low(&self, newest_first: &[u8]) -> bool {
        let window = newest_first.iter().take(self.checkin.repeated_low_window);
        window.filter(|&&s| self.is_low(s)).count() >= self.checkin.repeated_low_count
    }

    /// Whether `text` contains risk language.
    pub fn mentions_risk(&self, text: &str) -> bool {
        self.detector.mentions_risk(text)
    }

    /// The risk message followed by the configured local contacts (supervisor, wellbeing lead).
    pub fn risk_reply(&self) -> String {
        let mut reply = self.risk_message.clone();
        let local: Vec<_> = self
            .visible_resources()
            .filter(|r| r.configurable)
            .collect();
        if !local.is_empty() {
            reply.push_str("\n\nYou can also contact:");
        }
        for r in local {
            reply.push_str(&format!("\n- **{}**: {}", r.name, r.contact));
        }
        reply
    }

    /// Replaces a resource's contact, e.g. from deployment config. An empty contact hides a
    /// configurable resource; the fixed ones (999, Samaritans…) cannot be emptied.
    pub fn set_resource_contact(&mut self, id: &str, contact: &str) -> Result<(), String> {
        let contact = contact.trim();
        if contact.chars().count() > MAX_CONTACT_CHARS || contact.contains('\n') {
            return Err(format!(
                "contact for '{id}': one line, at most {MAX_CONTACT_CHARS} chars"
            ));
        }
        let known: Vec<&str> = self.resources.iter().map(|r| r.id.as_str()).collect();
        let unknown = format!(
            "unknown wellbeing resource '{id}' (known: {})",
            known.join(", ")
        );
        let resource = self
            .resources
            .iter_mut()
            .find(|r| r.id == id)
            .ok_or(unknown)?;
        if contact.is_empty() && !resource.configurable {
            return Err(format!(
                "resource '{id}' is not configurable and needs a contact"
            ));
        }
        resource.contact = contact.to_owned();
        Ok(())
    }
}

pub mod checkins;
mod parse;
pub mod screen;

pub use parse::parse_wellbeing;
pub use screen::{RiskDetector, RiskRule, RiskVerdict};

#[cfg(test)]
mod tests;
