//! Schedules and the scheduler's cursor, the same on both backends but for a NULL-safe
//! comparison and the transaction a write begins with.
//!
//! The cursor moves by compare-and-set on `next_due` in the transaction that also records the
//! due delivery, so "decided it is due" and "recorded the delivery" commit together or not at
//! all; how each backend keeps two schedulers from both recording it is said where the backend
//! invokes [`schedule_store!`].

/// Implements [`ScheduleStore`](crate::store::ScheduleStore) for `$store` on the database `$db`.
///
/// - `is_not_distinct` is the backend's NULL-safe equality (`IS` on SQLite, `IS NOT DISTINCT
///   FROM` on PostgreSQL), so an expected `next_due` of NULL matches a NULL cursor.
/// - `insert_delivery` is the outbox's insert, run in the same transaction.
/// - Writes begin with the store's `begin_write`.
macro_rules! schedule_store {
    (
        store: $store:ident,
        db: $db:ty,
        is_not_distinct: $is_not_distinct:literal,
        insert_delivery: $insert_delivery:path $(,)?
    ) => {
        // An unnamed const scopes the imports to this expansion.
        const _: () = {
            use chrono::{DateTime, Utc};

            use $crate::domain::member::DiscordId;
            use $crate::store::rows::schedule::{
                RuleColumns, ScheduleRecord, schedule_select, due_schedules_from_rows, schedules_from_rows,
            };
            use $crate::store::rows::{db_id, discord_id};
            use $crate::store::{ScheduleAdvance, ScheduleState, ScheduleStore, StoreResult};

            type Connection = <$db as sqlx::Database>::Connection;

            #[async_trait::async_trait]
            impl ScheduleStore for $store {
                async fn schedule_of(
                    &self,
                    member: DiscordId,
                ) -> StoreResult<Option<ScheduleState>> {
                    let sql = concat!(
                        schedule_select!(),
                        " WHERE s.discord_id = $1 ORDER BY p.position"
                    );
                    let rows: Vec<ScheduleRecord> = sqlx::query_as(sql)
                        .bind(db_id(member)?)
                        .fetch_all(&self.pool)
                        .await?;
                    Ok(schedules_from_rows(rows)?.into_iter().next())
                }

                async fn save_schedule(&self, state: &ScheduleState) -> StoreResult<()> {
                    let mut tx = self.begin_write().await?;
                    upsert_schedule(&mut tx, state).await?;
                    replace_pauses(&mut tx, state).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn followup_weeks(&self, member: DiscordId) -> StoreResult<Option<u32>> {
                    let weeks: Option<i32> = sqlx::query_scalar(
                        "SELECT followup_weeks FROM member_preferences WHERE discord_id = $1",
                    )
                    .bind(db_id(member)?)
                    .fetch_optional(&self.pool)
                    .await?;
                    Ok(weeks.map(|w| u32::try_from(w).unwrap_or(0)))
                }

                async fn set_followup_weeks(
                    &self,
                    member: DiscordId,
                    weeks: u32,
                ) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO member_preferences (discord_id, followup_weeks) \
                         VALUES ($1, $2) ON CONFLICT (discord_id) DO UPDATE \
                         SET followup_weeks = excluded.followup_weeks",
                    )
                    .bind(db_id(member)?)
                    .bind(i32::try_from(weeks).unwrap_or(i32::MAX))
                    .execute(&self.pool)
                    .await?;
                    Ok(())
                }

                async fn trainees_without_schedule(&self) -> StoreResult<Vec<DiscordId>> {
                    let ids: Vec<i64> = sqlx::query_scalar(
                        "SELECT m.discord_id FROM members m \
                         WHERE m.status = 'active' \
                           AND EXISTS (SELECT 1 FROM member_roles r \
                                       WHERE r.discord_id = m.discord_id \
                                         AND r.role = 'trainee') \
                           AND NOT EXISTS (SELECT 1 FROM schedules s \
                                           WHERE s.discord_id = m.discord_id) \
                         ORDER BY m.discord_id",
                    )
                    .fetch_all(&self.pool)
                    .await?;
                    ids.into_iter()
                        .map(|id| discord_id(id, "members.discord_id"))
                        .collect()
                }

                async fn due_schedules(
                    &self,
                    now: DateTime<Utc>,
                    limit: u32,
                ) -> StoreResult<Vec<ScheduleState>> {
                    // The limit counts schedules, not joined pause rows, so it applies in the
                    // subquery.
                    let sql = concat!(
                        schedule_select!(),
                        " WHERE s.discord_id IN (SELECT d.discord_id FROM schedules d \
                           JOIN members m ON m.discord_id = d.discord_id \
                           WHERE m.status = 'active' AND d.next_due <= $1 \
                           ORDER BY d.next_due, d.discord_id LIMIT $2) \
                         ORDER BY s.next_due, s.discord_id, p.position"
                    );
                    let rows: Vec<ScheduleRecord> = sqlx::query_as(sql)
                        .bind(now)
                        .bind(i64::from(limit))
                        .fetch_all(&self.pool)
                        .await?;
                    Ok(due_schedules_from_rows(rows))
                }

                async fn advance_schedule(
                    &self,
                    advance: &ScheduleAdvance,
                ) -> StoreResult<Option<i64>> {
                    let mut tx = self.begin_write().await?;
                    let sql = concat!(
                        "UPDATE schedules SET next_due = $1, checked_until = $2 \
                         WHERE discord_id = $3 AND next_due ",
                        $is_not_distinct,
                        " $4"
                    );
                    let moved = sqlx::query(sql)
                        .bind(advance.next_due)
                        .bind(advance.checked_until)
                        .bind(db_id(advance.member)?)
                        .bind(advance.expected_next_due)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                    if moved == 0 {
                        // Lost the compare-and-set (or no schedule): another scheduler decided
                        // this one.
                        return Ok(None);
                    }
                    let recorded = match &advance.delivery {
                        Some(delivery) => $insert_delivery(&mut *tx, delivery).await?,
                        None => None,
                    };
                    tx.commit().await?;
                    Ok(recorded)
                }
            }

            /// Inserts or replaces the schedule's own row: the rule and a fresh cursor.
            async fn upsert_schedule(
                conn: &mut Connection,
                state: &ScheduleState,
            ) -> StoreResult<()> {
                let rule = RuleColumns::of(&state.schedule);
                sqlx::query(
                    "INSERT INTO schedules (discord_id, cadence, weekdays, fortnight_anchor, \
                       local_time, timezone, holiday_region, quiet_start, quiet_end, next_due, \
                       checked_until) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                     ON CONFLICT (discord_id) DO UPDATE SET cadence = excluded.cadence, \
                       weekdays = excluded.weekdays, fortnight_anchor = excluded.fortnight_anchor, \
                       local_time = excluded.local_time, timezone = excluded.timezone, \
                       holiday_region = excluded.holiday_region, \
                       quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, \
                       next_due = excluded.next_due, checked_until = excluded.checked_until",
                )
                .bind(db_id(state.member)?)
                .bind(rule.cadence)
                .bind(rule.weekdays)
                .bind(rule.fortnight_anchor)
                .bind(rule.local_time)
                .bind(rule.timezone)
                .bind(rule.region)
                .bind(rule.quiet_start)
                .bind(rule.quiet_end)
                .bind(state.next_due)
                .bind(state.checked_until)
                .execute(conn)
                .await?;
                Ok(())
            }

            /// Replaces the schedule's pauses, keeping the member's order.
            async fn replace_pauses(
                conn: &mut Connection,
                state: &ScheduleState,
            ) -> StoreResult<()> {
                let member = db_id(state.member)?;
                sqlx::query("DELETE FROM schedule_pauses WHERE discord_id = $1")
                    .bind(member)
                    .execute(&mut *conn)
                    .await?;
                for (position, pause) in (0i32..).zip(&state.schedule.pauses) {
                    sqlx::query(
                        "INSERT INTO schedule_pauses (discord_id, position, kind, from_date, \
                           until_date) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(member)
                    .bind(position)
                    .bind(pause.kind.slug())
                    .bind(pause.dates.from())
                    .bind(pause.dates.until())
                    .execute(&mut *conn)
                    .await?;
                }
                Ok(())
            }
        };
    };
}

pub(crate) use schedule_store;
