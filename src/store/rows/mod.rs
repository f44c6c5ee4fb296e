//! Row ↔ domain conversion, shared by both backends: the only place where a Discord snowflake is
//! an `i64` and an enum is a slug. Schedules and deliveries have their own files below.

pub(crate) mod case;
pub(crate) mod delivery;
pub(crate) mod member_data;
pub(crate) mod schedule;
pub(crate) mod supervision;
pub(crate) mod wellbeing;

mod evidence;
mod inbox;

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use chrono::{DateTime, Utc};

use super::error::{StoreError, StoreResult};
use super::types::{AuditAction, AuditEntry, Team};
use crate::domain::member::{DiscordId, Member, MemberStatus, Profession, Role};
use crate::domain::roster::{RosterEntry, RowChange};

pub(crate) use evidence::{
    EvidenceRecord, RevisionRecord, answers_from_json, answers_json, area_counts, prompt_ids,
    sql_limit, tag_from_id,
};
pub(crate) use inbox::{InboxRecord, db_snowflake, kind_slug, short_error};

/// A snowflake as the database stores it.
pub(crate) fn db_id(id: DiscordId) -> StoreResult<i64> {
    i64::try_from(id.0).map_err(|_| StoreError::IdOutOfRange(id))
}

/// A snowflake read back from the database.
pub(crate) fn discord_id(value: i64, place: &'static str) -> StoreResult<DiscordId> {
    u64::try_from(value)
        .ok()
        .filter(|&n| n > 0)
        .map(DiscordId)
        .ok_or_else(|| corrupt(place, format!("{value} is not a Discord id")))
}

pub(crate) fn corrupt(place: &'static str, why: String) -> StoreError {
    StoreError::Corrupt { place, why }
}

fn parse<T: FromStr<Err = String>>(text: &str, place: &'static str) -> StoreResult<T> {
    text.parse().map_err(|why| corrupt(place, why))
}

/// A status slug read back from `members.status`.
pub(crate) fn member_status(slug: &str) -> StoreResult<MemberStatus> {
    parse(slug, "members.status")
}

/// Parses a comma-separated list as produced by `group_concat` / `string_agg`.
fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
}

/// A member with roles, team and supervisors, as one query reads them.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct MemberRecord {
    discord_id: i64,
    display_name: String,
    profession: String,
    timezone: String,
    status: String,
    /// Role slugs joined with commas.
    roles: String,
    team: Option<String>,
    /// Supervisor ids joined with commas.
    supervisors: String,
}

impl MemberRecord {
    pub(crate) fn into_entry(self) -> StoreResult<RosterEntry> {
        let roles = split_list(&self.roles)
            .map(|slug| parse::<Role>(slug, "member_roles.role"))
            .collect::<StoreResult<BTreeSet<_>>>()?;
        let supervisors = split_list(&self.supervisors)
            .map(|id| {
                let id = id
                    .parse::<i64>()
                    .map_err(|e| corrupt("supervision.supervisor_id", e.to_string()))?;
                discord_id(id, "supervision.supervisor_id")
            })
            .collect::<StoreResult<BTreeSet<_>>>()?;
        let timezone = self
            .timezone
            .parse::<chrono_tz::Tz>()
            .map_err(|e| corrupt("members.timezone", e.to_string()))?;
        let member = Member {
            discord_id: discord_id(self.discord_id, "members.discord_id")?,
            display_name: self.display_name,
            profession: parse::<Profession>(&self.profession, "members.profession")?,
            roles,
            timezone,
            status: parse::<MemberStatus>(&self.status, "members.status")?,
        };
        Ok(RosterEntry {
            member,
            team: self.team,
            supervisors,
        })
    }

    pub(crate) fn into_member(self) -> StoreResult<Member> {
        self.into_entry().map(|entry| entry.member)
    }
}

/// Groups `(team name, member id)` rows (member id `NULL` for an empty team) into teams, by name.
pub(crate) fn teams_from_rows(rows: Vec<(String, Option<i64>)>) -> StoreResult<Vec<Team>> {
    let mut teams: BTreeMap<String, Vec<DiscordId>> = BTreeMap::new();
    for (name, member) in rows {
        let members = teams.entry(name).or_default();
        if let Some(id) = member {
            members.push(discord_id(id, "team_members.discord_id")?);
        }
    }
    Ok(teams
        .into_iter()
        .map(|(name, mut members)| {
            members.sort();
            Team { name, members }
        })
        .collect())
}

/// An audit log row.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AuditRecord {
    at: DateTime<Utc>,
    actor_discord_id: Option<i64>,
    action: String,
    subject_discord_id: Option<i64>,
    detail: String,
}

impl AuditRecord {
    pub(crate) fn into_entry(self) -> StoreResult<AuditEntry> {
        let id = |value: Option<i64>, place| value.map(|v| discord_id(v, place)).transpose();
        Ok(AuditEntry {
            at: self.at,
            actor: id(self.actor_discord_id, "audit_log.actor_discord_id")?,
            action: parse::<AuditAction>(&self.action, "audit_log.action")?,
            subject: id(self.subject_discord_id, "audit_log.subject_discord_id")?,
            detail: self.detail,
        })
    }
}

/// The audit entry a roster import writes for one changed row; `None` when nothing changed.
/// The detail names changed fields, never their values.
pub(crate) fn import_audit(
    member: DiscordId,
    change: &RowChange,
    actor: Option<DiscordId>,
    at: DateTime<Utc>,
) -> Option<AuditEntry> {
    let (action, detail) = match change {
        RowChange::Added => (AuditAction::MemberAdded, "roster import".to_owned()),
        RowChange::Updated(fields) => (
            AuditAction::MemberUpdated,
            format!("roster import changed: {}", fields.join(", ")),
        ),
        RowChange::Unchanged => return None,
    };
    Some(AuditEntry {
        at,
        actor,
        action,
        subject: Some(member),
        detail,
    })
}

/// The audit entry for a status change, e.g. `active -> unreachable`.
pub(crate) fn status_audit(
    member: DiscordId,
    from: MemberStatus,
    to: MemberStatus,
    actor: Option<DiscordId>,
    at: DateTime<Utc>,
) -> AuditEntry {
    AuditEntry {
        at,
        actor,
        action: AuditAction::MemberStatusChanged,
        subject: Some(member),
        detail: format!("{} -> {}", from.slug(), to.slug()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_convert_only_within_i64_and_never_as_zero_or_negative() {
        assert_eq!(db_id(DiscordId(i64::MAX as u64)).unwrap(), i64::MAX);
        assert!(matches!(
            db_id(DiscordId(u64::MAX)),
            Err(StoreError::IdOutOfRange(_))
        ));
        assert!(matches!(
            discord_id(-5, "t.c"),
            Err(StoreError::Corrupt { place: "t.c", .. })
        ));
        assert!(discord_id(0, "t.c").is_err());
    }

    #[test]
    fn audit_actions_round_trip_through_their_slugs() {
        for action in AuditAction::ALL {
            assert_eq!(action.slug().parse::<AuditAction>(), Ok(*action));
        }
        assert!("member.exploded".parse::<AuditAction>().is_err());
    }

    #[test]
    fn an_unchanged_row_writes_no_audit_entry() {
        let when = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        assert!(import_audit(DiscordId(1), &RowChange::Unchanged, None, when).is_none());
        let updated = RowChange::Updated(vec!["team", "roles"]);
        let entry = import_audit(DiscordId(1), &updated, None, when).unwrap();
        assert_eq!(entry.detail, "roster import changed: team, roles");
    }
}
