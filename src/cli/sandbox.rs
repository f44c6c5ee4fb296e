//! `mindlines sandbox`: the local workspace and the real bot, typed at a terminal or scripted.

use std::process::ExitCode;

use crate::cli::SandboxArgs;
use crate::config::Config;
use crate::testbed::files::FileFolder;
use crate::testbed::repl::{LineSource, ReplEnd, ReplOptions, run_repl};
use crate::testbed::{Testbed, TestbedOptions};

/// Starts the testbed and runs the session; exit 1 when `--strict` stopped at a failed line.
pub async fn sandbox(config: &Config, args: &SandboxArgs) -> anyhow::Result<ExitCode> {
    let files = match &args.files {
        Some(dir) => FileFolder::at(dir)?,
        None => FileFolder::fresh()?,
    };
    let input = match &args.script {
        Some(path) => LineSource::file(path).await?,
        None => LineSource::stdin(),
    };
    let mut options = TestbedOptions::demo_with(config.clone());
    // Only a database asked for by name is kept: the configured default (mindlines.db) is
    // for the real bot, and a sandbox story must not leave its cohort in it.
    options.database_url = args.database.clone();
    match &options.database_url {
        Some(url) => println!("Starting a local workspace and the real bot, keeping {url}…"),
        None => println!(
            "Starting a local workspace and the real bot, with a temporary database (removed at the end)…"
        ),
    }
    let testbed = Testbed::start(options).await?;
    let end = run_repl(
        testbed,
        ReplOptions {
            input,
            files,
            strict: args.strict,
        },
    )
    .await?;
    match end {
        ReplEnd::Finished => Ok(ExitCode::SUCCESS),
        ReplEnd::Interrupted => {
            println!("\nInterrupted; the sandbox has shut down.");
            Ok(ExitCode::from(130))
        }
        ReplEnd::Failed { line, text, error } => {
            eprintln!("mindlines sandbox: line {line} failed: {text}\n  {error}");
            Ok(ExitCode::FAILURE)
        }
    }
}
