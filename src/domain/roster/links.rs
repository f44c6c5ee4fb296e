//! Checking rows against each other and the store: duplicate ids and supervisors.

use std::collections::{BTreeMap, BTreeSet};

use super::RosterRow;
use super::parse::RosterProblem;
use crate::domain::member::{DiscordId, Member, Role};

/// The members the store already holds, with their roles, so that a row may name a supervisor
/// who is not in the file.
#[derive(Debug, Clone, Default)]
pub struct KnownMembers(BTreeMap<DiscordId, BTreeSet<Role>>);

impl<'a> FromIterator<&'a Member> for KnownMembers {
    fn from_iter<I: IntoIterator<Item = &'a Member>>(members: I) -> Self {
        KnownMembers(
            members
                .into_iter()
                .map(|m| (m.discord_id, m.roles.clone()))
                .collect(),
        )
    }
}

/// Where each id of the file first appears, with its roles if they parsed.
#[derive(Default)]
pub(super) struct IdsInFile(BTreeMap<DiscordId, (u64, Option<BTreeSet<Role>>)>);

impl IdsInFile {
    /// Records where an id first appears, or reports it as a duplicate.
    pub(super) fn note(
        &mut self,
        id: DiscordId,
        line: u64,
        roles: Option<&BTreeSet<Role>>,
        problems: &mut Vec<RosterProblem>,
    ) {
        if let Some((first, _)) = self.0.get(&id) {
            let reason = format!("duplicate discord_id {id} (first on line {first})");
            problems.push(RosterProblem { line, reason });
        } else {
            self.0.insert(id, (line, roles.cloned()));
        }
    }
}

/// A supervisor must be in the file or the store, and hold the supervisor role where they are
/// (the file wins when both have them, as the file is what will be stored).
pub(super) fn check_supervisors(
    rows: &[RosterRow],
    in_file: &IdsInFile,
    known: &KnownMembers,
    problems: &mut Vec<RosterProblem>,
) {
    for row in rows {
        let Some(supervisor) = row.supervisor else {
            continue;
        };
        let why = if supervisor == row.discord_id {
            Some("a member cannot supervise themselves".to_owned())
        } else if let Some((line, roles)) = in_file.0.get(&supervisor) {
            // Roles that failed to parse are already reported on their own line.
            roles
                .as_ref()
                .filter(|r| !r.contains(&Role::Supervisor))
                .map(|_| format!("{supervisor} (line {line}) does not have the supervisor role"))
        } else if let Some(roles) = known.0.get(&supervisor) {
            (!roles.contains(&Role::Supervisor)).then(|| {
                format!("{supervisor} is on the roster but does not have the supervisor role")
            })
        } else {
            Some(format!("{supervisor} is not in this file or on the roster"))
        };
        if let Some(why) = why {
            let reason = format!("supervisor_discord_id: {why}");
            problems.push(RosterProblem {
                line: row.line,
                reason,
            });
        }
    }
}
