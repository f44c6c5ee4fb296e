//! Starting the bot: the poise framework on a serenity client built with `new_with_http`
//! (so our `Http`, with its timeout and local-workspace proxy, is the one used), slash-command
//! registration that never hangs, and a handle to stop it.
//!
//! poise's `setup` runs on the first READY; if it returned an error every later event would
//! block forever (DISCORD.md), so `setup` always succeeds and reports the registration outcome
//! on a channel instead. Registration is retried a few times; if it still fails, [`BotHandle`]
//! says so and the caller ends the process with a clear message.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use poise::serenity_prelude as serenity;
use tokio::sync::oneshot;

use super::{BotData, Error, commands, errors, events};
use crate::app::App;
use crate::config::DiscordConfig;

const REGISTRATION_ATTEMPTS: u32 = 4;

/// A running bot. Dropping it does not stop it; call [`BotHandle::stop`].
pub struct BotHandle {
    shard_manager: Arc<serenity::ShardManager>,
    task: tokio::task::JoinHandle<Result<(), serenity::Error>>,
    registered: Option<oneshot::Receiver<Result<(), String>>>,
}

impl BotHandle {
    /// Waits until slash commands are registered, or fails with the reason.
    pub async fn wait_registered(&mut self, within: Duration) -> anyhow::Result<()> {
        let receiver = self
            .registered
            .take()
            .context("registration was already awaited")?;
        match tokio::time::timeout(within, receiver).await {
            Ok(Ok(Ok(()))) => Ok(()),
            Ok(Ok(Err(reason))) => anyhow::bail!("could not register slash commands: {reason}"),
            Ok(Err(_)) => anyhow::bail!("the bot stopped before it registered its commands"),
            Err(_) => anyhow::bail!(
                "the bot did not connect and register its commands within {} s",
                within.as_secs()
            ),
        }
    }

    /// Waits for the client to end by itself (a fatal gateway close, for example).
    pub async fn wait(&mut self) -> anyhow::Result<()> {
        match (&mut self.task).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(serenity::Error::Gateway(serenity::GatewayError::DisallowedGatewayIntents))) => {
                Err(anyhow::anyhow!(
                    "Discord refused the gateway intents: switch on the Message Content intent for the bot in the developer portal (Bot → Privileged Gateway Intents), as deploy/README.md describes; mindlines needs it to read case threads"
                ))
            }
            Ok(Err(e)) => Err(anyhow::anyhow!("the Discord client stopped: {e}")),
            Err(e) => Err(anyhow::anyhow!("the Discord client task failed: {e}")),
        }
    }

    /// The shard manager, for the watchdog.
    pub fn shard_manager(&self) -> Arc<serenity::ShardManager> {
        self.shard_manager.clone()
    }

    /// Closes every shard and waits for the client to finish.
    pub async fn stop(self) {
        self.shard_manager.shutdown_all().await;
        let _ = tokio::time::timeout(Duration::from_secs(10), self.task).await;
    }
}

/// Connects to Discord (or the local workspace) and starts handling events.
pub async fn start_bot(
    discord: &DiscordConfig,
    app: Arc<App>,
    token: &str,
) -> anyhow::Result<BotHandle> {
    let http = super::http::build_http(discord, token)?;
    check_gateway(&http, &discord.api_base).await?;
    let (registered_tx, registered_rx) = oneshot::channel();
    let guild_ids = discord.guild_ids.clone();
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: commands::all(),
            on_error: errors::on_error,
            event_handler: |ctx, event| Box::pin(events::handle(ctx, event)),
            ..Default::default()
        })
        .initialize_owners(false)
        .setup(move |ctx, ready, framework| {
            Box::pin(async move {
                tracing::info!(bot = %ready.user.name, guilds = ready.guilds.len(), "connected");
                let outcome =
                    register_commands(ctx, &framework.options().commands, &guild_ids).await;
                let _ = registered_tx.send(outcome);
                Ok(BotData { app })
            })
        })
        .build();
    let mut client = serenity::ClientBuilder::new_with_http(http, intents())
        .framework(framework)
        .await
        .context("building the Discord client")?;
    let shard_manager = client.shard_manager.clone();
    let task = tokio::spawn(async move { client.start().await });
    Ok(BotHandle {
        shard_manager,
        task,
        registered: Some(registered_rx),
    })
}

/// Asks for the gateway address before starting the client. serenity falls back to the real
/// Discord gateway when this call fails, so a bot pointed at a local workspace that is not
/// answering would otherwise reach out to Discord: we fail closed instead.
/// The token is checked here too (`GET /users/@me`): a rejected token is said plainly, once,
/// and never retried.
async fn check_gateway(http: &serenity::Http, api_base: &str) -> anyhow::Result<()> {
    let mut last = String::new();
    for attempt in 1..=3u32 {
        match http.get_gateway().await {
            Ok(_) => return check_token(http).await,
            Err(e) if super::notifier::is_unauthorized(&e) => anyhow::bail!(TOKEN_REJECTED),
            Err(e) => last = super::notifier::classify(e).to_string(),
        }
        tokio::time::sleep(Duration::from_millis(200 * u64::from(attempt))).await;
    }
    anyhow::bail!("cannot get the gateway address from {api_base} ({last}); not starting")
}

const TOKEN_REJECTED: &str = "the bot token was rejected (HTTP 401): check discord.token (or MINDLINES_DISCORD_TOKEN); not starting";

async fn check_token(http: &serenity::Http) -> anyhow::Result<()> {
    match http.get_current_user().await {
        Ok(_) => Ok(()),
        Err(e) if super::notifier::is_unauthorized(&e) => anyhow::bail!(TOKEN_REJECTED),
        Err(e) => anyhow::bail!(
            "cannot check the bot token ({}); not starting",
            super::notifier::classify(e)
        ),
    }
}

/// Only what the features need: guilds and their messages, DMs (replies), and the privileged
/// MESSAGE_CONTENT, without which a case thread's messages arrive with no text and the
/// anonymisation guard could not read them (switch it on in the developer portal: see
/// deploy/README). DM text would arrive without it.
fn intents() -> serenity::GatewayIntents {
    serenity::GatewayIntents::GUILDS
        | serenity::GatewayIntents::GUILD_MESSAGES
        | serenity::GatewayIntents::DIRECT_MESSAGES
        | serenity::GatewayIntents::MESSAGE_CONTENT
}

async fn register_commands(
    ctx: &serenity::Context,
    commands: &[poise::Command<BotData, Error>],
    guild_ids: &[u64],
) -> Result<(), String> {
    let mut last_error = String::new();
    for attempt in 1..=REGISTRATION_ATTEMPTS {
        match register_once(ctx, commands, guild_ids).await {
            Ok(()) => {
                tracing::info!(commands = commands.len(), "slash commands registered");
                return Ok(());
            }
            Err(e) => {
                last_error = super::notifier::classify(e).to_string();
                tracing::warn!(attempt, "registering slash commands failed: {last_error}");
                tokio::time::sleep(Duration::from_millis(250 * 2u64.pow(attempt))).await;
            }
        }
    }
    Err(last_error)
}

async fn register_once(
    ctx: &serenity::Context,
    commands: &[poise::Command<BotData, Error>],
    guild_ids: &[u64],
) -> Result<(), serenity::Error> {
    if guild_ids.is_empty() {
        return poise::builtins::register_globally(ctx, commands).await;
    }
    for &guild in guild_ids {
        poise::builtins::register_in_guild(ctx, commands, serenity::GuildId::new(guild)).await?;
    }
    Ok(())
}
