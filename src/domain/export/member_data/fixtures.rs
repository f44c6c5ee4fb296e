//! One member's data with a record of every kind, for the renderers' tests.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{AuditLine, CaseTaken, CheckinRecord, ConsentRecord, MemberData, RosterDates};
use crate::domain::case::{Case, CaseStatus, CaseSummary};
use crate::domain::curriculum::Area;
use crate::domain::delivery::{Delivery, DeliveryKind, DeliveryStatus, Payload};
use crate::domain::digest::DigestSubscription;
use crate::domain::evidence::Answer;
use crate::domain::export::fixtures::{at, comments, entries};
use crate::domain::inbox::{InboundKind, InboundMessage};
use crate::domain::member::{DiscordId, Member, MemberStatus, Profession, Role};
use crate::domain::schedule::Schedule;
use crate::domain::supervision::{Comment, CommentKind};
use crate::domain::wellbeing::checkins::{CheckinPlan, WellbeingState};

fn person(n: u64, name: &str, role: Role) -> Member {
    Member {
        discord_id: DiscordId(100_000_000_000_000_000 + n),
        display_name: name.into(),
        profession: Profession::Nurse,
        roles: [role].into_iter().collect(),
        timezone: chrono_tz::Europe::London,
        status: MemberStatus::Active,
    }
}

fn case(id: i64, lead: DiscordId) -> Case {
    Case {
        id,
        team: "Riverside PCN".into(),
        channel_id: 7,
        thread_id: 70 + id as u64,
        title: format!("Case {id}"),
        template: "wisegp".into(),
        domains: vec![Area::ComplexMultimorbidity],
        stage: 3,
        lead,
        status: CaseStatus::Closed,
        opened_at: at(5, 10),
        summary: Some(CaseSummary {
            learning: format!("summary-learning-{id}"),
            differently: "ask earlier".into(),
            questions: "none".into(),
        }),
    }
}

pub fn member_data() -> MemberData {
    let member = person(1, "Sam Patel", Role::Trainee);
    let me = member.discord_id;
    let other = DiscordId(100_000_000_000_000_009);
    let plan = CheckinPlan::default_from(NaiveDate::from_ymd_opt(2025, 3, 3).unwrap());
    MemberData {
        dates: Some(RosterDates {
            added_at: at(1, 8),
            left_at: None,
        }),
        team: Some("Riverside PCN".into()),
        supervisors: vec![person(2, "Dr Priya Raman", Role::Supervisor)],
        supervisees: Vec::new(),
        entries: entries(),
        revisions: BTreeMap::from([(
            11,
            vec![(
                at(4, 9),
                vec![Answer {
                    stem: "What?".into(),
                    text: "revision-text-first-draft".into(),
                }],
            )],
        )]),
        comments: comments(),
        comments_written: vec![Comment {
            id: 90,
            entry: 70,
            author: me,
            author_name: Some("Sam Patel".into()),
            kind: CommentKind::Comment,
            body: Some("response-written-by-sam".into()),
            at: at(9, 9),
        }],
        not_relevant: ["pop-local-data".parse().unwrap()].into_iter().collect(),
        schedule: Some(Schedule::default()),
        followup_weeks: Some(6),
        checkin_settings: Some(WellbeingState {
            member: me,
            consent_version: Some("v1".into()),
            plan,
            sharing: false,
            next_due: Some(at(7, 15)),
            checked_until: at(1, 15),
        }),
        consents: vec![ConsentRecord {
            version: "v1".into(),
            agreed_at: at(1, 9),
            withdrawn_at: None,
        }],
        checkins: vec![CheckinRecord {
            delivery: 40,
            score: 2,
            note: Some("checkin-note-tired".into()),
            answered_at: at(6, 15),
        }],
        cases: vec![
            CaseTaken {
                case: case(1, me),
                led: true,
            },
            CaseTaken {
                case: case(2, other),
                led: false,
            },
        ],
        digest: Some(DigestSubscription {
            supervisor: me,
            weekday: chrono::Weekday::Mon,
            local_time: chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            next_due: at(10, 8),
        }),
        deliveries: vec![Delivery {
            id: 40,
            member: me,
            occurrence_key: "checkin:2025-03-06".into(),
            kind: DeliveryKind::Checkin,
            payload: Payload::Checkin,
            status: DeliveryStatus::Answered,
            due_at: at(6, 14),
            follows: None,
            attempts: 1,
            next_attempt_at: at(6, 14),
            channel_id: Some(5),
            message_id: Some(6),
            sent_at: Some(at(6, 14)),
            closed_at: Some(at(6, 15)),
            last_error: None,
        }],
        held_messages: vec![InboundMessage {
            message_id: 9,
            channel_id: 5,
            author: me,
            kind: InboundKind::Created,
            content: "held-dm-text".into(),
            reply_to: None,
            written_at: at(8, 9),
        }],
        audit: vec![AuditLine {
            at: at(1, 8),
            actor: None,
            action: "member.added".into(),
            detail: "roster import".into(),
        }],
        member,
    }
}
