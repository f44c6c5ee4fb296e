//! The one composition root: an [`App`] built from [`Config`], used by `run`, `demo`,
//! `sandbox`, `bench` and the tests alike, so the demo runs exactly what production runs.
//!
//! Only the clock differs between them (the system clock in production, a simulated one in the
//! testbed), and the Discord token. Settings structs stop here: `app` gets the library, the
//! calendar, the store, the notifier and its delivery settings, never `&Config`.

use std::sync::Arc;

use anyhow::Context as _;

use crate::app::library::{configured_holidays, configured_library};
use crate::app::retention::RetentionSettings;
use crate::app::{App, DeliverySettings};
use crate::clock::Clock;
use crate::config::{Config, redact_url};
use crate::discord::{self, DiscordNotifier};
use crate::store;

/// Loads the configured prompt library and calendar, opens (and migrates) the configured
/// database, and wires the Discord notifier: everything the bot and its jobs run on.
pub async fn build_app(
    config: &Config,
    clock: Arc<dyn Clock>,
    token: &str,
) -> anyhow::Result<Arc<App>> {
    let library = configured_library(config)?;
    let holidays = configured_holidays(config)?;
    let store = store::open(&config.database.url, config.security.master_key_path())
        .await
        .with_context(|| {
            format!(
                "database.url (set by {}): cannot open {}",
                config.origins.of("database", "url"),
                redact_url(&config.database.url)
            )
        })?;
    let http = Arc::new(discord::http::build_http(&config.discord, token)?);
    let mut app = App::new(
        store,
        Arc::new(library),
        clock,
        Arc::new(DiscordNotifier::new(http)),
        DeliverySettings::from(&config.delivery),
    );
    app.holidays = Arc::new(holidays);
    app.retention = RetentionSettings::from(&config.retention);
    // The place names were checked when the settings loaded (`cases.place_names`).
    app.pii = crate::domain::pii::Scanner::new(&config.cases.place_names)
        .map_err(|e| anyhow::anyhow!("cases.place_names: {e}"))?;
    app.case_places = config.cases.place_names.clone();
    Ok(Arc::new(app))
}
