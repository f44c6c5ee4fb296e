//! # Case discussions for multi-professional teams
//!
//! A lead opens a private thread in the team's case channel and runs it through a template's
//! stages; the bot adds the team, posts the opening (stages, anonymisation checklist, who is
//! taking part and their professions) and each stage's question when the lead moves on.
//! Contributions stay Discord messages: the bot keeps the case's metadata, who took part (ids)
//! and, at the close, the lead's summary (scanned first).
//!
//! - `running`: `/case channel`, `/case start`, `/case stage next`, `/case who`.
//! - `guard`: every new or edited message and every thread name in a case thread passes the
//!   anonymisation scanner; a hit deletes the message and sends its writer a masked copy,
//!   keeping no copy anywhere (logs get the kinds and the count only).
//! - `closing`: `/case close` (the summary form), contributors' reflection prompts (evidence
//!   tagged with the case's domains), `/case review` (a follow-up posted back in the thread
//!   through the outbound queue), and `/case setup` (Discord AutoMod rules).
//!
//! Who may do what is decided here against our own tables: a lead (roster role) runs their
//! own team's cases; a member of the team may ask who is taking part.

mod closing;
mod guard;
mod running;

pub use closing::{
    CASE_REFLECTION_STEMS, SUMMARY_FIELDS, close_case, close_form, keep_summary, reflection_form,
    render_case_delivery, save_case_reflection, schedule_review, set_up_automod,
};
pub use guard::{GuardOutcome, GuildMessage, guard_message, guard_thread_name};
pub use running::{Place, next_stage, set_case_channel, start_case, who_is_taking_part};

use super::App;
use super::error::UserError;
use super::members::{Caller, require_member};
use crate::domain::case::{Case, CaseStatus};
use crate::domain::member::{DiscordId, Role};
use crate::domain::pii::{IdentifierKind, mask};

/// The caller, who must hold the lead role now.
async fn require_lead(app: &App, user: DiscordId) -> anyhow::Result<Caller> {
    let caller = require_member(app, user).await?;
    if !caller.member.has_role(Role::Lead) {
        return Err(UserError::new(
            "Case discussions are started and run by team leads, and the roster doesn't list you as one. Your programme admin keeps the roster.",
        )
        .into());
    }
    Ok(caller)
}

/// The case of thread `thread`, run by `user` (its lead). Anything else gets one answer.
async fn own_case(app: &App, user: DiscordId, thread: u64) -> anyhow::Result<Case> {
    require_lead(app, user).await?;
    match app.store.case_by_thread(thread).await? {
        Some(case) if case.lead == user => Ok(case),
        _ => Err(UserError::new(
            "Run this in a case thread you lead (the lead who started the case runs its stages).",
        )
        .into()),
    }
}

/// An open case.
fn require_open(case: &Case) -> anyhow::Result<()> {
    if case.status != CaseStatus::Open {
        return Err(UserError::new("This case is closed.").into());
    }
    Ok(())
}

/// The kinds found, in plain words ("an NHS number and a postcode").
fn kinds_in_words(kinds: &[IdentifierKind]) -> String {
    let mut words: Vec<&str> = Vec::new();
    for kind in kinds {
        if !words.contains(&kind.label()) {
            words.push(kind.label());
        }
    }
    match words.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Refuses `text` written for the case record (a title, a summary field) when it holds an
/// identifier, showing it masked so it can be written again; nothing of it is kept.
fn refuse_identifiers(app: &App, what: &str, text: &str) -> anyhow::Result<()> {
    let spans = app.pii.scan(text);
    if spans.is_empty() {
        return Ok(());
    }
    let kinds: Vec<IdentifierKind> = spans.iter().map(|s| s.kind).collect();
    Err(UserError::new(format!(
        "The {what} looks like it holds {}, so nothing was saved. Here it is with those parts masked; write it again without them:\n{}",
        kinds_in_words(&kinds),
        mask(text, &spans)
    ))
    .into())
}
