//! The inbox on PostgreSQL: the shared statements as they are (see [`inbox_store!`]).
//!
//! [`inbox_store!`]: crate::store::sql::inbox_store

use super::PgStore;

crate::store::sql::inbox_store!(store: PgStore);
