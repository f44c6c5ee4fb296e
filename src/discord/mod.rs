//! Transport only: the poise framework, thin slash commands, event intake and the Discord
//! notifier. Commands parse, call one `app::` use-case and render its result.

mod checkin_components;
mod commands;
mod components;
mod erasure_components;
mod errors;
mod events;
pub mod framework;
pub mod http;
pub mod notifier;
mod supervision_components;
pub mod watchdog;

use std::sync::Arc;

pub use framework::{BotHandle, start_bot};
pub use notifier::DiscordNotifier;

use crate::app::App;

/// What every command and event handler can reach.
pub struct BotData {
    pub app: Arc<App>,
}

pub type Error = anyhow::Error;
pub type Context<'a> = poise::Context<'a, BotData, Error>;

/// The Discord user who ran the command, as our id type.
pub fn caller_id(ctx: &Context<'_>) -> crate::domain::member::DiscordId {
    crate::domain::member::DiscordId(ctx.author().id.get())
}

/// Answers privately (ephemeral in a server, plain in a DM).
pub async fn reply_private(ctx: Context<'_>, text: impl Into<String>) -> Result<(), Error> {
    let reply = poise::CreateReply::default().content(text).ephemeral(true);
    ctx.send(reply).await?;
    Ok(())
}
