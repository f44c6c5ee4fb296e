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
        use $crate::store::rows::{answers_from_json, answers_json, db_id};
        use $crate::store::sealing::{Aad, DataKey};
        use $crate::store::{NewEvidence, StoreResult};

        type Connection = <$db as sqlx::Database>::Connection;

        /// Inserts the entry without its tags, its answers sealed under `key` (the member's).
        /// `None` when its `source_key` is already recorded; the existing row is left exactly
        /// as it was.
        pub(super) async fn insert_entry(
            conn: &mut Connection,
            key: &DataKey,
            entry: &NewEvidence,
        ) -> StoreResult<Option<i64>> {
            let id = sqlx::query_scalar(
                "INSERT INTO evidence (member, source, source_key, delivery_id, prompt_id, \
                                       prompt_text, answers, created_at, updated_at, follows_up) \
                 VALUES ($1, $2, $3, $4, $5, $6, '', $7, $7, $8) \
                 ON CONFLICT (source_key) DO NOTHING RETURNING id",
            )
            .bind(db_id(entry.member)?)
            .bind(entry.source.slug())
            .bind(&entry.source_key)
            .bind(entry.delivery_id)
            .bind(entry.prompt_id.as_ref().map(PromptId::as_str))
            .bind(&entry.prompt_text)
            .bind(entry.at)
            .bind(entry.follows_up)
            .fetch_optional(&mut *conn)
            .await?;
            let Some(id) = id else {
                return Ok(None);
            };
            // The row's id is part of the sealed value's associated data, so the answers are
            // sealed once the row has one.
            set_answers(conn, key, db_id(entry.member)?, id, &answers_json(&entry.answers)).await?;
            Ok(Some(id))
        }

        /// Seals `json` as the answers of the member's entry `id`.
        pub(super) async fn set_answers(
            conn: &mut Connection,
            key: &DataKey,
            member: i64,
            id: i64,
            json: &str,
        ) -> StoreResult<()> {
            let row = id.to_string();
            let aad = Aad {
                place: "evidence.answers",
                row: &row,
                member,
            };
            sqlx::query("UPDATE evidence SET answers = $1 WHERE id = $2 AND member = $3")
                .bind(key.seal(aad, json))
                .bind(id)
                .bind(member)
                .execute(conn)
                .await?;
            Ok(())
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

        /// Copies the member's entry's current answers into a revision replaced at `at`,
        /// re-sealed for their new place. False (and nothing written) if the member has no
        /// such entry.
        pub(super) async fn keep_revision(
            conn: &mut Connection,
            key: &DataKey,
            member: i64,
            id: i64,
            at: DateTime<Utc>,
        ) -> StoreResult<bool> {
            // Concurrent edits must queue here, so that each keeps as its revision the answers
            // the one before it wrote; how is the backend's (see its `lock_entry`).
            if !<$store>::lock_entry(&mut *conn, member, id).await? {
                return Ok(false);
            }
            let current: Option<String> =
                sqlx::query_scalar("SELECT answers FROM evidence WHERE member = $1 AND id = $2")
                    .bind(member)
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await?;
            let Some(current) = current else {
                return Ok(false);
            };
            let entry_row = id.to_string();
            let json = key.open(
                Aad {
                    place: "evidence.answers",
                    row: &entry_row,
                    member,
                },
                &current,
            )?;
            // Checked, not trusted: a value that opens is JSON answers.
            answers_from_json(&json, "evidence.answers")?;
            let revision: i64 = sqlx::query_scalar(
                "INSERT INTO evidence_revisions (evidence_id, answers, replaced_at) \
                 VALUES ($1, '', $2) RETURNING id",
            )
            .bind(id)
            .bind(at)
            .fetch_one(&mut *conn)
            .await?;
            let row = revision.to_string();
            let aad = Aad {
                place: "evidence_revisions.answers",
                row: &row,
                member,
            };
            sqlx::query("UPDATE evidence_revisions SET answers = $1 WHERE id = $2")
                .bind(key.seal(aad, &json))
                .bind(revision)
                .execute(&mut *conn)
                .await?;
            Ok(true)
        }
    };
}

pub(crate) use evidence_writes;
