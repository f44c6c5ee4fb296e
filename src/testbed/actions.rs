//! What a person does in a testbed story, each waiting (with a bound) for the bot's answer.

use std::time::Duration;

use anyhow::{Context as _, bail};

use super::Testbed;
use crate::sandbox::{MessageFilter, MessageView, Modal, OptionValue, Place};

/// How long any single wait for the bot may take before the step fails.
pub const STEP_TIMEOUT: Duration = Duration::from_secs(10);

impl Testbed {
    /// Runs a slash command as `handle` in their DM with the bot and returns the text of the
    /// bot's (final, non-placeholder) answer.
    pub async fn command(
        &self,
        handle: &str,
        command: &str,
        options: &[(&str, OptionValue)],
    ) -> anyhow::Result<String> {
        let user = self.user(handle);
        let options = self.with_choice_values(command, options);
        let options: Vec<(&str, OptionValue)> = options
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        let interaction = self
            .driver
            .slash_command(user, Place::Dm, command, &options)
            .map_err(|e| anyhow::anyhow!("/{command} as {handle}: {e}"))?;
        self.answer_to(user, interaction).await
    }

    /// Like a Discord client, turns a choice picked by its name into the choice's value, using
    /// the command definitions the bot registered.
    pub fn with_choice_values(
        &self,
        command: &str,
        options: &[(&str, OptionValue)],
    ) -> Vec<(String, OptionValue)> {
        let definition = self.option_definitions(command);
        options
            .iter()
            .map(|(name, value)| {
                let choice = definition
                    .iter()
                    .find(|o| o["name"] == *name)
                    .and_then(|o| o["choices"].as_array())
                    .and_then(|choices| match value {
                        OptionValue::Str(text) => {
                            choices.iter().find(|c| c["name"].as_str() == Some(text))
                        }
                        _ => None,
                    });
                let value = match choice.map(|c| &c["value"]) {
                    Some(serde_json::Value::Number(n)) if n.is_i64() => {
                        OptionValue::Int(n.as_i64().unwrap_or_default())
                    }
                    Some(serde_json::Value::String(s)) => OptionValue::Str(s.clone()),
                    _ => value.clone(),
                };
                ((*name).to_owned(), value)
            })
            .collect()
    }

    /// The option definitions of a registered command or subcommand (`"schedule pause"`).
    fn option_definitions(&self, command: &str) -> Vec<serde_json::Value> {
        let mut path = command.split_whitespace();
        let Some(name) = path.next() else {
            return Vec::new();
        };
        let registered = self.driver.registered_commands(None);
        let mut options = registered
            .iter()
            .find(|c| c["name"] == name)
            .and_then(|c| c["options"].as_array().cloned())
            .unwrap_or_default();
        for sub in path {
            options = options
                .iter()
                .find(|o| o["name"] == sub)
                .and_then(|o| o["options"].as_array().cloned())
                .unwrap_or_default();
        }
        options
    }

    /// Waits for the bot's answer to an interaction: the reply, or the follow-up filling a
    /// deferred placeholder.
    pub async fn answer_to(&self, user: u64, interaction: u64) -> anyhow::Result<String> {
        let filter = MessageFilter::to_user(user).for_interaction(interaction);
        let deadline = tokio::time::Instant::now() + STEP_TIMEOUT;
        loop {
            let answered = self
                .driver
                .messages(&filter)
                .into_iter()
                .find(|m| !m.deferred && !m.text().trim().is_empty());
            if let Some(message) = answered {
                return Ok(message.text());
            }
            if tokio::time::Instant::now() > deadline {
                bail!(
                    "no answer to interaction {interaction} within {} s",
                    STEP_TIMEOUT.as_secs()
                );
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The newest bot message in `handle`'s DM that has buttons (a prompt).
    pub fn latest_prompt(&self, handle: &str) -> anyhow::Result<MessageView> {
        let user = self.user(handle);
        let mut prompts: Vec<MessageView> = self
            .driver
            .bot_messages_to(user)
            .into_iter()
            .filter(|m| !m.ephemeral && !m.button_labels().is_empty())
            .collect();
        prompts.sort_by_key(|m| m.id);
        prompts
            .pop()
            .with_context(|| format!("{handle} has no prompt with buttons"))
    }

    /// Clicks a button on a message as `handle`; returns the interaction id.
    pub fn click(&self, handle: &str, message: u64, label: &str) -> anyhow::Result<u64> {
        self.driver
            .click_button(self.user(handle), message, label)
            .map_err(|e| anyhow::anyhow!("{handle} clicking '{label}': {e}"))
    }

    /// Waits for the modal a click opened.
    pub async fn modal_for(&self, interaction: u64) -> anyhow::Result<Modal> {
        self.driver
            .wait_for_modal(interaction, STEP_TIMEOUT)
            .await
            .map_err(|e| anyhow::anyhow!("waiting for a form: {e}"))
    }

    /// Submits a modal as `handle`, filling its fields in order with `answers`; returns the
    /// bot's answer.
    pub async fn submit(
        &self,
        handle: &str,
        modal: &Modal,
        answers: &[&str],
    ) -> anyhow::Result<String> {
        let user = self.user(handle);
        let values: Vec<(&str, &str)> = modal
            .fields
            .iter()
            .zip(answers)
            .map(|(field, answer)| (field.custom_id.as_str(), *answer))
            .collect();
        let interaction = self
            .driver
            .submit_modal(user, modal.interaction_id, &values)
            .map_err(|e| anyhow::anyhow!("{handle} submitting the form: {e}"))?;
        self.answer_to(user, interaction).await
    }

    /// Sends a DM to the bot as `handle`.
    pub fn dm(&self, handle: &str, text: &str) -> anyhow::Result<MessageView> {
        self.driver
            .send_dm(self.user(handle), text)
            .map_err(|e| anyhow::anyhow!("{handle} sending a DM: {e}"))
    }

    /// Waits for a bot DM to `handle` containing `text`, newer than message `after`.
    pub async fn bot_dm_containing(
        &self,
        handle: &str,
        text: &str,
        after: u64,
    ) -> anyhow::Result<MessageView> {
        let filter = MessageFilter::to_user(self.user(handle))
            .containing(text)
            .after(after);
        self.driver
            .wait_for_bot_message(filter, STEP_TIMEOUT)
            .await
            .map_err(|e| anyhow::anyhow!("waiting for the bot to tell {handle} '{text}': {e}"))
    }
}
