//! Case discussions on sqlite: the shared statements (see [`case_store!`]).
//!
//! [`case_store!`]: crate::store::sql::case_store

use super::SqliteStore;

crate::store::sql::case_store!(
    store: SqliteStore,
    db: sqlx::Sqlite,
    insert_delivery: super::deliveries::insert_delivery,
);
