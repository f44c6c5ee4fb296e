//! Reading what the bot did: messages (with waits), interaction responses, modals, registered
//! commands, the REST log and gateway counters. Every wait is bounded by its timeout and wakes on
//! the world's change signal, not by polling.

use std::time::Duration;

use serde_json::Value;

use super::{Driver, DriverError, InteractionResponse, MessageFilter, MessageView, Modal, Result};
use crate::sandbox::faults::route_matches;
use crate::sandbox::gateway::sessions::GatewayStats;
use crate::sandbox::state::{RestCall, World};

impl Driver {
    /// Every message matching `filter`, oldest first.
    pub fn messages(&self, filter: &MessageFilter) -> Vec<MessageView> {
        self.shared.read(|w| matching(w, filter))
    }

    /// The oldest message matching `filter`, waiting up to `timeout` for one to appear (or for a
    /// deferred reply to be filled in).
    pub async fn wait_for_bot_message(
        &self,
        filter: MessageFilter,
        timeout: Duration,
    ) -> Result<MessageView> {
        self.shared
            .wait_for(timeout, |w| matching(w, &filter).into_iter().next())
            .await
            .ok_or_else(|| DriverError::Timeout(format!("a message matching {filter:?}")))
    }

    /// Bot messages for `user`: their DM, ephemeral replies and replies to their interactions.
    pub fn bot_messages_to(&self, user: u64) -> Vec<MessageView> {
        self.messages(&MessageFilter::to_user(user))
    }

    /// Ephemeral replies only `user` can see.
    pub fn ephemeral_replies_to(&self, user: u64) -> Vec<MessageView> {
        self.messages(&MessageFilter::to_user(user).ephemeral(true))
    }

    /// A channel's public history by anyone, oldest first (what other members can see).
    pub fn channel_messages(&self, channel: u64) -> Vec<MessageView> {
        self.shared.read(|w| {
            w.channel_history(channel)
                .filter(|m| m.visible_to.is_none())
                .map(MessageView::of)
                .collect()
        })
    }

    /// One message by id, deleted or not.
    pub fn message(&self, id: u64) -> Option<MessageView> {
        self.shared
            .read(|w| w.messages.get(&id).map(MessageView::of))
    }

    /// The bytes of a file the bot uploaded, by the attachment's `id` (as in
    /// [`MessageView::attachments`]); `None` for an unknown id.
    pub fn attachment_bytes(&self, attachment_id: u64) -> Option<Vec<u8>> {
        self.shared
            .read(|w| w.files.get(&attachment_id).map(|f| f.bytes.clone()))
    }

    /// How the bot answered an interaction, if it has.
    pub fn interaction_response(&self, interaction: u64) -> Option<InteractionResponse> {
        self.shared.read(|w| response(w, interaction))
    }

    /// The INTERACTION_CREATE payload the driver dispatched.
    pub fn interaction_payload(&self, interaction: u64) -> Option<Value> {
        self.shared
            .read(|w| w.interactions.get(&interaction).map(|i| i.payload.clone()))
    }

    /// Waits for the bot's first answer to an interaction.
    pub async fn wait_for_interaction_response(
        &self,
        interaction: u64,
        timeout: Duration,
    ) -> Result<InteractionResponse> {
        self.shared
            .wait_for(timeout, |w| response(w, interaction))
            .await
            .ok_or_else(|| DriverError::Timeout(format!("a response to interaction {interaction}")))
    }

    /// Waits for the bot to answer `interaction` with a modal.
    pub async fn wait_for_modal(&self, interaction: u64, timeout: Duration) -> Result<Modal> {
        self.shared
            .wait_for(timeout, |w| {
                w.interactions
                    .get(&interaction)?
                    .modal
                    .as_ref()
                    .map(|m| Modal::of(interaction, m))
            })
            .await
            .ok_or_else(|| DriverError::Timeout(format!("a modal for interaction {interaction}")))
    }

    /// The commands the bot registered globally (`None`) or in a guild.
    pub fn registered_commands(&self, guild: Option<u64>) -> Vec<Value> {
        self.shared.read(|w| match guild {
            Some(g) => w.guild_commands.get(&g).cloned().unwrap_or_default(),
            None => w.global_commands.clone(),
        })
    }

    /// Waits until a command named `name` is registered (globally or in any guild).
    pub async fn wait_for_command(&self, name: &str, timeout: Duration) -> Result<Value> {
        self.shared
            .wait_for(timeout, |w| {
                let guild = w.guild_commands.values().flatten();
                w.global_commands
                    .iter()
                    .chain(guild)
                    .find(|c| c["name"] == name)
                    .cloned()
            })
            .await
            .ok_or_else(|| DriverError::Timeout(format!("command /{name} to be registered")))
    }

