//! Case discussions: where a team's threads open, each case's metadata and summary, and who
//! took part (ids only). Never the contributions.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;
use crate::domain::case::{Case, CaseSummary, NewCase};
use crate::domain::delivery::NewDelivery;
use crate::domain::member::DiscordId;

#[async_trait]
pub trait CaseStore: Send + Sync {
    /// Sets the channel team `team` (by name) opens case threads in. False if no such team.
    async fn set_case_channel(
        &self,
        team: &str,
        guild_id: u64,
        channel_id: u64,
    ) -> StoreResult<bool>;

    /// The team's case channel: `(guild, channel)`.
    async fn case_channel(&self, team: &str) -> StoreResult<Option<(u64, u64)>>;

    /// Records a case for team `new.team`; its id, or `None` if there is no such team.
    async fn open_case(&self, new: &NewCase) -> StoreResult<Option<i64>>;

    /// The case whose thread this is.
    async fn case_by_thread(&self, thread_id: u64) -> StoreResult<Option<Case>>;

    async fn case(&self, id: i64) -> StoreResult<Option<Case>>;

    /// Moves an open case from stage `from` to `to` (compare-and-set). False if it moved
    /// meanwhile or is closed.
    async fn advance_case_stage(&self, id: i64, from: usize, to: usize) -> StoreResult<bool>;

    /// Records that `member` wrote in the case's thread at `at` (the first time counts).
    async fn add_case_contributor(
        &self,
        id: i64,
        member: DiscordId,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// Who wrote in the case's thread, by id.
    async fn case_contributors(&self, id: i64) -> StoreResult<Vec<DiscordId>>;

    /// Closes an open case with its summary and, in the same transaction, queues `deliveries`
    /// (each contributor's reflection prompt). False if it was not open.
    async fn close_case(
        &self,
        id: i64,
        summary: &CaseSummary,
        at: DateTime<Utc>,
        deliveries: &[NewDelivery],
    ) -> StoreResult<bool>;

    /// Opens a closed case again (its review), keeping the summary. False if it was open.
    async fn reopen_case(&self, id: i64) -> StoreResult<bool>;
}
