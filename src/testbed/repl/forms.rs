//! Buttons and forms: finding the button a person means, waiting for what an interaction led
//! to (an answer or a form), and filling a form field by field from the next lines.

use std::time::Duration;

use anyhow::{Context as _, bail};

use super::script::{LineSource, Read};
use crate::sandbox::{MessageFilter, MessageView, Modal};
use crate::testbed::Testbed;
use crate::testbed::actions::STEP_TIMEOUT;

/// Callback types (Discord's interaction response types) the REPL tells apart.
const MODAL: u8 = 9;
const UPDATE_MESSAGE: u8 = 7;
const DEFERRED_UPDATE: u8 = 6;
/// After a click rewrote its message, how long a follow-up may take to show up. Not every
/// click has one, so this bounds the wait rather than failing.
const FOLLOW_UP_GRACE: Duration = Duration::from_millis(1_500);
/// What the bot says when a command failed on its side (see `discord::errors`).
const BOT_ERROR: &str = "something went wrong on our side";

/// The newest bot message to `user` (private ones included), or public in `here` (the channel
/// or thread `/in` chose), with a button labelled `label`: the exact label (any case)
/// anywhere first, else the newest message with a button it starts. Returns the message id
/// and the button's real label.
pub fn find_button(
    tb: &Testbed,
    user: u64,
    here: Option<u64>,
    label: &str,
) -> anyhow::Result<(u64, String)> {
    let wanted = label.trim().to_lowercase();
    anyhow::ensure!(!wanted.is_empty(), "say which button, e.g. /click Reflect");
    let mut messages: Vec<MessageView> = tb.driver.bot_messages_to(user);
    if let Some(channel) = here {
        let public = MessageFilter::in_channel(channel).ephemeral(false);
        let known: Vec<u64> = messages.iter().map(|m| m.id).collect();
        let more = tb.driver.messages(&public);
        messages.extend(more.into_iter().filter(|m| !known.contains(&m.id)));
    }
    messages.retain(|m| !m.button_labels().is_empty());
    messages.sort_by_key(|m| std::cmp::Reverse(m.id));
    for message in &messages {
        if let Some(exact) = message
            .button_labels()
            .into_iter()
            .find(|l| l.to_lowercase() == wanted)
        {
            return Ok((message.id, exact));
        }
    }
    for message in &messages {
        let starting: Vec<String> = message
            .button_labels()
            .into_iter()
            .filter(|l| l.to_lowercase().starts_with(&wanted))
            .collect();
        match starting.as_slice() {
            [] => continue,
            [one] => return Ok((message.id, one.clone())),
            many => bail!("'{label}' could be any of: [{}]", many.join("] [")),
        }
    }
    let newest = messages
        .first()
        .map(|m| {
            format!(
                "; the newest buttons are [{}]",
                m.button_labels().join("] [")
            )
        })
        .unwrap_or_else(|| "; no message to you has buttons".to_owned());
    bail!("no button '{label}'{newest}")
}

/// Waits for what the bot did with an interaction: opened a form (returned), or answered.
/// A bot-side error answer is a failure.
pub async fn outcome(tb: &Testbed, user: u64, interaction: u64) -> anyhow::Result<Option<Modal>> {
    let response = tb
        .driver
        .wait_for_interaction_response(interaction, STEP_TIMEOUT)
        .await
        .map_err(|e| anyhow::anyhow!("the bot did not answer: {e}"))?;
    let answer = match response.kind {
        MODAL => return Ok(Some(tb.modal_for(interaction).await?)),
        // The click rewrote its message; a private follow-up may come after it.
        UPDATE_MESSAGE | DEFERRED_UPDATE => {
            tokio::time::timeout(FOLLOW_UP_GRACE, tb.answer_to(user, interaction))
                .await
                .ok()
                .transpose()?
        }
        _ => Some(tb.answer_to(user, interaction).await?),
    };
    if let Some(answer) = answer.filter(|a| a.contains(BOT_ERROR)) {
        bail!("the bot reported an error: {}", first_line(&answer));
    }
    Ok(None)
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// Asks for each field of `modal` in turn (the next lines of the input), submits it as `user`
/// and waits for the answer, which may be another form.
pub async fn fill(
    tb: &Testbed,
    user: u64,
    modal: Modal,
    input: &mut LineSource,
) -> anyhow::Result<Option<Modal>> {
    println!("  form: {}", modal.title);
    let mut values: Vec<(String, String)> = Vec::new();
    for field in &modal.fields {
        match &field.value {
            Some(now) if !now.is_empty() => {
                println!("  {}: (now \"{now}\"; an empty line keeps it)", field.label)
            }
            _ => println!("  {}:", field.label),
        }
        let answer = match input.next_raw().await? {
            Read::Line(_, line) => line,
            Read::End => bail!("the input ended inside the form \"{}\"", modal.title),
            Read::Interrupted => bail!("interrupted inside the form \"{}\"", modal.title),
        };
        if !input.interactive() {
            println!("    > {answer}");
        }
        // Left out, the driver submits the pre-filled value, as a client does for an
        // untouched field.
        if !answer.is_empty() {
            values.push((field.custom_id.clone(), answer));
        }
    }
    let values: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let submitted = tb
        .driver
        .submit_modal(user, modal.interaction_id, &values)
        .map_err(|e| anyhow::anyhow!("submitting the form: {e}"))
        .context("the form was not sent")?;
    outcome(tb, user, submitted).await
}

/// Runs an interaction to its end: every form it opens is filled from the input in turn.
pub async fn follow_through(
    tb: &Testbed,
    user: u64,
    interaction: u64,
    input: &mut LineSource,
) -> anyhow::Result<()> {
    let mut next = outcome(tb, user, interaction).await?;
    while let Some(modal) = next {
        next = fill(tb, user, modal, input).await?;
    }
    Ok(())
}
