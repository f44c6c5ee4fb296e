//! Each authoring rule, broken once in an otherwise complete library, names the file and line.

use super::stems::stem_problem_allowing;
use crate::domain::library::tests::{complete_library, prompt_toml};
use crate::domain::library::{SourceFile, check_prompt_files};

/// One prompt laid out one field a line, stems one a line from line 9:
/// 1 `[[prompt]]`, 2 id, 3 area, 4 outcomes, 5 model, 6 reminders, 7 text, 8 `stems = [`.
fn prompt(model: &str, reminders: &str, text: &str, stems: &[&str]) -> String {
    let stems: String = stems.iter().map(|s| format!("  \"{s}\",\n")).collect();
    format!(
        "[[prompt]]\nid = \"extra-one\"\narea = \"digital\"\noutcomes = [\"outcome-4\"]\n\
         model = \"{model}\"\nreminders = [{reminders}]\ntext = \"{text}\"\nstems = [\n{stems}]\n"
    )
}

const PLAIN: &str = "Think of a tool you used this week that changed your plan.";
const ROLFE: [&str; 3] = [
    "What did I notice?",
    "So what did it mean?",
    "Now what will I do?",
];

/// The problems, as `file:line: message`, of a complete library plus `extra`.
fn problems_with(extra: &str) -> Vec<String> {
    let mut files = complete_library();
    files.push(SourceFile {
        name: "prompts/extra.toml".into(),
        text: extra.to_owned(),
    });
    match check_prompt_files(&files) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

fn assert_reported(problems: &[String], wanted: &str) {
    assert!(
        problems.iter().any(|p| p.starts_with(wanted)),
        "missing {wanted:?} in {problems:#?}"
    );
}

#[test]
fn a_well_written_extra_prompt_passes() {
    assert_eq!(
        problems_with(&prompt("rolfe", "", PLAIN, &ROLFE)),
        Vec::<String>::new()
    );
}

#[test]
fn an_invited_patient_colleague_or_incident_needs_its_reminder() {
    let text = "Think of someone you cared for when a colleague made a mistake.";
    let problems = problems_with(&prompt("rolfe", "", text, &ROLFE));
    for what in [
        "a patient encounter",
        "a colleague encounter",
        "something that went wrong",
    ] {
        assert_reported(
            &problems,
            &format!("prompts/extra.toml:7: the text invites {what}"),
        );
    }
    let covered = "\"patient\", \"colleague\", \"incident\"";
    assert!(problems_with(&prompt("rolfe", covered, text, &ROLFE)).is_empty());
    // Patients in general, and words that merely contain a cue, invite no one.
    let general = "Think of how services for patients and carers' groups work with inpatients.";
    assert!(problems_with(&prompt("rolfe", "", general, &ROLFE)).is_empty());
}

#[test]
fn an_unknown_or_repeated_reminder_is_located() {
    let problems = problems_with(&prompt(
        "rolfe",
        "\"patient\", \"patient\", \"visitor\"",
        PLAIN,
        &ROLFE,
    ));
    assert_reported(
        &problems,
        "prompts/extra.toml:6: reminder 'patient' is listed twice",
    );
    assert_reported(
        &problems,
        "prompts/extra.toml:6: unknown reminder 'visitor'",
    );
}

#[test]
fn a_text_too_long_for_a_phone_is_located() {
    let text = format!("Think of {}.", "a tool ".repeat(50));
    let problems = problems_with(&prompt("rolfe", "", &text, &ROLFE));
    assert_reported(
        &problems,
        "prompts/extra.toml:7: text is 360 characters; the limit is 320",
    );
}

#[test]
fn each_model_has_its_number_of_stems() {
    let five = [
        "What did I see?",
        "How did I feel?",
        "Why did it go so?",
        "What do I conclude?",
        "What will I do?",
    ];
    let problems = problems_with(&prompt("gibbs", "", PLAIN, &five));
    assert_reported(
        &problems,
        "prompts/extra.toml:8: a Gibbs prompt has 3 stems, this one has 5",
    );
    let problems = problems_with(&prompt("aomrc", "", PLAIN, &five[..2]));
    assert_reported(
        &problems,
        "prompts/extra.toml:8: a AoMRC / NMC prompt has 3–4 stems, this one has 2",
    );
}

#[test]
fn wisegp_stems_follow_its_stages() {
    let stems = [
        "Explore: their story",
        "Plan: what we agreed",
        "Explain: my sense of it",
        "Review and revise: what changed",
    ];
    let problems = problems_with(&prompt("wisegp", "", PLAIN, &stems));
    assert_reported(
        &problems,
        "prompts/extra.toml:10: WiseGP stem 2 should start with \"Explain\"",
    );
}

#[test]
fn a_yes_no_or_narrative_stem_is_located() {
    let stems = [
        "What happened?",
        "So was it fair for everyone?",
        "Now what will I do?",
    ];
    let problems = problems_with(&prompt("rolfe", "", PLAIN, &stems));
    assert_reported(
        &problems,
        "prompts/extra.toml:9: stem 'What happened?' asks for the story",
    );
    assert_reported(
        &problems,
        "prompts/extra.toml:10: stem 'So was it fair for everyone?' reads as a yes/no question",
    );
    // Open questions that start like closed ones, a description "in a sentence", and the
    // allow-list all pass.
    for open in [
        "Was it set, discovered or built?",
        "Did it work, and why?",
        "What happened, in a sentence?",
    ] {
        assert_eq!(stem_problem_allowing(open, &[]), None, "{open}");
    }
    assert!(stem_problem_allowing("Was it fair?", &[]).is_some());
    assert_eq!(
        stem_problem_allowing("Was it fair?", &["Was it fair?"]),
        None
    );
}

#[test]
fn the_last_stem_looks_forward() {
    let stems = [
        "What did I notice?",
        "So what did it mean?",
        "What was the outcome?",
    ];
    let problems = problems_with(&prompt("rolfe", "", PLAIN, &stems));
    assert_reported(
        &problems,
        "prompts/extra.toml:11: the last stem 'What was the outcome?' should look forward",
    );
}

#[test]
fn every_profession_needs_ten_prompts_per_domain() {
    let mut files = complete_library();
    let pcp = files
        .iter_mut()
        .find(|f| f.name.contains("person-centred-practice"))
        .unwrap();
    pcp.text = pcp.text.replacen(
        "model = \"rolfe\"",
        "model = \"rolfe\"\nprofessions = [\"doctor\"]",
        1,
    );
    let problems: Vec<String> = check_prompt_files(&files)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_reported(
        &problems,
        "prompts/person-centred-practice.toml: domain 'person-centred-practice' offers 9 prompts to profession 'midwife'",
    );
    assert!(
        !problems.iter().any(|p| p.contains("'doctor'")),
        "{problems:#?}"
    );
}

#[test]
fn every_outcome_needs_five_prompts() {
    let mut files = complete_library();
    // The complete library supports outcome-7 with six prompts (one per domain); move two away.
    for file in files.iter_mut().take(2) {
        file.text = file.text.replace("\"outcome-7\"", "\"outcome-1\"");
    }
    files.push(SourceFile {
        name: "prompts/extra.toml".into(),
        text: prompt_toml("extra-one", "digital", "\"outcome-4\""),
    });
    let problems: Vec<String> = check_prompt_files(&files)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_reported(
        &problems,
        "prompts: outcome-7 is supported by 4 valid prompts; it needs at least 5",
    );
}
