//! Evidence: entries, their tags and revisions, and prompt feedback, the same on both backends
//! but for the transactions they begin and the aggregate that joins tags.
//!
//! Every statement that touches an entry names its owner (`WHERE member = $1 AND id = $2`), so
//! an entry of someone else is indistinguishable from one that does not exist: the same `None`,
//! `false` or empty list, and nothing changed.

/// Implements [`EvidenceStore`](crate::store::EvidenceStore) for `$store` on the database
/// `$db`, with its reads and write steps in child modules `reads` and `writes`.
///
/// Uses the store's hooks: `begin_write` for each write transaction, `begin_snapshot` for a
/// page and its total, and (in `writes`) `lock_entry` before a revision is kept.
macro_rules! evidence_store {
    (store: $store:ident, db: $db:ty, group_concat: $group_concat:literal $(,)?) => {
        mod reads {
            $crate::store::sql::evidence_reads!(db: $db, group_concat: $group_concat);
        }

        mod writes {
            $crate::store::sql::evidence_writes!(store: super::$store, db: $db);
        }

        // An unnamed const scopes the imports to this expansion.
        const _: () = {
            use std::collections::{BTreeMap, BTreeSet};

            use chrono::{DateTime, Utc};

            use $crate::domain::curriculum::Area;
            use $crate::domain::evidence::{Answer, EvidenceEntry, Tag};
            use $crate::domain::member::DiscordId;
            use $crate::domain::prompt::PromptId;
            use $crate::store::rows::{RevisionRecord, answers_json, area_counts, db_id, prompt_ids};
            use $crate::store::{EvidenceFilter, EvidenceStore, NewEvidence, StoreResult};

            #[async_trait::async_trait]
            impl EvidenceStore for $store {
                async fn add_evidence(&self, entry: &NewEvidence) -> StoreResult<(i64, bool)> {
                    // A concurrent twin waits (on the write lock or the unique key), then finds the
                    // row committed.
                    let key = self.write_key(db_id(entry.member)?).await?;
                    let mut tx = self.begin_write().await?;
                    let Some(id) = writes::insert_entry(&mut tx, &key, entry).await? else {
                        // A duplicated event: name the entry it already made, and change nothing.
                        let existing = writes::id_by_source(&mut tx, &entry.source_key).await?;
                        return Ok((existing, false));
                    };
                    writes::insert_tags(&mut tx, id, &entry.tags).await?;
                    tx.commit().await?;
                    Ok((id, true))
                }

                async fn import_evidence(&self, entries: &[NewEvidence]) -> StoreResult<u64> {
                    let mut keys = $crate::store::sealing::KeySet::default();
                    for entry in entries {
                        let member = db_id(entry.member)?;
                        if !keys.contains(member) {
                            keys.insert(self.write_key(member).await?);
                        }
                    }
                    let mut tx = self.begin_write().await?;
                    let mut added = 0;
                    for entry in entries {
                        let key = keys.of(db_id(entry.member)?, "evidence.answers")?;
                        if let Some(id) = writes::insert_entry(&mut tx, key, entry).await? {
                            writes::insert_tags(&mut tx, id, &entry.tags).await?;
                            added += 1;
                        }
                    }
                    tx.commit().await?;
                    Ok(added)
                }

                async fn evidence_of(
                    &self,
                    member: DiscordId,
                    filter: &EvidenceFilter,
                ) -> StoreResult<(Vec<EvidenceEntry>, u32)> {
                    let member = db_id(member)?;
                    let keys = self.read_keys([member]).await?;
                    // One snapshot, so the page and the total describe the same entries.
                    let mut tx = self.begin_snapshot().await?;
                    let total = reads::count_matching(&mut tx, member, filter).await?;
                    let entries = reads::page(&mut tx, &keys, member, filter).await?;
                    tx.commit().await?;
                    Ok((entries, total))
                }

                async fn evidence_entry(
                    &self,
                    member: DiscordId,
                    id: i64,
                ) -> StoreResult<Option<EvidenceEntry>> {
                    let member = db_id(member)?;
                    let keys = self.read_keys([member]).await?;
                    reads::entry_by_id(&self.pool, &keys, member, id).await
                }

                async fn evidence_by_source(
                    &self,
                    member: DiscordId,
                    source_key: &str,
                ) -> StoreResult<Option<EvidenceEntry>> {
                    let member = db_id(member)?;
                    let keys = self.read_keys([member]).await?;
                    reads::entry_by_source(&self.pool, &keys, member, source_key).await
                }

                async fn update_evidence_answers(
                    &self,
                    member: DiscordId,
                    id: i64,
                    answers: &[Answer],
                    at: DateTime<Utc>,
                ) -> StoreResult<bool> {
                    let member = db_id(member)?;
                    let key = self.write_key(member).await?;
                    let mut tx = self.begin_write().await?;
                    // The old answers move into a revision first; no owned entry, no revision,
                    // no change.
                    if !writes::keep_revision(&mut tx, &key, member, id, at).await? {
                        return Ok(false);
                    }
                    writes::set_answers(&mut tx, &key, member, id, &answers_json(answers)).await?;
                    sqlx::query("UPDATE evidence SET updated_at = $1 WHERE id = $2")
                        .bind(at)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    Ok(true)
                }

                async fn evidence_revisions(
                    &self,
                    member: DiscordId,
                    id: i64,
                ) -> StoreResult<Vec<(DateTime<Utc>, Vec<Answer>)>> {
                    let member = db_id(member)?;
                    let records: Vec<RevisionRecord> = sqlx::query_as(
                        "SELECT r.id, e.member, r.replaced_at, r.answers FROM evidence_revisions r \
                         JOIN evidence e ON e.id = r.evidence_id \
                         WHERE e.member = $1 AND e.id = $2 ORDER BY r.replaced_at, r.id",
                    )
                    .bind(member)
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await?;
                    let keys = self.read_keys([member]).await?;
                    records
                        .into_iter()
                        .map(|record| record.into_revision(&keys))
                        .collect()
                }

                async fn delete_evidence(&self, member: DiscordId, id: i64) -> StoreResult<bool> {
                    // Tags and revisions go with the entry (ON DELETE CASCADE; on SQLite,
                    // foreign keys are switched on when the store opens).
                    let deleted = sqlx::query("DELETE FROM evidence WHERE member = $1 AND id = $2")
                        .bind(db_id(member)?)
                        .bind(id)
                        .execute(&self.pool)
                        .await?;
                    Ok(deleted.rows_affected() > 0)
                }

                async fn set_evidence_shared(
                    &self,
                    member: DiscordId,
                    id: i64,
                    shared: bool,
                    at: DateTime<Utc>,
                ) -> StoreResult<bool> {
                    let updated = sqlx::query(
                        // Shared from the first time it was shared; unsharing also takes back
                        // the wish to discuss it.
                        "UPDATE evidence SET shared = $3, \
                           shared_at = CASE WHEN $3 THEN COALESCE(shared_at, $4) ELSE NULL END, \
                           discuss_at = CASE WHEN $3 THEN discuss_at ELSE NULL END, \
                           updated_at = $4 \
                         WHERE member = $1 AND id = $2",
                    )
                    .bind(db_id(member)?)
                    .bind(id)
                    .bind(shared)
                    .bind(at)
                    .execute(&self.pool)
                    .await?;
                    Ok(updated.rows_affected() > 0)
                }

                async fn set_evidence_tags(
                    &self,
                    member: DiscordId,
                    id: i64,
                    tags: &BTreeSet<Tag>,
                    at: DateTime<Utc>,
                ) -> StoreResult<bool> {
                    let mut tx = self.begin_write().await?;
                    let owned = sqlx::query(
                        "UPDATE evidence SET updated_at = $3 WHERE member = $1 AND id = $2",
                    )
                    .bind(db_id(member)?)
                    .bind(id)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                    if owned.rows_affected() == 0 {
                        return Ok(false);
                    }
                    sqlx::query("DELETE FROM evidence_tags WHERE evidence_id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    writes::insert_tags(&mut tx, id, tags).await?;
                    tx.commit().await?;
                    Ok(true)
                }

                async fn evidence_counts(
                    &self,
                    member: DiscordId,
                ) -> StoreResult<BTreeMap<Area, u32>> {
                    let rows: Vec<(String, i64)> = sqlx::query_as(
                        "SELECT t.tag, COUNT(*) FROM evidence_tags t \
                         JOIN evidence e ON e.id = t.evidence_id \
                         WHERE e.member = $1 GROUP BY t.tag",
                    )
                    .bind(db_id(member)?)
                    .fetch_all(&self.pool)
                    .await?;
                    area_counts(rows)
                }

                async fn mark_not_relevant(
                    &self,
                    member: DiscordId,
                    prompt: &PromptId,
                    at: DateTime<Utc>,
                ) -> StoreResult<()> {
                    // DO NOTHING: marking again keeps the first time it was said.
                    sqlx::query(
                        "INSERT INTO prompt_feedback (member, prompt_id, not_relevant_at) \
                         VALUES ($1, $2, $3) ON CONFLICT (member, prompt_id) DO NOTHING",
                    )
                    .bind(db_id(member)?)
                    .bind(prompt.as_str())
                    .bind(at)
                    .execute(&self.pool)
                    .await?;
                    Ok(())
                }

                async fn not_relevant_prompts(
                    &self,
                    member: DiscordId,
                ) -> StoreResult<BTreeSet<PromptId>> {
                    let ids: Vec<String> = sqlx::query_scalar(
                        "SELECT prompt_id FROM prompt_feedback WHERE member = $1",
                    )
                    .bind(db_id(member)?)
                    .fetch_all(&self.pool)
                    .await?;
                    prompt_ids(ids)
                }
            }
        };
    };
}

pub(crate) use evidence_store;
