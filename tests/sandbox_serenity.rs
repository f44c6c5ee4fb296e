//! Compatibility: a real, unmodified serenity 0.12.5 client with a poise 0.7.1 framework, pointed
//! at the sandbox. Proves READY reaches the handler, poise registers its commands, a slash
//! command gets an ephemeral reply, a DM gets a reply, a gateway close 4000 is followed by a
//! RESUME that replays a DM sent during the gap, op 7 is followed by a RESUME too, and history
//! written while the bot is down is readable through serenity's own paging call.

mod sandbox_support;

use mindlines::sandbox::{Driver, MessageFilter, OptionValue, Place, Sandbox, SandboxConfig};
use poise::serenity_prelude as serenity;
use sandbox_support::{Bot, WAIT, http};

async fn reply_to(driver: &Driver, filter: MessageFilter) -> String {
    driver
        .wait_for_bot_message(filter, WAIT)
        .await
        .expect("a reply")
        .content
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serenity_and_poise_run_against_the_sandbox() {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let driver = sandbox.driver();
    let mut bot = Bot::start(&sandbox).await;

    bot.expect_seen("ready:mindlines").await;
    driver
        .wait_for_command("reflect", WAIT)
        .await
        .expect("poise registered /reflect");
    assert_eq!(
        driver
            .rest_calls_to("PUT /applications/{id}/commands")
            .len(),
        1
    );

    let ada = driver.add_user("ada");
    let id = driver
        .slash_command(
            ada,
            Place::Dm,
            "reflect",
            &[("text", OptionValue::from("a long night shift"))],
        )
        .expect("command");
    let reply = driver
        .wait_for_bot_message(MessageFilter::to_user(ada).for_interaction(id), WAIT)
        .await
        .expect("reply");
    assert_eq!(
        (reply.content.as_str(), reply.ephemeral),
        ("Saved: a long night shift", true)
    );

    let hello = driver.send_dm(ada, "hello").expect("dm");
    bot.expect_seen("message:hello").await;
    assert_eq!(
        reply_to(&driver, MessageFilter::to_user(ada).after(hello.id)).await,
        "echo: hello"
    );

    driver.close_gateway(4000);
    let gap = driver.send_dm(ada, "sent during the gap").expect("dm");
    driver
        .wait_for_gateway("a resume", WAIT, |s| s.resumes >= 1)
        .await
        .expect("serenity resumed");
    bot.expect_seen("message:sent during the gap").await;
    assert_eq!(
        reply_to(&driver, MessageFilter::to_user(ada).after(gap.id)).await,
        "echo: sent during the gap"
    );
    assert_eq!(
        driver.gateway_stats().identifies,
        1,
        "resumed, not re-identified"
    );

    driver.send_reconnect();
    driver
        .wait_for_gateway("a resume after op 7", WAIT, |s| s.resumes >= 2)
        .await
        .expect("resumed");
    let after = driver.send_dm(ada, "after op 7").expect("dm");
    assert_eq!(
        reply_to(&driver, MessageFilter::to_user(ada).after(after.id)).await,
        "echo: after op 7"
    );

    assert!(
        driver.unknown_routes().is_empty(),
        "unexpected routes: {:?}",
        driver.unknown_routes()
    );
    bot.stop().await;
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_users_write_while_the_bot_is_down_can_be_backfilled() {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let driver = sandbox.driver();
    let mut bot = Bot::start(&sandbox).await;
    bot.expect_seen("ready:mindlines").await;
    let ada = driver.add_user("ada");
    let seen = driver.send_dm(ada, "before the restart").expect("dm");
    bot.expect_seen("message:before the restart").await;
    bot.stop().await;

    driver
        .wait_for_gateway("the bot to leave", WAIT, |s| s.open_connections == 0)
        .await
        .expect("disconnected");
    driver.send_dm(ada, "while you were down 1").expect("dm");
    driver.send_dm(ada, "while you were down 2").expect("dm");

    let mut bot = Bot::start(&sandbox).await;
    bot.expect_seen("ready:mindlines").await;
    assert_eq!(
        driver.gateway_stats().identifies,
        2,
        "a restarted process identifies afresh"
    );
    let http = http(&sandbox);
    let channel = serenity::ChannelId::new(driver.dm_channel(ada));
    let missed = channel
        .messages(
            &http,
            serenity::GetMessages::new()
                .after(serenity::MessageId::new(seen.id))
                .limit(100),
        )
        .await
        .expect("history");
    let texts: Vec<&str> = missed
        .iter()
        .filter(|m| !m.author.bot)
        .map(|m| m.content.as_str())
        .collect();
    assert_eq!(
        texts,
        ["while you were down 2", "while you were down 1"],
        "newest first, as Discord pages"
    );
    bot.stop().await;
    sandbox.shutdown().await;
}
