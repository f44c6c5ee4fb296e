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
}

impl SqliteStore {
    /// Opens (creating if missing) the database at `url` — a file path or a `sqlite:` URL — and
    /// applies migrations.
    pub async fn open(url: &str) -> StoreResult<Self> {
        let options = if url.starts_with("sqlite:") {
            SqliteConnectOptions::from_str(url)?
        } else {
            SqliteConnectOptions::new().filename(url)
        };
        Self::open_with(options).await
    }

    /// Opens with the given options plus the settings mindlines relies on, and migrates.
    pub async fn open_with(options: SqliteConnectOptions) -> StoreResult<Self> {
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal) // readers never block the writer
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT)
            // FULL, not NORMAL: a reflection acknowledged to a user must survive a power cut.
            .synchronous(SqliteSynchronous::Full);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(SqliteStore { pool })
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

    /// A read transaction; in WAL mode its first read fixes one snapshot for all that follow.
    async fn begin_snapshot(&self) -> StoreResult<Transaction<'static, Sqlite>> {
        Ok(self.pool.begin().await?)
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
