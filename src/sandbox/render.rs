//! World records → Discord JSON, shaped so serenity 0.12.5's strict models accept them (the unit
//! tests below deserialize every shape with serenity's own types).

use serde_json::{Value, json};

use super::snowflake::{iso, timestamp_of};
use super::state::{ChannelRec, DM, GuildRec, MessageRec, UserRec, World};

/// Every permission bit: the sandbox does not model permissions.
pub(crate) const ALL_PERMISSIONS: &str = "2251799813685247";

/// Message flag: only the invoking user sees this interaction reply.
pub(crate) const EPHEMERAL: u64 = 1 << 6;
/// Message flag: a deferred interaction reply ("thinking…").
pub(crate) const LOADING: u64 = 1 << 7;

pub(crate) fn user_json(user: &UserRec) -> Value {
    json!({
        "id": user.id.to_string(),
        "username": user.name,
        "discriminator": "0",
        "global_name": user.name,
        "avatar": null,
        "bot": user.bot,
        "public_flags": 0,
        "flags": 0,
    })
}

impl World {
    pub(crate) fn user_value(&self, id: u64) -> Value {
        match self.users.get(&id) {
            Some(user) => user_json(user),
            None => {
                json!({ "id": id.to_string(), "username": "unknown-user", "discriminator": "0" })
            }
        }
    }

    pub(crate) fn member_value(&self, guild: &GuildRec, user_id: u64) -> Option<Value> {
        let joined = guild.members.get(&user_id)?;
        Some(json!({
            "user": self.user_value(user_id),
            "nick": null,
            "avatar": null,
            "roles": [],
            "joined_at": iso(*joined),
            "premium_since": null,
            "deaf": false,
            "mute": false,
            "flags": 0,
            "pending": false,
            "permissions": ALL_PERMISSIONS,
            "communication_disabled_until": null,
        }))
    }

    pub(crate) fn channel_value(&self, channel: &ChannelRec) -> Value {
        if channel.kind == DM {
            let recipient = channel.recipient.map(|id| self.user_value(id));
            return json!({
                "id": channel.id.to_string(),
                "type": DM,
                "last_message_id": self.last_message_id(channel.id),
                "recipients": recipient.into_iter().collect::<Vec<_>>(),
            });
        }
        let mut value = json!({
            "id": channel.id.to_string(),
            "type": channel.kind,
            "guild_id": channel.guild_id.map(|g| g.to_string()),
            "name": channel.name,
            "position": 0,
            "permission_overwrites": [],
            "nsfw": false,
            "topic": null,
            "last_message_id": self.last_message_id(channel.id),
            "parent_id": channel.parent_id.map(|p| p.to_string()),
            "rate_limit_per_user": 0,
            "flags": 0,
        });
        if channel.is_thread() {
            value["owner_id"] = json!(channel.owner_id.map(|o| o.to_string()));
            value["member_count"] = json!(channel.thread_members.len().min(50));
            value["message_count"] = json!(self.channel_history(channel.id).count());
            value["thread_metadata"] = json!({
                "archived": channel.archived,
                "auto_archive_duration": 1440,
                "archive_timestamp": iso(channel.created),
                "locked": channel.locked,
                "create_timestamp": iso(channel.created),
            });
        }
        value
    }

    fn last_message_id(&self, channel_id: u64) -> Option<String> {
        self.channel_history(channel_id)
            .last()
            .map(|m| m.id.to_string())
    }

    pub(crate) fn role_value(guild: &GuildRec) -> Value {
        json!({
            "id": guild.id.to_string(),
            "name": "@everyone",
            "color": 0,
            "colors": { "primary_color": 0, "secondary_color": null, "tertiary_color": null },
            "hoist": false,
            "managed": false,
            "mentionable": false,
            "permissions": ALL_PERMISSIONS,
            "position": 0,
            "icon": null,
            "unicode_emoji": null,
            "flags": 0,
        })
    }

    /// The guild as `GET /guilds/{id}` answers it.
    pub(crate) fn guild_value(&self, guild: &GuildRec) -> Value {
        json!({
            "id": guild.id.to_string(),
            "name": guild.name,
            "icon": null,
            "icon_hash": null,
            "splash": null,
            "discovery_splash": null,
            "owner_id": guild.owner_id.to_string(),
            "afk_channel_id": null,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": [Self::role_value(guild)],
            "emojis": [],
            "features": [],
            "mfa_level": 0,
            "application_id": null,
            "system_channel_id": null,
            "system_channel_flags": 0,
            "rules_channel_id": null,
            "vanity_url_code": null,
            "description": null,
            "banner": null,
            "premium_tier": 0,
            "preferred_locale": "en-GB",
            "public_updates_channel_id": null,
            "nsfw_level": 0,
            "stickers": [],
            "premium_progress_bar_enabled": false,
            "safety_alerts_channel_id": null,
        })
    }

