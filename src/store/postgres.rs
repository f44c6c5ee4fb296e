//! The PostgreSQL backend, for deployments that outgrow one process.
//!
//! The statements are the shared ones in [`sql`](super::sql); this module holds what is
//! PostgreSQL's own: how it connects, the transaction hooks those statements call, and the
//! dialect literals they are given (`string_agg`, `IS NOT DISTINCT FROM`, `FOR UPDATE`).
//! Several processes may write at once under READ COMMITTED, so where SQLite's single write
//! lock serialises writers, PostgreSQL takes row locks or an advisory lock instead.

use std::str::FromStr;

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::{ConnectOptions as _, Connection as _, Postgres, Transaction};

use super::StoreResult;
use super::sealing::{Keyring, MasterKey, Sealing};

mod cases;
mod deliveries;
mod evidence;
mod inbox;
mod schedules;
mod supervision;
mod wellbeing;

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// Key of the transaction-level advisory lock held while a roster import runs.
const ROSTER_IMPORT_LOCK: i64 = 0x6d69_6e64_0001; // "mind" + 1

/// Key of the transaction-level advisory lock held while an audit entry is appended.
const AUDIT_CHAIN_LOCK: i64 = 0x6d69_6e64_0002; // "mind" + 2

/// The PostgreSQL store. Cheap to clone: it is a connection pool.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
    keys: std::sync::Arc<Keyring>,
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user:pass@host:port/db`) and applies
    /// migrations; members' text is sealed under keys wrapped by `key`.
    pub async fn connect(url: &str, key: MasterKey) -> StoreResult<Self> {
        Self::connect_with(PgConnectOptions::from_str(url)?, key).await
    }

    /// Connects with the given options and applies migrations, checks the master key against
    /// the stored data keys and seals any text from before v8.
    pub async fn connect_with(options: PgConnectOptions, key: MasterKey) -> StoreResult<Self> {
        // One connection first, so a server that refuses says why (a pool only says it timed
        // out), and within seconds rather than after sqlx's default 30 s.
        let first = tokio::time::timeout(std::time::Duration::from_secs(5), options.connect())
            .await
            .map_err(|_| sqlx::Error::PoolTimedOut)??;
        first.close().await?;
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(std::time::Duration::from_secs(5))
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        let store = PgStore {
            pool,
            keys: std::sync::Arc::new(Keyring::new(key, Sealing::On)),
        };
        store.check_master_key().await?;
        store.run_store_tasks().await?;
        store.chain_legacy_audit().await?;
        Ok(store)
    }

    /// The pool, for backend-specific checks in tests.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    // The hooks the shared statements call (see `store::sql`).

    /// A write transaction: a plain READ COMMITTED one. Statements that must not race take
    /// their own locks (`FOR UPDATE`, unique keys, compare-and-set).
    async fn begin_write(&self) -> StoreResult<Transaction<'static, Postgres>> {
        Ok(self.pool.begin().await?)
    }

    /// The transaction of a roster import, holding an advisory lock that serialises imports:
    /// under READ COMMITTED two concurrent imports could otherwise both count a member as added.
    /// After an erasure: nothing to do here. The deleted rows stay in their pages as dead
    /// tuples until autovacuum reuses the space; the wrapped key among them opens only with the
    /// master key, which is never in the database.
    async fn after_erasure(&self) -> StoreResult<()> {
        Ok(())
    }

    async fn begin_import(&self) -> StoreResult<Transaction<'static, Postgres>> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(ROSTER_IMPORT_LOCK)
            .execute(&mut *tx)
            .await?;
        Ok(tx)
    }

    /// A read transaction on one snapshot. Under READ COMMITTED each statement sees its own
    /// snapshot; REPEATABLE READ makes a page and its total describe the same one.
    async fn begin_snapshot(&self) -> StoreResult<Transaction<'static, Postgres>> {
        Ok(self
            .pool
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .await?)
    }

    /// Backups of PostgreSQL are `pg_dump`'s job (see `deploy/README.md`).
    async fn write_backup(&self, _file: &std::path::Path) -> StoreResult<()> {
        Err(super::StoreError::BackupUnsupported)
    }

    /// The audit chain's lock, held until the transaction ends: two processes appending at
    /// once would otherwise read the same tail and fork the chain (see `store::audit`).
    async fn lock_audit(conn: &mut PgConnection) -> StoreResult<()> {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(AUDIT_CHAIN_LOCK)
            .execute(conn)
            .await?;
        Ok(())
    }

    /// Locks the member's entry before its answers are revised; false if the member has no
    /// such entry. Concurrent edits then queue, and each keeps as its revision the answers the
    /// one before it wrote, not the same old answers twice. (Under READ COMMITTED the copy that
    /// follows, a new statement, sees what the lock waited for.)
    async fn lock_entry(conn: &mut PgConnection, member: i64, id: i64) -> StoreResult<bool> {
        let owned: Option<i64> =
            sqlx::query_scalar("SELECT id FROM evidence WHERE member = $1 AND id = $2 FOR UPDATE")
                .bind(member)
                .bind(id)
                .fetch_optional(conn)
                .await?;
        Ok(owned.is_some())
    }
}

super::sql::member_store!(
    store: PgStore,
    db: sqlx::Postgres,
    name: "postgres",
    group_concat: "string_agg",
    as_text: "::text", // string_agg takes text only
    // A concurrent change waits, so the audited "from" status is the real one.
    lock_row: " FOR UPDATE",
);

super::sql::member_data_store!(store: PgStore);

super::sql::retention_store!(store: PgStore);

super::sql::key_store!(store: PgStore, db: sqlx::Postgres);

super::sql::audit_store!(store: PgStore, db: sqlx::Postgres);

super::sql::erasure_store!(store: PgStore, db: sqlx::Postgres);
