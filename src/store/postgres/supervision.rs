//! Sharing, comments and digests on PostgreSQL: the shared statements (see
//! [`supervision_store!`] and [`digest_store!`]) with `string_agg` for tag lists.
//!
//! [`supervision_store!`]: crate::store::sql::supervision_store
//! [`digest_store!`]: crate::store::sql::digest_store

use super::PgStore;

crate::store::sql::supervision_store!(
    store: PgStore,
    db: sqlx::Postgres,
    group_concat: "string_agg",
);

crate::store::sql::digest_store!(
    store: PgStore,
    db: sqlx::Postgres,
    group_concat: "string_agg",
    insert_delivery: super::deliveries::insert_delivery,
    explain: "EXPLAIN ",
    plan_column: "QUERY PLAN",
);
