//! The anonymisation guard: every new or edited message in a case thread, and the thread's
//! name, passes `domain::pii`. On a hit the message is deleted in the same event handling and
//! its writer is sent, privately, what kinds were found with their text masked so they can
//! post it again. Nothing of the text is kept: not in the store, not in the queue (the DM is
//! sent directly), not in a log — which gets the case, the kinds and the count only.

use super::{App, kinds_in_words};
use crate::app::notify::{OutgoingMessage, ThreadChange};
use crate::app::sending::dm_channel;
use crate::domain::evidence::excerpt;
use crate::domain::member::DiscordId;
use crate::domain::pii::{IdentifierKind, mask};

/// A message someone wrote (or edited) in a guild channel or thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuildMessage {
    pub message_id: u64,
    pub channel_id: u64,
    pub author: DiscordId,
    pub author_is_bot: bool,
    pub content: String,
}

/// What the guard did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuardOutcome {
    /// Not in a case thread: nothing was read.
    NotACase,
    Clean,
    /// Removed (a message) or renamed back (a thread), for this many identifiers.
    Removed {
        found: usize,
    },
}

/// The longest masked copy sent back (a DM holds 2,000 characters).
const MAX_MASKED_CHARS: usize = 1_500;

pub async fn guard_message(app: &App, message: &GuildMessage) -> anyhow::Result<GuardOutcome> {
    let Some(case) = app.store.case_by_thread(message.channel_id).await? else {
        return Ok(GuardOutcome::NotACase);
    };
    if message.author_is_bot {
        return Ok(GuardOutcome::Clean);
    }
    if app.store.member(message.author).await?.is_some() {
        app.store
            .add_case_contributor(case.id, message.author, app.clock.now())
            .await?;
    }
    let spans = app.pii.scan(&message.content);
    if spans.is_empty() {
        return Ok(GuardOutcome::Clean);
    }
    let kinds: Vec<IdentifierKind> = spans.iter().map(|s| s.kind).collect();
    let slugs: Vec<&str> = kinds.iter().map(|k| k.slug()).collect();
    tracing::info!(case = case.id, kinds = ?slugs, found = spans.len(), "the anonymisation guard removed a case message");
    if let Err(error) = app
        .notifier
        .delete(message.channel_id, message.message_id)
        .await
    {
        tracing::warn!(case = case.id, "removing a case message failed: {error}");
    }
    let masked = excerpt(&mask(&message.content, &spans), MAX_MASKED_CHARS);
    let text = format!(
        "I removed your message in the case discussion “{}” because it looked like it held {}. Nothing of it is kept. Here it is with those parts masked, so you can post it again without them:\n\n{masked}",
        case.title,
        kinds_in_words(&kinds),
    );
    let sent = match dm_channel(app, message.author).await {
        Ok(channel) => {
            let dm = OutgoingMessage {
                content: text,
                ..OutgoingMessage::default()
            };
            app.notifier.post(channel, &dm).await.map(|_| ())
        }
        Err(error) => Err(error),
    };
    if let Err(error) = sent {
        tracing::warn!(
            case = case.id,
            "telling the writer of a removed case message failed: {error}"
        );
    }
    Ok(GuardOutcome::Removed { found: spans.len() })
}

/// A case thread renamed to something with an identifier gets its title back, and its lead is
/// told (without the name).
pub async fn guard_thread_name(app: &App, thread: u64, name: &str) -> anyhow::Result<GuardOutcome> {
    let Some(case) = app.store.case_by_thread(thread).await? else {
        return Ok(GuardOutcome::NotACase);
    };
    let spans = app.pii.scan(name);
    if spans.is_empty() {
        return Ok(GuardOutcome::Clean);
    }
    let kinds: Vec<IdentifierKind> = spans.iter().map(|s| s.kind).collect();
    let slugs: Vec<&str> = kinds.iter().map(|k| k.slug()).collect();
    tracing::info!(case = case.id, kinds = ?slugs, "the anonymisation guard renamed a case thread back");
    let change = ThreadChange {
        name: Some(case.title.clone()),
        ..ThreadChange::default()
    };
    app.notifier.update_thread(thread, &change).await?;
    let channel = dm_channel(app, case.lead).await?;
    let dm = OutgoingMessage {
        content: format!(
            "The case thread “{}” was renamed to something that looked like it held {}, so I changed its name back.",
            case.title,
            kinds_in_words(&kinds)
        ),
        ..OutgoingMessage::default()
    };
    app.notifier.post(channel, &dm).await?;
    Ok(GuardOutcome::Removed { found: spans.len() })
}
