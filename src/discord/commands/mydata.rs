//! `/mydata …`: the member's rights over their own data, always private.
//!
//! The parent only groups its subcommands; each subcommand is a function of its own
//! (`/mydata erase` in `mydata_erase.rs`).

use super::mydata_erase::erase;
use crate::app::mydata::send_my_data;
use crate::discord::{Context, Error, caller_id, reply_private};

/// Your data: everything mindlines holds about you.
#[poise::command(slash_command, subcommands("export", "erase"), subcommand_required)]
pub async fn mydata(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Get everything mindlines holds about you by DM, as JSON and Markdown files.
#[poise::command(slash_command)]
pub async fn export(ctx: Context<'_>) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = send_my_data(&ctx.data().app, caller_id(&ctx)).await?;
    reply_private(ctx, text).await
}
