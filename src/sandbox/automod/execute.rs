//! Screening a member's message against the guild's enabled rules, as Discord does before it
//! stores a post or an edit: every rule that matches has each of its actions dispatched as
//! AUTO_MODERATION_ACTION_EXECUTION, and a BLOCK_MESSAGE action among them stops the message.

use serde_json::{Value, json};

use super::RuleRec;
use crate::sandbox::error::ApiError;
use crate::sandbox::gateway::sessions::{Dispatch, intents};
use crate::sandbox::state::World;

const BLOCK_MESSAGE: u64 = 1;

/// A message AutoMod blocked: which rule, and what in the text it matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutoModBlock {
    pub rule_id: u64,
    pub rule_name: String,
    /// The keyword or regex pattern, as configured in the rule.
    pub matched_keyword: String,
    /// The part of the text it matched.
    pub matched_content: String,
    /// The rule's BLOCK_MESSAGE `custom_message`, shown to the member on Discord.
    pub custom_message: Option<String>,
}

impl AutoModBlock {
    /// What Discord answers a client whose message was blocked.
    pub fn api_error(&self) -> ApiError {
        ApiError::new(400, 200000, "Message was blocked by automatic moderation")
    }
}

impl std::fmt::Display for AutoModBlock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "blocked by AutoMod rule \"{}\" (id {}): it matched {:?}",
            self.rule_name, self.rule_id, self.matched_keyword
        )?;
        if let Some(message) = &self.custom_message {
            write!(f, "; the member is shown: {message}")?;
        }
        Ok(())
    }
}

impl World {
    /// Screens `content` that `user` is about to post (or edit into a message) in `channel`.
    /// DMs, the bot's own messages and channels a rule exempts (or whose parent it exempts)
    /// pass; otherwise every matching rule's actions are dispatched, and the first rule that
    /// blocks is the answer.
    pub(crate) fn automod_screen(
        &mut self,
        channel: u64,
        user: u64,
        content: &str,
    ) -> Result<(), AutoModBlock> {
        let Some(place) = self.channels.get(&channel) else {
            return Ok(());
        };
        let Some(guild) = place.guild_id else {
            return Ok(());
        };
        if user == self.bot_id {
            return Ok(());
        }
        let exempt_ids = [Some(channel), place.parent_id];
        let hits: Vec<(RuleRec, super::matching::Hit)> = self
            .automod
            .of_guild(guild)
            .filter(|r| r.fields.enabled && r.fields.event_type == 1)
            .filter(|r| {
                !exempt_ids
                    .iter()
                    .flatten()
                    .any(|c| r.fields.exempt_channels.contains(c))
            })
            .filter_map(|r| r.matcher.first_hit(content).map(|hit| (r.clone(), hit)))
            .collect();
        let mut blocked = None;
        for (rule, hit) in &hits {
            for action in &rule.fields.actions {
                let data = json!({
                    "guild_id": guild.to_string(),
                    "action": action,
                    "rule_id": rule.id.to_string(),
                    "rule_trigger_type": rule.fields.trigger_type,
                    "user_id": user.to_string(),
                    "channel_id": channel.to_string(),
                    "content": content,
                    "matched_keyword": hit.keyword,
                    "matched_content": hit.matched,
                });
                self.dispatch_execution(guild, data);
                if action["type"] == BLOCK_MESSAGE && blocked.is_none() {
                    blocked = Some(AutoModBlock {
                        rule_id: rule.id,
                        rule_name: rule.fields.name.clone(),
                        matched_keyword: hit.keyword.clone(),
                        matched_content: hit.matched.clone(),
                        custom_message: custom_message(action),
                    });
                }
            }
        }
        blocked.map_or(Ok(()), Err)
    }

    fn dispatch_execution(&mut self, guild: u64, data: Value) {
        let event = Dispatch {
            name: "AUTO_MODERATION_ACTION_EXECUTION",
            data,
            guild_id: Some(guild),
            intent: intents::AUTO_MODERATION_EXECUTION,
            // `content` and `matched_content` need MESSAGE_CONTENT, as on Discord.
            gate_content: true,
        };
        self.gateway.dispatch(&event, self.bot_id);
    }
}

fn custom_message(action: &Value) -> Option<String> {
    action["metadata"]["custom_message"]
        .as_str()
        .map(str::to_owned)
}
