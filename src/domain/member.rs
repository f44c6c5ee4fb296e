//! Who a member is: Discord id, profession, roles, timezone and status.
//!
//! Professions are a closed list so that prompts can be tagged for them and rosters checked
//! against them; each has a stable slug and the spellings an admin is likely to type.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use super::slug::slug_enum;

/// A Discord user id (a snowflake). Kept as `u64` here; `store/` converts it to `i64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DiscordId(pub u64);

impl fmt::Display for DiscordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for DiscordId {
    type Err = String;

    /// Discord snowflakes are 17–20 digit numbers; anything else is a typo.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if !(15..=20).contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "'{text}' is not a Discord user id (expected a 15–20 digit number)"
            ));
        }
        text.parse::<u64>()
            .ok()
            .filter(|&n| n > 0 && n <= i64::MAX as u64)
            .map(DiscordId)
            .ok_or_else(|| format!("'{text}' is out of range for a Discord user id"))
    }
}

slug_enum! {
    /// The professions of the multi-professional enhance cohort.
    Profession, "profession" {
        Doctor => "doctor", "Doctor", ["medic", "physician", "gp"];
        Nurse => "nurse", "Nurse", ["rn", "nursing"];
        Midwife => "midwife", "Midwife", [];
        Pharmacist => "pharmacist", "Pharmacist", ["pharmacy"];
        PharmacyTechnician => "pharmacy-technician", "Pharmacy technician", [];
        Physiotherapist => "physiotherapist", "Physiotherapist", ["physio"];
        OccupationalTherapist => "occupational-therapist", "Occupational therapist", ["ot"];
        Paramedic => "paramedic", "Paramedic", [];
        SocialWorker => "social-worker", "Social worker", ["social-care"];
        Dietitian => "dietitian", "Dietitian", ["dietician"];
        SpeechAndLanguageTherapist => "speech-and-language-therapist", "Speech and language therapist", ["salt", "slt"];
        PhysicianAssociate => "physician-associate", "Physician associate", ["pa"];
        Psychologist => "psychologist", "Psychologist", [];
        Other => "other", "Other profession", []
    }
}

slug_enum! {
    /// What a member may do. A member may hold several roles.
    Role, "role" {
        Trainee => "trainee", "Trainee", ["learner"];
        Lead => "lead", "Team lead", ["team-lead"];
        Supervisor => "supervisor", "Supervisor", ["educational-supervisor", "clinical-supervisor"];
        Admin => "admin", "Programme admin", ["administrator"]
    }
}

slug_enum! {
    /// Whether the bot can and should reach a member.
    MemberStatus, "member status" {
        Active => "active", "Active", [];
        Unreachable => "unreachable", "Unreachable (DMs closed)", [];
        Left => "left", "Left the programme", []
    }
}

/// A member of the programme as the roster and the store know them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub discord_id: DiscordId,
    pub display_name: String,
    pub profession: Profession,
    pub roles: BTreeSet<Role>,
    pub timezone: chrono_tz::Tz,
    pub status: MemberStatus,
}

impl Member {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// Parses roles written as `trainee`, `trainee;lead` or `trainee|supervisor`.
pub fn parse_roles(text: &str) -> Result<BTreeSet<Role>, String> {
    let roles = text
        .split([';', '|', '+', '/'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(Role::from_str)
        .collect::<Result<BTreeSet<_>, _>>()?;
    if roles.is_empty() {
        return Err("no role given (expected trainee, lead, supervisor or admin)".into());
    }
    Ok(roles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn professions_parse_from_slug_label_and_alias() {
        assert_eq!("nurse".parse(), Ok(Profession::Nurse));
        assert_eq!(
            "Occupational therapist".parse(),
            Ok(Profession::OccupationalTherapist)
        );
        assert_eq!("physio".parse(), Ok(Profession::Physiotherapist));
        assert_eq!("SOCIAL_WORKER".parse(), Ok(Profession::SocialWorker));
        let err = "astronaut".parse::<Profession>().unwrap_err();
        assert!(err.contains("unknown profession 'astronaut'"), "{err}");
    }

    #[test]
    fn roles_parse_as_a_set() {
        let roles = parse_roles("trainee; lead").unwrap();
        assert!(roles.contains(&Role::Trainee) && roles.contains(&Role::Lead));
        assert!(parse_roles("").is_err());
        assert!(parse_roles("trainee;boss").unwrap_err().contains("boss"));
    }

    #[test]
    fn discord_ids_must_look_like_snowflakes() {
        assert_eq!(
            "123456789012345678".parse::<DiscordId>(),
            Ok(DiscordId(123456789012345678))
        );
        assert!("12ab".parse::<DiscordId>().is_err());
        assert!("99999999999999999999".parse::<DiscordId>().is_err());
    }
}
