//! The in-memory world: users, guilds, channels, messages, commands, interactions, the REST log
//! and gateway sessions, all behind one mutex. Nothing here awaits while holding the lock; every
//! mutation bumps a `watch` counter so driver waits wake without polling.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde_json::Value;
use tokio::sync::watch;

use super::SandboxConfig;
use super::automod::AutoModState;
use super::faults::FaultQueue;
use super::gateway::sessions::GatewayState;
use super::ratelimit::RateLimits;
use super::snowflake::Snowflakes;

/// Discord channel types the sandbox knows.
pub(crate) const GUILD_TEXT: u8 = 0;
pub(crate) const DM: u8 = 1;
pub(crate) const PUBLIC_THREAD: u8 = 11;
pub(crate) const PRIVATE_THREAD: u8 = 12;

/// What every part of the sandbox shares.
pub(crate) struct Shared {
    world: Mutex<World>,
    changes: watch::Sender<u64>,
    pub(crate) config: SandboxConfig,
    pub(crate) api_base: String,
    pub(crate) gateway_url: String,
    pub(crate) shutdown: watch::Sender<bool>,
    pub(crate) release_hangs: tokio::sync::Notify,
}

impl Shared {
    pub(crate) fn new(config: SandboxConfig, api_base: String, gateway_url: String) -> Arc<Self> {
        Arc::new(Self {
            world: Mutex::new(World::new(&config)),
            changes: watch::channel(0).0,
            config,
            api_base,
            gateway_url,
            shutdown: watch::channel(false).0,
            release_hangs: tokio::sync::Notify::new(),
        })
    }

    /// Runs `f` on the world and wakes every waiter afterwards.
    pub(crate) fn with<T>(&self, f: impl FnOnce(&mut World) -> T) -> T {
        let out = f(&mut self.lock());
        self.changes.send_modify(|n| *n += 1);
        out
    }

    /// Reads the world without waking anyone.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&World) -> T) -> T {
        f(&self.lock())
    }

    fn lock(&self) -> MutexGuard<'_, World> {
        // A panic while holding the lock leaves plain data behind; keep serving it.
        self.world
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Waits until `check` yields a value or `timeout` passes.
    pub(crate) async fn wait_for<T>(
        &self,
        timeout: Duration,
        mut check: impl FnMut(&World) -> Option<T>,
    ) -> Option<T> {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut rx = self.changes.subscribe();
        loop {
            if let Some(found) = self.read(&mut check) {
                return Some(found);
            }
            match tokio::time::timeout_at(deadline, rx.changed()).await {
                Ok(Ok(())) => {}
                _ => return self.read(&mut check),
            }
        }
    }
}

/// A person (or the bot) in the workspace.
#[derive(Clone, Debug)]
pub(crate) struct UserRec {
    pub id: u64,
    pub name: String,
    pub bot: bool,
    pub dms_closed: bool,
}

#[derive(Clone, Debug)]
pub(crate) struct GuildRec {
    pub id: u64,
    pub name: String,
    pub owner_id: u64,
    pub members: BTreeMap<u64, DateTime<Utc>>,
}

#[derive(Clone, Debug)]
pub(crate) struct ChannelRec {
    pub id: u64,
    pub kind: u8,
    pub guild_id: Option<u64>,
    pub name: String,
    pub parent_id: Option<u64>,
    /// The other party of a DM channel.
    pub recipient: Option<u64>,
    /// The creator of a thread.
    pub owner_id: Option<u64>,
    pub thread_members: BTreeSet<u64>,
    pub archived: bool,
    pub locked: bool,
    pub created: DateTime<Utc>,
}

impl ChannelRec {
    pub(crate) fn is_thread(&self) -> bool {
        matches!(self.kind, PUBLIC_THREAD | PRIVATE_THREAD)
    }
}

/// A stored message, whoever wrote it.
#[derive(Clone, Debug)]
pub(crate) struct MessageRec {
    pub id: u64,
    pub channel_id: u64,
    pub guild_id: Option<u64>,
    pub author_id: u64,
    pub content: String,
    pub embeds: Vec<Value>,
    pub components: Vec<Value>,
    pub attachments: Vec<Value>,
    pub mentions: Vec<u64>,
    pub nonce: Option<Value>,
    pub flags: u64,
    pub kind: u8,
    pub edited_at: Option<DateTime<Utc>>,
    /// Ephemeral interaction replies are visible to this user only.
    pub visible_to: Option<u64>,
    pub interaction_id: Option<u64>,
    pub webhook_id: Option<u64>,
    pub reference: Option<u64>,
    pub reactions: Vec<String>,
    /// A deferred interaction reply still showing "thinking…".
    pub deferred: bool,
    pub deleted: bool,
    /// Who deleted it (its author, or the bot).
    pub deleted_by: Option<u64>,
}

/// One interaction the driver created, with the bot's answers.
#[derive(Clone, Debug)]
pub(crate) struct InteractionRec {
    pub id: u64,
    pub token: String,
    pub kind: u8,
    pub user_id: u64,
    pub channel_id: u64,
    /// The message a component interaction was attached to.
    pub source_message: Option<u64>,
    /// For a modal submit: the interaction the modal answered.
    pub parent: Option<u64>,
    pub payload: Value,
    pub created: Instant,
    pub callbacks: Vec<(u8, Value)>,
    pub original_message: Option<u64>,
    pub followups: Vec<u64>,
    pub modal: Option<Value>,
    pub ephemeral: bool,
}

