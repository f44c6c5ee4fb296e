//! The private, opt-in wellbeing check-in, as defined in `prompts/wellbeing.toml`: the consent
//! text, the 1–5 scale, the tiered responses, the risk-language patterns and the signposting list.
//!
//! Pure: the caller hands over the file's name and text; [`parse_wellbeing`] reports every problem
//! it finds, each with its line, so an author can fix the file in one pass.

use std::collections::BTreeSet;

use regex::{Regex, RegexSet, RegexSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::domain::library::{Problem, line_of, toml_problem};
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    consent: Consent<Text>,
    checkin: RawCheckin,
    responses: Responses<Text>,
    risk: RawRisk,
    #[serde(default)]
    resources: Vec<Resource<Text>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheckin {
    question: Text,
    note_prompt: Text,
    scale: Spanned<Vec<RawPoint>>,
    low_at_or_below: Spanned<i64>,
    repeated_low_count: Spanned<i64>,
    repeated_low_window: Spanned<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPoint {
    value: i64,
    label: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRisk {
    message: Text,
    patterns: Spanned<Vec<Text>>,
}

/// Recognises risk language (self-harm, suicide, coded terms) in free text.
#[derive(Debug, Clone)]
pub struct RiskDetector {
    set: RegexSet,
}

impl RiskDetector {
    /// Compiles the patterns, case-insensitively.
    pub fn new<I: IntoIterator<Item = S>, S: AsRef<str>>(patterns: I) -> Result<Self, String> {
        let mut builder = RegexSetBuilder::new(patterns);
        let set = builder.case_insensitive(true).size_limit(64 << 20).build();
        set.map(|set| RiskDetector { set })
            .map_err(|e| e.to_string())
    }

    /// Whether `text` contains risk language, so the reflective flow must stop at once.
    pub fn mentions_risk(&self, text: &str) -> bool {
        self.set.is_match(text)
    }
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

    /// The compiled risk-language patterns.
    pub fn detector(&self) -> &RiskDetector {
        &self.detector
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

/// Collects problems while the file is checked.
struct Checker<'a> {
    file: &'a str,
    text: &'a str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn report<T>(&mut self, at: &Spanned<T>, message: impl Into<String>) {
        let line = line_of(self.text, at.span().start);
        self.problems.push(Problem::new(self.file, line, message));
    }

    /// Checks a text is non-empty and at most `max` characters; returns it trimmed.
    fn text(&mut self, what: &str, field: &Text, max: usize) -> String {
        let value = field.get_ref().trim();
        let chars = value.chars().count();
        if value.is_empty() {
            self.report(field, format!("{what} must not be empty"));
        } else if chars > max {
            let msg = format!("{what} has {chars} characters (at most {max})");
            self.report(field, msg);
        }
        value.to_owned()
    }

    /// Checks a number is within `lo..=hi`; returns it clamped into range.
    fn number(&mut self, what: &str, field: &Spanned<i64>, lo: i64, hi: i64) -> i64 {
        let value = *field.get_ref();
        if !(lo..=hi).contains(&value) {
            let msg = format!("{what} must be {lo} to {hi} (found {value})");
            self.report(field, msg);
        }
        value.clamp(lo, hi)
    }

    fn checkin(&mut self, raw: &RawCheckin) -> Checkin {
        let values: Vec<String> = raw
            .scale
            .get_ref()
            .iter()
            .map(|p| p.value.to_string())
            .collect();
        if values != ["1", "2", "3", "4", "5"] {
            let found = values.join(", ");
            let msg = format!("scale must be exactly 1, 2, 3, 4, 5 (found {found})");
            self.report(&raw.scale, msg);
        }
        let mut scale = Vec::new();
        for p in raw.scale.get_ref() {
            let label = self.text(&format!("label of {}", p.value), &p.label, MAX_LABEL_CHARS);
            scale.push(ScalePoint {
                value: u8::try_from(p.value).unwrap_or(0),
                label,
            });
        }
        let low = self.number("low_at_or_below", &raw.low_at_or_below, 1, 4);
        let count = self.number("repeated_low_count", &raw.repeated_low_count, 1, 10);
        let window = self.number("repeated_low_window", &raw.repeated_low_window, 1, 10);
        if count > window {
            let msg = "repeated_low_count exceeds the window";
            self.report(&raw.repeated_low_count, msg);
        }
        Checkin {
            question: self.text("question", &raw.question, MAX_MESSAGE_CHARS),
            note_prompt: self.text("note_prompt", &raw.note_prompt, MAX_STEM_CHARS),
            scale,
            low_at_or_below: low as u8,
            repeated_low_count: count as usize,
            repeated_low_window: window as usize,
        }
    }

    fn resources(&mut self, raw: &[Resource<Text>]) -> Vec<Resource> {
        let mut seen = BTreeSet::new();
        let mut resources = Vec::new();
        for r in raw {
            let id = r.id.get_ref().trim().to_owned();
            let slug = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-';
            if id.is_empty() || !id.bytes().all(slug) {
                let msg = format!("resource id '{id}' must be a lower-case slug");
                self.report(&r.id, msg);
            } else if !seen.insert(id.clone()) {
                self.report(&r.id, format!("resource id '{id}' is used twice"));
            }
            let contact = r.contact.get_ref().trim().to_owned();
            if contact.is_empty() && !r.configurable {
                let msg = format!("'{id}' needs a contact or configurable = true");
                self.report(&r.contact, msg);
            } else if contact.chars().count() > MAX_CONTACT_CHARS {
                self.report(&r.contact, format!("contact of '{id}' is too long"));
            }
            resources.push(Resource {
                name: self.text(&format!("name of '{id}'"), &r.name, MAX_LABEL_CHARS),
                when: self.text(&format!("'when' of '{id}'"), &r.when, 300),
                id,
                contact,
                configurable: r.configurable,
            });
        }
        resources
    }
}

/// Parses and validates `prompts/wellbeing.toml`, reporting every problem with its line.
pub fn parse_wellbeing(file: &str, text: &str) -> Result<WellbeingLibrary, Vec<Problem>> {
    let raw: RawFile = toml::from_str(text).map_err(|e| vec![toml_problem(file, text, &e)])?;
    let mut c = Checker {
        file,
        text,
        problems: Vec::new(),
    };
    let consent = Consent {
        version: c.text("consent version", &raw.consent.version, 40),
        text: c.text("consent text", &raw.consent.text, MAX_CONSENT_CHARS),
    };
    let checkin = c.checkin(&raw.checkin);
    let r = &raw.responses;
    let responses = Responses {
        low: c.text("low response", &r.low, MAX_MESSAGE_CHARS),
        repeated_low: c.text("repeated_low response", &r.repeated_low, MAX_MESSAGE_CHARS),
        thanks: c.text("thanks response", &r.thanks, MAX_MESSAGE_CHARS),
        support_button: c.text("support_button", &r.support_button, MAX_LABEL_CHARS),
        snooze_button: c.text("snooze_button", &r.snooze_button, MAX_LABEL_CHARS),
    };
    let risk_message = c.text("risk message", &raw.risk.message, MAX_RISK_MESSAGE_CHARS);
    let patterns = raw.risk.patterns.get_ref();
    if patterns.is_empty() {
        c.report(&raw.risk.patterns, "risk patterns must not be empty");
    }
    for pattern in patterns {
        if let Err(e) = Regex::new(pattern.get_ref()) {
            let why = e.to_string().lines().last().unwrap_or_default().to_owned();
            let msg = format!(
                "risk pattern does not compile: {} ({why})",
                pattern.get_ref()
            );
            c.report(pattern, msg);
        }
    }
    let resources = c.resources(&raw.resources);
    if resources.is_empty() {
        let msg = "at least one [[resources]] entry is needed";
        c.problems.push(Problem::new(file, 0, msg));
    }
    if !c.problems.is_empty() {
        c.problems.sort();
        return Err(c.problems);
    }
    let detector = RiskDetector::new(patterns.iter().map(|p| p.get_ref()))
        .map_err(|e| vec![Problem::new(file, 0, format!("risk patterns: {e}"))])?;
    Ok(WellbeingLibrary {
        consent,
        checkin,
        responses,
        risk_message,
        detector,
        resources,
    })
}

#[cfg(test)]
mod tests;
