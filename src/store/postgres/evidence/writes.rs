//! The steps of the evidence write transactions on PostgreSQL. Each takes the open transaction's
//! connection; the caller began it and commits it.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sqlx::postgres::PgConnection;

use crate::domain::evidence::Tag;
use crate::domain::prompt::PromptId;
use crate::store::rows::{answers_json, db_id};
use crate::store::{NewEvidence, StoreResult};

/// Inserts the entry without its tags. `None` when its `source_key` is already recorded; the
/// existing row is left exactly as it was.
pub(super) async fn insert_entry(
    conn: &mut PgConnection,
    entry: &NewEvidence,
) -> StoreResult<Option<i64>> {
    let id = sqlx::query_scalar(
        "INSERT INTO evidence (member, source, source_key, delivery_id, prompt_id, \
                               prompt_text, answers, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
         ON CONFLICT (source_key) DO NOTHING RETURNING id",
    )
    .bind(db_id(entry.member)?)
    .bind(entry.source.slug())
    .bind(&entry.source_key)
    .bind(entry.delivery_id)
    .bind(entry.prompt_id.as_ref().map(PromptId::as_str))
    .bind(&entry.prompt_text)
    .bind(answers_json(&entry.answers))
    .bind(entry.at)
    .fetch_optional(conn)
    .await?;
    Ok(id)
}

/// The id of the entry recorded from `source_key`.
pub(super) async fn id_by_source(conn: &mut PgConnection, source_key: &str) -> StoreResult<i64> {
    let id = sqlx::query_scalar("SELECT id FROM evidence WHERE source_key = $1")
        .bind(source_key)
        .fetch_one(conn)
        .await?;
    Ok(id)
}

/// Adds `tags` to an entry that has none.
pub(super) async fn insert_tags(
    conn: &mut PgConnection,
    id: i64,
    tags: &BTreeSet<Tag>,
) -> StoreResult<()> {
    for tag in tags {
        sqlx::query("INSERT INTO evidence_tags (evidence_id, tag) VALUES ($1, $2)")
            .bind(id)
            .bind(tag.id())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Copies the member's entry's current answers into a revision replaced at `at`. False (and
/// nothing written) if the member has no such entry.
pub(super) async fn keep_revision(
    conn: &mut PgConnection,
    member: i64,
    id: i64,
    at: DateTime<Utc>,
) -> StoreResult<bool> {
    // Lock the entry first: concurrent edits then queue, and each keeps as its revision the
    // answers the one before it wrote, not the same old answers twice. (Under READ COMMITTED
    // the copy below, a new statement, sees what the lock waited for.)
    let owned: Option<i64> =
        sqlx::query_scalar("SELECT id FROM evidence WHERE member = $1 AND id = $2 FOR UPDATE")
            .bind(member)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    if owned.is_none() {
        return Ok(false);
    }
    let kept = sqlx::query(
        "INSERT INTO evidence_revisions (evidence_id, answers, replaced_at) \
         SELECT id, answers, $3 FROM evidence WHERE member = $1 AND id = $2",
    )
    .bind(member)
    .bind(id)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(kept.rows_affected() > 0)
}
