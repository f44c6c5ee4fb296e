//! Creating interactions (slash commands, button clicks, select menus, modal submits) with every
//! field serenity 0.12.5 requires, and dispatching them as INTERACTION_CREATE.

use std::time::Instant;

use rand::Rng;
use rand::distr::Alphanumeric;
use serde_json::{Value, json};

use super::error::ApiError;
use super::gateway::sessions::Dispatch;
use super::render::ALL_PERMISSIONS;
use super::state::{InteractionRec, World};

/// Interaction types.
pub(crate) const COMMAND: u8 = 2;
pub(crate) const COMPONENT: u8 = 3;
pub(crate) const MODAL_SUBMIT: u8 = 5;

/// What the user did, with the interaction `data` it produces.
pub(crate) struct NewInteraction {
    pub kind: u8,
    pub user_id: u64,
    pub channel_id: u64,
    pub data: Value,
    /// The bot message a component lives on (or a modal was opened from).
    pub source_message: Option<u64>,
}

impl World {
    /// Stores the interaction and dispatches INTERACTION_CREATE. Returns its id.
    pub(crate) fn create_interaction(&mut self, new: NewInteraction) -> Result<u64, ApiError> {
        let channel = self
            .channels
            .get(&new.channel_id)
            .ok_or_else(ApiError::unknown_channel)?
            .clone();
        let id = self.ids.next();
        let token = format!(
            "aW50ZXJhY3Rpb24{}",
            rand::rng()
                .sample_iter(&Alphanumeric)
                .take(48)
                .map(char::from)
                .collect::<String>()
        );
        let mut payload = json!({
            "id": id.to_string(),
            "application_id": self.application_id.to_string(),
            "type": new.kind,
            "data": new.data,
            "channel_id": channel.id.to_string(),
            "channel": self.partial_channel(&channel),
            "token": token,
            "version": 1,
            "app_permissions": ALL_PERMISSIONS,
            "locale": "en-GB",
            "entitlements": [],
            "attachment_size_limit": 26_214_400,
        });
        match channel.guild_id.and_then(|g| self.guilds.get(&g)) {
            Some(guild) => {
                payload["guild_id"] = json!(guild.id.to_string());
                payload["guild_locale"] = json!("en-GB");
                payload["member"] = self
                    .member_value(guild, new.user_id)
                    .ok_or_else(|| ApiError::new(404, 10007, "Unknown Member"))?;
                payload["authorizing_integration_owners"] = json!({ "0": guild.id.to_string() });
                payload["context"] = json!(0);
            }
            None => {
                payload["user"] = self.user_value(new.user_id);
                payload["authorizing_integration_owners"] = json!({ "0": "0" });
                payload["context"] = json!(1);
            }
        }
        if let Some(message) = new.source_message.and_then(|m| self.messages.get(&m)) {
            payload["message"] = self.message_value(message);
        }
        let record = InteractionRec {
            id,
            token: token.clone(),
            kind: new.kind,
            user_id: new.user_id,
            channel_id: channel.id,
            source_message: new.source_message,
            parent: None,
            payload: payload.clone(),
            created: Instant::now(),
            callbacks: Vec::new(),
            original_message: None,
            followups: Vec::new(),
            modal: None,
            ephemeral: false,
        };
        self.tokens.insert(token, id);
        self.interactions.insert(id, record);
        let event = Dispatch {
            name: "INTERACTION_CREATE",
            data: payload,
            guild_id: channel.guild_id,
            intent: 0,
            gate_content: false,
        };
        self.gateway.dispatch(&event, self.bot_id);
        Ok(id)
    }

    fn partial_channel(&self, channel: &super::state::ChannelRec) -> Value {
        let mut value = json!({ "id": channel.id.to_string(), "type": channel.kind });
        if channel.guild_id.is_some() {
            value["name"] = json!(channel.name);
            value["guild_id"] = json!(channel.guild_id.map(|g| g.to_string()));
            value["parent_id"] = json!(channel.parent_id.map(|p| p.to_string()));
            value["permissions"] = json!(ALL_PERMISSIONS);
        }
        value
    }

    /// A registered command by name: the guild's commands first, then global ones.
    pub(crate) fn find_command(&self, guild_id: Option<u64>, name: &str) -> Option<&Value> {
        let guild = guild_id
            .and_then(|g| self.guild_commands.get(&g))
            .into_iter()
            .flatten();
        guild
            .chain(&self.global_commands)
            .find(|c| c["name"] == name)
    }
}

/// A user-supplied value for a slash command option.
#[derive(Clone, Debug, PartialEq)]
pub enum OptionValue {
    Str(String),
    Int(i64),
    Number(f64),
    Bool(bool),
    /// A user option (its `resolved` data is filled in).
    User(u64),
    /// A channel option.
    Channel(u64),
}

impl OptionValue {
    fn kind_and_value(&self) -> (u8, Value) {
        match self {
            Self::Str(s) => (3, json!(s)),
            Self::Int(i) => (4, json!(i)),
            Self::Bool(b) => (5, json!(b)),
            Self::User(u) => (6, json!(u.to_string())),
            Self::Channel(c) => (7, json!(c.to_string())),
            Self::Number(n) => (10, json!(n)),
        }
    }
}

impl From<&str> for OptionValue {
    fn from(s: &str) -> Self {
        Self::Str(s.to_owned())
    }
}

impl From<String> for OptionValue {
    fn from(s: String) -> Self {
        Self::Str(s)
    }
}

impl From<i64> for OptionValue {
    fn from(i: i64) -> Self {
        Self::Int(i)
    }
}

impl From<bool> for OptionValue {
    fn from(b: bool) -> Self {
        Self::Bool(b)
    }
}

/// The `data` of a slash command. `path` is the command name followed by any subcommand group and
/// subcommand (`["case", "open"]`).
pub(crate) fn command_data(
    world: &World,
    command: &Value,
    path: &[&str],
    options: &[(&str, OptionValue)],
    guild_id: Option<u64>,
) -> Value {
    let mut resolved = json!({});
    let mut opts: Vec<Value> = options
        .iter()
        .map(|(name, value)| {
            let (kind, v) = value.kind_and_value();
            match value {
                OptionValue::User(u) => {
                    resolved["users"][u.to_string()] = world.user_value(*u);
                }
                OptionValue::Channel(c) => {
                    if let Some(channel) = world.channels.get(c) {
                        resolved["channels"][c.to_string()] = world.partial_channel(channel);
                    }
                }
                _ => {}
            }
            json!({ "name": name, "type": kind, "value": v })
        })
        .collect();
    // Wrap in subcommand (1) and group (2) layers, innermost first.
    for (depth, name) in path.iter().enumerate().skip(1).rev() {
        let kind = if depth == path.len() - 1 { 1 } else { 2 };
        opts = vec![json!({ "name": name, "type": kind, "options": opts })];
    }
    let mut data = json!({
        "id": command["id"],
        "name": path[0],
        "type": command["type"].as_u64().unwrap_or(1),
        "options": opts,
        "resolved": resolved,
    });
    if let Some(guild) = guild_id.filter(|_| command.get("guild_id").is_some_and(|g| !g.is_null()))
    {
        data["guild_id"] = json!(guild.to_string());
    }
    data
}
