//! Coming back to plans, end to end: a reflection that ends with a plan gets one follow-up
//! after six weeks (once, across a restart of the bot), showing the member their own plan;
//! the answer is a new entry linked to the first and tagged alike; turning follow-ups off
//! cancels the one planned; an entry deleted meanwhile sends nothing.

#[path = "e2e/support.rs"]
mod support;

use chrono::Duration;
use mindlines::clock::Clock;
use mindlines::domain::delivery::{DeliveryKind, DeliveryStatus};
use mindlines::domain::followup::is_plan_stem;
use mindlines::domain::member::DiscordId;
use mindlines::sandbox::{MessageFilter, MessageView, OptionValue};
use mindlines::store::EvidenceFilter;
use mindlines::testbed::Testbed;
use support::{finish, testbed, weekly_prompts_go_out};

const PLAN: &str = "Ask what matters most before I suggest anything, and write it down first.";

/// Alice answers her first prompt through the form, ending with a plan; returns the entry id.
async fn reflect_with_a_plan(tb: &Testbed) -> i64 {
    weekly_prompts_go_out(tb).await;
    let prompt = tb.latest_prompt("alice").unwrap();
    let click = tb.click("alice", prompt.id, "Reflect").unwrap();
    let form = tb.modal_for(click).await.unwrap();
    let last = &form.fields.last().unwrap().label;
    assert!(
        is_plan_stem(last),
        "the first prompt ends with a plan: {last}"
    );
    let mut answers = vec!["A patient's daughter said the plan felt rushed."; form.fields.len()];
    *answers.last_mut().unwrap() = PLAN;
    let saved = tb.submit("alice", &form, &answers).await.unwrap();
    assert!(saved.contains("Saved to your evidence"), "{saved}");
    let (entries, _) = tb
        .store
        .evidence_of(DiscordId(tb.user("alice")), &EvidenceFilter::default())
        .await
        .unwrap();
    entries[0].id
}

fn followups(tb: &Testbed, handle: &str) -> Vec<MessageView> {
    tb.driver.messages(
        &MessageFilter::to_user(tb.user(handle))
            .containing("Coming back to a plan")
            .ephemeral(false),
    )
}

async fn jobs_at(tb: &Testbed, when: chrono::DateTime<chrono::Utc>) {
    tb.clock.set(when);
    tb.run_jobs().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_comes_back_once_after_six_weeks_and_its_answer_is_linked() {
    let mut tb = testbed().await;
    let entry = reflect_with_a_plan(&tb).await;
    let written = tb.clock.now();

    jobs_at(
        &tb,
        written + Duration::weeks(6) + Duration::days(1) - Duration::minutes(5),
    )
    .await;
    assert!(followups(&tb, "alice").is_empty(), "not before six weeks");
    jobs_at(
        &tb,
        written + Duration::weeks(6) + Duration::days(1) + Duration::minutes(1),
    )
    .await;
    tb.stop_bot().await;
    tb.start_bot().await.unwrap();
    jobs_at(
        &tb,
        written + Duration::weeks(6) + Duration::days(1) + Duration::minutes(30),
    )
    .await;
    let sent = followups(&tb, "alice");
    assert_eq!(sent.len(), 1, "once, across a restart");
    let message = &sent[0];
    assert!(
        message.text().contains("Six weeks ago you wrote"),
        "{}",
        message.text()
    );
    assert!(message.text().contains(PLAN), "her own plan is shown back");
    assert!(followups(&tb, "bilal").is_empty());

    let click = tb.click("alice", message.id, "Reflect on it").unwrap();
    let form = tb.modal_for(click).await.unwrap();
    assert_eq!(form.fields.len(), 2);
    let saved = tb
        .submit(
            "alice",
            &form,
            &[
                "I asked first in most reviews.",
                "Ask earlier still: at booking.",
            ],
        )
        .await
        .unwrap();
    assert!(
        saved.contains(&format!("linked to entry #{entry}")),
        "{saved}"
    );
    let alice = DiscordId(tb.user("alice"));
    let first = tb
        .store
        .evidence_entry(alice, entry)
        .await
        .unwrap()
        .unwrap();
    let (entries, _) = tb
        .store
        .evidence_of(alice, &EvidenceFilter::default())
        .await
        .unwrap();
    let answer = entries
        .iter()
        .find(|e| e.follows_up == Some(entry))
        .expect("linked");
    assert_eq!(answer.tags, first.tags, "tagged alike");
    assert_eq!(answer.answers[1].text, "Ask earlier still: at booking.");
    // A follow-up's answer has no plan stem, so it never starts a chain.
    jobs_at(&tb, written + Duration::weeks(13)).await;
    assert_eq!(followups(&tb, "alice").len(), 1);
    // Answering twice is refused: the follow-up is closed.
    let again = tb.click("alice", message.id, "Reflect on it").unwrap();
    let refused = tb.answer_to(alice.0, again).await.unwrap();
    assert!(refused.contains("no longer open"), "{refused}");
    finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follow_ups_can_be_moved_or_turned_off_and_a_deleted_entry_sends_nothing() {
    let tb = testbed().await;
    reflect_with_a_plan(&tb).await;
    let written = tb.clock.now();
    let off = tb
        .command(
            "alice",
            "schedule followups",
            &[("weeks", OptionValue::Int(0))],
        )
        .await
        .unwrap();
    assert!(
        off.contains("The one already planned is cancelled"),
        "{off}"
    );
    jobs_at(&tb, written + Duration::weeks(7)).await;
    assert!(followups(&tb, "alice").is_empty(), "off means none");
    let alice = DiscordId(tb.user("alice"));
    let queued: Vec<_> = tb
        .store
        .deliveries_of(alice)
        .await
        .unwrap()
        .into_iter()
        .filter(|d| d.kind == DeliveryKind::FollowUp)
        .collect();
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].status, DeliveryStatus::Expired);

    // Bilal chooses two weeks, reflects, and deletes the entry before it comes back.
    let two = tb
        .command(
            "bilal",
            "schedule followups",
            &[("weeks", OptionValue::Int(2))],
        )
        .await
        .unwrap();
    assert!(two.contains("2 weeks later"), "{two}");
    let prompt = tb.latest_prompt("bilal").unwrap();
    let click = tb.click("bilal", prompt.id, "Reflect").unwrap();
    let form = tb.modal_for(click).await.unwrap();
    let answers = vec![PLAN; form.fields.len()];
    tb.submit("bilal", &form, &answers).await.unwrap();
    let bilal = DiscordId(tb.user("bilal"));
    let (entries, _) = tb
        .store
        .evidence_of(bilal, &EvidenceFilter::default())
        .await
        .unwrap();
    let follow = tb
        .store
        .deliveries_of(bilal)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.kind == DeliveryKind::FollowUp)
        .expect("queued");
    assert!(follow.due_at - tb.clock.now() <= Duration::weeks(2) + Duration::days(1));
    assert!(
        tb.store
            .delete_evidence(bilal, entries[0].id)
            .await
            .unwrap()
    );
    jobs_at(
        &tb,
        tb.clock.now() + Duration::weeks(2) + Duration::days(1) + Duration::hours(1),
    )
    .await;
    assert!(
        followups(&tb, "bilal").is_empty(),
        "nothing of a deleted entry"
    );
    let after = tb.store.delivery(follow.id).await.unwrap().unwrap();
    assert_eq!(after.last_error.as_deref(), Some("entry_deleted"));
    finish(tb).await;
}
