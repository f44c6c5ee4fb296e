//! What `/mydata export` reads that no other part of the store already answers: one read per
//! kind of record, each scoped to the member in its statement. The rest of the export comes
//! from the reads the features already have (`evidence_of`, `comments_of`, `schedule_of`,
//! `wellbeing_of`, `audit_entries_about`…), so there is one statement per question.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;
use crate::domain::evidence::Answer;
use crate::domain::export::member_data::{CaseTaken, CheckinRecord, ConsentRecord, RosterDates};
use crate::domain::inbox::InboundMessage;
use crate::domain::member::DiscordId;
use crate::domain::supervision::Comment;

/// The member's own records for their data export.
#[async_trait]
pub trait MemberDataStore: Send + Sync {
    /// When the member was added to the roster and, if they left it, when.
    async fn roster_dates(&self, member: DiscordId) -> StoreResult<Option<RosterDates>>;

    /// Every earlier version of the answers of every one of the member's entries, by entry,
    /// oldest first.
    async fn revisions_of(
        &self,
        member: DiscordId,
    ) -> StoreResult<BTreeMap<i64, Vec<(DateTime<Utc>, Vec<Answer>)>>>;

    /// Every check-in answer the member gave that is still kept, with its note, oldest first.
    async fn checkin_records(&self, member: DiscordId) -> StoreResult<Vec<CheckinRecord>>;

    /// Every consent to check-ins the member gave, with its version, oldest first.
    async fn consent_records(&self, member: DiscordId) -> StoreResult<Vec<ConsentRecord>>;

    /// The case discussions the member led or wrote in, oldest first; the summary only of
    /// those they led.
    async fn cases_of(&self, member: DiscordId) -> StoreResult<Vec<CaseTaken>>;

    /// The acknowledgements and comments the member wrote, as a supervisor, on others'
    /// shared entries, oldest first (their own words, whoever's entry it was).
    async fn comments_written_by(&self, author: DiscordId) -> StoreResult<Vec<Comment>>;

    /// The member's direct messages still waiting in the inbox with their text, oldest first.
    async fn held_messages(&self, member: DiscordId) -> StoreResult<Vec<InboundMessage>>;
}
