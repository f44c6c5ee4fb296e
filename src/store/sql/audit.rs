//! The audit log's statements: appending a link to the chain under its lock, walking it for
//! `mindlines audit verify`, and chaining the entries written before v9. The design is in
//! [`store::audit`](crate::store::audit).

/// Implements, as inherent methods of `$store`, `append_audit` (inside a caller's write
/// transaction), `verify_chain` and `chain_legacy_audit`. Uses the hooks `lock_audit` and
/// `begin_write`.
macro_rules! audit_store {
    (store: $store:ident, db: $db:ty $(,)?) => {
        const _: () = {
            use std::collections::HashMap;

            use $crate::store::audit::{self, ChainReport, ChainRow, Link};
            use $crate::store::rows::db_id;
            use $crate::store::{AuditEntry, StoreResult};

            type Connection = <$db as sqlx::Database>::Connection;

            impl $store {
                /// Appends `entry` to the chain inside the caller's write transaction, holding
                /// the chain's lock from reading the tail until that transaction ends.
                pub(crate) async fn append_audit(
                    conn: &mut Connection,
                    entry: &AuditEntry,
                ) -> StoreResult<()> {
                    Self::lock_audit(&mut *conn).await?;
                    let prev: Option<String> = sqlx::query_scalar(
                        "SELECT hash FROM audit_log WHERE hash IS NOT NULL \
                         ORDER BY id DESC LIMIT 1",
                    )
                    .fetch_optional(&mut *conn)
                    .await?;
                    let prev = prev.unwrap_or_else(|| audit::GENESIS.to_owned());
                    let actor = entry.actor.map(db_id).transpose()?;
                    let subject = entry.subject.map(db_id).transpose()?;
                    let at = audit::canonical_time(entry.at);
                    let salt = audit::new_salt();
                    let actor_commit = audit::commitment(&salt, actor);
                    let subject_commit = audit::commitment(&salt, subject);
                    let hash = Link {
                        at,
                        action: entry.action.slug(),
                        detail: &entry.detail,
                        actor_commit: &actor_commit,
                        subject_commit: &subject_commit,
                        prev_hash: &prev,
                    }
                    .hash();
                    sqlx::query(
                        "INSERT INTO audit_log (at, actor_discord_id, action, \
                           subject_discord_id, detail, salt, actor_commit, subject_commit, \
                           prev_hash, hash) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                    )
                    .bind(at)
                    .bind(actor)
                    .bind(entry.action.slug())
                    .bind(subject)
                    .bind(&entry.detail)
                    .bind(&salt)
                    .bind(&actor_commit)
                    .bind(&subject_commit)
                    .bind(&prev)
                    .bind(&hash)
                    .execute(&mut *conn)
                    .await?;
                    Ok(())
                }

                /// Walks the whole chain against the erasure ledger.
                pub(crate) async fn verify_chain(&self) -> StoreResult<ChainReport> {
                    let mut tx = self.begin_snapshot().await?;
                    let rows: Vec<ChainRow> = sqlx::query_as(
                        "SELECT id, at, action, detail, actor_discord_id, subject_discord_id, \
                         actor_erasure, subject_erasure, salt, actor_commit, subject_commit, \
                         prev_hash, hash FROM audit_log ORDER BY id",
                    )
                        .fetch_all(&mut *tx)
                        .await?;
                    let ledger: Vec<(i64, i64)> =
                        sqlx::query_as("SELECT id, discord_id FROM erasures")
                            .fetch_all(&mut *tx)
                            .await?;
                    tx.commit().await?;
                    let ledger: HashMap<i64, i64> = ledger.into_iter().collect();
                    Ok(audit::verify(&rows, &ledger))
                }

                /// Chains, once, the entries written before v9 (the `chain-audit` task).
                pub(crate) async fn chain_legacy_audit(&self) -> StoreResult<()> {
                    let mut tx = self.begin_write().await?;
                    let claimed = sqlx::query("DELETE FROM store_tasks WHERE name = 'chain-audit'")
                        .execute(&mut *tx)
                        .await?;
                    if claimed.rows_affected() == 0 {
                        return Ok(());
                    }
                    Self::lock_audit(&mut *tx).await?;
                    let rows: Vec<ChainRow> =
                        sqlx::query_as(
                        "SELECT id, at, action, detail, actor_discord_id, subject_discord_id, \
                         actor_erasure, subject_erasure, salt, actor_commit, subject_commit, \
                         prev_hash, hash FROM audit_log WHERE hash IS NULL ORDER BY id",
                    )
                        .fetch_all(&mut *tx)
                        .await?;
                    // After a real upgrade no row is chained yet; the chain starts at genesis.
                    let chained: Option<String> = sqlx::query_scalar(
                        "SELECT hash FROM audit_log WHERE hash IS NOT NULL \
                         ORDER BY id DESC LIMIT 1",
                    )
                    .fetch_optional(&mut *tx)
                    .await?;
                    let mut prev = chained.unwrap_or_else(|| audit::GENESIS.to_owned());
                    for row in &rows {
                        let salt = audit::new_salt();
                        let actor_commit = audit::commitment(&salt, row.actor_discord_id);
                        let subject_commit = audit::commitment(&salt, row.subject_discord_id);
                        let hash = Link {
                            at: row.at,
                            action: &row.action,
                            detail: &row.detail,
                            actor_commit: &actor_commit,
                            subject_commit: &subject_commit,
                            prev_hash: &prev,
                        }
                        .hash();
                        sqlx::query(
                            "UPDATE audit_log SET salt = $1, actor_commit = $2, \
                               subject_commit = $3, prev_hash = $4, hash = $5 WHERE id = $6",
                        )
                        .bind(&salt)
                        .bind(&actor_commit)
                        .bind(&subject_commit)
                        .bind(&prev)
                        .bind(&hash)
                        .bind(row.id)
                        .execute(&mut *tx)
                        .await?;
                        prev = hash;
                    }
                    tx.commit().await?;
                    if !rows.is_empty() {
                        tracing::info!(entries = rows.len(), "chained the audit log");
                    }
                    Ok(())
                }
            }
        };
    };
}

pub(crate) use audit_store;
