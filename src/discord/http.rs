//! Building serenity's HTTP client: a timeout on every call, and — when `discord.api_base`
//! points somewhere other than Discord — the local workspace as the proxy.
//!
//! serenity ignores the proxy unless its rate limiter is off (DISCORD.md), so against a local
//! workspace the limiter is disabled and a 429 comes back to us as an error, which the callers
//! treat as "retry later". Against real Discord serenity's own limiter stays on.

use std::time::Duration;

use poise::serenity_prelude as serenity;

use crate::config::DiscordConfig;

/// Builds the `Http` the client and the notifier share. The token is read here and nowhere else.
pub fn build_http(discord: &DiscordConfig, token: &str) -> anyhow::Result<serenity::Http> {
    let timeout = Duration::from_secs(discord.http_timeout_secs.max(1));
    let client = reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout)
        .build()?;
    let mut builder = serenity::HttpBuilder::new(token).client(client);
    if discord.uses_local_workspace() {
        builder = builder
            .proxy(discord.api_base.trim_end_matches('/'))
            .ratelimiter_disabled(true);
    }
    Ok(builder.build())
}