    /// The guild as the `GUILD_CREATE` dispatch carries it, with channels, threads and members.
    pub(crate) fn guild_create_value(&self, guild: &GuildRec) -> Value {
        let mut value = self.guild_value(guild);
        let in_guild = |c: &&ChannelRec| c.guild_id == Some(guild.id);
        let mut channels: Vec<&ChannelRec> = self.channels.values().filter(in_guild).collect();
        channels.sort_by_key(|c| c.id);
        let (threads, plain): (Vec<_>, Vec<_>) = channels.into_iter().partition(|c| c.is_thread());
        let members: Vec<Value> = guild
            .members
            .keys()
            .filter_map(|u| self.member_value(guild, *u))
            .collect();
        let extra = json!({
            "joined_at": iso(timestamp_of(guild.id)),
            "large": false,
            "unavailable": false,
            "member_count": members.len(),
            "voice_states": [],
            "members": members,
            "channels": plain.iter().map(|c| self.channel_value(c)).collect::<Vec<_>>(),
            "threads": threads.iter().filter(|t| !t.archived)
                .map(|c| self.channel_value(c)).collect::<Vec<_>>(),
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
        });
        merge(&mut value, extra);
        value
    }

    pub(crate) fn message_value(&self, message: &MessageRec) -> Value {
        let mut value = json!({
            "id": message.id.to_string(),
            "channel_id": message.channel_id.to_string(),
            "author": self.user_value(message.author_id),
            "content": message.content,
            "timestamp": iso(timestamp_of(message.id)),
            "edited_timestamp": message.edited_at.map(iso),
            "tts": false,
            "mention_everyone": false,
            "mentions": message.mentions.iter().map(|u| self.user_value(*u)).collect::<Vec<_>>(),
            "mention_roles": [],
            "attachments": message.attachments,
            "embeds": message.embeds,
            "components": message.components,
            "reactions": self.reactions_value(message),
            "pinned": false,
            "type": message.kind,
            "flags": message.flags,
            "webhook_id": message.webhook_id.map(|w| w.to_string()),
            "application_id": message.webhook_id.map(|w| w.to_string()),
        });
        if let Some(nonce) = &message.nonce {
            value["nonce"] = nonce.clone();
        }
        if let Some(reference) = message.reference {
            value["message_reference"] = json!({ "message_id": reference.to_string(), "channel_id": message.channel_id.to_string() });
        }
        if let Some(metadata) = message
            .interaction_id
            .and_then(|i| self.interaction_metadata(i))
        {
            value["interaction_metadata"] = metadata;
        }
        value
    }

    /// `interaction_metadata` of a reply: serenity requires `interacted_message_id` for component
    /// interactions and `triggering_interaction_metadata` for modal submits.
    fn interaction_metadata(&self, id: u64) -> Option<Value> {
        let rec = self.interactions.get(&id)?;
        let mut value = json!({
            "id": rec.id.to_string(),
            "type": rec.kind,
            "user": self.user_value(rec.user_id),
            "authorizing_integration_owners": rec.payload["authorizing_integration_owners"],
            "original_response_message_id": rec.original_message.map(|m| m.to_string()),
        });
        match rec.kind {
            3 => {
                let interacted = rec.source_message.unwrap_or_default();
                value["interacted_message_id"] = json!(interacted.to_string());
            }
            5 => {
                let trigger = rec.parent.and_then(|p| self.interaction_metadata(p));
                value["triggering_interaction_metadata"] = trigger.unwrap_or_else(|| {
                    let user = self.user_value(rec.user_id);
                    json!({ "id": rec.id.to_string(), "type": 2, "user": user, "authorizing_integration_owners": {} })
                });
            }
            _ => {}
        }
        Some(value)
    }

    /// A message as a gateway dispatch carries it: with `guild_id` and `member` in guilds.
    pub(crate) fn message_event_value(&self, message: &MessageRec) -> Value {
        let mut value = self.message_value(message);
        if let Some(guild) = message.guild_id.and_then(|g| self.guilds.get(&g)) {
            value["guild_id"] = json!(guild.id.to_string());
            if let Some(mut member) = self.member_value(guild, message.author_id) {
                if let Some(map) = member.as_object_mut() {
                    map.remove("user");
                    map.remove("permissions");
                }
                value["member"] = member;
            }
        }
        value
    }

    fn reactions_value(&self, message: &MessageRec) -> Vec<Value> {
        message
            .reactions
            .iter()
            .map(|emoji| {
                json!({
                    "count": 1,
                    "count_details": { "burst": 0, "normal": 1 },
                    "me": true,
                    "me_burst": false,
                    "burst_colors": [],
                    "emoji": { "id": null, "name": emoji },
                })
            })
            .collect()
    }
}

/// Copies every key of `extra` into `base` (both JSON objects).
pub(crate) fn merge(base: &mut Value, extra: Value) {
    if let (Some(base), Value::Object(extra)) = (base.as_object_mut(), extra) {
        base.extend(extra);
    }
}

#[cfg(test)]
#[path = "render_tests.rs"]
mod tests;
