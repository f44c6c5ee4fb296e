use super::*;
use crate::domain::library::line_of;

const SHIPPED: &str = include_str!("../../../prompts/wellbeing.toml");

fn shipped() -> WellbeingLibrary {
    parse_wellbeing("wellbeing.toml", SHIPPED).unwrap_or_else(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        panic!("shipped wellbeing.toml is invalid:\n{}", lines.join("\n"))
    })
}

#[test]
fn the_shipped_file_parses_with_uk_defaults() {
    let lib = shipped();
    let values: Vec<u8> = lib.checkin().scale.iter().map(|p| p.value).collect();
    assert_eq!(values, [1, 2, 3, 4, 5]);
    assert!(!lib.consent().version.is_empty());
    let ids: Vec<&str> = lib.resources().iter().map(|r| r.id.as_str()).collect();
    for id in [
        "emergency",
        "nhs-111",
        "samaritans",
        "shout",
        "supervisor",
        "wellbeing-lead",
    ] {
        assert!(ids.contains(&id), "missing resource {id}");
    }
    assert!(
        !lib.resources()
            .iter()
            .any(|r| r.name.contains("Practitioner Health"))
    );
    for route in ["999", "111", "116 123", "85258"] {
        assert!(
            lib.risk_reply().contains(route),
            "risk message lacks {route}"
        );
    }
}

#[test]
fn thresholds_and_configured_contacts() {
    let mut lib = shipped();
    assert!(lib.is_low(1) && lib.is_low(2) && !lib.is_low(3));
    assert!(lib.is_repeated_low(&[2, 4, 1]) && !lib.is_repeated_low(&[2, 4, 4, 1]));
    assert_eq!(lib.label(3), Some("Getting by"));
    assert_eq!(
        lib.visible_resources().count(),
        4,
        "empty configurable contacts are hidden"
    );
    lib.set_resource_contact("wellbeing-lead", "Dr Lee, wellbeing@example.nhs.uk")
        .unwrap();
    assert!(lib.risk_reply().ends_with("wellbeing@example.nhs.uk"));
    assert!(
        lib.set_resource_contact("nobody", "x")
            .unwrap_err()
            .contains("samaritans")
    );
    assert!(lib.set_resource_contact("samaritans", " ").is_err());
}

#[test]
fn a_broken_file_reports_every_problem_with_its_line() {
    let broken = SHIPPED
        .replace("  { value = 5, label = \"Doing well\" },\n", "")
        .replace(r"pattern = '''\bctb\b'''", "pattern = '(unclosed'")
        .replace("id = \"coded-kys\"", "id = \"coded-kms\"")
        .replace("id = \"shout\"", "id = \"samaritans\"")
        .replace("version = \"2026-12-1\"", "version = \"  \"");
    let problems = parse_wellbeing("wellbeing.toml", &broken).unwrap_err();
    let line = |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let has = |text: &str, at: usize| {
        problems
            .iter()
            .any(|p| p.message.contains(text) && p.line == at)
    };
    assert!(
        has(
            "exactly 1, 2, 3, 4, 5 (found 1, 2, 3, 4)",
            line("scale = [")
        ),
        "{problems:?}"
    );
    assert!(
        has(
            "risk pattern 'coded-ctb' does not compile",
            line("'(unclosed'")
        ),
        "{problems:?}"
    );
    let twice = broken.match_indices("id = \"coded-kms\"").nth(1).unwrap().0;
    assert!(
        has(
            "risk pattern id 'coded-kms' is used twice",
            line_of(&broken, twice)
        ),
        "{problems:?}"
    );
    let second = broken
        .match_indices("id = \"samaritans\"")
        .nth(1)
        .unwrap()
        .0;
    assert!(has("used twice", line_of(&broken, second)), "{problems:?}");
    assert!(
        has("version must not be empty", line("version = \"  \"")),
        "{problems:?}"
    );
    assert_eq!(problems.len(), 5, "{problems:?}");
}

#[test]
fn syntax_errors_and_unknown_fields_are_located() {
    let text = "[consent]\nversion = \"1\"\nextra = 2\n";
    let problems = parse_wellbeing("w.toml", text).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].line > 0, "{problems:?}");
}

#[test]
fn risk_language_is_detected() {
    let lib = shipped();
    let positives = [
        "I want to die",
        "honestly I just WANT TO DIE",
        "i cant go on",
        "I can’t go on like this.",
        "Sometimes I think about ending it all",
        "there's no point living any more",
        "Everyone would be better off without me",
        "I'm going to take an overdose tonight",
        "ive been saving up my tablets",
        "i wanna kms lol",
        "KMS",
        "thinking of how to unalive myself",
        "sewer slide thoughts again",
        "I’ve started self-harming again",
        "im feeling really suicidal",
        "I want to kill myself",
        "I wish I was dead",
        "life isn't worth living",
        "I just want to sleep and never wake up",
        "I've been thinking about suicide lately",
        "I'm a burden to everyone",
        "planning to end my life",
        "I feel like a burden to everyone",
        "I've been cutting myself again",
        "I've taken an overdose",
    ];
    for text in positives {
        assert!(lib.mentions_risk(text), "missed: {text}");
    }
}

/// Idioms such as "I killed it" are deliberately not risk language, and neither is clinical
/// talk about patients in the third person; see the comment above `patterns` in the file.
#[test]
fn ordinary_reflections_are_not_flagged() {
    let lib = shipped();
    let negatives = [
        "I felt tired after nights but the team was great",
        "we discussed the patient's medication review",
        "I killed it in my presentation",
        "The patient took an overdose of paracetamol and we started treatment",
        "We completed a suicide risk assessment together",
        "I attended suicide prevention training last week",
        "I was assessing suicidal patients in the emergency department",
        "She wanted to die at home, and the team made that happen",
        "The patient did not wake up after sedation, so we called outreach",
        "I drove 20 kms to the home visit",
        "We can't go on with the ward round until the consultant arrives",
        "I hurt my back lifting and saw occupational health",
        "We talked about end of life care with the family",
        "He felt there was no point in another scan",
        "I cut my finger on a scalpel and reported it",
        "This rota is killing me, but I'd die for a coffee",
        "We discussed self-harm presentations in teaching",
        "I was thinking about dying patients and how we support families",
    ];
    for text in negatives {
        assert!(!lib.mentions_risk(text), "false positive: {text}");
    }
}
