//! The member's data as Markdown, to read: the same records as the JSON, in the same order,
//! one section per kind, each saying plainly when there is nothing of that kind.

use std::fmt::Display;
use std::fmt::Write as _;

use chrono::{DateTime, TimeZone, Utc};

use super::MemberData;
use crate::domain::export::{comments_on, in_order};
use crate::domain::member::Member;

/// Renders everything held about the member. Dates are shown in `generated_at`'s zone (pass
/// the member's own).
pub fn member_data_markdown<Tz>(data: &MemberData, generated_at: DateTime<Tz>) -> String
where
    Tz: TimeZone,
    Tz::Offset: Display,
{
    let zone = generated_at.timezone();
    let when = |at: DateTime<Utc>| {
        at.with_timezone(&zone)
            .format("%-d %b %Y %H:%M")
            .to_string()
    };
    let mut out = format!(
        "# Everything mindlines holds about {}\n\nExported on {}. The JSON file beside this one holds the same records for a machine.\n",
        data.member.display_name,
        generated_at.format("%-d %B %Y at %H:%M %Z")
    );
    roster(&mut out, data, &when);
    entries(&mut out, data, &when);
    written(&mut out, data, &when);
    settings(&mut out, data, &when);
    checkins(&mut out, data, &when);
    cases(&mut out, data, &when);
    messages(&mut out, data, &when);
    audit(&mut out, data, &when);
    out
}

type When<'a> = dyn Fn(DateTime<Utc>) -> String + 'a;

fn section(out: &mut String, title: &str) {
    let _ = write!(out, "\n## {title}\n\n");
}

fn none(out: &mut String, what: &str) {
    let _ = writeln!(out, "None {what}.");
}

fn names(members: &[Member]) -> String {
    if members.is_empty() {
        return "none".to_owned();
    }
    let names: Vec<String> = members
        .iter()
        .map(|m| format!("{} ({})", m.display_name, m.discord_id))
        .collect();
    names.join(", ")
}

fn roster(out: &mut String, data: &MemberData, when: &When) {
    section(out, "Roster");
    let m = &data.member;
    let roles: Vec<&str> = m.roles.iter().map(|r| r.label()).collect();
    let _ = writeln!(out, "- Name: {}", m.display_name);
    let _ = writeln!(out, "- Discord user id: {}", m.discord_id);
    let _ = writeln!(out, "- Profession: {}", m.profession.label());
    let _ = writeln!(out, "- Roles: {}", roles.join(", "));
    let _ = writeln!(out, "- Team: {}", data.team.as_deref().unwrap_or("none"));
    let _ = writeln!(out, "- Supervisors: {}", names(&data.supervisors));
    let _ = writeln!(out, "- Supervisees: {}", names(&data.supervisees));
    let _ = writeln!(out, "- Time zone: {}", m.timezone.name());
    let _ = writeln!(out, "- Status: {}", m.status.label());
    if let Some(dates) = data.dates {
        let _ = writeln!(out, "- On the roster since: {}", when(dates.added_at));
        if let Some(left) = dates.left_at {
            let _ = writeln!(out, "- Left the roster: {}", when(left));
        }
    }
}

fn entries(out: &mut String, data: &MemberData, when: &When) {
    section(out, &format!("Evidence entries ({})", data.entries.len()));
    if data.entries.is_empty() {
        none(out, "kept");
    }
    for entry in in_order(&data.entries) {
        let _ = writeln!(out, "### Entry {} · {}\n", entry.id, when(entry.created_at));
        if let Some(prompt) = &entry.prompt_text {
            let _ = writeln!(out, "> {}\n", prompt.replace('\n', "\n> "));
        }
        for answer in &entry.answers {
            let _ = writeln!(out, "**{}**\n\n{}\n", answer.stem, answer.text);
        }
        let tags: Vec<String> = entry.tags.iter().map(|t| t.id()).collect();
        let _ = writeln!(
            out,
            "Tags: {} · shared with supervisor: {} · want to discuss: {}\n",
            if tags.is_empty() {
                "none".to_owned()
            } else {
                tags.join(", ")
            },
            yes_no(entry.shared_with_supervisor),
            yes_no(entry.to_discuss)
        );
        for (replaced, answers) in data.revisions.get(&entry.id).into_iter().flatten() {
            let _ = writeln!(out, "Earlier version, replaced {}:\n", when(*replaced));
            for answer in answers {
                let _ = writeln!(out, "- **{}** {}", answer.stem, answer.text);
            }
            out.push('\n');
        }
        for comment in comments_on(&data.comments, entry) {
            let _ = writeln!(out, "- {}", comment.line());
        }
    }
}

fn written(out: &mut String, data: &MemberData, when: &When) {
    section(
        out,
        &format!(
            "Responses you wrote on shared entries ({})",
            data.comments_written.len()
        ),
    );
    if data.comments_written.is_empty() {
        none(out, "written");
    }
    for comment in &data.comments_written {
        let text = comment.body.as_deref().unwrap_or("acknowledged");
        let _ = writeln!(
            out,
            "- Entry {} · {}: {text}",
            comment.entry,
            when(comment.at)
        );
    }
}

