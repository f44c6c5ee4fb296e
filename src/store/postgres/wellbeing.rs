//! Check-ins on postgres: the shared statements (see [`wellbeing_store!`]).
//!
//! [`wellbeing_store!`]: crate::store::sql::wellbeing_store

use super::PgStore;

crate::store::sql::wellbeing_store!(
    store: PgStore,
    db: sqlx::Postgres,
    insert_delivery: super::deliveries::insert_delivery,
);
