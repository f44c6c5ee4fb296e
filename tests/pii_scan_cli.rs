//! `mindlines pii scan` as an admin runs it: spans by id in code points, places from the flag,
//! the text never echoed, and the first malformed line stops the scan with its number.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn scan(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mindlines"))
        .args(["pii", "scan"])
        .args(args)
        .env_remove("MINDLINES_CASES_PLACE_NAMES")
        .current_dir(env!("CARGO_TARGET_TMPDIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mindlines runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("written");
    child.wait_with_output().expect("finishes")
}

#[test]
fn stdin_gives_one_line_of_spans_per_message() {
    let input = concat!(
        r#"{"id": "a", "text": "😷 Mrs Patel, NHS 943 476 5919, on Oak Ward"}"#,
        "\n",
        r#"{"id": 2, "text": "Hb 98 at 0830, bleep 4432, <@123456789012345678>"}"#,
        "\n"
    );
    let output = scan(&["--place", "Oak Ward"], input);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        !stdout.contains("Patel") && !stdout.contains("943"),
        "{stdout}"
    );
    let rows: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], "a");
    let spans: Vec<(u64, u64, &str)> = rows[0]["spans"]
        .as_array()
        .expect("spans")
        .iter()
        .map(|s| {
            (
                s["start"].as_u64().expect("start"),
                s["end"].as_u64().expect("end"),
                s["type"].as_str().expect("type"),
            )
        })
        .collect();
    assert_eq!(
        spans,
        [
            (2, 11, "PERSON_TITLE_NAME"),
            (17, 29, "NHS_NUMBER"),
            (34, 42, "PLACE")
        ]
    );
    assert_eq!(rows[1]["spans"], serde_json::json!([]));
}

#[test]
fn a_malformed_line_stops_the_scan_and_is_named_without_its_text() {
    let input = concat!(
        r#"{"id": 1, "text": "nothing"}"#,
        "\n",
        r#"{"id": 2, "text": "Mrs Patel" "#,
        "\n",
        r#"{"id": 3, "text": "Mr Okoro"}"#,
        "\n"
    );
    let output = scan(&[], input);
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stderr.contains("line 2"), "{stderr}");
    for text in [&stdout, &stderr] {
        assert!(!text.contains("Patel") && !text.contains("Okoro"), "{text}");
    }
}
