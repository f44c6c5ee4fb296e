//! Case discussion templates: data beside the prompt library (`prompts/cases/*.toml`), each a
//! name, a short "about" and its stages (a name and the question the lead posts). Checked like
//! the prompts, with every problem named at file and line.

use serde::Deserialize;
use toml::Spanned;

use crate::domain::library::{Problem, SourceFile, line_of, toml_problem};

/// The fewest and most stages a template may have: a discussion needs a turn, and a lead
/// running it in chat needs to see the end.
pub const STAGES: std::ops::RangeInclusive<usize> = 2..=6;
/// The longest stage question, so it reads on a phone.
pub const MAX_QUESTION_CHARS: usize = 320;

/// One stage of a discussion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub name: String,
    pub question: String,
}

/// A validated template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseTemplate {
    pub id: String,
    pub name: String,
    pub about: String,
    /// The one used when a lead names none.
    pub default: bool,
    pub stages: Vec<Stage>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateFile {
    template: Header,
    #[serde(rename = "stage", default)]
    stages: Vec<Spanned<StageEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    id: Spanned<String>,
    name: String,
    about: String,
    #[serde(default)]
    default: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StageEntry {
    name: String,
    question: String,
}

/// A text as one paragraph: the backslash-joined lines of a TOML string, trimmed.
fn paragraph(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn parse(file: &SourceFile) -> Result<(CaseTemplate, usize), Vec<Problem>> {
    let parsed: TemplateFile =
        toml::from_str(&file.text).map_err(|e| vec![toml_problem(&file.name, &file.text, &e)])?;
    let mut problems = Vec::new();
    let id_line = line_of(&file.text, parsed.template.id.span().start);
    let id = parsed.template.id.into_inner();
    let well_formed = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !well_formed {
        problems.push(Problem::new(
            &file.name,
            id_line,
            format!("template id '{id}' must be lower-case letters, digits and hyphens"),
        ));
    }
    if parsed.template.name.trim().is_empty() {
        problems.push(Problem::new(
            &file.name,
            id_line,
            "the template has no name",
        ));
    }
    if !STAGES.contains(&parsed.stages.len()) {
        problems.push(Problem::new(
            &file.name,
            id_line,
            format!(
                "a template needs {} to {} stages; this one has {}",
                STAGES.start(),
                STAGES.end(),
                parsed.stages.len()
            ),
        ));
    }
    let mut stages = Vec::new();
    for spanned in parsed.stages {
        let line = line_of(&file.text, spanned.span().start);
        let stage = spanned.into_inner();
        let question = paragraph(&stage.question);
        if stage.name.trim().is_empty() {
            problems.push(Problem::new(&file.name, line, "a stage has no name"));
        }
        let chars = question.chars().count();
        if chars == 0 || chars > MAX_QUESTION_CHARS {
            problems.push(Problem::new(
                &file.name,
                line,
                format!(
                    "stage '{}': the question must be 1 to {MAX_QUESTION_CHARS} characters (it is {chars})",
                    stage.name
                ),
            ));
        }
        stages.push(Stage {
            name: stage.name.trim().to_owned(),
            question,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok((
        CaseTemplate {
            id,
            name: parsed.template.name.trim().to_owned(),
            about: paragraph(&parsed.template.about),
            default: parsed.template.default,
            stages,
        },
        id_line,
    ))
}

/// Checks every template file and the set as a whole (ids unique, exactly one default).
/// An empty set is allowed: `/case start` then says there are no templates.
pub fn check_case_templates(files: &[SourceFile]) -> Result<Vec<CaseTemplate>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut templates: Vec<(CaseTemplate, &str, usize)> = Vec::new();
    for file in files {
        match parse(file) {
            Ok((template, line)) => {
                if let Some((_, other, _)) = templates.iter().find(|(t, _, _)| t.id == template.id)
                {
                    problems.push(Problem::new(
                        &file.name,
                        line,
                        format!("template id '{}' is also used in {other}", template.id),
                    ));
                }
                templates.push((template, &file.name, line));
            }
            Err(mut found) => problems.append(&mut found),
        }
    }
    let defaults: Vec<&(CaseTemplate, &str, usize)> =
        templates.iter().filter(|(t, _, _)| t.default).collect();
    if !templates.is_empty() && problems.is_empty() && defaults.len() != 1 {
        let (file, line) = defaults
            .get(1)
            .map_or((templates[0].1, 0), |(_, file, line)| (*file, *line));
        problems.push(Problem::new(
            file,
            line,
            format!(
                "exactly one template must say `default = true`; {} do",
                defaults.len()
            ),
        ));
    }
    if problems.is_empty() {
        Ok(templates.into_iter().map(|(t, _, _)| t).collect())
    } else {
        problems.sort();
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> SourceFile {
        SourceFile {
            name: name.to_owned(),
            text: text.to_owned(),
        }
    }

    const GOOD: &str = "[template]\nid = \"two\"\nname = \"Two\"\nabout = \"a\"\ndefault = true\n\n[[stage]]\nname = \"One\"\nquestion = \"q1\"\n\n[[stage]]\nname = \"Two\"\nquestion = \"q2\"\n";

    #[test]
    fn the_shipped_templates_are_valid_with_wisegp_the_default() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("prompts/cases");
        let mut files: Vec<SourceFile> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                file(
                    &p.display().to_string(),
                    &std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
        files.sort_by(|a, b| a.name.cmp(&b.name));
        let templates = check_case_templates(&files).unwrap();
        let ids: Vec<&str> = templates.iter().map(|t| t.id.as_str()).collect();
        for id in ["wisegp", "balint", "schwartz", "mdt-learning"] {
            assert!(ids.contains(&id), "{id} in {ids:?}");
        }
        let default: Vec<&CaseTemplate> = templates.iter().filter(|t| t.default).collect();
        assert_eq!(default.len(), 1);
        assert_eq!(default[0].id, "wisegp");
        assert_eq!(default[0].stages[0].name, "Explore");
    }

    #[test]
    fn problems_are_named_at_file_and_line() {
        let one_stage = GOOD.replace("\n[[stage]]\nname = \"Two\"\nquestion = \"q2\"\n", "");
        let problems = check_case_templates(&[file("cases/x.toml", &one_stage)]).unwrap_err();
        assert_eq!(
            problems[0].to_string(),
            "cases/x.toml:2: a template needs 2 to 6 stages; this one has 1"
        );
        let long = GOOD.replace("q2", &"x".repeat(MAX_QUESTION_CHARS + 1));
        let problems = check_case_templates(&[file("cases/x.toml", &long)]).unwrap_err();
        assert!(
            problems[0]
                .to_string()
                .starts_with("cases/x.toml:11: stage 'Two'"),
            "{problems:?}"
        );
        let typo = GOOD.replace("question = \"q1\"", "questoin = \"q1\"");
        let problems = check_case_templates(&[file("cases/x.toml", &typo)]).unwrap_err();
        assert!(
            problems[0].to_string().contains("unknown field `questoin`"),
            "{problems:?}"
        );
        let twice =
            check_case_templates(&[file("a.toml", GOOD), file("b.toml", GOOD)]).unwrap_err();
        assert_eq!(
            twice[0].to_string(),
            "b.toml:2: template id 'two' is also used in a.toml"
        );
        let none_default = GOOD.replace("default = true\n", "");
        let problems = check_case_templates(&[file("a.toml", &none_default)]).unwrap_err();
        assert!(
            problems[0].message.contains("exactly one template"),
            "{problems:?}"
        );
    }
}
