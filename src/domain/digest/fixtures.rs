//! A small seeded caseload for the digest's tests: three supervisees with different weeks.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, TimeZone, Utc};

use super::{SharedEntry, SuperviseeFacts};
use crate::domain::curriculum::Area;
use crate::domain::member::{DiscordId, Member, MemberStatus, Profession, Role};

pub(crate) fn at(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap()
}

/// The week a Monday 7 Dec 08:00 digest reports on.
pub(crate) fn window() -> (DateTime<Utc>, DateTime<Utc>) {
    (
        Utc.with_ymd_and_hms(2026, 11, 30, 8, 0, 0).unwrap(),
        at(7, 8),
    )
}

pub(crate) fn member(id: u64, name: &str, profession: Profession) -> Member {
    Member {
        discord_id: DiscordId(id),
        display_name: name.to_owned(),
        profession,
        roles: BTreeSet::from([Role::Trainee]),
        timezone: chrono_tz::Europe::London,
        status: MemberStatus::Active,
    }
}

fn counts(pairs: &[(Area, u32)]) -> BTreeMap<Area, u32> {
    pairs.iter().copied().collect()
}

pub(crate) fn caseload() -> Vec<SuperviseeFacts> {
    let ada = SuperviseeFacts {
        prompts_sent: 1,
        prompts_answered: 1,
        areas_this_week: counts(&[(Area::Leadership, 1)]),
        areas_recent: counts(&[
            (Area::Leadership, 2),
            (Area::PersonCentredPractice, 3),
            (Area::SystemWorking, 1),
        ]),
        areas_total: counts(&[
            (Area::Leadership, 4),
            (Area::PersonCentredPractice, 6),
            (Area::SystemWorking, 2),
            (Area::TransformativeReflection, 1),
        ]),
        shared: vec![
            SharedEntry {
                id: 12,
                title: "The huddle went quiet".into(),
                areas: vec![Area::Leadership],
                excerpt: "When the huddle went quiet I asked the newest…".into(),
                shared_at: at(3, 17),
                to_discuss: false,
            },
            SharedEntry {
                id: 9,
                title: "Explaining a new diagnosis".into(),
                areas: vec![Area::PersonCentredPractice],
                excerpt: "I wasn't sure how much to say at first".into(),
                shared_at: at(1, 9),
                to_discuss: true,
            },
        ],
        cases_joined: (1, 3),
        checkin_scores: Some(vec![3, 4]),
        ..SuperviseeFacts::empty(member(101, "Ada Okafor", Profession::Nurse))
    };
    let ben = SuperviseeFacts {
        prompts_sent: 1,
        prompts_answered: 0,
        areas_total: counts(&[(Area::PopulationHealth, 1)]),
        ..SuperviseeFacts::empty(member(102, "Ben Hughes", Profession::Pharmacist))
    };
    let mut cy = SuperviseeFacts {
        checkin_scores: Some(Vec::new()),
        ..SuperviseeFacts::empty(member(103, "Cy Lewis", Profession::Paramedic))
    };
    cy.member.status = MemberStatus::Unreachable;
    vec![ada, ben, cy]
}
