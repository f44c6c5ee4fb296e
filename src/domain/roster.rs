//! The programme roster: validated rows read from a CSV file, and the plan that turns them into
//! additions and updates of what the store already holds.
//!
//! Parsing ([`parse_roster`]) reports every bad line at once, so an admin fixes a file in one
//! pass. Planning is pure too: both store backends ask [`plan_import`] which rows are new, which
//! changed (and how) and which are unchanged, so the two cannot disagree about idempotence.

mod lines;
mod links;
mod parse;
mod row;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

pub use links::KnownMembers;
pub use parse::{RosterErrors, RosterProblem, parse_roster};

use crate::domain::member::{DiscordId, Member, Profession, Role};

/// The columns a roster file must have, in the order the example file uses.
pub const COLUMNS: [&str; 7] = [
    "discord_id",
    "display_name",
    "profession",
    "roles",
    "team",
    "supervisor_discord_id",
    "timezone",
];

/// One validated line of a roster file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    /// The line of the file the row started on (1-based), for messages.
    pub line: u64,
    pub discord_id: DiscordId,
    pub display_name: String,
    pub profession: Profession,
    pub roles: BTreeSet<Role>,
    /// The team's name; `None` when the column was empty (e.g. a programme admin).
    pub team: Option<String>,
    /// The member's supervisor; `None` when the column was empty.
    pub supervisor: Option<DiscordId>,
    pub timezone: chrono_tz::Tz,
}

/// A member as the roster sees them: the member, their team and their supervisors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    pub member: Member,
    pub team: Option<String>,
    pub supervisors: BTreeSet<DiscordId>,
}

impl RosterEntry {
    /// The names of the fields that `row` would change, in column order; empty when none.
    pub fn changes_for(&self, row: &RosterRow) -> Vec<&'static str> {
        let member = &self.member;
        let wanted_supervisors: BTreeSet<DiscordId> = row.supervisor.into_iter().collect();
        [
            ("display_name", member.display_name != row.display_name),
            ("profession", member.profession != row.profession),
            ("roles", member.roles != row.roles),
            ("team", self.team != row.team),
            ("supervisor", self.supervisors != wanted_supervisors),
            ("timezone", member.timezone != row.timezone),
        ]
        .into_iter()
        .filter_map(|(field, changed)| changed.then_some(field))
        .collect()
    }
}

/// What importing one row will do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowChange {
    /// The member is new to the store.
    Added,
    /// The member exists and these fields change.
    Updated(Vec<&'static str>),
    /// The member exists exactly as the row says: nothing is written.
    Unchanged,
}

/// Decides, for each row, whether it adds, updates or leaves a member alone.
///
/// Members who are in the store but not in the file are not touched: an import is an upsert,
/// not a replacement, so a partial file never removes anyone.
pub fn plan_import<'a>(
    existing: &BTreeMap<DiscordId, RosterEntry>,
    rows: &'a [RosterRow],
) -> Vec<(&'a RosterRow, RowChange)> {
    rows.iter()
        .map(|row| {
            let change = match existing.get(&row.discord_id) {
                None => RowChange::Added,
                Some(entry) => match entry.changes_for(row) {
                    fields if fields.is_empty() => RowChange::Unchanged,
                    fields => RowChange::Updated(fields),
                },
            };
            (row, change)
        })
        .collect()
}

/// How many members an import added, updated and left unchanged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl ImportSummary {
    /// Counts a plan made by [`plan_import`].
    pub fn of_plan(plan: &[(&RosterRow, RowChange)]) -> Self {
        let mut summary = ImportSummary::default();
        for (_, change) in plan {
            match change {
                RowChange::Added => summary.added += 1,
                RowChange::Updated(_) => summary.updated += 1,
                RowChange::Unchanged => summary.unchanged += 1,
            }
        }
        summary
    }
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} added, {} updated, {} unchanged",
            self.added, self.updated, self.unchanged
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::member::MemberStatus;

    fn row(id: u64, team: Option<&str>, supervisor: Option<u64>) -> RosterRow {
        RosterRow {
            line: 2,
            discord_id: DiscordId(id),
            display_name: "Sam Okafor".into(),
            profession: Profession::Nurse,
            roles: [Role::Trainee].into(),
            team: team.map(str::to_owned),
            supervisor: supervisor.map(DiscordId),
            timezone: chrono_tz::Europe::London,
        }
    }

    fn entry_from(row: &RosterRow) -> RosterEntry {
        RosterEntry {
            member: Member {
                discord_id: row.discord_id,
                display_name: row.display_name.clone(),
                profession: row.profession,
                roles: row.roles.clone(),
                timezone: row.timezone,
                status: MemberStatus::Unreachable,
            },
            team: row.team.clone(),
            supervisors: row.supervisor.into_iter().collect(),
        }
    }

    #[test]
    fn a_row_matching_the_store_is_unchanged_whatever_the_status() {
        let row = row(1, Some("North"), Some(9));
        let existing = BTreeMap::from([(row.discord_id, entry_from(&row))]);
        let plan = plan_import(&existing, std::slice::from_ref(&row));
        assert_eq!(plan[0].1, RowChange::Unchanged);
    }

    #[test]
    fn changed_fields_are_named_in_column_order() {
        let before = row(1, Some("North"), Some(9));
        let mut after = row(1, Some("South"), None);
        after.timezone = chrono_tz::Europe::Dublin;
        let changes = entry_from(&before).changes_for(&after);
        assert_eq!(changes, vec!["team", "supervisor", "timezone"]);
    }

    #[test]
    fn the_summary_counts_each_kind_of_change() {
        let known = row(1, None, None);
        let mut renamed = row(2, None, None);
        let existing = BTreeMap::from([
            (known.discord_id, entry_from(&known)),
            (renamed.discord_id, entry_from(&renamed)),
        ]);
        renamed.display_name = "Sam Okafor-Reid".into();
        let rows = [known, renamed, row(3, None, None)];
        let summary = ImportSummary::of_plan(&plan_import(&existing, &rows));
        assert_eq!(
            summary,
            ImportSummary {
                added: 1,
                updated: 1,
                unchanged: 1
            }
        );
        assert_eq!(summary.to_string(), "1 added, 1 updated, 1 unchanged");
    }
}
