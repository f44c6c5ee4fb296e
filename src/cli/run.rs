//! `mindlines run`: the bot against Discord (or a local workspace at `discord.api_base`).

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use crate::app::App;
use crate::clock::SystemClock;
use crate::compose::build_app;
use crate::config::Config;
use crate::discord;
use crate::jobs;

const NO_TOKEN: &str = "\
mindlines needs a Discord bot token to run against Discord, and none is configured.

To get one:
  1. Open https://discord.com/developers/applications and create an application.
  2. Under \"Bot\", reset the token and copy it (keep it secret).
  3. Under \"OAuth2 → URL Generator\", tick `bot` and `applications.commands`, open the URL and
     invite the bot to your server.
  4. Give mindlines the token: set MINDLINES_DISCORD_TOKEN, or `token` under [discord] in
     mindlines.toml. Optionally list your server's id in discord.guild_ids for instant commands.

To see mindlines work without any of that, run `mindlines demo`: it starts a local
Discord-compatible workspace with a small cohort and plays the whole story.";

pub async fn run(config: Config) -> anyhow::Result<ExitCode> {
    let Some(token) = config.discord_token().map(str::to_owned) else {
        eprintln!("{NO_TOKEN}");
        return Ok(ExitCode::FAILURE);
    };
    let app = build_app(&config, Arc::new(SystemClock), &token).await?;
    let store = app.store.clone();
    let (stop, stopped) = watch::channel(false);
    let jobs = jobs::spawn(app.clone(), stopped);
    tracing::info!("mindlines is starting; press Ctrl-C to stop");
    let outcome = supervise(&config, app, &token).await;
    let _ = stop.send(true);
    let _ = jobs.await;
    store.close().await;
    outcome.map(|()| ExitCode::SUCCESS)
}

/// Runs the bot, restarting it when the watchdog finds the gateway stuck, until Ctrl-C or a
/// fatal error (a bad token, disallowed intents).
async fn supervise(config: &Config, app: Arc<App>, token: &str) -> anyhow::Result<()> {
    loop {
        let mut bot = discord::start_bot(&config.discord, app.clone(), token).await?;
        bot.wait_registered(Duration::from_secs(60)).await?;
        let stuck = discord::watchdog::watch(bot.shard_manager());
        tokio::select! {
            result = bot.wait() => return result,
            _ = tokio::signal::ctrl_c() => {
                tracing::info!("stopping");
                bot.stop().await;
                return Ok(());
            }
            _ = stuck => {
                tracing::warn!("the gateway has been stuck for {} s; restarting the bot", discord::watchdog::STUCK_AFTER.as_secs());
                bot.stop().await;
            }
        }
    }
}
