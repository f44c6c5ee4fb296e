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

/// mindlines' own logs at TRACE, kept in memory so a test can search them (serenity's own
/// TRACE output echoes gateway payloads and is not ours; production runs at INFO). Installs
/// the process's global subscriber: one per test binary.
#[derive(Clone, Default)]
pub struct LogBuffer(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for LogBuffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl LogBuffer {
    pub fn capture() -> LogBuffer {
        let buffer = LogBuffer::default();
        let writer = buffer.clone();
        tracing_subscriber::fmt()
            .with_env_filter("mindlines=trace")
            .with_writer(move || writer.clone())
            .init();
        buffer
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}
