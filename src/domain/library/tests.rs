use super::*;
use crate::domain::curriculum::{Area, AreaKind};

/// A valid prompt for `area` with a unique id, as TOML.
pub(super) fn prompt_toml(id: &str, area: &str, outcomes: &str) -> String {
    format!(
        "[[prompt]]\nid = \"{id}\"\narea = \"{area}\"\noutcomes = [{outcomes}]\nmodel = \"rolfe\"\n\
         text = \"Think of a conversation this week that changed your plan.\"\n\
         stems = [\"What?\", \"So what?\", \"Now what?\"]\n\n"
    )
}

/// A library that meets every minimum: 10 per domain, 6 per theme, outcomes spread.
pub(super) fn complete_library() -> Vec<SourceFile> {
    Area::ALL
        .iter()
        .map(|area| {
            let count = if area.kind() == AreaKind::Domain {
                10
            } else {
                6
            };
            let text: String = (0..count)
                .map(|i| {
                    prompt_toml(
                        &format!("{}-{i}", area.id()),
                        area.id(),
                        &format!("\"outcome-{}\"", i % 7 + 1),
                    )
                })
                .collect();
            SourceFile {
                name: format!("prompts/{}.toml", area.id()),
                text,
            }
        })
        .collect()
}

#[test]
fn a_complete_library_passes_and_counts_coverage() {
    let library = check_prompt_files(&complete_library()).expect("valid");
    assert_eq!(library.prompts().len(), 6 * 10 + 4 * 6);
    let coverage = library.coverage();
    assert_eq!(coverage.area_total(Area::Digital), 6);
    assert_eq!(coverage.area_total(Area::SystemWorking), 10);
    assert!(coverage.to_string().contains("rolfe"));
}

#[test]
fn a_broken_file_reports_every_problem_with_file_and_line() {
    let mut files = complete_library();
    let long_text = "x".repeat(1_200);
    let broken = format!(
        "{}[[prompt]]\nid = \"person-centred-practice-0\"\narea = \"cardiology\"\noutcomes = [\"outcome-9\"]\n\
         model = \"schon\"\ntext = \"{long_text}\"\nstems = [\"This stem is far too long to be a Discord modal label\"]\n",
        prompt_toml("fine-one", "digital", "\"outcome-4\"")
    );
    files.push(SourceFile {
        name: "prompts/broken.toml".into(),
        text: broken,
    });
    let problems = check_prompt_files(&files).unwrap_err();
    let located: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let expect = [
        "prompts/broken.toml:11: unknown domain or theme 'cardiology'",
        "prompts/broken.toml:12: unknown outcome 'outcome-9'",
        "prompts/broken.toml:13: unknown reflection model 'schon'",
        "prompts/broken.toml:14: text is 1200 characters",
        "prompts/broken.toml:15: stem 'This stem is far too long",
    ];
    for wanted in expect {
        assert!(
            located.iter().any(|p| p.starts_with(wanted)),
            "missing {wanted:?} in {located:#?}"
        );
    }
}

#[test]
fn duplicate_ids_name_both_places() {
    let mut files = complete_library();
    files.push(SourceFile {
        name: "prompts/extra.toml".into(),
        text: prompt_toml("digital-0", "digital", "\"outcome-4\""),
    });
    let problems = check_prompt_files(&files).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].file, "prompts/extra.toml");
    assert_eq!(problems[0].line, 1);
    assert!(
        problems[0]
            .message
            .contains("first defined at prompts/digital.toml:1")
    );
}

#[test]
fn too_few_prompts_are_reported_per_area_and_outcome() {
    let files = vec![SourceFile {
        name: "prompts/one.toml".into(),
        text: prompt_toml("only-one", "digital", "\"outcome-4\""),
    }];
    let problems = check_prompt_files(&files).unwrap_err();
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("theme 'digital' has 1 valid prompts"))
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("domain 'system-working' has 0"))
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("outcome-1 is supported by 0"))
    );
}

#[test]
fn a_syntax_error_is_located() {
    let files = vec![SourceFile {
        name: "prompts/bad.toml".into(),
        text: "[[prompt]]\nid = \"a\"\narea = = \"digital\"\n".into(),
    }];
    let problems = check_prompt_files(&files).unwrap_err();
    let bad: Vec<&Problem> = problems
        .iter()
        .filter(|p| p.file == "prompts/bad.toml")
        .collect();
    assert_eq!(bad.len(), 1, "{problems:?}");
    assert_eq!(bad[0].line, 3, "{problems:?}");
}

#[test]
fn unknown_fields_are_rejected_with_their_name() {
    let text = prompt_toml("p-1", "digital", "\"outcome-4\"").replace("model", "modle");
    let files = vec![SourceFile {
        name: "prompts/bad.toml".into(),
        text,
    }];
    let problems = check_prompt_files(&files).unwrap_err();
    let bad = problems
        .iter()
        .find(|p| p.file == "prompts/bad.toml")
        .expect("located");
    assert!(bad.message.contains("modle"), "{problems:?}");
    assert_eq!(bad.line, 5);
}
