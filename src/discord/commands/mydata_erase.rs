//! `/mydata erase`: asks twice, privately, then erases (see `discord::erasure_components`).

use crate::discord::erasure_components::first_question;
use crate::discord::{Context, Error};

/// Erase everything mindlines holds about you, for good (you'll be asked twice).
#[poise::command(slash_command, ephemeral)]
pub async fn erase(ctx: Context<'_>) -> Result<(), Error> {
    let asked = ctx.data().app.clock.now().timestamp();
    let (text, rows) = first_question(asked);
    let reply = poise::CreateReply::default()
        .content(text)
        .components(rows)
        .ephemeral(true);
    ctx.send(reply).await?;
    Ok(())
}
