//! Evidence on SQLite: the shared statements (see [`evidence_store!`]) with `group_concat`
//! for the tag list. Write transactions start with `BEGIN IMMEDIATE` and a page and its total
//! share one read transaction (the store's hooks in [`sqlite`](super)).
//!
//! [`evidence_store!`]: crate::store::sql::evidence_store

use super::SqliteStore;

crate::store::sql::evidence_store!(
    store: SqliteStore,
    db: sqlx::Sqlite,
    group_concat: "group_concat",
);
