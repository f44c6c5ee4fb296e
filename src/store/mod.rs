//! # The persistence boundary
//!
//! Everything mindlines keeps goes through [`trait Store`](Store): one method per business
//! question or change (`import_roster`, `supervisees_of`, `set_member_status`…), never a generic
//! "run this SQL". Two backends implement it:
//!
//! - [`SqliteStore`] — the embedded default: one file (`mindlines.db`, created if missing) in WAL
//!   mode with foreign keys on and a busy timeout. Every write transaction starts with
//!   `BEGIN IMMEDIATE`, because a deferred transaction that reads and then writes fails at once
//!   with `SQLITE_BUSY` when another writer got there first, ignoring the busy timeout.
//! - [`PgStore`] — PostgreSQL, for deployments that run several bot processes.
//!
//! [`open`] picks one from `database.url` and hands it out as an `Arc<dyn Store>`.
//!
//! ## Why it is built this way
//!
//! - **Runtime queries** (`sqlx::query_as` + `FromRow`), not the compile-time macros: those bind
//!   to one database, and sqlx's `Any` driver has no chrono support, so neither serves two
//!   backends. The price is that a typo in SQL shows up in a test, not at compile time: the
//!   contract suite (`tests/store_contract.rs`) runs every test against both backends.
//! - **Separate migration folders**, `migrations/sqlite` and `migrations/postgres`, with the same
//!   version numbers and one intent per file, embedded with `sqlx::migrate!` and applied on open.
//!   A landed migration is never edited; a change is a new file in both folders.
//! - **Snowflakes are `i64` here and nowhere else.** The domain's [`DiscordId`] is a `u64`;
//!   `store/rows/` converts at the boundary, and enums are stored as their slugs.
//! - **Shared rules.** What an import changes is decided once, by the pure
//!   [`plan_import`](crate::domain::roster::plan_import); the store only writes the plan, so the
//!   two backends cannot disagree about what is "unchanged".
//! - **One text of SQL, two drivers.** The statements are written once, in `store/sql/`, as
//!   macros each backend invokes with its concrete types (a function generic over
//!   `sqlx::Database` would need a bound for every value bound and row read). What differs —
//!   dialect fragments such as `group_concat`/`string_agg`, the delivery claim, and how a
//!   transaction begins and what it locks — is passed in or called as a hook, and is defined
//!   in `sqlite.rs` / `postgres.rs` and their submodules with the reason next to it.
//! - **The owner in every statement.** Each read or change of an evidence entry names its owner
//!   (`WHERE member = $1 AND id = $2`), so someone else's entry answers exactly as a missing
//!   one does (`None`, `false`, nothing changed) and no caller can forget the check. The
//!   contract suite probes every call across members and counts unauthorised results (0).
//! - **Reflection text in one place.** It lives in `evidence.answers` and
//!   `evidence_revisions.answers` (JSON text) only. The inbox holds a message's text until it
//!   is processed and then clears it, so export, erasure and privacy reviews have one place
//!   to look.
//! - **Audit, never content.** Each change of a member is written to the audit log in the same
//!   transaction as the change itself; the entry names the fields, never their values. The log
//!   is an append-only hash chain ([`audit`]): appends hold the chain's lock, triggers refuse
//!   any other change, and `mindlines audit verify` names the first broken link.
//! - **Erasure in one transaction** ([`erasure`]): every row about the member, their data key,
//!   a ledger line (id and time only) that a restore re-applies, and their audit entries
//!   pseudonymised without breaking the chain. SQLite runs with `secure_delete`, so freed pages
//!   are zeroed rather than left holding the deleted rows.
//! - **The outbox is the queue.** A due prompt is recorded as a delivery, unique per member and
//!   occurrence key, in the transaction that moves the schedule's cursor by compare-and-set on
//!   `next_due`; senders claim deliveries under a lease (`FOR UPDATE SKIP LOCKED` on
//!   PostgreSQL), so a crash means a re-send with the same nonce and a race means one send.
//!
//! The trait uses `async_trait` so that it stays object-safe: the rest of the app holds an
//! `Arc<dyn Store>` and does not care which database is behind it.

pub(crate) mod audit;
mod cases;
mod deliveries;
mod erasure;
mod error;
mod evidence;
mod inbox;
mod member_data;
mod postgres;
mod private_file;
mod retention;
mod rows;
mod schedules;
pub mod sealing;
mod sql;
mod sqlite;
mod supervision;
mod types;
mod wellbeing;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

