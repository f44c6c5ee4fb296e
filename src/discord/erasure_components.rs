//! The two confirmations of `/mydata erase`, as private messages with buttons: "Continue" on
//! the first leads to the second, "Erase everything now" on the second erases through
//! `app::erasure`, "Cancel" on either erases nothing. Each button carries the time its question
//! was asked; a click more than 15 minutes later erases nothing. A click erases the member who
//! clicks, whatever the id says, so nobody can erase anyone else.

use poise::serenity_prelude as serenity;
use serenity::{ButtonStyle, ComponentInteraction, CreateActionRow, CreateButton};

use super::components::{replace_message, user_text};
use crate::app::App;
use crate::app::erasure::{
    CANCELLED, EXPIRED, FIRST_QUESTION, SECOND_QUESTION, erase_self, still_valid,
};
use crate::domain::custom_id::CustomId;
use crate::domain::member::DiscordId;

/// The first question and its buttons, asked at `asked` (Unix seconds).
pub(super) fn first_question(asked: i64) -> (&'static str, Vec<CreateActionRow>) {
    let next = CustomId::EraseContinue { asked };
    (
        FIRST_QUESTION,
        buttons(next, "Continue to erase", ButtonStyle::Secondary),
    )
}

fn buttons(next: CustomId, label: &str, style: ButtonStyle) -> Vec<CreateActionRow> {
    vec![CreateActionRow::Buttons(vec![
        CreateButton::new(next.to_string())
            .label(label)
            .style(style),
        CreateButton::new(CustomId::EraseCancel.to_string())
            .label("Cancel")
            .style(ButtonStyle::Primary),
    ])]
}

pub(super) async fn on_click(
    ctx: &serenity::Context,
    app: &App,
    click: &ComponentInteraction,
    user: DiscordId,
    id: CustomId,
) -> anyhow::Result<()> {
    let now = app.clock.now();
    match id {
        CustomId::EraseContinue { asked } if still_valid(asked, now) => {
            let next = CustomId::EraseConfirm {
                asked: now.timestamp(),
            };
            let rows = buttons(next, "Erase everything now", ButtonStyle::Danger);
            let update = serenity::CreateInteractionResponseMessage::new()
                .content(SECOND_QUESTION)
                .components(rows);
            let response = serenity::CreateInteractionResponse::UpdateMessage(update);
            click.create_response(ctx, response).await?;
            Ok(())
        }
        CustomId::EraseConfirm { asked } if still_valid(asked, now) => {
            let text = erase_self(app, user).await.unwrap_or_else(user_text);
            replace_message(ctx, click, text).await
        }
        CustomId::EraseCancel => replace_message(ctx, click, CANCELLED.to_owned()).await,
        _ => replace_message(ctx, click, EXPIRED.to_owned()).await,
    }
}
