//! SQLite: the delivery outbox and the DM channel cache, the shared statements (see
//! [`delivery_store!`]) but for the claim.
//!
//! A claim is one `UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING …` statement. A writing
//! statement takes SQLite's write lock (a lock on the file, waiting out the busy timeout)
//! before it reads, so two senders — tasks or processes — cannot pick the same rows, and the
//! statement needs no explicit transaction around it.
//!
//! [`delivery_store!`]: crate::store::sql::delivery_store

use super::SqliteStore;
use crate::store::rows::delivery::delivery_columns;

/// Leases up to `$3` due pending deliveries until `$1` (now is `$2`) and returns them.
const CLAIM_PENDING: &str = concat!(
    "UPDATE deliveries SET next_attempt_at = $1, attempts = attempts + 1 \
     WHERE id IN (SELECT id FROM deliveries \
       WHERE status = 'pending' AND due_at <= $2 AND next_attempt_at <= $2 \
       ORDER BY due_at, id LIMIT $3) \
     RETURNING ",
    delivery_columns!()
);

crate::store::sql::delivery_store!(
    store: SqliteStore,
    db: sqlx::Sqlite,
    claim_pending: CLAIM_PENDING,
);
