//! Digest subscriptions, the digest's facts and a team's aggregates, the same on both
//! backends. A digest's facts are read in one snapshot with a fixed number of statements per
//! supervisor (not per supervisee); their text is in [`digest_facts`](super::digest_facts).

/// Implements [`DigestStore`](crate::store::DigestStore) for `$store` on `$db`;
/// `insert_delivery` is the queue's insert, run in the cursor's transaction.
macro_rules! digest_store {
    (
        store: $store:ident,
        db: $db:ty,
        group_concat: $group_concat:literal,
        insert_delivery: $insert_delivery:path,
        explain: $explain:literal,
        plan_column: $plan_column:literal $(,)?
    ) => {
        const _: () = {
            use std::collections::BTreeMap;

            use chrono::{DateTime, NaiveTime, Utc, Weekday};

            use $crate::domain::delivery::NewDelivery;
            use $crate::domain::digest::{DigestSubscription, SuperviseeFacts, TeamActivity};
            use $crate::domain::member::DiscordId;
            use $crate::store::rows::supervision::{
                SharedRecord, SubscriptionRecord, iso_day, member_area,
            };
            use $crate::store::rows::{db_id, discord_id, sql_limit, tag_from_id};
            use $crate::store::sql::{
                facts_areas_sql, facts_cases_sql, facts_checkins_sql, facts_prompts_sql,
                facts_shared_sql,
            };
            use $crate::store::{DigestPeriod, DigestStore, Store, StoreResult, WellbeingStore};

            #[async_trait::async_trait]
            impl DigestStore for $store {
                async fn subscribe_digest(
                    &self,
                    supervisor: DiscordId,
                    weekday: Weekday,
                    local_time: NaiveTime,
                    next_due: DateTime<Utc>,
                    at: DateTime<Utc>,
                ) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO digest_subscriptions \
                           (supervisor, weekday, local_time, next_due, created_at) \
                         VALUES ($1, $2, $3, $4, $5) \
                         ON CONFLICT (supervisor) DO UPDATE SET weekday = excluded.weekday, \
                           local_time = excluded.local_time, next_due = excluded.next_due",
                    )
                    .bind(db_id(supervisor)?)
                    .bind(iso_day(weekday))
                    .bind(local_time)
                    .bind(next_due)
                    .bind(at)
                    .execute(&self.pool)
                    .await?;
                    Ok(())
                }

                async fn unsubscribe_digest(
                    &self,
                    supervisor: DiscordId,
                    at: DateTime<Utc>,
                ) -> StoreResult<bool> {
                    let id = db_id(supervisor)?;
                    let mut tx = self.begin_write().await?;
                    let removed =
                        sqlx::query("DELETE FROM digest_subscriptions WHERE supervisor = $1")
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                    sqlx::query(
                        "UPDATE deliveries SET status = 'expired', closed_at = $1, \
                           last_error = 'unsubscribed' \
                         WHERE discord_id = $2 AND kind = 'digest' AND status = 'pending'",
                    )
                    .bind(at)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    Ok(removed.rows_affected() == 1)
                }

                async fn digest_subscription(
                    &self,
                    supervisor: DiscordId,
                ) -> StoreResult<Option<DigestSubscription>> {
                    let record: Option<SubscriptionRecord> = sqlx::query_as(
                        "SELECT supervisor, weekday, local_time, next_due \
                         FROM digest_subscriptions WHERE supervisor = $1",
                    )
                    .bind(db_id(supervisor)?)
                    .fetch_optional(&self.pool)
                    .await?;
                    record.map(SubscriptionRecord::into_subscription).transpose()
                }

                async fn due_digests(
                    &self,
                    now: DateTime<Utc>,
                    limit: u32,
                ) -> StoreResult<Vec<DigestSubscription>> {
                    let records: Vec<SubscriptionRecord> = sqlx::query_as(
                        "SELECT d.supervisor, d.weekday, d.local_time, d.next_due \
                         FROM digest_subscriptions d \
                         JOIN members m ON m.discord_id = d.supervisor \
                         WHERE m.status = 'active' AND d.next_due <= $1 \
                         ORDER BY d.next_due, d.supervisor LIMIT $2",
                    )
                    .bind(now)
                    .bind(sql_limit(limit))
                    .fetch_all(&self.pool)
                    .await?;
                    // One unreadable row must not hold back everyone else's digest.
                    Ok(records
                        .into_iter()
                        .filter_map(|r| match r.into_subscription() {
                            Ok(sub) => Some(sub),
                            Err(error) => {
                                tracing::warn!("a digest subscription cannot be read; skipped: {error}");
                                None
                            }
                        })
                        .collect())
                }

                async fn advance_digest(
                    &self,
                    supervisor: DiscordId,
                    expected: DateTime<Utc>,
                    next_due: DateTime<Utc>,
                    deliveries: &[NewDelivery],
                ) -> StoreResult<Vec<i64>> {
                    let mut tx = self.begin_write().await?;
                    let moved = sqlx::query(
                        "UPDATE digest_subscriptions SET next_due = $1 \
                         WHERE supervisor = $2 AND next_due = $3",
                    )
                    .bind(next_due)
                    .bind(db_id(supervisor)?)
                    .bind(expected)
                    .execute(&mut *tx)
                    .await?;
                    let mut ids = Vec::new();
                    if moved.rows_affected() == 1 {
                        for new in deliveries {
                            if let Some(id) = $insert_delivery(&mut *tx, new).await? {
                                ids.push(id);
                            }
                        }
                    }
                    tx.commit().await?;
                    Ok(ids)
                }

                async fn digest_facts(
                    &self,
                    supervisor: DiscordId,
                    trainee: Option<DiscordId>,
                    period: DigestPeriod,
                ) -> StoreResult<Vec<SuperviseeFacts>> {
                    let sup = db_id(supervisor)?;
                    let only = trainee.map(db_id).transpose()?;
                    let mut facts: BTreeMap<DiscordId, SuperviseeFacts> =
                        Store::supervisees_of(self, supervisor)
                            .await?
                            .into_iter()
                            .filter(|m| trainee.is_none_or(|t| t == m.discord_id))
                            .map(|m| (m.discord_id, SuperviseeFacts::empty(m)))
                            .collect();
                    if facts.is_empty() {
                        return Ok(Vec::new());
                    }
                    let mut tx = self.begin_snapshot().await?;

                    let prompts: Vec<(i64, i64, i64)> = sqlx::query_as(facts_prompts_sql!())
                    .bind(sup)
                    .bind(only)
                    .bind(period.start)
                    .bind(period.end)
                    .fetch_all(&mut *tx)
                    .await?;
                    for (member, sent, answered) in prompts {
                        let member = discord_id(member, "deliveries.discord_id")?;
                        if let Some(f) = facts.get_mut(&member) {
                            f.prompts_sent = u32::try_from(sent).unwrap_or(u32::MAX);
                            f.prompts_answered = u32::try_from(answered).unwrap_or(u32::MAX);
                        }
                    }

                    let areas: Vec<(i64, String, i64, i64, i64)> = sqlx::query_as(facts_areas_sql!())
                    .bind(sup)
                    .bind(only)
                    .bind(period.start)
                    .bind(period.end)
                    .bind(period.recent_since)
                    .fetch_all(&mut *tx)
                    .await?;
                    for (member, tag, total, week, recent) in areas {
                        let place = "evidence.member";
                        let Some((member, area, total)) = member_area(member, &tag, total, place)?
                        else {
                            continue;
                        };
                        if let Some(f) = facts.get_mut(&member) {
                            f.areas_total.insert(area, total);
                            for (map, n) in [(&mut f.areas_this_week, week), (&mut f.areas_recent, recent)] {
                                if n > 0 {
                                    map.insert(area, u32::try_from(n).unwrap_or(u32::MAX));
                                }
                            }
                        }
                    }

                    let shared: Vec<SharedRecord> = sqlx::query_as(facts_shared_sql!($group_concat))
                    .bind(sup)
                    .bind(only)
                    .bind(period.start)
                    .bind(period.end)
                    .fetch_all(&mut *tx)
                    .await?;
                    let keys = self.read_keys(shared.iter().map(SharedRecord::member)).await?;
                    for record in shared {
                        let (member, entry) = record.into_shared(&keys)?;
                        let in_window =
                            entry.shared_at >= period.start && entry.shared_at < period.end;
                        if let Some(f) = facts.get_mut(&member).filter(|_| in_window || entry.to_discuss) {
                            f.shared.push(entry);
                        }
                    }

                    let cases: Vec<(i64, i64, i64)> = sqlx::query_as(facts_cases_sql!())
                        .bind(sup)
                        .bind(only)
                        .bind(period.start)
                        .bind(period.end)
                        .fetch_all(&mut *tx)
                        .await?;
                    for (member, week, total) in cases {
                        let member = discord_id(member, "case_contributors.discord_id")?;
                        if let Some(f) = facts.get_mut(&member) {
                            let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
                            f.cases_joined = (count(week), count(total));
                        }
                    }

                    // Who shares check-ins, each with this week's scores (a row with no
                    // score for a sharer who answered none).
                    let checkins: Vec<(i64, Option<i32>)> = sqlx::query_as(facts_checkins_sql!())
                        .bind(sup)
                        .bind(only)
                        .bind(period.start)
                        .bind(period.end)
                        .fetch_all(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    for (member, score) in checkins {
                        let member = discord_id(member, "wellbeing_members.discord_id")?;
                        if let Some(f) = facts.get_mut(&member) {
                            let scores = f.checkin_scores.get_or_insert_with(Vec::new);
                            if let Some(score) = score {
                                scores.push(u8::try_from(score).unwrap_or(0));
                            }
                        }
                    }

                    let mut facts: Vec<SuperviseeFacts> = facts.into_values().collect();
                    for f in &mut facts {
                        // Entries waiting for a word first, then the newest shared.
                        f.shared.sort_by_key(|e| (!e.to_discuss, std::cmp::Reverse(e.shared_at)));
                    }
                    facts.sort_by(|a, b| {
                        a.member.display_name.to_lowercase().cmp(&b.member.display_name.to_lowercase())
                            .then(a.member.discord_id.cmp(&b.member.discord_id))
                    });
                    Ok(facts)
                }

                async fn explain_digest_facts(
                    &self,
                    supervisor: DiscordId,
                    period: DigestPeriod,
                ) -> StoreResult<Vec<String>> {
                    use sqlx::Row;
                    let sup = db_id(supervisor)?;
                    let none: Option<i64> = None;
                    let mut lines = Vec::new();
                    let statements: [(&str, &str, u8); 5] = [
                        ("prompts", concat!($explain, facts_prompts_sql!()), 4),
                        ("areas", concat!($explain, facts_areas_sql!()), 5),
                        ("shared", concat!($explain, facts_shared_sql!($group_concat)), 4),
                        ("cases", concat!($explain, facts_cases_sql!()), 4),
                        ("checkins", concat!($explain, facts_checkins_sql!()), 4),
                    ];
                    for (name, sql, binds) in statements {
                        let mut query = sqlx::query(sql).bind(sup).bind(none);
                        if binds >= 4 {
                            query = query.bind(period.start).bind(period.end);
                        }
                        if binds >= 5 {
                            query = query.bind(period.recent_since);
                        }
                        for row in query.fetch_all(&self.pool).await? {
                            let step: String = row.try_get($plan_column)?;
                            lines.push(format!("{name}: {step}"));
                        }
                    }
                    Ok(lines)
                }

                async fn team_activity(
                    &self,
                    team: &str,
                    since: DateTime<Utc>,
                    until: DateTime<Utc>,
                ) -> StoreResult<TeamActivity> {
                    let size: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM team_members tm JOIN teams t ON t.id = tm.team_id \
                         WHERE t.name = $1",
                    )
                    .bind(team)
                    .fetch_one(&self.pool)
                    .await?;
                    let rows: Vec<(i64, i64, Option<String>)> = sqlx::query_as(
                        "SELECT e.id, e.member, g.tag FROM evidence e \
                         JOIN team_members tm ON tm.discord_id = e.member \
                         JOIN teams t ON t.id = tm.team_id \
                         LEFT JOIN evidence_tags g ON g.evidence_id = e.id \
                         WHERE t.name = $1 AND e.created_at >= $2 AND e.created_at < $3 \
                         ORDER BY e.id",
                    )
                    .bind(team)
                    .bind(since)
                    .bind(until)
                    .fetch_all(&self.pool)
                    .await?;
                    let mut entries: BTreeMap<i64, (DiscordId, Vec<$crate::domain::curriculum::Area>)> =
                        BTreeMap::new();
                    for (id, member, tag) in rows {
                        let member = discord_id(member, "evidence.member")?;
                        let entry = entries.entry(id).or_insert_with(|| (member, Vec::new()));
                        if let Some($crate::domain::evidence::Tag::Area(area)) =
                            tag.as_deref().map(tag_from_id).transpose()?
                        {
                            entry.1.push(area);
                        }
                    }
                    Ok(TeamActivity {
                        team_size: usize::try_from(size).unwrap_or(0),
                        entries: entries.into_values().collect(),
                        checkin_scores: self.team_checkin_scores(team, since, until).await?,
                    })
                }
            }
        };
    };
}

pub(crate) use digest_store;
