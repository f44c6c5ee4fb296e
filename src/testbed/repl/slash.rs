//! Slash-command lines: parsed, then checked and typed against the commands the bot registered,
//! as a Discord client would before sending them (choices picked, whole numbers checked,
//! unknown options and missing required ones refused). Also the command list `/help` prints.

use std::fmt::Write as _;

use anyhow::{Context as _, bail};
use serde_json::Value;

use crate::sandbox::OptionValue;
use crate::testbed::Testbed;
use crate::testbed::actions::pick_choice;

/// Discord's application command option types that hold a command level, not a value.
const SUB_COMMAND: u64 = 1;
const SUB_COMMAND_GROUP: u64 = 2;

/// `evidence show id:3` → ("evidence show", [("id", "3")]). A value runs to the next `key:`,
/// so `area:Digital (theme)` keeps its space.
pub fn parse_slash(command: &str) -> (String, Vec<(String, String)>) {
    let mut name = Vec::new();
    let mut options: Vec<(String, String)> = Vec::new();
    for word in command.split_whitespace() {
        match word.split_once(':') {
            Some((key, value))
                if !key.is_empty()
                    && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                options.push((key.to_owned(), value.to_owned()));
            }
            _ if options.is_empty() => name.push(word),
            _ => {
                let last = options.last_mut().expect("checked non-empty");
                last.1 = format!("{} {word}", last.1).trim().to_owned();
            }
        }
    }
    (name.join(" "), options)
}

/// The command path and typed options a slash line means, or why a client would not send it.
pub fn resolve(
    tb: &Testbed,
    command: &str,
    typed: &[(String, String)],
) -> anyhow::Result<(String, Vec<(String, OptionValue)>)> {
    let registered = tb.driver.registered_commands(None);
    let mut path = command.split_whitespace();
    let name = path.next().context("which command? /help lists them")?;
    let mut level = registered
        .iter()
        .find(|c| c["name"] == name)
        .with_context(|| {
            let names: Vec<&str> = registered
                .iter()
                .filter_map(|c| c["name"].as_str())
                .collect();
            format!("the bot has no /{name}; it has /{}", names.join(", /"))
        })?;
    let mut full = vec![name.to_owned()];
    while let Some(subs) = subcommands(level) {
        let known = names_of(&subs);
        let sub = path
            .next()
            .with_context(|| format!("/{} needs one of: {known}", full.join(" ")))?;
        level = subs
            .into_iter()
            .find(|s| s["name"] == sub)
            .with_context(|| format!("/{} has no '{sub}'; it has: {known}", full.join(" ")))?;
        full.push(sub.to_owned());
    }
    let full = full.join(" ");
    if let Some(extra) = path.next() {
        bail!("/{full} takes no '{extra}' (options are written key:value)");
    }
    let defined: Vec<&Value> = level["options"].as_array().into_iter().flatten().collect();
    let mut options = Vec::new();
    for (key, text) in typed {
        let Some(option) = defined.iter().find(|o| o["name"] == key.as_str()) else {
            match defined.is_empty() {
                true => bail!("/{full} takes no options"),
                false => bail!(
                    "/{full} has no option '{key}'; it has: {}",
                    names_of(&defined)
                ),
            }
        };
        let value = typed_value(tb, option, text).with_context(|| key.clone())?;
        options.push((key.clone(), value));
    }
    for option in defined.iter().filter(|o| o["required"] == true) {
        let name = option["name"].as_str().unwrap_or_default();
        if !typed.iter().any(|(k, _)| k == name) {
            bail!("/{full} needs {name}: ({})", type_name(option));
        }
    }
    Ok((full, options))
}

/// A level's subcommands (and groups), if it has them rather than options.
fn subcommands(level: &Value) -> Option<Vec<&Value>> {
    let options: Vec<&Value> = level["options"].as_array()?.iter().collect();
    let is_sub = |o: &&Value| matches!(o["type"].as_u64(), Some(SUB_COMMAND | SUB_COMMAND_GROUP));
    (!options.is_empty() && options.iter().all(is_sub)).then_some(options)
}

fn names_of(options: &[&Value]) -> String {
    let names: Vec<&str> = options.iter().filter_map(|o| o["name"].as_str()).collect();
    names.join(", ")
}

