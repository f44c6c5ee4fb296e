//! The bot's answers to interactions: the initial callback (types 4, 5, 6, 7, 9) within the
//! acknowledgement deadline, then webhook follow-ups and edits of `@original` for the token's
//! lifetime. Ephemerality is fixed by the first response.

use std::time::Duration;

use serde_json::Value;

use super::error::ApiError;
use super::interactions::{COMMAND, MODAL_SUBMIT};
use super::messages::{NewMessage, validate};
use super::render::{EPHEMERAL, LOADING};
use super::state::{InteractionRec, World};

/// Deadlines Discord enforces on interaction answers.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Deadlines {
    pub ack: Duration,
    pub token: Duration,
}

impl World {
    /// `POST /interactions/{id}/{token}/callback`.
    pub(crate) fn interaction_callback(
        &mut self,
        id: u64,
        token: &str,
        body: &Value,
        limits: Deadlines,
    ) -> Result<(), ApiError> {
        let rec = self
            .interactions
            .get(&id)
            .filter(|i| i.token == token)
            .ok_or_else(ApiError::unknown_interaction)?;
        if !rec.callbacks.is_empty() {
            return Err(ApiError::new(
                400,
                40060,
                "Interaction has already been acknowledged.",
            ));
        }
        if rec.created.elapsed() > limits.ack {
            return Err(ApiError::unknown_interaction());
        }
        let rec = rec.clone();
        let kind = body["type"]
            .as_u64()
            .and_then(|k| u8::try_from(k).ok())
            .unwrap_or(0);
        let data = body.get("data").cloned().unwrap_or(Value::Null);
        let ephemeral = data["flags"].as_u64().unwrap_or(0) & EPHEMERAL != 0;
        let original = match kind {
            4 | 5 => Some(self.reply_message(&rec, &data, ephemeral, kind == 5)?),
            6 | 7 if rec.source_message.is_some() => {
                if kind == 7 {
                    self.apply_edit(rec.source_message.unwrap_or_default(), &data)?;
                }
                rec.source_message
            }
            9 if rec.kind != MODAL_SUBMIT => None,
            _ => {
                return Err(ApiError::invalid_field(
                    "type",
                    "INTERACTION_RESPONSE_TYPE_INVALID",
                    "Invalid interaction response type",
                ));
            }
        };
        let rec = self
            .interactions
            .get_mut(&id)
            .ok_or_else(ApiError::unknown_interaction)?;
        rec.callbacks.push((kind, data.clone()));
        rec.original_message = original;
        rec.ephemeral = ephemeral;
        if kind == 9 {
            rec.modal = Some(data);
        }
        Ok(())
    }

    /// Creates the reply (or the deferred "thinking…" placeholder) in the interaction's channel.
    fn reply_message(
        &mut self,
        rec: &InteractionRec,
        data: &Value,
        ephemeral: bool,
        deferred: bool,
    ) -> Result<u64, ApiError> {
        let mut new = NewMessage::from_body(rec.channel_id, self.bot_id, data);
        new.nonce = None;
        new.kind = if rec.kind == COMMAND { 20 } else { 19 };
        new.interaction_id = Some(rec.id);
        new.webhook_id = Some(self.application_id);
        new.visible_to = ephemeral.then_some(rec.user_id);
        new.deferred = deferred;
        new.flags = (new.flags & EPHEMERAL) | if deferred { LOADING } else { 0 };
        if deferred {
            new.content.clear();
        }
        validate(&new)?;
        Ok(self.insert_message(new))
    }

    /// Replaces the fields present in an edit body and resolves a deferred placeholder.
    pub(crate) fn apply_edit(&mut self, message_id: u64, body: &Value) -> Result<(), ApiError> {
        let current = self
            .messages
            .get(&message_id)
            .filter(|m| !m.deleted)
            .ok_or_else(ApiError::unknown_message)?;
        let mut check = NewMessage::from_body(current.channel_id, current.author_id, body);
        let keep = |key: &str| body.get(key).is_none_or(Value::is_null);
        if keep("content") {
            check.content.clone_from(&current.content);
        }
        if keep("embeds") {
            check.embeds.clone_from(&current.embeds);
        }
        if keep("components") {
            check.components.clone_from(&current.components);
        }
        if keep("attachments") {
            check.attachments.clone_from(&current.attachments);
        }
        check.nonce = None;
        validate(&check)?;
        self.update_message(message_id, |m| {
            m.content = check.content;
            m.embeds = check.embeds;
            m.components = check.components;
            m.attachments = check.attachments;
            m.deferred = false;
            m.flags &= !LOADING;
        })
    }

    /// The live interaction behind a webhook token (follow-ups need an initial response).
    pub(crate) fn interaction_by_token(
        &self,
        app: u64,
        token: &str,
        limits: Deadlines,
    ) -> Result<&InteractionRec, ApiError> {
        let rec = self
            .tokens
            .get(token)
            .and_then(|id| self.interactions.get(id));
        match rec {
            Some(rec)
                if app == self.application_id
                    && !rec.callbacks.is_empty()
                    && rec.created.elapsed() <= limits.token =>
            {
                Ok(rec)
            }
            _ => Err(ApiError::unknown_webhook()),
        }
    }

    /// `POST /webhooks/{app}/{token}`: the first follow-up after a defer fills the placeholder.
    pub(crate) fn create_followup(
        &mut self,
        app: u64,
        token: &str,
        body: &Value,
        limits: Deadlines,
    ) -> Result<u64, ApiError> {
        let rec = self.interaction_by_token(app, token, limits)?.clone();
        let pending = rec
            .original_message
            .filter(|m| self.messages.get(m).is_some_and(|m| m.deferred));
        if let Some(original) = pending {
            self.apply_edit(original, body)?;
            return Ok(original);
        }
        let ephemeral = body["flags"].as_u64().unwrap_or(0) & EPHEMERAL != 0;
        let mut new = NewMessage::from_body(rec.channel_id, self.bot_id, body);
        new.nonce = None;
        new.kind = 0;
        new.flags &= EPHEMERAL;
        new.interaction_id = Some(rec.id);
        new.webhook_id = Some(self.application_id);
        new.visible_to = ephemeral.then_some(rec.user_id);
        validate(&new)?;
        let id = self.insert_message(new);
        if let Some(rec) = self.interactions.get_mut(&rec.id) {
            rec.followups.push(id);
        }
        Ok(id)
    }

    /// The message `@original` or a follow-up id refers to, for this token.
    pub(crate) fn webhook_message(
        &self,
        app: u64,
        token: &str,
        which: &str,
        limits: Deadlines,
    ) -> Result<u64, ApiError> {
        let rec = self.interaction_by_token(app, token, limits)?;
        let id = if which == "@original" {
            rec.original_message
        } else {
            which
                .parse()
                .ok()
                .filter(|id| rec.followups.contains(id) || rec.original_message == Some(*id))
        };
        id.filter(|m| self.messages.get(m).is_some_and(|m| !m.deleted))
            .ok_or_else(ApiError::unknown_message)
    }
}
