//! `mindlines demo`: the story against the local workspace; exits non-zero naming the step
//! that did not happen.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use crate::config::Config;
use crate::testbed::demo::run_demo;
use crate::testbed::files::FileFolder;

/// Plays the demo; the bot's files go to `files` (default: a fresh private temp folder).
pub async fn demo(config: &Config, files: Option<&Path>) -> anyhow::Result<ExitCode> {
    let files = match files {
        Some(dir) => FileFolder::at(dir)?,
        None => FileFolder::fresh()?,
    };
    let started = Instant::now();
    println!(
        "mindlines demo — a local Discord-compatible workspace, a small cohort, simulated time."
    );
    match run_demo(config.clone(), files).await {
        Ok(_) => {
            println!(
                "\nDemo finished: every step happened ({:.1} s).",
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            eprintln!("\nDemo failed: {error:#}");
            Ok(ExitCode::FAILURE)
        }
    }
}
