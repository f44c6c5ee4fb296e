//! # AutoMod: KEYWORD rules, kept per guild, that block what members post
//!
//! The bot manages rules through Discord's routes (`rest::automod`):
//! `GET/POST /guilds/{guild}/auto-moderation/rules` and
//! `GET/PATCH/DELETE /guilds/{guild}/auto-moderation/rules/{rule}`. Rules live in the world, so
//! they outlive bot restarts as they would on Discord, and the driver reads them with
//! [`crate::sandbox::Driver::automod_rules`].
//!
//! ## What is emulated
//! - KEYWORD rules (`trigger_type` 1) on MESSAGE_SEND (`event_type` 1), with Discord's limits
//!   ([`validate`]): at most 6 per guild (`400 / 50035`,
//!   `AUTO_MODERATION_MAX_RULES_OF_TYPE_EXCEEDED` at the root of `errors`, as Discord answers),
//!   `keyword_filter` ≤ 1,000 × 60 characters, `regex_patterns` ≤ 10 × 260 characters that
//!   must compile as Rust regex, `allow_list` ≤ 100 × 60, 1–5 actions, `custom_message` ≤ 150.
//! - Matching ([`matching`]): Discord's four keyword wildcard strategies, case-insensitive
//!   regexes, the allow list.
//! - Screening ([`execute`]): a member's post or edit in a guild channel or thread (through
//!   the driver) that trips an enabled rule with a BLOCK_MESSAGE action is not stored or
//!   changed; the driver answers [`AutoModBlock`] naming the rule (Discord's HTTP answer would
//!   be `400 / 200000 Message was blocked by automatic moderation`). Every action of every
//!   rule that matched is dispatched as AUTO_MODERATION_ACTION_EXECUTION to sessions with the
//!   AUTO_MODERATION_EXECUTION intent (1 << 21), `content` and `matched_content` blank without
//!   MESSAGE_CONTENT. Rule changes dispatch AUTO_MODERATION_RULE_CREATE/UPDATE/DELETE
//!   (AUTO_MODERATION_CONFIGURATION, 1 << 20).
//! - The bot's own messages are never screened: Discord exempts members with Manage Server,
//!   which a bot that manages rules has. Thread names are never screened either: Discord's
//!   AutoMod does not look at them.
//!
//! ## Not emulated
//! Other trigger types (spam, presets, mention spam, member profiles), exempt roles (stored
//! but there are no roles), the alert message a SEND_ALERT_MESSAGE action posts, timeouts
//! (TIMEOUT is stored and dispatched, nobody is timed out), `message_id` in the execution
//! event of a match that did not block, MANAGE_GUILD checks, audit-log reasons.

mod execute;
mod matching;
mod validate;

use std::collections::BTreeMap;

use serde_json::{Value, json};

pub use execute::AutoModBlock;
use matching::Matcher;

use super::error::ApiError;
use super::gateway::sessions::{Dispatch, intents};
use super::state::World;

/// Discord's limit on KEYWORD rules per guild.
const MAX_KEYWORD_RULES: usize = 6;

/// A rule's settings, as a body sets them.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct RuleFields {
    pub name: String,
    pub event_type: u64,
    pub trigger_type: u64,
    pub keyword_filter: Vec<String>,
    pub regex_patterns: Vec<String>,
    pub allow_list: Vec<String>,
    /// Normalised: `{"type", "metadata": {…}}`.
    pub actions: Vec<Value>,
    pub enabled: bool,
    pub exempt_roles: Vec<u64>,
    pub exempt_channels: Vec<u64>,
}

/// A stored rule with its compiled matcher.
#[derive(Clone, Debug)]
pub(crate) struct RuleRec {
    pub id: u64,
    pub guild_id: u64,
    pub creator_id: u64,
    pub fields: RuleFields,
    matcher: Matcher,
}

/// Every guild's rules, by rule id (so in creation order).
#[derive(Default)]
pub(crate) struct AutoModState {
    rules: BTreeMap<u64, RuleRec>,
}

impl AutoModState {
    fn of_guild(&self, guild: u64) -> impl Iterator<Item = &RuleRec> {
        self.rules.values().filter(move |r| r.guild_id == guild)
    }
}

fn unknown_rule() -> ApiError {
    // Discord documents no code for this one; the message is the sandbox's.
    ApiError::new(404, 0, "Unknown auto moderation rule")
}

fn unknown_guild() -> ApiError {
    ApiError::new(404, 10004, "Unknown Guild")
}

