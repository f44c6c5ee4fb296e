//! What a supervisor may read and write, and the weekly digest's subscriptions and facts.
//!
//! Every read names the supervisor and joins `supervision` as it stands at that moment, with
//! `shared` on the entry, so a link removed by a roster import or an entry unshared ends access
//! at once: someone else's entry answers exactly as a missing one does.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{DateTime, NaiveTime, Utc, Weekday};

use super::StoreResult;
use crate::domain::delivery::NewDelivery;
use crate::domain::digest::{DigestSubscription, SuperviseeFacts, TeamActivity};
use crate::domain::evidence::EvidenceEntry;
use crate::domain::member::DiscordId;
use crate::domain::supervision::{Comment, CommentKind};

/// The period a digest's facts cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DigestPeriod {
    /// The window's start (inclusive) and end (exclusive).
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The start of the eight weeks behind gaps and the picture.
    pub recent_since: DateTime<Utc>,
}

/// A comment the store kept: its id and the trainee whose entry it is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeptComment {
    pub id: i64,
    pub trainee: DiscordId,
}

/// Sharing, discussing and commenting on entries.
#[async_trait]
pub trait SupervisionStore: Send + Sync {
    /// Flags the member's entry "want to discuss" (which also shares it) or clears the flag.
    /// Returns false if the member has no such entry.
    async fn set_evidence_discuss(
        &self,
        member: DiscordId,
        id: i64,
        discuss: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// Entry `id` if it is shared and its owner is supervised by `supervisor` now.
    async fn shared_entry(
        &self,
        supervisor: DiscordId,
        id: i64,
    ) -> StoreResult<Option<EvidenceEntry>>;

    /// Keeps `supervisor`'s acknowledgement or comment on entry `id`, only if the entry is
    /// shared and its owner is supervised by them now (`None` otherwise, nothing kept).
    async fn add_comment(
        &self,
        supervisor: DiscordId,
        id: i64,
        kind: CommentKind,
        body: Option<&str>,
        at: DateTime<Utc>,
    ) -> StoreResult<Option<KeptComment>>;

    /// The comments on the member's own entry `id`, oldest first.
    async fn comments_on(&self, member: DiscordId, id: i64) -> StoreResult<Vec<Comment>>;

    /// Every comment on the member's entries, by entry (for the export).
    async fn comments_of(&self, member: DiscordId) -> StoreResult<BTreeMap<i64, Vec<Comment>>>;
}

/// Weekly digests and the lead's team figures.
#[async_trait]
pub trait DigestStore: Send + Sync {
    /// Subscribes (or moves the subscription of) `supervisor` to a weekly digest.
    async fn subscribe_digest(
        &self,
        supervisor: DiscordId,
        weekday: Weekday,
        local_time: NaiveTime,
        next_due: DateTime<Utc>,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// Ends the subscription and cancels digest messages not yet sent. Returns false if there
    /// was none.
    async fn unsubscribe_digest(
        &self,
        supervisor: DiscordId,
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;

    async fn digest_subscription(
        &self,
        supervisor: DiscordId,
    ) -> StoreResult<Option<DigestSubscription>>;

    /// Subscriptions due by `now` of supervisors who are active on the roster, soonest first.
    async fn due_digests(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<DigestSubscription>>;

    /// Moves the subscription's cursor on from `expected` (compare-and-set) and, in the same
    /// transaction, queues `deliveries` (the digest's messages). Returns the ids queued: none
    /// when another scheduler moved it first, or when the week's digest was already queued.
    async fn advance_digest(
        &self,
        supervisor: DiscordId,
        expected: DateTime<Utc>,
        next_due: DateTime<Utc>,
        deliveries: &[NewDelivery],
    ) -> StoreResult<Vec<i64>>;

    /// The digest's facts for the supervisees linked to `supervisor` now (only `trainee`, when
    /// given), by name.
    async fn digest_facts(
        &self,
        supervisor: DiscordId,
        trainee: Option<DiscordId>,
        period: DigestPeriod,
    ) -> StoreResult<Vec<SuperviseeFacts>>;

    /// The query plans of [`digest_facts`](Self::digest_facts)'s statements, one line per
    /// plan step, so a benchmark or a test can show no statement scans all evidence.
    async fn explain_digest_facts(
        &self,
        supervisor: DiscordId,
        period: DigestPeriod,
    ) -> StoreResult<Vec<String>>;

    /// What team `team` (by name) wrote and answered in `[since, until)`, for aggregates.
    async fn team_activity(
        &self,
        team: &str,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> StoreResult<TeamActivity>;
}
