//! Faults end to end, against the real bot and a real SQLite file: a burst of replies stays
//! under Discord's global limit and every confirmation arrives once; backfill waits out a 429;
//! the DM cursor never passes a message the inbox failed to keep; one corrupt schedule row
//! does not stop anyone else's prompt.

#[path = "e2e/support.rs"]
mod support;

use std::time::Duration as StdDuration;

use mindlines::domain::member::DiscordId;
use mindlines::sandbox::{Fault, MessageFilter};
use mindlines::store::EvidenceFilter;
use mindlines::testbed::{CohortMember, Testbed, TestbedOptions};
use sqlx::sqlite::SqlitePool;
use support::{eventually, weekly_prompts_go_out};

const BURST: usize = 200;

fn cohort(n: usize) -> Vec<CohortMember> {
    (0..n)
        .map(|i| {
            CohortMember::new(
                &format!("t{i:03}"),
                &format!("Trainee {i}"),
                "nurse",
                "trainee",
            )
        })
        .collect()
}

/// A testbed on a SQLite file we can also reach with raw SQL.
async fn testbed_on_file(options: TestbedOptions) -> (Testbed, SqlitePool, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("m.db").display());
    let tb = Testbed::start(TestbedOptions {
        database_url: Some(url.clone()),
        ..options
    })
    .await
    .expect("the testbed starts");
    let raw = SqlitePool::connect(&url).await.unwrap();
    (tb, raw, dir)
}

