//! The buttons and form a supervisor uses on shared entries: "Read #N" in a digest opens the
//! entry whole (privately), "Acknowledge" answers it in one tap, "Comment" opens a one-field
//! form. Who may do what is decided in `app::supervision` against our own tables.

use poise::serenity_prelude as serenity;
use serenity::{
    ComponentInteraction, CreateActionRow, CreateInputText, CreateInteractionResponse,
    CreateInteractionResponseFollowup, CreateModal, InputTextStyle, ModalInteraction,
};

use super::components::{answer, button_row, private_reply, private_reply_with, user_text};
use super::notifier::action_rows;
use crate::app::App;
use crate::app::safety::Written;
use crate::app::supervision::{acknowledge_entry, comment_on_entry, read_shared_entry};
use crate::domain::custom_id::CustomId;
use crate::domain::member::DiscordId;
use crate::domain::supervision::MAX_COMMENT_CHARS;

pub(super) async fn on_click(
    ctx: &serenity::Context,
    app: &App,
    click: &ComponentInteraction,
    user: DiscordId,
    id: CustomId,
) -> anyhow::Result<()> {
    match id {
        CustomId::ReadShared { evidence } => match read_shared_entry(app, user, evidence).await {
            Ok(view) => {
                // The entry in as many private messages as it needs, the buttons under the last.
                let last = view.parts.len().saturating_sub(1);
                for (i, part) in view.parts.iter().enumerate() {
                    let rows = if i == last {
                        action_rows(&view.buttons)
                    } else {
                        Vec::new()
                    };
                    if i == 0 {
                        click
                            .create_response(ctx, private_reply_with(part, rows))
                            .await?;
                    } else {
                        let follow = CreateInteractionResponseFollowup::new()
                            .content(part)
                            .components(rows)
                            .ephemeral(true);
                        click.create_followup(ctx, follow).await?;
                    }
                }
                Ok(())
            }
            Err(error) => answer(ctx, click, &user_text(error)).await,
        },
        CustomId::AckShared { evidence } => {
            let text = acknowledge_entry(app, user, evidence)
                .await
                .unwrap_or_else(user_text);
            answer(ctx, click, &text).await
        }
        CustomId::CommentShared { evidence } => {
            let input = CreateInputText::new(InputTextStyle::Paragraph, "Your comment", "a0")
                .required(true)
                .max_length(u16::try_from(MAX_COMMENT_CHARS).unwrap_or(u16::MAX))
                .placeholder("What you noticed, a question, a next step — the trainee sees it.");
            let modal = CreateModal::new(
                CustomId::CommentShared { evidence }.to_string(),
                format!("Comment on entry #{evidence}"),
            )
            .components(vec![CreateActionRow::InputText(input)]);
            click
                .create_response(ctx, CreateInteractionResponse::Modal(modal))
                .await?;
            Ok(())
        }
        _ => answer(ctx, click, "That button is not one mindlines knows.").await,
    }
}

/// The comment form's submit. A refused comment comes back with its text, so nothing is lost.
pub(super) async fn on_submit(
    ctx: &serenity::Context,
    app: &App,
    submit: &ModalInteraction,
    user: DiscordId,
    evidence: i64,
    text: &str,
) -> anyhow::Result<()> {
    let response = match comment_on_entry(app, user, evidence, text).await {
        Ok(Written::Saved(saved)) => private_reply(&saved),
        Ok(Written::Held { reply, keep }) => private_reply_with(&reply, vec![button_row(&keep)]),
        Err(error) => private_reply(&format!(
            "{}\n\nYour comment, to paste again:\n{text}",
            user_text(error)
        )),
    };
    submit.create_response(ctx, response).await?;
    Ok(())
}
