//! The Discord implementation of [`Notifier`]: serenity's HTTP client, with Discord's error
//! codes mapped to what the caller should do (retry, wait, or give up).

use std::sync::Arc;

use async_trait::async_trait;
use poise::serenity_prelude as serenity;
use serenity::{
    ButtonStyle as SerenityButtonStyle, ChannelId, CreateActionRow, CreateButton, CreateMessage,
    CreateThread, EditMessage, MessageId, Nonce,
};

use crate::app::notify::{
    Attachment, Button, ButtonStyle, HistoryMessage, KeywordRuleRequest, Notifier, NotifyError,
    OutgoingMessage, SentMessage, ThreadChange,
};
use crate::domain::member::DiscordId;

/// Discord's code for "Cannot send messages to this user" (DMs closed or bot blocked).
const CANNOT_MESSAGE_USER: isize = 50007;

/// Sends through serenity's `Http`.
#[derive(Clone)]
pub struct DiscordNotifier {
    http: Arc<serenity::Http>,
}

impl DiscordNotifier {
    pub fn new(http: Arc<serenity::Http>) -> Self {
        DiscordNotifier { http }
    }
}

#[async_trait]
impl Notifier for DiscordNotifier {
    async fn open_dm(&self, user: DiscordId) -> Result<u64, NotifyError> {
        let user = serenity::UserId::new(user.0);
        let channel = user
            .create_dm_channel(&*self.http)
            .await
            .map_err(classify)?;
        Ok(channel.id.get())
    }

    async fn post(
        &self,
        channel_id: u64,
        message: &OutgoingMessage,
    ) -> Result<SentMessage, NotifyError> {
        let mut builder = CreateMessage::new().content(&message.content);
        if let Some(nonce) = &message.nonce {
            builder = builder
                .nonce(Nonce::String(nonce.clone()))
                .enforce_nonce(true);
        }
        if !message.buttons.is_empty() {
            builder = builder.components(action_rows(&message.buttons));
        }
        let sent = ChannelId::new(channel_id)
            .send_message(&*self.http, builder)
            .await
            .map_err(classify)?;
        Ok(SentMessage {
            channel_id: sent.channel_id.get(),
            message_id: sent.id.get(),
        })
    }

    async fn post_files(
        &self,
        channel_id: u64,
        message: &OutgoingMessage,
        files: &[Attachment],
    ) -> Result<SentMessage, NotifyError> {
        let attachments = files
            .iter()
            .map(|f| serenity::CreateAttachment::bytes(f.bytes.clone(), f.name.clone()));
        let mut builder = CreateMessage::new()
            .content(&message.content)
            .add_files(attachments);
        if let Some(nonce) = &message.nonce {
            builder = builder
                .nonce(Nonce::String(nonce.clone()))
                .enforce_nonce(true);
        }
        if !message.buttons.is_empty() {
            builder = builder.components(action_rows(&message.buttons));
        }
        let sent = ChannelId::new(channel_id)
            .send_message(&*self.http, builder)
            .await
            .map_err(classify)?;
        Ok(SentMessage {
            channel_id: sent.channel_id.get(),
            message_id: sent.id.get(),
        })
    }

    async fn edit(
        &self,
        channel_id: u64,
        message_id: u64,
        content: &str,
    ) -> Result<(), NotifyError> {
        let edit = EditMessage::new().content(content).components(Vec::new());
        ChannelId::new(channel_id)
            .edit_message(&*self.http, MessageId::new(message_id), edit)
            .await
            .map(|_| ())
            .map_err(classify)
    }

    async fn delete(&self, channel_id: u64, message_id: u64) -> Result<(), NotifyError> {
        ChannelId::new(channel_id)
            .delete_message(&*self.http, MessageId::new(message_id))
            .await
            .map_err(classify)
    }

    async fn messages_after(
        &self,
        channel_id: u64,
        after: Option<u64>,
        limit: u8,
    ) -> Result<Vec<HistoryMessage>, NotifyError> {
        read_history(&self.http, channel_id, after, limit).await
    }

    async fn add_thread_member(&self, thread_id: u64, user: DiscordId) -> Result<(), NotifyError> {
        ChannelId::new(thread_id)
            .add_thread_member(&*self.http, serenity::UserId::new(user.0))
            .await
            .map_err(classify)
    }

    async fn update_thread(
        &self,
        thread_id: u64,
        change: &ThreadChange,
    ) -> Result<(), NotifyError> {
        let mut builder = serenity::EditThread::new();
        if let Some(name) = &change.name {
            builder = builder.name(name);
        }
        if let Some(archived) = change.archived {
            builder = builder.archived(archived);
        }
        if let Some(locked) = change.locked {
            builder = builder.locked(locked);
        }
        ChannelId::new(thread_id)
            .edit_thread(&*self.http, builder)
            .await
            .map(|_| ())
            .map_err(classify)
    }