async fn evidence_count(tb: &Testbed, handle: &str) -> u32 {
    let who = DiscordId(tb.user(handle));
    tb.store
        .evidence_of(who, &EvidenceFilter::default())
        .await
        .unwrap()
        .1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_replies_stays_under_the_global_limit_and_each_is_confirmed_once() {
    let mut options = TestbedOptions {
        cohort: cohort(BURST),
        ..support::options()
    };
    options.config.delivery.rate_per_second = 40;
    let tb = Testbed::start(options).await.expect("the testbed starts");
    tb.driver.set_rate_limits(Some(50), None);
    weekly_prompts_go_out(&tb).await;
    let handles: Vec<String> = (0..BURST).map(|i| format!("t{i:03}")).collect();
    // Everyone replies in the same instant.
    for handle in &handles {
        tb.dm(handle, "What I learned: ask first, then plan together.")
            .unwrap();
    }
    let bot = tb.driver.bot_user_id();
    let confirmations = || {
        tb.driver
            .messages(&MessageFilter::any().by(bot).containing("Kept as evidence"))
            .len()
    };
    for _ in 0..600 {
        if confirmations() >= BURST {
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
    tokio::time::sleep(StdDuration::from_millis(300)).await; // any duplicate would show now
    assert_eq!(
        tb.driver.served_429s(),
        0,
        "the workspace refused calls over 50/s"
    );
    for handle in &handles {
        let to = tb.user(handle);
        let mine = tb.driver.messages(
            &MessageFilter::to_user(to)
                .by(bot)
                .containing("Kept as evidence"),
        );
        assert_eq!(mine.len(), 1, "{handle} got {} confirmations", mine.len());
    }
    assert_eq!(confirmations(), BURST);
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backfill_waits_out_a_429_and_reads_every_channel() {
    let mut tb = support::testbed().await;
    weekly_prompts_go_out(&tb).await;
    tb.stop_bot().await;
    for handle in ["alice", "bilal", "dev"] {
        tb.dm(handle, "Written while mindlines was offline.")
            .unwrap();
    }
    // The first history read is refused with a 429; backfill must wait and carry on.
    tb.driver.fail_next(
        "GET /channels/{id}/messages",
        Fault::TooManyRequests {
            retry_after: StdDuration::from_millis(200),
            global: false,
        },
    );
    tb.start_bot().await.unwrap();
    for handle in ["alice", "bilal", "dev"] {
        let tb = &tb;
        eventually(
            &format!("{handle}'s offline reply is kept"),
            || async move { evidence_count(tb, handle).await == 1 },
        )
        .await;
    }
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dm_cursor_does_not_pass_a_message_the_inbox_failed_to_keep() {
    let (mut tb, raw, _dir) = testbed_on_file(support::options()).await;
    weekly_prompts_go_out(&tb).await;
    // The store refuses every inbox write, as a full disk or a lost connection would.
    sqlx::query(
        "CREATE TRIGGER refuse_inbox BEFORE INSERT ON inbox \
         BEGIN SELECT RAISE(FAIL, 'injected failure'); END",
    )
    .execute(&raw)
    .await
    .unwrap();
    let sent = tb
        .dm("bilal", "A reply the inbox could not keep at first.")
        .unwrap();
    tokio::time::sleep(StdDuration::from_millis(500)).await;
    assert_eq!(evidence_count(&tb, "bilal").await, 0);
    let cursor: Option<i64> =
        sqlx::query_scalar("SELECT last_seen_message_id FROM dm_channels WHERE discord_id = $1")
            .bind(tb.user("bilal") as i64)
            .fetch_one(&raw)
            .await
            .unwrap();
    assert!(
        cursor.is_none_or(|c| (c as u64) < sent.id),
        "the cursor moved past a message that was never written down"
    );
    // Once the store is healthy again, the next backfill finds the message.
    sqlx::query("DROP TRIGGER refuse_inbox")
        .execute(&raw)
        .await
        .unwrap();
    tb.stop_bot().await;
    tb.start_bot().await.unwrap();
    let tb_ref = &tb;
    eventually(
        "the reply is kept after the store recovers",
        || async move { evidence_count(tb_ref, "bilal").await == 1 },
    )
    .await;
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_corrupt_schedule_row_does_not_stop_anyone_elses_prompt() {
    let (tb, raw, _dir) = testbed_on_file(support::options()).await;
    sqlx::query("UPDATE schedules SET timezone = 'Not/AZone' WHERE discord_id = $1")
        .bind(tb.user("alice") as i64)
        .execute(&raw)
        .await
        .unwrap();
    weekly_prompts_go_out(&tb).await;
    let prompted = |handle: &str| {
        tb.driver
            .bot_messages_to(tb.user(handle))
            .iter()
            .any(|m| !m.button_labels().is_empty())
    };
    assert!(!prompted("alice"), "alice's schedule cannot be read");
    for handle in ["bilal", "dev"] {
        assert!(prompted(handle), "{handle} still gets this week's prompt");
    }
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_confirmation_refused_with_a_429_is_sent_on_the_retry_once() {
    let tb = support::testbed().await;
    weekly_prompts_go_out(&tb).await;
    tb.driver.fail_next(
        "POST /channels/{id}/messages",
        Fault::TooManyRequests {
            retry_after: StdDuration::from_millis(100),
            global: true,
        },
    );
    let sent = tb
        .dm("bilal", "I will ask about side effects first.")
        .unwrap();
    let tb_ref = &tb;
    eventually("the reply is kept", || async move {
        evidence_count(tb_ref, "bilal").await == 1
    })
    .await;
    eventually("the confirmation is refused once", || async move {
        tb_ref.driver.served_429s() == 1
    })
    .await;
    tokio::time::sleep(StdDuration::from_millis(200)).await; // the failure is recorded
    // The inbox retry (the job loop's next pass) sends the confirmation it owes.
    tb.run_jobs().await.unwrap();
    tb.bot_dm_containing("bilal", "Kept as evidence", sent.id)
        .await
        .unwrap();
    tb.run_jobs().await.unwrap();
    tokio::time::sleep(StdDuration::from_millis(300)).await;
    let confirmations = tb.driver.messages(
        &MessageFilter::to_user(tb.user("bilal"))
            .by(tb.driver.bot_user_id())
            .containing("Kept as evidence"),
    );
    assert_eq!(confirmations.len(), 1);
    assert_eq!(evidence_count(&tb, "bilal").await, 1);
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_token_is_said_plainly_once() {
    let mut options = support::options();
    options.sandbox.token = Some("the-only-token-the-workspace-accepts".into());
    let error = match Testbed::start(options).await {
        Ok(_) => panic!("the bot started with a token the workspace rejects"),
        Err(error) => mindlines::cli::describe_error(&error),
    };
    assert!(error.contains("the bot token was rejected"), "{error}");
    assert_eq!(error.matches("rejected").count(), 1, "said once: {error}");
}
