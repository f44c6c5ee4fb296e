//! `mindlines member …`: one member's data and place on the programme, for the admin
//! answering a data request or recording that someone left.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Subcommand;

use crate::app::mydata::{gather_member_data, member_data_files, record_export};
use crate::app::roster::set_left;
use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::domain::member::DiscordId;
use crate::store;

#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// Write everything mindlines holds about the member (what /mydata export sends them) as
    /// JSON and Markdown files into DIR, and record the export in the audit log.
    Export {
        /// The member's Discord user id.
        #[arg(long)]
        member: String,
        /// The folder to write the two files in (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Record that the member left the programme: mindlines stops sending them anything, and
    /// their evidence is deleted `retention.leavers_evidence_months` later.
    Leave {
        /// The member's Discord user id.
        #[arg(long)]
        member: String,
    },
    /// Put a member who left back on the programme (their evidence is kept again).
    Rejoin {
        /// The member's Discord user id.
        #[arg(long)]
        member: String,
    },
    /// Erase everything mindlines holds about a member, for a data request: their entries,
    /// check-ins, schedule, queued messages, DMs kept, roster place and data key, in one
    /// transaction. Keeps a ledger line (id and time) that restores re-apply, and their audit
    /// entries with the id replaced by it. Cannot be undone.
    Erase {
        /// The member's Discord user id.
        #[arg(long)]
        member: String,
        /// Confirm: without it nothing is erased.
        #[arg(long)]
        yes: bool,
    },
}

/// Writes everything held about the member into `out` (created if missing) as JSON and
/// Markdown, and audits the export.
pub async fn export(config: &Config, member: &str, out: &Path) -> anyhow::Result<ExitCode> {
    let id: DiscordId = member.parse().map_err(anyhow::Error::msg)?;
    let store =
        store::open_existing(&config.database.url, config.security.master_key_path()).await?;
    let result = async {
        let member = store
            .member(id)
            .await?
            .with_context(|| format!("no member with Discord id {id} on the roster"))?;
        let now = SystemClock.now();
        let data = gather_member_data(&*store, member).await?;
        std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
        for file in member_data_files(&data, now) {
            let path = out.join(&file.name);
            std::fs::write(&path, &file.bytes)
                .with_context(|| format!("writing {}", path.display()))?;
            eprintln!("Wrote {} ({} bytes).", path.display(), file.bytes.len());
        }
        record_export(&*store, &data, None, "cli", now).await?;
        eprintln!("Exported {}.", data.summary());
        anyhow::Ok(ExitCode::SUCCESS)
    }
    .await;
    store.close().await;
    result
}

/// Marks the member as having left (`left`) or as back on the programme.
pub async fn set_status(config: &Config, member: &str, left: bool) -> anyhow::Result<ExitCode> {
    let id: DiscordId = member.parse().map_err(anyhow::Error::msg)?;
    let store =
        store::open_existing(&config.database.url, config.security.master_key_path()).await?;
    let outcome = set_left(&*store, &SystemClock, id, left).await;
    store.close().await;
    match outcome? {
        Some(text) => {
            println!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        None => {
            eprintln!("No member with Discord id {id} on the roster.");
            Ok(ExitCode::FAILURE)
        }
    }
}
