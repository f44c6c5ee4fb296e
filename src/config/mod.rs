//! Typed settings, layered: built-in defaults → `mindlines.toml` → `MINDLINES_*` environment.
//!
//! Every key has a default, so an empty file is valid. Unknown keys are rejected with the key
//! named (in the file: with its line; in the environment: with the variable's name). The
//! environment name of a key is its dotted path in upper case with `_` for `.`:
//! `discord.api_base` ↔ `MINDLINES_DISCORD_API_BASE`. The Discord token is a secret: it is
//! never printed, logged or shown by `Debug`.

use std::path::{Path, PathBuf};

use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

mod origin;
mod sections;
mod validate;

pub use origin::Origins;
pub use validate::InvalidSetting;

pub use sections::{
    CalendarConfig, CasesConfig, DatabaseConfig, DeliveryConfig, DiscordConfig, LogFormat,
    LoggingConfig, PromptsConfig, RetentionConfig, SecurityConfig, WellbeingConfig,
};

/// The default Discord API base; any other base points the bot at a local workspace.
pub const DISCORD_API_BASE: &str = "https://discord.com";
const ENV_PREFIX: &str = "MINDLINES_";
/// Lists of text, which the environment gives comma-separated (other lists are numbers).
const TEXT_LISTS: &[(&str, &str)] = &[("cases", "place_names")];

/// All settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub database: DatabaseConfig,
    pub discord: DiscordConfig,
    pub prompts: PromptsConfig,
    pub delivery: DeliveryConfig,
    pub wellbeing: WellbeingConfig,
    pub retention: RetentionConfig,
    pub cases: CasesConfig,
    pub calendar: CalendarConfig,
    pub security: SecurityConfig,
    pub logging: LoggingConfig,
    /// Where each setting came from (for error messages); not a setting itself.
    #[serde(skip)]
    pub origins: Origins,
}

/// A setting that could not be loaded, naming where it came from.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}{line}: {message}")]
    File {
        path: PathBuf,
        line: String,
        message: String,
    },
    #[error("environment variable {name}: {message}")]
    Env { name: String, message: String },
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<InvalidSetting>),
}

impl Config {
    /// Loads settings: defaults, then `path` (if given, it must exist; otherwise
    /// `mindlines.toml` in the working directory is used when present), then the environment.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let vars: Vec<(String, String)> = std::env::vars().collect();
        let (file_path, text) = match path {
            Some(path) => (path.to_owned(), Some(read(path)?)),
            None => {
                let default = PathBuf::from("mindlines.toml");
                let text = default.exists().then(|| read(&default)).transpose()?;
                (default, text)
            }
        };
        Config::from_sources(&file_path, text.as_deref(), &vars)
    }

    /// The pure core of [`Config::load`], for tests.
    pub fn from_sources(
        file_path: &Path,
        file_text: Option<&str>,
        vars: &[(String, String)],
    ) -> Result<Config, ConfigError> {
        let mut table: toml::Table = match file_text {
            Some(text) => toml::from_str(text).map_err(|e| file_error(file_path, text, &e))?,
            None => toml::Table::new(),
        };
        // The file alone first, so its mistakes are named with their line.
        if let Some(text) = file_text {
            toml::from_str::<Config>(text).map_err(|e| file_error(file_path, text, &e))?;
        }
        let file_table = table.clone();
        apply_env(&mut table, vars)?;
        let text = toml::to_string(&table).expect("a table always serialises");
        let mut config: Config =
            toml::from_str(&text).map_err(|e| env_error(&file_table, vars, &e))?;
        config.origins = Origins::new(file_path, file_text, vars);
        let problems = config.problems();
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(ConfigError::Invalid(problems))
        }
    }

    /// The Discord token, if one is configured and not blank.
    pub fn discord_token(&self) -> Option<&str> {
        self.discord
            .token
            .as_ref()
            .map(|t| t.expose_secret())
            .filter(|t| !t.trim().is_empty())
    }

    /// Whether the bot points at a local Discord-compatible workspace rather than Discord.
    pub fn uses_local_workspace(&self) -> bool {
        self.discord.uses_local_workspace()
    }

    /// The effective settings as TOML, with the token redacted.
    pub fn redacted(&self) -> String {
        let token = if self.discord_token().is_some() {
            "[redacted]"
        } else {
            "(not set)"
        };
        let mut table = defaults_table_from(self);
        if let Some(toml::Value::Table(discord)) = table.get_mut("discord") {
            discord.insert("token".into(), toml::Value::String(token.into()));
        }
        if let Some(toml::Value::Table(database)) = table.get_mut("database") {
            let url = redact_url(&self.database.url);
            database.insert("url".into(), toml::Value::String(url));
        }
        toml::to_string_pretty(&table).expect("a table always serialises")
    }
}

/// The file was fine on its own, so a value from the environment is at fault: name the
/// variable that breaks it when applied alone (or every variable set, if none does alone).
fn env_error(
    file_table: &toml::Table,
    vars: &[(String, String)],
    error: &toml::de::Error,
) -> ConfigError {
    let ours: Vec<&(String, String)> = vars
        .iter()
        .filter(|(n, _)| n.starts_with(ENV_PREFIX))
        .collect();
    let breaks = |var: &(String, String)| {
        let mut table = file_table.clone();
        apply_env(&mut table, std::slice::from_ref(var)).is_err()
            || toml::from_str::<Config>(&toml::to_string(&table).unwrap_or_default()).is_err()
    };
    let name = match ours.iter().find(|var| breaks(var)) {
        Some((name, _)) => name.clone(),
        None => ours
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    };
    ConfigError::Env {
        name,
        message: error.message().trim().to_owned(),
    }
}

