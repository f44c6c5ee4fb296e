//! The inbox on SQLite: the shared statements as they are (see [`inbox_store!`]).
//!
//! [`inbox_store!`]: crate::store::sql::inbox_store

use super::SqliteStore;

crate::store::sql::inbox_store!(store: SqliteStore);
