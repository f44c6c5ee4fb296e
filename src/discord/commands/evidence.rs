//! `/evidence …`, `/coverage` and `/export`: the trainee's own evidence, always private.

use poise::serenity_prelude as serenity;
use serenity::{
    CreateActionRow, CreateButton, CreateInputText, CreateInteractionResponse, CreateModal,
    InputTextStyle,
};

use crate::app::evidence::{
    ListQuery, evidence_for_edit, list_evidence, parse_tag, retag_evidence, show_evidence,
};
use crate::app::portfolio::{coverage_report, send_export};
use crate::app::supervision::{discuss_evidence, share_evidence};
use crate::discord::{Context, Error, caller_id, reply_private};
use crate::domain::custom_id::CustomId;
use crate::domain::evidence::MAX_ANSWER_CHARS;
use crate::domain::export::ExportFormat;

/// Your reflections kept as evidence: list, read, edit, delete, share, discuss, tag.
#[poise::command(
    slash_command,
    subcommands(
        "list",
        "show",
        "edit",
        "delete",
        "share",
        "unshare",
        "discuss",
        "undiscuss",
        "tag"
    ),
    subcommand_required
)]
pub async fn evidence(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// List your evidence, newest first; filter by domain, theme, outcome or dates.
#[poise::command(slash_command)]
async fn list(
    ctx: Context<'_>,
    #[description = "Only entries tagged with this domain, theme or outcome"] tag: Option<String>,
    #[description = "Only entries written on these dates, e.g. 2026-11-01..2026-11-30"]
    dates: Option<String>,
    #[description = "Page number"]
    #[min = 1]
    page: Option<u32>,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let tag = tag.as_deref().map(parse_tag).transpose()?;
    let query = ListQuery {
        tag,
        dates,
        page: page.unwrap_or(1),
    };
    let text = list_evidence(&ctx.data().app, caller_id(&ctx), query).await?;
    reply_private(ctx, text).await
}

/// Read one of your entries in full.
#[poise::command(slash_command)]
async fn show(
    ctx: Context<'_>,
    #[description = "The entry number, e.g. 12"] id: i64,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let parts = show_evidence(&ctx.data().app, caller_id(&ctx), id).await?;
    for part in parts {
        reply_private(ctx, part).await?;
    }
    Ok(())
}

/// Edit one of your entries; the earlier version is kept in its history.
#[poise::command(slash_command)]
async fn edit(
    ctx: Context<'_>,
    #[description = "The entry number, e.g. 12"] id: i64,
) -> Result<(), Error> {
    let entry = evidence_for_edit(&ctx.data().app, caller_id(&ctx), id).await?;
    let rows = entry
        .answers
        .iter()
        .take(5)
        .enumerate()
        .map(|(i, answer)| {
            let label: String = answer.stem.chars().take(45).collect();
            let input = CreateInputText::new(InputTextStyle::Paragraph, label, format!("a{i}"))
                .value(answer.text.clone())
                .required(false)
                .max_length(MAX_ANSWER_CHARS as u16);
            CreateActionRow::InputText(input)
        })
        .collect();
    let modal = CreateModal::new(
        CustomId::EditForm { evidence: id }.to_string(),
        format!("Edit entry #{id}"),
    )
    .components(rows);
    let poise::Context::Application(app_ctx) = ctx else {
        return Err(
            crate::app::error::UserError::new("Use /evidence edit as a slash command.").into(),
        );
    };
    app_ctx
        .interaction
        .create_response(ctx, CreateInteractionResponse::Modal(modal))
        .await?;
    Ok(())
}

/// Delete one of your entries (you'll be asked to confirm).
#[poise::command(slash_command)]
async fn delete(
    ctx: Context<'_>,
    #[description = "The entry number, e.g. 12"] id: i64,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let parts = show_evidence(&ctx.data().app, caller_id(&ctx), id).await?;
    let text = parts.first().cloned().unwrap_or_default();
    let buttons = vec![
        CreateButton::new(CustomId::ConfirmDelete { evidence: id }.to_string())
            .label(format!("Delete #{id}"))
            .style(serenity::ButtonStyle::Danger),
        CreateButton::new(CustomId::KeepEvidence { evidence: id }.to_string())
            .label("Keep it")
            .style(serenity::ButtonStyle::Secondary),
    ];
    let preview: String = text.chars().take(1_500).collect();
    let reply = poise::CreateReply::default()
        .content(format!(
            "Delete this entry for good? Its history goes too.\n\n{preview}"
        ))
        .components(vec![CreateActionRow::Buttons(buttons)])
        .ephemeral(true);
    ctx.send(reply).await?;
    Ok(())
}

/// Share one of your entries with your supervisor.
#[poise::command(slash_command)]
async fn share(
    ctx: Context<'_>,
    #[description = "The entry number, e.g. 12"] id: i64,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = share_evidence(&ctx.data().app, caller_id(&ctx), id, true).await?;
    reply_private(ctx, text).await
}

/// Stop sharing one of your entries.
#[poise::command(slash_command)]
async fn unshare(
    ctx: Context<'_>,
    #[description = "The entry number, e.g. 12"] id: i64,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = share_evidence(&ctx.data().app, caller_id(&ctx), id, false).await?;
    reply_private(ctx, text).await
}

/// Flag one of your entries "would like to discuss" with your supervisor (this shares it).
#[poise::command(slash_command)]
async fn discuss(
    ctx: Context<'_>,
    #[description = "The entry number, e.g. 12"] id: i64,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = discuss_evidence(&ctx.data().app, caller_id(&ctx), id, true).await?;
    reply_private(ctx, text).await
}

/// Take back the "would like to discuss" flag (the entry stays shared).
#[poise::command(slash_command)]
async fn undiscuss(
    ctx: Context<'_>,
    #[description = "The entry number, e.g. 12"] id: i64,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = discuss_evidence(&ctx.data().app, caller_id(&ctx), id, false).await?;
    reply_private(ctx, text).await
}

/// Add or remove a domain, theme or outcome tag on one of your entries.
#[poise::command(slash_command)]
async fn tag(
    ctx: Context<'_>,
    #[description = "The entry number, e.g. 12"] id: i64,
    #[description = "Tag to add, e.g. population health, digital, outcome-3"] add: Option<String>,
    #[description = "Tag to remove"] remove: Option<String>,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let text = retag_evidence(
        &ctx.data().app,
        caller_id(&ctx),
        id,
        add.as_deref(),
        remove.as_deref(),
    )
    .await?;
    reply_private(ctx, text).await
}

