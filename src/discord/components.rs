//! Button clicks and modal submits. poise routes only slash commands, so components arrive
//! here. The custom id is parsed once; who may click is decided in `app::reflection`.

use poise::serenity_prelude as serenity;
use serenity::{
    ActionRowComponent, ComponentInteraction, CreateActionRow, CreateInputText,
    CreateInteractionResponse, CreateInteractionResponseMessage, CreateModal, InputTextStyle,
    ModalInteraction,
};

use super::errors::user_facing;
use crate::app::App;
use crate::app::cases::{close_case, reflection_form};
use crate::app::checkins::add_checkin_note;
use crate::app::error::UserError;
use crate::app::evidence::{delete_evidence, submit_edited_evidence};
use crate::app::followups::{followup_form, skip_followup, stop_followups};
use crate::app::form_entries::{QueuedForm, submit_queued_form};
use crate::app::notify::Button;
use crate::app::reflection::{
    ButtonOutcome, ReflectionForm, press_prompt_button, submit_reflection,
};
use crate::app::safety::{Written, keep_held};
use crate::domain::custom_id::CustomId;
use crate::domain::evidence::MAX_ANSWER_CHARS;
use crate::domain::member::DiscordId;

pub async fn handle(
    ctx: &serenity::Context,
    app: &App,
    interaction: &serenity::Interaction,
) -> anyhow::Result<()> {
    match interaction {
        serenity::Interaction::Component(click) => on_click(ctx, app, click).await,
        serenity::Interaction::Modal(submit) => on_submit(ctx, app, submit).await,
        _ => Ok(()),
    }
}

async fn on_click(
    ctx: &serenity::Context,
    app: &App,
    click: &ComponentInteraction,
) -> anyhow::Result<()> {
    let user = DiscordId(click.user.id.get());
    match click.data.custom_id.parse::<CustomId>() {
        Ok(CustomId::Prompt { action, delivery }) => {
            let outcome = press_prompt_button(app, user, action, delivery).await;
            answer_prompt_click(ctx, click, outcome).await
        }
        Ok(CustomId::ConfirmDelete { evidence }) => {
            let text = delete_evidence(app, user, evidence)
                .await
                .unwrap_or_else(user_text);
            replace_message(ctx, click, text).await
        }
        Ok(CustomId::KeepEvidence { evidence }) => {
            replace_message(ctx, click, format!("Kept entry #{evidence}.")).await
        }
        Ok(
            id @ (CustomId::CheckinScore { .. }
            | CustomId::CheckinNote { .. }
            | CustomId::CheckinSupport { .. }
            | CustomId::CheckinPause { .. }
            | CustomId::ConsentAgree
            | CustomId::ConsentDecline),
        ) => super::checkin_components::on_click(ctx, app, click, user, id).await,
        Ok(
            id @ (CustomId::ReadShared { .. }
            | CustomId::AckShared { .. }
            | CustomId::CommentShared { .. }),
        ) => super::supervision_components::on_click(ctx, app, click, user, id).await,
        Ok(
            id @ (CustomId::EraseContinue { .. }
            | CustomId::EraseConfirm { .. }
            | CustomId::EraseCancel),
        ) => super::erasure_components::on_click(ctx, app, click, user, id).await,
        Ok(id @ CustomId::FollowUpReflect { delivery }) => {
            let stems = followup_form(app, user, delivery).await;
            open_form(ctx, click, id, "Coming back to a plan", stems).await
        }
        Ok(id @ CustomId::CaseReflect { delivery }) => {
            let stems = reflection_form(app, user, delivery).await;
            open_form(ctx, click, id, "After the case discussion", stems).await
        }
        Ok(CustomId::FollowUpSkip { delivery }) => {
            let text = skip_followup(app, user, delivery)
                .await
                .unwrap_or_else(user_text);
            let content = format!("{}\n\n_{text}_", click.message.content);
            replace_message(ctx, click, content).await
        }
        Ok(CustomId::FollowUpStop { delivery }) => {
            let text = stop_followups(app, user, delivery)
                .await
                .unwrap_or_else(user_text);
            let content = format!("{}\n\n_{text}_", click.message.content);
            replace_message(ctx, click, content).await
        }
        Ok(CustomId::KeepHeld { token }) => {
            // The signposting stays in view; only the button gives way to what happened.
            let outcome = keep_held(app, user, token).await.unwrap_or_else(user_text);
            let content = format!("{}\n\n{outcome}", click.message.content);
            replace_message(ctx, click, content).await
        }
        _ => {
            let text = "That button is from an older version of mindlines. Use `/reflect` for a fresh prompt.";
            answer(ctx, click, text).await
        }
    }
}

