//! Incoming messages, as written to the inbox before any processing. Serenity runs each event
//! in its own task with no redelivery, so the inbox (keyed by the event) is what makes a
//! duplicate a no-op and a failure retryable.

use chrono::{DateTime, Utc};

use super::member::DiscordId;

/// What happened to the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InboundKind {
    Created,
    Edited,
}

/// A direct message to the bot, as received (live or by backfill).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundMessage {
    pub message_id: u64,
    pub channel_id: u64,
    pub author: DiscordId,
    pub kind: InboundKind,
    pub content: String,
    /// The bot message this one replies to, if the author used Discord's reply.
    pub reply_to: Option<u64>,
    /// When Discord says it was written (or edited).
    pub written_at: DateTime<Utc>,
}

impl InboundMessage {
    /// The inbox key: one per message creation, one per distinct edit.
    pub fn event_key(&self) -> String {
        match self.kind {
            InboundKind::Created => format!("create:{}", self.message_id),
            InboundKind::Edited => format!(
                "edit:{}:{}",
                self.message_id,
                self.written_at.timestamp_millis()
            ),
        }
    }
}
