//! Evidence entries, their revisions, and per-member prompt feedback.

use std::collections::{BTreeMap, BTreeSet};

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;
use crate::domain::curriculum::Area;
use crate::domain::evidence::{Answer, EvidenceEntry, EvidenceSource, Tag};
use crate::domain::member::DiscordId;
use crate::domain::prompt::PromptId;

/// An entry to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvidence {
    pub member: DiscordId,
    pub source: EvidenceSource,
    /// Unique across all evidence: `form:<interaction id>` or `dm:<message id>`, so a
    /// duplicated event records the entry once.
    pub source_key: String,
    pub delivery_id: Option<i64>,
    pub prompt_id: Option<PromptId>,
    pub prompt_text: Option<String>,
    pub answers: Vec<Answer>,
    pub tags: BTreeSet<Tag>,
    pub at: DateTime<Utc>,
    /// The entry whose plan this one comes back to.
    pub follows_up: Option<i64>,
}

/// Which of a member's entries to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvidenceFilter {
    pub tag: Option<Tag>,
    /// Entries created at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Entries created before this instant (so `since..until` is half-open and consecutive
    /// ranges never count an entry twice).
    pub until: Option<DateTime<Utc>>,
    pub offset: u32,
    /// 0 = no limit.
    pub limit: u32,
}

/// Storage for evidence. Every method that reads or changes an entry takes the owner, and an
/// entry of someone else behaves exactly like one that does not exist.
#[async_trait]
pub trait EvidenceStore: Send + Sync {
    /// Records an entry. Returns `(id, true)` when new, `(existing id, false)` when an entry with
    /// the same `source_key` exists (nothing is changed then).
    async fn add_evidence(&self, entry: &NewEvidence) -> StoreResult<(i64, bool)>;

    /// The member's entries matching `filter`, newest first, and the total count ignoring paging.
    async fn evidence_of(
        &self,
        member: DiscordId,
        filter: &EvidenceFilter,
    ) -> StoreResult<(Vec<EvidenceEntry>, u32)>;

    /// One of the member's entries.
    async fn evidence_entry(
        &self,
        member: DiscordId,
        id: i64,
    ) -> StoreResult<Option<EvidenceEntry>>;

    /// The member's entry recorded from `source_key` (e.g. `dm:<message id>`, for edits).
    async fn evidence_by_source(
        &self,
        member: DiscordId,
        source_key: &str,
    ) -> StoreResult<Option<EvidenceEntry>>;

    /// Replaces an entry's answers, keeping the previous answers as a revision. Returns false
    /// if the member has no such entry.
    async fn update_evidence_answers(
        &self,
        member: DiscordId,
        id: i64,
        answers: &[Answer],
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// Earlier versions of an entry's answers, oldest first, with when each was replaced.
    async fn evidence_revisions(
        &self,
        member: DiscordId,
        id: i64,
    ) -> StoreResult<Vec<(DateTime<Utc>, Vec<Answer>)>>;

    /// Deletes an entry and its revisions. Returns false if the member has no such entry.
    async fn delete_evidence(&self, member: DiscordId, id: i64) -> StoreResult<bool>;

    /// Shares an entry with the member's supervisors, or stops sharing it.
    async fn set_evidence_shared(
        &self,
        member: DiscordId,
        id: i64,
        shared: bool,
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// Replaces an entry's tags.
    async fn set_evidence_tags(
        &self,
        member: DiscordId,
        id: i64,
        tags: &BTreeSet<Tag>,
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// Records many entries in one transaction; an entry whose `source_key` is already
    /// present is skipped. Returns how many were new. For imports and the digest benchmark's
    /// year of evidence.
    async fn import_evidence(&self, entries: &[NewEvidence]) -> StoreResult<u64>;

    /// Entries per area for the member (an entry counts once for each area it is tagged with).
    async fn evidence_counts(&self, member: DiscordId) -> StoreResult<BTreeMap<Area, u32>>;

    /// Records that a prompt is not relevant to the member (idempotent).
    async fn mark_not_relevant(
        &self,
        member: DiscordId,
        prompt: &PromptId,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// The prompts the member marked not relevant.
    async fn not_relevant_prompts(&self, member: DiscordId) -> StoreResult<BTreeSet<PromptId>>;
}
