//! The real serenity 0.12.5 client under the sandbox's levers: components and modals, lost
//! heartbeat acks, op 9, a fatal 4004 close, and REST faults reaching the caller.

mod sandbox_support;

use std::time::Duration;

use mindlines::sandbox::{Fault, MessageFilter, Sandbox, SandboxConfig};
use poise::serenity_prelude as serenity;
use sandbox_support::{Bot, WAIT, http};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buttons_and_modals_round_trip_through_serenity() {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let driver = sandbox.driver();
    let mut bot = Bot::start(&sandbox).await;
    bot.expect_seen("ready:mindlines").await;
    let ada = driver.add_user("ada");
    let asked = driver.send_dm(ada, "prompt me").expect("dm");
    let prompt = driver
        .wait_for_bot_message(MessageFilter::to_user(ada).after(asked.id), WAIT)
        .await
        .expect("prompt");
    assert_eq!(prompt.button_labels(), ["Reflect now"]);

    let click = driver
        .click_button(ada, prompt.id, "Reflect now")
        .expect("click");
    let modal = driver.wait_for_modal(click, WAIT).await.expect("modal");
    assert_eq!(
        (modal.title.as_str(), modal.fields[0].label.as_str()),
        ("Reflection", "What happened?")
    );
    let submit = driver
        .submit_modal(ada, click, &[("What happened?", "A patient thanked me")])
        .expect("submit");
    let reply = driver
        .wait_for_bot_message(MessageFilter::to_user(ada).for_interaction(submit), WAIT)
        .await
        .expect("reply");
    assert_eq!(
        (reply.content.as_str(), reply.ephemeral),
        ("Got: A patient thanked me", true)
    );
    bot.stop().await;
}

// serenity waits 5 s between IDENTIFYs of a process, so each re-identify test takes ~5 s.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lost_heartbeat_acks_make_serenity_identify_again() {
    let config = SandboxConfig {
        heartbeat_interval: Duration::from_millis(250),
        ..SandboxConfig::default()
    };
    let sandbox = Sandbox::start(config).await.expect("sandbox");
    let driver = sandbox.driver();
    let mut bot = Bot::start(&sandbox).await;
    bot.expect_seen("ready:mindlines").await;
    driver.withhold_heartbeat_acks(true);
    driver
        .wait_for_gateway("a new IDENTIFY", WAIT, |s| s.identifies >= 2)
        .await
        .expect("re-identified");
    driver.withhold_heartbeat_acks(false);
    bot.expect_seen("ready:mindlines").await;
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn op9_not_resumable_makes_serenity_identify_again() {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let driver = sandbox.driver();
    let mut bot = Bot::start(&sandbox).await;
    bot.expect_seen("ready:mindlines").await;
    driver.send_invalid_session(false);
    driver
        .wait_for_gateway("another IDENTIFY", WAIT, |s| s.identifies >= 2)
        .await
        .expect("re-identified");
    let ada = driver.add_user("ada");
    driver.wait_until_connected(WAIT).await.expect("connected");
    driver.send_dm(ada, "still there?").expect("dm");
    bot.expect_seen("message:still there?").await;
    assert_eq!(driver.gateway_stats().resumes, 0);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn close_4004_is_fatal_for_the_client() {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let driver = sandbox.driver();
    let mut bot = Bot::start(&sandbox).await;
    bot.expect_seen("ready:mindlines").await;
    driver.close_gateway(4004);
    let outcome = bot.finished().await.expect("client.start() returned");
    assert!(outcome.is_err(), "4004 ends the client with an error");
}

#[tokio::test]
async fn rest_faults_reach_the_caller_as_errors() {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let driver = sandbox.driver();
    let http = http(&sandbox);
    let ada = driver.add_user("ada");
    let user = serenity::UserId::new(ada);
    let channel = user.create_dm_channel(&http).await.expect("dm channel");
    let status = |result: serenity::Result<serenity::Message>| match result {
        Err(serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(e))) => {
            (e.status_code.as_u16(), e.error.code)
        }
        other => panic!("expected an HTTP error, got {other:?}"),
    };

    driver.fail_next(
        "POST /channels/{id}/messages",
        Fault::TooManyRequests {
            retry_after: Duration::from_secs(1),
            global: false,
        },
    );
    assert_eq!(status(channel.say(&http, "hi").await).0, 429);
    driver.fail_next("POST /channels/{id}/messages", Fault::ServerError(503));
    assert_eq!(status(channel.say(&http, "hi").await).0, 503);
    driver.set_dms_closed(ada, true).expect("user");
    assert_eq!(status(channel.say(&http, "hi").await), (403, 50007));
    driver.set_dms_closed(ada, false).expect("user");
    assert_eq!(channel.say(&http, "hi").await.expect("sent").content, "hi");
    assert_eq!(driver.served_429s(), 1);
}
