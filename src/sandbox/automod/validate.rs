//! What Discord checks in a KEYWORD rule's body, beyond the shape the OpenAPI check already
//! refuses: the documented limits (which the spec does not all carry, e.g. `custom_message`
//! at 150 where the spec says 300), that regex patterns compile, that a create names its
//! required fields, and that a rule's trigger type never changes.
//!
//! Every problem found is reported at once, in Discord's `50035 Invalid Form Body` tree, so
//! the same body gives the same answer with the spec check on or off. Codes are Discord's
//! where it documents or is seen to send them (`BASE_TYPE_*`); `AUTO_MODERATION_INVALID_REGEX`
//! and the trigger-type message are the sandbox's wording.

use serde_json::{Value, json};

use super::RuleFields;
use crate::sandbox::error::ApiError;
use crate::sandbox::openapi::errors::{FieldError, tree};
use crate::sandbox::state::World;

const KEYWORD: u64 = 1;
const MESSAGE_SEND: u64 = 1;
const BLOCK_MESSAGE: u64 = 1;
const SEND_ALERT_MESSAGE: u64 = 2;
const TIMEOUT: u64 = 3;
const MAX_TIMEOUT_SECONDS: u64 = 2_419_200;

/// Lists in `trigger_metadata`: field, most entries, longest entry.
const LISTS: [(&str, usize, usize); 3] = [
    ("keyword_filter", 1_000, 60),
    ("regex_patterns", 10, 260),
    ("allow_list", 100, 60),
];

/// Collects field errors while the body is read.
struct Problems(Vec<FieldError>);

impl Problems {
    fn add(&mut self, path: &[&str], code: &'static str, message: impl Into<String>) {
        self.0.push(FieldError {
            path: path.iter().map(|s| (*s).to_owned()).collect(),
            code,
            message: message.into(),
        });
    }
}

/// The rule a create (`existing: None`) or a modify body asks for, or Discord's 400 / 50035.
pub(super) fn read_rule(
    w: &World,
    guild: u64,
    existing: Option<&RuleFields>,
    body: &Value,
) -> Result<RuleFields, ApiError> {
    let mut problems = Problems(Vec::new());
    let given = |key: &str| body.get(key).filter(|v| !v.is_null());
    let mut rule = existing.cloned().unwrap_or_default();
    if existing.is_none() {
        rule.trigger_type = KEYWORD;
        rule.event_type = MESSAGE_SEND;
        for key in ["name", "event_type", "trigger_type", "actions"] {
            if given(key).is_none() {
                problems.add(&[key], "BASE_TYPE_REQUIRED", "This field is required");
            }
        }
    }
    if let Some(name) = given("name") {
        match name.as_str() {
            Some(name) if (1..=100).contains(&name.chars().count()) => {
                name.clone_into(&mut rule.name)
            }
            _ => problems.add(
                &["name"],
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 100 in length.",
            ),
        }
    }
    if let Some(kind) = given("trigger_type") {
        match (existing, kind.as_u64()) {
            (Some(rule), Some(kind)) if kind != rule.trigger_type => problems.add(
                &["trigger_type"],
                "BASE_TYPE_INVALID",
                "A rule's trigger type cannot be changed.",
            ),
            (_, Some(KEYWORD)) => {}
            _ => problems.add(
                &["trigger_type"],
                "BASE_TYPE_CHOICES",
                "The workspace emulates KEYWORD rules only: value must be one of {1}.",
            ),
        }
    }
    if given("event_type").is_some_and(|e| e.as_u64() != Some(MESSAGE_SEND)) {
        problems.add(
            &["event_type"],
            "BASE_TYPE_CHOICES",
            "Value must be one of {1} for a KEYWORD rule.",
        );
    }
    if let Some(metadata) = given("trigger_metadata") {
        read_lists(metadata, &mut rule, &mut problems);
    }
    if let Some(actions) = given("actions") {
        rule.actions = read_actions(w, guild, actions, &mut problems);
    }
    if let Some(enabled) = given("enabled") {
        match enabled.as_bool() {
            Some(enabled) => rule.enabled = enabled,
            None => problems.add(
                &["enabled"],
                "BASE_TYPE_BOOLEAN",
                "Must be either true or false.",
            ),
        }
    }
    for (key, max) in [("exempt_roles", 20), ("exempt_channels", 50)] {
        let Some(list) = given(key) else { continue };
        let ids: Vec<u64> = snowflakes(list);
        if ids.len() > max {
            problems.add(
                &[key],
                "BASE_TYPE_MAX_LENGTH",
                format!("Must be {max} or fewer in length."),
            );
        } else if key == "exempt_roles" {
            rule.exempt_roles = ids;
        } else {
            rule.exempt_channels = ids;
        }
    }
    if problems.0.is_empty() {
        Ok(rule)
    } else {
        Err(ApiError::invalid_form_body(tree(&problems.0)))
    }
}

