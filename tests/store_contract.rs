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

#[path = "store_contract/outbox_fixtures.rs"]
mod outbox_fixtures;

#[path = "store_contract/schedules.rs"]
mod schedules;

#[path = "store_contract/outbox.rs"]
mod outbox;

#[path = "store_contract/outbox_reads.rs"]
mod outbox_reads;

#[path = "store_contract/outbox_cascade.rs"]
mod outbox_cascade;

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
    ($($name:ident),+ $(,)?) => {
        on_both_backends!(in contract: $($name),+);
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

mod schedule_contract {
    on_both_backends!(
        schedules =>
        schedules_round_trip_exactly,
        saving_again_replaces_the_rule_and_its_pauses,
        trainees_without_schedule_are_active_trainees_only,
        due_schedules_are_active_oldest_first_and_limited,
        an_advance_records_its_delivery_once,
        the_cursor_compares_missing_instants_as_equal,
        racing_advances_record_exactly_once,
        follow_up_weeks_are_kept_per_member,
    );
}

mod outbox_contract {
    on_both_backends!(
        outbox =>
        a_duplicate_occurrence_key_records_nothing,
        claimed_deliveries_wait_for_their_lease,
        claims_take_the_oldest_due_first,
        concurrent_claimers_never_share_a_delivery,
        retries_and_sending_move_a_delivery_on,
        member_moves_close_a_delivery_and_sender_outcomes_do_not,
        cancelling_expires_only_pending_deliveries,
    );
}

mod outbox_read_contract {
    on_both_backends!(
        outbox_reads =>
        a_delivery_reads_back_as_recorded,
        a_prompt_message_finds_its_delivery,
        the_latest_open_delivery_is_the_newest_still_sent,
        reminders_go_once_to_old_unanswered_prompts,
        prompt_history_counts_prompts_that_reached_the_member,
        dm_channels_are_cached_and_their_cursor_only_moves_forward,
    );
}

#[path = "store_contract/queue.rs"]
mod queue;

#[path = "store_contract/migration.rs"]
mod migration;

#[path = "store_contract/checkins.rs"]
mod checkins;

mod checkin_contract {
    on_both_backends!(
        checkins =>
        withdrawing_consent_cancels_queued_check_ins_and_keeps_others,
        the_cursor_moves_once_and_queues_once,
        answers_are_kept_once_and_go_by_their_periods,
    );
}

mod queue_contract {
    on_both_backends!(
        queue =>
        every_kind_rides_the_same_queue,
        a_check_in_is_never_taken_for_an_open_prompt,
        cancelling_one_kind_leaves_the_others,
        a_delivery_cancelled_mid_send_stays_cancelled,
    );
}

#[path = "store_contract/evidence.rs"]
mod evidence;

#[path = "store_contract/inbox.rs"]
mod inbox;

#[path = "store_contract/raw.rs"]
mod raw;

#[path = "store_contract/sealing.rs"]
mod sealing;

#[path = "store_contract/erasure.rs"]
mod erasure;

#[path = "store_contract/backup.rs"]
mod backup;

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

#[path = "store_contract/supervision.rs"]
mod supervision;

#[path = "store_contract/digests.rs"]
mod digests;

mod supervision_contract {
    on_both_backends!(
        supervision =>
        a_supervisor_reaches_only_their_supervisees_shared_entries,
        a_removed_link_or_an_unshare_ends_access_at_once,
        comments_read_back_in_order_for_their_owner_only,
        discussing_shares_and_an_answer_settles_it,
    );
}

mod digest_contract {
    on_both_backends!(
        digests =>
        the_weeks_facts_count_prompts_areas_and_shared_scores,
        the_subscription_cursor_moves_once_and_queues_the_week_once,
        unsubscribing_cancels_unsent_digests,
        team_activity_is_the_teams_entries_and_scores,
        no_digest_statement_scans_all_evidence,
    );
}

#[path = "store_contract/member_data.rs"]
mod member_data;

#[path = "store_contract/retention.rs"]
mod retention;

mod member_data_contract {
    on_both_backends!(
        member_data =>
        each_read_returns_its_members_records_only,
        the_gathered_export_holds_every_kind_of_record,
    );
}

mod retention_contract {
    on_both_backends!(
        retention =>
        unprocessed_inbox_text_goes_after_the_safety_net,
        check_in_notes_and_scores_go_after_their_periods,
        a_leavers_evidence_goes_months_after_they_left,
    );
}
