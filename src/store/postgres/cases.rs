//! Case discussions on postgres: the shared statements (see [`case_store!`]).
//!
//! [`case_store!`]: crate::store::sql::case_store

use super::PgStore;

crate::store::sql::case_store!(
    store: PgStore,
    db: sqlx::Postgres,
    insert_delivery: super::deliveries::insert_delivery,
);
