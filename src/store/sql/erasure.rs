//! The erasure's statements, the same on both backends. What they cover and why is in
//! [`store::erasure`](crate::store::erasure).

/// The deletions of one erasure, in an order the foreign keys accept (children first); each
/// binds the member's id as `$1`.
pub(crate) const ERASE_STEPS: &[&str] = &[
    // What others were sent about them: the notice of a comment they wrote, a digest section
    // about them, a case they led.
    "DELETE FROM deliveries WHERE occurrence_key IN \
       (SELECT 'comment:' || CAST(id AS TEXT) FROM evidence_comments WHERE author = $1)",
    "DELETE FROM deliveries WHERE kind = 'digest' \
       AND payload LIKE '%\"supervisee\":' || CAST($1 AS TEXT) || '}'",
    "DELETE FROM deliveries WHERE kind IN ('case_reflection', 'case_review') AND EXISTS \
       (SELECT 1 FROM cases c WHERE c.lead = $1 \
          AND deliveries.payload LIKE '%\"case\":' || CAST(c.id AS TEXT) || '}')",
    "DELETE FROM case_contributors WHERE case_id IN (SELECT id FROM cases WHERE lead = $1)",
    "DELETE FROM cases WHERE lead = $1",
    "DELETE FROM case_contributors WHERE discord_id = $1",
    // Their evidence, and what hangs off it.
    "DELETE FROM evidence_comments WHERE author = $1",
    "DELETE FROM evidence_comments WHERE evidence_id IN (SELECT id FROM evidence WHERE member = $1)",
    "DELETE FROM evidence_tags WHERE evidence_id IN (SELECT id FROM evidence WHERE member = $1)",
    "DELETE FROM evidence_revisions WHERE evidence_id IN \
       (SELECT id FROM evidence WHERE member = $1)",
    "DELETE FROM evidence WHERE member = $1",
    "DELETE FROM prompt_feedback WHERE member = $1",
    // Check-ins.
    "DELETE FROM checkin_answers WHERE discord_id = $1",
    "DELETE FROM wellbeing_consents WHERE discord_id = $1",
    "DELETE FROM wellbeing_members WHERE discord_id = $1",
    // Messages in and out.
    "DELETE FROM inbox WHERE author = $1 \
       OR channel_id IN (SELECT channel_id FROM dm_channels WHERE discord_id = $1)",
    "DELETE FROM dm_channels WHERE discord_id = $1",
    "DELETE FROM deliveries WHERE discord_id = $1",
    "DELETE FROM schedule_pauses WHERE discord_id = $1",
    "DELETE FROM schedules WHERE discord_id = $1",
    // Settings, links and the roster.
    "DELETE FROM digest_subscriptions WHERE supervisor = $1",
    "DELETE FROM member_preferences WHERE discord_id = $1",
    "DELETE FROM supervision WHERE supervisor_id = $1 OR trainee_id = $1",
    "DELETE FROM team_members WHERE discord_id = $1",
    "DELETE FROM member_roles WHERE discord_id = $1",
    "DELETE FROM members WHERE discord_id = $1",
    // Last, the key: whatever copy of their text survives anywhere cannot be opened.
    "DELETE FROM member_keys WHERE discord_id = $1",
];

