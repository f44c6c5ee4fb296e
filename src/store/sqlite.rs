//! The SQLite backend: the embedded default, one file next to the bot.
//!
//! The statements are the shared ones in [`sql`](super::sql); this module holds what is
//! SQLite's own: how the file is opened, the transaction hooks those statements call, and the
//! dialect literals they are given (`group_concat`, `IS`).

use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};

use super::StoreResult;
use super::sealing::{Keyring, MasterKey, Sealing, default_key_path};

mod cases;
mod deliveries;
mod evidence;
mod inbox;
mod schedules;
mod supervision;
mod wellbeing;

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

/// How long a writer waits for another writer's lock before giving up with `SQLITE_BUSY`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The SQLite store. Cheap to clone: it is a connection pool.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    keys: std::sync::Arc<Keyring>,
}

impl SqliteStore {
    /// Opens (creating if missing) the database at `url` — a file path or a `sqlite:` URL — and
    /// applies migrations, with the embedded default's master key: the file beside the
    /// database (`mindlines.db.key`), created on first start (an in-memory database gets a key
    /// that lives as long as it does).
    pub async fn open(url: &str) -> StoreResult<Self> {
        let options = Self::options(url)?;
        let Some(file) = super::sqlite_file(url) else {
            return Self::open_with(options, MasterKey::generate(), Sealing::On).await;
        };
        let key_path = default_key_path(&file);
        if key_path.exists() {
            return Self::open_with(options, MasterKey::load(&key_path)?, Sealing::On).await;
        }
        // Written only once the database opened and agreed with it, so a failed start
        // leaves no stray key behind.
        let key = MasterKey::generate();
        let store = Self::open_with(options, key.clone(), Sealing::On).await?;
        key.write_new(&key_path)?;
        tracing::info!(
            path = %key_path.display(),
            "created the master key that protects members' text; keep it safe, apart from backups"
        );
        Ok(store)
    }

    /// Opens the database at `url` with the master key `key` (from `security.master_key_file`).
    pub async fn open_keyed(url: &str, key: MasterKey) -> StoreResult<Self> {
        Self::open_with(Self::options(url)?, key, Sealing::On).await
    }

    /// Opens the database at `url` storing text unsealed. Only the encryption benchmark uses
    /// this, to measure the same store with and without sealing in one run; configuration
    /// cannot reach it.
    #[doc(hidden)]
    pub async fn open_unsealed_for_benchmark(url: &str) -> StoreResult<Self> {
        Self::open_with(Self::options(url)?, MasterKey::generate(), Sealing::Off).await
    }

    fn options(url: &str) -> StoreResult<SqliteConnectOptions> {
        Ok(if url.starts_with("sqlite:") {
            SqliteConnectOptions::from_str(url)?
        } else {
            SqliteConnectOptions::new().filename(url)
        })
    }

