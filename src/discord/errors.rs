//! The one `on_error` for every command. A [`UserError`] is shown to the user ephemerally as
//! written; anything else is logged with a short error id, and the user sees an apology that
//! quotes the id so an admin can find the log line. Error text never reaches the user otherwise.

use super::{BotData, Error};
use crate::app::error::UserError;

type FrameworkError<'a> = poise::FrameworkError<'a, BotData, Error>;

/// poise's `on_error` hook.
pub fn on_error(error: FrameworkError<'_>) -> poise::BoxFuture<'_, ()> {
    Box::pin(handle(error))
}

async fn handle(error: FrameworkError<'_>) {
    match error {
        poise::FrameworkError::Command { error, ctx, .. } => {
            let place = format!("/{}", ctx.command().qualified_name);
            reply_privately(ctx, &user_facing(error, &place)).await;
        }
        poise::FrameworkError::ArgumentParse { ctx, input, .. } => {
            let text = match input {
                Some(input) => format!(
                    "I couldn't understand `{input}` there. Try `/help` for how to use this command."
                ),
                None => {
                    "I couldn't understand that. Try `/help` for how to use this command.".into()
                }
            };
            reply_privately(ctx, &text).await;
        }
        poise::FrameworkError::CommandPanic { ctx, .. } => {
            let id = error_id();
            tracing::error!(error_id = %id, command = %ctx.command().qualified_name, "command panicked");
            reply_privately(ctx, &apology(&id)).await;
        }
        poise::FrameworkError::EventHandler { error, event, .. } => {
            let id = error_id();
            tracing::error!(error_id = %id, event = event.snake_case_name(), "event handling failed: {error:#}");
        }
        other => {
            let id = error_id();
            tracing::error!(error_id = %id, "framework error: {other}");
            if let Some(ctx) = other.ctx() {
                reply_privately(ctx, &apology(&id)).await;
            }
        }
    }
}

async fn reply_privately(ctx: poise::Context<'_, BotData, Error>, text: &str) {
    let reply = poise::CreateReply::default().content(text).ephemeral(true);
    if let Err(e) = ctx.send(reply).await {
        tracing::warn!(
            "could not send an error reply: {}",
            super::notifier::classify(e)
        );
    }
}

fn apology(id: &str) -> String {
    format!(
        "Sorry — something went wrong on our side. Nothing you wrote was lost. If it keeps happening, tell your programme admin and quote error id `{id}`."
    )
}

/// What the user is told about `error`: a [`UserError`] as written; anything else is logged
/// (with `place`, e.g. the command) under a fresh error id, and the user gets the apology that
/// quotes it. Commands, buttons and forms all answer through this.
pub fn user_facing(error: anyhow::Error, place: &str) -> String {
    match error.downcast::<UserError>() {
        Ok(user_error) => user_error.0,
        Err(other) => {
            let id = error_id();
            tracing::error!(error_id = %id, place, "failed: {other:#}");
            apology(&id)
        }
    }
}

/// A short random id that ties what the user saw to the log line.
pub use crate::app::error::error_id;
