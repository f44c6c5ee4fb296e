//! Message operations shared by the REST API (the bot) and the driver (the users): create with
//! Discord's limits and `enforce_nonce`, edit, delete, and the MESSAGE_* dispatches they cause.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::error::ApiError;
use super::gateway::sessions::{Dispatch, intents};
use super::state::{DM, MessageRec, World};

/// How long Discord remembers a nonce for `enforce_nonce`.
const NONCE_WINDOW: Duration = Duration::from_secs(5 * 60);
pub(crate) const MAX_CONTENT: usize = 2_000;
const MAX_NONCE: usize = 25;

/// A message about to be stored.
#[derive(Clone, Debug, Default)]
pub(crate) struct NewMessage {
    pub channel_id: u64,
    pub author_id: u64,
    pub content: String,
    pub embeds: Vec<Value>,
    pub components: Vec<Value>,
    pub attachments: Vec<Value>,
    pub nonce: Option<Value>,
    pub enforce_nonce: bool,
    pub flags: u64,
    pub kind: u8,
    pub visible_to: Option<u64>,
    pub interaction_id: Option<u64>,
    pub webhook_id: Option<u64>,
    pub reference: Option<u64>,
    pub deferred: bool,
}

impl NewMessage {
    pub(crate) fn text(channel_id: u64, author_id: u64, content: &str) -> Self {
        Self {
            channel_id,
            author_id,
            content: content.to_owned(),
            ..Self::default()
        }
    }

    /// Reads the body fields of create/edit message (and interaction replies).
    pub(crate) fn from_body(channel_id: u64, author_id: u64, body: &Value) -> Self {
        let list = |key: &str| body[key].as_array().cloned().unwrap_or_default();
        Self {
            channel_id,
            author_id,
            content: body["content"].as_str().unwrap_or_default().to_owned(),
            embeds: list("embeds"),
            components: list("components"),
            attachments: list("attachments"),
            nonce: body.get("nonce").filter(|n| !n.is_null()).cloned(),
            enforce_nonce: body["enforce_nonce"].as_bool().unwrap_or(false),
            flags: body["flags"].as_u64().unwrap_or(0),
            reference: body["message_reference"]["message_id"]
                .as_str()
                .and_then(|s| s.parse().ok()),
            ..Self::default()
        }
    }
}

/// Checks Discord's limits on a message body: content, embeds, components, nonce.
pub(crate) fn validate(message: &NewMessage) -> Result<(), ApiError> {
    let too_long = |path: &str, max: usize| {
        ApiError::invalid_field(
            path,
            "BASE_TYPE_MAX_LENGTH",
            &format!("Must be {max} or fewer in length."),
        )
    };
    if message.content.chars().count() > MAX_CONTENT {
        return Err(too_long("content", MAX_CONTENT));
    }
    if message.embeds.len() > 10 {
        return Err(too_long("embeds", 10));
    }
    for (i, embed) in message.embeds.iter().enumerate() {
        for (key, max) in [("title", 256), ("description", 4_096)] {
            if embed[key].as_str().is_some_and(|s| s.chars().count() > max) {
                return Err(too_long(&format!("embeds.{i}.{key}"), max));
            }
        }
    }
    if message.components.len() > 5 {
        return Err(too_long("components", 5));
    }
    let nonce_len = message
        .nonce
        .as_ref()
        .map_or(0, |n| n.as_str().map_or(n.to_string().len(), str::len));
    if nonce_len > MAX_NONCE {
        return Err(too_long("nonce", MAX_NONCE));
    }
    let empty = message.content.trim().is_empty()
        && message.embeds.is_empty()
        && message.components.is_empty()
        && message.attachments.is_empty();
    if empty && !message.deferred {
        return Err(ApiError::empty_message());
    }
    Ok(())
}

/// User ids mentioned as `<@id>` or `<@!id>`.
fn mentions_in(content: &str) -> Vec<u64> {
    content
        .split("<@")
        .skip(1)
        .filter_map(|rest| rest.trim_start_matches('!').split('>').next()?.parse().ok())
        .collect()
}

impl World {
    /// Stores a message and dispatches MESSAGE_CREATE (ephemeral ones stay private). With
    /// `enforce_nonce`, a nonce seen in the same channel recently returns the earlier message.
    pub(crate) fn insert_message(&mut self, new: NewMessage) -> u64 {
        let nonce_key = new.nonce.as_ref().map(|n| (new.channel_id, nonce_text(n)));
        if new.enforce_nonce
            && let Some(key) = &nonce_key
            && let Some((id, at)) = self.nonces.get(key)
            && at.elapsed() < NONCE_WINDOW
            && self.messages.get(id).is_some_and(|m| !m.deleted)
        {
            return *id;
        }
        let id = self.ids.next();
        if let Some(key) = nonce_key {
            self.nonces.insert(key, (id, Instant::now()));
        }
        let guild_id = self.channels.get(&new.channel_id).and_then(|c| c.guild_id);
        let message = MessageRec {
            id,
            channel_id: new.channel_id,
            guild_id,
            author_id: new.author_id,
            mentions: mentions_in(&new.content),
            content: new.content,
            embeds: new.embeds,
            components: new.components,
            attachments: new.attachments,
            nonce: new.nonce,
            flags: new.flags,
            kind: new.kind,
            edited_at: None,
            visible_to: new.visible_to,
            interaction_id: new.interaction_id,
            webhook_id: new.webhook_id,
            reference: new.reference,
            reactions: Vec::new(),
            deferred: new.deferred,
            deleted: false,
            deleted_by: None,
        };
        self.channel_messages
            .entry(message.channel_id)
            .or_default()
            .insert(id);
        let event = (message.visible_to.is_none())
            .then(|| self.message_dispatch("MESSAGE_CREATE", &message));
        self.messages.insert(id, message);
        if let Some(event) = event {
            self.gateway.dispatch(&event, self.bot_id);
        }
        id
    }

