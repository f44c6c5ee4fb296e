//! Each member's DM channel and the backfill cursor in it, the same on both backends.
//!
//! Kept apart from the outbox because it answers a different question (where to send, and how
//! far the bot has read), though the `DeliveryStore` trait carries both.

/// Defines, in the invoking module, the DM channel statements for the database `$db`:
/// `channel_of`, `save`, `all` and `advance_cursor`, each taking the pool.
macro_rules! dm_channel_queries {
    (db: $db:ty) => {
        use sqlx::Pool;

        use $crate::domain::member::DiscordId;
        use $crate::store::rows::db_id;
        use $crate::store::rows::delivery::{DmChannelRecord, db_snowflake, snowflake};
        use $crate::store::{DmChannel, StoreResult};

        /// The member's cached DM channel.
        pub(super) async fn channel_of(
            pool: &Pool<$db>,
            member: DiscordId,
        ) -> StoreResult<Option<u64>> {
            let found: Option<i64> =
                sqlx::query_scalar("SELECT channel_id FROM dm_channels WHERE discord_id = $1")
                    .bind(db_id(member)?)
                    .fetch_optional(pool)
                    .await?;
            found
                .map(|id| snowflake(id, "dm_channels.channel_id"))
                .transpose()
        }

        /// Caches the member's DM channel; saving the same channel again changes nothing.
        pub(super) async fn save(
            pool: &Pool<$db>,
            member: DiscordId,
            channel_id: u64,
        ) -> StoreResult<()> {
            // A different channel starts a fresh cursor: message ids of the old one mean nothing.
            sqlx::query(
                "INSERT INTO dm_channels (discord_id, channel_id) VALUES ($1, $2) \
                 ON CONFLICT (discord_id) DO UPDATE SET channel_id = excluded.channel_id, \
                   last_seen_message_id = CASE WHEN dm_channels.channel_id = excluded.channel_id \
                     THEN dm_channels.last_seen_message_id END",
            )
            .bind(db_id(member)?)
            .bind(db_snowflake(channel_id)?)
            .execute(pool)
            .await?;
            Ok(())
        }

        /// Every cached channel, by member.
        pub(super) async fn all(pool: &Pool<$db>) -> StoreResult<Vec<DmChannel>> {
            let records: Vec<DmChannelRecord> = sqlx::query_as(
                "SELECT discord_id, channel_id, last_seen_message_id FROM dm_channels \
                 ORDER BY discord_id",
            )
            .fetch_all(pool)
            .await?;
            records
                .into_iter()
                .map(DmChannelRecord::into_channel)
                .collect()
        }

        /// Moves the channel's cursor to `message_id` if that is further on.
        pub(super) async fn advance_cursor(
            pool: &Pool<$db>,
            channel_id: u64,
            message_id: u64,
        ) -> StoreResult<()> {
            // Snowflakes grow with time, so "forward" is numerically greater.
            sqlx::query(
                "UPDATE dm_channels SET last_seen_message_id = $1 \
                 WHERE channel_id = $2 \
                   AND (last_seen_message_id IS NULL OR last_seen_message_id < $1)",
            )
            .bind(db_snowflake(message_id)?)
            .bind(db_snowflake(channel_id)?)
            .execute(pool)
            .await?;
            Ok(())
        }
    };
}

pub(crate) use dm_channel_queries;
