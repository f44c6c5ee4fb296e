//! `/schedule …`: when prompts come, and pausing them for leave or nights.

use crate::app::schedules::{
    ScheduleChange, pause_schedule, resume_schedule, set_schedule, show_schedule,
};
use crate::discord::{Context, Error, caller_id, reply_private};

/// When your prompts come: see, change, pause and resume.
#[poise::command(
    slash_command,
    subcommands("show", "set", "pause", "resume", "followups"),
    subcommand_required
)]
pub async fn schedule(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// See when your prompts come and when the next one is due.
#[poise::command(slash_command)]
async fn show(ctx: Context<'_>) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = show_schedule(&ctx.data().app, caller_id(&ctx)).await?;
    reply_private(ctx, text).await
}

/// Change when your prompts come (only what you fill in changes).
#[poise::command(slash_command)]
async fn set(
    ctx: Context<'_>,
    #[description = "weekly, fortnightly, or days such as mon,thu"] cadence: Option<String>,
    #[description = "For weekly or fortnightly: the day, e.g. tue"] day: Option<String>,
    #[description = "Local time, e.g. 09:30 or 2pm"] time: Option<String>,
    #[description = "Your timezone, e.g. Europe/London"] timezone: Option<String>,
    #[description = "Bank holidays to skip: england-and-wales, scotland, northern-ireland, none"]
    bank_holidays: Option<String>,
    #[description = "No prompts between, e.g. 21:00-08:00, or off"] quiet_hours: Option<String>,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let change = ScheduleChange {
        cadence,
        day,
        time,
        timezone,
        bank_holidays,
        quiet_hours,
    };
    let text = set_schedule(&ctx.data().app, caller_id(&ctx), change).await?;
    reply_private(ctx, text).await
}

/// Pause prompts for leave, nights or anything else; nobody is told why.
#[poise::command(slash_command)]
async fn pause(
    ctx: Context<'_>,
    #[description = "leave, nights or other"] reason: String,
    #[description = "Dates, e.g. 2026-12-20..2027-01-03 (empty: until you resume)"] dates: Option<
        String,
    >,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = pause_schedule(&ctx.data().app, caller_id(&ctx), &reason, dates.as_deref()).await?;
    reply_private(ctx, text).await
}

/// Resume prompts after a pause.
#[poise::command(slash_command)]
async fn resume(ctx: Context<'_>) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = resume_schedule(&ctx.data().app, caller_id(&ctx)).await?;
    reply_private(ctx, text).await
}

/// How many weeks after a reflection that ends with a plan I come back to it (0 = never).
#[poise::command(slash_command)]
async fn followups(
    ctx: Context<'_>,
    #[description = "Weeks until the follow-up (default 6); 0 turns follow-ups off"]
    #[min = 0]
    #[max = 26]
    weeks: u32,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text =
        crate::app::followups::set_followups(&ctx.data().app, caller_id(&ctx), weeks).await?;
    reply_private(ctx, text).await
}
