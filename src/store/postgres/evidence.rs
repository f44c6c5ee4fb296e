//! Evidence on PostgreSQL: the shared statements (see [`evidence_store!`]) with `string_agg`
//! for the tag list. Differences live in the store's hooks in [`postgres`](super): a row lock
//! before an entry's answers are revised, and a repeatable-read snapshot for a page and its
//! total. A concurrent twin of an `add_evidence` waits on the unique key, then finds the row
//! committed.
//!
//! [`evidence_store!`]: crate::store::sql::evidence_store

use super::PgStore;

crate::store::sql::evidence_store!(
    store: PgStore,
    db: sqlx::Postgres,
    group_concat: "string_agg",
);