impl World {
    /// A guild's rules as Discord lists them.
    pub(crate) fn automod_rule_values(&self, guild: u64) -> Result<Vec<Value>, ApiError> {
        self.guilds.get(&guild).ok_or_else(unknown_guild)?;
        Ok(self.automod.of_guild(guild).map(rule_value).collect())
    }

    pub(crate) fn automod_rule_value(&self, guild: u64, rule: u64) -> Result<Value, ApiError> {
        self.guild_rule(guild, rule).map(rule_value)
    }

    /// Creates a rule from a POST body; `creator` is who called (the bot).
    pub(crate) fn create_automod_rule(
        &mut self,
        guild: u64,
        creator: u64,
        body: &Value,
    ) -> Result<Value, ApiError> {
        self.guilds.get(&guild).ok_or_else(unknown_guild)?;
        let fields = validate::read_rule(self, guild, None, body)?;
        let keyword_rules = self
            .automod
            .of_guild(guild)
            .filter(|r| r.fields.trigger_type == fields.trigger_type)
            .count();
        if keyword_rules >= MAX_KEYWORD_RULES {
            // Discord puts this one at the root of `errors`, not under a field.
            return Err(ApiError::invalid_form_body(json!({ "_errors": [{
                "code": "AUTO_MODERATION_MAX_RULES_OF_TYPE_EXCEEDED",
                "message": format!("Maximum number of rules with trigger type {} is {MAX_KEYWORD_RULES}", fields.trigger_type),
            }] })));
        }
        let rule = RuleRec {
            id: self.ids.next(),
            guild_id: guild,
            creator_id: creator,
            matcher: matcher_for(&fields),
            fields,
        };
        let value = rule_value(&rule);
        self.automod.rules.insert(rule.id, rule);
        self.dispatch_rule("AUTO_MODERATION_RULE_CREATE", guild, &value);
        Ok(value)
    }

    /// Applies a PATCH body; what it leaves out stays as it was.
    pub(crate) fn modify_automod_rule(
        &mut self,
        guild: u64,
        rule: u64,
        body: &Value,
    ) -> Result<Value, ApiError> {
        let current = self.guild_rule(guild, rule)?.fields.clone();
        let fields = validate::read_rule(self, guild, Some(&current), body)?;
        let stored = self.automod.rules.get_mut(&rule).ok_or_else(unknown_rule)?;
        stored.matcher = matcher_for(&fields);
        stored.fields = fields;
        let value = rule_value(stored);
        self.dispatch_rule("AUTO_MODERATION_RULE_UPDATE", guild, &value);
        Ok(value)
    }

    pub(crate) fn delete_automod_rule(&mut self, guild: u64, rule: u64) -> Result<(), ApiError> {
        let value = self.guild_rule(guild, rule).map(rule_value)?;
        self.automod.rules.remove(&rule);
        self.dispatch_rule("AUTO_MODERATION_RULE_DELETE", guild, &value);
        Ok(())
    }

    fn guild_rule(&self, guild: u64, rule: u64) -> Result<&RuleRec, ApiError> {
        self.guilds.get(&guild).ok_or_else(unknown_guild)?;
        self.automod
            .rules
            .get(&rule)
            .filter(|r| r.guild_id == guild)
            .ok_or_else(unknown_rule)
    }

    fn dispatch_rule(&mut self, name: &'static str, guild: u64, rule: &Value) {
        let event = Dispatch {
            name,
            data: rule.clone(),
            guild_id: Some(guild),
            intent: intents::AUTO_MODERATION_CONFIGURATION,
            gate_content: false,
        };
        self.gateway.dispatch(&event, self.bot_id);
    }
}

fn matcher_for(fields: &RuleFields) -> Matcher {
    Matcher::new(
        &fields.keyword_filter,
        &fields.regex_patterns,
        &fields.allow_list,
    )
}

/// A rule as Discord answers it (`KeywordRuleResponse`: every field present).
fn rule_value(rule: &RuleRec) -> Value {
    let f = &rule.fields;
    let ids = |list: &[u64]| list.iter().map(u64::to_string).collect::<Vec<_>>();
    json!({
        "id": rule.id.to_string(),
        "guild_id": rule.guild_id.to_string(),
        "creator_id": rule.creator_id.to_string(),
        "name": f.name,
        "event_type": f.event_type,
        "trigger_type": f.trigger_type,
        "trigger_metadata": {
            "keyword_filter": f.keyword_filter,
            "regex_patterns": f.regex_patterns,
            "allow_list": f.allow_list,
        },
        "actions": f.actions,
        "enabled": f.enabled,
        "exempt_roles": ids(&f.exempt_roles),
        "exempt_channels": ids(&f.exempt_channels),
    })
}