fn settings(out: &mut String, data: &MemberData, when: &When) {
    section(out, "Prompt schedule and settings");
    match &data.schedule {
        Some(s) => {
            let _ = writeln!(
                out,
                "- Prompts: {} at {} ({}), bank holidays of {}",
                s.cadence,
                s.local_time,
                s.timezone.name(),
                s.region
            );
            if let Some(quiet) = &s.quiet_hours {
                let _ = writeln!(out, "- Quiet hours: {quiet}");
            }
            for pause in &s.pauses {
                let _ = writeln!(out, "- Pause ({}): {}", pause.kind, pause.dates);
            }
        }
        None => {
            let _ = writeln!(out, "- Prompts: no schedule saved");
        }
    }
    let followup = match data.followup_weeks {
        Some(0) => "never".to_owned(),
        Some(weeks) => format!("{weeks} weeks after a plan"),
        None => "not chosen (the default applies)".to_owned(),
    };
    let _ = writeln!(out, "- Plan follow-ups: {followup}");
    let not_relevant: Vec<&str> = data.not_relevant.iter().map(|p| p.as_str()).collect();
    let _ = writeln!(
        out,
        "- Prompts marked not relevant: {}",
        if not_relevant.is_empty() {
            "none".to_owned()
        } else {
            not_relevant.join(", ")
        }
    );
    match &data.digest {
        Some(d) => {
            let _ = writeln!(
                out,
                "- Weekly digest: {} at {}, next {}",
                d.weekday,
                d.local_time.format("%H:%M"),
                when(d.next_due)
            );
        }
        None => {
            let _ = writeln!(out, "- Weekly digest: not subscribed");
        }
    }
}

fn checkins(out: &mut String, data: &MemberData, when: &When) {
    section(out, "Wellbeing check-ins");
    match &data.checkin_settings {
        Some(s) => {
            let _ = writeln!(
                out,
                "- Check-ins: {} · {} at {} · sharing scores with supervisor: {}",
                if s.consent_version.is_some() {
                    "on"
                } else {
                    "off"
                },
                s.plan.cadence,
                s.plan.local_time,
                yes_no(s.sharing)
            );
        }
        None => {
            let _ = writeln!(out, "- Check-ins: never turned on");
        }
    }
    for consent in &data.consents {
        let withdrawn = consent
            .withdrawn_at
            .map_or(String::new(), |at| format!(", withdrawn {}", when(at)));
        let _ = writeln!(
            out,
            "- Consent to version {}: agreed {}{withdrawn}",
            consent.version,
            when(consent.agreed_at)
        );
    }
    let _ = writeln!(out, "\nAnswers ({}):\n", data.checkins.len());
    for answer in &data.checkins {
        let note = answer
            .note
            .as_deref()
            .map_or(String::new(), |n| format!(" — {n}"));
        let _ = writeln!(
            out,
            "- {}: {}/5{note}",
            when(answer.answered_at),
            answer.score
        );
    }
}

fn cases(out: &mut String, data: &MemberData, when: &When) {
    section(out, &format!("Case discussions ({})", data.cases.len()));
    if data.cases.is_empty() {
        none(out, "led or joined");
    }
    for taken in &data.cases {
        let case = &taken.case;
        let role = if taken.led { "led" } else { "took part" };
        let _ = writeln!(
            out,
            "- Case {} \"{}\" ({}, {}), opened {}: you {role}; {}",
            case.id,
            case.title,
            case.team,
            case.template,
            when(case.opened_at),
            case.status.label()
        );
        if let Some(summary) = case.summary.as_ref().filter(|_| taken.led) {
            let _ = writeln!(
                out,
                "  - Learning: {}\n  - Differently: {}\n  - Questions: {}",
                summary.learning, summary.differently, summary.questions
            );
        }
    }
    out.push_str("\nWhat people wrote in case threads is not kept by mindlines.\n");
}

fn messages(out: &mut String, data: &MemberData, when: &When) {
    section(
        out,
        &format!("Messages from mindlines ({})", data.deliveries.len()),
    );
    for d in &data.deliveries {
        let sent = d
            .sent_at
            .map_or("not sent".to_owned(), |at| format!("sent {}", when(at)));
        let _ = writeln!(out, "- {} · {} · {sent}", d.kind.label(), d.status.label());
    }
    section(out, "Direct messages waiting to be processed");
    if data.held_messages.is_empty() {
        none(out, "held");
    }
    for m in &data.held_messages {
        let _ = writeln!(out, "- {}: {}", when(m.written_at), m.content);
    }
}

fn audit(out: &mut String, data: &MemberData, when: &When) {
    section(out, &format!("Audit log about you ({})", data.audit.len()));
    for line in &data.audit {
        let who = line
            .actor
            .map_or("mindlines itself or the command line".to_owned(), |id| {
                format!("user {id}")
            });
        let _ = writeln!(
            out,
            "- {} · {} · by {who} · {}",
            when(line.at),
            line.action,
            line.detail
        );
    }
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}
