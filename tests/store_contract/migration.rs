//! Migration 0004 (the outbound queue) carries the deliveries of a v3 database over on both
//! backends: every row keeps its id and reads back as the prompt it was, and an id handed out
//! before (even by a row since deleted) is never handed out again.

use std::path::Path;
use std::str::FromStr;

use chrono::{TimeZone, Utc};
use mindlines::domain::delivery::{DeliveryStatus, Payload};
use mindlines::domain::member::DiscordId;
use mindlines::store::{PgStore, SqliteStore, Store};
use sqlx::migrate::Migrator;
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, Executor};

use crate::outbox_fixtures::{new_delivery, record};

/// A migrator holding only the migrations before the queue (0001–0003) of `backend`.
async fn v3_migrator(backend: &str, dir: &Path) -> Migrator {
    migrator_before(backend, dir, "0004").await
}

/// A migrator holding only the migrations of `backend` numbered below `before`.
async fn migrator_before(backend: &str, dir: &Path, before: &str) -> Migrator {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.as_str() < before {
            std::fs::copy(&path, dir.join(&name)).unwrap();
        }
    }
    Migrator::new(dir).await.unwrap()
}

/// A v3 member with prompt deliveries 1 (answered) and 2 (its reminder), and 7, since
/// deleted. PostgreSQL needs leave to give identity columns their value (`{explicit}`).
const V3_ROWS: [&str; 5] = [
    "INSERT INTO members (discord_id, display_name, profession, timezone, status, created_at, updated_at) \
     VALUES (3, 'Ada', 'nurse', 'Europe/London', 'active', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z')",
    "INSERT INTO deliveries (id, discord_id, occurrence_key, kind, prompt_id, area, status, due_at, attempts, next_attempt_at) {explicit} \
     VALUES (1, 3, '2026-03-03', 'scheduled', 'pcp-one', 'person-centred-practice', 'answered', '2026-03-03T10:00:00Z', 1, '2026-03-03T10:00:00Z')",
    "INSERT INTO deliveries (id, discord_id, occurrence_key, kind, prompt_id, area, status, due_at, follows, attempts, next_attempt_at) {explicit} \
     VALUES (2, 3, 'reminder:1', 'reminder', 'pcp-one', 'person-centred-practice', 'pending', '2026-03-05T10:00:00Z', 1, 0, '2026-03-05T10:00:00Z')",
    "INSERT INTO deliveries (id, discord_id, occurrence_key, kind, prompt_id, area, status, due_at, attempts, next_attempt_at) {explicit} \
     VALUES (7, 3, 'early:9', 'on_request', 'dig-one', 'digital', 'pending', '2026-03-06T10:00:00Z', 0, '2026-03-06T10:00:00Z')",
    "DELETE FROM deliveries WHERE id = 7",
];

/// A new delivery for the v3 member.
fn later_delivery() -> mindlines::domain::delivery::NewDelivery {
    mindlines::domain::delivery::NewDelivery {
        member: DiscordId(3),
        ..new_delivery(3, "2026-03-10", 1)
    }
}

