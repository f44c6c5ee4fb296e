//! The digest's words: a header for the supervisor, then one section per supervisee. Each
//! section is its own message (well inside Discord's 2,000 characters) with a button per
//! shared entry, so a long caseload never truncates anyone.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{SharedEntry, SuperviseeFacts};
use crate::domain::curriculum::Area;

/// The most shared entries one section lists (with a button each); the rest are counted.
pub const MAX_ENTRIES_SHOWN: usize = 20;

/// A section's text and the entries it offers to open whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestText {
    pub content: String,
    /// `(entry id, button label)`.
    pub entries: Vec<(i64, String)>,
}

fn period(window: (DateTime<Utc>, DateTime<Utc>), tz: Tz) -> String {
    let start = window.0.with_timezone(&tz);
    let end = window.1.with_timezone(&tz);
    format!(
        "{} – {}",
        start.format("%a %-d %b"),
        end.format("%a %-d %b %Y")
    )
}

/// The first message of a digest: the period, who is in it, and what the picture shows.
pub fn header_text(
    facts: &[SuperviseeFacts],
    window: (DateTime<Utc>, DateTime<Utc>),
    tz: Tz,
) -> String {
    let mut lines = vec![format!(
        "**Supervision digest** · {} · private to you",
        period(window, tz)
    )];
    if facts.is_empty() {
        lines.push(
            "Nobody is linked to you as a supervisee on the roster at the moment, so there is nothing to show. Your programme admin keeps the roster."
                .to_owned(),
        );
        return lines.join("\n");
    }
    let people = if facts.len() == 1 {
        "1 supervisee".to_owned()
    } else {
        format!("{} supervisees", facts.len())
    };
    lines.push(format!(
        "{people}. The picture shows each person's entries per area over the last 8 weeks; a section for each person follows."
    ));
    for f in facts {
        let mut notes = Vec::new();
        let shared = f.shared.iter().filter(|e| !e.to_discuss).count();
        let discuss = f.shared.len() - shared;
        if shared > 0 {
            notes.push(format!("{shared} shared"));
        }
        if discuss > 0 {
            notes.push(format!("{discuss} to discuss"));
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(" · {}", notes.join(" · "))
        };
        let prompts = match f.prompts_sent {
            0 => "no prompts this week".to_owned(),
            sent => format!("{} of {sent} prompts answered", f.prompts_answered),
        };
        lines.push(format!("• {} — {prompts}{notes}", f.member.display_name));
    }
    lines.push(
        "Only what each person chose to share is shown in words; the rest is counts.".to_owned(),
    );
    lines.join("\n")
}

fn areas_with_counts(counts: impl Iterator<Item = (Area, u32)>) -> Vec<String> {
    counts
        .filter(|(_, n)| *n > 0)
        .map(|(area, n)| format!("{} ({n})", area.name()))
        .collect()
}

fn entry_line(entry: &SharedEntry) -> String {
    let areas: Vec<&str> = entry.areas.iter().map(|a| a.name()).collect();
    let areas = if areas.is_empty() {
        "untagged".to_owned()
    } else {
        areas.join(", ")
    };
    let discuss = if entry.to_discuss {
        " — **would like to discuss**"
    } else {
        ""
    };
    format!("• `#{}` · {areas} · “{}”{discuss}", entry.id, entry.excerpt)
}

/// One supervisee's part of the digest.
pub fn section_text(facts: &SuperviseeFacts) -> DigestText {
    let name = &facts.member.display_name;
    let mut lines = vec![format!("**{name}** · {}", facts.member.profession.label())];
    lines.push(match facts.prompts_sent {
        0 => "Prompts this week: none sent.".to_owned(),
        sent => format!(
            "Prompts this week: {sent} sent, {} answered.",
            facts.prompts_answered
        ),
    });
    let this_week = areas_with_counts(facts.areas_this_week.iter().map(|(a, n)| (*a, *n)));
    if this_week.is_empty() {
        lines.push("Areas this week: no entries.".to_owned());
    } else {
        lines.push(format!("Areas this week: {}.", this_week.join(", ")));
    }
    let covered = Area::ALL
        .iter()
        .filter(|a| facts.areas_total.get(a).copied().unwrap_or(0) > 0)
        .count();
    lines.push(format!(
        "Areas covered so far: {covered} of {}.",
        Area::ALL.len()
    ));
    let gaps = facts.gaps();
    if gaps.len() == Area::ALL.len() {
        lines.push("No entries in the last 8 weeks.".to_owned());
    } else if !gaps.is_empty() {
        let names: Vec<&str> = gaps.iter().map(|a| a.name()).collect();
        lines.push(format!("Not touched in 8 weeks: {}.", names.join(", ")));
    }
    match facts.cases_joined {
        (_, 0) => {}
        (0, total) => lines.push(format!(
            "Case discussions joined: none this week, {total} in all."
        )),
        (week, total) => lines.push(format!(
            "Case discussions joined: {week} this week, {total} in all."
        )),
    }
    match &facts.checkin_scores {
        Some(scores) if scores.is_empty() => {
            lines.push("Check-ins (shared with you): none answered this week.".to_owned());
        }
        Some(scores) => {
            let scores: Vec<String> = scores.iter().map(u8::to_string).collect();
            lines.push(format!(
                "Check-ins (shared with you, 1 low – 5 good): {}.",
                scores.join(", ")
            ));
        }
        None => {}
    }
    if facts.unreachable() {
        lines.push(format!(
            "mindlines can't reach {name} by direct message (their DMs are closed), so prompts are not reaching them at the moment."
        ));
    }
    let mut entries = Vec::new();
    if facts.shared.is_empty() {
        lines.push("Nothing new shared with you this week.".to_owned());
    } else {
        lines.push("Shared with you:".to_owned());
        for entry in facts.shared.iter().take(MAX_ENTRIES_SHOWN) {
            lines.push(entry_line(entry));
            entries.push((entry.id, format!("Read #{}", entry.id)));
        }
        let more = facts.shared.len().saturating_sub(MAX_ENTRIES_SHOWN);
        if more > 0 {
            lines.push(format!(
                "…and {more} more shared this week, not listed here (a message holds {MAX_ENTRIES_SHOWN} buttons)."
            ));
        }
    }
    DigestText {
        content: lines.join("\n"),
        entries,
    }
}
