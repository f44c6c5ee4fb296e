//! Backup and restore on SQLite, from under the store: a backup is a new 0600 file that never
//! overwrites, and restoring one taken before an erasure brings nothing of the member back
//! (PostgreSQL's counterpart, `erasures apply` after `pg_restore`, is in `erasure.rs`). SQLite
//! runs with `secure_delete`.

use std::sync::Arc;

use mindlines::app::backup::restore_sqlite;
use mindlines::store::{ChainReport, ErasureStore, EvidenceStore, SqliteStore, Store};

use crate::erasure::{nonzero, seed};
use crate::evidence::all;
use crate::fixtures::{at, id};
use crate::raw::Raw;

/// SQLite end to end: a backup, an erasure, then a restore of that backup.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_restoring_an_earlier_backup_brings_nothing_of_an_erased_member_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mindlines.db");
    let url = path.to_str().unwrap().to_owned();
    let backup = dir.path().join("backup.db");
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&url).await.unwrap());
    seed(&store).await;
    store.backup_to(&backup).await.unwrap();
    assert!(store.backup_to(&backup).await.is_err(), "never overwrites");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&backup).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    store
        .erase_member(id(3), Some(id(3)), at(30))
        .await
        .unwrap();
    store.close().await;

    let report = restore_sqlite(&url, None, &backup, Vec::new(), Vec::new(), at(40))
        .await
        .unwrap();
    assert_eq!((report.ledger_lines, report.erased_again), (1, 1));

    let restored = SqliteStore::open(&url).await.unwrap();
    let raw = Raw::Sqlite(restored.pool().clone());
    let left = raw.rows_of(id(3)).await;
    assert_eq!(nonzero(&left).len(), 1, "only the ledger: {left:?}");
    assert!(restored.member(id(3)).await.unwrap().is_none());
    assert!(
        restored
            .evidence_of(id(3), &all())
            .await
            .unwrap()
            .0
            .is_empty()
    );
    assert!(
        restored.member(id(4)).await.unwrap().is_some(),
        "the rest is back"
    );
    assert_eq!(restored.erasures().await.unwrap().len(), 1);
    assert!(matches!(
        restored.verify_audit_chain().await.unwrap(),
        ChainReport::Intact { .. }
    ));
}

/// Freed pages are zeroed on SQLite, so deleted rows do not linger in the file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_runs_with_secure_delete() {
    let db = crate::raw::sqlite().await;
    let Raw::Sqlite(pool) = &db.raw else {
        unreachable!()
    };
    let on: i64 = sqlx::query_scalar("PRAGMA secure_delete")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(on, 1);
}

/// After an erasure the member's wrapped data key is nowhere in the database's files: not in
/// the file (the freed page is zeroed) and not in the WAL (truncated after the erasure).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_an_erased_members_wrapped_key_is_gone_from_the_file_and_the_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mindlines.db");
    let store = SqliteStore::open(path.to_str().unwrap()).await.unwrap();
    let pool = store.pool().clone();
    let store: Arc<dyn Store> = Arc::new(store);
    seed(&store).await;
    let wrapped: String =
        sqlx::query_scalar("SELECT wrapped FROM member_keys WHERE discord_id = $1")
            .bind(i64::try_from(id(3).0).unwrap())
            .fetch_one(&pool)
            .await
            .unwrap();
    let files = |path: &std::path::Path| {
        let mut bytes = std::fs::read(path).unwrap();
        bytes.extend(std::fs::read(path.with_extension("db-wal")).unwrap_or_default());
        bytes
    };
    let holds = |bytes: &[u8]| {
        bytes
            .windows(wrapped.len())
            .any(|w| w == wrapped.as_bytes())
    };
    assert!(
        holds(&files(&path)),
        "the key is written before the erasure"
    );
    store
        .erase_member(id(3), Some(id(3)), at(30))
        .await
        .unwrap();
    assert!(
        !holds(&files(&path)),
        "the erased member's wrapped key is still in the database's files"
    );
    store.close().await;
}

/// A backup holds no data keys, so an erasure reaches every earlier backup: restored with the
/// key file exported after the erasure (the live database lost, and with it the ledger), the
/// erased member's rows come back but nothing of their text opens, not even with the master
/// key; everyone else's text reads as before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_an_erasure_leaves_the_members_text_in_an_earlier_backup_unreadable() {
    use mindlines::app::backup::{read_key_file, write_key_file};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mindlines.db");
    let url = path.to_str().unwrap().to_owned();
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&url).await.unwrap());
    seed(&store).await;
    let mut theirs = crate::evidence::entry(4, "form:other", 0, &[crate::evidence::DIGITAL]);
    theirs.answers = vec![crate::evidence::answer(
        "What did you learn?",
        "Bilal's own words",
    )];
    crate::evidence::add(&store, &theirs).await;
    let backup = dir.path().join("before.db");
    store.backup_to(&backup).await.unwrap();
    let copy = sqlx::SqlitePool::connect(&format!("sqlite://{}", backup.display()))
        .await
        .unwrap();
    let in_backup: i64 = sqlx::query_scalar("SELECT count(*) FROM member_keys")
        .fetch_one(&copy)
        .await
        .unwrap();
    copy.close().await;
    assert_eq!(in_backup, 0, "no keys in a backup");

    store
        .erase_member(id(3), Some(id(3)), at(30))
        .await
        .unwrap();
    let key_file = dir.path().join("keys.json");
    write_key_file(&key_file, &store.wrapped_keys().await.unwrap()).unwrap();
    store.close().await;
    let keys = read_key_file(&key_file).unwrap();
    assert!(
        keys.iter().all(|k| k.member != id(3)),
        "the key file lost theirs"
    );
    assert!(keys.iter().any(|k| k.member == id(4)));

    // The disaster: the database and its ledger are gone; the backup and the key file remain.
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{url}{suffix}"));
    }
    let report = restore_sqlite(&url, None, &backup, Vec::new(), keys, at(40))
        .await
        .unwrap();
    assert_eq!(report.ledger_lines, 0, "no ledger survived");
    let restored = SqliteStore::open(&url).await.unwrap();
    assert!(
        restored.member(id(3)).await.unwrap().is_some(),
        "without the ledger their rows come back"
    );
    match restored.evidence_of(id(3), &all()).await {
        Ok((entries, _)) => {
            let text = format!("{entries:?}");
            assert!(
                !text.contains(crate::sealing::CANARY),
                "their text opened: {text}"
            );
        }
        Err(error) => assert!(
            !error.to_string().contains(crate::sealing::CANARY),
            "{error}"
        ),
    }
    let (bilal, _) = restored.evidence_of(id(4), &all()).await.unwrap();
    assert!(format!("{bilal:?}").contains("Bilal's own words"));
    restored.close().await;
}
