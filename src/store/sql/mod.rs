//! # The SQL both backends run, written once
//!
//! SQLite and PostgreSQL agree on almost every statement mindlines needs: sqlx accepts `$1`
//! placeholders on both, both have `ON CONFLICT … DO NOTHING/UPDATE` and `RETURNING`, and the
//! rows map through the same [`rows`](super::rows) types. So each store part (members,
//! schedules, deliveries, evidence, inbox) is written here once, as a declarative macro that a
//! backend invokes with its own types:
//!
//! ```ignore
//! crate::store::sql::inbox_store!(store: SqliteStore);
//! ```
//!
//! ## Why macros and not generic functions
//!
//! A function generic over `sqlx::Database` has to restate, for every value it binds and every
//! row it reads, bounds like `for<'q> i64: Encode<'q, DB> + Type<DB>` and
//! `for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>` (Rust does not imply them from a
//! trait), and the `Send` futures `async_trait` needs then fail in ways that are hard to read.
//! The bodies here are the same text for both backends, so a macro that stamps that text out
//! for each concrete type says exactly that, and the compiler checks each copy against its own
//! driver.
//!
//! ## Where the backends differ
//!
//! Only in what a macro takes as an argument or calls on the store, and that lives in the
//! backend's own files with the reason next to it:
//!
//! - **Dialect fragments**, passed as string literals (so `concat!` still builds each statement
//!   at compile time): `group_concat` vs `string_agg` (with a `::text` cast on PostgreSQL),
//!   `IS` vs `IS NOT DISTINCT FROM`, a `FOR UPDATE` row lock, and the delivery claim statement
//!   (`FOR UPDATE SKIP LOCKED` on PostgreSQL).
//! - **Transaction hooks**, inherent methods every store type defines: `begin_write`
//!   (`BEGIN IMMEDIATE` on SQLite), `begin_import` (plus an advisory lock on PostgreSQL),
//!   `begin_snapshot` (`REPEATABLE READ` on PostgreSQL) and `lock_entry` (a row lock on
//!   PostgreSQL; nothing on SQLite, whose write lock is already held).
//!
//! Every macro names what it uses with full paths or with `use` items of its own, so an
//! invocation needs no imports around it. The store's `pool` field is private to its backend
//! module; the macros are invoked inside it, so they can reach it.

mod audit;
mod cases;
mod deliveries;
mod digest_facts;
mod digests;
mod dm_channels;
mod erasure;
mod evidence;
mod evidence_reads;
mod evidence_writes;
mod inbox;
mod keys;
mod member_data;
mod members;
mod retention;
mod roster;
mod schedules;
mod supervision;
mod wellbeing;

pub(super) use audit::audit_store;
pub(super) use cases::case_store;
pub(super) use deliveries::delivery_store;
pub(super) use digest_facts::{
    facts_areas_sql, facts_cases_sql, facts_checkins_sql, facts_prompts_sql, facts_shared_sql,
};
pub(super) use digests::digest_store;
pub(super) use dm_channels::dm_channel_queries;
pub(super) use erasure::{ERASE_STEPS, erasure_store};
pub(super) use evidence::evidence_store;
pub(super) use evidence_reads::{evidence_filter, evidence_reads, evidence_select};
pub(super) use evidence_writes::evidence_writes;
pub(super) use inbox::inbox_store;
pub(super) use keys::{LEGACY_TEXT, key_store};
pub(super) use member_data::member_data_store;
pub(super) use members::member_store;
pub(super) use retention::retention_store;
pub(super) use roster::{member_select, roster_queries};
pub(super) use schedules::schedule_store;
pub(super) use supervision::{supervisees_of, supervision_store};
pub(super) use wellbeing::wellbeing_store;
