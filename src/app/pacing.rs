//! One budget for every call to Discord. Prompts, confirmations, notices, DM opens, backfill
//! reads, exports and chart uploads all go through [`PacedNotifier`], a token bucket in front
//! of the real notifier, so a burst of any kind stays under Discord's global limit (50
//! requests per second per bot). Interaction responses are not paced here: Discord does not
//! count them against the global limit, and they must answer within three seconds.

use std::num::NonZeroU32;
use std::sync::Arc;

use async_trait::async_trait;
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

use super::notify::{
    Attachment, HistoryMessage, KeywordRuleRequest, Notifier, NotifyError, OutgoingMessage,
    SentMessage, ThreadChange,
};
use crate::domain::member::DiscordId;

/// A [`Notifier`] that takes one token from a shared bucket before each call.
pub struct PacedNotifier {
    inner: Arc<dyn Notifier>,
    bucket: DefaultDirectRateLimiter,
}

impl PacedNotifier {
    /// Paces `inner` to `per_second` calls, with no burst: a full bucket at start would let a
    /// fan-out open with a second's worth of calls on top of the steady rate.
    pub fn new(inner: Arc<dyn Notifier>, per_second: u32) -> PacedNotifier {
        let rate = NonZeroU32::new(per_second).unwrap_or(NonZeroU32::MIN);
        PacedNotifier {
            inner,
            bucket: RateLimiter::direct(Quota::per_second(rate).allow_burst(NonZeroU32::MIN)),
        }
    }

    async fn token(&self) {
        self.bucket.until_ready().await;
    }
}

#[async_trait]
impl Notifier for PacedNotifier {
    async fn open_dm(&self, user: DiscordId) -> Result<u64, NotifyError> {
        self.token().await;
        self.inner.open_dm(user).await
    }

    async fn post(
        &self,
        channel_id: u64,
        message: &OutgoingMessage,
    ) -> Result<SentMessage, NotifyError> {
        self.token().await;
        self.inner.post(channel_id, message).await
    }

    async fn post_files(
        &self,
        channel_id: u64,
        message: &OutgoingMessage,
        files: &[Attachment],
    ) -> Result<SentMessage, NotifyError> {
        self.token().await;
        self.inner.post_files(channel_id, message, files).await
    }

    async fn edit(
        &self,
        channel_id: u64,
        message_id: u64,
        content: &str,
    ) -> Result<(), NotifyError> {
        self.token().await;
        self.inner.edit(channel_id, message_id, content).await
    }

    async fn delete(&self, channel_id: u64, message_id: u64) -> Result<(), NotifyError> {
        self.token().await;
        self.inner.delete(channel_id, message_id).await
    }

    async fn create_private_thread(&self, channel_id: u64, name: &str) -> Result<u64, NotifyError> {
        self.token().await;
        self.inner.create_private_thread(channel_id, name).await
    }

    async fn add_thread_member(&self, thread_id: u64, user: DiscordId) -> Result<(), NotifyError> {
        self.token().await;
        self.inner.add_thread_member(thread_id, user).await
    }

    async fn update_thread(
        &self,
        thread_id: u64,
        change: &ThreadChange,
    ) -> Result<(), NotifyError> {
        self.token().await;
        self.inner.update_thread(thread_id, change).await
    }

    async fn create_keyword_rule(
        &self,
        guild_id: u64,
        rule: &KeywordRuleRequest,
    ) -> Result<u64, NotifyError> {
        self.token().await;
        self.inner.create_keyword_rule(guild_id, rule).await
    }

    async fn messages_after(
        &self,
        channel_id: u64,
        after: Option<u64>,
        limit: u8,
    ) -> Result<Vec<HistoryMessage>, NotifyError> {
        self.token().await;
        self.inner.messages_after(channel_id, after, limit).await
    }
}