    /// Every REST call the bot made, in order.
    pub fn rest_calls(&self) -> Vec<RestCall> {
        self.shared.read(|w| w.rest.calls.clone())
    }

    /// REST calls whose templated route matches `pattern` (see [`crate::sandbox::Fault`]).
    pub fn rest_calls_to(&self, pattern: &str) -> Vec<RestCall> {
        self.shared.read(|w| {
            w.rest
                .calls
                .iter()
                .filter(|c| route_matches(pattern, &c.route))
                .cloned()
                .collect()
        })
    }

    /// Waits for a finished REST call matching `pattern`.
    pub async fn wait_for_rest_call(&self, pattern: &str, timeout: Duration) -> Result<RestCall> {
        self.shared
            .wait_for(timeout, |w| {
                w.rest
                    .calls
                    .iter()
                    .find(|c| c.status != 0 && route_matches(pattern, &c.route))
                    .cloned()
            })
            .await
            .ok_or_else(|| DriverError::Timeout(format!("a REST call to {pattern}")))
    }

    /// How many calls each templated route got (`POST /channels/{id}/messages` → 3).
    pub fn rest_call_counts(&self) -> std::collections::BTreeMap<String, usize> {
        self.shared.read(|w| {
            let mut counts = std::collections::BTreeMap::new();
            for call in &w.rest.calls {
                *counts.entry(call.route.clone()).or_default() += 1;
            }
            counts
        })
    }

    /// Calls that hit no sandbox route (each one is a missing endpoint or a bot bug).
    pub fn unknown_routes(&self) -> Vec<RestCall> {
        self.shared.read(|w| {
            w.rest
                .calls
                .iter()
                .filter(|c| c.unknown_route)
                .cloned()
                .collect()
        })
    }

    /// Calls whose body Discord's OpenAPI spec refused (answered 400 / 50035), each with its
    /// `spec_errors`. Empty unless [`crate::sandbox::SandboxConfig::body_check`] is on.
    pub fn spec_refusals(&self) -> Vec<RestCall> {
        self.shared.read(|w| {
            w.rest
                .calls
                .iter()
                .filter(|c| c.spec_errors.is_some())
                .cloned()
                .collect()
        })
    }

    /// How many 429s were served (rate limits and injected faults).
    pub fn served_429s(&self) -> u64 {
        self.shared.read(|w| w.rest.served_429)
    }

    pub fn clear_rest_calls(&self) {
        self.shared.with(|w| w.rest.calls.clear());
    }

    pub fn gateway_stats(&self) -> GatewayStats {
        self.shared.read(|w| w.gateway.stats.clone())
    }

    /// Waits until the gateway counters satisfy `check` (e.g. `|s| s.resumes >= 1`).
    pub async fn wait_for_gateway(
        &self,
        what: &str,
        timeout: Duration,
        check: impl Fn(&GatewayStats) -> bool,
    ) -> Result<GatewayStats> {
        self.shared
            .wait_for(timeout, |w| {
                check(&w.gateway.stats).then(|| w.gateway.stats.clone())
            })
            .await
            .ok_or_else(|| DriverError::Timeout(what.to_owned()))
    }

    /// Waits until a bot session is identified and connected on shard 0.
    pub async fn wait_until_connected(&self, timeout: Duration) -> Result<()> {
        self.shared
            .wait_for(timeout, |w| {
                w.gateway
                    .sessions
                    .values()
                    .any(|s| s.conn.is_some() && s.shard.0 == 0)
                    .then_some(())
            })
            .await
            .ok_or_else(|| DriverError::Timeout("a connected gateway session".into()))
    }
}

fn matching(w: &World, filter: &MessageFilter) -> Vec<MessageView> {
    let mut found: Vec<MessageView> = w
        .messages
        .values()
        .filter(|m| filter.matches(w, m))
        .map(MessageView::of)
        .collect();
    found.sort_by_key(|m| m.id);
    found
}

fn response(w: &World, interaction: u64) -> Option<InteractionResponse> {
    let rec = w.interactions.get(&interaction)?;
    let (kind, data) = rec.callbacks.first()?.clone();
    let view = |id: &u64| w.messages.get(id).map(MessageView::of);
    Some(InteractionResponse {
        kind,
        data,
        ephemeral: rec.ephemeral,
        original: rec.original_message.as_ref().and_then(view),
        followups: rec.followups.iter().filter_map(view).collect(),
    })
}
