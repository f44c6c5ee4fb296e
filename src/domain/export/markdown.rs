//! Evidence as Markdown, to read and to paste into a host e-portfolio one entry at a time.
//!
//! Entries are grouped by domain, then theme, in handbook order; an entry tagged with several
//! areas is filed under its first and lists the others, so each appears exactly once. The file
//! opens with the reflective-practice guidance (guidance.rs) because the moment of copying
//! evidence out is the moment it matters most.

use std::fmt::Display;
use std::fmt::Write as _;

use chrono::{DateTime, TimeZone};

use super::{Comments, comments_on, in_order, source_label, written_answers};
use crate::domain::curriculum::{Area, AreaKind, Outcome};
use crate::domain::evidence::EvidenceEntry;
use crate::domain::supervision::Comment;

mod guidance;

/// Renders `entries` for `member_name`. Dates are shown in `generated_at`'s time zone, so pass
/// the export time in the trainee's own zone for their evening reflections to keep their day.
pub fn export_markdown<Tz>(
    member_name: &str,
    entries: &[EvidenceEntry],
    comments: &Comments,
    generated_at: DateTime<Tz>,
) -> String
where
    Tz: TimeZone,
    Tz::Offset: Display,
{
    let zone = generated_at.timezone();
    let mut out = format!("# Reflective practice evidence: {member_name}\n\n");
    let _ = writeln!(
        out,
        "Exported from mindlines on {} · {}.\n",
        generated_at.format("%-d %B %Y at %H:%M %Z"),
        count(entries.len())
    );
    out.push_str(guidance::NOTICE);
    out.push_str(guidance::PORTFOLIOS);
    for (heading, group) in groups(entries) {
        let _ = writeln!(out, "\n## {heading}");
        for entry in group {
            write_entry(&mut out, entry, comments_on(comments, entry), &zone);
        }
    }
    if entries.is_empty() {
        out.push_str("\nNo entries yet.\n");
    }
    write_outcomes(&mut out);
    out
}

fn count(n: usize) -> String {
    match n {
        1 => "1 entry".to_owned(),
        n => format!("{n} entries"),
    }
}

/// Non-empty sections in handbook order, each with its entries oldest first; untagged entries
/// come last.
fn groups(entries: &[EvidenceEntry]) -> Vec<(String, Vec<&EvidenceEntry>)> {
    let ordered = in_order(entries);
    let mut groups: Vec<(String, Vec<&EvidenceEntry>)> = Area::ALL
        .iter()
        .map(|&area| {
            let filed = ordered.iter().filter(|e| e.areas().next() == Some(area));
            (section_heading(area), filed.copied().collect())
        })
        .collect();
    let untagged = ordered.iter().filter(|e| e.areas().next().is_none());
    groups.push((
        "Not yet tagged with a domain or theme".to_owned(),
        untagged.copied().collect(),
    ));
    groups.retain(|(_, group)| !group.is_empty());
    groups
}

fn section_heading(area: Area) -> String {
    match area.kind() {
        AreaKind::Domain => format!("Domain: {area}"),
        AreaKind::Theme => format!("Theme: {area}"),
    }
}

fn write_entry<Tz>(out: &mut String, entry: &EvidenceEntry, comments: &[Comment], zone: &Tz)
where
    Tz: TimeZone,
    Tz::Offset: Display,
{
    let written = entry.created_at.with_timezone(zone);
    let _ = writeln!(
        out,
        "\n### {} · entry {}\n",
        written.format("%-d %B %Y"),
        entry.id
    );
    if let Some(prompt) = &entry.prompt_text {
        let _ = writeln!(out, "**Prompt**\n\n{}\n", quote(prompt));
    }
    for answer in written_answers(entry) {
        let _ = writeln!(out, "#### {}\n\n{}\n", answer.stem, answer.text.trim());
    }
    write_details(out, entry, zone);
    for comment in comments {
        let _ = writeln!(out, "- **Supervisor:** {}", comment.line());
    }
    out.push_str("\n---\n");
}

/// The tags, origin and visibility under an entry, as a short list.
fn write_details<Tz>(out: &mut String, entry: &EvidenceEntry, zone: &Tz)
where
    Tz: TimeZone,
    Tz::Offset: Display,
{
    let areas: Vec<&str> = entry.areas().map(Area::name).collect();
    if let Some((first, others)) = areas.split_first() {
        let also = if others.is_empty() {
            String::new()
        } else {
            format!("; also {}", others.join(", "))
        };
        let _ = writeln!(out, "- **Areas:** {first}{also}");
    }
    let outcomes: Vec<String> = entry.outcomes().map(Outcome::id).collect();
    if !outcomes.is_empty() {
        let _ = writeln!(out, "- **Outcomes:** {}", outcomes.join(", "));
    }
    let _ = write!(out, "- **Written via:** {}", source_label(entry.source));
    if let Some(id) = &entry.prompt_id {
        let _ = write!(out, " (prompt `{id}`)");
    }
    out.push('\n');
    if entry.updated_at > entry.created_at {
        let edited = entry.updated_at.with_timezone(zone);
        let _ = writeln!(out, "- **Last edited:** {}", edited.format("%-d %B %Y"));
    }
    let visibility = if entry.shared_with_supervisor {
        "shared with your supervisor"
    } else {
        "private (only you)"
    };
    let _ = writeln!(out, "- **Visibility:** {visibility}");
    if let Some(first) = entry.follows_up {
        let _ = writeln!(out, "- **Comes back to the plan in:** entry {first}");
    }
}

/// `text` as a Markdown block quote, line by line.
fn quote(text: &str) -> String {
    text.trim()
        .lines()
        .map(|line| format!("> {line}").trim_end().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The outcome ids used above, with their handbook wording.
fn write_outcomes(out: &mut String) {
    out.push_str("\n## The enhance programme outcomes\n\n");
    for outcome in Outcome::all() {
        let _ = writeln!(out, "- **{}**: {}", outcome.id(), outcome.text());
    }
}

#[cfg(test)]
mod tests;
