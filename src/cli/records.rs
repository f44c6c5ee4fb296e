//! `mindlines audit`, `member erase`, `erasures`, `backup` and `restore`: the admin's side of
//! data rights. Erasure and the ledger are explained in `store::erasure`, the chain in
//! `store::audit`, backup and restore in `app::backup`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Subcommand;

use crate::app::backup::{read_key_file, read_ledger_file, restore_sqlite, write_ledger_file};
use crate::app::erasure::erase_member;
use crate::clock::{Clock as _, SystemClock};
use crate::config::Config;
use crate::domain::member::DiscordId;
use crate::store::{self, ChainReport};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the audit log's hash chain: print "N entries, chain intact, last hash H" (note the
    /// hash: a later run that does not reach it means entries were cut off), or the first
    /// entry whose link does not hold (exit code 1).
    Verify,
}

#[derive(Debug, Subcommand)]
pub enum ErasuresCommand {
    /// Write the erasure ledger (ids and times of erased members) to a new file, 0600; keep it
    /// beside PostgreSQL dumps.
    Save {
        /// The file to create.
        file: PathBuf,
    },
    /// Re-apply a saved ledger to the database, as after pg_restore: whatever it holds about
    /// each member listed is erased again.
    Apply {
        /// A file written by `mindlines erasures save`.
        file: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// The file to create (it must not exist).
    pub file: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// A file written by `mindlines backup`.
    pub file: PathBuf,
    /// Also re-apply this ledger (from `mindlines erasures save`); needed when the current
    /// database cannot be opened.
    #[arg(long, value_name = "FILE")]
    pub ledger: Option<PathBuf>,
    /// Take the members' data keys from this key file (from `mindlines keys export`); needed
    /// when the current database is lost, as a backup holds no keys.
    #[arg(long, value_name = "FILE")]
    pub keys: Option<PathBuf>,
}

/// `mindlines erasures save|apply FILE`.
pub async fn erasures(config: &Config, command: ErasuresCommand) -> anyhow::Result<ExitCode> {
    match command {
        ErasuresCommand::Save { file } => save_ledger(config, &file).await,
        ErasuresCommand::Apply { file } => apply_ledger(config, &file).await,
    }
}

async fn open(config: &Config) -> anyhow::Result<std::sync::Arc<dyn store::Store>> {
    Ok(store::open_existing(&config.database.url, config.security.master_key_path()).await?)
}

/// `mindlines audit verify`.
pub async fn verify_audit(config: &Config) -> anyhow::Result<ExitCode> {
    let store = open(config).await?;
    let report = store.verify_audit_chain().await;
    store.close().await;
    let report = report?;
    println!("{report}");
    Ok(match report {
        ChainReport::Intact { .. } => ExitCode::SUCCESS,
        ChainReport::Broken { .. } => ExitCode::FAILURE,
    })
}

/// `mindlines member erase --member ID --yes`.
pub async fn erase(config: &Config, member: &str, yes: bool) -> anyhow::Result<ExitCode> {
    let member: DiscordId = member.parse().map_err(anyhow::Error::msg)?;
    if !yes {
        eprintln!(
            "This erases everything mindlines holds about member {member}, for good. Nothing \
             was erased: run again with --yes to do it."
        );
        return Ok(ExitCode::FAILURE);
    }
    let store = open(config).await?;
    let erased = erase_member(&*store, member, None, SystemClock.now()).await;
    store.close().await;
    let erased = erased?;
    println!(
        "Erased member {member}: their rows and data key are gone. The ledger records the \
         erasure at {}; `mindlines restore` re-applies it. If other bot processes share this \
         database, restart them so they drop the key from memory.",
        erased.erased_at.to_rfc3339()
    );
    Ok(ExitCode::SUCCESS)
}

/// `mindlines erasures save FILE`.
async fn save_ledger(config: &Config, file: &Path) -> anyhow::Result<ExitCode> {
    let store = open(config).await?;
    let ledger = store.erasures().await;
    store.close().await;
    let ledger = ledger?;
    write_ledger_file(file, &ledger)?;
    println!("Wrote {} ledger lines to {}.", ledger.len(), file.display());
    Ok(ExitCode::SUCCESS)
}

/// `mindlines erasures apply FILE`.
async fn apply_ledger(config: &Config, file: &Path) -> anyhow::Result<ExitCode> {
    let ledger = read_ledger_file(file)?;
    let store = open(config).await?;
    let erased = store.apply_erasures(&ledger, SystemClock.now()).await;
    store.close().await;
    println!(
        "Applied {} ledger lines: {} members still had data, now erased.",
        ledger.len(),
        erased?
    );
    Ok(ExitCode::SUCCESS)
}

/// `mindlines backup FILE`.
pub async fn backup(config: &Config, file: &Path) -> anyhow::Result<ExitCode> {
    let store = open(config).await?;
    let written = store.backup_to(file).await;
    store.close().await;
    written?;
    println!(
        "Wrote a backup to {} (readable by you only). The master key is not in it: keep the \
         key file safe and apart from the backup; without it the backup's text cannot be read.",
        file.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `mindlines restore FILE [--ledger FILE]`.
pub async fn restore(
    config: &Config,
    file: &Path,
    ledger: Option<&Path>,
    keys: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let extra = ledger
        .map(read_ledger_file)
        .transpose()?
        .unwrap_or_default();
    let extra_keys = keys.map(read_key_file).transpose()?.unwrap_or_default();
    let url = &config.database.url;
    let key = config.security.master_key_path();
    let report = restore_sqlite(url, key, file, extra, extra_keys, SystemClock.now())
        .await
        .with_context(|| format!("nothing was restored from {}", file.display()))?;
    println!(
        "Restored {} and re-applied {} erasure ledger lines ({} members it still held were \
         erased again); gave it {} data keys (never an erased member's).",
        file.display(),
        report.ledger_lines,
        report.erased_again,
        report.keys_added
    );
    Ok(ExitCode::SUCCESS)
}
