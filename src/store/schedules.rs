//! Schedules and the scheduler's cursor: what the due-prompt job reads and advances.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;
use crate::domain::delivery::NewDelivery;
use crate::domain::member::DiscordId;
use crate::domain::schedule::Schedule;

/// A member's schedule and where the scheduler is with it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleState {
    pub member: DiscordId,
    pub schedule: Schedule,
    /// The next instant the scheduler should look at this member; `None` = nothing ahead
    /// (paused until further notice).
    pub next_due: Option<DateTime<Utc>>,
    /// The last instant the scheduler decided up to (occurrences at or before it are done).
    pub checked_until: DateTime<Utc>,
}

/// How the scheduler moves a schedule on, in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleAdvance {
    pub member: DiscordId,
    /// Compare-and-set: the advance applies only if the stored `next_due` still equals this,
    /// so two processes that both saw the schedule due record it once.
    pub expected_next_due: Option<DateTime<Utc>>,
    pub next_due: Option<DateTime<Utc>>,
    pub checked_until: DateTime<Utc>,
    /// The delivery to record, if an occurrence is to be sent. A delivery whose
    /// (member, occurrence_key) already exists is not recorded again.
    pub delivery: Option<NewDelivery>,
}

/// Storage for schedules.
#[async_trait]
pub trait ScheduleStore: Send + Sync {
    /// The member's schedule, if one was saved.
    async fn schedule_of(&self, member: DiscordId) -> StoreResult<Option<ScheduleState>>;

    /// Saves (inserts or replaces) a member's schedule with a fresh cursor, e.g. after
    /// `/schedule set`, `/schedule pause` or when a trainee is first scheduled.
    async fn save_schedule(&self, state: &ScheduleState) -> StoreResult<()>;

    /// Active trainees (status `active`, role `trainee`) who have no saved schedule yet.
    async fn trainees_without_schedule(&self) -> StoreResult<Vec<DiscordId>>;

    /// Schedules of active members whose `next_due` is at or before `now`, oldest first.
    async fn due_schedules(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<ScheduleState>>;

    /// Applies `advance` in one transaction: moves the cursor (compare-and-set on
    /// `expected_next_due`) and records the delivery if any. Returns the new delivery's id when
    /// one was recorded, `None` if the compare-and-set lost or the delivery already existed.
    async fn advance_schedule(&self, advance: &ScheduleAdvance) -> StoreResult<Option<i64>>;

    /// The weeks from a plan to its follow-up the member chose (0 = never); `None` when they
    /// never chose (the default applies).
    async fn followup_weeks(&self, member: DiscordId) -> StoreResult<Option<u32>>;

    /// Saves the member's choice of weeks from a plan to its follow-up (0 = never).
    async fn set_followup_weeks(&self, member: DiscordId, weeks: u32) -> StoreResult<()>;
}
