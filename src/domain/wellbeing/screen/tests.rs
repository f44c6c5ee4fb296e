//! One test per design rule, each with the case the rule exists for and the case it must not
//! swallow, run against the shipped patterns.

use super::text::{drop_reported_speech, normalise, set_aside_quotes};
use super::*;
use crate::domain::wellbeing::parse_wellbeing;

fn shipped() -> RiskDetector {
    let text = include_str!("../../../../prompts/wellbeing.toml");
    let library = parse_wellbeing("wellbeing.toml", text).expect("shipped file is valid");
    library.detector().clone()
}

fn flags(text: &str) -> bool {
    shipped().screen(text).risk
}

#[track_caller]
fn assert_flagged(texts: &[&str]) {
    let screen = shipped();
    for text in texts {
        assert!(screen.screen(text).risk, "should be flagged: {text}");
    }
}

#[track_caller]
fn assert_clear(texts: &[&str]) {
    let screen = shipped();
    for text in texts {
        let verdict = screen.screen(text);
        assert!(
            !verdict.risk,
            "should be clear: {text} ({:?})",
            verdict.patterns
        );
    }
}

#[test]
fn chat_spellings_become_one_form() {
    assert_eq!(
        normalise("Im SO done, dont wanna"),
        "i'm so done, don't want to"
    );
    assert_eq!(
        normalise("I’ve been self harming"),
        "i've been self-harming"
    );
    assert_eq!(normalise("kill my self any more"), "kill myself anymore");
    assert!(flags("IM GONNA KMS") && flags("i’m feeling suicidal"));
}

#[test]
fn the_verdict_names_pattern_ids_and_never_text() {
    let verdict = shipped().screen("I want to die. I've been SHing again.");
    assert!(verdict.risk);
    assert_eq!(verdict.patterns, ["sh-coded", "want-to-die"], "file order");
    assert_eq!(
        shipped().screen("a good day on the ward"),
        RiskVerdict::default()
    );
}

#[test]
fn quoted_speech_is_someone_elses() {
    let kept = set_aside_quotes("he told me \"i want to die at home\" and smiled");
    assert!(!kept.contains("die"), "{kept}");
    assert_clear(&[
        "He told me \"I want to die at home\"",
        "the actor in the sim said 'i took all my pills'",
        "“I’m going to kill myself” was the first thing she said",
    ]);
    // The writer quoting themselves, a message that is only a quotation, and an apostrophe
    // that is not a quotation mark all keep their words.
    assert_flagged(&[
        "I keep thinking 'I want to die'",
        "\"i want to die\"",
        "i don't want to live anymore",
    ]);
}

#[test]
fn reported_speech_of_others_is_cut_but_the_writers_is_kept() {
    assert_eq!(
        drop_reported_speech("pt told me he wanted to end it all"),
        "pt told me ¶ "
    );
    assert_clear(&[
        "mr b kept saying he wanted to die, the team did a capacity assessment",
        "she said she'd been cutting again",
    ]);
    assert_flagged(&[
        "I told my GP I want to die",
        "she said I should rest but honestly I want to die",
    ]);
}

#[test]
fn negation_governs_only_what_follows_it_closely() {
    assert_clear(&[
        "I'm not suicidal, just tired",
        "I have never wanted to hurt myself",
        "i'm not going to kill myself, promise",
        "no way would i ever hurt myself",
    ]);
    // Not negated: doubt ("not sure"), inability ("can't stop"), a negation in another clause,
    // or one with other words between it and the match.
    assert_flagged(&[
        "not sure i want to be alive anymore",
        "i can't stop thinking about killing myself",
        "i'm not ok, i want to die",
        "i can't sleep and i want to die",
        "i cant do this i want to die",
    ]);
}

#[test]
fn someone_elses_risk_is_not_the_writers() {
    assert_clear(&[
        "she's been feeling suicidal since the diagnosis",
        "the patient took too many tablets",
        "a colleague told me she has been feeling suicidal",
        "my patient has been having suicidal thoughts",
    ]);
    // "me"/"my" in the match, or the writer as the nearest person, make it the writer's.
    assert_flagged(&[
        "my family would be better off without me",
        "after the patient left i felt suicidal",
        "feeling suicidal again",
    ]);
}

#[test]
fn clinical_terms_and_patients_as_objects_are_clinical_work() {
    assert_clear(&[
        "I plan to take an overdose history",
        "My self-harm assessment skills improved",
        "I nearly overdosed him on morphine, reported on Datix",
        "i've been thinking about suicide prevention for my QI project",
        "we made a safety plan together",
    ]);
    assert_flagged(&[
        "I plan to take an overdose",
        "I want to self-harm.",
        "i overdosed last night",
    ]);
}

#[test]
fn idioms_are_not_risk() {
    assert_clear(&[
        "this rota is killing me",
        "I killed it in my presentation",
        "dying to know what the consultant thought",
        "i wanted to die of embarrassment",
        "i'd rather die than do another on-call weekend",
        "i could kill myself for forgetting the bloods",
    ]);
    assert_flagged(&["i'd rather die", "i want to kill myself"]);
}

#[test]
fn a_pattern_may_excuse_what_follows_it() {
    assert_clear(&[
        "no point carrying on with the antibiotics",
        "she wanted to die at home",
    ]);
    assert_flagged(&["no point carrying on", "what's the point any more"]);
}

#[test]
fn words_talked_about_are_not_used() {
    assert_clear(&[
        "i learnt what ctb means in the teaching",
        "the patient used the word unalive",
    ]);
    assert_flagged(&["ctb", "kys", "thinking about unaliving"]);
}
