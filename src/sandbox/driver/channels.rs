//! Reading the places of a guild (text channels and threads) and its AutoMod rules, so tests
//! and the REPL can find a channel by name and show where a message was posted.

use serde_json::Value;

use super::Driver;
use crate::sandbox::state::{ChannelRec, GUILD_TEXT, PRIVATE_THREAD};

/// A guild text channel or thread as the driver shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelView {
    pub id: u64,
    pub guild_id: Option<u64>,
    pub name: String,
    /// The channel a thread lives under; `None` for a text channel.
    pub parent_id: Option<u64>,
    pub private: bool,
    pub archived: bool,
    pub locked: bool,
    /// Thread members (empty for text channels, where every guild member may post).
    pub members: Vec<u64>,
}

impl ChannelView {
    fn of(c: &ChannelRec) -> Self {
        Self {
            id: c.id,
            guild_id: c.guild_id,
            name: c.name.clone(),
            parent_id: c.parent_id,
            private: c.kind == PRIVATE_THREAD,
            archived: c.archived,
            locked: c.locked,
            members: c.thread_members.iter().copied().collect(),
        }
    }

    pub fn is_thread(&self) -> bool {
        self.parent_id.is_some()
    }
}

impl Driver {
    /// A text channel or thread by id (`None` for DMs and unknown ids).
    pub fn channel(&self, id: u64) -> Option<ChannelView> {
        self.shared.read(|w| {
            w.channels
                .get(&id)
                .filter(|c| c.kind == GUILD_TEXT || c.is_thread())
                .map(ChannelView::of)
        })
    }

    /// Every text channel and thread of `guild`, newest first (threads usually are).
    pub fn guild_channels(&self, guild: u64) -> Vec<ChannelView> {
        self.shared.read(|w| {
            let mut found: Vec<ChannelView> = w
                .channels
                .values()
                .filter(|c| c.guild_id == Some(guild))
                .filter(|c| c.kind == GUILD_TEXT || c.is_thread())
                .map(ChannelView::of)
                .collect();
            found.sort_by_key(|c| std::cmp::Reverse(c.id));
            found
        })
    }

    /// The guild's AutoMod rules as `GET /guilds/{guild}/auto-moderation/rules` answers them
    /// (ids, `creator_id`, trigger metadata, actions), oldest first; empty for an unknown guild.
    pub fn automod_rules(&self, guild: u64) -> Vec<Value> {
        self.shared
            .read(|w| w.automod_rule_values(guild).unwrap_or_default())
    }
}
