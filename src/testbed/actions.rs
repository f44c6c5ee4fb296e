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

    /// Runs a slash command as `handle` in a guild channel or thread and returns the bot's
    /// (private) answer.
    pub async fn command_in(
        &self,
        handle: &str,
        channel: u64,
        command: &str,
        options: &[(&str, OptionValue)],
    ) -> anyhow::Result<String> {
        let user = self.user(handle);
        let interaction = self
            .driver
            .slash_command(user, Place::Channel(channel), command, options)
            .map_err(|e| anyhow::anyhow!("/{command} as {handle} in a channel: {e}"))?;
        self.answer_to(user, interaction).await
    }

    /// Like a Discord client, turns a choice picked by its name into the choice's value, using
    /// the command definitions the bot registered (see [`pick_choice`]). A text that picks no
    /// choice is passed on unchanged, so a test can still send a value the bot must refuse.
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
                        OptionValue::Str(text) => pick_choice(choices, text).ok(),
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
    pub(crate) fn option_definitions(&self, command: &str) -> Vec<serde_json::Value> {
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
        let user = self.user(handle);
        self.driver
            .wait_for_bot_message(filter, STEP_TIMEOUT)
            .await
            .map_err(|_| {
                // Say what the person would have seen, not the filter we waited with.
                let last = self
                    .driver
                    .bot_messages_to(user)
                    .into_iter()
                    .max_by_key(|m| m.id)
                    .map(|m| crate::domain::evidence::excerpt(&m.text(), 200));
                match last {
                    Some(seen) => anyhow::anyhow!(
                        "the bot did not tell {handle} \"{text}\" within {} s; the last thing {handle} saw from it was: \"{seen}\"",
                        STEP_TIMEOUT.as_secs()
                    ),
                    None => anyhow::anyhow!(
                        "the bot did not tell {handle} \"{text}\" within {} s, and has sent {handle} nothing",
                        STEP_TIMEOUT.as_secs()
                    ),
                }
            })
    }

    /// The names of the files the bot has sent `handle` by DM (not ephemerally), oldest first.
    pub fn dm_file_names(&self, handle: &str) -> Vec<String> {
        self.driver
            .bot_messages_to(self.user(handle))
            .into_iter()
            .filter(|m| !m.ephemeral)
            .flat_map(|m| m.attachments)
            .filter_map(|a| a["filename"].as_str().map(str::to_owned))
            .collect()
    }

    /// The newest bot message to `handle` (private replies included) with a button whose
    /// label starts with `label`.
    pub fn newest_with_button(&self, handle: &str, label: &str) -> anyhow::Result<MessageView> {
        self.driver
            .bot_messages_to(self.user(handle))
            .into_iter()
            .filter(|m| m.button_labels().iter().any(|l| l.starts_with(label)))
            .max_by_key(|m| m.id)
            .with_context(|| format!("no message to {handle} has a [{label}] button"))
    }

    /// Waits (bounded) until the bot has rewritten `message` (a click answered by updating
    /// it), and returns it as it is then.
    pub async fn rewritten(&self, message: &MessageView) -> anyhow::Result<MessageView> {
        let deadline = tokio::time::Instant::now() + STEP_TIMEOUT;
        while tokio::time::Instant::now() < deadline {
            if let Some(now) = self.driver.message(message.id)
                && now.text() != message.text()
            {
                return Ok(now);
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        bail!(
            "the bot did not answer the click within {} s",
            STEP_TIMEOUT.as_secs()
        )
    }

    /// `handle` opts in to wellbeing check-ins as a person would: `/wellbeing start`, then
    /// [Agree] on the consent. Returns the answer to the click.
    pub async fn opt_in_to_checkins(&self, handle: &str) -> anyhow::Result<String> {
        let offer = self.command(handle, "wellbeing start", &[]).await?;
        anyhow::ensure!(
            offer.contains("Who can see what"),
            "the consent text was not shown: {offer}"
        );
        let consent = self.newest_with_button(handle, "Agree")?;
        self.click(handle, consent.id, "Agree")?;
        Ok(self.rewritten(&consent).await?.text())
    }
}

/// The choice a typed `text` picks, as a person would mean it: the name or the value
/// (case-insensitive), else the one name it starts, else the one name with a word it is. `Err`
/// says why none was picked and lists the choices.
pub(crate) fn pick_choice<'a>(
    choices: &'a [serde_json::Value],
    text: &str,
) -> Result<&'a serde_json::Value, String> {
    let typed = text.trim().to_lowercase();
    let name = |c: &serde_json::Value| c["name"].as_str().unwrap_or_default().to_lowercase();
    let value = |c: &serde_json::Value| match &c["value"] {
        serde_json::Value::String(s) => s.to_lowercase(),
        other => other.to_string(),
    };
    let exact = choices
        .iter()
        .find(|c| name(c) == typed || value(c) == typed);
    if let Some(choice) = exact {
        return Ok(choice);
    }
    let words = |c: &serde_json::Value| {
        name(c)
            .split(|ch: char| !ch.is_alphanumeric())
            .any(|w| w == typed)
    };
    let tries: [&dyn Fn(&serde_json::Value) -> bool; 2] =
        [&|c| name(c).starts_with(&typed), &words];
    let names = || {
        choices
            .iter()
            .filter_map(|c| c["name"].as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for matches in tries {
        let found: Vec<&serde_json::Value> = choices.iter().filter(|c| matches(c)).collect();
        match found.as_slice() {
            [one] => return Ok(one),
            [] => {}
            many => {
                let names: Vec<&str> = many.iter().filter_map(|c| c["name"].as_str()).collect();
                return Err(format!(
                    "'{text}' could be any of: {}; say which",
                    names.join(", ")
                ));
            }
        }
    }
    Err(format!("'{text}' is not one of the choices: {}", names()))
}

#[cfg(test)]
mod tests {
    use super::pick_choice;
    use serde_json::json;

    fn formats() -> Vec<serde_json::Value> {
        [
            "All three (Markdown, CSV, JSON)",
            "Markdown (for pasting)",
            "CSV (for spreadsheets)",
        ]
        .iter()
        .enumerate()
        .map(|(i, name)| json!({ "name": name, "value": i }))
        .collect()
    }

    #[test]
    fn a_choice_is_picked_by_name_value_prefix_or_word() {
        let choices = formats();
        let picked = |text: &str| pick_choice(&choices, text).map(|c| c["value"].clone());
        assert_eq!(picked("csv"), Ok(json!(2)), "a prefix, in any case");
        assert_eq!(picked("csv (FOR spreadsheets)"), Ok(json!(2)), "the name");
        assert_eq!(picked("1"), Ok(json!(1)), "the value");
        assert_eq!(picked("spreadsheets"), Ok(json!(2)), "a word");
        assert_eq!(picked("markdown"), Ok(json!(1)), "a prefix before a word");
    }

    #[test]
    fn an_ambiguous_or_unknown_choice_is_refused_with_the_choices() {
        let themes = [
            json!({"name": "Digital (theme)", "value": 0}),
            json!({"name": "Wellbeing (theme)", "value": 1}),
        ];
        let ambiguous = pick_choice(&themes, "theme").unwrap_err();
        assert!(
            ambiguous.contains("Digital (theme), Wellbeing (theme)"),
            "{ambiguous}"
        );
        let choices = formats();
        assert!(ambiguous.contains("could be any of"), "{ambiguous}");
        let unknown = pick_choice(&choices, "pdf").unwrap_err();
        assert!(unknown.contains("CSV (for spreadsheets)"), "{unknown}");
    }
}