/// What a Discord client would send for `text` typed into `option`.
fn typed_value(tb: &Testbed, option: &Value, text: &str) -> anyhow::Result<OptionValue> {
    if let Some(choices) = option["choices"].as_array().filter(|c| !c.is_empty()) {
        let choice = pick_choice(choices, text).map_err(anyhow::Error::msg)?;
        return Ok(match &choice["value"] {
            Value::String(s) => OptionValue::Str(s.clone()),
            Value::Number(n) if n.is_i64() => OptionValue::Int(n.as_i64().unwrap_or_default()),
            Value::Number(n) => OptionValue::Number(n.as_f64().unwrap_or_default()),
            other => bail!("a choice with an unusable value {other}"),
        });
    }
    Ok(match option["type"].as_u64() {
        Some(4) => OptionValue::Int(
            text.parse()
                .map_err(|_| anyhow::anyhow!("'{text}' is not a whole number (e.g. 12)"))?,
        ),
        Some(10) => OptionValue::Number(
            text.parse()
                .map_err(|_| anyhow::anyhow!("'{text}' is not a number (e.g. 2.5)"))?,
        ),
        Some(5) => match text.to_lowercase().as_str() {
            "true" | "yes" => OptionValue::Bool(true),
            "false" | "no" => OptionValue::Bool(false),
            _ => bail!("'{text}' is not true or false"),
        },
        Some(6) => {
            let handle = text.trim_start_matches('@').to_lowercase();
            let known = tb.users.iter().find(|(h, _)| *h == handle);
            OptionValue::User(
                known
                    .map(|(_, id)| *id)
                    .with_context(|| format!("no one called '{text}' here (try /who)"))?,
            )
        }
        Some(7) => OptionValue::Channel(
            tb.driver
                .channel_id(text.trim_start_matches('#'))
                .with_context(|| format!("no channel called '{text}'"))?,
        ),
        _ => OptionValue::Str(text.to_owned()),
    })
}

fn type_name(option: &Value) -> &'static str {
    match option["type"].as_u64() {
        Some(3) => "text",
        Some(4) => "whole number",
        Some(5) => "true/false",
        Some(6) => "person",
        Some(7) => "channel",
        Some(10) => "number",
        _ => "value",
    }
}

/// Every command the bot registered, with its subcommands and options (type, choices).
pub fn describe_commands(tb: &Testbed) -> String {
    let mut out = String::from("The bot's slash commands (run them as /NAME key:value …):\n");
    for command in tb.driver.registered_commands(None) {
        describe(
            &mut out,
            &command,
            command["name"].as_str().unwrap_or_default(),
        );
    }
    out
}

fn describe(out: &mut String, level: &Value, path: &str) {
    if let Some(subs) = subcommands(level) {
        for sub in subs {
            let name = sub["name"].as_str().unwrap_or_default();
            describe(out, sub, &format!("{path} {name}"));
        }
        return;
    }
    let description = level["description"].as_str().unwrap_or_default();
    let _ = writeln!(out, "  /{path} — {description}");
    for option in level["options"].as_array().into_iter().flatten() {
        let required = if option["required"] == true {
            ", required"
        } else {
            ""
        };
        let choices: Vec<&str> = option["choices"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c["name"].as_str())
            .collect();
        // A choice's type is the client's business: a person picks by name.
        let kind = match choices.is_empty() {
            true => type_name(option).to_owned(),
            false => format!("one of: {}", choices.join(" | ")),
        };
        let name = option["name"].as_str().unwrap_or_default();
        let _ = write!(out, "      {name}: {kind}{required}");
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slash_lines_split_into_name_and_options() {
        let (name, options) = parse_slash("reflect area:Digital (theme)");
        assert_eq!(name, "reflect");
        assert_eq!(options, [("area".to_owned(), "Digital (theme)".to_owned())]);
        let (name, options) = parse_slash("evidence tag id:12 add:population health");
        assert_eq!(name, "evidence tag");
        assert_eq!(options[0], ("id".to_owned(), "12".to_owned()));
        assert_eq!(
            options[1],
            ("add".to_owned(), "population health".to_owned())
        );
    }
}