/// `keyword_filter`, `regex_patterns`, `allow_list`: lengths, entry lengths, patterns compile.
fn read_lists(metadata: &Value, rule: &mut RuleFields, problems: &mut Problems) {
    for (key, most, longest) in LISTS {
        let Some(list) = metadata.get(key).filter(|v| !v.is_null()) else {
            continue;
        };
        let entries: Vec<String> = list
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect();
        if entries.len() > most {
            problems.add(
                &["trigger_metadata", key],
                "BASE_TYPE_MAX_LENGTH",
                format!("Must be {most} or fewer in length."),
            );
            continue;
        }
        for (i, entry) in entries.iter().enumerate() {
            let index = i.to_string();
            let path = ["trigger_metadata", key, index.as_str()];
            let length = entry.chars().count();
            if length == 0 {
                problems.add(
                    &path,
                    "BASE_TYPE_MIN_LENGTH",
                    "Must be 1 or more in length.",
                );
            } else if length > longest {
                problems.add(
                    &path,
                    "BASE_TYPE_MAX_LENGTH",
                    format!("Must be {longest} or fewer in length."),
                );
            } else if key == "regex_patterns"
                && let Err(why) = super::matching::compile(entry)
            {
                problems.add(
                    &path,
                    "AUTO_MODERATION_INVALID_REGEX",
                    format!("Invalid regex pattern: {why}"),
                );
            }
        }
        match key {
            "keyword_filter" => rule.keyword_filter = entries,
            "regex_patterns" => rule.regex_patterns = entries,
            _ => rule.allow_list = entries,
        }
    }
}

/// Actions, normalised to the shape Discord answers with (`metadata` always an object).
fn read_actions(w: &World, guild: u64, actions: &Value, problems: &mut Problems) -> Vec<Value> {
    let list = actions.as_array().cloned().unwrap_or_default();
    if !(1..=5).contains(&list.len()) {
        problems.add(
            &["actions"],
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 5 in length.",
        );
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, action) in list.iter().enumerate() {
        let index = i.to_string();
        let at = |field: &'static str| ["actions", index.as_str(), "metadata", field];
        let metadata = &action["metadata"];
        match action["type"].as_u64() {
            Some(BLOCK_MESSAGE) => {
                let message = metadata["custom_message"].as_str();
                if message.is_some_and(|m| m.chars().count() > 150) {
                    problems.add(
                        &at("custom_message"),
                        "BASE_TYPE_MAX_LENGTH",
                        "Must be 150 or fewer in length.",
                    );
                }
                let metadata =
                    message.map_or_else(|| json!({}), |m| json!({ "custom_message": m }));
                out.push(json!({ "type": BLOCK_MESSAGE, "metadata": metadata }));
            }
            Some(SEND_ALERT_MESSAGE) => {
                let channel = metadata["channel_id"]
                    .as_str()
                    .and_then(|c| c.parse::<u64>().ok());
                let in_guild = channel
                    .and_then(|c| w.channels.get(&c))
                    .is_some_and(|c| c.guild_id == Some(guild));
                if !in_guild {
                    problems.add(
                        &at("channel_id"),
                        "CHANNEL_INVALID",
                        "Must be an existing channel of this guild.",
                    );
                }
                out.push(json!({ "type": SEND_ALERT_MESSAGE, "metadata": { "channel_id": channel.unwrap_or_default().to_string() } }));
            }
            Some(TIMEOUT) => {
                let seconds = metadata["duration_seconds"].as_u64();
                if seconds.is_none_or(|s| s > MAX_TIMEOUT_SECONDS) {
                    problems.add(
                        &at("duration_seconds"),
                        "NUMBER_TYPE_MAX",
                        format!("Must be a whole number of seconds up to {MAX_TIMEOUT_SECONDS}."),
                    );
                }
                out.push(json!({ "type": TIMEOUT, "metadata": { "duration_seconds": seconds.unwrap_or_default() } }));
            }
            _ => problems.add(
                &["actions", index.as_str(), "type"],
                "BASE_TYPE_CHOICES",
                "Value must be one of {1, 2, 3} for a KEYWORD rule.",
            ),
        }
    }
    out
}

fn snowflakes(list: &Value) -> Vec<u64> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().and_then(|s| s.parse().ok()).or(v.as_u64()))
        .collect()
}
