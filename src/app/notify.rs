//! Outbound effects on the chat platform, behind a small trait so use-cases are tested with a
//! recording fake and wired for real through `discord::DiscordNotifier` against the sandbox.

use async_trait::async_trait;

use crate::domain::member::DiscordId;

/// A button on an outgoing message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub custom_id: String,
    pub label: String,
    pub style: ButtonStyle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonStyle {
    Primary,
    Secondary,
}

/// A message to send: text, optional buttons, and an optional nonce (≤ 25 characters) that
/// makes a resend of the same message idempotent on the platform's side.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutgoingMessage {
    pub content: String,
    pub buttons: Vec<Button>,
    pub nonce: Option<String>,
}

/// A file to attach to a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A change to a thread: each field given is set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThreadChange {
    pub name: Option<String>,
    pub archived: Option<bool>,
    pub locked: Option<bool>,
}

/// An AutoMod keyword rule that blocks a message before it is posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeywordRuleRequest {
    pub name: String,
    pub keyword_filter: Vec<String>,
    pub regex_patterns: Vec<String>,
    /// Shown to the writer whose message was blocked (at most 150 characters).
    pub custom_message: String,
}

/// Where a sent message landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentMessage {
    pub channel_id: u64,
    pub message_id: u64,
}

/// Why a send failed, sorted by what the caller should do about it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NotifyError {
    /// The member has DMs closed or blocked the bot (Discord 50007): never retry.
    #[error("the member cannot receive direct messages")]
    Unreachable,
    /// Rate limited: retry after this many seconds.
    #[error("rate limited for {retry_after_secs} s")]
    RateLimited { retry_after_secs: f64 },
    /// A 5xx, a timeout or a dropped connection: retry with backoff.
    #[error("temporary failure: {0}")]
    Transient(String),
    /// Anything else (a 4xx other than 429): retrying will not help.
    #[error("permanent failure: {0}")]
    Permanent(String),
}

/// A message read back from a channel's history (for backfill after downtime).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryMessage {
    pub id: u64,
    pub author: DiscordId,
    pub author_is_bot: bool,
    pub content: String,
    pub reply_to: Option<u64>,
    pub written_at: chrono::DateTime<chrono::Utc>,
    pub edited_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Sends and manages messages on the chat platform.
#[async_trait]
pub trait Notifier: Send + Sync {
    /// Opens (or reuses) the DM channel with `user`; returns its channel id.
    async fn open_dm(&self, user: DiscordId) -> Result<u64, NotifyError>;
    /// Posts `message` in a channel, DM or thread.
    async fn post(
        &self,
        channel_id: u64,
        message: &OutgoingMessage,
    ) -> Result<SentMessage, NotifyError>;
    /// Posts `message` with files attached.
    async fn post_files(
        &self,
        channel_id: u64,
        message: &OutgoingMessage,
        files: &[Attachment],
    ) -> Result<SentMessage, NotifyError>;
    /// Replaces the text (and removes the buttons) of a message the bot sent.
    async fn edit(
        &self,
        channel_id: u64,
        message_id: u64,
        content: &str,
    ) -> Result<(), NotifyError>;
    /// Deletes a message (the bot's own, or one it moderates).
    async fn delete(&self, channel_id: u64, message_id: u64) -> Result<(), NotifyError>;
    /// Creates a private thread under `channel_id` that only the bot can invite to; returns
    /// the thread's channel id.
    async fn create_private_thread(&self, channel_id: u64, name: &str) -> Result<u64, NotifyError>;
    /// Adds a member to a thread.
    async fn add_thread_member(
        &self,
        _thread_id: u64,
        _user: DiscordId,
    ) -> Result<(), NotifyError> {
        Err(NotifyError::Permanent(
            "threads are not supported here".into(),
        ))
    }
    /// Renames, archives or locks a thread (each only when given).
    async fn update_thread(
        &self,
        _thread_id: u64,
        _change: &ThreadChange,
    ) -> Result<(), NotifyError> {
        Err(NotifyError::Permanent(
            "threads are not supported here".into(),
        ))
    }
    /// Creates an AutoMod keyword rule that blocks matching messages; returns its id.
    async fn create_keyword_rule(
        &self,
        _guild_id: u64,
        _rule: &KeywordRuleRequest,
    ) -> Result<u64, NotifyError> {
        Err(NotifyError::Permanent(
            "AutoMod is not supported here".into(),
        ))
    }
    /// Up to `limit` (≤ 100) messages in a channel written after message `after`, oldest first.
    async fn messages_after(
        &self,
        channel_id: u64,
        after: Option<u64>,
        limit: u8,
    ) -> Result<Vec<HistoryMessage>, NotifyError>;
}
