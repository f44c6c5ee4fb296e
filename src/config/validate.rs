//! Checks of values that parse but cannot work, each reported with the setting's name and
//! where it was set: run by `Config::load`, so `config check` and every start-up say the same.

use super::{Config, DISCORD_API_BASE, redact_url};

/// One setting that cannot work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{setting} (set by {origin}): {message}")]
pub struct InvalidSetting {
    pub setting: &'static str,
    pub origin: String,
    pub message: String,
}

impl Config {
    /// Every setting that cannot work, in file order.
    pub fn problems(&self) -> Vec<InvalidSetting> {
        let mut problems = Vec::new();
        let mut bad = |setting: &'static str, message: String| {
            let (section, key) = setting.split_once('.').unwrap_or((setting, ""));
            problems.push(InvalidSetting {
                setting,
                origin: self.origins.of(section, key),
                message,
            });
        };
        if let Err(message) = check_database_url(&self.database.url) {
            bad("database.url", message);
        }
        if let Err(message) = check_api_base(&self.discord.api_base) {
            bad("discord.api_base", message);
        }
        if self.discord.http_timeout_secs == 0 {
            bad(
                "discord.http_timeout_secs",
                "must be at least 1 second".into(),
            );
        }
        let rate = self.delivery.rate_per_second;
        if rate == 0 || rate > 50 {
            bad(
                "delivery.rate_per_second",
                format!(
                    "{rate} is not usable: give 1 to 50 (Discord allows 50 requests per second in all)"
                ),
            );
        }
        if let Err(message) = check_place_names(&self.cases.place_names) {
            bad("cases.place_names", message);
        }
        problems
    }
}

/// Place names must each be long enough to mean one place: a name of one or two letters would
/// remove ordinary messages.
fn check_place_names(names: &[String]) -> Result<(), String> {
    for (index, name) in names.iter().enumerate() {
        let letters = name.chars().filter(|c| c.is_alphanumeric()).count();
        if letters < 3 {
            return Err(format!(
                "entry {} ('{}') is too short: give a place's name of at least 3 letters",
                index + 1,
                name.trim()
            ));
        }
    }
    crate::domain::pii::Scanner::new(names)
        .map(drop)
        .map_err(|e| e.to_string())
}

fn check_database_url(url: &str) -> Result<(), String> {
    let url = url.trim();
    if url.is_empty() {
        return Err("is empty: give a SQLite file (sqlite://mindlines.db) or postgres://user:password@host/db".into());
    }
    match url.split_once("://") {
        None => Ok(()), // a plain file path
        Some(("sqlite", rest)) if !rest.trim().is_empty() => Ok(()),
        Some(("postgres" | "postgresql", _)) => match url::Url::parse(url) {
            Ok(parsed) if parsed.host_str().is_some_and(|h| !h.is_empty()) => Ok(()),
            _ => Err(format!(
                "'{}' is not a PostgreSQL URL: expected postgres://user:password@host/db",
                redact_url(url)
            )),
        },
        Some((scheme, _)) => Err(format!(
            "unsupported scheme '{scheme}': give sqlite://FILE or postgres://…"
        )),
    }
}

fn check_api_base(base: &str) -> Result<(), String> {
    let base = base.trim().trim_end_matches('/');
    if base == DISCORD_API_BASE {
        return Ok(());
    }
    let parsed = url::Url::parse(base)
        .map_err(|e| format!("'{base}' is not a URL ({e}); leave it as {DISCORD_API_BASE}"))?;
    let loopback = match parsed.host() {
        Some(url::Host::Domain(host)) => host == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    if !loopback || !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!(
            "'{base}' is neither {DISCORD_API_BASE} nor a local workspace on this machine (http://127.0.0.1:PORT)"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_that_cannot_work_are_named() {
        for good in ["sqlite://mindlines.db", "data/m.db", "postgres://u:p@db/x"] {
            assert_eq!(check_database_url(good), Ok(()), "{good}");
        }
        for bad in ["", "  ", "sqlite://", "mysql://x", "postgres://"] {
            assert!(check_database_url(bad).is_err(), "{bad}");
        }
        let message = check_database_url("postgres://u:hunter2@/x").unwrap_err();
        assert!(!message.contains("hunter2"), "{message}");
    }

    #[test]
    fn place_names_must_each_name_a_place() {
        let names = |list: &[&str]| list.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert_eq!(check_place_names(&[]), Ok(()));
        assert_eq!(
            check_place_names(&names(&["Oak Ward", "St Mary's"])),
            Ok(())
        );
        let message = check_place_names(&names(&["Oak Ward", " A "])).unwrap_err();
        assert!(message.contains("entry 2 ('A')"), "{message}");
        assert!(check_place_names(&names(&[""])).is_err());
    }

    #[test]
    fn the_api_base_is_discord_or_a_local_workspace() {
        for good in [
            DISCORD_API_BASE,
            "https://discord.com/",
            "http://127.0.0.1:9000",
            "http://localhost:3000",
            "http://[::1]:8080",
        ] {
            assert_eq!(check_api_base(good), Ok(()), "{good}");
        }
        for bad in [
            "not a url",
            "http://10.0.0.5:80",
            "https://example.com",
            "ftp://127.0.0.1",
        ] {
            assert!(check_api_base(bad).is_err(), "{bad}");
        }
    }
}
