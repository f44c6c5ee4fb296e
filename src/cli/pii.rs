//! `mindlines pii scan`: runs the case threads' anonymisation scanner over JSON lines, for an
//! admin trying it on their own examples. Like the bot, it never repeats the text: the output
//! holds ids, offsets and kinds only, and a malformed line is named by its number.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::config::Config;
use crate::domain::pii::{Scanner, char_spans};

#[derive(Deserialize)]
struct Input {
    id: Value,
    text: String,
}

#[derive(Serialize)]
struct Output<'a> {
    id: &'a Value,
    spans: Vec<OutputSpan>,
}

#[derive(Serialize)]
struct OutputSpan {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// Scans each line `{"id": …, "text": "…"}` of `file` (standard input when `None`) and writes
/// `{"id": …, "spans": [{"start", "end", "type"}]}` for it, offsets in code points. Places are
/// the `cases.place_names` setting plus `extra_places`. Blank lines are skipped. The first
/// malformed line stops the scan: the lines before it have been written, it and the rest have
/// not, and the exit code is a failure.
pub fn scan(
    config: &Config,
    extra_places: &[String],
    file: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let mut places = config.cases.place_names.clone();
    places.extend(extra_places.iter().cloned());
    let scanner = Scanner::new(&places).context("cannot use the place names")?;
    let input: Box<dyn BufRead> = match file {
        Some(path) => {
            let opened =
                File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
            Box::new(BufReader::new(opened))
        }
        None => Box::new(io::stdin().lock()),
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let result = scan_lines(&scanner, input, &mut out);
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        flushed => flushed?,
    }
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(LineError::Bad { number, why }) => {
            eprintln!("line {number}: {why}; stopped there (the lines before it were scanned)");
            Ok(ExitCode::FAILURE)
        }
        Err(LineError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(LineError::Io(e)) => Err(anyhow::Error::new(e).context("cannot read or write")),
    }
}

enum LineError {
    Bad { number: usize, why: String },
    Io(io::Error),
}

impl From<io::Error> for LineError {
    fn from(e: io::Error) -> Self {
        LineError::Io(e)
    }
}

/// Writes one line of findings per input line, stopping at the first malformed one.
fn scan_lines(
    scanner: &Scanner,
    input: impl BufRead,
    out: &mut impl Write,
) -> Result<(), LineError> {
    for (index, line) in input.split(b'\n').enumerate() {
        let number = index + 1;
        let bytes = line?;
        let line = std::str::from_utf8(&bytes).map_err(|_| LineError::Bad {
            number,
            why: "not UTF-8".into(),
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let input = parse(line).map_err(|why| LineError::Bad { number, why })?;
        let spans = scanner.scan(&input.text);
        let row = Output {
            id: &input.id,
            spans: char_spans(&input.text, &spans)
                .into_iter()
                .map(|s| OutputSpan {
                    start: s.start,
                    end: s.end,
                    kind: s.kind.slug(),
                })
                .collect(),
        };
        let json = serde_json::to_string(&row).map_err(io::Error::other)?;
        writeln!(out, "{json}")?;
    }
    Ok(())
}

/// Reads one line, describing a failure in words of our own: serde's messages can quote the
/// offending value, which may be part of a message.
fn parse(line: &str) -> Result<Input, String> {
    let value: Value = serde_json::from_str(line)
        .map_err(|e| format!("not valid JSON (column {})", e.column()))?;
    let shape = "expected an object with \"id\" and a string \"text\"";
    if value.get("id").is_none() || !value.get("text").is_some_and(Value::is_string) {
        return Err(shape.to_owned());
    }
    serde_json::from_value(value).map_err(|_| shape.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str) -> (String, Result<(), String>) {
        let scanner = Scanner::new(&["Oak Ward".to_owned()]).expect("compiles");
        let mut out = Vec::new();
        let result = scan_lines(&scanner, input.as_bytes(), &mut out).map_err(|e| match e {
            LineError::Bad { number, why } => format!("{number}: {why}"),
            LineError::Io(e) => e.to_string(),
        });
        (String::from_utf8(out).expect("UTF-8"), result)
    }

    #[test]
    fn one_line_per_input_with_code_point_offsets() {
        let (out, result) = run(concat!(
            r#"{"id": 1, "text": "é NHS 943 476 5919 on Oak Ward"}"#,
            "\n\n",
            r#"{"id": "b", "text": "nothing here"}"#,
            "\n",
        ));
        assert_eq!(result, Ok(()));
        assert_eq!(
            out,
            concat!(
                r#"{"id":1,"spans":[{"start":6,"end":18,"type":"NHS_NUMBER"},{"start":22,"end":30,"type":"PLACE"}]}"#,
                "\n",
                r#"{"id":"b","spans":[]}"#,
                "\n",
            )
        );
    }

    #[test]
    fn a_bad_line_stops_the_scan_and_is_named_without_its_text() {
        let (out, result) = run(concat!(
            r#"{"id": 1, "text": "fine"}"#,
            "\n",
            r#"{"id": 2, "txt": "Mrs Patel"}"#,
            "\n",
            r#"{"id": 3, "text": "never read"}"#,
            "\n",
        ));
        assert_eq!(out, "{\"id\":1,\"spans\":[]}\n");
        let message = result.unwrap_err();
        assert!(message.starts_with("2: expected an object"), "{message}");
        assert!(!message.contains("Patel"));
        let (_, result) = run("{\"id\": 1, \"text\": \"Mrs Patel\"\n");
        assert!(result.unwrap_err().starts_with("1: not valid JSON"));
    }
}