pub use audit::ChainReport;
pub use cases::CaseStore;
pub use deliveries::{DeliveryStore, DmChannel};
pub use erasure::{ERASED_COLUMNS, Erasure, ErasureStore, TABLES_WITHOUT_MEMBER};
pub use error::{StoreError, StoreResult};
pub use evidence::{EvidenceFilter, EvidenceStore, NewEvidence};
pub use inbox::{InboxItem, InboxStore};
pub use member_data::MemberDataStore;
pub use postgres::PgStore;
pub use private_file::create_private_file;
pub use retention::RetentionStore;
pub use schedules::{ScheduleAdvance, ScheduleState, ScheduleStore};
pub use sealing::{MasterKey, WrappedKey};
pub use sqlite::SqliteStore;
pub use supervision::{DigestPeriod, DigestStore, KeptComment, SupervisionStore};
pub use types::{AuditAction, AuditEntry, Team};
pub use wellbeing::WellbeingStore;

use crate::domain::member::{DiscordId, Member, MemberStatus};
use crate::domain::roster::{ImportSummary, RosterEntry, RosterRow};

/// Everything mindlines reads from and writes to its database.
///
/// Lists come back in a stable order: members by Discord id, teams by name.
#[async_trait]
pub trait Store:
    ScheduleStore
    + DeliveryStore
    + EvidenceStore
    + InboxStore
    + WellbeingStore
    + SupervisionStore
    + DigestStore
    + CaseStore
    + ErasureStore
    + MemberDataStore
    + RetentionStore
    + Send
    + Sync
{
    /// `"sqlite"` or `"postgres"`, for logs and health output.
    fn backend(&self) -> &'static str;

    /// Adds or updates every member in `rows` (roles, team, supervisor, timezone…) in one
    /// transaction, and audits each change. Members not in `rows` are left alone; a row that
    /// matches the store writes nothing, so importing the same rows twice changes nothing.
    /// New members start `active`; an existing member's status is kept.
    async fn import_roster(
        &self,
        rows: &[RosterRow],
        actor: Option<DiscordId>,
        at: DateTime<Utc>,
    ) -> StoreResult<ImportSummary>;

    /// The member with this id, if on the roster.
    async fn member(&self, id: DiscordId) -> StoreResult<Option<Member>>;

    /// Every member.
    async fn list_members(&self) -> StoreResult<Vec<Member>>;

    /// The ids of every member.
    async fn known_member_ids(&self) -> StoreResult<BTreeSet<DiscordId>>;

    /// Every member with their team and supervisors, as `roster list` shows them.
    async fn roster(&self) -> StoreResult<Vec<RosterEntry>>;

    /// The members this supervisor supervises.
    async fn supervisees_of(&self, supervisor: DiscordId) -> StoreResult<Vec<Member>>;

    /// The supervisors of this member.
    async fn supervisors_of(&self, trainee: DiscordId) -> StoreResult<Vec<Member>>;

    /// The member's team, with all its members.
    async fn team_of(&self, member: DiscordId) -> StoreResult<Option<Team>>;

    /// Every team, including teams that have no members left.
    async fn teams(&self) -> StoreResult<Vec<Team>>;

    /// Sets a member's status and audits the change. Returns the previous status, or `None` if
    /// there is no such member. Setting the status a member already has writes nothing.
    async fn set_member_status(
        &self,
        id: DiscordId,
        status: MemberStatus,
        actor: Option<DiscordId>,
        at: DateTime<Utc>,
    ) -> StoreResult<Option<MemberStatus>>;

    /// Appends an entry to the audit log. The detail must never hold user content.
    async fn record_audit(&self, entry: &AuditEntry) -> StoreResult<()>;

    /// Every audit entry whose subject is this member, oldest first.
    async fn audit_entries_about(&self, subject: DiscordId) -> StoreResult<Vec<AuditEntry>>;

    /// Walks the audit log's hash chain: the first entry whose link does not hold, or how
    /// many entries there are and the last hash (see [`audit`]).
    async fn verify_audit_chain(&self) -> StoreResult<ChainReport>;

    /// Refreshes the query planner's statistics (`ANALYZE`), as after a bulk import; both
    /// backends also do it on their own in time.
    async fn refresh_statistics(&self) -> StoreResult<()>;

    /// Re-wraps every member's data key under `new` in one transaction, then uses it; the
    /// sealed text itself is not touched. Returns how many keys were re-wrapped. The bot
    /// should be stopped meanwhile, so no other process wraps a key under the old one.
    async fn rotate_master_key(&self, new: MasterKey) -> StoreResult<u64>;

    /// Writes a consistent copy of the database to `file`, which must be new: SQLite's
    /// `VACUUM INTO`, the file created readable by its owner only, then the members' data
    /// keys deleted from the copy (and its free pages zeroed), so an erasure, which destroys
    /// the key, leaves the member's text in every earlier backup unreadable. The master key is
    /// a separate file and is never in the copy either. PostgreSQL answers `BackupUnsupported`:
    /// `pg_dump` does that job (see `deploy/README.md`).
    async fn backup_to(&self, file: &Path) -> StoreResult<()>;

    /// Every member's data key as stored (wrapped by the master key), for the key file that
    /// is kept apart from backups (`mindlines keys export`).
    async fn wrapped_keys(&self) -> StoreResult<Vec<WrappedKey>>;

    /// Stores the keys this database lacks (a backup holds none), skipping members in its
    /// erasure ledger; returns how many were added. Keys wrapped under another master key
    /// than the one in use are refused, naming both fingerprints, and nothing is added.
    async fn add_wrapped_keys(&self, keys: &[WrappedKey]) -> StoreResult<u64>;

    /// The fingerprint of the master key in use (never the key).
    fn master_key_id(&self) -> String;

    /// Waits for open connections to finish and closes them (SQLite checkpoints its WAL).
    async fn close(&self);
}