async fn carried_over(store: &dyn Store) {
    let first = store
        .delivery(1)
        .await
        .unwrap()
        .expect("row 1 carried over");
    assert_eq!(first.status, DeliveryStatus::Answered);
    assert!(matches!(first.payload, Payload::Prompt { .. }));
    let reminder = store
        .delivery(2)
        .await
        .unwrap()
        .expect("row 2 carried over");
    assert_eq!(reminder.follows, Some(1));
    assert_eq!(
        reminder.due_at,
        Utc.with_ymd_and_hms(2026, 3, 5, 10, 0, 0).unwrap()
    );
    assert_eq!(store.deliveries_of(DiscordId(3)).await.unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_carries_v3_deliveries_into_the_queue() {
    let dir = tempfile::tempdir().unwrap();
    let migrations = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    v3_migrator("sqlite", migrations.path())
        .await
        .run(&mut conn)
        .await
        .unwrap();
    for sql in V3_ROWS {
        conn.execute(sqlx::AssertSqlSafe(sql.replace("{explicit}", "")))
            .await
            .unwrap();
    }
    conn.close().await.unwrap();

    let store: std::sync::Arc<dyn Store> =
        std::sync::Arc::new(SqliteStore::open(path.to_str().unwrap()).await.unwrap());
    carried_over(&*store).await;
    let next = record(&store, &later_delivery()).await;
    assert!(next > 7, "id {next} was handed out before the migration");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_carries_v3_deliveries_into_the_queue() {
    let Some(db) = crate::support::postgres().await else {
        return;
    };
    // A second, empty database on the same server, brought to v3 by hand.
    let v3 = crate::support::empty_postgres(&db).await;
    let migrations = tempfile::tempdir().unwrap();
    let mut conn = sqlx::PgConnection::connect(&v3.url).await.unwrap();
    v3_migrator("postgres", migrations.path())
        .await
        .run(&mut conn)
        .await
        .unwrap();
    for sql in V3_ROWS {
        let sql = sql.replace("{explicit}", "OVERRIDING SYSTEM VALUE");
        conn.execute(sqlx::AssertSqlSafe(sql)).await.unwrap();
    }
    // Identity columns were given explicit ids above; move the sequence past them as a v3
    // database that had handed them out would have.
    conn.execute("SELECT setval(pg_get_serial_sequence('deliveries', 'id'), 7)")
        .await
        .unwrap();
    conn.close().await.unwrap();

    let options = PgConnectOptions::from_str(&v3.url).unwrap();
    let store: std::sync::Arc<dyn Store> = std::sync::Arc::new(
        PgStore::connect_with(options, mindlines::store::MasterKey::generate())
            .await
            .unwrap(),
    );
    carried_over(&*store).await;
    let next = record(&store, &later_delivery()).await;
    assert!(next > 7, "id {next} was handed out before the migration");
}

/// Text written before encryption at rest (v7) is sealed once when the store opens, and reads
/// back as it was.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_seals_text_written_before_encryption_at_rest() {
    let dir = tempfile::tempdir().unwrap();
    let migrations = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    migrator_before("sqlite", migrations.path(), "0008")
        .await
        .run(&mut conn)
        .await
        .unwrap();
    let rows = [
        "INSERT INTO members (discord_id, display_name, profession, timezone, created_at, \
         updated_at) VALUES (3, 'Amara', 'nurse', 'Europe/London', '2026-03-01T00:00:00Z', \
         '2026-03-01T00:00:00Z')",
        "INSERT INTO evidence (id, member, source, source_key, answers, created_at, updated_at) \
         VALUES (1, 3, 'form', 'form:1', '[{\"stem\":\"What?\",\"text\":\"old plain words\"}]', \
         '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z')",
        "INSERT INTO evidence_revisions (evidence_id, answers, replaced_at) VALUES \
         (1, '[{\"stem\":\"What?\",\"text\":\"older plain words\"}]', '2026-03-02T00:00:00Z')",
    ];
    for sql in rows {
        conn.execute(sqlx::AssertSqlSafe(sql)).await.unwrap();
    }
    conn.close().await.unwrap();

    let store = SqliteStore::open(path.to_str().unwrap()).await.unwrap();
    let stored: Vec<String> = sqlx::query_scalar(
        "SELECT answers FROM evidence UNION ALL SELECT answers FROM evidence_revisions",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    assert_eq!(stored.len(), 2);
    assert!(
        stored
            .iter()
            .all(|s| s.starts_with("ml1:") && !s.contains("plain"))
    );
    use mindlines::store::EvidenceStore as _;
    let entry = store
        .evidence_entry(DiscordId(3), 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(entry.answers[0].text, "old plain words");
    let revisions = store.evidence_revisions(DiscordId(3), 1).await.unwrap();
    assert_eq!(revisions[0].1[0].text, "older plain words");
    store.close().await;
    // Once only: reopening seals nothing twice.
    let again = SqliteStore::open(path.to_str().unwrap()).await.unwrap();
    let entry = again
        .evidence_entry(DiscordId(3), 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(entry.answers[0].text, "old plain words");
}

/// Audit entries written before the hash chain (v8) are chained once when the store opens,
/// in id order, and verify.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_chains_audit_entries_written_before_the_hash_chain() {
    let dir = tempfile::tempdir().unwrap();
    let migrations = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    migrator_before("sqlite", migrations.path(), "0009")
        .await
        .run(&mut conn)
        .await
        .unwrap();
    for n in 1..=3 {
        let sql = format!(
            "INSERT INTO audit_log (at, actor_discord_id, action, subject_discord_id, detail) \
             VALUES ('2026-03-0{n}T00:00:00.123456789Z', NULL, 'member.added', {n}, 'roster import')"
        );
        conn.execute(sqlx::AssertSqlSafe(sql)).await.unwrap();
    }
    conn.close().await.unwrap();

    let store = SqliteStore::open(path.to_str().unwrap()).await.unwrap();
    let report = store.verify_audit_chain().await.unwrap();
    assert!(
        matches!(
            report,
            mindlines::store::ChainReport::Intact { entries: 3, .. }
        ),
        "{report}"
    );
    use mindlines::store::ErasureStore as _;
    store
        .erase_member(DiscordId(100_000_000_000_000_002), None, Utc::now())
        .await
        .ok();
    store.close().await;
    let again = SqliteStore::open(path.to_str().unwrap()).await.unwrap();
    let report = again.verify_audit_chain().await.unwrap();
    assert!(
        matches!(report, mindlines::store::ChainReport::Intact { .. }),
        "{report}"
    );
}
