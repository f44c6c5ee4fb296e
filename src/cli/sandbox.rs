//! `mindlines sandbox`: the local workspace and the real bot, interactive in the terminal.

use std::process::ExitCode;

use crate::config::Config;
use crate::sandbox::SandboxConfig;
use crate::testbed::repl::run_repl;
use crate::testbed::{Testbed, TestbedOptions, demo_cohort, demo_start};

pub async fn sandbox(config: &Config) -> anyhow::Result<ExitCode> {
    println!("Starting a local workspace with a small cohort and the real bot…");
    let testbed = Testbed::start(TestbedOptions {
        cohort: demo_cohort(),
        start: demo_start(),
        prompts_dir: config.prompts.dir.clone(),
        database_url: None,
        delivery: config.delivery.clone(),
        sandbox: SandboxConfig::default(),
    })
    .await?;
    run_repl(testbed).await?;
    Ok(ExitCode::SUCCESS)
}