async fn answer_prompt_click(
    ctx: &serenity::Context,
    click: &ComponentInteraction,
    outcome: anyhow::Result<ButtonOutcome>,
) -> anyhow::Result<()> {
    let response = match outcome {
        Ok(ButtonOutcome::OpenForm(form)) => CreateInteractionResponse::Modal(modal(&form)),
        Ok(ButtonOutcome::Done {
            reply,
            prompt_update,
        }) => {
            // Replace the buttons with what happened, so the prompt cannot be acted on twice.
            let content = format!("{}\n\n{prompt_update}", click.message.content);
            replace_message(ctx, click, content).await?;
            return follow_up(ctx, click, &reply).await;
        }
        Err(error) => private_reply(&user_text(error)),
    };
    click.create_response(ctx, response).await?;
    Ok(())
}

/// Answers a click by rewriting the message it was on, without buttons.
pub(super) async fn replace_message(
    ctx: &serenity::Context,
    click: &ComponentInteraction,
    content: String,
) -> anyhow::Result<()> {
    let update = CreateInteractionResponseMessage::new()
        .content(content)
        .components(Vec::new());
    click
        .create_response(ctx, CreateInteractionResponse::UpdateMessage(update))
        .await?;
    Ok(())
}

async fn on_submit(
    ctx: &serenity::Context,
    app: &App,
    submit: &ModalInteraction,
) -> anyhow::Result<()> {
    let user = DiscordId(submit.user.id.get());
    let answers = answers_of(submit);
    let outcome = match submit.data.custom_id.parse::<CustomId>() {
        Ok(CustomId::ReflectionForm { delivery }) => {
            submit_reflection(app, user, delivery, submit.id.get(), answers.clone()).await
        }
        Ok(CustomId::EditForm { evidence }) => {
            submit_edited_evidence(app, user, evidence, answers.clone()).await
        }
        Ok(CustomId::FollowUpReflect { delivery }) => {
            let form = QueuedForm::FollowUp;
            submit_queued_form(app, user, form, delivery, submit.id.get(), answers.clone()).await
        }
        Ok(CustomId::CaseReflect { delivery }) => {
            let form = QueuedForm::CaseReflection;
            submit_queued_form(app, user, form, delivery, submit.id.get(), answers.clone()).await
        }
        Ok(CustomId::CaseClose { thread }) => {
            let thread = u64::try_from(thread).unwrap_or_default();
            close_case(app, user, thread, answers.clone()).await
        }
        Ok(CustomId::CommentShared { evidence }) => {
            let text = answers.first().cloned().unwrap_or_default();
            return super::supervision_components::on_submit(
                ctx, app, submit, user, evidence, &text,
            )
            .await;
        }
        Ok(CustomId::CheckinNote { delivery }) => {
            let note = answers.first().cloned().unwrap_or_default();
            let text = add_checkin_note(app, user, delivery, &note)
                .await
                .unwrap_or_else(user_text);
            submit.create_response(ctx, private_reply(&text)).await?;
            return Ok(());
        }
        _ => Err(UserError::new(
            "That form is from an older version of mindlines; nothing was saved.",
        )
        .into()),
    };
    let text = match outcome {
        Ok(Written::Saved(saved)) => saved,
        // Held by the safety screen: the signposting, privately, with the choice to keep it.
        Ok(Written::Held { reply, keep }) => {
            let response = private_reply_with(&reply, vec![button_row(&keep)]);
            submit.create_response(ctx, response).await?;
            return Ok(());
        }
        // Nothing is lost: a refused form comes back with the draft.
        Err(error) => {
            let text = format!("{}\n\n{}", user_text(error), draft(&answers));
            submit.create_response(ctx, private_reply(&text)).await?;
            return Ok(());
        }
    };
    match &submit.message {
        // A reflection form opened from a prompt: the prompt loses its buttons and says so,
        // and the confirmation follows privately.
        Some(prompt) if submit.data.custom_id.starts_with("ml1:form:") => {
            let content = format!("{}\n\n_Reflected — kept in your evidence._", prompt.content);
            let update = CreateInteractionResponseMessage::new()
                .content(content)
                .components(Vec::new());
            submit
                .create_response(ctx, CreateInteractionResponse::UpdateMessage(update))
                .await?;
            let follow = serenity::CreateInteractionResponseFollowup::new()
                .content(text)
                .ephemeral(true);
            submit.create_followup(ctx, follow).await?;
        }
        _ => submit.create_response(ctx, private_reply(&text)).await?,
    }
    Ok(())
}

