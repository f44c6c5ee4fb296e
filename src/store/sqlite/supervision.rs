//! Sharing, comments and digests on SQLite: the shared statements (see [`supervision_store!`]
//! and [`digest_store!`]) with `group_concat` for tag lists.
//!
//! [`supervision_store!`]: crate::store::sql::supervision_store
//! [`digest_store!`]: crate::store::sql::digest_store

use super::SqliteStore;

crate::store::sql::supervision_store!(
    store: SqliteStore,
    db: sqlx::Sqlite,
    group_concat: "group_concat",
);

crate::store::sql::digest_store!(
    store: SqliteStore,
    db: sqlx::Sqlite,
    group_concat: "group_concat",
    insert_delivery: super::deliveries::insert_delivery,
    explain: "EXPLAIN QUERY PLAN ",
    plan_column: "detail",
);
