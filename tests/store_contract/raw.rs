//! What the store's interface cannot show, checked with a raw query on each backend's pool:
//! a processed inbox item keeps no text, and a deleted entry leaves no tags or revisions behind.
//! Each test gets a fresh store of the concrete type, so its `pool()` is at hand.

use std::sync::Arc;

use mindlines::store::{PgStore, SqliteStore, Store};
use sqlx::{PgPool, SqlitePool};

use crate::evidence::{DIGITAL, add, answer, entry, outcome, with_cohort};
use crate::fixtures::at;
use crate::inbox::message;

/// A raw connection pool of one backend.
pub enum Raw {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A store, a raw pool on the same database, and what keeps that database alive.
pub struct RawDb {
    pub store: Arc<dyn Store>,
    pub raw: Raw,
    _keep: Keep,
}

/// Held only to be dropped last: the SQLite file's directory, or the Postgres test database.
enum Keep {
    Dir { _dir: tempfile::TempDir },
    Pg { _db: crate::support::PgDb },
}

pub async fn sqlite() -> RawDb {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("mindlines.db");
    let store = SqliteStore::open(path.to_str().unwrap()).await.unwrap();
    let raw = Raw::Sqlite(store.pool().clone());
    RawDb {
        store: Arc::new(store),
        raw,
        _keep: Keep::Dir { _dir: dir },
    }
}

/// A second `PgStore` on the fresh test database, as the support store hides its concrete type.
pub async fn postgres() -> Option<RawDb> {
    let db = crate::support::postgres().await?;
    let store = PgStore::connect(&db.url, mindlines::store::MasterKey::generate())
        .await
        .unwrap();
    let raw = Raw::Postgres(store.pool().clone());
    Some(RawDb {
        store: Arc::new(store),
        raw,
        _keep: Keep::Pg { _db: db },
    })
}

impl Raw {
    /// The stored text of an inbox item, and whether it is marked processed.
    async fn inbox_row(&self, event_key: &str) -> (Option<String>, bool) {
        let sql = "SELECT content, processed_at IS NOT NULL FROM inbox WHERE event_key = $1";
        match self {
            Raw::Sqlite(pool) => sqlx::query_as(sql).bind(event_key).fetch_one(pool).await,
            Raw::Postgres(pool) => sqlx::query_as(sql).bind(event_key).fetch_one(pool).await,
        }
        .expect("inbox row")
    }

    /// How many tag and revision rows still name an entry.
    async fn rows_naming(&self, entry_id: i64) -> i64 {
        let sql = "SELECT (SELECT COUNT(*) FROM evidence_tags WHERE evidence_id = $1) \
                        + (SELECT COUNT(*) FROM evidence_revisions WHERE evidence_id = $1)";
        match self {
            Raw::Sqlite(pool) => sqlx::query_scalar(sql).bind(entry_id).fetch_one(pool).await,
            Raw::Postgres(pool) => sqlx::query_scalar(sql).bind(entry_id).fetch_one(pool).await,
        }
        .expect("count")
    }
}

async fn processed_inbound_keeps_no_text(db: RawDb) {
    let (done, waiting) = (message(1, 0), message(2, 1));
    db.store.record_inbound(&done, at(0)).await.unwrap();
    db.store.record_inbound(&waiting, at(0)).await.unwrap();
    let (stored, processed) = db.raw.inbox_row(&done.event_key()).await;
    assert!(
        stored.is_some_and(|s| s.starts_with("ml1:")) && !processed,
        "kept sealed"
    );

    let key = done.event_key();
    db.store.mark_inbound_processed(&key, at(1)).await.unwrap();
    assert_eq!(db.raw.inbox_row(&key).await, (None, true), "text cleared");
    let (untouched, _) = db.raw.inbox_row(&waiting.event_key()).await;
    assert!(untouched.is_some(), "the other item keeps its text");
}

async fn an_inbound_item_that_exhausts_its_retries_loses_its_text(db: RawDb) {
    let (doomed, other) = (message(1, 0), message(2, 1));
    db.store.record_inbound(&doomed, at(0)).await.unwrap();
    db.store.record_inbound(&other, at(0)).await.unwrap();
    let key = doomed.event_key();
    for hour in [1, 2] {
        let failed = db.store.mark_inbound_failed(&key, "boom", 3, at(hour));
        failed.await.unwrap();
        let (kept, processed) = db.raw.inbox_row(&key).await;
        assert!(kept.is_some() && !processed, "still retried");
    }
    let last = db.store.mark_inbound_failed(&key, "boom", 3, at(3));
    last.await.unwrap();
    assert_eq!(db.raw.inbox_row(&key).await, (None, false), "text dropped");
    let (untouched, _) = db.raw.inbox_row(&other.event_key()).await;
    assert!(untouched.is_some(), "the other item keeps its text");
}

async fn deleting_evidence_leaves_no_rows_behind(db: RawDb) {
    with_cohort(&db.store).await;
    let gone = add(&db.store, &entry(3, "form:1", 0, &[DIGITAL, outcome(1)])).await;
    let kept = add(&db.store, &entry(3, "form:2", 0, &[DIGITAL])).await;
    for hour in [1, 2] {
        let edit = [answer("What?", &format!("edit {hour}"))];
        let updated =
            db.store
                .update_evidence_answers(crate::fixtures::id(3), gone, &edit, at(hour));
        assert!(updated.await.unwrap());
    }
    assert_eq!(db.raw.rows_naming(gone).await, 4, "two tags, two revisions");

    assert!(
        db.store
            .delete_evidence(crate::fixtures::id(3), gone)
            .await
            .unwrap()
    );
    assert_eq!(db.raw.rows_naming(gone).await, 0);
    assert_eq!(
        db.raw.rows_naming(kept).await,
        1,
        "the other entry keeps its tag"
    );
}

/// `sqlite::name` and `postgres::name` for each raw test `name(db)`.
macro_rules! on_both_backends_raw {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::raw::sqlite().await).await;
                }
            )+
        }

        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(db) = $crate::raw::postgres().await else {
                        return;
                    };
                    super::$name(db).await;
                }
            )+
        }
    };
}

pub(crate) use on_both_backends_raw;

on_both_backends_raw!(
    processed_inbound_keeps_no_text,
    an_inbound_item_that_exhausts_its_retries_loses_its_text,
    deleting_evidence_leaves_no_rows_behind,
);
