//! The members part of the store (roster, teams, status, audit), the same on both backends but
//! for the string aggregate, a row lock, and how a roster import's transaction begins.

/// Implements [`Store`](crate::store::Store) for `$store` on the database `$db`, with the roster
/// statements in a child module `queries`.
///
/// - `name` is what [`Store::backend`](crate::store::Store::backend) answers.
/// - `group_concat` and `as_text` are [`member_select!`](super::member_select)'s dialect.
/// - `lock_row` is appended to the read of a member's status before it changes (`" FOR UPDATE"`
///   where the transaction alone does not keep a concurrent change out).
/// - Uses the store's hooks `begin_import` and `begin_write`.
macro_rules! member_store {
    (
        store: $store:ident,
        db: $db:ty,
        name: $name:literal,
        group_concat: $group_concat:literal,
        as_text: $as_text:literal,
        lock_row: $lock_row:literal $(,)?
    ) => {
        mod queries {
            $crate::store::sql::roster_queries!(
                db: $db,
                group_concat: $group_concat,
                as_text: $as_text,
            );
        }

        // An unnamed const scopes the imports to this expansion.
        const _: () = {
            use std::collections::BTreeSet;

            use chrono::{DateTime, Utc};

            use queries::{
                load_roster, members_where_id_in, write_member, write_supervision,
            };
            use $crate::domain::member::{DiscordId, Member, MemberStatus};
            use $crate::domain::roster::{
                ImportSummary, RosterEntry, RosterRow, RowChange, plan_import,
            };
            use $crate::store::rows::{self, AuditRecord, db_id};
            use $crate::store::sql::member_select;
            use $crate::store::{AuditEntry, Store, StoreResult, Team};

            /// An import naming an erased member is refused whole: the ledger must win over
            /// an old roster file (the app names the line first; this keeps every caller out).
            async fn refuse_erased(
                conn: &mut <$db as sqlx::Database>::Connection,
                rows: &[RosterRow],
            ) -> StoreResult<()> {
                for row in rows {
                    let erased: Option<i64> =
                        sqlx::query_scalar("SELECT id FROM erasures WHERE discord_id = $1")
                            .bind(db_id(row.discord_id)?)
                            .fetch_optional(&mut *conn)
                            .await?;
                    if erased.is_some() {
                        return Err($crate::store::StoreError::ErasedMember(row.discord_id));
                    }
                }
                Ok(())
            }

            #[async_trait::async_trait]
            impl Store for $store {
                fn backend(&self) -> &'static str {
                    $name
                }

                async fn import_roster(
                    &self,
                    rows: &[RosterRow],
                    actor: Option<DiscordId>,
                    at: DateTime<Utc>,
                ) -> StoreResult<ImportSummary> {
                    let mut tx = self.begin_import().await?;
                    refuse_erased(&mut tx, rows).await?;
                    let existing = load_roster(&mut *tx).await?;
                    let existing = existing
                        .into_iter()
                        .map(|e| (e.member.discord_id, e))
                        .collect();
                    let plan = plan_import(&existing, rows);
                    let changed = || plan.iter().filter(|(_, c)| *c != RowChange::Unchanged);
                    // Members first, links second: a supervisor may come later in the file than
                    // the trainee.
                    for (row, _) in changed() {
                        write_member(&mut tx, row, at).await?;
                    }
                    for (row, change) in changed() {
                        write_supervision(&mut tx, row).await?;
                        if let Some(entry) = rows::import_audit(row.discord_id, change, actor, at)
                        {
                            Self::append_audit(&mut tx, &entry).await?;
                        }
                    }
                    tx.commit().await?;
                    Ok(ImportSummary::of_plan(&plan))
                }

                async fn member(&self, id: DiscordId) -> StoreResult<Option<Member>> {
                    let sql = concat!(
                        member_select!($group_concat, $as_text),
                        " WHERE m.discord_id = $1"
                    );
                    let members = members_where_id_in(&self.pool, sql, id).await?;
                    Ok(members.into_iter().next())
                }

                async fn list_members(&self) -> StoreResult<Vec<Member>> {
                    let roster = load_roster(&self.pool).await?;
                    Ok(roster.into_iter().map(|entry| entry.member).collect())
                }

                async fn known_member_ids(&self) -> StoreResult<BTreeSet<DiscordId>> {
                    let ids: Vec<i64> = sqlx::query_scalar("SELECT discord_id FROM members")
                        .fetch_all(&self.pool)
                        .await?;
                    ids.into_iter()
                        .map(|id| rows::discord_id(id, "members.discord_id"))
                        .collect()
                }

                async fn roster(&self) -> StoreResult<Vec<RosterEntry>> {
                    load_roster(&self.pool).await
                }

                async fn supervisees_of(&self, supervisor: DiscordId) -> StoreResult<Vec<Member>> {
                    let sql = concat!(
                        member_select!($group_concat, $as_text),
                        " WHERE m.discord_id IN \
                           (SELECT trainee_id FROM supervision WHERE supervisor_id = $1)",
                        " ORDER BY m.discord_id"
                    );
                    members_where_id_in(&self.pool, sql, supervisor).await
                }

                async fn supervisors_of(&self, trainee: DiscordId) -> StoreResult<Vec<Member>> {
                    let sql = concat!(
                        member_select!($group_concat, $as_text),
                        " WHERE m.discord_id IN \
                           (SELECT supervisor_id FROM supervision WHERE trainee_id = $1)",
                        " ORDER BY m.discord_id"
                    );
                    members_where_id_in(&self.pool, sql, trainee).await
                }

                async fn team_of(&self, member: DiscordId) -> StoreResult<Option<Team>> {
                    let found: Vec<(String, Option<i64>)> = sqlx::query_as(
                        "SELECT t.name, other.discord_id FROM team_members mine \
                         JOIN teams t ON t.id = mine.team_id \
                         JOIN team_members other ON other.team_id = t.id \
                         WHERE mine.discord_id = $1",
                    )
                    .bind(db_id(member)?)
                    .fetch_all(&self.pool)
                    .await?;
                    Ok(rows::teams_from_rows(found)?.into_iter().next())
                }

                async fn teams(&self) -> StoreResult<Vec<Team>> {
                    let found: Vec<(String, Option<i64>)> = sqlx::query_as(
                        "SELECT t.name, tm.discord_id FROM teams t \
                         LEFT JOIN team_members tm ON tm.team_id = t.id",
                    )
                    .fetch_all(&self.pool)
                    .await?;
                    rows::teams_from_rows(found)
                }

                async fn set_member_status(
                    &self,
                    id: DiscordId,
                    status: MemberStatus,
                    actor: Option<DiscordId>,
                    at: DateTime<Utc>,
                ) -> StoreResult<Option<MemberStatus>> {
                    let mut tx = self.begin_write().await?;
                    let sql = concat!(
                        "SELECT status FROM members WHERE discord_id = $1",
                        $lock_row
                    );
                    let previous: Option<String> = sqlx::query_scalar(sql)
                        .bind(db_id(id)?)
                        .fetch_optional(&mut *tx)
                        .await?;
                    let Some(previous) = previous else {
                        return Ok(None);
                    };
                    let previous = rows::member_status(&previous)?;
                    if previous != status {
                        sqlx::query(
                            // When they left is kept for the retention of their
                            // evidence; a member who returns has not left.
                            "UPDATE members SET status = $1, updated_at = $2, \
                               left_at = CASE WHEN $1 = 'left' THEN $2 ELSE NULL END \
                             WHERE discord_id = $3",
                        )
                        .bind(status.slug())
                        .bind(at)
                        .bind(db_id(id)?)
                        .execute(&mut *tx)
                        .await?;
                        let audit = rows::status_audit(id, previous, status, actor, at);
                        Self::append_audit(&mut tx, &audit).await?;
                    }
                    tx.commit().await?;
                    Ok(Some(previous))
                }

                async fn record_audit(&self, entry: &AuditEntry) -> StoreResult<()> {
                    let mut tx = self.begin_write().await?;
                    Self::append_audit(&mut tx, entry).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn verify_audit_chain(
                    &self,
                ) -> StoreResult<$crate::store::ChainReport> {
                    self.verify_chain().await
                }

                async fn audit_entries_about(
                    &self,
                    subject: DiscordId,
                ) -> StoreResult<Vec<AuditEntry>> {
                    let records: Vec<AuditRecord> = sqlx::query_as(
                        "SELECT at, actor_discord_id, action, subject_discord_id, detail \
                         FROM audit_log WHERE subject_discord_id = $1 ORDER BY at, id",
                    )
                    .bind(db_id(subject)?)
                    .fetch_all(&self.pool)
                    .await?;
                    records.into_iter().map(AuditRecord::into_entry).collect()
                }

                async fn refresh_statistics(&self) -> StoreResult<()> {
                    sqlx::query("ANALYZE").execute(&self.pool).await?;
                    Ok(())
                }

                async fn rotate_master_key(
                    &self,
                    new: $crate::store::MasterKey,
                ) -> StoreResult<u64> {
                    self.rewrap_keys(new).await
                }

                async fn backup_to(&self, file: &std::path::Path) -> StoreResult<()> {
                    self.write_backup(file).await
                }

                async fn wrapped_keys(
                    &self,
                ) -> StoreResult<Vec<$crate::store::WrappedKey>> {
                    self.stored_keys().await
                }

                async fn add_wrapped_keys(
                    &self,
                    keys: &[$crate::store::WrappedKey],
                ) -> StoreResult<u64> {
                    self.store_missing_keys(keys).await
                }

                fn master_key_id(&self) -> String {
                    self.keys.master_id()
                }

                async fn close(&self) {
                    self.pool.close().await;
                }
            }
        };
    };
}

pub(crate) use member_store;
