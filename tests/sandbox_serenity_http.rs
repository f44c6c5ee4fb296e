//! serenity 0.12.5's own `Http` calls against the sandbox: every answer the bot is likely to
//! need parses into serenity's strict models (a shape error would surface as `Error::Json`).

mod sandbox_support;

use mindlines::sandbox::{MessageFilter, Sandbox, SandboxConfig};
use poise::serenity_prelude as serenity;
use sandbox_support::http;

#[tokio::test]
async fn serenity_http_calls_parse_every_answer() {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let driver = sandbox.driver();
    let http = http(&sandbox);
    let ada = driver.add_user("ada");
    let (user, guild) = (
        serenity::UserId::new(ada),
        serenity::GuildId::new(driver.guild_id()),
    );
    let channel = serenity::ChannelId::new(driver.channel_id("case-discussions").expect("channel"));

    assert!(http.get_current_user().await.expect("current user").bot);
    let app = http
        .get_current_application_info()
        .await
        .expect("application");
    assert_eq!(app.id.get(), driver.application_id());
    http.set_application_id(app.id);
    assert_eq!(user.to_user(&http).await.expect("user").name, "ada");
    assert_eq!(
        guild.to_partial_guild(&http).await.expect("guild").name,
        "enhance"
    );
    assert_eq!(
        guild.member(&http, user).await.expect("member").user.id,
        user
    );
    assert_eq!(
        guild
            .members(&http, Some(10), None)
            .await
            .expect("members")
            .len(),
        2
    );
    assert!(matches!(
        channel.to_channel(&http).await.expect("channel"),
        serenity::Channel::Guild(_)
    ));

    let dm = user.create_dm_channel(&http).await.expect("dm");
    let nonce = serenity::Nonce::String("prompt-1".into());
    let send = || {
        serenity::CreateMessage::new()
            .content("Prompt")
            .nonce(nonce.clone())
            .enforce_nonce(true)
    };
    let first = dm.id.send_message(&http, send()).await.expect("send");
    assert_eq!(
        dm.id.send_message(&http, send()).await.expect("again").id,
        first.id
    );
    let edited = dm
        .id
        .edit_message(
            &http,
            first.id,
            serenity::EditMessage::new().content("Prompt (edited)"),
        )
        .await
        .expect("edit");
    assert_eq!(edited.content, "Prompt (edited)");
    first.react(&http, '✅').await.expect("react");
    dm.id.broadcast_typing(&http).await.expect("typing");
    dm.id.delete_message(&http, first.id).await.expect("delete");
    assert!(driver.messages(&MessageFilter::to_user(ada)).is_empty());

    let kind = serenity::ChannelType::PrivateThread;
    let thread = channel
        .create_thread(&http, serenity::CreateThread::new("Case 7").kind(kind))
        .await
        .expect("thread");
    thread
        .id
        .add_thread_member(&http, user)
        .await
        .expect("add member");
    assert_eq!(
        thread
            .id
            .get_thread_members(&http)
            .await
            .expect("members")
            .len(),
        2
    );
    assert_eq!(
        guild
            .get_active_threads(&http)
            .await
            .expect("active")
            .threads
            .len(),
        1
    );
    let archived = thread
        .id
        .edit_thread(
            &http,
            serenity::EditThread::new().archived(true).locked(true),
        )
        .await
        .expect("archive");
    assert!(archived.thread_metadata.expect("metadata").archived);
    assert!(
        thread.id.say(&http, "too late").await.is_err(),
        "locked archived threads refuse posts"
    );

    let opener = channel.say(&http, "New case").await.expect("say");
    let from_message = channel
        .create_thread_from_message(&http, opener.id, serenity::CreateThread::new("Case 8"))
        .await
        .expect("thread");
    assert_eq!(from_message.id.get(), opener.id.get());

    let command = serenity::CreateCommand::new("reflect").description("Write a reflection");
    let commands = http
        .create_global_commands(&vec![command])
        .await
        .expect("register");
    assert_eq!(commands[0].name, "reflect");
    assert!(
        driver.unknown_routes().is_empty(),
        "{:?}",
        driver.unknown_routes()
    );
}
