//! The steps of the evidence write transactions. Each takes the open transaction's connection;
//! the caller began it with the store's `begin_write` and commits it.

/// Defines, in the invoking module, the evidence write steps for `$store` on the database
/// `$db`: `insert_entry`, `id_by_source`, `insert_tags` and `keep_revision`. The last calls
/// the store's `lock_entry` hook first (a row lock on PostgreSQL).
macro_rules! evidence_writes {
    (store: $store:path, db: $db:ty $(,)?) => {
        use std::collections::BTreeSet;

        use chrono::{DateTime, Utc};

        use $crate::domain::evidence::Tag;
        use $crate::domain::prompt::PromptId;
        use $crate::store::rows::{answers_json, db_id};
        use $crate::store::{NewEvidence, StoreResult};

        type Connection = <$db as sqlx::Database>::Connection;

        /// Inserts the entry without its tags. `None` when its `source_key` is already
        /// recorded; the existing row is left exactly as it was.
        pub(super) async fn insert_entry(
            conn: &mut Connection,
            entry: &NewEvidence,
        ) -> StoreResult<Option<i64>> {
            let id = sqlx::query_scalar(
                "INSERT INTO evidence (member, source, source_key, delivery_id, prompt_id, \
                                       prompt_text, answers, created_at, updated_at, follows_up) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) \
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
            .bind(entry.follows_up)
            .fetch_optional(conn)
            .await?;
            Ok(id)
        }

        /// The id of the entry recorded from `source_key`.
        pub(super) async fn id_by_source(
            conn: &mut Connection,
            source_key: &str,
        ) -> StoreResult<i64> {
            let id = sqlx::query_scalar("SELECT id FROM evidence WHERE source_key = $1")
                .bind(source_key)
                .fetch_one(conn)
                .await?;
            Ok(id)
        }

        /// Adds `tags` to an entry that has none.
        pub(super) async fn insert_tags(
            conn: &mut Connection,
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

        /// Copies the member's entry's current answers into a revision replaced at `at`.
        /// False (and nothing written) if the member has no such entry.
        pub(super) async fn keep_revision(
            conn: &mut Connection,
            member: i64,
            id: i64,
            at: DateTime<Utc>,
        ) -> StoreResult<bool> {
            // Concurrent edits must queue here, so that each keeps as its revision the answers
            // the one before it wrote; how is the backend's (see its `lock_entry`).
            if !<$store>::lock_entry(&mut *conn, member, id).await? {
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
    };
}

pub(crate) use evidence_writes;
