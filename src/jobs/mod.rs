//! Durable background work. The database is the queue: the scheduler records deliveries, the
//! sender sends them, the inbox retries what failed. Each step is an `app::` function taking
//! `now`, so tests and the demo call [`run_once`] directly with a simulated clock; in
//! production [`spawn`] loops it from `main` (never from READY, which can fire more than once).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::app::App;
use crate::app::inbox::process_inbox;
use crate::app::scheduling::{SchedulerReport, queue_reminders, schedule_due_prompts};
use crate::app::sending::{SendReport, send_pending};

/// What one pass of every job did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct JobsReport {
    pub scheduled: SchedulerReport,
    pub reminders_queued: usize,
    pub sent: SendReport,
    pub inbox_retried: usize,
}

/// One pass of every job at `now`: schedule what is due, queue reminders, send, retry inbox.
pub async fn run_once(app: &App, now: DateTime<Utc>) -> anyhow::Result<JobsReport> {
    let scheduled = schedule_due_prompts(app, now).await?;
    let reminders_queued = queue_reminders(app, now).await?;
    let sent = send_pending(app, now).await?;
    let inbox_retried = process_inbox(app).await?;
    Ok(JobsReport {
        scheduled,
        reminders_queued,
        sent,
        inbox_retried,
    })
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
