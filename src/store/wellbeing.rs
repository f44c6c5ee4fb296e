//! Wellbeing check-ins: consent as a history, each member's check-in plan with the check-in
//! scheduler's cursor, and answers (a score, an optional note). Check-ins themselves are
//! deliveries of kind `checkin` on the outbound queue.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;
use crate::domain::delivery::NewDelivery;
use crate::domain::member::DiscordId;
use crate::domain::wellbeing::checkins::{CheckinAnswer, CheckinPlan, WellbeingState};

/// Storage for check-ins.
#[async_trait]
pub trait WellbeingStore: Send + Sync {
    /// Records consent to `version` at `at` and turns check-ins on with `plan`, the first due
    /// at `next_due`. Sharing stays as it was (off for a new member).
    async fn consent_to_checkins(
        &self,
        member: DiscordId,
        version: &str,
        plan: &CheckinPlan,
        next_due: Option<DateTime<Utc>>,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// Withdraws consent at once: the consent record is closed, check-ins are turned off and
    /// every queued check-in is cancelled, in one transaction. Returns how many were cancelled.
    async fn withdraw_checkins(&self, member: DiscordId, at: DateTime<Utc>) -> StoreResult<u64>;

    async fn wellbeing_of(&self, member: DiscordId) -> StoreResult<Option<WellbeingState>>;

    /// Members with check-ins on whose next check-in is due by `now`.
    async fn due_checkins(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<WellbeingState>>;

    /// Moves a member's check-in cursor on from `expected_next_due` (compare-and-set) and, in
    /// the same transaction, queues `delivery` if given. Returns the new delivery's id, or
    /// `None` when nothing was queued (another scheduler moved it first, consent was withdrawn
    /// meanwhile, or the occurrence was already queued).
    async fn advance_checkins(
        &self,
        member: DiscordId,
        expected_next_due: DateTime<Utc>,
        next_due: Option<DateTime<Utc>>,
        checked_until: DateTime<Utc>,
        delivery: Option<&NewDelivery>,
    ) -> StoreResult<Option<i64>>;

    /// Saves a new plan with a fresh cursor. Returns false if check-ins are not on.
    async fn save_checkin_plan(
        &self,
        member: DiscordId,
        plan: &CheckinPlan,
        next_due: Option<DateTime<Utc>>,
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// Turns sharing with the supervisor on or off. Returns false if the member never opted in.
    async fn set_checkin_sharing(&self, member: DiscordId, sharing: bool) -> StoreResult<bool>;

    /// Keeps the answer to check-in `delivery`. Returns false if it was already answered.
    async fn record_checkin_score(
        &self,
        member: DiscordId,
        delivery: i64,
        score: u8,
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// Adds (or replaces) the note of an answered check-in. Returns false if the member has no
    /// answer to that check-in.
    async fn add_checkin_note(
        &self,
        member: DiscordId,
        delivery: i64,
        note: &str,
    ) -> StoreResult<bool>;

    /// The member's answers since `since`, newest first.
    async fn checkin_answers(
        &self,
        member: DiscordId,
        since: DateTime<Utc>,
    ) -> StoreResult<Vec<CheckinAnswer>>;

    /// Every score given in `[since, until)` by members of team `team` (by name): the input
    /// of the team's aggregate figures, never shown as it is.
    async fn team_checkin_scores(
        &self,
        team: &str,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> StoreResult<Vec<(DiscordId, u8)>>;

    /// Retention: removes notes of answers older than `notes_before` and whole answers older
    /// than `scores_before`. Returns (notes removed, answers removed).
    async fn purge_checkins(
        &self,
        notes_before: DateTime<Utc>,
        scores_before: DateTime<Utc>,
    ) -> StoreResult<(u64, u64)>;
}
