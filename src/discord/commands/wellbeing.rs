//! `/wellbeing …`: opt-in check-ins, always private.

use poise::serenity_prelude as serenity;
use serenity::{CreateActionRow, CreateButton};

use crate::app::checkins::{
    ConsentOffer, checkin_trend, offer_checkins, set_checkin_schedule, set_sharing, stop_checkins,
};
use crate::discord::{Context, Error, caller_id, reply_private};
use crate::domain::custom_id::CustomId;

/// Private wellbeing check-ins: opt in, choose when, share or not, stop at any time.
#[poise::command(
    slash_command,
    subcommands("start", "stop", "schedule", "share", "trend"),
    subcommand_required
)]
pub async fn wellbeing(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Read what check-ins are and who sees what, then agree or not.
#[poise::command(slash_command)]
async fn start(ctx: Context<'_>) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    match offer_checkins(&ctx.data().app, caller_id(&ctx)).await? {
        ConsentOffer::AlreadyOn(text) => reply_private(ctx, text).await,
        ConsentOffer::Ask { text } => {
            let buttons = vec![
                CreateButton::new(CustomId::ConsentAgree.to_string())
                    .label("Agree")
                    .style(serenity::ButtonStyle::Primary),
                CreateButton::new(CustomId::ConsentDecline.to_string())
                    .label("Not now")
                    .style(serenity::ButtonStyle::Secondary),
            ];
            let reply = poise::CreateReply::default()
                .content(text)
                .components(vec![CreateActionRow::Buttons(buttons)])
                .ephemeral(true);
            ctx.send(reply).await?;
            Ok(())
        }
    }
}

/// Stop check-ins now; queued ones are cancelled.
#[poise::command(slash_command)]
async fn stop(ctx: Context<'_>) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = stop_checkins(&ctx.data().app, caller_id(&ctx)).await?;
    reply_private(ctx, text).await
}

/// Choose when check-ins come (only what you fill in changes).
#[poise::command(slash_command)]
async fn schedule(
    ctx: Context<'_>,
    #[description = "weekly or fortnightly"] cadence: Option<String>,
    #[description = "The day, e.g. fri"] day: Option<String>,
    #[description = "Local time, e.g. 15:00"] time: Option<String>,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = set_checkin_schedule(
        &ctx.data().app,
        caller_id(&ctx),
        cadence.as_deref(),
        day.as_deref(),
        time.as_deref(),
    )
    .await?;
    reply_private(ctx, text).await
}

/// Your own check-in trend over the last 12 weeks, as a chart only you see.
#[poise::command(slash_command)]
async fn trend(ctx: Context<'_>) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let trend = checkin_trend(&ctx.data().app, caller_id(&ctx)).await?;
    let mut reply = poise::CreateReply::default()
        .content(trend.text)
        .ephemeral(true);
    if let Some(png) = trend.chart_png {
        reply = reply.attachment(serenity::CreateAttachment::bytes(
            png,
            "wellbeing-trend.png",
        ));
    }
    ctx.send(reply).await?;
    Ok(())
}

/// Whether to share your check-in scores with your supervisor (off unless you turn it on).
#[poise::command(slash_command)]
async fn share(
    ctx: Context<'_>,
    #[description = "on or off"] choice: ShareChoice,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let on = matches!(choice, ShareChoice::On);
    let text = set_sharing(&ctx.data().app, caller_id(&ctx), on).await?;
    reply_private(ctx, text).await
}

#[derive(Debug, poise::ChoiceParameter)]
enum ShareChoice {
    #[name = "on"]
    On,
    #[name = "off"]
    Off,
}
