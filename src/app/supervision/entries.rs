//! Entries between a trainee and their supervisor. The trainee shares an entry or flags it
//! "want to discuss"; the supervisor reads it whole from the digest and acknowledges it or
//! comments; the trainee is told by DM (through the outbound queue, once per comment) and sees
//! the comment under the entry and in the export. A comment passes the same safety screen as
//! everything else a member writes.

use super::{App, no_shared_entry, require_supervisor};
use crate::app::error::UserError;
use crate::app::members::require_member;
use crate::app::notify::{Button, ButtonStyle};
use crate::app::safety::{HeldWrite, Written, risk_reply, screen};
use crate::domain::custom_id::CustomId;
use crate::domain::delivery::{DeliveryKind, NewDelivery, Payload};
use crate::domain::evidence::{EvidenceEntry, excerpt};
use crate::domain::member::DiscordId;
use crate::domain::message_split::{MESSAGE_BUDGET, split_for_messages};
use crate::domain::supervision::{Comment, CommentKind, validate_comment};
use crate::store::{AuditAction, AuditEntry, KeptComment};

fn not_found(id: i64) -> anyhow::Error {
    UserError::new(format!(
        "You have no evidence entry #{id}. `/evidence list` shows your entries."
    ))
    .into()
}

/// The caller's supervisors' names, as the roster has them now ("" when none).
async fn supervisor_names(app: &App, user: DiscordId) -> anyhow::Result<String> {
    let names: Vec<String> = app
        .store
        .supervisors_of(user)
        .await?
        .into_iter()
        .map(|m| m.display_name)
        .collect();
    Ok(names.join(", "))
}

/// `/evidence share` and `/evidence unshare`.
pub async fn share_evidence(
    app: &App,
    user: DiscordId,
    id: i64,
    shared: bool,
) -> anyhow::Result<String> {
    require_member(app, user).await?;
    if !app
        .store
        .set_evidence_shared(user, id, shared, app.clock.now())
        .await?
    {
        return Err(not_found(id));
    }
    let action = if shared {
        AuditAction::EntryShared
    } else {
        AuditAction::EntryUnshared
    };
    audit(app, user, user, action, id).await?;
    if !shared {
        return Ok(format!(
            "Entry #{id} is private again: your supervisor can no longer read it or the comments on it."
        ));
    }
    let names = supervisor_names(app, user).await?;
    Ok(if names.is_empty() {
        format!(
            "Entry #{id} is marked shared, but the roster lists no supervisor for you, so nobody can read it yet. `/evidence unshare id:{id}` takes the mark back."
        )
    } else {
        format!(
            "Entry #{id} is shared with {names}: its first words appear in their digest and they can read it whole and comment. `/evidence unshare id:{id}` makes it private again at once."
        )
    })
}

/// `/evidence discuss`: flag an entry "want to discuss" (sharing it), or clear the flag.
pub async fn discuss_evidence(
    app: &App,
    user: DiscordId,
    id: i64,
    discuss: bool,
) -> anyhow::Result<String> {
    require_member(app, user).await?;
    if !app
        .store
        .set_evidence_discuss(user, id, discuss, app.clock.now())
        .await?
    {
        return Err(not_found(id));
    }
    if !discuss {
        return Ok(format!(
            "Entry #{id} is no longer flagged to discuss. It is still shared; `/evidence unshare id:{id}` makes it private."
        ));
    }
    let names = supervisor_names(app, user).await?;
    Ok(if names.is_empty() {
        format!(
            "Entry #{id} is flagged to discuss and shared, but the roster lists no supervisor for you, so nobody can read it yet."
        )
    } else {
        format!(
            "Entry #{id} is shared with {names} and flagged “would like to discuss”: it heads their digest until they acknowledge it or comment, and you'll be told when they do."
        )
    })
}

/// A shared entry as its supervisor reads it, with the buttons to answer it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedView {
    /// The entry in as many messages as it needs; the buttons go under the last.
    pub parts: Vec<String>,
    pub buttons: Vec<Button>,
}

fn render_shared(
    entry: &EvidenceEntry,
    owner: &str,
    comments: &[Comment],
    tz: chrono_tz::Tz,
) -> Vec<String> {
    let areas: Vec<String> = entry.tags.iter().map(ToString::to_string).collect();
    let discuss = if entry.to_discuss {
        " · **would like to discuss**"
    } else {
        ""
    };
    let mut text = format!(
        "**{owner} · entry #{}** · {} · shared with you{discuss}\nTags: {}\n",
        entry.id,
        entry.created_at.with_timezone(&tz).format("%d %b %Y"),
        areas.join(", ")
    );
    if let Some(prompt) = &entry.prompt_text {
        text.push_str(&format!("> {}\n", excerpt(prompt, 300)));
    }
    for answer in entry.answers.iter().filter(|a| !a.text.trim().is_empty()) {
        text.push_str(&format!("\n**{}**\n{}\n", answer.stem, answer.text));
    }
    if !comments.is_empty() {
        text.push_str("\n**Supervisor responses**\n");
        for comment in comments {
            text.push_str(&format!("• {}\n", comment.line()));
        }
    }
    split_for_messages(&text, MESSAGE_BUDGET)
}

