//! The outbound queue: deliveries of every kind (prompts, reminders, check-ins, notices)
//! recorded before sending, claimed by the sender, and moved on by the member's answer; plus
//! the cached DM channel of each member.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;
use crate::domain::delivery::{Delivery, DeliveryKind, DeliveryStatus, NewDelivery};
use crate::domain::member::DiscordId;
use crate::domain::prompt::PromptId;

/// Storage for deliveries and DM channels.
#[async_trait]
pub trait DeliveryStore: Send + Sync {
    /// Records a delivery outside the scheduler (answer early, snooze, reminder). Returns its id,
    /// or `None` if (member, occurrence_key) already exists.
    async fn record_delivery(&self, delivery: &NewDelivery) -> StoreResult<Option<i64>>;

    /// Claims up to `limit` pending deliveries with `due_at <= now` and
    /// `next_attempt_at <= now`, oldest due first, by setting their `next_attempt_at` to
    /// `lease_until` and counting an attempt, so no other sender (thread or process) takes them
    /// meanwhile. A sender that crashes leaves the lease to expire and the delivery is claimed
    /// again (and re-sent with the same nonce).
    async fn claim_pending_deliveries(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<Delivery>>;

    /// Marks a claimed delivery sent, with where it landed.
    async fn mark_delivery_sent(
        &self,
        id: i64,
        channel_id: u64,
        message_id: u64,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// Leaves a delivery pending, to be retried at `retry_at`; records a short error code.
    async fn reschedule_delivery(
        &self,
        id: i64,
        retry_at: DateTime<Utc>,
        error: &str,
    ) -> StoreResult<()>;

    /// Moves a delivery to `status` (answered, skipped, failed, unreachable…) and records when.
    /// Returns false if there is no such delivery.
    async fn set_delivery_status(
        &self,
        id: i64,
        status: DeliveryStatus,
        error: Option<&str>,
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// Cancels every pending delivery of a member (status `expired`); returns how many.
    async fn cancel_pending_deliveries(
        &self,
        member: DiscordId,
        at: DateTime<Utc>,
    ) -> StoreResult<u64>;

    /// Cancels a member's pending deliveries of one kind (status `expired`), e.g. queued
    /// check-ins when consent is withdrawn; a delivery being sent right now stays cancelled
    /// (`mark_delivery_sent` never reopens it). Returns how many.
    async fn cancel_pending_of_kind(
        &self,
        member: DiscordId,
        kind: DeliveryKind,
        at: DateTime<Utc>,
    ) -> StoreResult<u64>;

    async fn delivery(&self, id: i64) -> StoreResult<Option<Delivery>>;

    /// The delivery whose prompt message is `message_id`, if any.
    async fn delivery_by_message(&self, message_id: u64) -> StoreResult<Option<Delivery>>;

    /// The member's most recently sent prompt that is still open (`sent`), sent at or after
    /// `since`: what a free-text DM reply most likely answers. Other kinds never match.
    async fn latest_open_delivery(
        &self,
        member: DiscordId,
        since: DateTime<Utc>,
    ) -> StoreResult<Option<Delivery>>;

    /// Sent, still-open deliveries of kind scheduled/on-request/snoozed sent at or before
    /// `sent_before` that have no reminder yet: candidates for the one reminder.
    async fn deliveries_awaiting_reminder(
        &self,
        sent_before: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<Delivery>>;

    /// Every delivery of a member, newest first (for history and tests).
    async fn deliveries_of(&self, member: DiscordId) -> StoreResult<Vec<Delivery>>;

    /// When each prompt was last sent to the member (for "no repeat within 12 weeks").
    async fn prompt_history(
        &self,
        member: DiscordId,
    ) -> StoreResult<BTreeMap<PromptId, DateTime<Utc>>>;

    /// The member's cached DM channel id.
    async fn dm_channel(&self, member: DiscordId) -> StoreResult<Option<u64>>;

    /// Caches the member's DM channel id (idempotent).
    async fn save_dm_channel(&self, member: DiscordId, channel_id: u64) -> StoreResult<()>;

    /// Every cached DM channel with the last message id the bot has seen in it (for backfill).
    async fn dm_channels(&self) -> StoreResult<Vec<DmChannel>>;

    /// Moves a DM channel's backfill cursor forward (never backward).
    async fn advance_dm_cursor(&self, channel_id: u64, message_id: u64) -> StoreResult<()>;
}

/// A member's DM channel and how far the bot has read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DmChannel {
    pub member: DiscordId,
    pub channel_id: u64,
    pub last_seen_message_id: Option<u64>,
}
