//! Where a setting came from, so an error can send the admin to the right place: the
//! environment variable that set it, the line of the file, or the built-in default.

use std::path::{Path, PathBuf};

use super::ENV_PREFIX;

/// The sources a configuration was loaded from.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    file: Option<(PathBuf, String)>,
    env_names: Vec<String>,
}

impl Origins {
    pub(super) fn new(
        file_path: &Path,
        file_text: Option<&str>,
        vars: &[(String, String)],
    ) -> Origins {
        Origins {
            file: file_text.map(|text| (file_path.to_owned(), text.to_owned())),
            env_names: vars
                .iter()
                .map(|(name, _)| name.clone())
                .filter(|name| name.starts_with(ENV_PREFIX))
                .collect(),
        }
    }

    /// Where `section.key` was set: `environment variable MINDLINES_…`, `mindlines.toml:7`, or
    /// `the default`.
    pub fn of(&self, section: &str, key: &str) -> String {
        let env = format!("{ENV_PREFIX}{}", format!("{section}_{key}").to_uppercase());
        if self.env_names.contains(&env) {
            return format!("environment variable {env}");
        }
        if let Some((path, text)) = &self.file
            && let Some(line) = line_of_key(text, section, key)
        {
            return format!("{}:{line}", path.display());
        }
        "the default".to_owned()
    }
}

/// The 1-based line of `key = …` inside `[section]`, if the file sets it there.
fn line_of_key(text: &str, section: &str, key: &str) -> Option<usize> {
    let mut current = String::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = header.trim().to_owned();
            continue;
        }
        let Some((name, _)) = line.split_once('=') else {
            continue;
        };
        if current == section && name.trim().trim_matches('"') == key {
            return Some(index + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_wins_then_the_file_line_then_the_default() {
        let file = "[database]\nurl = \"x\"\n\n[delivery]\nrate_per_second = 0\n";
        let vars = vec![("MINDLINES_LOGGING_FORMAT".to_owned(), "yaml".to_owned())];
        let origins = Origins::new(Path::new("m.toml"), Some(file), &vars);
        assert_eq!(
            origins.of("logging", "format"),
            "environment variable MINDLINES_LOGGING_FORMAT"
        );
        assert_eq!(origins.of("delivery", "rate_per_second"), "m.toml:5");
        assert_eq!(origins.of("database", "url"), "m.toml:2");
        assert_eq!(origins.of("discord", "api_base"), "the default");
    }
}
