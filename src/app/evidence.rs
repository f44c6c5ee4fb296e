//! A trainee's own evidence: list, read, edit, delete, share, tag. Everything here is private:
//! answers go back ephemerally or by DM, and every call is scoped to the caller, so someone
//! else's entry id gets the same answer as one that does not exist.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::App;
use super::error::UserError;
use super::members::require_member;
use super::safety::{HeldWrite, Written, screen};
use crate::domain::evidence::{Answer, EvidenceEntry, Tag, excerpt, validate_answers};
use crate::domain::member::DiscordId;
use crate::domain::message_split::{MESSAGE_BUDGET, split_for_messages};
use crate::domain::schedule::{parse_date_range, resolve_local};
use crate::domain::supervision::Comment;
use crate::store::EvidenceFilter;

/// Entries per page of `/evidence list`.
pub const PAGE_SIZE: u32 = 10;

fn not_found(id: i64) -> anyhow::Error {
    UserError::new(format!(
        "You have no evidence entry #{id}. `/evidence list` shows your entries."
    ))
    .into()
}

/// One page of the caller's entries, newest first, optionally for one tag, as a message.
pub async fn list_evidence(app: &App, user: DiscordId, query: ListQuery) -> anyhow::Result<String> {
    let caller = require_member(app, user).await?;
    let page = query.page.max(1);
    let (since, until) = query.bounds(caller.member.timezone).map_err(UserError)?;
    let filter = EvidenceFilter {
        tag: query.tag,
        since,
        until,
        offset: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
    };
    let (entries, total) = app.store.evidence_of(user, &filter).await?;
    let mut lines = Vec::new();
    lines.extend(caller.notice);
    if total == 0 {
        lines.push(if query.is_filtered() {
            "No entries match that.".to_owned()
        } else {
            "No evidence yet. Answer a prompt (or use `/reflect`) and it will appear here."
                .to_owned()
        });
        return Ok(lines.join("\n\n"));
    }
    let pages = total.div_ceil(PAGE_SIZE);
    if page > pages {
        let there = if pages == 1 {
            "There is one page".to_owned()
        } else {
            format!("There are {pages} pages")
        };
        let text = format!(
            "{there} of entries ({PAGE_SIZE} to a page), so page {page} is past the end. `/evidence list page:{pages}` shows the last."
        );
        lines.push(text);
        return Ok(lines.join("\n\n"));
    }
    let noun = if total == 1 { "entry" } else { "entries" };
    lines.push(format!(
        "**Your evidence** — {total} {noun}, page {page} of {pages} (only you can see this)"
    ));
    lines.extend(entries.iter().map(list_line));
    if page < pages {
        lines.push(format!("More: the same command with `page:{}`", page + 1));
    }
    Ok(lines.join("\n"))
}

/// One end of a time range; `None` = open.
type Bound = Option<DateTime<Utc>>;

/// Which entries `/evidence list` shows.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub tag: Option<Tag>,
    /// Dates as users type them (`2026-11-01..2026-11-30`, `2026-11-01..`, one date), read
    /// in the member's own timezone.
    pub dates: Option<String>,
    pub page: u32,
}

impl ListQuery {
    fn is_filtered(&self) -> bool {
        self.tag.is_some() || self.dates.is_some()
    }

    /// The instants the dates stand for: from the start of the first day to the end of the last.
    fn bounds(&self, timezone: chrono_tz::Tz) -> Result<(Bound, Bound), String> {
        let Some(text) = self.dates.as_deref() else {
            return Ok((None, None));
        };
        let range = parse_date_range(text)?;
        let start_of =
            |day: chrono::NaiveDate| resolve_local(timezone, day.and_time(chrono::NaiveTime::MIN));
        let until = range
            .until()
            .map(|last| start_of(last + chrono::Duration::days(1)));
        Ok((Some(start_of(range.from())), until))
    }
}

fn list_line(entry: &EvidenceEntry) -> String {
    let areas: Vec<&str> = entry.areas().map(|a| a.name()).collect();
    let shared = if entry.shared_with_supervisor {
        " · shared"
    } else {
        ""
    };
    format!(
        "`#{}` {} · {} — {}{shared}",
        entry.id,
        entry.created_at.format("%d %b %Y"),
        areas.join(", "),
        entry.title()
    )
}

