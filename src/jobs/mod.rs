//! Durable background work. The database is the queue: the scheduler records deliveries, the
//! sender sends them, the inbox retries what failed. Each step is an `app::` function taking
//! `now`, so tests and the demo call [`run_once`] directly with a simulated clock; in
//! production [`spawn`] loops it from `main` (never from READY, which can fire more than once).

use std::sync::Arc;

use std::panic::AssertUnwindSafe;

use chrono::{DateTime, Utc};
use futures::FutureExt;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::app::App;
use crate::app::checkins::schedule_due_checkins;
use crate::app::error::error_id;
use crate::app::inbox::process_inbox;
use crate::app::retention::{RetentionReport, apply_retention};
use crate::app::scheduling::{SchedulerReport, queue_reminders, schedule_due_prompts};
use crate::app::sending::{SendReport, send_pending};
use crate::app::supervision::schedule_digests;

/// What one pass of every job did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct JobsReport {
    pub scheduled: SchedulerReport,
    pub reminders_queued: usize,
    pub checkins_queued: usize,
    /// Weekly digests queued (each a header and one message per supervisee).
    pub digests_queued: usize,
    pub sent: SendReport,
    pub inbox_retried: usize,
    /// What retention removed this pass.
    pub retention: RetentionReport,
    /// Steps that failed or panicked this pass (each logged with an error id).
    pub failed_steps: usize,
}

/// One pass of every job at `now`: schedule what is due, queue reminders, check-ins and
/// digests, send, retry the inbox, apply retention (`app::retention`).
/// Each step stands alone: an error or a panic in one is logged with an error id and the
/// others still run, so a bad row never stops prompts for everyone.
pub async fn run_once(app: &App, now: DateTime<Utc>) -> anyhow::Result<JobsReport> {
    let mut report = JobsReport::default();
    let mut failed = 0;
    if let Some(scheduled) = guarded("schedule", schedule_due_prompts(app, now), &mut failed).await
    {
        report.scheduled = scheduled;
    }
    if let Some(queued) = guarded("reminders", queue_reminders(app, now), &mut failed).await {
        report.reminders_queued = queued;
    }
    if let Some(queued) = guarded("checkins", schedule_due_checkins(app, now), &mut failed).await {
        report.checkins_queued = queued;
    }
    if let Some(queued) = guarded("digests", schedule_digests(app, now), &mut failed).await {
        report.digests_queued = queued;
    }
    if let Some(sent) = guarded("send", send_pending(app, now), &mut failed).await {
        report.sent = sent;
    }
    if let Some(retried) = guarded("inbox", process_inbox(app), &mut failed).await {
        report.inbox_retried = retried;
    }
    if let Some(removed) = guarded(
        "retention",
        apply_retention(&*app.store, app.retention, now),
        &mut failed,
    )
    .await
    {
        report.retention = removed;
    }
    report.failed_steps = failed;
    Ok(report)
}

/// Runs one step, turning its error or panic into a log line with an error id.
async fn guarded<T>(
    step: &'static str,
    work: impl Future<Output = anyhow::Result<T>>,
    failed: &mut usize,
) -> Option<T> {
    match AssertUnwindSafe(work).catch_unwind().await {
        Ok(Ok(value)) => Some(value),
        Ok(Err(error)) => {
            *failed += 1;
            let id = error_id();
            tracing::warn!(error_id = %id, step, "a job step failed; the others ran: {error:#}");
            None
        }
        Err(_) => {
            *failed += 1;
            let id = error_id();
            tracing::error!(error_id = %id, step, "a job step panicked; the others ran");
            None
        }
    }
}

/// Runs [`run_once`] every tick, or sooner when something asks to send now, until `stop`
/// turns true. A failing pass is logged and retried next tick; it never ends the loop.
pub fn spawn(app: Arc<App>, mut stop: watch::Receiver<bool>) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(error) = run_once(&app, app.clock.now()).await {
                tracing::warn!("a job pass failed; retrying next tick: {error:#}");
            }
            tokio::select! {
                _ = tokio::time::sleep(App::SEND_TICK) => {}
                _ = app.send_wanted.notified() => {}
                _ = stop.changed() => return,
            }
            if *stop.borrow() {
                return;
            }
        }
    })
}
