//! Check-in consent, plans, cursors and answers, the same on both backends. Withdrawing
//! consent and moving the check-in cursor are transactions begun with the store's
//! `begin_write`; the rest are single statements.

/// Implements [`WellbeingStore`](crate::store::WellbeingStore) for `$store` on `$db`;
/// `insert_delivery` is the queue's insert, run in the cursor's transaction.
macro_rules! wellbeing_store {
    (store: $store:ident, db: $db:ty, insert_delivery: $insert_delivery:path $(,)?) => {
        const _: () = {
            use chrono::{DateTime, Utc};

            use $crate::domain::delivery::NewDelivery;
            use $crate::domain::member::DiscordId;
            use $crate::domain::wellbeing::checkins::{CheckinAnswer, CheckinPlan, WellbeingState};
            use $crate::store::rows::wellbeing::{
                AnswerRecord, PlanColumns, WellbeingRecord, wellbeing_columns,
            };
            use $crate::store::rows::{db_id, discord_id, sql_limit};
            use $crate::store::{StoreResult, WellbeingStore};

            #[async_trait::async_trait]
            impl WellbeingStore for $store {
                async fn consent_to_checkins(
                    &self,
                    member: DiscordId,
                    version: &str,
                    plan: &CheckinPlan,
                    next_due: Option<DateTime<Utc>>,
                    at: DateTime<Utc>,
                ) -> StoreResult<()> {
                    let plan = PlanColumns::of(plan);
                    let mut tx = self.begin_write().await?;
                    sqlx::query(
                        "INSERT INTO wellbeing_consents (discord_id, version, agreed_at) \
                         VALUES ($1, $2, $3)",
                    )
                    .bind(db_id(member)?)
                    .bind(version)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query(
                        "INSERT INTO wellbeing_members (discord_id, consent_version, cadence, \
                           weekday, fortnight_anchor, local_time, next_due, checked_until) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                         ON CONFLICT (discord_id) DO UPDATE SET \
                           consent_version = excluded.consent_version, \
                           cadence = excluded.cadence, weekday = excluded.weekday, \
                           fortnight_anchor = excluded.fortnight_anchor, \
                           local_time = excluded.local_time, next_due = excluded.next_due, \
                           checked_until = excluded.checked_until",
                    )
                    .bind(db_id(member)?)
                    .bind(version)
                    .bind(plan.cadence)
                    .bind(plan.weekday)
                    .bind(plan.anchor)
                    .bind(plan.local_time)
                    .bind(next_due)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn withdraw_checkins(
                    &self,
                    member: DiscordId,
                    at: DateTime<Utc>,
                ) -> StoreResult<u64> {
                    let id = db_id(member)?;
                    let mut tx = self.begin_write().await?;
                    sqlx::query(
                        "UPDATE wellbeing_consents SET withdrawn_at = $1 \
                         WHERE discord_id = $2 AND withdrawn_at IS NULL",
                    )
                    .bind(at)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query(
                        "UPDATE wellbeing_members SET consent_version = NULL, next_due = NULL, \
                           sharing = FALSE WHERE discord_id = $1",
                    )
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    let cancelled = sqlx::query(
                        "UPDATE deliveries SET status = 'expired', closed_at = $1, \
                           last_error = 'consent_withdrawn' \
                         WHERE discord_id = $2 AND kind = 'checkin' AND status = 'pending'",
                    )
                    .bind(at)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    Ok(cancelled.rows_affected())
                }

                async fn wellbeing_of(
                    &self,
                    member: DiscordId,
                ) -> StoreResult<Option<WellbeingState>> {
                    let sql = concat!(
                        "SELECT ",
                        wellbeing_columns!(),
                        " FROM wellbeing_members w WHERE w.discord_id = $1"
                    );
                    let record: Option<WellbeingRecord> = sqlx::query_as(sql)
                        .bind(db_id(member)?)
                        .fetch_optional(&self.pool)
                        .await?;
                    record.map(WellbeingRecord::into_state).transpose()
                }

                async fn due_checkins(
                    &self,
                    now: DateTime<Utc>,
                    limit: u32,
                ) -> StoreResult<Vec<WellbeingState>> {
                    let sql = concat!(
                        "SELECT ",
                        wellbeing_columns!(),
                        " FROM wellbeing_members w \
                         JOIN members m ON m.discord_id = w.discord_id \
                         WHERE m.status = 'active' AND w.consent_version IS NOT NULL \
                           AND w.next_due IS NOT NULL AND w.next_due <= $1 \
                         ORDER BY w.next_due, w.discord_id LIMIT $2"
                    );
                    let records: Vec<WellbeingRecord> = sqlx::query_as(sql)
                        .bind(now)
                        .bind(sql_limit(limit))
                        .fetch_all(&self.pool)
                        .await?;
                    // One unreadable row must not hold back everyone else's check-in.
                    Ok(records
                        .into_iter()
                        .filter_map(|r| match r.into_state() {
                            Ok(state) => Some(state),
                            Err(error) => {
                                tracing::warn!("a check-in plan cannot be read; skipped: {error}");
                                None
                            }
                        })
                        .collect())
                }

                async fn advance_checkins(
                    &self,
                    member: DiscordId,
                    expected_next_due: DateTime<Utc>,
                    next_due: Option<DateTime<Utc>>,
                    checked_until: DateTime<Utc>,
                    delivery: Option<&NewDelivery>,
                ) -> StoreResult<Option<i64>> {
                    let mut tx = self.begin_write().await?;
                    let moved = sqlx::query(
                        "UPDATE wellbeing_members SET next_due = $1, checked_until = $2 \
                         WHERE discord_id = $3 AND next_due = $4 \
                           AND consent_version IS NOT NULL",
                    )
                    .bind(next_due)
                    .bind(checked_until)
                    .bind(db_id(member)?)
                    .bind(expected_next_due)
                    .execute(&mut *tx)
                    .await?;
                    let id = match delivery {
                        Some(new) if moved.rows_affected() == 1 => {
                            $insert_delivery(&mut *tx, new).await?
                        }
                        _ => None,
                    };
                    tx.commit().await?;
                    Ok(id)
                }

                async fn save_checkin_plan(
                    &self,
                    member: DiscordId,
                    plan: &CheckinPlan,
                    next_due: Option<DateTime<Utc>>,
                    at: DateTime<Utc>,
                ) -> StoreResult<bool> {
                    let plan = PlanColumns::of(plan);
                    let saved = sqlx::query(
                        "UPDATE wellbeing_members SET cadence = $1, weekday = $2, \
                           fortnight_anchor = $3, local_time = $4, next_due = $5, \
                           checked_until = $6 \
                         WHERE discord_id = $7 AND consent_version IS NOT NULL",
                    )
                    .bind(plan.cadence)
                    .bind(plan.weekday)
                    .bind(plan.anchor)
                    .bind(plan.local_time)
                    .bind(next_due)
                    .bind(at)
                    .bind(db_id(member)?)
                    .execute(&self.pool)
                    .await?;
                    Ok(saved.rows_affected() == 1)
                }

                async fn set_checkin_sharing(
                    &self,
                    member: DiscordId,
                    sharing: bool,
                ) -> StoreResult<bool> {
                    let saved = sqlx::query(
                        "UPDATE wellbeing_members SET sharing = $1 WHERE discord_id = $2",
                    )
                    .bind(sharing)
                    .bind(db_id(member)?)
                    .execute(&self.pool)
                    .await?;
                    Ok(saved.rows_affected() == 1)
                }

                async fn record_checkin_score(
                    &self,
                    member: DiscordId,
                    delivery: i64,
                    score: u8,
                    at: DateTime<Utc>,
                ) -> StoreResult<bool> {
                    let kept = sqlx::query(
                        "INSERT INTO checkin_answers (delivery_id, discord_id, score, answered_at) \
                         VALUES ($1, $2, $3, $4) ON CONFLICT (delivery_id) DO NOTHING",
                    )
                    .bind(delivery)
                    .bind(db_id(member)?)
                    .bind(i32::from(score))
                    .bind(at)
                    .execute(&self.pool)
                    .await?;
                    Ok(kept.rows_affected() == 1)
                }

                async fn add_checkin_note(
                    &self,
                    member: DiscordId,
                    delivery: i64,
                    note: &str,
                ) -> StoreResult<bool> {
                    let member = db_id(member)?;
                    let key = self.write_key(member).await?;
                    let row = delivery.to_string();
                    let aad = $crate::store::sealing::Aad {
                        place: "checkin_answers.note",
                        row: &row,
                        member,
                    };
                    let kept = sqlx::query(
                        "UPDATE checkin_answers SET note = $1 \
                         WHERE delivery_id = $2 AND discord_id = $3",
                    )
                    .bind(key.seal(aad, note))
                    .bind(delivery)
                    .bind(member)
                    .execute(&self.pool)
                    .await?;
                    Ok(kept.rows_affected() == 1)
                }

                async fn checkin_answers(
                    &self,
                    member: DiscordId,
                    since: DateTime<Utc>,
                ) -> StoreResult<Vec<CheckinAnswer>> {
                    let records: Vec<AnswerRecord> = sqlx::query_as(
                        "SELECT delivery_id, score, note IS NOT NULL AS has_note, answered_at \
                         FROM checkin_answers WHERE discord_id = $1 AND answered_at >= $2 \
                         ORDER BY answered_at DESC, delivery_id DESC",
                    )
                    .bind(db_id(member)?)
                    .bind(since)
                    .fetch_all(&self.pool)
                    .await?;
                    records.into_iter().map(AnswerRecord::into_answer).collect()
                }

                async fn team_checkin_scores(
                    &self,
                    team: &str,
                    since: DateTime<Utc>,
                    until: DateTime<Utc>,
                ) -> StoreResult<Vec<(DiscordId, u8)>> {
                    let rows: Vec<(i64, i32)> = sqlx::query_as(
                        "SELECT a.discord_id, a.score FROM checkin_answers a \
                         JOIN team_members tm ON tm.discord_id = a.discord_id \
                         JOIN teams t ON t.id = tm.team_id \
                         WHERE t.name = $1 AND a.answered_at >= $2 AND a.answered_at < $3",
                    )
                    .bind(team)
                    .bind(since)
                    .bind(until)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.into_iter()
                        .map(|(id, score)| {
                            let member = discord_id(id, "checkin_answers.discord_id")?;
                            let score = u8::try_from(score).map_err(|e| {
                                $crate::store::rows::corrupt("checkin_answers.score", e.to_string())
                            })?;
                            Ok((member, score))
                        })
                        .collect()
                }

                async fn purge_checkins(
                    &self,
                    notes_before: DateTime<Utc>,
                    scores_before: DateTime<Utc>,
                ) -> StoreResult<(u64, u64)> {
                    let notes = sqlx::query(
                        "UPDATE checkin_answers SET note = NULL \
                         WHERE note IS NOT NULL AND answered_at < $1",
                    )
                    .bind(notes_before)
                    .execute(&self.pool)
                    .await?;
                    let rows = sqlx::query("DELETE FROM checkin_answers WHERE answered_at < $1")
                        .bind(scores_before)
                        .execute(&self.pool)
                        .await?;
                    Ok((notes.rows_affected(), rows.rows_affected()))
                }
            }
        };
    };
}

pub(crate) use wellbeing_store;
