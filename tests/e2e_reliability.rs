//! Reliability end to end: nothing a trainee writes is lost while the bot is down, and no
//! prompt is lost or doubled when the sender dies mid fan-out.

#[path = "e2e/support.rs"]
mod support;

use std::collections::BTreeMap;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;
use chrono::Duration;
use mindlines::app::App;
use mindlines::app::notify::{
    Attachment, HistoryMessage, Notifier, NotifyError, OutgoingMessage, SentMessage,
};
use mindlines::clock::Clock;
use mindlines::domain::member::DiscordId;
use mindlines::jobs;
use mindlines::sandbox::MessageFilter;
use mindlines::store::EvidenceFilter;
use mindlines::testbed::{CohortMember, Testbed};
use rand::Rng;
use support::{eventually, options, testbed, weekly_prompts_go_out};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_written_while_the_bot_is_down_is_kept_once() {
    let mut tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    tb.stop_bot().await;
    tb.dm("alice", "Written while mindlines was offline.")
        .unwrap();
    tb.start_bot().await.unwrap();
    let alice = DiscordId(tb.user("alice"));
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
    // A second restart reads the channel again from its cursor: still one entry.
    tb.stop_bot().await;
    tb.start_bot().await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let (entries, total) = tb
        .store
        .evidence_of(alice, &EvidenceFilter::default())
        .await
        .unwrap();
    assert_eq!(total, 1);
    assert_eq!(
        entries[0].answers[0].text,
        "Written while mindlines was offline."
    );
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_a_reply_updates_the_evidence_and_keeps_the_earlier_text() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    let sent = tb.dm("bilal", "First thoughts.").unwrap();
    tb.bot_dm_containing("bilal", "Kept as evidence", sent.id)
        .await
        .unwrap();
    tb.driver
        .edit(tb.user("bilal"), sent.id, "First thoughts, and a plan.")
        .unwrap();
    let bilal = DiscordId(tb.user("bilal"));
    let store = tb.store.clone();
    eventually("the edit reaches the entry", || {
        let store = store.clone();
        async move {
            let (entries, _) = store
                .evidence_of(bilal, &EvidenceFilter::default())
                .await
                .unwrap();
            entries[0].answers[0].text == "First thoughts, and a plan."
        }
    })
    .await;
    let (entries, _) = tb
        .store
        .evidence_of(bilal, &EvidenceFilter::default())
        .await
        .unwrap();
    let revisions = tb
        .store
        .evidence_revisions(bilal, entries[0].id)
        .await
        .unwrap();
    assert_eq!(revisions.len(), 1);
    assert_eq!(revisions[0].1[0].text, "First thoughts.");
    support::finish(tb).await;
}

const FAN_OUT: usize = 500;

fn big_cohort() -> Vec<CohortMember> {
    (0..FAN_OUT)
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

/// The sender is killed at random points during a fan-out to 500 members, then a fresh
/// process finishes the job. Every member must get exactly one prompt. To be sure the worst
/// moment is hit — a message already on Discord but not yet recorded as sent — each killed
/// process also "dies" right after some of its posts succeed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sender_killed_mid_fan_out_loses_and_doubles_nothing() {
    let mut opts = options();
    opts.cohort = big_cohort();
    opts.config.delivery.rate_per_second = 5_000;
    let tb = Testbed::start(opts).await.unwrap();
    tb.clock.set(tb.clock.now() + Duration::hours(26));
    crash_through_fan_out(&tb).await;

    let mut prompts_per_member: BTreeMap<u64, usize> = BTreeMap::new();
    let bot = tb.driver.bot_user_id();
    for message in tb.driver.messages(&MessageFilter::any().by(bot)) {
        if !message.button_labels().is_empty() {
            *prompts_per_member.entry(message.channel_id).or_default() += 1;
        }
    }
    assert_exactly_one_each(&tb, &prompts_per_member, "prompts");
    support::finish(tb).await;
}

/// The same crashes during a fan-out of wellbeing check-ins: exactly one check-in each.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sender_killed_mid_check_in_fan_out_loses_and_doubles_nothing() {
    let mut opts = options();
    opts.cohort = big_cohort();
    opts.config.delivery.rate_per_second = 5_000;
    let tb = Testbed::start(opts).await.unwrap();
    let version = tb
        .app
        .library
        .wellbeing()
        .unwrap()
        .consent()
        .version
        .clone();
    let start = tb.clock.now();
    let friday = mindlines::testbed::first_checkin();
    let plan =
        mindlines::domain::wellbeing::checkins::CheckinPlan::default_from(start.date_naive());
    for (_, id) in &tb.users {
        tb.store
            .consent_to_checkins(DiscordId(*id), &version, &plan, Some(friday), start)
            .await
            .unwrap();
    }
    // No prompts in the way: the check-ins are the only fan-out at that moment.
    tb.clock.set(friday);
    crash_through_fan_out(&tb).await;

    let mut per_member: BTreeMap<u64, usize> = BTreeMap::new();
    let bot = tb.driver.bot_user_id();
    for message in tb.driver.messages(&MessageFilter::any().by(bot)) {
        if message.text().contains("**Check-in**") {
            *per_member.entry(message.channel_id).or_default() += 1;
        }
    }
    assert_exactly_one_each(&tb, &per_member, "check-ins");
    support::finish(tb).await;
}