/// One entry in full, as as many messages as it needs (each within Discord's limit): nothing
/// the trainee wrote is cut off.
pub async fn show_evidence(app: &App, user: DiscordId, id: i64) -> anyhow::Result<Vec<String>> {
    let caller = require_member(app, user).await?;
    let entry = app
        .store
        .evidence_entry(user, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    let comments = app.store.comments_on(user, id).await?;
    Ok(render_entry(&entry, &comments, caller.member.timezone))
}

/// An entry as Discord messages: a header, the prompt, then every answer in full, split at
/// natural breaks; later parts are numbered so the reader knows there is more.
pub fn render_entry(
    entry: &EvidenceEntry,
    comments: &[Comment],
    timezone: chrono_tz::Tz,
) -> Vec<String> {
    let tags: Vec<String> = entry.tags.iter().map(ToString::to_string).collect();
    let visibility = match (entry.shared_with_supervisor, entry.to_discuss) {
        (true, true) => "shared with your supervisor · flagged to discuss",
        (true, false) => "shared with your supervisor",
        _ => "private",
    };
    let mut text = format!(
        "**Entry #{}** · {} · {visibility}\nTags: {}\n",
        entry.id,
        entry
            .created_at
            .with_timezone(&timezone)
            .format("%d %b %Y %H:%M"),
        tags.join(", ")
    );
    if let Some(prompt) = &entry.prompt_text {
        text.push_str(&format!("> {}\n", excerpt(prompt, 300)));
    }
    for answer in entry.answers.iter().filter(|a| !a.text.trim().is_empty()) {
        text.push_str(&format!("\n**{}**\n{}\n", answer.stem, answer.text));
    }
    if let Some(first) = entry.follows_up {
        text.push_str(&format!("\n_Comes back to the plan in entry #{first}._\n"));
    }
    if !comments.is_empty() {
        text.push_str("\n**From your supervisor**\n");
        for comment in comments {
            text.push_str(&format!("• {}\n", comment.line()));
        }
    }
    let parts = split_for_messages(&text, MESSAGE_BUDGET);
    let count = parts.len();
    if count == 1 {
        return parts;
    }
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            format!(
                "{part}\n\n_({}/{count} · `/export` gives the whole portfolio as a file)_",
                i + 1
            )
        })
        .collect()
}

/// The current answers of an entry, for the edit form.
pub async fn evidence_for_edit(
    app: &App,
    user: DiscordId,
    id: i64,
) -> anyhow::Result<EvidenceEntry> {
    require_member(app, user).await?;
    app.store
        .evidence_entry(user, id)
        .await?
        .ok_or_else(|| not_found(id))
}

/// Saves an edited entry; the earlier answers are kept as a revision.
/// Saves the edit form of entry `id` once it has passed the safety screen (on risk language it
/// is held instead, see `app::safety`).
pub async fn submit_edited_evidence(
    app: &App,
    user: DiscordId,
    id: i64,
    texts: Vec<String>,
) -> anyhow::Result<Written> {
    if screen(app, texts.iter().map(String::as_str)) {
        // Only the writer's own entry can be held for them; anyone else's id answers as unknown.
        app.store
            .evidence_entry(user, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        let held = HeldWrite::Edit {
            evidence: id,
            texts,
        };
        return Ok(Written::held(app, user, held));
    }
    save_edited_evidence(app, user, id, texts)
        .await
        .map(Written::Saved)
}

/// Saves an edit (screened already, or released by its writer).
pub(crate) async fn save_edited_evidence(
    app: &App,
    user: DiscordId,
    id: i64,
    texts: Vec<String>,
) -> anyhow::Result<String> {
    let entry = app
        .store
        .evidence_entry(user, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    let answers: Vec<Answer> = entry
        .answers
        .iter()
        .zip(texts.into_iter().chain(std::iter::repeat(String::new())))
        .map(|(old, text)| Answer {
            stem: old.stem.clone(),
            text,
        })
        .collect();
    validate_answers(&answers).map_err(UserError)?;
    if answers == entry.answers {
        return Ok(format!("No changes to entry #{id}."));
    }
    app.store
        .update_evidence_answers(user, id, &answers, app.clock.now())
        .await?;
    Ok(format!(
        "Entry #{id} updated. The earlier version is kept in its history."
    ))
}

/// Deletes an entry for good (after the caller confirmed).
pub async fn delete_evidence(app: &App, user: DiscordId, id: i64) -> anyhow::Result<String> {
    if !app.store.delete_evidence(user, id).await? {
        return Err(not_found(id));
    }
    Ok(format!("Entry #{id} is deleted, with its history."))
}

/// Adds and removes tags (domains, themes, outcomes) on an entry.
pub async fn retag_evidence(
    app: &App,
    user: DiscordId,
    id: i64,
    add: Option<&str>,
    remove: Option<&str>,
) -> anyhow::Result<String> {
    require_member(app, user).await?;
    let entry = app
        .store
        .evidence_entry(user, id)
        .await?
        .ok_or_else(|| not_found(id))?;
    let mut tags: BTreeSet<Tag> = entry.tags.clone();
    if let Some(text) = add {
        tags.insert(parse_tag(text)?);
    }
    if let Some(text) = remove {
        tags.remove(&parse_tag(text)?);
    }
    app.store
        .set_evidence_tags(user, id, &tags, app.clock.now())
        .await?;
    let names: Vec<String> = tags.iter().map(ToString::to_string).collect();
    Ok(format!(
        "Entry #{id} is tagged: {}.",
        if names.is_empty() {
            "nothing".to_owned()
        } else {
            names.join(", ")
        }
    ))
}

/// Parses a tag the way users type it: an area's name, id or alias, or an outcome.
pub fn parse_tag(text: &str) -> anyhow::Result<Tag> {
    Tag::lookup(text).ok_or_else(|| {
        UserError::new(format!("'{text}' is not a domain, theme or outcome. Try e.g. `population health`, `digital` or `outcome-3`.")).into()
    })
}

/// All of the caller's entries (for coverage and export).
pub async fn all_evidence(app: &App, user: DiscordId) -> anyhow::Result<Vec<EvidenceEntry>> {
    let (entries, _) = app
        .store
        .evidence_of(user, &EvidenceFilter::default())
        .await?;
    Ok(entries)
}
