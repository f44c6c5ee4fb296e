//! Checking one roster line on its own: each cell parsed into its type, every reason kept.

use std::str::FromStr;

use csv::StringRecord;

use super::{COLUMNS, RosterRow};
use crate::domain::member::{DiscordId, Profession, parse_roles};

/// Longest display name accepted; Discord's own limit is 32, a roster's full names run longer.
const MAX_NAME_CHARS: usize = 100;
/// Longest team name accepted.
const MAX_TEAM_CHARS: usize = 100;

/// A record's cells looked up by column name, whatever order the header put them in.
pub(super) struct Cells<'a> {
    columns: &'a [usize],
    record: &'a StringRecord,
}

impl<'a> Cells<'a> {
    /// `columns[i]` is the record index of `COLUMNS[i]`.
    pub(super) fn new(columns: &'a [usize], record: &'a StringRecord) -> Self {
        Cells { columns, record }
    }

    /// The trimmed cell, or "" when the row is too short to have it.
    pub(super) fn get(&self, column: &str) -> &'a str {
        let position = COLUMNS
            .iter()
            .position(|c| *c == column)
            .expect("known column");
        self.record.get(self.columns[position]).unwrap_or("")
    }

    /// Parses a cell, handing any refusal to `refused` with the column's name.
    fn parse<T>(
        &self,
        column: &str,
        parse: impl Fn(&str) -> Result<T, String>,
        refused: &mut impl FnMut(&str, String),
    ) -> Option<T> {
        parse(self.get(column))
            .map_err(|why| refused(column, why))
            .ok()
    }
}

/// Checks one row on its own; every reason is returned, not just the first.
pub(super) fn read_row(line: u64, cells: &Cells<'_>) -> Result<RosterRow, Vec<String>> {
    let mut reasons = Vec::new();
    let found = cells.record.len();
    if found != COLUMNS.len() {
        reasons.push(format!("expected {} fields, found {found}", COLUMNS.len()));
    }
    let mut keep = |column: &str, why: String| reasons.push(format!("{column}: {why}"));
    let discord_id = cells.parse("discord_id", str::parse::<DiscordId>, &mut keep);
    let display_name = cells.parse("display_name", name, &mut keep);
    let profession = cells.parse("profession", Profession::from_str, &mut keep);
    let roles = cells.parse("roles", parse_roles, &mut keep);
    let team = cells.parse("team", team, &mut keep);
    let supervisor = cells.parse("supervisor_discord_id", supervisor, &mut keep);
    let timezone = cells.parse("timezone", timezone, &mut keep);
    let row = (|| {
        Some(RosterRow {
            line,
            discord_id: discord_id?,
            display_name: display_name?,
            profession: profession?,
            roles: roles?,
            team: team?,
            supervisor: supervisor?,
            timezone: timezone?,
        })
    })();
    match row {
        Some(row) if reasons.is_empty() => Ok(row),
        _ => Err(reasons),
    }
}

fn name(text: &str) -> Result<String, String> {
    if text.is_empty() {
        return Err("is empty".into());
    }
    if text.chars().count() > MAX_NAME_CHARS {
        return Err(format!("is longer than {MAX_NAME_CHARS} characters"));
    }
    if text.chars().any(char::is_control) {
        return Err("contains control characters".into());
    }
    Ok(text.to_owned())
}

/// A team name, or `None` for an empty cell (a member need not be in a team).
fn team(text: &str) -> Result<Option<String>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > MAX_TEAM_CHARS || text.chars().any(char::is_control) {
        return Err(format!(
            "'{text}' is not a team name (at most {MAX_TEAM_CHARS} plain characters)"
        ));
    }
    Ok(Some(text.to_owned()))
}

fn supervisor(text: &str) -> Result<Option<DiscordId>, String> {
    if text.is_empty() {
        Ok(None)
    } else {
        text.parse().map(Some)
    }
}

/// An IANA zone such as `Europe/London`; an empty cell means the programme's default zone.
fn timezone(text: &str) -> Result<chrono_tz::Tz, String> {
    if text.is_empty() {
        return Ok(chrono_tz::Europe::London);
    }
    text.parse::<chrono_tz::Tz>().map_err(|_| {
        format!("unknown timezone '{text}' (expected an IANA name such as Europe/London)")
    })
}
