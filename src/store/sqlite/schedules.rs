//! Schedules on SQLite: the shared statements (see [`schedule_store!`]).
//!
//! The cursor moves by compare-and-set on `next_due` inside a `BEGIN IMMEDIATE` transaction
//! that also records the due delivery, so two schedulers that saw the same due schedule record
//! it once: the second waits for the write lock, then finds `next_due` moved on. `IS` (not
//! `=`) makes the comparison hold for two NULLs.
//!
//! [`schedule_store!`]: crate::store::sql::schedule_store

use super::SqliteStore;

crate::store::sql::schedule_store!(
    store: SqliteStore,
    db: sqlx::Sqlite,
    is_not_distinct: "IS",
    insert_delivery: super::deliveries::insert_delivery,
);
