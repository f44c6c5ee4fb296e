//! Fresh databases for the contract tests: a SQLite file in a temporary directory, or a
//! uniquely named PostgreSQL database on the server at `TEST_PG_URL`, dropped afterwards.

use std::io::Write;
use std::str::FromStr;
use std::sync::{Arc, Once};

use mindlines::store::{PgStore, SqliteStore, Store};
use sqlx::postgres::PgConnectOptions;
use sqlx::{AssertSqlSafe, Connection, PgConnection};

/// A store on a fresh SQLite file; the directory goes when this does.
pub struct SqliteDb {
    pub store: Arc<dyn Store>,
    _dir: tempfile::TempDir,
}

pub async fn sqlite() -> SqliteDb {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("mindlines.db");
    let store = SqliteStore::open(path.to_str().unwrap())
        .await
        .expect("open sqlite store");
    SqliteDb {
        store: Arc::new(store),
        _dir: dir,
    }
}

/// A store on a fresh PostgreSQL database, dropped (even after a failed test) on drop.
pub struct PgDb {
    pub store: Arc<dyn Store>,
    pub url: String,
    database: EmptyPgDb,
}

/// A fresh, empty PostgreSQL database (no migrations run), dropped on drop.
pub struct EmptyPgDb {
    pub url: String,
    server_url: String,
    name: String,
}

/// An empty database on the same server as `db`, for tests that migrate by hand.
pub async fn empty_postgres(db: &PgDb) -> EmptyPgDb {
    EmptyPgDb::create(&db.database.server_url).await
}

impl EmptyPgDb {
    async fn create(server_url: &str) -> EmptyPgDb {
        let name = format!("mindlines_test_{:016x}", rand::random::<u64>());
        let mut admin = PgConnection::connect(server_url)
            .await
            .expect("connect to TEST_PG_URL");
        // The name is ours (hex digits), so formatting it into the statement is safe.
        sqlx::raw_sql(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create test database");
        admin.close().await.ok();
        EmptyPgDb {
            url: with_database(server_url, &name),
            server_url: server_url.to_owned(),
            name,
        }
    }
}

/// A fresh Postgres database, or `None` (with a notice) when `TEST_PG_URL` is unset outside CI.
/// In CI (`CI=true`) an unset `TEST_PG_URL` fails the test: the Postgres half must run there.
pub async fn postgres() -> Option<PgDb> {
    match std::env::var("TEST_PG_URL") {
        Ok(url) if !url.trim().is_empty() => Some(PgDb::create(url.trim()).await),
        _ if std::env::var("CI").is_ok_and(|ci| ci == "true") => panic!(
            "TEST_PG_URL is unset but CI=true: the Postgres store tests must run in CI \
             (start a server with `eval \"$(.ci/start-postgres.sh)\"`)"
        ),
        _ => {
            static NOTICE: Once = Once::new();
            // Straight to stderr, as libtest hides `eprintln!` output of passing tests.
            NOTICE.call_once(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "skipping postgres: TEST_PG_URL unset (see .ci/start-postgres.sh)"
                );
            });
            None
        }
    }
}

impl PgDb {
    async fn create(server_url: &str) -> PgDb {
        let database = EmptyPgDb::create(server_url).await;
        let options = PgConnectOptions::from_str(server_url)
            .expect("TEST_PG_URL is a postgres url")
            .database(&database.name);
        let store = PgStore::connect_with(options, mindlines::store::MasterKey::generate())
            .await
            .expect("open postgres store");
        PgDb {
            store: Arc::new(store),
            url: database.url.clone(),
            database,
        }
    }
}

/// The server URL with its database name replaced.
fn with_database(server_url: &str, name: &str) -> String {
    let (base, query) = server_url
        .split_once('?')
        .map_or((server_url, None), |(b, q)| (b, Some(q)));
    let authority_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}

impl Drop for EmptyPgDb {
    fn drop(&mut self) {
        // Drop runs inside the test's runtime, and may run while unwinding from a failed
        // assertion; a separate thread with its own runtime can still block on the cleanup.
        let (server_url, name) = (self.server_url.clone(), self.name.clone());
        let cleanup = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("cleanup runtime");
            runtime.block_on(async {
                let mut admin = PgConnection::connect(&server_url).await?;
                let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                sqlx::raw_sql(AssertSqlSafe(sql))
                    .execute(&mut admin)
                    .await?;
                admin.close().await
            })
        });
        if let Ok(Err(err)) = cleanup.join() {
            let _ = writeln!(
                std::io::stderr(),
                "could not drop test database {}: {err}",
                self.name
            );
        }
    }
}
