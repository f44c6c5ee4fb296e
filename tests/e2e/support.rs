//! Shared set-up for the end-to-end tests: the real bot and a real SQLite file against the
//! local workspace, with the demo cohort and a simulated clock.
#![allow(dead_code)]

use chrono::Duration;
use mindlines::clock::Clock;
use mindlines::testbed::{Testbed, TestbedOptions, demo_start};

/// The demo cohort and start, with default settings (the embedded prompt library), as
/// `mindlines demo` runs it.
pub fn options() -> TestbedOptions {
    TestbedOptions::demo()
}

/// Shuts the testbed down, then fails the test if the bot sent any body Discord's OpenAPI spec
/// refuses: the workspace answered it 400 / 50035, as Discord would have.
pub async fn finish(tb: Testbed) {
    let refused = tb.spec_refusals();
    tb.shutdown().await;
    assert!(
        refused.is_empty(),
        "Discord's spec refused bodies the bot sent:\n{}",
        refused.join("\n")
    );
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
