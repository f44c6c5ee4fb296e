//! Encryption at rest, read from under the store: every column that holds what a member wrote
//! holds only sealed values; a sealed value moved to another row or member does not open; a
//! master key rotation keeps everything readable and the old key stops working; text written
//! before encryption was switched on is sealed when the store opens.

use std::sync::Arc;

use mindlines::domain::case::{CaseSummary, NewCase};
use mindlines::domain::curriculum::Area;
use mindlines::domain::supervision::CommentKind;
use mindlines::store::{EvidenceStore, MasterKey, SqliteStore, Store, StoreError};

use crate::evidence::{DIGITAL, add, all, answer, entry, with_cohort};
use crate::fixtures::{at, id};
use crate::inbox::message;
use crate::raw::{Raw, RawDb};

/// A word that appears in every kind of text written below, and so must appear in no column.
pub const CANARY: &str = "Quokka-7731";

/// Each sealed column, with its table's key for a message.
const SEALED_COLUMNS: &[(&str, &str)] = &[
    ("evidence", "answers"),
    ("evidence_revisions", "answers"),
    ("evidence_comments", "body"),
    ("checkin_answers", "note"),
    ("cases", "summary_learning"),
    ("cases", "summary_differently"),
    ("cases", "summary_questions"),
    ("inbox", "content"),
];

impl Raw {
    /// Every non-NULL value of `table.column`.
    pub async fn column(&self, table: &str, column: &str) -> Vec<String> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT {column} FROM {table} WHERE {column} IS NOT NULL"
        ));
        match self {
            Raw::Sqlite(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
            Raw::Postgres(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
        }
        .expect("column")
    }

    /// Runs one statement of the test's own, and says whether the database accepted it.
    pub async fn try_run(&self, sql: &str) -> Result<(), sqlx::Error> {
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        match self {
            Raw::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
            Raw::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
        }
    }

    /// Runs one statement of the test's own.
    pub async fn run(&self, sql: &str) {
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        match self {
            Raw::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
            Raw::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
        }
        .expect("statement")
    }
}

/// Writes one of every kind of member text, each holding the canary.
pub async fn write_every_kind(store: &Arc<dyn Store>) -> i64 {
    with_cohort(store).await;
    let text = format!("I learnt from {CANARY} today");
    let mut first = entry(3, "form:seal", 0, &[DIGITAL]);
    first.answers = vec![answer("What did you learn?", &text)];
    let entry_id = add(store, &first).await;
    let edit = [answer("What did you learn?", &format!("{text}, edited"))];
    assert!(
        store
            .update_evidence_answers(id(3), entry_id, &edit, at(1))
            .await
            .unwrap()
    );
    assert!(
        store
            .set_evidence_shared(id(3), entry_id, true, at(2))
            .await
            .unwrap()
    );
    let comment = store.add_comment(id(1), entry_id, CommentKind::Comment, Some(&text), at(3));
    assert!(comment.await.unwrap().is_some());
    assert!(
        store
            .record_checkin_score(id(3), 900, 2, at(4))
            .await
            .unwrap()
    );
    assert!(store.add_checkin_note(id(3), 900, &text).await.unwrap());
    let case = store
        .open_case(&NewCase {
            team: "Riverside PCN".into(),
            channel_id: 77,
            thread_id: 78,
            title: "Frailty review".into(),
            template: "wisegp".into(),
            domains: vec![Area::Digital],
            lead: id(1),
            at: at(5),
        })
        .await
        .unwrap()
        .expect("case opened");
    let summary = CaseSummary {
        learning: text.clone(),
        differently: text.clone(),
        questions: text.clone(),
    };
    assert!(store.close_case(case, &summary, at(6), &[]).await.unwrap());
    let mut dm = message(1, 7);
    dm.content = text;
    assert!(store.record_inbound(&dm, at(7)).await.unwrap());
    entry_id
}

async fn every_text_column_holds_only_sealed_values(db: RawDb) {
    write_every_kind(&db.store).await;
    for (table, column) in SEALED_COLUMNS {
        let values = db.raw.column(table, column).await;
        assert!(!values.is_empty(), "{table}.{column} has a value to check");
        for value in values {
            assert!(value.starts_with("ml1:"), "{table}.{column} is sealed");
            assert!(!value.contains(CANARY), "{table}.{column} shows no text");
        }
    }
    // And the store still reads it all back.
    let (entries, _) = db.store.evidence_of(id(3), &all()).await.unwrap();
    assert!(entries[0].answers[0].text.contains(CANARY));
    let revisions = db
        .store
        .evidence_revisions(id(3), entries[0].id)
        .await
        .unwrap();
    assert!(!revisions[0].1[0].text.contains("edited"));
    let comments = db.store.comments_on(id(3), entries[0].id).await.unwrap();
    assert!(comments[0].body.as_deref().unwrap().contains(CANARY));
    let inbox = db.store.unprocessed_inbound(3, 10).await.unwrap();
    assert!(inbox[0].message.content.contains(CANARY));
}

