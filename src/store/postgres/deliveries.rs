//! PostgreSQL: the delivery outbox and the DM channel cache, the shared statements (see
//! [`delivery_store!`]) but for the claim.
//!
//! Several bot processes may send from one database, so a claim picks its rows with
//! `FOR UPDATE SKIP LOCKED`: each claimer locks the rows it takes and passes over rows another
//! claimer holds; a row another claimer leased just after this statement's snapshot is
//! re-checked against the WHERE once locked, and dropped. The pick is a CTE, evaluated once,
//! so the rows locked are exactly the rows updated.
//!
//! [`delivery_store!`]: crate::store::sql::delivery_store

use super::PgStore;
use crate::store::rows::delivery::delivery_columns;

/// Leases up to `$3` due pending deliveries until `$1` (now is `$2`) and returns them.
const CLAIM_PENDING: &str = concat!(
    "WITH picked AS (SELECT id FROM deliveries \
       WHERE status = 'pending' AND due_at <= $2 AND next_attempt_at <= $2 \
       ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) \
     UPDATE deliveries SET next_attempt_at = $1, attempts = attempts + 1 \
     WHERE id IN (SELECT id FROM picked) \
     RETURNING ",
    delivery_columns!()
);

crate::store::sql::delivery_store!(
    store: PgStore,
    db: sqlx::Postgres,
    claim_pending: CLAIM_PENDING,
);
