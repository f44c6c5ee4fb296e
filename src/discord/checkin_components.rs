//! The buttons and form of wellbeing check-ins: the consent's Agree / Not now, the one-tap
//! score, "Add a note" (a one-field form), and the low-score menu. Who may press what is
//! decided in `app::checkins` against our own tables.

use poise::serenity_prelude as serenity;
use serenity::{
    ComponentInteraction, CreateActionRow, CreateInputText, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateModal, InputTextStyle,
};

use super::components::{answer, replace_message, user_text};
use crate::app::App;
use crate::app::checkins::{
    MAX_NOTE_CHARS, agree_to_checkins, answer_checkin, decline_checkins, pause_for_a_while,
    support_options,
};
use crate::domain::custom_id::CustomId;
use crate::domain::member::DiscordId;

pub(super) async fn on_click(
    ctx: &serenity::Context,
    app: &App,
    click: &ComponentInteraction,
    user: DiscordId,
    id: CustomId,
) -> anyhow::Result<()> {
    match id {
        CustomId::CheckinScore { delivery, score } => {
            match answer_checkin(app, user, delivery, score).await {
                // The check-in loses its scale and shows the answer's reply in its place.
                Ok(reply) => {
                    let content = format!("{}\n\n{}", click.message.content, reply.text);
                    let update = CreateInteractionResponseMessage::new()
                        .content(content)
                        .components(super::notifier::action_rows(&reply.buttons));
                    click
                        .create_response(ctx, CreateInteractionResponse::UpdateMessage(update))
                        .await?;
                    Ok(())
                }
                Err(error) => answer(ctx, click, &user_text(error)).await,
            }
        }
        CustomId::CheckinNote { delivery } => {
            let label: String = app
                .library
                .wellbeing()
                .map(|w| w.checkin().note_prompt.clone())
                .unwrap_or_else(|| "A note (optional, private to you)".into())
                .chars()
                .take(45)
                .collect();
            let input = CreateInputText::new(InputTextStyle::Paragraph, label, "a0")
                .required(false)
                .max_length(MAX_NOTE_CHARS as u16);
            let modal = CreateModal::new(
                CustomId::CheckinNote { delivery }.to_string(),
                "Check-in note",
            )
            .components(vec![CreateActionRow::InputText(input)]);
            click
                .create_response(ctx, CreateInteractionResponse::Modal(modal))
                .await?;
            Ok(())
        }
        CustomId::CheckinSupport { .. } => {
            let text = support_options(app).unwrap_or_else(user_text);
            answer(ctx, click, &text).await
        }
        CustomId::CheckinPause { .. } => {
            let text = pause_for_a_while(app, user).await.unwrap_or_else(user_text);
            answer(ctx, click, &text).await
        }
        CustomId::ConsentAgree => {
            let text = agree_to_checkins(app, user).await.unwrap_or_else(user_text);
            replace_message(ctx, click, text).await
        }
        CustomId::ConsentDecline => replace_message(ctx, click, decline_checkins()).await,
        _ => Ok(()),
    }
}
