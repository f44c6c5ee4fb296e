//! The one safety screen, end to end: risk language in a reflection form, an edit form or a DM
//! gets the signposting at once and nothing is stored; the writer may keep it as a reflection
//! (it was about a patient) within 15 minutes, privately; after that the text is gone. That
//! only the writer can keep it is a unit test of `app::safety`.

#[path = "e2e/support.rs"]
mod support;

use chrono::Duration;
use mindlines::domain::member::DiscordId;
use mindlines::store::EvidenceFilter;
use mindlines::testbed::Testbed;
use support::{testbed, weekly_prompts_go_out};

/// About a patient, but written so that the screen cannot tell (the words come before who said
/// them): the case the keep button exists for.
const PATIENT_RISK: &str =
    "I want to end it all — that is what my patient kept saying today. I learned to sit with it.";
const KEEP: &str = "It was about someone else";

async fn entries(tb: &Testbed, handle: &str) -> Vec<String> {
    let (entries, _) = tb
        .store
        .evidence_of(DiscordId(tb.user(handle)), &EvidenceFilter::default())
        .await
        .unwrap();
    entries
        .into_iter()
        .flat_map(|e| e.answers.into_iter().map(|a| a.text))
        .filter(|text| !text.is_empty())
        .collect()
}

/// Submits the reflection form of alice's prompt with `text`; returns the bot's answer.
async fn reflect(tb: &Testbed, text: &str) -> String {
    let prompt = tb.latest_prompt("alice").unwrap();
    let click = tb.click("alice", prompt.id, "Reflect").unwrap();
    let modal = tb.modal_for(click).await.unwrap();
    tb.submit("alice", &modal, &[text]).await.unwrap()
}

/// Clicks the keep button on `message` and returns the message's text once it has changed.
async fn keep(tb: &Testbed, handle: &str, message: u64) -> String {
    let before = tb.driver.message(message).unwrap();
    tb.click(handle, message, &keep_label(tb, message)).unwrap();
    let now = tb.rewritten(&before).await.unwrap();
    assert!(now.button_labels().is_empty(), "the button is gone");
    now.text()
}

fn keep_label(tb: &Testbed, message: u64) -> String {
    let view = tb.driver.message(message).unwrap();
    view.button_labels()
        .into_iter()
        .find(|l| l.starts_with(KEEP))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn risk_language_in_a_form_is_held_not_kept_until_the_writer_says_it_was_a_patient() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    let answer = reflect(&tb, "I want to kill myself.").await;
    assert!(answer.contains("Samaritans"), "signposting first: {answer}");
    assert!(
        !answer.contains("paused"),
        "nothing is paused, so nothing says so"
    );
    assert!(entries(&tb, "alice").await.is_empty(), "nothing is stored");
    assert_eq!(tb.app.safety.risk_signposted(), 1);

    // A second submit, about a patient, is held too; the writer keeps it.
    let answer = reflect(&tb, PATIENT_RISK).await;
    assert!(answer.contains("15 minutes"));
    let held = tb.newest_with_button("alice", KEEP).unwrap();
    let kept = keep(&tb, "alice", held.id).await;
    assert!(kept.contains("Saved to your evidence"), "{kept}");
    assert!(kept.contains("Samaritans"), "the signposting stays in view");
    assert_eq!(entries(&tb, "alice").await, vec![PATIENT_RISK.to_owned()]);
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn held_text_is_gone_after_fifteen_minutes() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    let sent = tb.dm("bilal", PATIENT_RISK).unwrap();
    let signposting = tb
        .bot_dm_containing("bilal", "Samaritans", sent.id)
        .await
        .unwrap();
    assert!(entries(&tb, "bilal").await.is_empty());
    // Sixteen minutes later the text is gone, and the button says so.
    tb.clock.advance(Duration::minutes(16));
    let answer = keep(&tb, "bilal", signposting.id).await;
    assert!(answer.contains("no longer have that text"), "{answer}");
    assert!(entries(&tb, "bilal").await.is_empty());
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_dm_reply_is_kept_as_evidence_when_the_writer_chooses() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    let sent = tb.dm("bilal", PATIENT_RISK).unwrap();
    let signposting = tb
        .bot_dm_containing("bilal", "Samaritans", sent.id)
        .await
        .unwrap();
    let answer = keep(&tb, "bilal", signposting.id).await;
    assert!(answer.contains("Kept as evidence"), "{answer}");
    assert_eq!(entries(&tb, "bilal").await, vec![PATIENT_RISK.to_owned()]);
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dm_that_answers_no_prompt_gets_a_kind_answer() {
    let tb = testbed().await;
    let sent = tb.dm("alice", "Rough shift, but we got there.").unwrap();
    let answer = tb
        .bot_dm_containing("alice", "Thank you for writing", sent.id)
        .await
        .unwrap();
    assert!(answer.text().contains("/reflect"));
    support::finish(tb).await;
}
