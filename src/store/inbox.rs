//! The inbox: every incoming DM is written here, keyed by its event, before it is processed.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;
use crate::domain::inbox::InboundMessage;

/// A message waiting in the inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxItem {
    pub event_key: String,
    pub message: InboundMessage,
    pub attempts: u32,
}

/// Storage for the inbox.
#[async_trait]
pub trait InboxStore: Send + Sync {
    /// Writes a message to the inbox. Returns false (and changes nothing) if its event key is
    /// already there, processed or not.
    async fn record_inbound(
        &self,
        message: &InboundMessage,
        received_at: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// Unprocessed items, oldest first, that have been tried fewer than `max_attempts` times.
    /// A `limit` of 0 means no limit, as in [`EvidenceFilter`](super::EvidenceFilter).
    async fn unprocessed_inbound(
        &self,
        max_attempts: u32,
        limit: u32,
    ) -> StoreResult<Vec<InboxItem>>;

    /// Marks an item processed and clears its text (the evidence keeps what is needed; the
    /// inbox keeps only the key, so erasure and privacy have one place to look).
    async fn mark_inbound_processed(&self, event_key: &str, at: DateTime<Utc>) -> StoreResult<()>;

    /// Counts a failed processing attempt, with a short error code (never the content). The
    /// attempt that reaches `give_up_after` also drops the text: an item that will never be
    /// retried must not keep what the member wrote.
    async fn mark_inbound_failed(
        &self,
        event_key: &str,
        error: &str,
        give_up_after: u32,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
}
