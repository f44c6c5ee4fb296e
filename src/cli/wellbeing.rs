//! `mindlines wellbeing screen`: runs the risk-language screen over JSON lines, for an admin
//! trying the patterns on their own examples. Message text is health data: it is read, screened
//! and dropped, and never written to standard output or standard error, not even when a line is
//! malformed (the error names the line number only).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::library::LibrarySource;
use crate::domain::wellbeing::RiskDetector;

#[derive(Deserialize)]
struct Input {
    id: Value,
    text: String,
}

/// Screens each line `{"id": …, "text": "…"}` of `file` (standard input when `None`) and writes
/// `{"id": …, "risk": …, "patterns": […]}` for it. Blank lines are skipped. Every malformed line
/// is reported on standard error by number, the rest are still screened, and the exit code is
/// then a failure.
pub fn screen(source: &LibrarySource, file: Option<&Path>) -> anyhow::Result<ExitCode> {
    let library = match source.load() {
        Ok(library) => library,
        Err(problems) => bail!(
            "the prompt library ({source}) has {} problem(s); run `mindlines prompts check` to see them",
            problems.len()
        ),
    };
    let Some(wellbeing) = library.wellbeing() else {
        bail!("the prompt library ({source}) has no wellbeing.toml");
    };
    let input: Box<dyn BufRead> = match file {
        Some(path) => {
            let opened =
                File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
            Box::new(BufReader::new(opened))
        }
        None => Box::new(io::stdin().lock()),
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let bad = screen_lines(wellbeing.detector(), input, &mut out)?;
    out.flush()?;
    if bad > 0 {
        eprintln!("{bad} malformed line(s); nothing was written for them");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes one verdict per good line; returns how many lines were malformed.
fn screen_lines(
    screen: &RiskDetector,
    input: impl BufRead,
    out: &mut impl Write,
) -> anyhow::Result<usize> {
    let mut bad = 0;
    for (index, line) in input.split(b'\n').enumerate() {
        let number = index + 1;
        let bytes = line.context("cannot read the input")?;
        let Ok(line) = std::str::from_utf8(&bytes) else {
            eprintln!("line {number}: not UTF-8");
            bad += 1;
            continue;
        };
        if line.trim().is_empty() {
            continue;
        }
        match parse(line) {
            Ok(input) => {
                let verdict = screen.screen(&input.text);
                let row =
                    json!({"id": input.id, "risk": verdict.risk, "patterns": verdict.patterns});
                writeln!(out, "{row}")?;
            }
            Err(why) => {
                eprintln!("line {number}: {why}");
                bad += 1;
            }
        }
    }
    Ok(bad)
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
