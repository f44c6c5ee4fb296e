//! Thread operations (and announcing new guilds and channels to connected bots): create (standalone or from a message, whose id the thread takes, as on
//! Discord), membership, archive/lock, and the THREAD_CREATE / THREAD_UPDATE dispatches.

use serde_json::json;

use super::error::ApiError;
use super::gateway::sessions::{Dispatch, intents};
use super::state::{ChannelRec, GUILD_TEXT, PRIVATE_THREAD, PUBLIC_THREAD, World};

impl World {
    /// Opens a thread under a guild text channel. `from_message` makes the thread id that
    /// message's id.
    pub(crate) fn create_thread(
        &mut self,
        parent_id: u64,
        name: &str,
        kind: u8,
        owner_id: u64,
        from_message: Option<u64>,
    ) -> Result<u64, ApiError> {
        let parent = self
            .channels
            .get(&parent_id)
            .ok_or_else(ApiError::unknown_channel)?;
        if parent.kind != GUILD_TEXT {
            return Err(ApiError::new(
                400,
                50024,
                "Cannot execute action on this channel type",
            ));
        }
        if !(1..=100).contains(&name.chars().count()) {
            return Err(ApiError::invalid_field(
                "name",
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 100 in length.",
            ));
        }
        let kind = if kind == PRIVATE_THREAD && from_message.is_none() {
            PRIVATE_THREAD
        } else {
            PUBLIC_THREAD
        };
        let guild_id = parent.guild_id;
        let id = match from_message {
            Some(message) => {
                self.messages
                    .get(&message)
                    .filter(|m| !m.deleted && m.channel_id == parent_id)
                    .ok_or_else(ApiError::unknown_message)?;
                if self.channels.contains_key(&message) {
                    return Err(ApiError::new(
                        400,
                        160004,
                        "A thread has already been created for this message",
                    ));
                }
                message
            }
            None => self.ids.next(),
        };
        let mut thread = ChannelRec::new(id, kind, guild_id, name, self.now());
        thread.parent_id = Some(parent_id);
        thread.owner_id = Some(owner_id);
        thread.thread_members.insert(owner_id);
        self.channels.insert(id, thread);
        self.dispatch_thread("THREAD_CREATE", id, true);
        Ok(id)
    }

    pub(crate) fn thread_mut(&mut self, id: u64) -> Result<&mut ChannelRec, ApiError> {
        self.channels
            .get_mut(&id)
            .filter(|c| c.is_thread())
            .ok_or_else(ApiError::unknown_channel)
    }

    pub(crate) fn add_thread_member(&mut self, thread: u64, user: u64) -> Result<(), ApiError> {
        if !self.users.contains_key(&user) {
            return Err(ApiError::new(404, 10013, "Unknown User"));
        }
        self.thread_mut(thread)?.thread_members.insert(user);
        Ok(())
    }

    pub(crate) fn remove_thread_member(&mut self, thread: u64, user: u64) -> Result<(), ApiError> {
        self.thread_mut(thread)?.thread_members.remove(&user);
        Ok(())
    }

    /// Applies archive/lock/name changes from a `PATCH /channels/{id}` body to a thread.
    pub(crate) fn modify_thread(
        &mut self,
        id: u64,
        body: &serde_json::Value,
    ) -> Result<(), ApiError> {
        let thread = self.thread_mut(id)?;
        if let Some(archived) = body["archived"].as_bool() {
            thread.archived = archived;
        }
        if let Some(locked) = body["locked"].as_bool() {
            thread.locked = locked;
        }
        if let Some(name) = body["name"].as_str() {
            thread.name = name.to_owned();
        }
        self.dispatch_thread("THREAD_UPDATE", id, false);
        Ok(())
    }

    /// Whether `user` may post in `channel`: private threads need membership; archived threads
    /// reopen on a post unless locked.
    pub(crate) fn check_can_post(&mut self, channel: u64, user: u64) -> Result<(), ApiError> {
        let bot = self.bot_id;
        let Some(c) = self.channels.get(&channel) else {
            return Err(ApiError::unknown_channel());
        };
        if !c.is_thread() {
            return Ok(());
        }
        if c.kind == PRIVATE_THREAD && user != bot && !c.thread_members.contains(&user) {
            return Err(ApiError::new(403, 50001, "Missing Access"));
        }
        if c.archived {
            if c.locked {
                return Err(ApiError::new(400, 50083, "Thread is archived"));
            }
            self.thread_mut(channel)?.archived = false;
            self.dispatch_thread("THREAD_UPDATE", channel, false);
        }
        Ok(())
    }

    fn dispatch_thread(&mut self, name: &'static str, id: u64, newly_created: bool) {
        let Some(thread) = self.channels.get(&id) else {
            return;
        };
        let mut data = self.channel_value(thread);
        if newly_created {
            data["newly_created"] = json!(true);
        }
        let event = Dispatch {
            name,
            data,
            guild_id: thread.guild_id,
            intent: intents::GUILDS,
            gate_content: false,
        };
        self.gateway.dispatch(&event, self.bot_id);
    }

    /// Tells connected bots about a guild added after they identified (GUILD_CREATE).
    pub(crate) fn announce_guild(&mut self, id: u64) {
        let Some(guild) = self.guilds.get(&id) else {
            return;
        };
        let data = self.guild_create_value(guild);
        let event = Dispatch {
            name: "GUILD_CREATE",
            data,
            guild_id: Some(id),
            intent: intents::GUILDS,
            gate_content: false,
        };
        self.gateway.dispatch(&event, self.bot_id);
    }

    /// Tells connected bots about a new guild channel (CHANNEL_CREATE).
    pub(crate) fn announce_channel(&mut self, id: u64) {
        let Some(channel) = self.channels.get(&id) else {
            return;
        };
        let data = self.channel_value(channel);
        let event = Dispatch {
            name: "CHANNEL_CREATE",
            data,
            guild_id: channel.guild_id,
            intent: intents::GUILDS,
            gate_content: false,
        };
        self.gateway.dispatch(&event, self.bot_id);
    }
}
