//! The member's data as JSON: one document, each kind of record a named list. The entries
//! use the evidence export's own shape (so a reader of one reads the other) plus their
//! revisions. Field names are part of the format: add fields, never rename them.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::MemberData;
use crate::domain::export::{comments_on, in_order, json, rfc3339};
use crate::domain::member::Member;

/// The `format` field.
pub const FORMAT: &str = "mindlines-member-data";
/// The `version` field; bumped only for a change an old reader would misread.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u32,
    generated_at: String,
    roster: Roster,
    entries: Vec<Entry<'a>>,
    /// What the member wrote, as a supervisor, on others' shared entries.
    responses_you_wrote: Vec<Written<'a>>,
    prompts_marked_not_relevant: Vec<&'a str>,
    prompt_schedule: Option<Schedule>,
    followup_weeks: Option<u32>,
    checkin_settings: Option<CheckinSettings>,
    checkin_consents: Vec<Consent>,
    checkins: Vec<Checkin<'a>>,
    case_discussions: Vec<CaseTaken<'a>>,
    digest_subscription: Option<Digest>,
    messages_from_the_bot: Vec<Delivery<'a>>,
    direct_messages_held: Vec<Held<'a>>,
    audit_entries: Vec<Audit<'a>>,
}

#[derive(Serialize)]
struct Roster {
    discord_id: String,
    display_name: String,
    profession: &'static str,
    roles: Vec<&'static str>,
    timezone: String,
    status: &'static str,
    team: Option<String>,
    supervisors: Vec<Person>,
    supervisees: Vec<Person>,
    added_at: Option<String>,
    left_at: Option<String>,
}

#[derive(Serialize)]
struct Person {
    discord_id: String,
    display_name: String,
}

#[derive(Serialize)]
struct Entry<'a> {
    #[serde(flatten)]
    entry: json::Entry<'a>,
    /// Earlier versions of the answers, oldest first.
    revisions: Vec<Revision<'a>>,
}

#[derive(Serialize)]
struct Revision<'a> {
    replaced_at: String,
    answers: Vec<json::Answer<'a>>,
}

#[derive(Serialize)]
struct Written<'a> {
    entry: i64,
    at: String,
    kind: &'static str,
    text: Option<&'a str>,
}

#[derive(Serialize)]
struct Schedule {
    cadence: String,
    local_time: String,
    timezone: String,
    bank_holidays: String,
    quiet_hours: Option<String>,
    pauses: Vec<Pause>,
}

#[derive(Serialize)]
struct Pause {
    kind: &'static str,
    dates: String,
}

#[derive(Serialize)]
struct CheckinSettings {
    on: bool,
    consent_version: Option<String>,
    cadence: String,
    local_time: String,
    sharing_with_supervisor: bool,
    next_due: Option<String>,
}

#[derive(Serialize)]
struct Consent {
    version: String,
    agreed_at: String,
    withdrawn_at: Option<String>,
}

#[derive(Serialize)]
struct Checkin<'a> {
    answered_at: String,
    score: u8,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct CaseTaken<'a> {
    id: i64,
    role: &'static str,
    team: &'a str,
    title: &'a str,
    template: &'a str,
    domains: Vec<&'static str>,
    status: &'static str,
    opened_at: String,
    summary: Option<Summary<'a>>,
}

#[derive(Serialize)]
struct Summary<'a> {
    learning: &'a str,
    differently: &'a str,
    questions: &'a str,
}

#[derive(Serialize)]
struct Digest {
    weekday: String,
    local_time: String,
    next_due: String,
}

#[derive(Serialize)]
struct Delivery<'a> {
    id: i64,
    kind: &'static str,
    status: &'static str,
    due_at: String,
    sent_at: Option<String>,
    occurrence_key: &'a str,
}

#[derive(Serialize)]
struct Held<'a> {
    written_at: String,
    text: &'a str,
}

#[derive(Serialize)]
struct Audit<'a> {
    at: String,
    actor: Option<String>,
    action: &'a str,
    detail: &'a str,
}

