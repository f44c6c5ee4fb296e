//! Reading `prompts/wellbeing.toml` with spans, and checking it, so every problem is
//! reported with its line.

use std::collections::BTreeSet;

use serde::Deserialize;
use toml::Spanned;

use super::*;
use crate::domain::library::{Problem, line_of, toml_problem};

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
    #[serde(default)]
    patterns: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Text,
    pattern: Text,
    unless_followed_by: Option<Text>,
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

    /// Checks the `[[risk.patterns]]`: lower-case slug ids used once, expressions that compile.
    fn risk_rules(&mut self, raw: &RawRisk) -> Vec<RiskRule> {
        if raw.patterns.is_empty() {
            self.report(
                &raw.message,
                "[risk] needs at least one [[risk.patterns]] entry",
            );
        }
        let mut seen = BTreeSet::new();
        let mut rules = Vec::new();
        for r in &raw.patterns {
            let id = r.id.get_ref().trim().to_owned();
            if !is_slug(&id) {
                let msg = format!("risk pattern id '{id}' must be a lower-case slug");
                self.report(&r.id, msg);
            } else if !seen.insert(id.clone()) {
                self.report(&r.id, format!("risk pattern id '{id}' is used twice"));
            }
            self.regex(&format!("risk pattern '{id}'"), &r.pattern);
            if let Some(after) = &r.unless_followed_by {
                self.regex(&format!("unless_followed_by of '{id}'"), after);
            }
            rules.push(RiskRule {
                id,
                pattern: r.pattern.get_ref().clone(),
                unless_followed_by: r.unless_followed_by.as_ref().map(|a| a.get_ref().clone()),
            });
        }
        rules
    }

    /// Reports an expression that does not compile, with the regex crate's reason. The text of
    /// the expression is not repeated: the line number finds it.
    fn regex(&mut self, what: &str, field: &Text) {
        if let Err(e) = screen::compile(field.get_ref()) {
            let why = e.lines().last().unwrap_or_default().to_owned();
            self.report(field, format!("{what} does not compile ({why})"));
        }
    }

    fn resources(&mut self, raw: &[Resource<Text>]) -> Vec<Resource> {
        let mut seen = BTreeSet::new();
        let mut resources = Vec::new();
        for r in raw {
            let id = r.id.get_ref().trim().to_owned();
            if !is_slug(&id) {
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

fn is_slug(id: &str) -> bool {
    let slug = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-';
    !id.is_empty() && id.bytes().all(slug)
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
    let rules = c.risk_rules(&raw.risk);
    let resources = c.resources(&raw.resources);
    if resources.is_empty() {
        let msg = "at least one [[resources]] entry is needed";
        c.problems.push(Problem::new(file, 0, msg));
    }
    if !c.problems.is_empty() {
        c.problems.sort();
        return Err(c.problems);
    }
    let detector = RiskDetector::new(&rules)
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
