use std::path::Path;

use super::*;

fn load(file: Option<&str>, vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let vars: Vec<(String, String)> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::from_sources(Path::new("mindlines.toml"), file, &vars)
}

#[test]
fn defaults_need_no_file() {
    let config = load(None, &[]).unwrap();
    assert_eq!(config.database.url, "sqlite://mindlines.db");
    assert_eq!(config.discord.api_base, DISCORD_API_BASE);
    assert!(config.discord_token().is_none());
    assert!(!config.uses_local_workspace());
}

#[test]
fn the_file_overrides_defaults_and_the_environment_overrides_the_file() {
    let file = "[database]\nurl = \"postgres://x\"\n[delivery]\nrate_per_second = 5\n";
    let config = load(
        Some(file),
        &[
            ("MINDLINES_DELIVERY_RATE_PER_SECOND", "7"),
            ("PATH", "/bin"),
        ],
    )
    .unwrap();
    assert_eq!(config.database.url, "postgres://x");
    assert_eq!(config.delivery.rate_per_second, 7);
}

#[test]
fn an_unknown_key_in_the_file_is_named_with_its_line() {
    let file = "[database]\nurl = \"sqlite://a.db\"\n\n[discord]\ntokn = \"x\"\n";
    let message = load(Some(file), &[]).unwrap_err().to_string();
    assert!(message.contains("mindlines.toml:5"), "{message}");
    assert!(message.contains("tokn"), "{message}");
}

#[test]
fn an_unknown_environment_variable_is_named() {
    let message = load(None, &[("MINDLINES_DATABASE_URI", "x")])
        .unwrap_err()
        .to_string();
    assert!(message.contains("MINDLINES_DATABASE_URI"), "{message}");
    assert!(message.contains("MINDLINES_DATABASE_URL"), "{message}");
}

#[test]
fn environment_values_are_typed() {
    let err = load(None, &[("MINDLINES_DISCORD_HTTP_TIMEOUT_SECS", "soon")]).unwrap_err();
    assert!(err.to_string().contains("not a whole number"));
    let config = load(None, &[("MINDLINES_DISCORD_GUILD_IDS", "1, 2")]).unwrap();
    assert_eq!(config.discord.guild_ids, vec![1, 2]);
}

#[test]
fn the_token_never_prints() {
    let canary = "canary-token-abc123";
    let config = load(None, &[("MINDLINES_DISCORD_TOKEN", canary)]).unwrap();
    assert_eq!(config.discord_token(), Some(canary));
    assert!(!config.redacted().contains(canary));
    assert!(config.redacted().contains("[redacted]"));
    assert!(!format!("{config:?}").contains(canary));
}

#[test]
fn the_shipped_example_is_valid_and_matches_the_defaults() {
    let example = include_str!("../../deploy/mindlines.example.toml");
    let config = load(Some(example), &[]).unwrap();
    assert_eq!(config.redacted(), Config::default().redacted());
}

#[test]
fn the_database_password_never_prints() {
    let config = load(
        Some("[database]\nurl = \"postgres://u:hunter2@db/x\"\n"),
        &[],
    )
    .unwrap();
    let shown = config.redacted();
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("postgres://u:[redacted]@db/x"), "{shown}");
    assert_eq!(redact_url("sqlite://mindlines.db"), "sqlite://mindlines.db");
}

#[test]
fn a_bad_environment_value_blames_its_variable_not_the_file() {
    let file = "[delivery]\nrate_per_second = 5\n";
    let message = load(
        Some(file),
        &[
            ("MINDLINES_LOGGING_FORMAT", "yaml"),
            ("MINDLINES_DELIVERY_MAX_LATENESS_HOURS", "3"),
        ],
    )
    .unwrap_err()
    .to_string();
    assert!(message.contains("MINDLINES_LOGGING_FORMAT"), "{message}");
    assert!(!message.contains("mindlines.toml"), "{message}");
    assert!(!message.contains("MAX_LATENESS"), "{message}");
}

#[test]
fn settings_that_cannot_work_are_named_with_where_they_were_set() {
    let file = "[database]\nurl = \"\"\n\n[delivery]\nrate_per_second = 0\n";
    let message = load(Some(file), &[("MINDLINES_DISCORD_API_BASE", "not a url")])
        .unwrap_err()
        .to_string();
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 3, "each problem once: {message}");
    assert!(
        lines[0].starts_with("database.url (set by mindlines.toml:2)"),
        "{message}"
    );
    assert!(
        lines[1].starts_with(
            "discord.api_base (set by environment variable MINDLINES_DISCORD_API_BASE)"
        ),
        "{message}"
    );
    assert!(
        lines[2].starts_with("delivery.rate_per_second (set by mindlines.toml:5)"),
        "{message}"
    );
}

#[test]
fn place_names_come_from_the_file_or_a_comma_separated_variable() {
    let file = "[cases]\nplace_names = [\"Oak Ward\", \"St Mary's\"]\n";
    let config = load(Some(file), &[]).unwrap();
    assert_eq!(config.cases.place_names, ["Oak Ward", "St Mary's"]);
    let config = load(
        Some(file),
        &[("MINDLINES_CASES_PLACE_NAMES", "Little Snoring, Ward 7 ,")],
    )
    .unwrap();
    assert_eq!(config.cases.place_names, ["Little Snoring", "Ward 7"]);
    let message = load(Some("[cases]\nplace_names = [\"x\"]\n"), &[])
        .unwrap_err()
        .to_string();
    assert!(message.contains("cases.place_names"), "{message}");
}

#[test]
fn a_moved_setting_names_its_line_and_its_new_name() {
    let file = "[wellbeing]\nnote_retention_days = 30\n";
    let message = load(Some(file), &[]).unwrap_err().to_string();
    assert!(message.contains("mindlines.toml:2"), "{message}");
    assert!(message.contains("retention.checkin_note_days"), "{message}");
}