async fn a_sealed_value_moved_to_another_row_or_member_does_not_open(db: RawDb) {
    with_cohort(&db.store).await;
    let mine = add(&db.store, &entry(3, "form:a", 0, &[DIGITAL])).await;
    let my_other = add(&db.store, &entry(3, "form:b", 1, &[DIGITAL])).await;
    let theirs = add(&db.store, &entry(4, "form:c", 2, &[DIGITAL])).await;
    // Another row of the same member, then another member's row.
    for target in [my_other, theirs] {
        db.raw
            .run(&format!(
                "UPDATE evidence SET answers = (SELECT answers FROM evidence WHERE id = {mine}) \
                 WHERE id = {target}"
            ))
            .await;
    }
    let moved = db.store.evidence_entry(id(3), my_other).await;
    assert!(
        matches!(
            moved,
            Err(StoreError::Corrupt {
                place: "evidence.answers",
                ..
            })
        ),
        "{moved:?}"
    );
    let moved = db.store.evidence_entry(id(4), theirs).await;
    assert!(
        matches!(moved, Err(StoreError::Corrupt { .. })),
        "{moved:?}"
    );
    // Moving the entry itself to another member does not carry its text along either.
    db.raw
        .run(&format!(
            "UPDATE evidence SET member = (SELECT member FROM evidence WHERE id = {theirs}) \
             WHERE id = {mine}"
        ))
        .await;
    assert!(db.store.evidence_entry(id(4), mine).await.is_err());
}

async fn rotating_the_master_key_keeps_everything_readable(db: RawDb) {
    let entry_id = write_every_kind(&db.store).await;
    let before_wrapped = db.raw.column("member_keys", "wrapped").await;
    let sealed_before = db.raw.column("evidence", "answers").await;
    let old_id = db.store.master_key_id();
    let new = MasterKey::generate();
    let rewrapped = db.store.rotate_master_key(new.clone()).await.unwrap();
    assert_eq!(rewrapped as usize, before_wrapped.len());
    assert_eq!(db.store.master_key_id(), new.id());
    assert_ne!(old_id, new.id());
    // The keys changed; the text did not need to.
    assert!(
        db.raw
            .column("member_keys", "wrapped")
            .await
            .iter()
            .all(|w| !before_wrapped.contains(w))
    );
    assert_eq!(db.raw.column("evidence", "answers").await, sealed_before);
    let ids = db.raw.column("member_keys", "master_key_id").await;
    assert!(ids.iter().all(|i| *i == new.id()));
    let read = db
        .store
        .evidence_entry(id(3), entry_id)
        .await
        .unwrap()
        .unwrap();
    assert!(read.answers[0].text.contains(CANARY));
    // Writing after the rotation wraps new keys under the new master too.
    add(&db.store, &entry(5, "form:after", 9, &[DIGITAL])).await;
    let ids = db.raw.column("member_keys", "master_key_id").await;
    assert!(ids.iter().all(|i| *i == new.id()));
}

crate::raw::on_both_backends_raw!(
    every_text_column_holds_only_sealed_values,
    a_sealed_value_moved_to_another_row_or_member_does_not_open,
    rotating_the_master_key_keeps_everything_readable,
);

/// SQLite only: the file (and its WAL) read as bytes, the way `strings` would, shows no text;
/// after a rotation the new key opens it and the old one is named as wrong.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_file_read_on_its_own_shows_no_text_and_needs_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mindlines.db");
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(path.to_str().unwrap()).await.unwrap());
    let key_file = dir.path().join("mindlines.db.key");
    assert!(
        key_file.exists(),
        "the embedded default made its key beside the database"
    );
    write_every_kind(&store).await;
    for file in ["mindlines.db", "mindlines.db-wal"] {
        let bytes = std::fs::read(dir.path().join(file)).unwrap_or_default();
        let found = bytes.windows(CANARY.len()).any(|w| w == CANARY.as_bytes());
        assert!(!found, "{file} holds no member text");
    }
    let old = MasterKey::load(&key_file).unwrap();
    let new = MasterKey::generate();
    store.rotate_master_key(new.clone()).await.unwrap();
    store.close().await;

    let url = path.to_str().unwrap();
    let err = SqliteStore::open_keyed(url, old)
        .await
        .expect_err("old key refused");
    assert!(matches!(err, StoreError::WrongMasterKey { .. }), "{err}");
    assert!(err.to_string().contains(&new.id()), "{err}");
    let reopened = SqliteStore::open_keyed(url, new).await.unwrap();
    let (entries, _) = reopened.evidence_of(id(3), &all()).await.unwrap();
    assert!(entries[0].answers[0].text.contains(CANARY));
}
