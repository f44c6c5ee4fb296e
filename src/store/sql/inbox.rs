//! The inbox, the same on both backends: each incoming DM is written here, keyed by its event,
//! before anything else happens to it, so a duplicate event is a no-op and a failed processing
//! is retried.
//!
//! Each method is one statement, so none needs a transaction of its own.

/// Implements [`InboxStore`](crate::store::InboxStore) for `$store`, a store type with a
/// `pool` field.
macro_rules! inbox_store {
    (store: $store:ident) => {
        // An unnamed const scopes the imports to this expansion.
        const _: () = {
            use chrono::{DateTime, Utc};

            use $crate::domain::inbox::InboundMessage;
            use $crate::store::rows::{
                InboxRecord, db_id, db_snowflake, kind_slug, short_error, sql_limit,
            };
            use $crate::store::{InboxItem, InboxStore, StoreResult};

            #[async_trait::async_trait]
            impl InboxStore for $store {
                async fn record_inbound(
                    &self,
                    message: &InboundMessage,
                    received_at: DateTime<Utc>,
                ) -> StoreResult<bool> {
                    let author = db_id(message.author)?;
                    let key = self.write_key(author).await?;
                    let event_key = message.event_key();
                    let aad = $crate::store::sealing::Aad {
                        place: "inbox.content",
                        row: &event_key,
                        member: author,
                    };
                    let written = sqlx::query(
                        "INSERT INTO inbox (event_key, message_id, channel_id, author, kind, \
                                            content, reply_to, written_at, received_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                         ON CONFLICT (event_key) DO NOTHING",
                    )
                    .bind(&event_key)
                    .bind(db_snowflake(message.message_id)?)
                    .bind(db_snowflake(message.channel_id)?)
                    .bind(author)
                    .bind(kind_slug(message.kind))
                    .bind(key.seal(aad, &message.content))
                    .bind(message.reply_to.map(db_snowflake).transpose()?)
                    .bind(message.written_at)
                    .bind(received_at)
                    .execute(&self.pool)
                    .await?;
                    Ok(written.rows_affected() == 1)
                }

                async fn unprocessed_inbound(
                    &self,
                    max_attempts: u32,
                    limit: u32,
                ) -> StoreResult<Vec<InboxItem>> {
                    let records: Vec<InboxRecord> = sqlx::query_as(
                        "SELECT event_key, message_id, channel_id, author, kind, content, \
                                reply_to, written_at, attempts \
                         FROM inbox WHERE processed_at IS NULL AND attempts < $1 \
                           AND content IS NOT NULL \
                         ORDER BY received_at, event_key LIMIT $2",
                    )
                    .bind(i64::from(max_attempts))
                    .bind(sql_limit(limit))
                    .fetch_all(&self.pool)
                    .await?;
                    let keys = self.read_keys(records.iter().map(InboxRecord::author)).await?;
                    records
                        .into_iter()
                        .map(|record| record.into_item(&keys))
                        .collect()
                }

                async fn mark_inbound_processed(
                    &self,
                    event_key: &str,
                    at: DateTime<Utc>,
                ) -> StoreResult<()> {
                    // The text goes as soon as it has been handled: the evidence entry keeps
                    // what is needed, so reflection text has one home, and privacy reviews and
                    // erasure have one place to look. The key stays, so a redelivered event is
                    // still recognised.
                    sqlx::query(
                        "UPDATE inbox SET processed_at = COALESCE(processed_at, $2), \
                           content = NULL \
                         WHERE event_key = $1",
                    )
                    .bind(event_key)
                    .bind(at)
                    .execute(&self.pool)
                    .await?;
                    Ok(())
                }

                async fn mark_inbound_failed(
                    &self,
                    event_key: &str,
                    error: &str,
                    give_up_after: u32,
                    at: DateTime<Utc>,
                ) -> StoreResult<()> {
                    // A processed item is done; a late failure report must not count against it.
                    sqlx::query(
                        "UPDATE inbox SET attempts = attempts + 1, last_error = $2, \
                           last_failed_at = $3, \
                           content = CASE WHEN attempts + 1 >= $4 THEN NULL ELSE content END \
                         WHERE event_key = $1 AND processed_at IS NULL",
                    )
                    .bind(event_key)
                    .bind(short_error(error))
                    .bind(at)
                    .bind(i64::from(give_up_after))
                    .execute(&self.pool)
                    .await?;
                    Ok(())
                }
            }
        };
    };
}

pub(crate) use inbox_store;