/// Opens the store for a command that only reads: a SQLite file that does not exist is an
/// error naming its path, and no file is created.
pub async fn open_existing(url: &str, key_file: Option<&Path>) -> StoreResult<Arc<dyn Store>> {
    if let Some(path) = sqlite_file(url).filter(|path| !path.exists()) {
        return Err(StoreError::Missing(path));
    }
    open(url, key_file).await
}

/// The file a SQLite `database.url` names (`None` for PostgreSQL and in-memory databases).
pub fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = match url.split_once("://") {
        Some(("sqlite", rest)) => rest,
        Some(_) => return None,
        None => url.strip_prefix("sqlite:").unwrap_or(url),
    };
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && !path.starts_with(":memory:")).then(|| path.into())
}

/// Opens the store named by `database.url`: `postgres://…` or `postgresql://…` selects
/// PostgreSQL; `sqlite:…` or a plain file path selects SQLite (the file is created if missing).
/// Migrations are applied before the store is returned.
///
/// `key_file` is `security.master_key_file`. PostgreSQL requires it; SQLite without it uses
/// the file beside the database, created on first start.
pub async fn open(url: &str, key_file: Option<&Path>) -> StoreResult<Arc<dyn Store>> {
    match open_with_key(url, key_file).await {
        Err(StoreError::WrongMasterKey { expected, given }) => {
            Err(unfinished_rotation(url, key_file, &expected)
                .unwrap_or(StoreError::WrongMasterKey { expected, given }))
        }
        other => other,
    }
}

/// When the key the database expects is the one staged beside the key file as `<file>.new`, a
/// rotation stopped between its commit and its rename: say so, so the admin renames the file
/// instead of hunting for a key.
fn unfinished_rotation(url: &str, key_file: Option<&Path>, expected: &str) -> Option<StoreError> {
    let current = match key_file {
        Some(path) => path.to_owned(),
        None => sealing::default_key_path(&sqlite_file(url)?),
    };
    let mut staged = current.clone().into_os_string();
    staged.push(".new");
    let staged = std::path::PathBuf::from(staged);
    let key = MasterKey::load(&staged).ok()?;
    (key.id() == expected).then(|| StoreError::RotationNotFinished {
        expected: expected.to_owned(),
        staged,
        current,
    })
}

async fn open_with_key(url: &str, key_file: Option<&Path>) -> StoreResult<Arc<dyn Store>> {
    let key = key_file.map(MasterKey::load).transpose()?;
    match url.split_once("://").map(|(scheme, _)| scheme) {
        Some("postgres" | "postgresql") => {
            let key = key.ok_or(StoreError::MasterKeyRequired)?;
            Ok(Arc::new(PgStore::connect(url, key).await?))
        }
        Some("sqlite") | None => Ok(Arc::new(match key {
            Some(key) => SqliteStore::open_keyed(url, key).await?,
            None => SqliteStore::open(url).await?,
        })),
        Some(other) => Err(StoreError::UnsupportedUrl(other.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::sqlite_file;

    #[test]
    fn a_sqlite_url_names_its_file_and_other_urls_name_none() {
        assert_eq!(
            sqlite_file("sqlite://mindlines.db"),
            Some("mindlines.db".into())
        );
        assert_eq!(
            sqlite_file("sqlite:///var/lib/m.db?mode=rwc"),
            Some("/var/lib/m.db".into())
        );
        assert_eq!(sqlite_file("data/m.db"), Some("data/m.db".into()));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://u@db/x"), None);
    }
}