fn assert_exactly_one_each(tb: &Testbed, per_member: &BTreeMap<u64, usize>, what: &str) {
    let lost = FAN_OUT - per_member.len();
    let doubled = per_member.values().filter(|&&n| n > 1).count();
    assert_eq!(
        (lost, doubled),
        (0, 0),
        "{what} lost: {lost}, members with duplicates: {doubled}"
    );
    assert!(
        posts(tb) > FAN_OUT,
        "nothing was re-sent after a crash, so the test did not reach the crash window"
    );
}

/// Kills the sender twelve times at random points of a fan-out (each killed process also
/// "dies" right after some of its posts reach Discord), then lets a fresh process finish.
async fn crash_through_fan_out(tb: &Testbed) {
    let mut rng = rand::rng();
    for _ in 0..12 {
        let app = fresh_process(tb, Some(rng.random_range(1..30)));
        let now = tb.clock.now();
        let posted_before = posts(tb);
        let run = tokio::spawn(async move { jobs::run_once(&app, now).await });
        tokio::time::sleep(std::time::Duration::from_millis(rng.random_range(20..200))).await;
        // On a loaded machine the random moment can come before this process has posted at
        // all; wait (bounded) until it has, so every kill lands inside the fan-out.
        for _ in 0..200 {
            if posts(tb) > posted_before || run.is_finished() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        run.abort();
        let _ = run.await;
        // Leases of deliveries claimed by the dead sender run out before the next start.
        tb.clock.set(tb.clock.now() + Duration::seconds(61));
    }
    jobs::run_once(&fresh_process(tb, None), tb.clock.now())
        .await
        .unwrap();
}

fn posts(tb: &Testbed) -> usize {
    tb.driver
        .rest_calls_to("POST /channels/{id}/messages")
        .len()
}

/// A new `App` over the same database and workspace: what a restarted process would build.
/// With `dies_after`, the process stops dead after that many successful posts.
fn fresh_process(tb: &Testbed, dies_after: Option<usize>) -> Arc<App> {
    let notifier: Arc<dyn Notifier> = match dies_after {
        Some(posts) => Arc::new(DiesAfterPosting {
            inner: tb.app.notifier.clone(),
            remaining: AtomicUsize::new(posts),
        }),
        None => tb.app.notifier.clone(),
    };
    Arc::new(App::new(
        tb.store.clone(),
        tb.app.library.clone(),
        tb.app.clock.clone(),
        notifier,
        tb.app.delivery.clone(),
    ))
}

/// The real notifier, except that after `remaining` successful posts every later post reaches
/// Discord and then never returns — as if the process died before recording it.
struct DiesAfterPosting {
    inner: Arc<dyn Notifier>,
    remaining: AtomicUsize,
}

#[async_trait]
impl Notifier for DiesAfterPosting {
    async fn open_dm(&self, user: DiscordId) -> Result<u64, NotifyError> {
        self.inner.open_dm(user).await
    }
    async fn post(
        &self,
        channel_id: u64,
        message: &OutgoingMessage,
    ) -> Result<SentMessage, NotifyError> {
        let sent = self.inner.post(channel_id, message).await;
        if self
            .remaining
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_err()
        {
            std::future::pending::<()>().await;
        }
        sent
    }
    async fn post_files(
        &self,
        channel_id: u64,
        message: &OutgoingMessage,
        files: &[Attachment],
    ) -> Result<SentMessage, NotifyError> {
        self.inner.post_files(channel_id, message, files).await
    }
    async fn edit(
        &self,
        channel_id: u64,
        message_id: u64,
        content: &str,
    ) -> Result<(), NotifyError> {
        self.inner.edit(channel_id, message_id, content).await
    }
    async fn delete(&self, channel_id: u64, message_id: u64) -> Result<(), NotifyError> {
        self.inner.delete(channel_id, message_id).await
    }
    async fn create_private_thread(&self, channel_id: u64, name: &str) -> Result<u64, NotifyError> {
        self.inner.create_private_thread(channel_id, name).await
    }
    async fn messages_after(
        &self,
        channel_id: u64,
        after: Option<u64>,
        limit: u8,
    ) -> Result<Vec<HistoryMessage>, NotifyError> {
        self.inner.messages_after(channel_id, after, limit).await
    }
}
