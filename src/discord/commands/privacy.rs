//! `/privacy`: what mindlines keeps, who sees what and for how long, privately.

use crate::app::privacy::privacy_text;
use crate::discord::{Context, Error};
use crate::domain::message_split::{MESSAGE_BUDGET, split_for_messages};

/// What mindlines keeps about you, who can see it, how long it is kept and how to get it.
#[poise::command(slash_command)]
pub async fn privacy(ctx: Context<'_>) -> Result<(), Error> {
    let text = privacy_text(&ctx.data().app.retention);
    // Longer than one message (Discord's 2,000 characters): as many as it needs.
    for part in split_for_messages(&text, MESSAGE_BUDGET) {
        let reply = poise::CreateReply::default().content(part).ephemeral(true);
        ctx.send(reply).await?;
    }
    Ok(())
}
