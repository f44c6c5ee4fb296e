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
/// The tests live in `contract` unless a suite is named first (`evidence => name, …`); invoke it
/// inside a module of its own for each further suite.
macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {
        on_both_backends!(contract => $($name),+);
    };
    ($suite:ident => $($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = crate::support::sqlite().await;
                    crate::$suite::$name(db.store.clone()).await;
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
                    crate::$suite::$name(db.store.clone()).await;
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

#[path = "store_contract/evidence.rs"]
mod evidence;

#[path = "store_contract/inbox.rs"]
mod inbox;

#[path = "store_contract/raw.rs"]
mod raw;

mod evidence_tests {
    on_both_backends!(
        evidence =>
        an_entry_reads_back_exactly,
        a_duplicate_source_key_records_once,
        other_members_entries_behave_as_missing,
        listing_filters_by_tag_and_time_and_pages_with_a_total,
        updating_answers_keeps_revisions_in_order,
        deleting_removes_the_entry_and_its_revisions,
        sharing_and_unsharing,
        setting_tags_replaces_them,
        counts_are_per_area_and_per_member,
        not_relevant_is_idempotent_and_per_member,
        concurrent_duplicates_record_one_entry,
        concurrent_edits_lose_no_version,
    );
}

mod inbox_tests {
    on_both_backends!(
        inbox =>
        recording_an_event_twice_is_a_no_op,
        unprocessed_items_come_oldest_first_below_max_attempts,
        failures_count_attempts_and_processed_items_leave_the_queue,
    );
}
