//! Sharing, discussing and commenting, the same on both backends. Every statement a supervisor
//! runs joins `supervision` as it stands and requires `shared`, so access ends the moment a
//! link is removed or an entry unshared.

/// The supervisees of `$1` — only `$2` when it is not NULL — as a subquery.
macro_rules! supervisees_of {
    () => {
        "(SELECT s.trainee_id FROM supervision s \
           WHERE s.supervisor_id = $1 AND ($2 IS NULL OR s.trainee_id = $2))"
    };
}

/// Implements [`SupervisionStore`](crate::store::SupervisionStore) for `$store` on `$db`.
macro_rules! supervision_store {
    (store: $store:ident, db: $db:ty, group_concat: $group_concat:literal $(,)?) => {
        const _: () = {
            use std::collections::BTreeMap;

            use chrono::{DateTime, Utc};

            use $crate::domain::evidence::EvidenceEntry;
            use $crate::domain::member::DiscordId;
            use $crate::domain::supervision::{Comment, CommentKind};
            use $crate::store::rows::supervision::{
                CommentRecord, comment_columns, comments_by_entry,
            };
            use $crate::store::rows::{EvidenceRecord, db_id, discord_id};
            use $crate::store::sql::evidence_select;
            use $crate::store::{KeptComment, StoreResult, SupervisionStore};

            #[async_trait::async_trait]
            impl SupervisionStore for $store {
                async fn set_evidence_discuss(
                    &self,
                    member: DiscordId,
                    id: i64,
                    discuss: bool,
                    at: DateTime<Utc>,
                ) -> StoreResult<bool> {
                    // Flagging shares the entry: a supervisor cannot discuss what they cannot
                    // read. Clearing the flag leaves it shared.
                    let updated = sqlx::query(
                        "UPDATE evidence SET \
                           discuss_at = CASE WHEN $3 THEN $4 ELSE NULL END, \
                           shared_at = CASE WHEN $3 THEN COALESCE(shared_at, $4) \
                                            ELSE shared_at END, \
                           shared = CASE WHEN $3 THEN TRUE ELSE shared END, \
                           updated_at = $4 \
                         WHERE member = $1 AND id = $2",
                    )
                    .bind(db_id(member)?)
                    .bind(id)
                    .bind(discuss)
                    .bind(at)
                    .execute(&self.pool)
                    .await?;
                    Ok(updated.rows_affected() > 0)
                }

                async fn shared_entry(
                    &self,
                    supervisor: DiscordId,
                    id: i64,
                ) -> StoreResult<Option<EvidenceEntry>> {
                    let sql = concat!(
                        evidence_select!($group_concat),
                        " WHERE e.id = $2 AND e.shared = TRUE AND e.member IN \
                           (SELECT trainee_id FROM supervision WHERE supervisor_id = $1)"
                    );
                    let record: Option<EvidenceRecord> = sqlx::query_as(sql)
                        .bind(db_id(supervisor)?)
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?;
                    let Some(record) = record else {
                        return Ok(None);
                    };
                    let keys = self.read_keys([record.member()]).await?;
                    record.into_entry(&keys).map(Some)
                }

                async fn add_comment(
                    &self,
                    supervisor: DiscordId,
                    id: i64,
                    kind: CommentKind,
                    body: Option<&str>,
                    at: DateTime<Utc>,
                ) -> StoreResult<Option<KeptComment>> {
                    // The body is sealed under the entry owner's key, looked up before the
                    // transaction (see `store::sql::keys`); the check that the supervisor may
                    // comment is the one inside it.
                    let owner: Option<i64> =
                        sqlx::query_scalar("SELECT member FROM evidence WHERE id = $1")
                            .bind(id)
                            .fetch_optional(&self.pool)
                            .await?;
                    let Some(owner_before) = owner else {
                        return Ok(None);
                    };
                    let key = self.write_key(owner_before).await?;
                    let mut tx = self.begin_write().await?;
                    let owner: Option<i64> = sqlx::query_scalar(
                        "SELECT e.member FROM evidence e \
                         WHERE e.id = $2 AND e.shared = TRUE AND e.member IN \
                           (SELECT trainee_id FROM supervision WHERE supervisor_id = $1)",
                    )
                    .bind(db_id(supervisor)?)
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some(owner) = owner.filter(|o| *o == owner_before) else {
                        return Ok(None);
                    };
                    let comment: i64 = sqlx::query_scalar(
                        "INSERT INTO evidence_comments (evidence_id, author, kind, body, created_at) \
                         VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    )
                    .bind(id)
                    .bind(db_id(supervisor)?)
                    .bind(kind.slug())
                    // A placeholder until the body is sealed below (the kind's CHECK wants
                    // a body exactly when it is a comment).
                    .bind(body.map(|_| ""))
                    .bind(at)
                    .fetch_one(&mut *tx)
                    .await?;
                    // Sealed once the row has its id, which the associated data names.
                    if let Some(body) = body {
                        let row = comment.to_string();
                        let aad = $crate::store::sealing::Aad {
                            place: "evidence_comments.body",
                            row: &row,
                            member: owner,
                        };
                        sqlx::query("UPDATE evidence_comments SET body = $1 WHERE id = $2")
                            .bind(key.seal(aad, body))
                            .bind(comment)
                            .execute(&mut *tx)
                            .await?;
                    }
                    tx.commit().await?;
                    Ok(Some(KeptComment {
                        id: comment,
                        trainee: discord_id(owner, "evidence.member")?,
                    }))
                }

                async fn comments_on(
                    &self,
                    member: DiscordId,
                    id: i64,
                ) -> StoreResult<Vec<Comment>> {
                    let sql = concat!(
                        "SELECT ",
                        comment_columns!(),
                        " WHERE c.evidence_id = $2 AND c.evidence_id IN \
                           (SELECT id FROM evidence WHERE member = $1) \
                         ORDER BY c.created_at, c.id"
                    );
                    let records: Vec<CommentRecord> = sqlx::query_as(sql)
                        .bind(db_id(member)?)
                        .bind(id)
                        .fetch_all(&self.pool)
                        .await?;
                    let keys = self.read_keys([db_id(member)?]).await?;
                    records
                        .into_iter()
                        .map(|record| record.into_comment(&keys))
                        .collect()
                }

                async fn comments_of(
                    &self,
                    member: DiscordId,
                ) -> StoreResult<BTreeMap<i64, Vec<Comment>>> {
                    let sql = concat!(
                        "SELECT ",
                        comment_columns!(),
                        " JOIN evidence e ON e.id = c.evidence_id WHERE e.member = $1 \
                         ORDER BY c.created_at, c.id"
                    );
                    let records: Vec<CommentRecord> = sqlx::query_as(sql)
                        .bind(db_id(member)?)
                        .fetch_all(&self.pool)
                        .await?;
                    let keys = self.read_keys([db_id(member)?]).await?;
                    comments_by_entry(records, &keys)
                }
            }
        };
    };
}

pub(crate) use {supervisees_of, supervision_store};
