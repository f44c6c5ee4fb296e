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
            coverage.outcome_total(outcome) >= 3,
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
