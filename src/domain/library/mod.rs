//! Parsing and validating the prompt library. Files arrive as `(name, text)` pairs so the rules
//! stay pure; `app::library` reads them from disk.

use std::fmt;

/// One thing wrong with a library file, located by file and line (1-based; 0 = whole file).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl Problem {
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

/// The 1-based line that byte `offset` of `text` falls on.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Maps a TOML parse error to a located problem.
pub fn toml_problem(file: &str, text: &str, error: &toml::de::Error) -> Problem {
    let line = error.span().map_or(0, |span| line_of(text, span.start));
    Problem::new(file, line, error.message().to_owned())
}

mod coverage;
mod prompt_file;
mod rules;

use std::collections::BTreeMap;

pub use coverage::Coverage;
pub use prompt_file::{LocatedPrompt, parse_prompt_file};
pub use rules::{
    ALLOWED_STEMS, MIN_PROMPTS_PER_DOMAIN, MIN_PROMPTS_PER_OUTCOME, MIN_PROMPTS_PER_PROFESSION,
    MIN_PROMPTS_PER_THEME,
};

use super::case::CaseTemplate;
use super::prompt::{Prompt, PromptId};
use super::wellbeing::{WellbeingLibrary, parse_wellbeing};
use rules::too_few_prompts;

/// A source file of the library: its display name (e.g. `prompts/domains/digital.toml`) and text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// The validated prompt library: the reflective prompts and the wellbeing check-in.
#[derive(Debug, Clone)]
pub struct PromptLibrary {
    prompts: Vec<Prompt>,
    wellbeing: Option<WellbeingLibrary>,
    case_templates: Vec<CaseTemplate>,
}

impl PromptLibrary {
    /// The wellbeing check-in definition, when the library has one (`prompts/wellbeing.toml`).
    pub fn wellbeing(&self) -> Option<&WellbeingLibrary> {
        self.wellbeing.as_ref()
    }

    /// The wellbeing definition, to apply deployment settings (local contacts) to it.
    pub fn wellbeing_mut(&mut self) -> Option<&mut WellbeingLibrary> {
        self.wellbeing.as_mut()
    }

    /// The case discussion templates (`prompts/cases/*.toml`), in file order.
    pub fn case_templates(&self) -> &[CaseTemplate] {
        &self.case_templates
    }

    /// The template with this id, or the default one for `None`.
    pub fn case_template(&self, id: Option<&str>) -> Option<&CaseTemplate> {
        match id {
            Some(id) => self.case_templates.iter().find(|t| t.id == id),
            None => self.case_templates.iter().find(|t| t.default),
        }
    }

    /// Adds the checked case templates.
    pub fn with_case_templates(mut self, templates: Vec<CaseTemplate>) -> PromptLibrary {
        self.case_templates = templates;
        self
    }

    /// Every prompt, in file order.
    pub fn prompts(&self) -> &[Prompt] {
        &self.prompts
    }

    pub fn prompt(&self, id: &PromptId) -> Option<&Prompt> {
        self.prompts.iter().find(|p| &p.id == id)
    }

    /// Prompts per area and model, for the coverage table.
    pub fn coverage(&self) -> Coverage {
        Coverage::of(&self.prompts)
    }
}

/// Checks every prompt file and the library as a whole. Returns the library, or every problem
/// found, sorted by file and line.
pub fn check_prompt_files(files: &[SourceFile]) -> Result<PromptLibrary, Vec<Problem>> {
    let mut located = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        let (mut prompts, mut found) = parse_prompt_file(&file.name, &file.text);
        located.append(&mut prompts);
        problems.append(&mut found);
    }
    problems.extend(duplicate_ids(&located));
    problems.extend(too_few_prompts(&located));
    if problems.is_empty() {
        let prompts = located.into_iter().map(|l| l.prompt).collect();
        Ok(PromptLibrary {
            prompts,
            wellbeing: None,
            case_templates: Vec::new(),
        })
    } else {
        problems.sort();
        Err(problems)
    }
}

/// Checks the prompt files and the wellbeing file together, reporting every problem in both.
pub fn check_library(
    prompt_files: &[SourceFile],
    wellbeing_file: &SourceFile,
) -> Result<PromptLibrary, Vec<Problem>> {
    let prompts = check_prompt_files(prompt_files);
    let wellbeing = parse_wellbeing(&wellbeing_file.name, &wellbeing_file.text);
    match (prompts, wellbeing) {
        (Ok(mut library), Ok(wellbeing)) => {
            library.wellbeing = Some(wellbeing);
            Ok(library)
        }
        (prompts, wellbeing) => {
            let mut problems = prompts.err().unwrap_or_default();
            problems.extend(wellbeing.err().unwrap_or_default());
            problems.sort();
            Err(problems)
        }
    }
}

fn duplicate_ids(located: &[LocatedPrompt]) -> Vec<Problem> {
    let mut first_seen: BTreeMap<&PromptId, &LocatedPrompt> = BTreeMap::new();
    let mut problems = Vec::new();
    for entry in located {
        if let Some(first) = first_seen.get(&entry.prompt.id) {
            let message = format!(
                "duplicate prompt id '{}' (first defined at {}:{})",
                entry.prompt.id, first.file, first.line
            );
            problems.push(Problem::new(&entry.file, entry.line, message));
        } else {
            first_seen.insert(&entry.prompt.id, entry);
        }
    }
    problems
}

#[cfg(test)]
mod tests;
