//! `mindlines prompts check` and `mindlines prompts list`.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::bail;

use super::ListArgs;
use crate::app::library::LibrarySource;
use crate::domain::curriculum::{Area, AreaKind};
use crate::domain::prompt::Prompt;

/// Prints every problem (file:line: message) and fails, or prints the coverage table.
pub fn check(source: &LibrarySource) -> ExitCode {
    match source.load() {
        Ok(library) => {
            println!("The prompt library ({source}) is valid.\n");
            print!("{}", library.coverage());
            let templates: Vec<String> = library
                .case_templates()
                .iter()
                .map(|t| {
                    let default = if t.default { ", the default" } else { "" };
                    format!("{} ({} stages{default})", t.id, t.stages.len())
                })
                .collect();
            if templates.is_empty() {
                println!(
                    "\nNo case discussion templates (no cases/ folder): /case start will say so."
                );
            } else {
                println!("\nCase discussion templates: {}.", templates.join(", "));
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            eprintln!(
                "\n{} problem(s) in the prompt library ({source})",
                problems.len()
            );
            ExitCode::FAILURE
        }
    }
}

pub fn list(source: &LibrarySource, args: &ListArgs) -> anyhow::Result<ExitCode> {
    let filter = area_filter(args)?;
    let library = match source.load() {
        Ok(library) => library,
        Err(problems) => {
            bail!(
                "the prompt library ({source}) has {} problem(s); run `mindlines prompts check` to see them",
                problems.len()
            )
        }
    };
    let mut out = String::new();
    for area in Area::ALL
        .into_iter()
        .filter(|a| filter.is_none_or(|f| f == *a))
    {
        let prompts: Vec<&Prompt> = library
            .prompts()
            .iter()
            .filter(|p| p.area == area)
            .collect();
        let _ = writeln!(out, "━━ {} ({} prompts) ━━\n", area.name(), prompts.len());
        for prompt in prompts {
            write_prompt(&mut out, prompt);
        }
    }
    super::print_out(&out)
}

fn area_filter(args: &ListArgs) -> anyhow::Result<Option<Area>> {
    let wanted = [
        (&args.domain, AreaKind::Domain),
        (&args.theme, AreaKind::Theme),
    ];
    let mut filter = None;
    for (text, kind) in wanted {
        let Some(text) = text else { continue };
        match Area::lookup(text).filter(|a| a.kind() == kind) {
            Some(area) => filter = Some(area),
            None => {
                bail!("'{text}' is not a {kind:?} (try `mindlines prompts list` to see them all)")
            }
        }
    }
    Ok(filter)
}

fn write_prompt(out: &mut String, prompt: &Prompt) {
    let outcomes: Vec<String> = prompt.outcomes.iter().map(|o| o.id()).collect();
    let mut tags = vec![prompt.model.name().to_owned(), outcomes.join(", ")];
    if !prompt.professions.is_empty() {
        let professions: Vec<&str> = prompt.professions.iter().map(|p| p.label()).collect();
        tags.push(format!("for {}", professions.join(", ")));
    }
    if !prompt.reminders.is_empty() {
        let reminders: Vec<&str> = prompt.reminders.iter().map(|r| r.slug()).collect();
        tags.push(format!("reminds: {}", reminders.join(", ")));
    }
    let _ = writeln!(out, "  {}  [{}]", prompt.id, tags.join(" · "));
    for line in wrap(&prompt.text, 90) {
        let _ = writeln!(out, "    {line}");
    }
    for stem in &prompt.stems {
        let _ = writeln!(out, "      › {stem}");
    }
    let _ = writeln!(out);
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
