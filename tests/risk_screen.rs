//! The risk-language screen against the labelled corpus in `tests/risk_corpus`: messages written
//! for this purpose as clinicians in training write in DMs, `risk.jsonl` about the writer being
//! at risk, `clear.jsonl` ordinary reflection, much of it hard (patients' overdoses, quoted
//! speech, idioms, negations). Prints recall, the false-alarm rate and every error; the figures
//! go in docs/benchmarks.md (`cargo test --test risk_screen -- --nocapture`).

use std::path::Path;

use mindlines::app::library::load_library;
use mindlines::domain::wellbeing::RiskDetector;
use serde::Deserialize;

#[derive(Deserialize)]
struct Line {
    id: String,
    text: String,
}

fn corpus(name: &str) -> Vec<Line> {
    let path = Path::new("tests/risk_corpus").join(name);
    let text = std::fs::read_to_string(&path).expect("corpus file");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("{name}:{}: {e}", n + 1)))
        .collect()
}

fn detector() -> RiskDetector {
    let library = load_library(Path::new("prompts")).expect("the shipped library is valid");
    let wellbeing = library.wellbeing().expect("wellbeing.toml is shipped");
    wellbeing.detector().clone()
}

/// The lines whose verdict differs from `expected`, with the pattern ids that fired.
fn errors(screen: &RiskDetector, lines: &[Line], expected: bool) -> Vec<String> {
    lines
        .iter()
        .filter_map(|line| {
            let verdict = screen.screen(&line.text);
            (verdict.risk != expected)
                .then(|| format!("  {} {:?} {:?}", line.id, line.text, verdict.patterns))
        })
        .collect()
}

#[test]
fn recall_and_false_alarms_on_the_corpus() {
    let screen = detector();
    let (risk, clear) = (corpus("risk.jsonl"), corpus("clear.jsonl"));
    assert!(risk.len() >= 120 && clear.len() >= 200, "corpus too small");

    let misses = errors(&screen, &risk, true);
    let alarms = errors(&screen, &clear, false);
    let recall = 1.0 - misses.len() as f64 / risk.len() as f64;
    let false_alarms = alarms.len() as f64 / clear.len() as f64;

    println!("risk messages:  {}", risk.len());
    println!("clear messages: {}", clear.len());
    println!(
        "recall:         {recall:.3} ({} of {} flagged)",
        risk.len() - misses.len(),
        risk.len()
    );
    println!(
        "false alarms:   {:.1}% ({} of {})",
        false_alarms * 100.0,
        alarms.len(),
        clear.len()
    );
    println!("misses:\n{}", misses.join("\n"));
    println!("false alarms:\n{}", alarms.join("\n"));

    assert!(
        recall >= 0.98,
        "recall {recall:.3} < 0.98; misses:\n{}",
        misses.join("\n")
    );
    assert!(
        false_alarms <= 0.02,
        "false alarms {:.1}% > 2%:\n{}",
        false_alarms * 100.0,
        alarms.join("\n")
    );
}

/// A small set written after the patterns were tuned on the main corpus and never tuned on, so
/// its figures say how the screen does on text it has not been fitted to. Printed, not
/// asserted: a threshold here would invite fitting to it too. It must still load and be scored.
#[test]
fn held_out_figures() {
    let screen = detector();
    let (risk, clear) = (corpus("holdout_risk.jsonl"), corpus("holdout_clear.jsonl"));
    assert!(!risk.is_empty() && !clear.is_empty());
    let misses = errors(&screen, &risk, true);
    let alarms = errors(&screen, &clear, false);
    println!(
        "held out: recall {}/{}, false alarms {}/{}",
        risk.len() - misses.len(),
        risk.len(),
        alarms.len(),
        clear.len()
    );
    println!("held-out misses:\n{}", misses.join("\n"));
    println!("held-out false alarms:\n{}", alarms.join("\n"));
}

#[test]
fn the_corpus_ids_are_unique_and_the_issue_examples_are_in_it() {
    let (risk, clear) = (corpus("risk.jsonl"), corpus("clear.jsonl"));
    let mut held_out = corpus("holdout_risk.jsonl");
    held_out.extend(corpus("holdout_clear.jsonl"));
    let mut ids: Vec<&str> = risk
        .iter()
        .chain(&clear)
        .chain(&held_out)
        .map(|l| l.id.as_str())
        .collect();
    let total = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), total, "duplicate ids in the corpus");
    let has = |lines: &[Line], text: &str| lines.iter().any(|l| l.text == text);
    for text in [
        "I want to self-harm.",
        "I've started cutting again.",
        "I'm tired of living.",
        "I've been SHing again.",
        "I wouldn't mind if I didn't wake up",
        "I'm not safe right now",
        "I took too many tablets last night",
        "what's the point any more",
        "kys",
        "ctb",
    ] {
        assert!(has(&risk, text), "risk.jsonl lacks {text:?}");
    }
    for text in [
        "no point carrying on with the antibiotics",
        "He told me \"I want to die at home\"",
        "I plan to take an overdose history",
        "My self-harm assessment skills improved",
    ] {
        assert!(has(&clear, text), "clear.jsonl lacks {text:?}");
    }
}
