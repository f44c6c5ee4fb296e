//! One prompt file: TOML text → validated [`Prompt`]s, with every problem located by line. The
//! schema is checked here; the authoring rules (reminders, stems) live in `rules`.

use std::collections::BTreeSet;

use serde::Deserialize;
use toml::Spanned;

use super::rules::{
    last_stem_problem, missing_reminders, stem_count_problem, stem_problem, wisegp_order_problem,
};
use super::{Problem, line_of, toml_problem};
use crate::domain::curriculum::{Area, Outcome};
use crate::domain::member::Profession;
use crate::domain::prompt::{
    MAX_STEM_CHARS, MAX_STEMS, MAX_TEXT_CHARS, MIN_TEXT_CHARS, Prompt, PromptId, ReflectionModel,
    Reminder,
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
    reminders: Option<Spanned<Vec<Spanned<String>>>>,
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
        let reminders = self.reminders(raw.reminders.as_ref());
        self.check_text(&raw.text, &reminders);
        self.check_stems(&raw.stems, model);
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
            reminders,
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

    fn reminders(&mut self, raw: Option<&Spanned<Vec<Spanned<String>>>>) -> BTreeSet<Reminder> {
        let entries = raw.map(|r| r.get_ref().as_slice()).unwrap_or_default();
        let mut reminders = BTreeSet::new();
        for entry in entries {
            let Some(reminder) = self.parsed(entry, |s| {
                s.parse::<Reminder>()
                    .ok()
                    .filter(|r| r.slug() == s)
                    .ok_or_else(|| {
                        format!("unknown reminder '{s}' (expected patient, colleague or incident)")
                    })
            }) else {
                continue;
            };
            if !reminders.insert(reminder) {
                self.report(
                    entry,
                    format!("reminder '{s}' is listed twice", s = reminder.slug()),
                );
            }
        }
        reminders
    }

    fn check_text(&mut self, text: &Spanned<String>, reminders: &BTreeSet<Reminder>) {
        for message in missing_reminders(text.get_ref(), reminders) {
            self.report(text, message);
        }
        let chars = text.get_ref().trim().chars().count();
        if chars < MIN_TEXT_CHARS {
            self.report(
                text,
                format!("text is {chars} characters; write at least {MIN_TEXT_CHARS}"),
            );
        } else if chars > MAX_TEXT_CHARS {
            self.report(text, format!("text is {chars} characters; the limit is {MAX_TEXT_CHARS}, about six lines on a phone"));
        }
    }

    fn check_stems(
        &mut self,
        stems: &Spanned<Vec<Spanned<String>>>,
        model: Option<ReflectionModel>,
    ) {
        let list = stems.get_ref();
        let count = list.len();
        if count == 0 || count > MAX_STEMS {
            self.report(stems, format!("a prompt has 1–{MAX_STEMS} stems (Discord modals hold five fields), this one has {count}"));
        } else if let Some(message) = model.and_then(|m| stem_count_problem(m, count)) {
            self.report(stems, message);
        }
        for stem in list {
            let chars = stem.get_ref().trim().chars().count();
            if !(3..=MAX_STEM_CHARS).contains(&chars) {
                self.report(stem, format!("stem '{}' is {chars} characters; a stem is 3–{MAX_STEM_CHARS} (a Discord modal label)", stem.get_ref().trim()));
            }
            if let Some(message) = stem_problem(stem.get_ref()) {
                self.report(stem, message);
            }
        }
        if model == Some(ReflectionModel::WiseGp) {
            let texts: Vec<&str> = list.iter().map(|s| s.get_ref().as_str()).collect();
            if let Some((at, message)) = wisegp_order_problem(&texts) {
                self.report(&list[at], message);
            }
        }
        if let Some(last) = list.last()
            && let Some(message) = last_stem_problem(last.get_ref())
        {
            self.report(last, message);
        }
    }
}
