//! Shared set-up for the end-to-end tests: the real bot and a real SQLite file against the
//! local workspace, with the demo cohort and a simulated clock.
#![allow(dead_code)]

use std::path::PathBuf;

use chrono::Duration;
use mindlines::clock::Clock;
use mindlines::config::DeliveryConfig;
use mindlines::sandbox::SandboxConfig;
use mindlines::testbed::{Testbed, TestbedOptions, demo_cohort, demo_start};

pub fn options() -> TestbedOptions {
    TestbedOptions {
        cohort: demo_cohort(),
        start: demo_start(),
        prompts_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("prompts"),
        database_url: None,
        delivery: DeliveryConfig::default(),
        sandbox: SandboxConfig::default(),
    }
}

pub async fn testbed() -> Testbed {
    Testbed::start(options()).await.expect("the testbed starts")
}

/// Moves the clock to Tuesday 10:00 London (the default prompt time) and runs the jobs.
pub async fn weekly_prompts_go_out(tb: &Testbed) {
    tb.clock.set(demo_start() + Duration::hours(26));
    tb.run_jobs().await.expect("jobs run");
}

/// Waits until `check` holds, polling; panics naming `what` after ten seconds.
pub async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..400 {
        if check().await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("timed out waiting until {what}");
}

pub fn now(tb: &Testbed) -> chrono::DateTime<chrono::Utc> {
    tb.clock.now()
}
