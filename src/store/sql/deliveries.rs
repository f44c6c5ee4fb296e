//! The delivery outbox and the DM channel cache, the same on both backends but for the claim.
//!
//! Status literals in the SQL are the domain's slugs; `'pending'` and `'sent'` are written out
//! so that the partial indexes of migration 0002 apply.

/// Implements [`DeliveryStore`](crate::store::DeliveryStore) for `$store` on the database
/// `$db`, and defines `insert_delivery` in the invoking module (the scheduler records a due
/// delivery with it inside its own transaction).
///
/// `claim_pending` is the backend's claim statement, the one place the two differ: it takes
/// `$1` lease until, `$2` now, `$3` limit, and returns the claimed rows' `delivery_columns!()`.
macro_rules! delivery_store {
    (store: $store:ident, db: $db:ty, claim_pending: $claim_pending:expr $(,)?) => {
        mod dm_channels {
            $crate::store::sql::dm_channel_queries!(db: $db);
        }

        /// Records a delivery unless (member, occurrence_key) exists; the new id, or `None`.
        pub(super) async fn insert_delivery<'e>(
            db: impl sqlx::Executor<'e, Database = $db>,
            new: &$crate::domain::delivery::NewDelivery,
        ) -> $crate::store::StoreResult<Option<i64>> {
            let (prompt_id, area, payload) =
                $crate::store::rows::delivery::payload_columns(&new.payload);
            let id = sqlx::query_scalar(
                "INSERT INTO deliveries (discord_id, occurrence_key, kind, prompt_id, area, \
                   payload, status, due_at, follows, attempts, next_attempt_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, 0, $7) \
                 ON CONFLICT (discord_id, occurrence_key) DO NOTHING RETURNING id",
            )
            .bind($crate::store::rows::db_id(new.member)?)
            .bind(&new.occurrence_key)
            .bind(new.kind.slug())
            .bind(prompt_id)
            .bind(area)
            .bind(payload)
            .bind(new.due_at)
            .bind(new.follows)
            .fetch_optional(db)
            .await?;
            Ok(id)
        }

        // An unnamed const scopes the imports to this expansion.
        const _: () = {
            use std::collections::BTreeMap;

            use chrono::{DateTime, Utc};

            use $crate::domain::delivery::{Delivery, DeliveryKind, DeliveryStatus, NewDelivery};
            use $crate::domain::member::DiscordId;
            use $crate::domain::prompt::PromptId;
            use $crate::store::rows::db_id;
            use $crate::store::rows::delivery::{
                self, DeliveryRecord, closed_by_member, db_snowflake, delivery_columns,
            };
            use $crate::store::{DeliveryStore, DmChannel, StoreResult};

            /// One delivery found by a query taking a single id-like parameter.
            async fn one_delivery(
                store: &$store,
                sql: &'static str,
                key: i64,
            ) -> StoreResult<Option<Delivery>> {
                let record: Option<DeliveryRecord> = sqlx::query_as(sql)
                    .bind(key)
                    .fetch_optional(&store.pool)
                    .await?;
                record.map(DeliveryRecord::into_delivery).transpose()
            }

            #[async_trait::async_trait]
            impl DeliveryStore for $store {
                async fn record_delivery(&self, new: &NewDelivery) -> StoreResult<Option<i64>> {
                    insert_delivery(&self.pool, new).await
                }

                async fn claim_pending_deliveries(
                    &self,
                    now: DateTime<Utc>,
                    lease_until: DateTime<Utc>,
                    limit: u32,
                ) -> StoreResult<Vec<Delivery>> {
                    let records = sqlx::query_as($claim_pending)
                        .bind(lease_until)
                        .bind(now)
                        .bind(i64::from(limit))
                        .fetch_all(&self.pool)
                        .await?;
                    delivery::claimed(records)
                }

                async fn mark_delivery_sent(
                    &self,
                    id: i64,
                    channel_id: u64,
                    message_id: u64,
                    at: DateTime<Utc>,
                ) -> StoreResult<()> {
                    // Where it landed is always recorded (a button on it may still be clicked),
                    // but a delivery cancelled while it was being sent stays cancelled.
                    sqlx::query(
                        "UPDATE deliveries SET channel_id = $1, message_id = $2, sent_at = $3, \
                           status = CASE WHEN status = 'pending' THEN 'sent' ELSE status END \
                         WHERE id = $4",
                    )
                    .bind(db_snowflake(channel_id)?)
                    .bind(db_snowflake(message_id)?)
                    .bind(at)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                    Ok(())
                }

                async fn reschedule_delivery(
                    &self,
                    id: i64,
                    retry_at: DateTime<Utc>,
                    error: &str,
                ) -> StoreResult<()> {
                    sqlx::query(
                        "UPDATE deliveries SET next_attempt_at = $1, last_error = $2 \
                         WHERE id = $3",
                    )
                    .bind(retry_at)
                    .bind(error)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                    Ok(())
                }

                async fn set_delivery_status(
                    &self,
                    id: i64,
                    status: DeliveryStatus,
                    error: Option<&str>,
                    at: DateTime<Utc>,
                ) -> StoreResult<bool> {
                    let closed_at = closed_by_member(status).then_some(at);
                    let updated = sqlx::query(
                        "UPDATE deliveries SET status = $1, \
                           closed_at = COALESCE($2, closed_at), \
                           last_error = COALESCE($3, last_error) \
                         WHERE id = $4",
                    )
                    .bind(status.slug())
                    .bind(closed_at)
                    .bind(error)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                    Ok(updated.rows_affected() > 0)
                }

                async fn cancel_pending_deliveries(
                    &self,
                    member: DiscordId,
                    at: DateTime<Utc>,
                ) -> StoreResult<u64> {
                    let cancelled = sqlx::query(
                        "UPDATE deliveries SET status = 'expired', closed_at = $1 \
                         WHERE discord_id = $2 AND status = 'pending'",
                    )
                    .bind(at)
                    .bind(db_id(member)?)
                    .execute(&self.pool)
                    .await?;
                    Ok(cancelled.rows_affected())
                }

                async fn cancel_pending_of_kind(
                    &self,
                    member: DiscordId,
                    kind: DeliveryKind,
                    at: DateTime<Utc>,
                ) -> StoreResult<u64> {
                    let cancelled = sqlx::query(
                        "UPDATE deliveries SET status = 'expired', closed_at = $1, \
                           last_error = 'cancelled' \
                         WHERE discord_id = $2 AND kind = $3 AND status = 'pending'",
                    )
                    .bind(at)
                    .bind(db_id(member)?)
                    .bind(kind.slug())
                    .execute(&self.pool)
                    .await?;
                    Ok(cancelled.rows_affected())
                }

                async fn delivery(&self, id: i64) -> StoreResult<Option<Delivery>> {
                    let sql = concat!(
                        "SELECT ",
                        delivery_columns!(),
                        " FROM deliveries WHERE id = $1"
                    );
                    one_delivery(self, sql, id).await
                }

                async fn delivery_by_message(
                    &self,
                    message_id: u64,
                ) -> StoreResult<Option<Delivery>> {
                    let sql = concat!(
                        "SELECT ",
                        delivery_columns!(),
                        " FROM deliveries WHERE message_id = $1 ORDER BY id DESC LIMIT 1"
                    );
                    one_delivery(self, sql, db_snowflake(message_id)?).await
                }

                async fn latest_open_delivery(
                    &self,
                    member: DiscordId,
                    since: DateTime<Utc>,
                ) -> StoreResult<Option<Delivery>> {
                    let sql = concat!(
                        "SELECT ",
                        delivery_columns!(),
                        " FROM deliveries \
                         WHERE discord_id = $1 AND status = 'sent' AND sent_at >= $2 \
                           AND prompt_id IS NOT NULL \
                         ORDER BY sent_at DESC, id DESC LIMIT 1"
                    );
                    let record: Option<DeliveryRecord> = sqlx::query_as(sql)
                        .bind(db_id(member)?)
                        .bind(since)
                        .fetch_optional(&self.pool)
                        .await?;
                    record.map(DeliveryRecord::into_delivery).transpose()
                }

                async fn deliveries_awaiting_reminder(
                    &self,
                    sent_before: DateTime<Utc>,
                    limit: u32,
                ) -> StoreResult<Vec<Delivery>> {
                    let sql = concat!(
                        "SELECT ",
                        delivery_columns!(),
                        " FROM deliveries d WHERE d.status = 'sent' \
                           AND d.kind IN ('scheduled', 'on_request', 'snoozed') \
                           AND d.sent_at <= $1 \
                           AND NOT EXISTS (SELECT 1 FROM deliveries r \
                                           WHERE r.follows = d.id AND r.kind = 'reminder') \
                         ORDER BY d.sent_at, d.id LIMIT $2"
                    );
                    let records = sqlx::query_as(sql)
                        .bind(sent_before)
                        .bind(i64::from(limit))
                        .fetch_all(&self.pool)
                        .await?;
                    delivery::deliveries(records)
                }

                async fn deliveries_of(&self, member: DiscordId) -> StoreResult<Vec<Delivery>> {
                    let sql = concat!(
                        "SELECT ",
                        delivery_columns!(),
                        " FROM deliveries WHERE discord_id = $1 ORDER BY due_at DESC, id DESC"
                    );
                    let records = sqlx::query_as(sql)
                        .bind(db_id(member)?)
                        .fetch_all(&self.pool)
                        .await?;
                    delivery::deliveries(records)
                }

                async fn prompt_history(
                    &self,
                    member: DiscordId,
                ) -> StoreResult<BTreeMap<PromptId, DateTime<Utc>>> {
                    // Only prompts that reached the member count as "asked"; a sent one has
                    // `sent_at`.
                    let rows = sqlx::query_as(
                        "SELECT prompt_id, MAX(COALESCE(sent_at, due_at)) FROM deliveries \
                         WHERE discord_id = $1 AND prompt_id IS NOT NULL \
                           AND status NOT IN ('pending', 'failed', 'unreachable', 'expired') \
                         GROUP BY prompt_id",
                    )
                    .bind(db_id(member)?)
                    .fetch_all(&self.pool)
                    .await?;
                    delivery::prompt_history(rows)
                }

                async fn dm_channel(&self, member: DiscordId) -> StoreResult<Option<u64>> {
                    dm_channels::channel_of(&self.pool, member).await
                }

                async fn save_dm_channel(
                    &self,
                    member: DiscordId,
                    channel_id: u64,
                ) -> StoreResult<()> {
                    dm_channels::save(&self.pool, member, channel_id).await
                }

                async fn dm_channels(&self) -> StoreResult<Vec<DmChannel>> {
                    dm_channels::all(&self.pool).await
                }

                async fn advance_dm_cursor(
                    &self,
                    channel_id: u64,
                    message_id: u64,
                ) -> StoreResult<()> {
                    dm_channels::advance_cursor(&self.pool, channel_id, message_id).await
                }
            }
        };
    };
}

pub(crate) use delivery_store;
