//! `/digest …` for supervisors and `/team summary` for leads. Replies are private; the weekly
//! digest comes by DM through the outbound queue.

use poise::serenity_prelude as serenity;

use crate::app::supervision::{
    DigestMessage, digest_now, subscribe_digest, team_summary, unsubscribe_digest,
};
use crate::discord::notifier::action_rows;
use crate::discord::{Context, Error, caller_id, reply_private};
use crate::domain::member::DiscordId;

/// Digests of your supervisees: what they reflected on and chose to share (supervisors).
#[poise::command(
    slash_command,
    subcommands("now", "subscribe", "unsubscribe"),
    subcommand_required
)]
pub async fn digest(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Your digest of the last 7 days, now and only to you; optionally for one supervisee.
#[poise::command(slash_command)]
async fn now(
    ctx: Context<'_>,
    #[description = "Only this supervisee"] trainee: Option<serenity::User>,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let trainee = trainee.map(|user| DiscordId(user.id.get()));
    let messages = digest_now(&ctx.data().app, caller_id(&ctx), trainee).await?;
    for message in messages {
        send_private(ctx, message).await?;
    }
    Ok(())
}

async fn send_private(ctx: Context<'_>, digest: DigestMessage) -> Result<(), Error> {
    let mut reply = poise::CreateReply::default()
        .content(digest.message.content)
        .ephemeral(true);
    if !digest.message.buttons.is_empty() {
        reply = reply.components(action_rows(&digest.message.buttons));
    }
    for file in digest.files {
        reply = reply.attachment(serenity::CreateAttachment::bytes(file.bytes, file.name));
    }
    ctx.send(reply).await?;
    Ok(())
}

/// Get your digest every week by direct message (default Monday 08:00, your timezone).
#[poise::command(slash_command)]
async fn subscribe(
    ctx: Context<'_>,
    #[description = "The day, e.g. monday"] day: Option<String>,
    #[description = "The time, e.g. 08:00 or 5pm"] time: Option<String>,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = subscribe_digest(
        &ctx.data().app,
        caller_id(&ctx),
        day.as_deref(),
        time.as_deref(),
    )
    .await?;
    reply_private(ctx, text).await
}

/// Stop your weekly digest.
#[poise::command(slash_command)]
async fn unsubscribe(ctx: Context<'_>) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = unsubscribe_digest(&ctx.data().app, caller_id(&ctx)).await?;
    reply_private(ctx, text).await
}

/// Your team's figures, never anyone's own (team leads).
#[poise::command(slash_command, subcommands("summary"), subcommand_required)]
pub async fn team(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Team aggregates over the last weeks, each shown only when five or more people stand behind it.
#[poise::command(slash_command)]
async fn summary(
    ctx: Context<'_>,
    #[description = "How many weeks back (default 4)"]
    #[min = 1]
    #[max = 52]
    weeks: Option<u32>,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = team_summary(&ctx.data().app, caller_id(&ctx), weeks).await?;
    reply_private(ctx, text).await
}