    async fn create_keyword_rule(
        &self,
        guild_id: u64,
        rule: &KeywordRuleRequest,
    ) -> Result<u64, NotifyError> {
        use serenity::automod::{Action, EventType, Trigger};
        let builder = serenity::EditAutoModRule::new()
            .name(&rule.name)
            .event_type(EventType::MessageSend)
            .trigger(Trigger::Keyword {
                strings: rule.keyword_filter.clone(),
                regex_patterns: rule.regex_patterns.clone(),
                allow_list: Vec::new(),
            })
            .actions(vec![Action::BlockMessage {
                custom_message: Some(rule.custom_message.clone()),
            }])
            .enabled(true);
        let created = serenity::GuildId::new(guild_id)
            .create_automod_rule(&*self.http, builder)
            .await
            .map_err(classify)?;
        Ok(created.id.get())
    }

    async fn create_private_thread(&self, channel_id: u64, name: &str) -> Result<u64, NotifyError> {
        let builder = CreateThread::new(name)
            .kind(serenity::ChannelType::PrivateThread)
            .invitable(false);
        let thread = ChannelId::new(channel_id)
            .create_thread(&*self.http, builder)
            .await
            .map_err(classify)?;
        Ok(thread.id.get())
    }
}

async fn read_history(
    http: &serenity::Http,
    channel_id: u64,
    after: Option<u64>,
    limit: u8,
) -> Result<Vec<HistoryMessage>, NotifyError> {
    let mut request = serenity::GetMessages::new().limit(limit.clamp(1, 100));
    // Discord's "after" counts from a snowflake; 0 reads from the channel's start.
    request = request.after(MessageId::new(after.unwrap_or(0).max(1)));
    let mut messages = ChannelId::new(channel_id)
        .messages(http, request)
        .await
        .map_err(classify)?;
    messages.sort_by_key(|m| m.id);
    Ok(messages
        .into_iter()
        .map(|m| HistoryMessage {
            id: m.id.get(),
            author: DiscordId(m.author.id.get()),
            author_is_bot: m.author.bot,
            reply_to: m.referenced_message.as_ref().map(|r| r.id.get()).or(m
                .message_reference
                .as_ref()
                .and_then(|r| r.message_id)
                .map(|id| id.get())),
            written_at: *m.timestamp,
            edited_at: m.edited_timestamp.map(|t| *t),
            content: m.content,
        })
        .collect())
}

/// Buttons as Discord's action rows: five to a row, at most five rows (25 buttons).
pub(super) fn action_rows(buttons: &[Button]) -> Vec<CreateActionRow> {
    buttons
        .chunks(5)
        .take(5)
        .map(|row| {
            CreateActionRow::Buttons(
                row.iter()
                    .map(|b| {
                        let style = match b.style {
                            ButtonStyle::Primary => SerenityButtonStyle::Primary,
                            ButtonStyle::Secondary => SerenityButtonStyle::Secondary,
                        };
                        CreateButton::new(&b.custom_id).label(&b.label).style(style)
                    })
                    .collect(),
            )
        })
        .collect()
}

/// Whether Discord rejected the bot token.
pub fn is_unauthorized(error: &serenity::Error) -> bool {
    matches!(
        error,
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response))
            if response.status_code.as_u16() == 401
    )
}

/// Maps a serenity error to what the caller should do about it.
pub fn classify(error: serenity::Error) -> NotifyError {
    use serenity::{Error, HttpError};
    match error {
        Error::Http(HttpError::UnsuccessfulRequest(response)) => {
            let status = response.status_code.as_u16();
            match (status, response.error.code) {
                (_, CANNOT_MESSAGE_USER) => NotifyError::Unreachable,
                (401, _) => NotifyError::Permanent("the bot token was rejected (HTTP 401)".into()),
                // With serenity's limiter off the retry-after header is not surfaced; a second
                // is Discord's usual per-route reset and the sender's own pacing does the rest.
                (429, _) => NotifyError::RateLimited {
                    retry_after_secs: 1.0,
                },
                (500..=599, _) => NotifyError::Transient(format!("HTTP {status}")),
                _ => {
                    NotifyError::Permanent(format!("HTTP {status} (code {})", response.error.code))
                }
            }
        }
        Error::Http(HttpError::Request(e)) => {
            NotifyError::Transient(format!("request failed: {e}"))
        }
        Error::Http(HttpError::RateLimitI64F64 | HttpError::RateLimitUtf8) => {
            NotifyError::RateLimited {
                retry_after_secs: 1.0,
            }
        }
        other => NotifyError::Transient(other.to_string()),
    }
}
