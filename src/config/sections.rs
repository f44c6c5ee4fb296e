//! The sections of the settings file, each with its defaults.

use std::path::PathBuf;

use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use super::DISCORD_API_BASE;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    /// `sqlite://mindlines.db` (the default, created if missing) or `postgres://…`.
    pub url: String,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        DatabaseConfig {
            url: "sqlite://mindlines.db".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DiscordConfig {
    /// The bot token from the Discord developer portal. Never printed.
    pub token: Option<SecretString>,
    pub api_base: String,
    /// Guilds to register slash commands in (instant); empty registers them globally.
    pub guild_ids: Vec<u64>,
    /// Seconds before any Discord HTTP call is abandoned.
    pub http_timeout_secs: u64,
}

impl DiscordConfig {
    /// Whether the bot points at a local Discord-compatible workspace rather than Discord.
    pub fn uses_local_workspace(&self) -> bool {
        self.api_base.trim_end_matches('/') != DISCORD_API_BASE
    }
}

impl Default for DiscordConfig {
    fn default() -> Self {
        DiscordConfig {
            token: None,
            api_base: DISCORD_API_BASE.into(),
            guild_ids: Vec::new(),
            http_timeout_secs: 10,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PromptsConfig {
    /// A prompt library folder replacing the one built into the binary; empty = built in.
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeliveryConfig {
    /// Outgoing prompts per second; Discord allows 50 requests per second in all.
    pub rate_per_second: u32,
    /// After downtime, a missed prompt older than this is dropped rather than sent late.
    pub max_lateness_hours: u32,
    /// Hours before the single reminder for an unanswered prompt; 0 turns reminders off.
    pub reminder_after_hours: u32,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        DeliveryConfig {
            rate_per_second: 20,
            max_lateness_hours: 24,
            reminder_after_hours: 48,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LoggingConfig {
    /// `text` for people, `json` for log collectors. The level comes from `RUST_LOG`.
    pub format: LogFormat,
}

impl Default for LoggingConfig {
    fn default() -> Self {
        LoggingConfig {
            format: LogFormat::Text,
        }
    }
}

/// Local contacts for the wellbeing signposting (`prompts/wellbeing.toml` leaves them empty).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WellbeingConfig {
    /// How trainees reach their supervisor, e.g. "your named clinical supervisor, via the rota".
    pub supervisor_contact: String,
    /// The programme's wellbeing lead, e.g. "Dr A. Smith, wellbeing@example.nhs.uk".
    pub wellbeing_lead_contact: String,
}

/// How long each kind of data is kept before the retention job deletes it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetentionConfig {
    /// Days a direct message's text may wait unprocessed before it is dropped (the safety net:
    /// processed text goes at once).
    pub inbox_unprocessed_days: u32,
    /// Days a check-in note is kept.
    pub checkin_note_days: u32,
    /// Days a check-in score is kept.
    pub checkin_score_days: u32,
    /// Months after a member leaves the roster before their evidence is deleted.
    pub leavers_evidence_months: u32,
}

impl Default for RetentionConfig {
    fn default() -> Self {
        RetentionConfig {
            inbox_unprocessed_days: 7,
            checkin_note_days: 90,
            checkin_score_days: 365,
            leavers_evidence_months: 6,
        }
    }
}

/// Case discussions.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CasesConfig {
    /// Local place names the anonymisation guard treats as identifying (wards, hospitals,
    /// practices, villages), matched ignoring case on word boundaries.
    pub place_names: Vec<String>,
}

/// Bank holidays: the shipped UK lists for 2026–2030, or a file in the same format.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CalendarConfig {
    /// A bank-holiday file replacing the shipped `calendar/bank-holidays.toml`; empty = shipped.
    pub bank_holidays_file: String,
}

/// Encryption at rest.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SecurityConfig {
    /// The file holding the master key that wraps every member's data key (a systemd
    /// credential or a Docker secret suits it). Empty = on SQLite, `<database file>.key`
    /// beside the database, created on first start; PostgreSQL requires it.
    pub master_key_file: String,
}

impl SecurityConfig {
    /// The configured key file, if one is set.
    pub fn master_key_path(&self) -> Option<&std::path::Path> {
        (!self.master_key_file.trim().is_empty())
            .then(|| std::path::Path::new(&self.master_key_file))
    }
}
