//! The retention job's deletions by age, the same on both backends: one statement each.

/// Implements [`RetentionStore`](crate::store::RetentionStore) for `$store`.
macro_rules! retention_store {
    (store: $store:ident) => {
        const _: () = {
            use chrono::{DateTime, Utc};

            use $crate::store::{RetentionStore, StoreResult};

            #[async_trait::async_trait]
            impl RetentionStore for $store {
                async fn clear_stale_inbox_text(
                    &self,
                    received_before: DateTime<Utc>,
                ) -> StoreResult<u64> {
                    // Without its text an item cannot be processed, so `unprocessed_inbound`
                    // no longer offers it; the key stays, so a redelivered event is still
                    // recognised.
                    let cleared = sqlx::query(
                        "UPDATE inbox SET content = NULL, last_error = 'retention' \
                         WHERE processed_at IS NULL AND content IS NOT NULL \
                           AND received_at < $1",
                    )
                    .bind(received_before)
                    .execute(&self.pool)
                    .await?;
                    Ok(cleared.rows_affected())
                }

                async fn purge_leavers_evidence(
                    &self,
                    left_before: DateTime<Utc>,
                ) -> StoreResult<u64> {
                    // Tags, revisions and comments go with their entry (ON DELETE CASCADE).
                    let deleted = sqlx::query(
                        "DELETE FROM evidence WHERE member IN \
                           (SELECT discord_id FROM members \
                            WHERE status = 'left' AND left_at < $1)",
                    )
                    .bind(left_before)
                    .execute(&self.pool)
                    .await?;
                    Ok(deleted.rows_affected())
                }
            }
        };
    };
}

pub(crate) use retention_store;
