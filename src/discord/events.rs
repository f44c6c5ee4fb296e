//! Non-command events: DMs, DM edits, messages, edits and renames in case threads (the
//! anonymisation guard), button clicks and modal submits, and (re)connection.
//! Each is handed to an `app::` use-case. Serenity runs every handler in its own task, so
//! nothing here assumes ordering; the app layer writes to the inbox before doing anything else.

use std::sync::Arc;

use poise::serenity_prelude as serenity;

use super::{BotData, Error, components};
use crate::app::App;
use crate::app::cases::{GuildMessage, guard_message, guard_thread_name};
use crate::app::inbox::{backfill, receive_dm};
use crate::domain::inbox::{InboundKind, InboundMessage};
use crate::domain::member::DiscordId;

pub async fn handle(
    ctx: poise::FrameworkContext<'_, BotData, Error>,
    event: &serenity::FullEvent,
) -> Result<(), Error> {
    let app = &ctx.user_data.app;
    match event {
        serenity::FullEvent::Message { new_message }
            if new_message.guild_id.is_none() && !new_message.author.bot =>
        {
            receive_dm(app, inbound_created(new_message)).await?;
        }
        // Case threads: every message passes the anonymisation guard in this handling.
        serenity::FullEvent::Message { new_message } if new_message.guild_id.is_some() => {
            guard_message(app, &guild_message(new_message)).await?;
        }
        serenity::FullEvent::MessageUpdate { event, .. } => {
            if let Some(edit) = inbound_edited(event) {
                receive_dm(app, edit).await?;
            } else if let Some(edit) = guild_edit(event) {
                guard_message(app, &edit).await?;
            }
        }
        serenity::FullEvent::ThreadUpdate { new, .. } => {
            guard_thread_name(app, new.id.get(), &new.name).await?;
        }
        serenity::FullEvent::InteractionCreate { interaction } => {
            components::handle(ctx.serenity_context, app, interaction).await?;
        }
        serenity::FullEvent::Ready { .. } | serenity::FullEvent::Resume { .. } => {
            spawn_backfill(app.clone());
        }
        _ => {}
    }
    Ok(())
}

/// Backfill pages through every DM channel, so it runs beside event handling, not in its way.
fn spawn_backfill(app: Arc<App>) {
    tokio::spawn(async move {
        match backfill(&app).await {
            Ok(read) => tracing::info!(read, "backfill finished"),
            Err(error) => tracing::warn!("backfill failed: {error:#}"),
        }
    });
}

fn inbound_created(message: &serenity::Message) -> InboundMessage {
    InboundMessage {
        message_id: message.id.get(),
        channel_id: message.channel_id.get(),
        author: DiscordId(message.author.id.get()),
        kind: InboundKind::Created,
        content: message.content.clone(),
        reply_to: message
            .message_reference
            .as_ref()
            .and_then(|r| r.message_id)
            .map(|id| id.get()),
        written_at: *message.timestamp,
    }
}

fn guild_message(message: &serenity::Message) -> GuildMessage {
    GuildMessage {
        message_id: message.id.get(),
        channel_id: message.channel_id.get(),
        author: DiscordId(message.author.id.get()),
        author_is_bot: message.author.bot,
        content: message.content.clone(),
    }
}

/// A guild message's edit with its new text (other updates carry no content).
fn guild_edit(event: &serenity::MessageUpdateEvent) -> Option<GuildMessage> {
    event.guild_id?;
    let author = event.author.as_ref()?;
    Some(GuildMessage {
        message_id: event.id.get(),
        channel_id: event.channel_id.get(),
        author: DiscordId(author.id.get()),
        author_is_bot: author.bot,
        content: event.content.clone()?,
    })
}

/// A DM edit with its new text; other updates (embeds resolving, pins…) are not edits.
fn inbound_edited(event: &serenity::MessageUpdateEvent) -> Option<InboundMessage> {
    let author = event.author.as_ref().filter(|a| !a.bot)?;
    if event.guild_id.is_some() {
        return None;
    }
    Some(InboundMessage {
        message_id: event.id.get(),
        channel_id: event.channel_id.get(),
        author: DiscordId(author.id.get()),
        kind: InboundKind::Edited,
        content: event.content.clone()?,
        reply_to: None,
        written_at: *event.edited_timestamp?,
    })
}
