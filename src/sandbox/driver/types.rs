//! What the driver hands back: message views, filters, modals, interaction responses, errors.

use serde_json::Value;

use crate::sandbox::automod::AutoModBlock;
use crate::sandbox::error::ApiError;
use crate::sandbox::state::{MessageRec, World};

/// Where a user acts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The user's DM channel with the bot.
    Dm,
    /// A guild text channel or thread.
    Channel(u64),
}

/// A message as stored, with who may see it.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageView {
    pub id: u64,
    pub channel_id: u64,
    pub guild_id: Option<u64>,
    pub author_id: u64,
    pub content: String,
    pub embeds: Vec<Value>,
    pub components: Vec<Value>,
    pub attachments: Vec<Value>,
    pub flags: u64,
    /// Only `visible_to` sees it (an ephemeral interaction reply).
    pub ephemeral: bool,
    pub visible_to: Option<u64>,
    /// The interaction this message answers, if any.
    pub interaction_id: Option<u64>,
    pub edited: bool,
    pub deleted: bool,
    /// Who deleted it, when it is deleted: its author or the bot.
    pub deleted_by: Option<u64>,
    /// A deferred reply still "thinking…".
    pub deferred: bool,
}

impl MessageView {
    pub(crate) fn of(m: &MessageRec) -> Self {
        Self {
            id: m.id,
            channel_id: m.channel_id,
            guild_id: m.guild_id,
            author_id: m.author_id,
            content: m.content.clone(),
            embeds: m.embeds.clone(),
            components: m.components.clone(),
            attachments: m.attachments.clone(),
            flags: m.flags,
            ephemeral: m.visible_to.is_some(),
            visible_to: m.visible_to,
            interaction_id: m.interaction_id,
            edited: m.edited_at.is_some(),
            deleted: m.deleted,
            deleted_by: m.deleted_by,
            deferred: m.deferred,
        }
    }

    /// Content plus every embed's title, description, field names/values and footer.
    pub fn text(&self) -> String {
        let mut parts = vec![self.content.clone()];
        for embed in &self.embeds {
            for key in ["title", "description"] {
                parts.extend(embed[key].as_str().map(str::to_owned));
            }
            for field in embed["fields"].as_array().into_iter().flatten() {
                parts.extend(field["name"].as_str().map(str::to_owned));
                parts.extend(field["value"].as_str().map(str::to_owned));
            }
            parts.extend(embed["footer"]["text"].as_str().map(str::to_owned));
        }
        parts.retain(|p| !p.is_empty());
        parts.join("\n")
    }

    /// Every component (buttons, selects) in the action rows.
    pub fn component_list(&self) -> Vec<&Value> {
        self.components
            .iter()
            .flat_map(|row| row["components"].as_array().into_iter().flatten())
            .collect()
    }

    /// The labels of the buttons, in order.
    pub fn button_labels(&self) -> Vec<String> {
        self.component_list()
            .into_iter()
            .filter(|c| c["type"] == 2)
            .filter_map(|c| c["label"].as_str().map(str::to_owned))
            .collect()
    }
}

/// Which messages a read or wait wants. Defaults to messages by the bot; deferred placeholders
/// and deleted messages never match.
#[derive(Clone, Debug, Default)]
pub struct MessageFilter {
    to_user: Option<u64>,
    channel: Option<u64>,
    author: Option<u64>,
    any_author: bool,
    containing: Option<String>,
    after: Option<u64>,
    interaction: Option<u64>,
    ephemeral: Option<bool>,
    with_deleted: bool,
}

impl MessageFilter {
    /// Bot messages for `user`: in their DM, ephemeral replies to them, and replies to their
    /// interactions anywhere.
    pub fn to_user(user: u64) -> Self {
        Self {
            to_user: Some(user),
            ..Self::default()
        }
    }

    /// Bot messages in a channel (a DM, guild channel or thread).
    pub fn in_channel(channel: u64) -> Self {
        Self {
            channel: Some(channel),
            ..Self::default()
        }
    }

    /// Every bot message.
    pub fn any() -> Self {
        Self::default()
    }

    /// Messages by `user` instead of the bot.
    pub fn by(mut self, user: u64) -> Self {
        self.author = Some(user);
        self
    }

    /// Messages by anyone.
    pub fn by_anyone(mut self) -> Self {
        self.any_author = true;
        self
    }

    /// Whose [`MessageView::text`] contains `text`.
    pub fn containing(mut self, text: &str) -> Self {
        self.containing = Some(text.to_owned());
        self
    }

