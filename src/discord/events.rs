//! Non-command events: DMs, message edits, button clicks and modal submits. Each is handed to
//! an `app::` use-case; serenity runs every handler in its own task, so nothing here assumes
//! ordering, and the app layer writes to a durable inbox before doing anything else.

use poise::serenity_prelude as serenity;

use super::{BotData, Error};

pub async fn handle(
    _ctx: poise::FrameworkContext<'_, BotData, Error>,
    event: &serenity::FullEvent,
) -> Result<(), Error> {
    tracing::trace!(event = event.snake_case_name(), "event");
    Ok(())
}
