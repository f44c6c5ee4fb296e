//! What the code offers, to hold the doc to: the slash commands (and subcommands) the bot
//! registered with the workspace, and every custom-id kind `domain::custom_id` writes.
#![allow(dead_code)]

use std::collections::BTreeSet;

use mindlines::domain::custom_id::PromptAction;
use serde_json::Value;

use super::components::kind_of_prompt;
use super::world::World;

/// Discord's option types for a subcommand and a group of them.
const SUB_COMMAND: u64 = 1;
const SUB_COMMAND_GROUP: u64 = 2;

/// Every registered command as it is typed: `/case stage next`, `/about`.
pub fn registered_commands(w: &World) -> BTreeSet<String> {
    let driver = &w.tb.driver;
    let mut commands = driver.registered_commands(None);
    commands.extend(driver.registered_commands(Some(driver.guild_id())));
    let mut names = BTreeSet::new();
    for command in &commands {
        leaves(command, &format!("/{}", text(command, "name")), &mut names);
    }
    names
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_default()
}

fn leaves(command: &Value, path: &str, names: &mut BTreeSet<String>) {
    let subs: Vec<&Value> = command["options"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|o| matches!(o["type"].as_u64(), Some(SUB_COMMAND | SUB_COMMAND_GROUP)))
        .collect();
    if subs.is_empty() {
        names.insert(path.to_owned());
    }
    for sub in subs {
        leaves(sub, &format!("{path} {}", text(sub, "name")), names);
    }
}

/// Every custom-id kind: the prompt buttons from `PromptAction::ALL`, the rest read from the
/// `Display` of `CustomId` (the one place ids are written), so a new kind cannot hide.
pub fn custom_id_kinds() -> BTreeSet<String> {
    let mut kinds: BTreeSet<String> = PromptAction::ALL.into_iter().map(kind_of_prompt).collect();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain/custom_id.rs");
    let source = std::fs::read_to_string(path).expect("custom_id.rs");
    let written = regex::Regex::new(r#""\{PREFIX\}:([a-z]+)(\{score\})?:"#).unwrap();
    for found in written.captures_iter(&source) {
        let kind = &found[1];
        if found.get(2).is_some() {
            kinds.insert(format!("ml1:{kind}<n>"));
        } else {
            kinds.insert(format!("ml1:{kind}"));
        }
    }
    assert!(
        kinds.contains("ml1:ci<n>") && kinds.contains("ml1:caseclose"),
        "the custom-id kinds were not read from custom_id.rs: {kinds:?}"
    );
    kinds
}
