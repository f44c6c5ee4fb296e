//! Roster rows for the contract tests: a small cohort of fictional members.

use std::collections::BTreeSet;

use chrono::{DateTime, TimeZone, Utc};
use mindlines::domain::member::{DiscordId, Profession, Role};
use mindlines::domain::roster::RosterRow;

/// An obviously fake snowflake: 1000…000n.
pub fn id(n: u64) -> DiscordId {
    DiscordId(100_000_000_000_000_000 + n)
}

/// 1 March 2026, 09:00 UTC plus `hours`; whole seconds, so both backends store it exactly.
pub fn at(hours: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap() + chrono::Duration::hours(hours)
}

pub fn roles(list: &[Role]) -> BTreeSet<Role> {
    list.iter().copied().collect()
}

/// A trainee nurse in no team with no supervisor, in Europe/London.
pub fn trainee(n: u64, name: &str) -> RosterRow {
    RosterRow {
        line: n + 1,
        discord_id: id(n),
        display_name: name.to_owned(),
        profession: Profession::Nurse,
        roles: roles(&[Role::Trainee]),
        team: None,
        supervisor: None,
        timezone: chrono_tz::Europe::London,
    }
}

pub fn in_team(mut row: RosterRow, team: &str) -> RosterRow {
    row.team = Some(team.to_owned());
    row
}

pub fn supervised_by(mut row: RosterRow, supervisor: u64) -> RosterRow {
    row.supervisor = Some(id(supervisor));
    row
}

pub fn supervisor(n: u64, name: &str) -> RosterRow {
    RosterRow {
        profession: Profession::Doctor,
        roles: roles(&[Role::Supervisor]),
        ..trainee(n, name)
    }
}

/// Two teams, two supervisors, three trainees (one supervisor listed after their trainee) and an
/// admin without a team.
pub fn cohort() -> Vec<RosterRow> {
    vec![
        in_team(supervisor(1, "Dr Priya Raman"), "Riverside PCN"),
        supervised_by(in_team(trainee(3, "Amara Okafor"), "Riverside PCN"), 1),
        supervised_by(in_team(trainee(4, "Rhys Evans"), "Hillcrest PCN"), 2),
        in_team(supervisor(2, "Tom Whitfield"), "Hillcrest PCN"),
        RosterRow {
            profession: Profession::Physiotherapist,
            timezone: chrono_tz::Europe::Dublin,
            ..supervised_by(in_team(trainee(5, "Siobhan Byrne"), "Hillcrest PCN"), 2)
        },
        RosterRow {
            profession: Profession::Other,
            roles: roles(&[Role::Admin]),
            ..trainee(8, "Helen Marsh")
        },
    ]
}
