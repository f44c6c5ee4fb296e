//! # Erasure that lasts
//!
//! [`ErasureStore::erase_member`] deletes everything the store holds about a member in one
//! transaction, destroys their data key, writes the erasure ledger and pseudonymises their
//! audit entries. What it covers, and what it decides:
//!
//! - **Their own rows**: evidence with its tags, revisions and the comments on it, prompt
//!   feedback, check-in answers, consent records and check-in settings, the prompt schedule and
//!   its pauses, follow-up preferences, every delivery queued to them (sent or not), their DM
//!   channel cursor, inbox rows they wrote (or that came from their DM channel), the member row,
//!   roles, team membership and supervision links in both directions, and a supervisor's digest
//!   subscription.
//! - **What they wrote on others' records goes too.** Comments they wrote as a supervisor are
//!   deleted (with the notice that told the trainee), though they sit on a trainee's entry: the
//!   words are the supervisor's, and "everything about me" has to include what I wrote. Cases
//!   they led are deleted with their contributor list, because the title and summary are the
//!   lead's words (the thread itself stays on Discord, which the bot does not own). Their rows
//!   in others' case contributor lists, and digest sections about them queued to a supervisor,
//!   are deleted.
//! - **The data key** (`member_keys`) is deleted and evicted from this process's cache
//!   ([`Keyring::forget`](super::sealing::Keyring)), so a copy of their text left in a WAL, a
//!   freed page or a backup (which holds no keys, see `app::backup`) cannot be opened. (Another bot process sharing a PostgreSQL
//!   database keeps its cached copy until it restarts; the rows it could open are gone.)
//! - **The ledger** (`erasures`) keeps the member's id and the time, nothing else, so that
//!   [`ErasureStore::apply_erasures`] can erase them again from a restored backup. A roster
//!   import that names an erased member is refused.
//! - **The audit log keeps its entries**, with the member's id replaced by the ledger row's id
//!   (see [`audit`](super::audit) for why the chain still verifies), plus one `member.erased`
//!   entry.
//!
//! [`ERASED_COLUMNS`] and [`TABLES_WITHOUT_MEMBER`] classify every table; a contract test reads
//! the schema and fails when a table or a member-like column appears that neither names.

use std::collections::BTreeSet;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;
use crate::domain::member::DiscordId;

/// One line of the erasure ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Erasure {
    pub member: DiscordId,
    pub erased_at: DateTime<Utc>,
}

/// Erasing members and keeping the ledger.
#[async_trait]
pub trait ErasureStore: Send + Sync {
    /// Erases everything about `member` in one transaction (see the module notes), records
    /// the ledger line and audits it; `actor` is who asked (`None` for the command line).
    /// Erasing a member erased before erases what is left and keeps the first ledger line.
    async fn erase_member(
        &self,
        member: DiscordId,
        actor: Option<DiscordId>,
        at: DateTime<Utc>,
    ) -> StoreResult<Erasure>;

    /// The ledger, oldest first.
    async fn erasures(&self) -> StoreResult<Vec<Erasure>>;

    /// Re-applies ledger lines, as after a restore: each missing line is added with its own
    /// time, and whatever the database holds about its member is erased again (audited at
    /// `at`). Returns how many members had anything left to erase.
    async fn apply_erasures(&self, ledger: &[Erasure], at: DateTime<Utc>) -> StoreResult<u64>;

    /// Which of `ids` are in the ledger.
    async fn erased_among(&self, ids: &[DiscordId]) -> StoreResult<BTreeSet<DiscordId>>;
}

/// Every `(table, column)` holding a member's id whose rows the erasure deletes.
pub const ERASED_COLUMNS: &[(&str, &str)] = &[
    ("members", "discord_id"),
    ("member_roles", "discord_id"),
    ("team_members", "discord_id"),
    ("supervision", "supervisor_id"),
    ("supervision", "trainee_id"),
    ("schedules", "discord_id"),
    ("schedule_pauses", "discord_id"),
    ("deliveries", "discord_id"),
    ("dm_channels", "discord_id"),
    ("evidence", "member"),
    ("prompt_feedback", "member"),
    ("inbox", "author"),
    ("wellbeing_consents", "discord_id"),
    ("wellbeing_members", "discord_id"),
    ("checkin_answers", "discord_id"),
    ("evidence_comments", "author"),
    ("digest_subscriptions", "supervisor"),
    ("member_preferences", "discord_id"),
    ("cases", "lead"),
    ("case_contributors", "discord_id"),
    ("member_keys", "discord_id"),
];

/// Tables with no member column of their own: rows found through another table (tags and
/// revisions through their entry), shared settings, the store's bookkeeping, and the two
/// tables an erasure keeps — the audit log (pseudonymised) and the ledger itself.
pub const TABLES_WITHOUT_MEMBER: &[&str] = &[
    "teams",
    "team_case_channels",
    "evidence_tags",
    "evidence_revisions",
    "store_tasks",
    "audit_log",
    "erasures",
    "_sqlx_migrations",
];
