//! Schedules on PostgreSQL: the shared statements (see [`schedule_store!`]).
//!
//! The cursor moves by compare-and-set on `next_due` in the transaction that also records the
//! due delivery. Two processes that saw the same due schedule both try the UPDATE; the second
//! waits for the first's row lock, re-reads the row when it commits, finds `next_due` moved on
//! and updates nothing, so it records nothing. `IS NOT DISTINCT FROM` makes two NULLs equal.
//!
//! [`schedule_store!`]: crate::store::sql::schedule_store

use super::PgStore;

crate::store::sql::schedule_store!(
    store: PgStore,
    db: sqlx::Postgres,
    is_not_distinct: "IS NOT DISTINCT FROM",
    insert_delivery: super::deliveries::insert_delivery,
);
