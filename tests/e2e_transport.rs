//! End to end through the local workspace and the real serenity/poise client: start-up,
//! slash commands, buttons and forms, DMs, and the gateway and HTTP faults the transport must
//! survive.

#[path = "e2e/support.rs"]
mod support;

use std::time::Duration;

use mindlines::clock::Clock;
use mindlines::domain::member::DiscordId;
use mindlines::sandbox::{BodyCheck, Fault, Place};
use mindlines::store::EvidenceFilter;
use support::{testbed, weekly_prompts_go_out};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_starts_and_registers_its_slash_commands() {
    let tb = testbed().await;
    let names: Vec<String> = tb
        .driver
        .registered_commands(None)
        .iter()
        .filter_map(|c| c["name"].as_str().map(str::to_owned))
        .collect();
    for expected in ["reflect", "help", "about"] {
        assert!(
            names.iter().any(|n| n == expected),
            "/{expected} missing from {names:?}"
        );
    }
    assert!(
        tb.driver.unknown_routes().is_empty(),
        "the bot called routes the workspace does not know"
    );
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slash_command_in_a_dm_gets_a_private_answer() {
    let tb = testbed().await;
    let alice = tb.user("alice");
    let interaction = tb
        .driver
        .slash_command(alice, Place::Dm, "about", &[])
        .unwrap();
    let text = tb.answer_to(alice, interaction).await.unwrap();
    assert!(text.contains("Private by default"), "{text}");
    let response = tb
        .driver
        .interaction_response(interaction)
        .expect("answered");
    assert!(response.ephemeral, "the answer must be ephemeral");
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_not_on_the_roster_is_told_how_to_join() {
    let tb = testbed().await;
    let stranger = tb.driver.add_user("stranger");
    let interaction = tb
        .driver
        .slash_command(stranger, Place::Dm, "reflect", &[])
        .unwrap();
    let text = tb.answer_to(stranger, interaction).await.unwrap();
    assert!(text.contains("not on the mindlines roster"), "{text}");
    assert!(
        text.contains(&stranger.to_string()),
        "the answer should give them their id"
    );
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_prompt_button_opens_a_form_whose_answer_becomes_evidence() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    let prompt = tb.latest_prompt("alice").unwrap();
    assert_eq!(
        prompt.button_labels(),
        [
            "Reflect",
            "Snooze 1 hour",
            "Tomorrow",
            "Skip this week",
            "Not relevant to me"
        ]
    );
    let click = tb.click("alice", prompt.id, "Reflect").unwrap();
    let modal = tb.modal_for(click).await.unwrap();
    assert!(!modal.fields.is_empty() && modal.fields.len() <= 5);
    let reply = tb
        .submit(
            "alice",
            &modal,
            &["What I noticed", "Why it mattered", "What I'll do"],
        )
        .await
        .unwrap();
    assert!(reply.contains("Saved to your evidence"), "{reply}");
    let (entries, total) = tb
        .store
        .evidence_of(DiscordId(tb.user("alice")), &EvidenceFilter::default())
        .await
        .unwrap();
    assert_eq!(total, 1);
    assert_eq!(entries[0].answers[0].text, "What I noticed");
    assert_eq!(entries[0].answers[0].stem, modal.fields[0].label);
    support::finish(tb).await;
}

/// The spec check guards only what it can find in the spec: every route the bot sends a body to
/// in a prompt-and-form story (commands, DMs, messages, interaction replies, modals) must have
/// a body schema there, or a refused shape would pass unnoticed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_body_the_bot_sends_is_checked_against_the_spec() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    let prompt = tb.latest_prompt("alice").unwrap();
    let click = tb.click("alice", prompt.id, "Reflect").unwrap();
    let modal = tb.modal_for(click).await.unwrap();
    tb.submit("alice", &modal, &["noticed", "mattered", "will do"])
        .await
        .unwrap();
    tb.command("alice", "help", &[]).await.unwrap();
    let check = BodyCheck::discord();
    let mut routes: Vec<String> = tb
        .driver
        .rest_calls()
        .into_iter()
        .filter(|call| call.body.is_some())
        .map(|call| call.route)
        .collect();
    routes.sort();
    routes.dedup();
    println!("routes with bodies: {routes:?}");
    for wanted in [
        "POST /channels/{id}/messages",
        "POST /interactions/{id}/{token}/callback",
        "POST /users/@me/channels",
    ] {
        assert!(routes.iter().any(|r| r == wanted), "{wanted} in {routes:?}");
    }
    let unchecked: Vec<&String> = routes
        .iter()
        .filter(|route| check.schema_pointer(route).is_none())
        .collect();
    assert!(unchecked.is_empty(), "no spec schema for {unchecked:?}");
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_member_a_prompt_was_for_can_use_its_buttons() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    let prompt = tb.latest_prompt("alice").unwrap();
    let bilal = tb.user("bilal");
    let click = tb
        .driver
        .click_button(bilal, prompt.id, "Skip this week")
        .unwrap();
    let text = tb.answer_to(bilal, click).await.unwrap();
    assert!(text.contains("no longer available"), "{text}");
    let delivery = tb
        .store
        .delivery_by_message(prompt.id)
        .await
        .unwrap()
        .unwrap();
    assert!(
        delivery.status.is_open(),
        "bilal's click must not change alice's prompt"
    );
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dm_reply_reaches_the_app_and_is_kept() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    let sent = tb
        .dm("bilal", "I learned to ask what each medicine is for.")
        .unwrap();
    tb.bot_dm_containing("bilal", "Kept as evidence", sent.id)
        .await
        .unwrap();
    let (entries, _) = tb
        .store
        .evidence_of(DiscordId(tb.user("bilal")), &EvidenceFilter::default())
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].answers[0].text,
        "I learned to ask what each medicine is for."
    );
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_close_4000_resumes_without_losing_a_dm() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    let before = tb.driver.gateway_stats();
    tb.driver.close_gateway(4000);
    // Written while the connection is down: must arrive through the RESUME replay.
    let sent = tb.dm("alice", "Written during the reconnect.").unwrap();
    tb.bot_dm_containing("alice", "Kept as evidence", sent.id)
        .await
        .unwrap();
    let after = tb.driver.gateway_stats();
    assert!(
        after.resumes > before.resumes,
        "the bot should RESUME, not re-identify"
    );
    assert_eq!(after.identifies, before.identifies);
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_on_send_is_retried_and_delivered_once() {
    let tb = testbed().await;
    tb.driver.fail_times(
        "POST /channels/{id}/messages",
        Fault::TooManyRequests {
            retry_after: Duration::from_millis(500),
            global: false,
        },
        1,
    );
    weekly_prompts_go_out(&tb).await;
    tb.clock.set(tb.clock.now() + chrono::Duration::seconds(5));
    tb.run_jobs().await.unwrap();
    assert_eq!(tb.driver.served_429s(), 1);
    for handle in ["alice", "bilal", "dev"] {
        let prompts = tb
            .driver
            .bot_messages_to(tb.user(handle))
            .into_iter()
            .filter(|m| !m.button_labels().is_empty())
            .count();
        assert_eq!(prompts, 1, "{handle} should get exactly one prompt");
    }
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dms_closed_is_not_retried_and_the_member_is_told_later() {
    let tb = testbed().await;
    let alice = tb.user("alice");
    tb.driver.set_dms_closed(alice, true).unwrap();
    weekly_prompts_go_out(&tb).await;
    for _ in 0..3 {
        tb.clock.set(tb.clock.now() + chrono::Duration::minutes(10));
        tb.run_jobs().await.unwrap();
    }
    let dm = tb.driver.dm_channel(alice);
    let attempts = tb
        .driver
        .rest_calls_to("POST /channels/{id}/messages")
        .into_iter()
        .filter(|c| c.path.contains(&dm.to_string()))
        .count();
    assert_eq!(attempts, 1, "a 50007 must never be retried");
    let member = tb.store.member(DiscordId(alice)).await.unwrap().unwrap();
    assert_eq!(
        member.status,
        mindlines::domain::member::MemberStatus::Unreachable
    );
    tb.driver.set_dms_closed(alice, false).unwrap();
    let interaction = tb
        .driver
        .slash_command(alice, Place::Dm, "reflect", &[])
        .unwrap();
    let text = tb.answer_to(alice, interaction).await.unwrap();
    assert!(
        text.contains("couldn't"),
        "alice should be told her DMs were closed: {text}"
    );
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_gateway_lookup_stops_the_bot_from_starting() {
    let mut tb = testbed().await;
    tb.stop_bot().await;
    tb.driver
        .fail_times("GET /gateway", Fault::ServerError(503), 100);
    let started = tokio::time::timeout(Duration::from_secs(20), tb.start_bot()).await;
    let error = started
        .expect("start-up must fail fast, not hang")
        .expect_err("the bot must refuse to start");
    assert!(error.to_string().contains("not starting"), "{error:#}");
    support::finish(tb).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_written_over_two_messages_keeps_both() {
    let tb = testbed().await;
    weekly_prompts_go_out(&tb).await;
    let first = tb.dm("bilal", "First half of my thoughts.").unwrap();
    tb.bot_dm_containing("bilal", "Kept as evidence", first.id)
        .await
        .unwrap();
    let second = tb.dm("bilal", "And the plan that follows.").unwrap();
    tb.bot_dm_containing("bilal", "Kept as evidence", second.id)
        .await
        .unwrap();
    let (entries, _) = tb
        .store
        .evidence_of(DiscordId(tb.user("bilal")), &EvidenceFilter::default())
        .await
        .unwrap();
    let texts: Vec<&str> = entries.iter().map(|e| e.answers[0].text.as_str()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(
        entries.iter().all(|e| e.areas().count() == 1),
        "both are tagged like the prompt"
    );
    support::finish(tb).await;
}
