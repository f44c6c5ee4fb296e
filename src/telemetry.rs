//! Tracing to stderr. The level comes from `RUST_LOG` (default `info`); the format from the
//! `logging.format` setting. Nothing logged may contain a token, reflection text, a wellbeing
//! note or flagged case text: log ids and counts, never content.

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// Installs the global subscriber with `default_level` unless `RUST_LOG` says otherwise. Safe
/// to call more than once (later calls do nothing).
pub fn init(format: LogFormat, default_level: &str) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_level));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}