    /// Created after the message (or any snowflake) `id`.
    pub fn after(mut self, id: u64) -> Self {
        self.after = Some(id);
        self
    }

    /// Answering the interaction `id` (initial reply or follow-up).
    pub fn for_interaction(mut self, id: u64) -> Self {
        self.interaction = Some(id);
        self
    }

    /// Deleted messages too (see [`MessageView::deleted_by`]), for transcripts.
    pub fn including_deleted(mut self) -> Self {
        self.with_deleted = true;
        self
    }

    /// Only ephemeral (true) or only public (false) messages.
    pub fn ephemeral(mut self, ephemeral: bool) -> Self {
        self.ephemeral = Some(ephemeral);
        self
    }

    pub(crate) fn matches(&self, w: &World, m: &MessageRec) -> bool {
        let author_ok = self.any_author || m.author_id == self.author.unwrap_or(w.bot_id);
        let for_user = |user: u64| {
            w.dm_channels.get(&user) == Some(&m.channel_id)
                || m.visible_to == Some(user)
                || m.interaction_id
                    .and_then(|i| w.interactions.get(&i))
                    .is_some_and(|i| i.user_id == user)
        };
        author_ok
            && (self.with_deleted || !m.deleted)
            && !m.deferred
            && self.to_user.is_none_or(for_user)
            && self.channel.is_none_or(|c| c == m.channel_id)
            && self.after.is_none_or(|a| m.id > a)
            && self.interaction.is_none_or(|i| m.interaction_id == Some(i))
            && self.ephemeral.is_none_or(|e| e == m.visible_to.is_some())
            && self
                .containing
                .as_ref()
                .is_none_or(|t| MessageView::of(m).text().contains(t.as_str()))
    }
}

/// A modal the bot opened (interaction response type 9).
#[derive(Clone, Debug, PartialEq)]
pub struct Modal {
    /// The interaction the modal answered; pass it to `submit_modal`.
    pub interaction_id: u64,
    pub custom_id: String,
    pub title: String,
    pub fields: Vec<ModalField>,
}

/// One text input of a modal.
#[derive(Clone, Debug, PartialEq)]
pub struct ModalField {
    pub custom_id: String,
    pub label: String,
    /// 1 short, 2 paragraph.
    pub style: u64,
    pub required: bool,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    /// A pre-filled value.
    pub value: Option<String>,
}

impl Modal {
    pub(crate) fn of(interaction_id: u64, data: &Value) -> Self {
        let fields = data["components"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
            .map(|c| ModalField {
                custom_id: c["custom_id"].as_str().unwrap_or_default().to_owned(),
                label: c["label"].as_str().unwrap_or_default().to_owned(),
                style: c["style"].as_u64().unwrap_or(1),
                required: c["required"].as_bool().unwrap_or(true),
                min_length: c["min_length"].as_u64(),
                max_length: c["max_length"].as_u64(),
                value: c["value"].as_str().map(str::to_owned),
            })
            .collect();
        Self {
            interaction_id,
            custom_id: data["custom_id"].as_str().unwrap_or_default().to_owned(),
            title: data["title"].as_str().unwrap_or_default().to_owned(),
            fields,
        }
    }
}

/// How the bot answered an interaction.
#[derive(Clone, Debug, PartialEq)]
pub struct InteractionResponse {
    /// The callback type: 4 message, 5 deferred, 6 deferred update, 7 update, 9 modal.
    pub kind: u8,
    /// The callback's `data` as sent.
    pub data: Value,
    pub ephemeral: bool,
    /// The original response message as it is now (for 4/5, or the component's message for 6/7).
    pub original: Option<MessageView>,
    pub followups: Vec<MessageView>,
}

/// Why a driver action or wait failed.
#[derive(Debug, Clone, PartialEq)]
pub enum DriverError {
    /// Nothing matched within the timeout.
    Timeout(String),
    /// The workspace refused the action as Discord would.
    Api(ApiError),
    /// A user, message, button, command or modal that does not exist.
    NotFound(String),
    /// AutoMod blocked the post or edit (Discord answers 400 / 200000); names the rule.
    Blocked(AutoModBlock),
}

impl std::fmt::Display for DriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Timeout(what) => write!(f, "timed out waiting for {what}"),
            Self::Api(err) => write!(f, "refused: {err}"),
            Self::NotFound(what) => write!(f, "not found: {what}"),
            Self::Blocked(block) => write!(f, "{block}"),
        }
    }
}

impl std::error::Error for DriverError {}

impl From<ApiError> for DriverError {
    fn from(err: ApiError) -> Self {
        Self::Api(err)
    }
}
