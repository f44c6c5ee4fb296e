//! One clock for the whole world: the workspace stamps snowflakes, message times, edits and
//! joins with the bot's own (simulated) clock. These stories run a decade before and two
//! decades after the wall clock, so a path that still read the wall clock would judge a reply
//! against a window between two different clocks and fail here.

#[path = "e2e/support.rs"]
mod support;

use chrono::{DateTime, Duration, Utc};
use mindlines::clock::Clock;
use mindlines::domain::evidence::EvidenceSource;
use mindlines::domain::member::DiscordId;
use mindlines::store::EvidenceFilter;
use mindlines::testbed::{Testbed, TestbedOptions};
use support::eventually;

/// A Monday 08:00 in London, far from any real date this test may run on.
fn far_monday(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("valid")
        .with_timezone(&Utc)
}

async fn testbed_at(start: DateTime<Utc>) -> Testbed {
    let options = TestbedOptions {
        start,
        ..support::options()
    };
    let tb = Testbed::start(options).await.expect("the testbed starts");
    // Tuesday 10:00 London: the cohort's weekly prompt time.
    tb.clock.set(start + Duration::hours(26));
    tb.run_jobs().await.expect("jobs run");
    tb
}

async fn reply_edit_and_backfill_keep_the_simulated_time(start: DateTime<Utc>) {
    let mut tb = testbed_at(start).await;
    let bilal = DiscordId(tb.user("bilal"));

    // A reply a few hours after the prompt is inside the 7-day window of the bot's clock.
    tb.clock.advance(Duration::hours(3));
    let sent = tb
        .dm("bilal", "I asked what mattered to him first.")
        .unwrap();
    tb.bot_dm_containing("bilal", "Kept as evidence", sent.id)
        .await
        .unwrap();
    let (entries, _) = tb
        .store
        .evidence_of(bilal, &EvidenceFilter::default())
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].source, EvidenceSource::DirectMessage);
    assert_eq!(
        entries[0].created_at,
        tb.clock.now(),
        "the entry is dated by the message's (simulated) time"
    );

    // An edit a day later updates the entry, stamped on the same clock.
    tb.clock.advance(Duration::days(1));
    tb.driver
        .edit(
            tb.user("bilal"),
            sent.id,
            "I asked what mattered to him first, then planned.",
        )
        .unwrap();
    let store = tb.store.clone();
    eventually("the edit reaches the entry", || {
        let store = store.clone();
        async move {
            let (entries, _) = store
                .evidence_of(bilal, &EvidenceFilter::default())
                .await
                .unwrap();
            entries[0].answers[0].text.ends_with("then planned.")
        }
    })
    .await;

    // A reply written while the bot is down is read back by backfill and kept once.
    let alice = DiscordId(tb.user("alice"));
    tb.stop_bot().await;
    tb.clock.advance(Duration::hours(2));
    tb.dm("alice", "Written while mindlines was offline.")
        .unwrap();
    tb.start_bot().await.unwrap();
    let store = tb.store.clone();
    eventually("the offline reply is kept", || {
        let store = store.clone();
        async move {
            store
                .evidence_of(alice, &EvidenceFilter::default())
                .await
                .unwrap()
                .1
                == 1
        }
    })
    .await;
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decade_before_the_wall_clock() {
    reply_edit_and_backfill_keep_the_simulated_time(far_monday("2016-11-21T08:00:00Z")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_decades_after_the_wall_clock() {
    reply_edit_and_backfill_keep_the_simulated_time(far_monday("2045-11-20T08:00:00Z")).await;
}
