//! What only one backend promises: SQLite's file settings, and `store::open` choosing a backend
//! from `database.url`.

use mindlines::store::{self, SqliteStore, StoreError};

use crate::fixtures::{at, cohort, id};

#[tokio::test]
async fn sqlite_file_is_created_with_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested-is-not-needed.db");
    let store = SqliteStore::open(path.to_str().unwrap()).await.unwrap();
    assert!(path.exists(), "created if missing");

    let mut conn = store.pool().acquire().await.unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(foreign_keys, 1);
    let busy_ms: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert!(busy_ms >= 1000, "busy timeout {busy_ms} ms");
}

#[tokio::test]
async fn sqlite_data_survives_reopening_and_migrations_run_once() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("mindlines.db").display());
    let store = store::open(&url, None).await.unwrap();
    assert_eq!(store.backend(), "sqlite");
    store.import_roster(&cohort(), None, at(0)).await.unwrap();
    store.close().await;

    let reopened = store::open(&url, None).await.unwrap();
    assert_eq!(reopened.list_members().await.unwrap().len(), cohort().len());
    assert!(reopened.member(id(3)).await.unwrap().is_some());
}

#[tokio::test]
async fn an_unsupported_url_names_the_scheme_but_not_the_password() {
    let err = store::open("mysql://admin:hunter2@db.example/mindlines", None)
        .await
        .err()
        .expect("mysql is refused");
    assert!(matches!(err, StoreError::UnsupportedUrl(_)));
    let message = err.to_string();
    assert!(
        message.contains("'mysql'") && !message.contains("hunter2"),
        "{message}"
    );
}

#[tokio::test]
async fn a_postgres_url_opens_the_postgres_store() {
    let Some(db) = crate::support::postgres().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("master.key");
    store::MasterKey::generate().write_new(&key).unwrap();
    let store = store::open(&db.url, Some(&key)).await.unwrap();
    assert_eq!(store.backend(), "postgres");
    assert!(store.list_members().await.unwrap().is_empty());
    store.close().await;
}

#[tokio::test]
async fn an_in_memory_sqlite_store_shares_one_database_across_connections() {
    let store = store::open("sqlite::memory:", None).await.unwrap();
    store.import_roster(&cohort(), None, at(0)).await.unwrap();
    // More reads than one connection could serve at once, so the pool must open several.
    let reads = (0..8).map(|_| store.list_members());
    for members in futures::future::join_all(reads).await {
        assert_eq!(members.unwrap().len(), cohort().len());
    }
}