/// "Read #N": a shared entry whole, for a supervisor of its owner.
pub async fn read_shared_entry(app: &App, user: DiscordId, id: i64) -> anyhow::Result<SharedView> {
    let caller = require_supervisor(app, user).await?;
    let entry = app
        .store
        .shared_entry(user, id)
        .await?
        .ok_or_else(|| no_shared_entry(id))?;
    let owner = app.store.member(entry.member).await?;
    let owner_name = owner.map_or_else(|| "A supervisee".to_owned(), |m| m.display_name);
    let comments = app.store.comments_on(entry.member, id).await?;
    audit(app, user, entry.member, AuditAction::SharedEntryRead, id).await?;
    let button = |custom_id: CustomId, label: &str| Button {
        custom_id: custom_id.to_string(),
        label: label.to_owned(),
        style: ButtonStyle::Secondary,
    };
    Ok(SharedView {
        parts: render_shared(&entry, &owner_name, &comments, caller.member.timezone),
        buttons: vec![
            button(CustomId::AckShared { evidence: id }, "Acknowledge"),
            button(CustomId::CommentShared { evidence: id }, "Comment"),
        ],
    })
}

async fn audit(
    app: &App,
    actor: DiscordId,
    subject: DiscordId,
    action: AuditAction,
    entry: i64,
) -> anyhow::Result<()> {
    app.store
        .record_audit(&AuditEntry {
            at: app.clock.now(),
            actor: Some(actor),
            action,
            subject: Some(subject),
            detail: format!("entry {entry}"),
        })
        .await?;
    Ok(())
}

/// "Acknowledge" under a shared entry.
pub async fn acknowledge_entry(app: &App, user: DiscordId, id: i64) -> anyhow::Result<String> {
    let caller = require_supervisor(app, user).await?;
    let kept = app
        .store
        .add_comment(user, id, CommentKind::Acknowledged, None, app.clock.now())
        .await?
        .ok_or_else(|| no_shared_entry(id))?;
    let name = &caller.member.display_name;
    let trainee = tell_trainee(
        app,
        user,
        kept,
        id,
        format!("{name} acknowledged your entry #{id}."),
    )
    .await?;
    Ok(format!(
        "Acknowledged entry #{id}. mindlines will tell {trainee} by direct message."
    ))
}

/// The comment form's text, screened first: risk language holds it, with signposting for the
/// writer and a button to keep it if it was about someone else.
pub async fn comment_on_entry(
    app: &App,
    user: DiscordId,
    id: i64,
    text: &str,
) -> anyhow::Result<Written> {
    require_supervisor(app, user).await?;
    let text = validate_comment(text).map_err(UserError)?;
    if screen(app, [text]) {
        let token = app.safety.hold(
            user,
            HeldWrite::Comment {
                evidence: id,
                text: text.to_owned(),
            },
            app.clock.now(),
        );
        return Ok(Written::Held {
            reply: format!(
                "{}\n\nIf what you wrote was about someone else, not about you, you can keep it as your comment with the button below. I hold it for 15 minutes, in memory only; until you choose, nothing is saved.",
                risk_reply(app)
            ),
            keep: Button {
                custom_id: CustomId::KeepHeld { token }.to_string(),
                label: "It was about someone else — keep my comment".to_owned(),
                style: ButtonStyle::Secondary,
            },
        });
    }
    save_comment(app, user, id, text).await.map(Written::Saved)
}

/// Keeps a comment that passed the screen (or that its writer chose to keep).
pub async fn save_comment(
    app: &App,
    user: DiscordId,
    id: i64,
    text: &str,
) -> anyhow::Result<String> {
    let caller = require_supervisor(app, user).await?;
    let kept = app
        .store
        .add_comment(user, id, CommentKind::Comment, Some(text), app.clock.now())
        .await?
        .ok_or_else(|| no_shared_entry(id))?;
    let name = &caller.member.display_name;
    let notice = format!(
        "{name} commented on your entry #{id}. `/evidence show id:{id}` shows the comment under your entry."
    );
    let trainee = tell_trainee(app, user, kept, id, notice).await?;
    Ok(format!(
        "Comment kept with entry #{id}. mindlines will tell {trainee} by direct message; they see it under the entry and in their export."
    ))
}

/// Queues the trainee's notice, once per comment (the comment's id is the occurrence key), and
/// audits the answer. Returns the trainee's name.
async fn tell_trainee(
    app: &App,
    supervisor: DiscordId,
    kept: KeptComment,
    entry: i64,
    text: String,
) -> anyhow::Result<String> {
    let now = app.clock.now();
    let queued = app
        .store
        .record_delivery(&NewDelivery {
            member: kept.trainee,
            occurrence_key: format!("comment:{}", kept.id),
            kind: DeliveryKind::Notice,
            payload: Payload::Notice { text },
            due_at: now,
            follows: None,
        })
        .await?;
    if queued.is_some() {
        app.send_wanted.notify_one();
    }
    audit(
        app,
        supervisor,
        kept.trainee,
        AuditAction::SharedEntryAnswered,
        entry,
    )
    .await?;
    let name = app
        .store
        .member(kept.trainee)
        .await?
        .map_or_else(|| "the trainee".to_owned(), |m| m.display_name);
    Ok(name)
}