/// Renders everything held about the member as a pretty JSON document.
pub fn member_data_json(data: &MemberData, generated_at: DateTime<Utc>) -> String {
    let document = Document {
        format: FORMAT,
        version: VERSION,
        generated_at: rfc3339(generated_at),
        roster: roster(data),
        entries: entries(data),
        responses_you_wrote: data
            .comments_written
            .iter()
            .map(|c| Written {
                entry: c.entry,
                at: rfc3339(c.at),
                kind: c.kind.slug(),
                text: c.body.as_deref(),
            })
            .collect(),
        prompts_marked_not_relevant: data.not_relevant.iter().map(|p| p.as_str()).collect(),
        prompt_schedule: data.schedule.as_ref().map(schedule),
        followup_weeks: data.followup_weeks,
        checkin_settings: data.checkin_settings.as_ref().map(|s| CheckinSettings {
            on: s.consent_version.is_some(),
            consent_version: s.consent_version.clone(),
            cadence: s.plan.cadence.to_string(),
            local_time: s.plan.local_time.to_string(),
            sharing_with_supervisor: s.sharing,
            next_due: s.next_due.map(rfc3339),
        }),
        checkin_consents: data
            .consents
            .iter()
            .map(|c| Consent {
                version: c.version.clone(),
                agreed_at: rfc3339(c.agreed_at),
                withdrawn_at: c.withdrawn_at.map(rfc3339),
            })
            .collect(),
        checkins: data
            .checkins
            .iter()
            .map(|c| Checkin {
                answered_at: rfc3339(c.answered_at),
                score: c.score,
                note: c.note.as_deref(),
            })
            .collect(),
        case_discussions: data.cases.iter().map(case).collect(),
        digest_subscription: data.digest.as_ref().map(|d| Digest {
            weekday: d.weekday.to_string(),
            local_time: d.local_time.format("%H:%M").to_string(),
            next_due: rfc3339(d.next_due),
        }),
        messages_from_the_bot: data
            .deliveries
            .iter()
            .map(|d| Delivery {
                id: d.id,
                kind: d.kind.slug(),
                status: d.status.slug(),
                due_at: rfc3339(d.due_at),
                sent_at: d.sent_at.map(rfc3339),
                occurrence_key: &d.occurrence_key,
            })
            .collect(),
        direct_messages_held: data
            .held_messages
            .iter()
            .map(|m| Held {
                written_at: rfc3339(m.written_at),
                text: &m.content,
            })
            .collect(),
        audit_entries: data
            .audit
            .iter()
            .map(|a| Audit {
                at: rfc3339(a.at),
                actor: a.actor.map(|id| id.to_string()),
                action: &a.action,
                detail: &a.detail,
            })
            .collect(),
    };
    // Only strings, numbers, booleans and lists: nothing here can fail to serialise.
    serde_json::to_string_pretty(&document).expect("member data always serialises")
}

fn person(member: &Member) -> Person {
    Person {
        discord_id: member.discord_id.to_string(),
        display_name: member.display_name.clone(),
    }
}

fn roster(data: &MemberData) -> Roster {
    let member = &data.member;
    Roster {
        discord_id: member.discord_id.to_string(),
        display_name: member.display_name.clone(),
        profession: member.profession.slug(),
        roles: member.roles.iter().map(|r| r.slug()).collect(),
        timezone: member.timezone.name().to_owned(),
        status: member.status.slug(),
        team: data.team.clone(),
        supervisors: data.supervisors.iter().map(person).collect(),
        supervisees: data.supervisees.iter().map(person).collect(),
        added_at: data.dates.map(|d| rfc3339(d.added_at)),
        left_at: data.dates.and_then(|d| d.left_at).map(rfc3339),
    }
}

fn entries(data: &MemberData) -> Vec<Entry<'_>> {
    in_order(&data.entries)
        .into_iter()
        .map(|e| Entry {
            entry: json::entry(e, comments_on(&data.comments, e)),
            revisions: data
                .revisions
                .get(&e.id)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .map(|(at, answers)| Revision {
                    replaced_at: rfc3339(*at),
                    answers: answers
                        .iter()
                        .map(|a| json::Answer {
                            stem: &a.stem,
                            text: &a.text,
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

fn schedule(schedule: &crate::domain::schedule::Schedule) -> Schedule {
    Schedule {
        cadence: schedule.cadence.to_string(),
        local_time: schedule.local_time.to_string(),
        timezone: schedule.timezone.name().to_owned(),
        bank_holidays: schedule.region.to_string(),
        quiet_hours: schedule.quiet_hours.map(|q| q.to_string()),
        pauses: schedule
            .pauses
            .iter()
            .map(|p| Pause {
                kind: p.kind.slug(),
                dates: p.dates.to_string(),
            })
            .collect(),
    }
}

fn case(taken: &super::CaseTaken) -> CaseTaken<'_> {
    let case = &taken.case;
    CaseTaken {
        id: case.id,
        role: if taken.led { "lead" } else { "contributor" },
        team: &case.team,
        title: &case.title,
        template: &case.template,
        domains: case.domains.iter().map(|a| a.id()).collect(),
        status: case.status.slug(),
        opened_at: rfc3339(case.opened_at),
        summary: case
            .summary
            .as_ref()
            .filter(|_| taken.led)
            .map(|s| Summary {
                learning: &s.learning,
                differently: &s.differently,
                questions: &s.questions,
            }),
    }
}
