//! `mindlines export`: a member's evidence from the command line, for the admin answering a
//! data request or a trainee's own backup.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::app::portfolio::export_for;
use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::domain::export::ExportFormat;
use crate::domain::member::DiscordId;
use crate::store;

pub async fn export(
    config: &Config,
    member: &str,
    format: &str,
    out: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let id: DiscordId = member.parse().map_err(anyhow::Error::msg)?;
    let format = match format {
        "md" | "markdown" => ExportFormat::Markdown,
        "csv" => ExportFormat::Csv,
        "json" => ExportFormat::Json,
        other => anyhow::bail!("unknown format '{other}' (use md, csv or json)"),
    };
    let store =
        store::open_existing(&config.database.url, config.security.master_key_path()).await?;
    let member = store
        .member(id)
        .await?
        .with_context(|| format!("no member with Discord id {id} on the roster"))?;
    let files = export_for(&*store, &member, Some(format), SystemClock.now()).await?;
    store.close().await;
    let file = files
        .into_iter()
        .next()
        .context("the export produced no file")?;
    match out {
        Some(path) => {
            std::fs::write(path, &file.bytes)
                .with_context(|| format!("writing {}", path.display()))?;
            eprintln!("Wrote {} ({} bytes).", path.display(), file.bytes.len());
        }
        None => return super::print_out(&file.bytes),
    }
    Ok(ExitCode::SUCCESS)
}
