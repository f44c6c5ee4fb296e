//! One prompt file: TOML text → validated [`Prompt`]s, with every problem located by line.

use std::collections::BTreeSet;

use serde::Deserialize;
use toml::Spanned;

use super::{Problem, line_of, toml_problem};
use crate::domain::curriculum::{Area, Outcome};
use crate::domain::member::Profession;
use crate::domain::prompt::{
    MAX_STEM_CHARS, MAX_STEMS, MAX_TEXT_CHARS, MIN_TEXT_CHARS, Prompt, PromptId, ReflectionModel,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    prompt: Vec<Spanned<RawPrompt>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrompt {
    id: Spanned<String>,
    area: Spanned<String>,
    outcomes: Spanned<Vec<Spanned<String>>>,
    model: Spanned<String>,
    #[serde(default)]
    patient_encounter: bool,
    #[serde(default)]
    professions: Option<Spanned<Vec<Spanned<String>>>>,
    text: Spanned<String>,
    stems: Spanned<Vec<Spanned<String>>>,
}

/// A prompt with the line it starts on, so library-wide checks can point at it too.
#[derive(Debug, Clone)]
pub struct LocatedPrompt {
    pub prompt: Prompt,
    pub file: String,
    pub line: usize,
}

/// Parses one prompt file, returning its valid prompts and every problem found.
/// A prompt with any problem is left out, so the caller can still check the rest.
pub fn parse_prompt_file(file: &str, text: &str) -> (Vec<LocatedPrompt>, Vec<Problem>) {
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(error) => return (Vec::new(), vec![toml_problem(file, text, &error)]),
    };
    let mut prompts = Vec::new();
    let mut problems = Vec::new();
    if raw.prompt.is_empty() {
        problems.push(Problem::new(file, 0, "the file has no [[prompt]] entries"));
    }
    for entry in raw.prompt {
        let line = line_of(text, entry.span().start);
        let mut checker = Checker {
            file,
            text,
            problems: Vec::new(),
        };
        let prompt = checker.prompt(entry.into_inner());
        match prompt {
            Some(prompt) if checker.problems.is_empty() => prompts.push(LocatedPrompt {
                prompt,
                file: file.to_owned(),
                line,
            }),
            _ => problems.append(&mut checker.problems),
        }
    }
    (prompts, problems)
}

/// Collects problems while converting one raw prompt.
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

    fn parsed<T>(
        &mut self,
        field: &Spanned<String>,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        match parse(field.get_ref()) {
            Ok(value) => Some(value),
            Err(message) => {
                self.report(field, message);
                None
            }
        }
    }

    fn prompt(&mut self, raw: RawPrompt) -> Option<Prompt> {
        let id = self.parsed(&raw.id, |s| s.parse::<PromptId>());
        let area = self.parsed(&raw.area, |s| {
            Area::lookup(s)
                .filter(|area| area.id() == s)
                .ok_or_else(|| format!("unknown domain or theme '{s}' (use an area id such as 'person-centred-practice')"))
        });
        let model = self.parsed(&raw.model, |s| s.parse::<ReflectionModel>());
        let outcomes = self.outcomes(&raw.outcomes);
        let professions = self.professions(raw.professions.as_ref());
        self.check_text(&raw.text);
        self.check_stems(&raw.stems);
        Some(Prompt {
            id: id?,
            area: area?,
            outcomes,
            model: model?,
            text: raw.text.get_ref().trim().to_owned(),
            stems: raw
                .stems
                .get_ref()
                .iter()
                .map(|s| s.get_ref().trim().to_owned())
                .collect(),
            professions,
            patient_encounter: raw.patient_encounter,
        })
    }

    fn outcomes(&mut self, raw: &Spanned<Vec<Spanned<String>>>) -> BTreeSet<Outcome> {
        let mut outcomes = BTreeSet::new();
        for entry in raw.get_ref() {
            match Outcome::lookup(entry.get_ref()).filter(|o| o.id() == *entry.get_ref()) {
                Some(outcome) if !outcomes.insert(outcome) => self.report(
                    entry,
                    format!("outcome '{}' is listed twice", entry.get_ref()),
                ),
                Some(_) => {}
                None => self.report(
                    entry,
                    format!(
                        "unknown outcome '{}' (expected outcome-1 … outcome-7)",
                        entry.get_ref()
                    ),
                ),
            }
        }
        if !(1..=3).contains(&raw.get_ref().len()) {
            self.report(
                raw,
                format!(
                    "a prompt supports 1–3 outcomes, this one lists {}",
                    raw.get_ref().len()
                ),
            );
        }
        outcomes
    }

    fn professions(&mut self, raw: Option<&Spanned<Vec<Spanned<String>>>>) -> BTreeSet<Profession> {
        let entries = raw.map(|r| r.get_ref().as_slice()).unwrap_or_default();
        entries
            .iter()
            .filter_map(|entry| self.parsed(entry, |s| s.parse::<Profession>()))
            .collect()
    }

    fn check_text(&mut self, text: &Spanned<String>) {
        let chars = text.get_ref().trim().chars().count();
        if chars < MIN_TEXT_CHARS {
            self.report(
                text,
                format!("text is {chars} characters; write at least {MIN_TEXT_CHARS}"),
            );
        } else if chars > MAX_TEXT_CHARS {
            self.report(text, format!("text is {chars} characters; the limit is {MAX_TEXT_CHARS} so the message fits Discord's 2,000"));
        }
    }

    fn check_stems(&mut self, stems: &Spanned<Vec<Spanned<String>>>) {
        let count = stems.get_ref().len();
        if count == 0 || count > MAX_STEMS {
            self.report(stems, format!("a prompt has 1–{MAX_STEMS} stems (Discord modals hold five fields), this one has {count}"));
        }
        for stem in stems.get_ref() {
            let chars = stem.get_ref().trim().chars().count();
            if !(3..=MAX_STEM_CHARS).contains(&chars) {
                self.report(stem, format!("stem '{}' is {chars} characters; a stem is 3–{MAX_STEM_CHARS} (a Discord modal label)", stem.get_ref().trim()));
            }
        }
    }
}
