//! The people in a testbed, and their roster file.

use chrono::{DateTime, Utc};

/// One member of a testbed cohort.
#[derive(Debug, Clone)]
pub struct CohortMember {
    /// A short lower-case name to act as (`/as alice`).
    pub handle: String,
    pub display_name: String,
    pub profession: String,
    pub roles: String,
    pub team: String,
    /// The handle of their supervisor, if any.
    pub supervisor: Option<String>,
    pub timezone: String,
}

impl CohortMember {
    pub fn new(handle: &str, display_name: &str, profession: &str, roles: &str) -> CohortMember {
        CohortMember {
            handle: handle.to_owned(),
            display_name: display_name.to_owned(),
            profession: profession.to_owned(),
            roles: roles.to_owned(),
            team: "Riverside PCN".to_owned(),
            supervisor: None,
            timezone: "Europe/London".to_owned(),
        }
    }

    pub fn supervised_by(mut self, handle: &str) -> CohortMember {
        self.supervisor = Some(handle.to_owned());
        self
    }
}

/// Four trainees of different professions, a team lead and a supervisor.
pub fn demo_cohort() -> Vec<CohortMember> {
    vec![
        CohortMember::new("sam", "Dr Sam Okafor", "doctor", "supervisor"),
        CohortMember::new("lee", "Lee Chen", "nurse", "lead"),
        CohortMember::new("alice", "Alice Morgan", "nurse", "trainee").supervised_by("sam"),
        CohortMember::new("bilal", "Bilal Hussain", "pharmacist", "trainee").supervised_by("sam"),
        CohortMember::new("cara", "Cara Jones", "physiotherapist", "trainee").supervised_by("sam"),
        CohortMember::new("dev", "Dev Patel", "paramedic", "trainee").supervised_by("sam"),
    ]
}

/// The cohort as roster CSV, with the ids the workspace gave each user.
pub fn roster_csv(cohort: &[CohortMember], ids: &[(String, u64)]) -> String {
    let id_of = |handle: &str| {
        ids.iter()
            .find(|(h, _)| h == handle)
            .map(|(_, id)| id.to_string())
            .unwrap_or_default()
    };
    let mut csv = String::from(
        "discord_id,display_name,profession,roles,team,supervisor_discord_id,timezone\n",
    );
    for member in cohort {
        let supervisor = member.supervisor.as_deref().map(id_of).unwrap_or_default();
        csv.push_str(&format!(
            "{},\"{}\",{},{},{},{},{}\n",
            id_of(&member.handle),
            member.display_name,
            member.profession,
            member.roles,
            member.team,
            supervisor,
            member.timezone
        ));
    }
    csv
}

/// A Monday morning before the default 10:00 prompt time, outside BST.
/// Friday 27 November 2026, 15:00 in London: the first default (fortnightly, Friday
/// afternoon) check-in after [`demo_start`].
pub fn first_checkin() -> DateTime<Utc> {
    demo_start() + chrono::Duration::days(4) + chrono::Duration::hours(7)
}

pub fn demo_start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T08:00:00Z")
        .expect("valid")
        .with_timezone(&Utc)
}
