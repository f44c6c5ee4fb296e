//! The shipped prompt library, and `mindlines prompts check` as an admin runs it.

use std::path::Path;
use std::process::Command;

use mindlines::app::library::{configured_holidays, configured_library, load_library};
use mindlines::config::Config;
use mindlines::domain::curriculum::{Area, AreaKind, Outcome};

fn mindlines() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mindlines"))
}

#[test]
fn the_shipped_library_is_valid_and_meets_the_minimums() {
    let library = load_library(Path::new("prompts")).expect("the shipped library is valid");
    let coverage = library.coverage();
    for area in Area::ALL {
        let minimum = if area.kind() == AreaKind::Domain {
            10
        } else {
            6
        };
        assert!(
            coverage.area_total(area) >= minimum,
            "{area} has too few prompts"
        );
    }
    for outcome in Outcome::all() {
        assert!(
            coverage.outcome_total(outcome) >= 5,
            "{outcome} is under-supported"
        );
    }
    let wellbeing = library
        .wellbeing()
        .expect("wellbeing.toml is part of the library");
    assert!(wellbeing.mentions_risk("I want to end it all"));
}

#[test]
fn prompts_check_prints_the_coverage_table_on_success() {
    let output = mindlines()
        .args(["prompts", "check", "prompts"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("person-centred-practice"), "{stdout}");
    assert!(stdout.contains("outcome-7"), "{stdout}");
}

#[test]
fn prompts_check_names_every_problem_in_a_broken_library_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    copy_library(Path::new("prompts"), dir.path());
    let digital = dir.path().join("themes/digital.toml");
    let original = std::fs::read_to_string(&digital).unwrap();
    let first_id = original
        .lines()
        .find_map(|l| l.strip_prefix("id = "))
        .unwrap()
        .to_owned();
    let broken = format!(
        "{original}\n[[prompt]]\nid = {first_id}\narea = \"astrology\"\noutcomes = [\"outcome-1\"]\nmodel = \"rolfe\"\ntext = \"{}\"\nstems = [\"What?\"]\n",
        "x".repeat(1_100)
    );
    std::fs::write(&digital, &broken).unwrap();
    let start = original.lines().count() + 2;

    let output = mindlines()
        .args(["prompts", "check"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    let file = digital.display().to_string();
    assert!(
        stderr.contains(&format!(
            "{file}:{}: unknown domain or theme 'astrology'",
            start + 2
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{file}:{}: text is 1100 characters", start + 5)),
        "{stderr}"
    );
    // The duplicate id is reported once the prompt is otherwise valid; an invalid prompt is
    // reported for what is wrong with it.
    assert!(
        stderr.contains("problem(s) in the prompt library"),
        "{stderr}"
    );
}

#[test]
fn a_duplicate_id_is_named_with_both_places() {
    let dir = tempfile::tempdir().unwrap();
    copy_library(Path::new("prompts"), dir.path());
    let leadership = dir.path().join("themes/leadership.toml");
    let original = std::fs::read_to_string(&leadership).unwrap();
    let first_prompt = original.split("[[prompt]]").nth(1).unwrap();
    std::fs::write(&leadership, format!("{original}\n[[prompt]]{first_prompt}")).unwrap();

    let output = mindlines()
        .args(["prompts", "check"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("duplicate prompt id"), "{stderr}");
    assert!(stderr.contains("first defined at"), "{stderr}");
}

/// Every authoring rule, broken once in a copy of the shipped library, is named at its line.
#[test]
fn prompts_check_names_each_authoring_rule_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    copy_library(Path::new("prompts"), dir.path());
    let digital = dir.path().join("themes/digital.toml");
    let original = std::fs::read_to_string(&digital).unwrap();
    let broken = format!(
        "{original}\n[[prompt]]\nid = \"dig-broken\"\narea = \"digital\"\noutcomes = [\"outcome-4\"]\n\
         model = \"gibbs\"\ntext = \"Think of someone you cared for when a colleague made a mistake. {}\"\n\
         stems = [\n  \"What happened?\",\n  \"Was it fair for everyone?\",\n  \"Explore: the story\",\n  \"What was the outcome?\",\n]\n",
        "More words. ".repeat(25)
    );
    std::fs::write(&digital, &broken).unwrap();
    let start = original.lines().count() + 2;
    // A domain whose prompts are all for doctors leaves every other profession short.
    let system = dir.path().join("domains/system-working.toml");
    let text = std::fs::read_to_string(&system).unwrap();
    let for_doctors = text.replace("model = ", "professions = [\"doctor\"]\nmodel = ");
    std::fs::write(&system, for_doctors).unwrap();
    // WiseGP stages out of order, and a reminder that does not exist.
    let leadership = dir.path().join("themes/leadership.toml");
    let lead = std::fs::read_to_string(&leadership).unwrap();
    let lead_start = lead.lines().count() + 2;
    std::fs::write(
        &leadership,
        format!(
            "{lead}\n[[prompt]]\nid = \"lead-broken\"\narea = \"leadership\"\noutcomes = [\"outcome-7\"]\n\
             model = \"wisegp\"\nreminders = [\"visitor\"]\ntext = \"Think of a change you led at work this year.\"\n\
             stems = [\n  \"Explore: the problem\",\n  \"Plan: what we agreed\",\n  \"Explain: what I made of it\",\n  \"Review and revise: what I will change\",\n]\n"
        ),
    )
    .unwrap();

    let output = mindlines()
        .args(["prompts", "check"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    let file = digital.display().to_string();
    let text_line = start + 5;
    let stems_line = start + 6;
    let expect = [
        format!("{file}:{text_line}: the text invites a patient encounter"),
        format!("{file}:{text_line}: the text invites a colleague encounter"),
        format!("{file}:{text_line}: the text invites something that went wrong"),
        format!("{file}:{text_line}: text is"),
        format!("{file}:{stems_line}: a Gibbs prompt has 3 stems, this one has 4"),
        format!(
            "{file}:{}: stem 'What happened?' asks for the story",
            stems_line + 1
        ),
        format!(
            "{file}:{}: stem 'Was it fair for everyone?' reads as a yes/no question",
            stems_line + 2
        ),
        format!(
            "{file}:{}: the last stem 'What was the outcome?' should look forward",
            stems_line + 4
        ),
        format!(
            "{}: domain 'system-working' offers 0 prompts to profession 'nurse'",
            system.display()
        ),
        format!(
            "{}:{}: unknown reminder 'visitor'",
            leadership.display(),
            lead_start + 5
        ),
        format!(
            "{}:{}: WiseGP stem 2 should start with \"Explain\"",
            leadership.display(),
            lead_start + 9
        ),
    ];
    for wanted in expect {
        assert!(stderr.contains(&wanted), "missing {wanted:?} in {stderr}");
    }
    assert!(!stderr.contains("profession 'doctor'"), "{stderr}");
}

fn copy_library(from: &Path, to: &Path) {
    for entry in walk(from) {
        let target = to.join(entry.strip_prefix(from).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &target).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn deployment_contacts_reach_the_signposting_and_a_bad_one_is_named() {
    let mut config = Config::default();
    config.wellbeing.wellbeing_lead_contact = "Dr A. Example, wellbeing@example.nhs.uk".into();
    let library = configured_library(&config).unwrap();
    let reply = library.wellbeing().unwrap().risk_reply();
    assert!(reply.contains("wellbeing@example.nhs.uk"), "{reply}");

    config.wellbeing.supervisor_contact = "line one\nline two".into();
    let error = configured_library(&config).unwrap_err().to_string();
    assert!(error.contains("wellbeing.supervisor_contact"), "{error}");
}

#[test]
fn a_bank_holiday_file_replaces_the_shipped_lists() {
    let mut config = Config::default();
    assert!(configured_holidays(&config).is_ok());
    config.calendar.bank_holidays_file = "no/such/file.toml".into();
    let error = configured_holidays(&config).unwrap_err().to_string();
    assert!(error.contains("no/such/file.toml"), "{error}");
}

#[test]
fn prompts_check_names_a_broken_case_template_at_its_line() {
    let library = load_library(Path::new("prompts")).unwrap();
    let ids: Vec<&str> = library
        .case_templates()
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(ids.len(), 4, "{ids:?}");
    assert_eq!(
        library.case_template(None).map(|t| t.id.as_str()),
        Some("wisegp")
    );

    let dir = tempfile::tempdir().unwrap();
    copy_library(Path::new("prompts"), dir.path());
    let file = dir.path().join("cases/balint.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let broken = text.replacen("question = ", "questoin = ", 1);
    std::fs::write(&file, broken).unwrap();
    let output = mindlines()
        .args(["prompts", "check", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("cases/balint.toml:") && stderr.contains("unknown field `questoin`"),
        "{stderr}"
    );
}
