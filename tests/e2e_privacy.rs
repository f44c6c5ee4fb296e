//! Logs never hold reflection text, risk-language text or the token. The whole flow runs with
//! mindlines' own logging at TRACE into a buffer, which is then searched for canaries.
//! (serenity's own TRACE output echoes gateway payloads and is not ours to change; production
//! runs at INFO.)

#[path = "e2e/support.rs"]
mod support;

use mindlines::testbed::SANDBOX_TOKEN;
use support::{testbed, weekly_prompts_go_out};

const CANARY_FORM: &str = "canary-form-7f3a reflection text";
const CANARY_DM: &str = "canary-dm-91bc reply text";
const CANARY_RISK: &str = "canary-risk-55d0 I want to end it all";
const CANARY_NOTE: &str = "canary-note-3e1f a private check-in note";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_private_reaches_the_logs() {
    let buffer = support::LogBuffer::capture();

    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    let prompt = tb.latest_prompt("alice").unwrap();
    let click = tb.click("alice", prompt.id, "Reflect").unwrap();
    let modal = tb.modal_for(click).await.unwrap();
    tb.submit("alice", &modal, &[CANARY_FORM]).await.unwrap();
    let sent = tb.dm("bilal", CANARY_DM).unwrap();
    tb.bot_dm_containing("bilal", "Kept as evidence", sent.id)
        .await
        .unwrap();
    let risk = tb.dm("dev", CANARY_RISK).unwrap();
    tb.bot_dm_containing("dev", "Samaritans", risk.id)
        .await
        .unwrap();
    assert_eq!(tb.app.safety.risk_signposted(), 1, "counted, not logged");
    let dev = mindlines::domain::member::DiscordId(tb.user("dev"));
    let (kept, _) = tb
        .store
        .evidence_of(dev, &Default::default())
        .await
        .unwrap();
    assert!(
        kept.is_empty(),
        "risk language stops the reflective flow: nothing is kept"
    );
    checkin_with_note(&tb).await;
    support::finish(tb).await;

    let logs = buffer.text();
    // No log line ties a member to risk language: the event is a count, not a log entry.
    let dev_id = dev.0.to_string();
    for line in logs.lines().filter(|l| l.contains(&dev_id)) {
        assert!(
            !line.to_lowercase().contains("risk") && !line.contains("signpost"),
            "a log line ties dev to risk language: {line}"
        );
    }
    for canary in [
        "canary-form-7f3a",
        "canary-dm-91bc",
        "canary-risk-55d0",
        "canary-note-3e1f",
        SANDBOX_TOKEN,
    ] {
        assert!(!logs.contains(canary), "'{canary}' reached the logs");
    }
}

/// Cara opts in, answers a check-in and adds a note: no score, note or consent reaches a log.
async fn checkin_with_note(tb: &mindlines::testbed::Testbed) {
    tb.opt_in_to_checkins("cara").await.unwrap();
    tb.clock.set(mindlines::testbed::first_checkin());
    tb.run_jobs().await.unwrap();
    let checkin = tb.newest_with_button("cara", "3 · Getting by").unwrap();
    tb.click("cara", checkin.id, "3 · Getting by").unwrap();
    tb.rewritten(&checkin).await.unwrap();
    let note = tb.click("cara", checkin.id, "Add a note").unwrap();
    let modal = tb.modal_for(note).await.unwrap();
    let kept = tb.submit("cara", &modal, &[CANARY_NOTE]).await.unwrap();
    assert!(kept.contains("Note kept"), "{kept}");
}
