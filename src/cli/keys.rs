//! `mindlines keys`: the master key that wraps every member's data key.
//!
//! Rotation re-wraps the data keys in one transaction and never re-encrypts text, so it takes
//! a moment however much has been written. It keeps the old key file (renamed), because a
//! backup taken before the rotation still needs the key it was taken under.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Subcommand;

use crate::config::Config;
use crate::store::sealing::default_key_path;
use crate::store::{self, MasterKey};

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Write a new random master key to FILE (mode 0600; an existing file is never replaced),
    /// e.g. for security.master_key_file with PostgreSQL.
    Generate {
        /// Where to write the key.
        file: PathBuf,
    },
    /// Write every member's data key, wrapped by the master key, to FILE, replacing it (mode
    /// 0600). Backups hold no data keys: keep this one file with the master key, not with the
    /// backups, never keep old copies, and export again after each erasure and each rotation.
    Export {
        /// The key file to replace.
        file: PathBuf,
    },
    /// Give the database the data keys in FILE (from `keys export`) that it lacks, never an
    /// erased member's: after restoring a PostgreSQL dump taken without them, or a SQLite
    /// backup by hand.
    Import {
        /// The key file.
        file: PathBuf,
    },
    /// Re-wrap every member's data key under a new master key, in one transaction; the text
    /// itself is not re-encrypted. Without --new-key-file, the key file in use is replaced and
    /// the old one kept beside it as `<file>.retired-<id>` for key files exported before (export
    /// the keys again after rotating; backups hold no keys and need no old master key).
    Rotate {
        /// Use this key file (created if missing) and leave the current one in place; then
        /// point security.master_key_file at it.
        #[arg(long, value_name = "FILE")]
        new_key_file: Option<PathBuf>,
    },
}

/// `mindlines keys generate FILE`.
pub fn generate(file: &Path) -> anyhow::Result<ExitCode> {
    let key = MasterKey::generate();
    key.write_new(file)?;
    println!(
        "Wrote a new master key ({}) to {} (readable by its owner only). Point \
         security.master_key_file at it before the bot's first start.",
        key.id(),
        file.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The key file in use: the configured one, else the embedded default's beside the SQLite file.
fn current_key_file(config: &Config) -> anyhow::Result<PathBuf> {
    if let Some(path) = config.security.master_key_path() {
        return Ok(path.to_owned());
    }
    let database = store::sqlite_file(&config.database.url).context(
        "security.master_key_file is not set, and only a SQLite database keeps its key beside it",
    )?;
    Ok(default_key_path(&database))
}

/// `mindlines keys rotate [--new-key-file FILE]`.
pub async fn rotate(config: &Config, new_key_file: Option<&Path>) -> anyhow::Result<ExitCode> {
    let current = current_key_file(config)?;
    let store = store::open_existing(&config.database.url, Some(&current)).await?;
    let old_id = store.master_key_id();
    // The new key is on disk before the database depends on it, so a crash in between
    // leaves a key file that opens the database, whichever state it is in.
    let (new, new_path) = match new_key_file {
        Some(path) if path.exists() => (MasterKey::load(path)?, path.to_owned()),
        Some(path) => {
            let key = MasterKey::generate();
            key.write_new(path)?;
            (key, path.to_owned())
        }
        None => {
            let mut staged = current.clone().into_os_string();
            staged.push(".new");
            let staged = PathBuf::from(staged);
            let key = MasterKey::generate();
            key.write_new(&staged)?;
            (key, staged)
        }
    };
    anyhow::ensure!(new.id() != old_id, "the new key is the key in use");
    let rewrapped = store.rotate_master_key(new.clone()).await?;
    store.close().await;
    println!(
        "Re-wrapped {rewrapped} data keys: master key {old_id} → {}.",
        new.id()
    );
    let mut retired = current.clone().into_os_string();
    retired.push(format!(".retired-{old_id}"));
    let retired = PathBuf::from(retired);
    if new_key_file.is_some() {
        println!(
            "Now set security.master_key_file to {} and restart the bot. The old key file {} \
             still opens key files exported before now (and backups from before mindlines \
             left the keys out of them): run `mindlines keys export` again, and destroy the \
             old key once nothing needs it.",
            new_path.display(),
            current.display()
        );
    } else {
        std::fs::rename(&current, &retired)
            .with_context(|| format!("keeping the old key as {}", retired.display()))?;
        std::fs::rename(&new_path, &current)
            .with_context(|| format!("moving the new key to {}", current.display()))?;
        println!(
            "The new key is now {}. The old one is kept as {}: it still opens key files \
             exported before now (and backups from before mindlines left the keys out of \
             them): run `mindlines keys export` again, and destroy the old key once nothing \
             needs it.",
            current.display(),
            retired.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `mindlines keys export FILE`.
pub async fn export(config: &Config, file: &Path) -> anyhow::Result<ExitCode> {
    let store =
        store::open_existing(&config.database.url, config.security.master_key_path()).await?;
    let keys = store.wrapped_keys().await;
    store.close().await;
    let keys = keys?;
    crate::app::backup::write_key_file(file, &keys)?;
    println!(
        "Wrote {} data keys, wrapped by master key {}, to {} (readable by its owner only; \
         erased members' keys are not in it). Keep it with the master key, never beside the \
         backups, and keep no older copies: an erased member's text in old backups stays \
         unreadable only while no copy of their key survives.",
        keys.len(),
        keys.first()
            .map_or("(none yet)", |k| k.master_key_id.as_str()),
        file.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `mindlines keys import FILE`.
pub async fn import(config: &Config, file: &Path) -> anyhow::Result<ExitCode> {
    let keys = crate::app::backup::read_key_file(file)?;
    let store =
        store::open_existing(&config.database.url, config.security.master_key_path()).await?;
    let added = store.add_wrapped_keys(&keys).await;
    store.close().await;
    let added = added.with_context(|| format!("no key was imported from {}", file.display()))?;
    println!(
        "Added {added} of the {} data keys in {} (the others were already there, or belong to \
         members who were erased).",
        keys.len(),
        file.display()
    );
    Ok(ExitCode::SUCCESS)
}
