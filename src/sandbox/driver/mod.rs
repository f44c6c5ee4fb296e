//! The driver: act as any user. Everything a user does is stored in the world first and then
//! dispatched to whichever bot sessions are connected (none, if the bot is down).

mod channels;
mod levers;
mod reads;
mod types;

use std::sync::Arc;

use serde_json::{Value, json};

pub use channels::ChannelView;
pub use types::{
    DriverError, InteractionResponse, MessageFilter, MessageView, Modal, ModalField, Place,
};

use super::error::ApiError;
use super::interactions::{
    COMMAND, COMPONENT, MODAL_SUBMIT, NewInteraction, OptionValue, command_data,
};
use super::messages::{NewMessage, validate};
use super::state::{DM, GUILD_TEXT, PRIVATE_THREAD, PUBLIC_THREAD, Shared, World};

/// A cheap, cloneable handle on the workspace for tests and the demo.
#[derive(Clone)]
pub struct Driver {
    shared: Arc<Shared>,
}

type Result<T> = std::result::Result<T, DriverError>;

impl Driver {
    pub(crate) fn new(shared: Arc<Shared>) -> Self {
        Self { shared }
    }

    /// The application id (also the bot's user id).
    pub fn application_id(&self) -> u64 {
        self.shared.read(|w| w.application_id)
    }

    pub fn bot_user_id(&self) -> u64 {
        self.shared.read(|w| w.bot_id)
    }

    /// The guild made at start.
    pub fn guild_id(&self) -> u64 {
        self.shared
            .read(|w| w.guilds.keys().next().copied().unwrap_or_default())
    }

    /// A guild text channel (not a thread) by name.
    pub fn channel_id(&self, name: &str) -> Option<u64> {
        self.shared.read(|w| {
            w.channels
                .values()
                .filter(|c| c.kind == GUILD_TEXT && c.name == name)
                .map(|c| c.id)
                .min()
        })
    }

    /// A new user, member of the start guild.
    pub fn add_user(&self, name: &str) -> u64 {
        let guild = self.guild_id();
        self.shared.with(|w| {
            let id = w.add_user(name, false);
            let joined = w.now();
            if let Some(g) = w.guilds.get_mut(&guild) {
                g.members.insert(id, joined);
            }
            id
        })
    }

    /// A new guild the bot is a member of (GUILD_CREATE is dispatched).
    pub fn add_guild(&self, name: &str) -> u64 {
        self.shared.with(|w| {
            let id = w.add_guild(name);
            w.announce_guild(id);
            id
        })
    }

    /// A new text channel in `guild` (CHANNEL_CREATE is dispatched).
    pub fn add_channel(&self, guild: u64, name: &str) -> u64 {
        self.shared.with(|w| {
            let id = w.add_text_channel(guild, name);
            w.announce_channel(id);
            id
        })
    }

    pub fn add_member(&self, guild: u64, user: u64) -> Result<()> {
        self.shared.with(|w| {
            let joined = w.now();
            let g = w
                .guilds
                .get_mut(&guild)
                .ok_or_else(|| DriverError::NotFound(format!("guild {guild}")))?;
            g.members.insert(user, joined);
            Ok(())
        })
    }

    /// The DM channel between the bot and `user` (made on first use).
    pub fn dm_channel(&self, user: u64) -> u64 {
        self.shared.with(|w| w.dm_channel(user))
    }

    /// `user` sends the bot a DM.
    pub fn send_dm(&self, user: u64, content: &str) -> Result<MessageView> {
        let channel = self.shared.with(|w| w.dm_channel(user));
        self.post(user, channel, content)
    }

