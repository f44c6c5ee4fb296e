//! Check-ins on sqlite: the shared statements (see [`wellbeing_store!`]).
//!
//! [`wellbeing_store!`]: crate::store::sql::wellbeing_store

use super::SqliteStore;

crate::store::sql::wellbeing_store!(
    store: SqliteStore,
    db: sqlx::Sqlite,
    insert_delivery: super::deliveries::insert_delivery,
);