    /// Opens with the given options plus the settings mindlines relies on, migrates, checks
    /// the master key against the stored data keys and seals any text from before v8.
    async fn open_with(
        options: SqliteConnectOptions,
        key: MasterKey,
        sealing: Sealing,
    ) -> StoreResult<Self> {
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal) // readers never block the writer
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT)
            // FULL, not NORMAL: a reflection acknowledged to a user must survive a power cut.
            .synchronous(SqliteSynchronous::Full)
            // Freed pages are zeroed, so an erased member's rows do not linger in the file.
            .pragma("secure_delete", "ON");
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        let store = SqliteStore {
            pool,
            keys: std::sync::Arc::new(Keyring::new(key, sealing)),
        };
        store.check_master_key().await?;
        store.run_store_tasks().await?;
        store.chain_legacy_audit().await?;
        Ok(store)
    }

    /// The pool, for backend-specific checks in tests.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    // The hooks the shared statements call (see `store::sql`).

    /// A write transaction. `BEGIN IMMEDIATE` takes the write lock up front: a deferred
    /// transaction that reads and then writes fails at once with `SQLITE_BUSY` when another
    /// writer got there first, ignoring the busy timeout.
    async fn begin_write(&self) -> StoreResult<Transaction<'static, Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// The transaction of a roster import: an ordinary write. Holding the write lock from the
    /// start already keeps a second import out until this one commits.
    async fn begin_import(&self) -> StoreResult<Transaction<'static, Sqlite>> {
        self.begin_write().await
    }

    /// After an erasure: copies the WAL back into the database and truncates it, so the pages
    /// that held the member's rows (their wrapped key among them) are overwritten in the file,
    /// zeroed by `secure_delete`, and gone from the WAL. Best effort: a reader still open keeps
    /// its frames until the next checkpoint.
    async fn after_erasure(&self) -> StoreResult<()> {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A read transaction; in WAL mode its first read fixes one snapshot for all that follow.
    async fn begin_snapshot(&self) -> StoreResult<Transaction<'static, Sqlite>> {
        Ok(self.pool.begin().await?)
    }

    /// `VACUUM INTO` a new file created 0600 first: SQLite accepts an empty file as its
    /// target, and creating it ourselves refuses to overwrite and sets who may read it (the
    /// copy holds wrapped data keys, and a roster).
    async fn write_backup(&self, file: &std::path::Path) -> StoreResult<()> {
        let failed = |e: std::io::Error| super::StoreError::BackupFile {
            path: file.to_owned(),
            why: e.to_string(),
        };
        super::create_private_file(file).map_err(failed)?;
        let path = file.to_str().ok_or_else(|| super::StoreError::BackupFile {
            path: file.to_owned(),
            why: "the path is not UTF-8".into(),
        })?;
        let written = sqlx::query("VACUUM INTO $1")
            .bind(path)
            .execute(&self.pool)
            .await;
        let stripped = match written {
            Ok(_) => strip_keys(path).await,
            Err(error) => Err(error.into()),
        };
        if let Err(error) = stripped {
            let _ = std::fs::remove_file(file);
            return Err(error);
        }
        Ok(())
    }

    /// The audit chain's lock, held until the transaction ends (see `store::audit`).
    async fn lock_audit(_conn: &mut SqliteConnection) -> StoreResult<()> {
        // The caller's BEGIN IMMEDIATE already holds the only write lock, so no other append
        // can read the same tail.
        Ok(())
    }

    /// Nothing to lock before an entry's answers are revised: the caller's `BEGIN IMMEDIATE`
    /// already holds the write lock, so no other edit can slip in between the copy into a
    /// revision and the update. Always true; the copy itself finds out whether the member owns
    /// the entry.
    async fn lock_entry(_conn: &mut SqliteConnection, _member: i64, _id: i64) -> StoreResult<bool> {
        Ok(true)
    }
}

super::sql::member_store!(
    store: SqliteStore,
    db: sqlx::Sqlite,
    name: "sqlite",
    group_concat: "group_concat",
    as_text: "", // group_concat takes integers as they are
    lock_row: "", // BEGIN IMMEDIATE already keeps a concurrent change out
);

super::sql::member_data_store!(store: SqliteStore);

super::sql::retention_store!(store: SqliteStore);

super::sql::key_store!(store: SqliteStore, db: sqlx::Sqlite);

super::sql::audit_store!(store: SqliteStore, db: sqlx::Sqlite);

super::sql::erasure_store!(store: SqliteStore, db: sqlx::Sqlite);

/// Deletes every data key from a backup copy and rewrites the file without the freed pages, so
/// the copy holds members' text only sealed under keys it does not contain: restoring it takes
/// the keys from the live database or from `mindlines keys export`, and an erased member's key
/// is in neither.
async fn strip_keys(copy: &str) -> StoreResult<()> {
    use sqlx::Connection as _;
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(copy)
        .pragma("secure_delete", "ON");
    let mut conn = sqlx::SqliteConnection::connect_with(&options).await?;
    sqlx::query("DELETE FROM member_keys")
        .execute(&mut conn)
        .await?;
    sqlx::query("VACUUM").execute(&mut conn).await?;
    conn.close().await?;
    Ok(())
}
