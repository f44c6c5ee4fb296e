//! `mindlines sandbox`: the local workspace and the real bot, interactive in the terminal.

use std::process::ExitCode;

use crate::config::Config;
use crate::testbed::repl::run_repl;
use crate::testbed::{Testbed, TestbedOptions};

pub async fn sandbox(config: &Config) -> anyhow::Result<ExitCode> {
    println!("Starting a local workspace with a small cohort and the real bot…");
    let testbed = Testbed::start(TestbedOptions::demo_with(config.clone())).await?;
    run_repl(testbed).await?;
    Ok(ExitCode::SUCCESS)
}
