//! Case discussions, the same on both backends. Closing a case and queueing its contributors'
//! reflection prompts is one transaction begun with the store's `begin_write`.

/// Implements [`CaseStore`](crate::store::CaseStore) for `$store` on `$db`; `insert_delivery`
/// is the queue's insert, run in the closing transaction.
macro_rules! case_store {
    (store: $store:ident, db: $db:ty, insert_delivery: $insert_delivery:path $(,)?) => {
        const _: () = {
            use chrono::{DateTime, Utc};

            use $crate::domain::case::{Case, CaseSummary, NewCase};
            use $crate::domain::delivery::NewDelivery;
            use $crate::domain::member::DiscordId;
            use $crate::store::rows::case::{CaseRecord, case_select, domains_column};
            use $crate::store::rows::{db_id, discord_id};
            use $crate::store::{CaseStore, StoreResult};

            fn snowflake(id: u64) -> StoreResult<i64> {
                db_id(DiscordId(id))
            }

            #[async_trait::async_trait]
            impl CaseStore for $store {
                async fn set_case_channel(
                    &self,
                    team: &str,
                    guild_id: u64,
                    channel_id: u64,
                ) -> StoreResult<bool> {
                    let saved = sqlx::query(
                        "INSERT INTO team_case_channels (team_id, channel_id, guild_id) \
                         SELECT t.id, $2, $3 FROM teams t WHERE t.name = $1 \
                         ON CONFLICT (team_id) DO UPDATE SET channel_id = excluded.channel_id, \
                           guild_id = excluded.guild_id",
                    )
                    .bind(team)
                    .bind(snowflake(channel_id)?)
                    .bind(snowflake(guild_id)?)
                    .execute(&self.pool)
                    .await?;
                    Ok(saved.rows_affected() == 1)
                }

                async fn case_channel(&self, team: &str) -> StoreResult<Option<(u64, u64)>> {
                    let row: Option<(i64, i64)> = sqlx::query_as(
                        "SELECT c.guild_id, c.channel_id FROM team_case_channels c \
                         JOIN teams t ON t.id = c.team_id WHERE t.name = $1",
                    )
                    .bind(team)
                    .fetch_optional(&self.pool)
                    .await?;
                    Ok(row.map(|(g, c)| (g as u64, c as u64)))
                }

                async fn open_case(&self, new: &NewCase) -> StoreResult<Option<i64>> {
                    let id = sqlx::query_scalar(
                        "INSERT INTO cases (team_id, channel_id, thread_id, title, template, \
                           domains, lead, opened_at) \
                         SELECT t.id, $2, $3, $4, $5, $6, $7, $8 FROM teams t WHERE t.name = $1 \
                         RETURNING id",
                    )
                    .bind(&new.team)
                    .bind(snowflake(new.channel_id)?)
                    .bind(snowflake(new.thread_id)?)
                    .bind(&new.title)
                    .bind(&new.template)
                    .bind(domains_column(&new.domains))
                    .bind(db_id(new.lead)?)
                    .bind(new.at)
                    .fetch_optional(&self.pool)
                    .await?;
                    Ok(id)
                }

                async fn case_by_thread(&self, thread_id: u64) -> StoreResult<Option<Case>> {
                    let sql = concat!(case_select!(), " WHERE c.thread_id = $1");
                    let record: Option<CaseRecord> = sqlx::query_as(sql)
                        .bind(snowflake(thread_id)?)
                        .fetch_optional(&self.pool)
                        .await?;
                    let Some(record) = record else {
                        return Ok(None);
                    };
                    let keys = self.read_keys([record.lead()]).await?;
                    record.into_case(&keys).map(Some)
                }

                async fn case(&self, id: i64) -> StoreResult<Option<Case>> {
                    let sql = concat!(case_select!(), " WHERE c.id = $1");
                    let record: Option<CaseRecord> = sqlx::query_as(sql)
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?;
                    let Some(record) = record else {
                        return Ok(None);
                    };
                    let keys = self.read_keys([record.lead()]).await?;
                    record.into_case(&keys).map(Some)
                }

                async fn advance_case_stage(
                    &self,
                    id: i64,
                    from: usize,
                    to: usize,
                ) -> StoreResult<bool> {
                    let moved = sqlx::query(
                        "UPDATE cases SET stage = $3 \
                         WHERE id = $1 AND stage = $2 AND status = 'open'",
                    )
                    .bind(id)
                    .bind(i32::try_from(from).unwrap_or(i32::MAX))
                    .bind(i32::try_from(to).unwrap_or(i32::MAX))
                    .execute(&self.pool)
                    .await?;
                    Ok(moved.rows_affected() == 1)
                }

                async fn add_case_contributor(
                    &self,
                    id: i64,
                    member: DiscordId,
                    at: DateTime<Utc>,
                ) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO case_contributors (case_id, discord_id, first_at) \
                         VALUES ($1, $2, $3) ON CONFLICT (case_id, discord_id) DO NOTHING",
                    )
                    .bind(id)
                    .bind(db_id(member)?)
                    .bind(at)
                    .execute(&self.pool)
                    .await?;
                    Ok(())
                }

                async fn case_contributors(&self, id: i64) -> StoreResult<Vec<DiscordId>> {
                    let ids: Vec<i64> = sqlx::query_scalar(
                        "SELECT discord_id FROM case_contributors WHERE case_id = $1 \
                         ORDER BY discord_id",
                    )
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await?;
                    ids.into_iter()
                        .map(|id| discord_id(id, "case_contributors.discord_id"))
                        .collect()
                }

                async fn close_case(
                    &self,
                    id: i64,
                    summary: &CaseSummary,
                    at: DateTime<Utc>,
                    deliveries: &[NewDelivery],
                ) -> StoreResult<bool> {
                    // The summary is the lead's writing, sealed under the lead's key.
                    let lead: Option<i64> = sqlx::query_scalar("SELECT lead FROM cases WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?;
                    let Some(lead) = lead else {
                        return Ok(false);
                    };
                    let key = self.write_key(lead).await?;
                    let row = id.to_string();
                    let seal = |place: &'static str, text: &str| {
                        let aad = $crate::store::sealing::Aad { place, row: &row, member: lead };
                        key.seal(aad, text)
                    };
                    let mut tx = self.begin_write().await?;
                    let closed = sqlx::query(
                        "UPDATE cases SET status = 'closed', closed_at = $2, \
                           summary_learning = $3, summary_differently = $4, \
                           summary_questions = $5 \
                         WHERE id = $1 AND status = 'open'",
                    )
                    .bind(id)
                    .bind(at)
                    .bind(seal("cases.summary_learning", &summary.learning))
                    .bind(seal("cases.summary_differently", &summary.differently))
                    .bind(seal("cases.summary_questions", &summary.questions))
                    .execute(&mut *tx)
                    .await?;
                    if closed.rows_affected() != 1 {
                        return Ok(false);
                    }
                    for new in deliveries {
                        $insert_delivery(&mut *tx, new).await?;
                    }
                    tx.commit().await?;
                    Ok(true)
                }

                async fn reopen_case(&self, id: i64) -> StoreResult<bool> {
                    let opened = sqlx::query(
                        "UPDATE cases SET status = 'open' WHERE id = $1 AND status = 'closed'",
                    )
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                    Ok(opened.rows_affected() == 1)
                }
            }
        };
    };
}

pub(crate) use case_store;
