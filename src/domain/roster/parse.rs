//! Reading a roster CSV into validated rows, naming every bad line and why.
//!
//! The whole file is checked before anything is imported: a header with the exact columns, then
//! each row on its own (id, name, profession, roles, timezone), then the rows against each other
//! (duplicate ids, supervisors). Blank lines and lines starting with `#` are skipped so that an
//! example file can carry notes.

use std::collections::BTreeMap;
use std::fmt;

use csv::{ReaderBuilder, StringRecord, Trim};

use super::lines::LineCounter;
use super::links::{IdsInFile, KnownMembers, check_supervisors};
use super::row::{Cells, read_row};
use super::{COLUMNS, RosterRow};
use crate::domain::member::{DiscordId, parse_roles};

/// One reason a roster file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterProblem {
    /// 1-based line number in the file.
    pub line: u64,
    pub reason: String,
}

/// Every problem found in a roster file; when there is one, nothing is imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterErrors {
    /// Problems sorted by line.
    pub problems: Vec<RosterProblem>,
}

impl fmt::Display for RosterErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        let noun = if count == 1 { "problem" } else { "problems" };
        write!(f, "roster not imported: {count} {noun}")?;
        for problem in &self.problems {
            write!(f, "\n  line {}: {}", problem.line, problem.reason)?;
        }
        Ok(())
    }
}

impl std::error::Error for RosterErrors {}

/// Parses and validates a roster file. `known` is what the store already holds.
pub fn parse_roster(text: &str, known: &KnownMembers) -> Result<Vec<RosterRow>, RosterErrors> {
    let mut problems = Vec::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text); // spreadsheets add a BOM
    let mut reader = ReaderBuilder::new()
        .flexible(true) // a short row is reported, not fatal to the rest of the file
        .trim(Trim::All)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text);
    let columns = match reader.headers() {
        Ok(header) if header.iter().any(|h| !h.is_empty()) => {
            let line = lines.line_of(header.position());
            read_header(line, header, &mut problems)
        }
        Ok(_) => {
            problems.push(problem(1, "the file is empty (expected a header line)"));
            None
        }
        Err(err) => {
            let line = lines.line_of(err.position());
            problems.push(problem(line, &format!("unreadable: {err}")));
            None
        }
    };
    let Some(columns) = columns else {
        return Err(RosterErrors { problems });
    };

    let mut rows = Vec::new();
    let mut ids_in_file = IdsInFile::default();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                let line = lines.line_of(err.position());
                problems.push(problem(line, &format!("unreadable: {err}")));
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue; // a line of bare commas, as spreadsheets leave behind
        }
        let line = lines.line_of(record.position());
        let cells = Cells::new(&columns, &record);
        match read_row(line, &cells) {
            Ok(row) => {
                ids_in_file.note(row.discord_id, line, Some(&row.roles), &mut problems);
                rows.push(row);
            }
            Err(reasons) => {
                // Still remember the id, so duplicates and supervisors are checked against it.
                if let Ok(id) = cells.get("discord_id").parse::<DiscordId>() {
                    let roles = parse_roles(cells.get("roles")).ok();
                    ids_in_file.note(id, line, roles.as_ref(), &mut problems);
                }
                problems.extend(
                    reasons
                        .into_iter()
                        .map(|r| RosterProblem { line, reason: r }),
                );
            }
        }
    }
    check_supervisors(&rows, &ids_in_file, known, &mut problems);

    if problems.is_empty() {
        Ok(rows)
    } else {
        problems.sort_by_key(|p| p.line); // stable: a line's reasons keep their order
        Err(RosterErrors { problems })
    }
}

fn problem(line: u64, reason: &str) -> RosterProblem {
    RosterProblem {
        line,
        reason: reason.to_owned(),
    }
}

/// Maps each expected column to its index, or reports what is missing, unknown or repeated.
fn read_header(
    line: u64,
    header: &StringRecord,
    problems: &mut Vec<RosterProblem>,
) -> Option<Vec<usize>> {
    let mut found: BTreeMap<&str, usize> = BTreeMap::new();
    let mut ok = true;
    for (index, raw) in header.iter().enumerate() {
        let name = raw.to_lowercase().replace([' ', '-'], "_");
        // The issue names the column "role(s)"; accept each spelling of it.
        let name = match name.as_str() {
            "role" | "role(s)" => "roles".to_owned(),
            _ => name,
        };
        let Some(&column) = COLUMNS.iter().find(|&&c| c == name) else {
            let expected = COLUMNS.join(", ");
            problems.push(problem(
                line,
                &format!("unknown column '{raw}' (expected: {expected})"),
            ));
            ok = false;
            continue;
        };
        if found.insert(column, index).is_some() {
            problems.push(problem(
                line,
                &format!("column '{column}' appears more than once"),
            ));
            ok = false;
        }
    }
    for column in COLUMNS.iter().filter(|c| !found.contains_key(*c)) {
        problems.push(problem(line, &format!("missing column '{column}'")));
        ok = false;
    }
    ok.then(|| COLUMNS.iter().map(|c| found[c]).collect())
}

#[cfg(test)]
mod tests;