/// One REST call the bot made.
#[derive(Clone, Debug)]
pub struct RestCall {
    /// Order of arrival, from 1.
    pub seq: u64,
    /// `GET`, `POST`, …
    pub method: String,
    /// The concrete path below `/api/v10`, e.g. `/channels/123/messages`.
    pub path: String,
    /// The route with ids templated, e.g. `POST /channels/{id}/messages`.
    pub route: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// The JSON body (or multipart `payload_json`), if any.
    pub body: Option<Value>,
    pub status: u16,
    /// True when no sandbox route matched (a 404 the bot should never cause).
    pub unknown_route: bool,
    /// Discord's `errors` tree when the body check refused the body (answered 400 / 50035).
    pub spec_errors: Option<Value>,
    pub at: DateTime<Utc>,
}

#[derive(Default)]
pub(crate) struct RestLog {
    pub calls: Vec<RestCall>,
    pub served_429: u64,
}

/// Everything the workspace remembers. Survives bot restarts.
pub(crate) struct World {
    pub ids: Snowflakes,
    pub application_id: u64,
    pub bot_id: u64,
    pub users: HashMap<u64, UserRec>,
    pub guilds: BTreeMap<u64, GuildRec>,
    pub channels: HashMap<u64, ChannelRec>,
    pub dm_channels: HashMap<u64, u64>,
    pub messages: HashMap<u64, MessageRec>,
    pub channel_messages: HashMap<u64, BTreeSet<u64>>,
    pub nonces: HashMap<(u64, String), (u64, Instant)>,
    pub global_commands: Vec<Value>,
    pub guild_commands: HashMap<u64, Vec<Value>>,
    pub interactions: HashMap<u64, InteractionRec>,
    pub tokens: HashMap<String, u64>,
    pub rest: RestLog,
    pub rest_seq: u64,
    pub files: HashMap<u64, super::rest::File>,
    pub gateway: GatewayState,
    pub faults: FaultQueue,
    pub limits: RateLimits,
    pub automod: AutoModState,
}

impl World {
    /// A world with the bot user, its application, one guild and its text channels.
    pub(crate) fn new(config: &SandboxConfig) -> Self {
        let mut ids = Snowflakes::new(config.clock.clone());
        let application_id = ids.next();
        let bot = UserRec {
            id: application_id,
            name: config.bot_name.clone(),
            bot: true,
            dms_closed: false,
        };
        let mut world = Self {
            ids,
            application_id,
            bot_id: bot.id,
            users: HashMap::from([(bot.id, bot)]),
            guilds: BTreeMap::new(),
            channels: HashMap::new(),
            dm_channels: HashMap::new(),
            messages: HashMap::new(),
            channel_messages: HashMap::new(),
            nonces: HashMap::new(),
            global_commands: Vec::new(),
            guild_commands: HashMap::new(),
            interactions: HashMap::new(),
            tokens: HashMap::new(),
            rest: RestLog::default(),
            rest_seq: 0,
            files: HashMap::new(),
            gateway: GatewayState::new(config.heartbeat_interval),
            faults: FaultQueue::default(),
            limits: RateLimits::default(),
            automod: AutoModState::default(),
        };
        let guild = world.add_guild(&config.guild_name);
        for name in &config.channel_names {
            world.add_text_channel(guild, name);
        }
        world
    }

    pub(crate) fn add_guild(&mut self, name: &str) -> u64 {
        let id = self.ids.next();
        let guild = GuildRec {
            id,
            name: name.to_owned(),
            owner_id: self.bot_id,
            members: BTreeMap::from([(self.bot_id, self.ids.now())]),
        };
        self.guilds.insert(id, guild);
        id
    }

    pub(crate) fn add_text_channel(&mut self, guild_id: u64, name: &str) -> u64 {
        let id = self.ids.next();
        let channel = ChannelRec::new(id, GUILD_TEXT, Some(guild_id), name, self.ids.now());
        self.channels.insert(id, channel);
        id
    }

    pub(crate) fn add_user(&mut self, name: &str, bot: bool) -> u64 {
        let id = self.ids.next();
        let user = UserRec {
            id,
            name: name.to_owned(),
            bot,
            dms_closed: false,
        };
        self.users.insert(id, user);
        id
    }

    /// The DM channel between the bot and `user_id`, made on first use.
    pub(crate) fn dm_channel(&mut self, user_id: u64) -> u64 {
        if let Some(id) = self.dm_channels.get(&user_id) {
            return *id;
        }
        let id = self.ids.next();
        let mut channel = ChannelRec::new(id, DM, None, "", self.ids.now());
        channel.recipient = Some(user_id);
        self.channels.insert(id, channel);
        self.dm_channels.insert(user_id, id);
        id
    }

    /// The workspace's current instant, from the clock it shares with the bot.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.ids.now()
    }

    /// Live (not deleted) messages of a channel, oldest first.
    pub(crate) fn channel_history(&self, channel_id: u64) -> impl Iterator<Item = &MessageRec> {
        self.channel_messages
            .get(&channel_id)
            .into_iter()
            .flatten()
            .filter_map(|id| self.messages.get(id))
            .filter(|m| !m.deleted)
    }
}

impl ChannelRec {
    pub(crate) fn new(
        id: u64,
        kind: u8,
        guild_id: Option<u64>,
        name: &str,
        created: DateTime<Utc>,
    ) -> Self {
        Self {
            id,
            kind,
            guild_id,
            name: name.to_owned(),
            parent_id: None,
            recipient: None,
            owner_id: None,
            thread_members: BTreeSet::new(),
            archived: false,
            locked: false,
            created,
        }
    }
}