/// Your coverage of the domains, themes and outcomes, with a chart.
#[poise::command(slash_command)]
pub async fn coverage(ctx: Context<'_>) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let report = coverage_report(&ctx.data().app, caller_id(&ctx)).await?;
    let mut reply = poise::CreateReply::default()
        .content(report.text)
        .ephemeral(true);
    if let Some(png) = report.chart_png {
        reply = reply.attachment(serenity::CreateAttachment::bytes(png, "coverage.png"));
    }
    ctx.send(reply).await?;
    Ok(())
}

/// The export format.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum FormatChoice {
    #[name = "All three (Markdown, CSV, JSON)"]
    All,
    #[name = "Markdown (for pasting into a portfolio)"]
    Markdown,
    #[name = "CSV (for spreadsheets)"]
    Csv,
    #[name = "JSON (complete record)"]
    Json,
}

/// Export your evidence by DM, grouped by domain, ready for your e-portfolio.
#[poise::command(slash_command)]
pub async fn export(
    ctx: Context<'_>,
    #[description = "File format (default: all three)"] format: Option<FormatChoice>,
) -> Result<(), Error> {
    ctx.defer_ephemeral().await?;
    let format = match format.unwrap_or(FormatChoice::All) {
        FormatChoice::All => None,
        FormatChoice::Markdown => Some(ExportFormat::Markdown),
        FormatChoice::Csv => Some(ExportFormat::Csv),
        FormatChoice::Json => Some(ExportFormat::Json),
    };
    let text = send_export(&ctx.data().app, caller_id(&ctx), format).await?;
    reply_private(ctx, text).await
}