/// `database.url` with any password replaced, for printing and logs.
/// Works on text, not a parsed URL, so a malformed URL in an error message is redacted too.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let Some((userinfo, host)) = authority.rsplit_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:[redacted]@{host}{path}"),
        None => url.to_owned(),
    }
}

fn read(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_owned(),
        source,
    })
}

fn file_error(path: &Path, text: &str, error: &toml::de::Error) -> ConfigError {
    let line = error
        .span()
        .map(|span| format!(":{}", crate::domain::library::line_of(text, span.start)))
        .unwrap_or_default();
    let mut message = error.message().to_owned();
    if let Some((old, new)) = MOVED
        .iter()
        .find(|(old, _)| message.contains(&format!("unknown field `{old}`")))
    {
        message.push_str(&format!(" (`{old}` is now `{new}`)"));
    }
    ConfigError::File {
        path: path.to_owned(),
        line,
        message,
    }
}

/// Settings that moved to another name, so an older file's error says where they went.
const MOVED: &[(&str, &str)] = &[
    ("note_retention_days", "retention.checkin_note_days"),
    ("score_retention_days", "retention.checkin_score_days"),
];

/// The settings as a TOML table with every key present (the token as an empty string), which
/// also serves as the list of keys the environment may set.
fn defaults_table_from(config: &Config) -> toml::Table {
    #[derive(Serialize)]
    struct View<'a> {
        database: &'a DatabaseConfig,
        discord: DiscordView<'a>,
        prompts: &'a PromptsConfig,
        delivery: &'a DeliveryConfig,
        wellbeing: &'a WellbeingConfig,
        retention: &'a RetentionConfig,
        cases: &'a CasesConfig,
        calendar: &'a CalendarConfig,
        security: &'a SecurityConfig,
        logging: &'a LoggingConfig,
    }
    #[derive(Serialize)]
    struct DiscordView<'a> {
        token: &'a str,
        api_base: &'a str,
        guild_ids: &'a [u64],
        http_timeout_secs: u64,
    }
    let view = View {
        database: &config.database,
        discord: DiscordView {
            token: "",
            api_base: &config.discord.api_base,
            guild_ids: &config.discord.guild_ids,
            http_timeout_secs: config.discord.http_timeout_secs,
        },
        prompts: &config.prompts,
        delivery: &config.delivery,
        wellbeing: &config.wellbeing,
        retention: &config.retention,
        cases: &config.cases,
        calendar: &config.calendar,
        security: &config.security,
        logging: &config.logging,
    };
    toml::Table::try_from(view).expect("settings always serialise")
}

/// Applies `MINDLINES_*` variables on top of `table`, typed by the default of the same key.
fn apply_env(table: &mut toml::Table, vars: &[(String, String)]) -> Result<(), ConfigError> {
    let defaults = defaults_table_from(&Config::default());
    for (name, raw) in vars {
        let Some(rest) = name.strip_prefix(ENV_PREFIX) else {
            continue;
        };
        let (section, key, default) =
            find_key(&defaults, rest).ok_or_else(|| ConfigError::Env {
                name: name.clone(),
                message: format!(
                    "unknown setting (known: {})",
                    env_names(&defaults).join(", ")
                ),
            })?;
        let value = if TEXT_LISTS.contains(&(section, key)) {
            Ok(text_list(raw))
        } else {
            typed_like(default, raw)
        };
        let value = value.map_err(|message| ConfigError::Env {
            name: name.clone(),
            message,
        })?;
        let entry = table
            .entry(section.to_owned())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if let toml::Value::Table(section_table) = entry {
            section_table.insert(key.to_owned(), value);
        }
    }
    Ok(())
}

fn find_key<'a>(
    defaults: &'a toml::Table,
    env_rest: &str,
) -> Option<(&'a str, &'a str, &'a toml::Value)> {
    defaults.iter().find_map(|(section, value)| {
        let toml::Value::Table(keys) = value else {
            return None;
        };
        keys.iter()
            .find(|(key, _)| format!("{section}_{key}").to_uppercase() == env_rest)
            .map(|(key, default)| (section.as_str(), key.as_str(), default))
    })
}

fn env_names(defaults: &toml::Table) -> Vec<String> {
    let mut names = Vec::new();
    for (section, value) in defaults {
        if let toml::Value::Table(keys) = value {
            for key in keys.keys() {
                names.push(format!(
                    "{ENV_PREFIX}{}",
                    format!("{section}_{key}").to_uppercase()
                ));
            }
        }
    }
    names
}

fn text_list(raw: &str) -> toml::Value {
    toml::Value::Array(
        raw.split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| toml::Value::String(part.to_owned()))
            .collect(),
    )
}

fn typed_like(default: &toml::Value, raw: &str) -> Result<toml::Value, String> {
    match default {
        toml::Value::Integer(_) => raw
            .trim()
            .parse::<i64>()
            .map(toml::Value::Integer)
            .map_err(|_| format!("'{raw}' is not a whole number")),
        toml::Value::Boolean(_) => raw
            .trim()
            .parse::<bool>()
            .map(toml::Value::Boolean)
            .map_err(|_| format!("'{raw}' is not true or false")),
        toml::Value::Array(_) => raw
            .split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| {
                part.parse::<i64>()
                    .map(toml::Value::Integer)
                    .map_err(|_| format!("'{part}' is not a whole number"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(toml::Value::Array),
        _ => Ok(toml::Value::String(raw.to_owned())),
    }
}

#[cfg(test)]
mod tests;
