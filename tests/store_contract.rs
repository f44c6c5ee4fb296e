//! The store contract: every test here is written once and runs against both backends —
//! `sqlite::<test>` on a real file in a temporary directory, `postgres::<test>` on a fresh
//! database on the server at `TEST_PG_URL` (skipped with a notice when unset, except in CI).
//!
//! Start a local server with `eval "$(.ci/start-postgres.sh)"`.

#[path = "store_contract/support.rs"]
mod support;

#[path = "store_contract/fixtures.rs"]
mod fixtures;

#[path = "store_contract/contract.rs"]
mod contract;

#[path = "store_contract/backend_specific.rs"]
mod backend_specific;

/// Generates, for each contract test `name(store)`, a `sqlite::name` and a `postgres::name` test.
macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = crate::support::sqlite().await;
                    crate::contract::$name(db.store.clone()).await;
                }
            )+
        }

        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(db) = crate::support::postgres().await else {
                        return;
                    };
                    crate::contract::$name(db.store.clone()).await;
                }
            )+
        }
    };
}

on_both_backends!(
    import_then_read_back,
    importing_twice_changes_nothing,
    changed_rows_update_and_absent_members_stay,
    roles_round_trip,
    supervision_links_follow_the_roster,
    teams_and_membership,
    audit_entries_name_fields_never_content,
    status_changes_are_kept_and_audited,
    a_failing_import_leaves_nothing,
    concurrent_imports_all_succeed,
    ids_at_the_edge_of_i64_round_trip,
);