    /// `user` posts in a channel, thread or DM. In a guild the post is screened by the guild's
    /// AutoMod rules first: a blocked one is not stored and answers [`DriverError::Blocked`].
    pub fn post(&self, user: u64, channel: u64, content: &str) -> Result<MessageView> {
        self.shared.with(|w| {
            known_user(w, user)?;
            let recipient = w
                .channels
                .get(&channel)
                .filter(|c| c.kind == DM)
                .map(|c| c.recipient);
            if recipient.is_some_and(|r| r != Some(user)) {
                return Err(DriverError::NotFound(format!(
                    "DM channel {channel} of user {user}"
                )));
            }
            w.check_can_post(channel, user)?;
            let new = NewMessage::text(channel, user, content);
            validate(&new)?;
            w.automod_screen(channel, user, content)
                .map_err(DriverError::Blocked)?;
            let id = w.insert_message(new);
            Ok(MessageView::of(&w.messages[&id]))
        })
    }

    /// `user` edits one of their own messages. AutoMod screens the new text as it screens a
    /// post: a blocked edit leaves the message as it was.
    pub fn edit(&self, user: u64, message: u64, content: &str) -> Result<MessageView> {
        self.shared.with(|w| {
            own_message(w, user, message)?;
            let channel = w.messages[&message].channel_id;
            w.automod_screen(channel, user, content)
                .map_err(DriverError::Blocked)?;
            w.update_message(message, |m| m.content = content.to_owned())?;
            Ok(MessageView::of(&w.messages[&message]))
        })
    }

    /// `user` deletes one of their own messages.
    pub fn delete(&self, user: u64, message: u64) -> Result<()> {
        self.shared.with(|w| {
            own_message(w, user, message)?;
            Ok(w.delete_message(message, user)?)
        })
    }

    /// `user` opens a thread under a guild text channel; returns its id.
    pub fn create_thread(&self, user: u64, channel: u64, name: &str, private: bool) -> Result<u64> {
        let kind = if private {
            PRIVATE_THREAD
        } else {
            PUBLIC_THREAD
        };
        self.shared
            .with(|w| Ok(w.create_thread(channel, name, kind, user, None)?))
    }

    pub fn join_thread(&self, user: u64, thread: u64) -> Result<()> {
        self.shared.with(|w| Ok(w.add_thread_member(thread, user)?))
    }

    /// A member of thread `thread` renames it, as the Discord client lets them (bots see a
    /// THREAD_UPDATE).
    pub fn rename_thread(&self, user: u64, thread: u64, name: &str) -> Result<()> {
        self.shared.with(|w| {
            w.check_can_post(thread, user)?;
            Ok(w.modify_thread(thread, &serde_json::json!({ "name": name }))?)
        })
    }

    /// `user` runs a slash command; `command` is the name with any subcommand (`"case open"`).
    /// The command must have been registered by the bot. Returns the interaction id.
    pub fn slash_command(
        &self,
        user: u64,
        place: Place,
        command: &str,
        options: &[(&str, OptionValue)],
    ) -> Result<u64> {
        let path: Vec<&str> = command.split_whitespace().collect();
        let name = *path
            .first()
            .ok_or_else(|| DriverError::NotFound("empty command".into()))?;
        self.shared.with(|w| {
            known_user(w, user)?;
            let channel = resolve_place(w, user, place);
            let guild = w.channels.get(&channel).and_then(|c| c.guild_id);
            let registered = w
                .find_command(guild, name)
                .cloned()
                .ok_or_else(|| DriverError::NotFound(format!("registered command /{name}")))?;
            let data = command_data(w, &registered, &path, options, guild);
            Ok(w.create_interaction(NewInteraction {
                kind: COMMAND,
                user_id: user,
                channel_id: channel,
                data,
                source_message: None,
            })?)
        })
    }

    /// `user` clicks the button labelled `label` on a message. Returns the interaction id.
    pub fn click_button(&self, user: u64, message: u64, label: &str) -> Result<u64> {
        self.component(
            user,
            message,
            |c| c["type"] == 2 && c["label"] == label,
            |c| json!({ "custom_id": c["custom_id"], "component_type": 2 }),
        )
    }

