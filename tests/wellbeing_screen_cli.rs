//! `mindlines wellbeing screen` as an admin runs it: verdicts by id, and message text never
//! echoed, not even for a malformed line.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn mindlines() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mindlines"))
}

const GOOD: &str = concat!(
    r#"{"id": "a", "text": "I've been SHing again."}"#,
    "\n",
    r#"{"id": 7, "text": "I plan to take an overdose history"}"#,
    "\n\n",
    r#"{"id": "c", "text": "honestly i just want to die", "label": "risk"}"#,
    "\n",
);

fn run_on_file(contents: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.jsonl");
    std::fs::write(&path, contents).unwrap();
    mindlines()
        .args(["wellbeing", "screen", "--dir", "prompts"])
        .arg(&path)
        .output()
        .unwrap()
}

/// Neither stream may contain any message's text, nor its telling phrases. (Pattern ids such as
/// `coded-kys` are printed by design, so phrases are checked with their spaces.)
fn assert_no_text(output: &Output, texts: &[&str]) {
    let stdout = String::from_utf8_lossy(&output.stdout).to_lowercase();
    let stderr = String::from_utf8_lossy(&output.stderr).to_lowercase();
    let phrases = ["shing again", "overdose history", "want to die", "morphine"];
    for text in texts.iter().map(|t| t.to_lowercase()) {
        let telling = phrases.iter().filter(|p| text.contains(*p)).copied();
        for needle in telling.chain([text.as_str()]) {
            assert!(
                !stdout.contains(needle),
                "stdout echoes {needle:?}: {stdout}"
            );
            assert!(
                !stderr.contains(needle),
                "stderr echoes {needle:?}: {stderr}"
            );
        }
    }
}

#[test]
fn a_file_gives_one_verdict_per_line_by_id() {
    let output = run_on_file(GOOD);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let rows: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect();
    assert_eq!(rows.len(), 3, "blank lines are skipped: {rows:?}");
    assert_eq!(rows[0]["id"], "a");
    assert_eq!(rows[0]["risk"], true);
    assert_eq!(rows[0]["patterns"], serde_json::json!(["sh-coded"]));
    assert_eq!(rows[1]["id"], 7, "ids come back as given");
    assert_eq!(rows[1]["risk"], false);
    assert_eq!(rows[1]["patterns"], serde_json::json!([]));
    assert_eq!(rows[2]["risk"], true);
    for row in &rows {
        let mut keys: Vec<&String> = row.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["id", "patterns", "risk"], "no text field: {row}");
    }
    assert_no_text(
        &output,
        &[
            "I've been SHing again.",
            "I plan to take an overdose history",
        ],
    );
}

#[test]
fn standard_input_is_read_when_no_file_is_given() {
    let mut child = mindlines()
        .args(["wellbeing", "screen", "--dir", "prompts"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"{"id": "x", "text": "honestly i just want to die"}"#)
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let row: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(row["risk"], true);
    assert_no_text(&output, &["honestly i just want to die"]);
}

#[test]
fn a_malformed_line_is_named_by_number_without_its_text() {
    let bad = concat!(
        r#"{"id": "a", "text": "I nearly overdosed him on morphine"}"#,
        "\n",
        r#"{"id": "b", "text": "i just want to die"#,
        "\n",
        r#"{"id": "c", "text": ["kys"]}"#,
        "\n",
        r#"{"text": "I've been SHing again."}"#,
        "\n",
    );
    let output = run_on_file(bad);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "malformed input must fail");
    for number in ["line 2:", "line 3:", "line 4:"] {
        assert!(stderr.contains(number), "{number} not named: {stderr}");
    }
    assert!(!stderr.contains("line 1:"), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().count(), 1, "the good line is still screened");
    assert_no_text(
        &output,
        &[
            "I nearly overdosed him on morphine",
            "i just want to die",
            "I've been SHing again.",
        ],
    );
}