    /// Applies `change` to a live message, stamps the edit and dispatches MESSAGE_UPDATE.
    pub(crate) fn update_message(
        &mut self,
        id: u64,
        change: impl FnOnce(&mut MessageRec),
    ) -> Result<(), ApiError> {
        let message = self
            .messages
            .get_mut(&id)
            .filter(|m| !m.deleted)
            .ok_or_else(ApiError::unknown_message)?;
        change(message);
        message.edited_at = Some(self.ids.now());
        message.mentions = mentions_in(&message.content);
        let message = message.clone();
        if message.visible_to.is_none() {
            let event = self.message_dispatch("MESSAGE_UPDATE", &message);
            self.gateway.dispatch(&event, self.bot_id);
        }
        Ok(())
    }

    /// Marks a message deleted by `by` (its author, or the bot moderating) and dispatches
    /// MESSAGE_DELETE. The record stays, so a transcript can show what was removed.
    pub(crate) fn delete_message(&mut self, id: u64, by: u64) -> Result<(), ApiError> {
        let message = self
            .messages
            .get_mut(&id)
            .filter(|m| !m.deleted)
            .ok_or_else(ApiError::unknown_message)?;
        message.deleted = true;
        message.deleted_by = Some(by);
        let message = message.clone();
        if message.visible_to.is_none() {
            let mut event = self.message_dispatch("MESSAGE_DELETE", &message);
            event.gate_content = false;
            event.data = serde_json::json!({
                "id": message.id.to_string(),
                "channel_id": message.channel_id.to_string(),
                "guild_id": message.guild_id.map(|g| g.to_string()),
            });
            self.gateway.dispatch(&event, self.bot_id);
        }
        Ok(())
    }

    fn message_dispatch(&self, name: &'static str, message: &MessageRec) -> Dispatch {
        let is_dm = self
            .channels
            .get(&message.channel_id)
            .is_some_and(|c| c.kind == DM);
        Dispatch {
            name,
            data: self.message_event_value(message),
            guild_id: message.guild_id,
            intent: if is_dm {
                intents::DIRECT_MESSAGES
            } else {
                intents::GUILD_MESSAGES
            },
            gate_content: !is_dm,
        }
    }

    /// Up to `limit` live, non-ephemeral messages of a channel, newest first, as Discord pages
    /// them: `before` (default: the newest), `after` (the oldest ones after it), or `around`.
    pub(crate) fn page_messages(&self, channel_id: u64, page: Page) -> Vec<&MessageRec> {
        let all: Vec<&MessageRec> = self
            .channel_history(channel_id)
            .filter(|m| m.visible_to.is_none())
            .collect();
        let limit = page.limit;
        let mut chosen: Vec<&MessageRec> = match page.anchor {
            Anchor::After(after) => all
                .into_iter()
                .filter(|m| m.id > after)
                .take(limit)
                .collect(),
            Anchor::Before(before) => {
                let older: Vec<_> = all.into_iter().filter(|m| m.id < before).collect();
                older[older.len().saturating_sub(limit)..].to_vec()
            }
            Anchor::Around(around) => {
                let split = all.partition_point(|m| m.id < around);
                let start = split.saturating_sub(limit / 2);
                all[start..].iter().take(limit).copied().collect()
            }
            Anchor::Latest => all[all.len().saturating_sub(limit)..].to_vec(),
        };
        chosen.reverse();
        chosen
    }
}

/// One page request of `GET /channels/{id}/messages`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Page {
    pub anchor: Anchor,
    pub limit: usize,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Anchor {
    Latest,
    Before(u64),
    After(u64),
    Around(u64),
}

fn nonce_text(nonce: &Value) -> String {
    nonce
        .as_str()
        .map_or_else(|| nonce.to_string(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_read_from_content() {
        assert_eq!(mentions_in("hi <@12> and <@!34>, not <#56>"), vec![12, 34]);
    }

    #[test]
    fn limits_follow_discord() {
        let long = NewMessage::text(1, 2, &"x".repeat(2_001));
        assert_eq!(validate(&long).unwrap_err().code, 50035);
        assert_eq!(
            validate(&NewMessage::text(1, 2, "  ")).unwrap_err().code,
            50006
        );
        assert!(validate(&NewMessage::text(1, 2, &"é".repeat(2_000))).is_ok());
    }
}