    /// `user` picks `values` in the first select menu on a message. Returns the interaction id.
    pub fn select(&self, user: u64, message: u64, values: &[&str]) -> Result<u64> {
        self.component(
            user,
            message,
            |c| c["type"] == 3,
            |c| json!({ "custom_id": c["custom_id"], "component_type": 3, "values": values }),
        )
    }

    fn component(
        &self,
        user: u64,
        message: u64,
        pick: impl Fn(&Value) -> bool,
        data: impl Fn(&Value) -> Value,
    ) -> Result<u64> {
        self.shared.with(|w| {
            let m = w
                .messages
                .get(&message)
                .filter(|m| !m.deleted)
                .ok_or_else(|| DriverError::NotFound(format!("message {message}")))?;
            if m.visible_to.is_some_and(|v| v != user) {
                return Err(DriverError::NotFound(format!(
                    "message {message} (ephemeral for someone else)"
                )));
            }
            let view = MessageView::of(m);
            let component = view.component_list().into_iter().find(|c| pick(c)).cloned();
            let component = component
                .ok_or_else(|| DriverError::NotFound(format!("component on message {message}")))?;
            if component["disabled"].as_bool().unwrap_or(false) {
                return Err(DriverError::Api(ApiError::new(
                    400,
                    50035,
                    "Component is disabled",
                )));
            }
            let new = NewInteraction {
                kind: COMPONENT,
                user_id: user,
                channel_id: m.channel_id,
                data: data(&component),
                source_message: Some(message),
            };
            Ok(w.create_interaction(new)?)
        })
    }

    /// `user` fills and submits the modal the bot opened in answer to `interaction`. Values are
    /// keyed by field label or custom id; other fields are submitted with their pre-filled value
    /// (or empty). Returns the new interaction id.
    pub fn submit_modal(
        &self,
        user: u64,
        interaction: u64,
        values: &[(&str, &str)],
    ) -> Result<u64> {
        self.shared.with(|w| {
            let rec = w.interactions.get(&interaction).ok_or_else(|| DriverError::NotFound(format!("interaction {interaction}")))?;
            let modal = rec.modal.as_ref().map(|m| Modal::of(interaction, m)).ok_or_else(|| DriverError::NotFound(format!("modal for interaction {interaction}")))?;
            let rows: Vec<Value> = modal
                .fields
                .iter()
                .map(|f| {
                    let given = values.iter().find(|(k, _)| *k == f.label || *k == f.custom_id).map(|(_, v)| (*v).to_owned());
                    let value = given.or_else(|| f.value.clone()).unwrap_or_default();
                    json!({ "type": 1, "components": [{ "type": 4, "custom_id": f.custom_id, "value": value }] })
                })
                .collect();
            let data = json!({ "custom_id": modal.custom_id, "components": rows });
            let new = NewInteraction { kind: MODAL_SUBMIT, user_id: user, channel_id: rec.channel_id, data, source_message: rec.source_message };
            let id = w.create_interaction(new)?;
            if let Some(submitted) = w.interactions.get_mut(&id) {
                submitted.parent = Some(interaction);
            }
            Ok(id)
        })
    }
}

fn known_user(w: &World, user: u64) -> Result<()> {
    w.users
        .contains_key(&user)
        .then_some(())
        .ok_or_else(|| DriverError::NotFound(format!("user {user}")))
}

fn own_message(w: &World, user: u64, message: u64) -> Result<()> {
    match w.messages.get(&message).filter(|m| !m.deleted) {
        Some(m) if m.author_id == user => Ok(()),
        Some(_) => {
            Err(ApiError::new(403, 50005, "Cannot edit a message authored by another user").into())
        }
        None => Err(DriverError::NotFound(format!("message {message}"))),
    }
}

fn resolve_place(w: &mut World, user: u64, place: Place) -> u64 {
    match place {
        Place::Dm => w.dm_channel(user),
        Place::Channel(channel) => channel,
    }
}