/// Implements [`ErasureStore`](crate::store::ErasureStore) for `$store` on `$db`. Uses the
/// hooks `begin_import` (an erasure is a roster change: it waits for an import, and an import
/// for it) and `append_audit`.
macro_rules! erasure_store {
    (store: $store:ident, db: $db:ty $(,)?) => {
        const _: () = {
            use std::collections::BTreeSet;

            use chrono::{DateTime, Utc};

            use $crate::domain::member::DiscordId;
            use $crate::store::rows::{self, db_id};
            use $crate::store::sql::ERASE_STEPS;
            use $crate::store::{AuditAction, AuditEntry, Erasure, ErasureStore, StoreResult};

            type Connection = <$db as sqlx::Database>::Connection;

            impl $store {
                /// Erases `member` inside the caller's transaction: the ledger line (kept if
                /// there is one), every deletion, the audit entry, then the pseudonymisation
                /// (last, so the new entry is covered and the chain's lock is taken after the
                /// rows' locks, as every other writer takes them). A re-application with
                /// nothing left to erase (`always` false) writes no audit entry, so applying a
                /// ledger twice changes nothing. Returns the ledger line and how many rows went.
                async fn erase_in(
                    conn: &mut Connection,
                    member: DiscordId,
                    erased_at: DateTime<Utc>,
                    audit: AuditEntry,
                    always: bool,
                ) -> StoreResult<(Erasure, u64)> {
                    let id = db_id(member)?;
                    sqlx::query(
                        "INSERT INTO erasures (discord_id, erased_at) VALUES ($1, $2) \
                         ON CONFLICT (discord_id) DO NOTHING",
                    )
                    .bind(id)
                    .bind(erased_at)
                    .execute(&mut *conn)
                    .await?;
                    let (ledger_id, erased_at): (i64, DateTime<Utc>) =
                        sqlx::query_as("SELECT id, erased_at FROM erasures WHERE discord_id = $1")
                            .bind(id)
                            .fetch_one(&mut *conn)
                            .await?;
                    let mut removed = 0;
                    for step in ERASE_STEPS {
                        let done = sqlx::query(*step).bind(id).execute(&mut *conn).await?;
                        removed += done.rows_affected();
                    }
                    let named: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM audit_log \
                         WHERE subject_discord_id = $1 OR actor_discord_id = $1",
                    )
                    .bind(id)
                    .fetch_one(&mut *conn)
                    .await?;
                    if always || removed > 0 || named > 0 {
                        Self::append_audit(&mut *conn, &audit).await?;
                        for side in [
                            "UPDATE audit_log SET subject_discord_id = NULL, \
                               subject_erasure = $2 WHERE subject_discord_id = $1",
                            "UPDATE audit_log SET actor_discord_id = NULL, \
                               actor_erasure = $2 WHERE actor_discord_id = $1",
                        ] {
                            sqlx::query(side)
                                .bind(id)
                                .bind(ledger_id)
                                .execute(&mut *conn)
                                .await?;
                        }
                    }
                    Ok((Erasure { member, erased_at }, removed))
                }
            }

            #[async_trait::async_trait]
            impl ErasureStore for $store {
                async fn erase_member(
                    &self,
                    member: DiscordId,
                    actor: Option<DiscordId>,
                    at: DateTime<Utc>,
                ) -> StoreResult<Erasure> {
                    let mut tx = self.begin_import().await?;
                    let audit = AuditEntry {
                        at,
                        actor,
                        action: AuditAction::MemberErased,
                        subject: Some(member),
                        detail: "erased at their request".into(),
                    };
                    let (erasure, _) = Self::erase_in(&mut tx, member, at, audit, true).await?;
                    tx.commit().await?;
                    self.keys.forget(db_id(member)?);
                    self.after_erasure().await?;
                    Ok(erasure)
                }

                async fn erasures(&self) -> StoreResult<Vec<Erasure>> {
                    let found: Vec<(i64, DateTime<Utc>)> = sqlx::query_as(
                        "SELECT discord_id, erased_at FROM erasures ORDER BY erased_at, id",
                    )
                    .fetch_all(&self.pool)
                    .await?;
                    found
                        .into_iter()
                        .map(|(id, erased_at)| {
                            let member = rows::discord_id(id, "erasures.discord_id")?;
                            Ok(Erasure { member, erased_at })
                        })
                        .collect()
                }

                async fn apply_erasures(
                    &self,
                    ledger: &[Erasure],
                    at: DateTime<Utc>,
                ) -> StoreResult<u64> {
                    let mut erased = 0;
                    for line in ledger {
                        let mut tx = self.begin_import().await?;
                        let audit = AuditEntry {
                            at,
                            actor: None,
                            action: AuditAction::MemberErased,
                            subject: Some(line.member),
                            detail: "erasure re-applied from the ledger".into(),
                        };
                        let (_, removed) =
                            Self::erase_in(&mut tx, line.member, line.erased_at, audit, false)
                                .await?;
                        tx.commit().await?;
                        self.keys.forget(db_id(line.member)?);
                        erased += u64::from(removed > 0);
                    }
                    self.after_erasure().await?;
                    Ok(erased)
                }

                async fn erased_among(
                    &self,
                    ids: &[DiscordId],
                ) -> StoreResult<BTreeSet<DiscordId>> {
                    let mut found = BTreeSet::new();
                    for &member in ids {
                        let hit: Option<i64> =
                            sqlx::query_scalar("SELECT id FROM erasures WHERE discord_id = $1")
                                .bind(db_id(member)?)
                                .fetch_optional(&self.pool)
                                .await?;
                        if hit.is_some() {
                            found.insert(member);
                        }
                    }
                    Ok(found)
                }
            }
        };
    };
}

pub(crate) use erasure_store;
