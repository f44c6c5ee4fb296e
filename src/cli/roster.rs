//! `mindlines roster import` and `mindlines roster list`, and `mindlines migrate`.

use std::path::Path;
use std::process::ExitCode;

use crate::app::roster::{RosterImportError, import_roster_file, list_roster};
use crate::clock::SystemClock;
use crate::config::Config;
use crate::store;

pub async fn import(config: &Config, file: &Path) -> anyhow::Result<ExitCode> {
    let store = store::open(&config.database.url, config.security.master_key_path()).await?;
    let outcome = import_roster_file(&*store, &SystemClock, file, None).await;
    store.close().await;
    match outcome {
        Ok(summary) => {
            println!(
                "Imported {}: {} added, {} updated, {} unchanged.",
                file.display(),
                summary.added,
                summary.updated,
                summary.unchanged
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(RosterImportError::Invalid(errors)) => {
            eprintln!("{} — nothing was imported.\n{errors}", file.display());
            Ok(ExitCode::FAILURE)
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn list(config: &Config) -> anyhow::Result<ExitCode> {
    let store =
        store::open_existing(&config.database.url, config.security.master_key_path()).await?;
    let listing = list_roster(&*store).await;
    store.close().await;
    super::print_out(listing?.to_string())
}

/// Opening the store applies any pending migrations; this says so and stops.
pub async fn migrate(config: &Config) -> anyhow::Result<ExitCode> {
    let store = store::open(&config.database.url, config.security.master_key_path()).await?;
    println!("The {} database is up to date.", store.backend());
    store.close().await;
    Ok(ExitCode::SUCCESS)
}
