//! Retention: deletions by age that belong to no other store part. Check-in notes and scores
//! are the wellbeing part's own ([`purge_checkins`](super::WellbeingStore::purge_checkins));
//! inbox text goes the moment an item is processed
//! ([`mark_inbound_processed`](super::InboxStore::mark_inbound_processed)). The job that
//! applies every period is `app::retention`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;

/// Deletions by age, across members.
#[async_trait]
pub trait RetentionStore: Send + Sync {
    /// The safety net for inbox text: drops the text of items still unprocessed that arrived
    /// before `received_before` (they are never retried then). Returns how many lost it.
    async fn clear_stale_inbox_text(&self, received_before: DateTime<Utc>) -> StoreResult<u64>;

    /// Deletes every evidence entry (with its tags, revisions and comments) of members who
    /// left the roster before `left_before`. Returns how many entries went.
    async fn purge_leavers_evidence(&self, left_before: DateTime<Utc>) -> StoreResult<u64>;
}
