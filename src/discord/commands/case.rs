//! `/case …`: case discussions for team leads, run in the team's case channel and its threads.
//! Replies are private; what the whole team reads is posted in the thread itself.

use poise::serenity_prelude as serenity;
use serenity::{
    CreateActionRow, CreateInputText, CreateInteractionResponse, CreateModal, InputTextStyle,
};

use crate::app::cases::{
    Place, SUMMARY_FIELDS, close_form, next_stage, schedule_review, set_case_channel,
    set_up_automod, start_case, who_is_taking_part,
};
use crate::app::error::UserError;
use crate::discord::{Context, Error, caller_id, reply_private};
use crate::domain::case::{MAX_SUMMARY_CHARS, parse_domains};
use crate::domain::custom_id::CustomId;

/// Case discussions for your team: start one, run its stages, close it with a summary (leads).
#[poise::command(
    slash_command,
    subcommands("channel", "start", "stage", "who", "close", "review", "setup"),
    subcommand_required
)]
pub async fn case(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

fn place(ctx: &Context<'_>) -> Option<Place> {
    ctx.guild_id().map(|guild| Place {
        guild: guild.get(),
        channel: ctx.channel_id().get(),
    })
}

/// Make this channel the one your team's case threads open in (lead or admin).
#[poise::command(slash_command)]
async fn channel(ctx: Context<'_>) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = set_case_channel(&ctx.data().app, caller_id(&ctx), place(&ctx)).await?;
    reply_private(ctx, text).await
}

/// Open a private case thread for your team, with a template and the domains it touches.
#[poise::command(slash_command)]
async fn start(
    ctx: Context<'_>,
    #[description = "A short title with nothing that could identify the person"] title: String,
    #[description = "The domains or themes it touches, e.g. complex multimorbidity, system working"]
    domains: String,
    #[description = "wisegp (default), balint, schwartz or mdt-learning"] template: Option<String>,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let domains = parse_domains(&domains).map_err(UserError)?;
    let text = start_case(
        &ctx.data().app,
        caller_id(&ctx),
        place(&ctx),
        &title,
        template.as_deref().map(str::trim),
        domains,
    )
    .await?;
    reply_private(ctx, text).await
}

/// Move the case on through its stages (the case's lead).
#[poise::command(slash_command, subcommands("next"), subcommand_required)]
async fn stage(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Post the next stage's question in this case thread.
#[poise::command(slash_command)]
async fn next(ctx: Context<'_>) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = next_stage(&ctx.data().app, caller_id(&ctx), ctx.channel_id().get()).await?;
    reply_private(ctx, text).await
}

/// Who is taking part in this case, with their professions.
#[poise::command(slash_command)]
async fn who(ctx: Context<'_>) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = who_is_taking_part(&ctx.data().app, caller_id(&ctx), ctx.channel_id().get()).await?;
    reply_private(ctx, text).await
}

/// Close this case with a summary; the thread is locked and contributors asked to reflect.
#[poise::command(slash_command)]
async fn close(ctx: Context<'_>) -> Result<(), Error> {
    let thread = ctx.channel_id().get();
    let fields = close_form(&ctx.data().app, caller_id(&ctx), thread).await?;
    let rows = fields
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let input = CreateInputText::new(InputTextStyle::Paragraph, *label, format!("a{i}"))
                .required(i == 0)
                .max_length(u16::try_from(MAX_SUMMARY_CHARS).unwrap_or(u16::MAX));
            CreateActionRow::InputText(input)
        })
        .collect();
    let modal = CreateModal::new(
        CustomId::CaseClose {
            thread: i64::try_from(thread).unwrap_or(i64::MAX),
        }
        .to_string(),
        "Close the case: its summary",
    )
    .components(rows);
    let poise::Context::Application(app_ctx) = ctx else {
        return Err(UserError::new("Use /case close as a slash command.").into());
    };
    debug_assert_eq!(fields.len(), SUMMARY_FIELDS.len());
    app_ctx
        .interaction
        .create_response(ctx, CreateInteractionResponse::Modal(modal))
        .await?;
    Ok(())
}

/// Plan a "review and revise" follow-up in this thread after some weeks (e.g. in:6w).
#[poise::command(slash_command)]
async fn review(
    ctx: Context<'_>,
    #[description = "How long from now, e.g. 6w or 10d"]
    #[rename = "in"]
    after: String,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = schedule_review(
        &ctx.data().app,
        caller_id(&ctx),
        ctx.channel_id().get(),
        &after,
    )
    .await?;
    reply_private(ctx, text).await
}

/// Create the server's AutoMod rule that blocks clear patient identifiers (lead or admin).
#[poise::command(slash_command)]
async fn setup(ctx: Context<'_>) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let guild = ctx.guild_id().map(|g| g.get());
    let text = set_up_automod(&ctx.data().app, caller_id(&ctx), guild).await?;
    reply_private(ctx, text).await
}