/// Answers a click with the form `id` (one optional paragraph per question), or with why it
/// cannot open.
async fn open_form(
    ctx: &serenity::Context,
    click: &ComponentInteraction,
    id: CustomId,
    title: &str,
    stems: anyhow::Result<[&'static str; 2]>,
) -> anyhow::Result<()> {
    let response = match stems {
        Ok(stems) => CreateInteractionResponse::Modal(answers_modal(id.to_string(), title, &stems)),
        Err(error) => private_reply(&user_text(error)),
    };
    click.create_response(ctx, response).await?;
    Ok(())
}

/// A form with one optional paragraph per question (a follow-up's, a case reflection's).
fn answers_modal(custom_id: String, title: &str, stems: &[&str]) -> CreateModal {
    let rows = stems
        .iter()
        .enumerate()
        .map(|(i, stem)| {
            let input = CreateInputText::new(InputTextStyle::Paragraph, *stem, format!("a{i}"))
                .required(false)
                .max_length(MAX_ANSWER_CHARS as u16);
            CreateActionRow::InputText(input)
        })
        .collect();
    CreateModal::new(custom_id, title).components(rows)
}

fn modal(form: &ReflectionForm) -> CreateModal {
    let rows = form
        .fields
        .iter()
        .enumerate()
        .map(|(i, stem)| {
            let input = CreateInputText::new(InputTextStyle::Paragraph, stem, format!("a{i}"))
                .required(false)
                .max_length(MAX_ANSWER_CHARS as u16);
            CreateActionRow::InputText(input)
        })
        .collect();
    CreateModal::new(&form.custom_id, &form.title).components(rows)
}

/// The texts in form order. Discord sends back only each field's custom id (`a0`, `a1`…) and
/// value, not its label, so the order is recovered from the id.
fn answers_of(submit: &ModalInteraction) -> Vec<String> {
    let mut fields: Vec<(usize, String)> = submit
        .data
        .components
        .iter()
        .flat_map(|row| row.components.iter())
        .filter_map(|component| match component {
            ActionRowComponent::InputText(input) => {
                let index = input.custom_id.strip_prefix('a')?.parse().ok()?;
                Some((index, input.value.clone().unwrap_or_default()))
            }
            _ => None,
        })
        .collect();
    fields.sort_by_key(|(index, _)| *index);
    fields.into_iter().map(|(_, text)| text).collect()
}

fn draft(answers: &[String]) -> String {
    let text: Vec<&str> = answers
        .iter()
        .map(|a| a.as_str())
        .filter(|a| !a.trim().is_empty())
        .collect();
    let joined = text.join("\n\n");
    // An ephemeral reply holds 2,000 characters; longer drafts are cut with a note.
    if joined.chars().count() > 1_500 {
        let cut: String = joined.chars().take(1_500).collect();
        format!("Your draft (start):\n{cut}…")
    } else if joined.is_empty() {
        String::new()
    } else {
        format!("Your draft:\n{joined}")
    }
}

pub(super) fn user_text(error: anyhow::Error) -> String {
    user_facing(error, "a button or form")
}

/// Answers a click with a private message.
pub(super) async fn answer(
    ctx: &serenity::Context,
    click: &ComponentInteraction,
    text: &str,
) -> anyhow::Result<()> {
    click.create_response(ctx, private_reply(text)).await?;
    Ok(())
}

pub(super) fn private_reply(text: &str) -> CreateInteractionResponse {
    private_reply_with(text, Vec::new())
}

pub(super) fn private_reply_with(
    text: &str,
    rows: Vec<CreateActionRow>,
) -> CreateInteractionResponse {
    CreateInteractionResponse::Message(
        CreateInteractionResponseMessage::new()
            .content(text)
            .components(rows)
            .ephemeral(true),
    )
}

pub(super) fn button_row(button: &Button) -> CreateActionRow {
    CreateActionRow::Buttons(vec![
        serenity::CreateButton::new(&button.custom_id)
            .label(&button.label)
            .style(serenity::ButtonStyle::Secondary),
    ])
}

async fn follow_up(
    ctx: &serenity::Context,
    click: &ComponentInteraction,
    text: &str,
) -> anyhow::Result<()> {
    let message = serenity::CreateInteractionResponseFollowup::new()
        .content(text)
        .ephemeral(true);
    click.create_followup(ctx, message).await?;
    Ok(())
}
