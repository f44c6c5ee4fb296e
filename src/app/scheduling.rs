//! The scheduler step: find members whose prompt is due, and — in one transaction each —
//! record the delivery and move the schedule on. Sending is the sender's job.
//!
//! Calm catch-up after downtime comes from `domain::schedule::occurrence_to_send`: at most the
//! most recent missed occurrence, and none older than `delivery.max_lateness`.

use chrono::{DateTime, Utc};

use super::App;
use super::error::error_id;
use super::selection::next_prompt_for;
use crate::domain::delivery::{DeliveryKind, DeliveryStatus, NewDelivery};
use crate::domain::member::DiscordId;
use crate::domain::schedule::{Occurrence, Schedule, next_due, occurrence_to_send};
use crate::store::{ScheduleAdvance, ScheduleState};

const BATCH: u32 = 500;

/// What one scheduler step did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SchedulerReport {
    /// Deliveries recorded.
    pub recorded: usize,
    /// Schedules moved on without a delivery (nothing to send, or too late to send).
    pub passed: usize,
    /// Schedules that could not be advanced this pass (logged; the others went on).
    pub failed: usize,
}

/// The default schedule for a member: weekly, Tuesday 10:00, in their own timezone.
pub fn default_schedule(timezone: chrono_tz::Tz) -> Schedule {
    Schedule {
        timezone,
        ..Schedule::default()
    }
}

/// Saves `schedule` for `member` with a fresh cursor starting at `now`.
pub async fn save_schedule(
    app: &App,
    member: DiscordId,
    schedule: Schedule,
    now: DateTime<Utc>,
) -> anyhow::Result<ScheduleState> {
    let state = ScheduleState {
        member,
        next_due: next_due(&schedule, &app.holidays, now),
        schedule,
        checked_until: now,
    };
    app.store.save_schedule(&state).await?;
    Ok(state)
}

/// One scheduler step at `now`.
pub async fn schedule_due_prompts(
    app: &App,
    now: DateTime<Utc>,
) -> anyhow::Result<SchedulerReport> {
    schedule_new_trainees(app, now).await?;
    let mut report = SchedulerReport::default();
    loop {
        let due = app.store.due_schedules(now, BATCH).await?;
        let before = (report.recorded, report.passed);
        for state in &due {
            // One member's bad row must not hold back everyone else's prompt.
            if let Err(error) = advance_one(app, state, now, &mut report).await {
                report.failed += 1;
                let id = error_id();
                tracing::warn!(error_id = %id, member = %state.member, "could not advance a schedule; the others go on: {error:#}");
            }
        }
        // Schedules in quiet hours (or failing) stay due without moving; stop when a pass
        // moves nothing on.
        if due.len() < BATCH as usize || before == (report.recorded, report.passed) {
            return Ok(report);
        }
    }
}

async fn schedule_new_trainees(app: &App, now: DateTime<Utc>) -> anyhow::Result<()> {
    for id in app.store.trainees_without_schedule().await? {
        if let Some(member) = app.store.member(id).await? {
            save_schedule(app, id, default_schedule(member.timezone), now).await?;
        }
    }
    Ok(())
}

async fn advance_one(
    app: &App,
    state: &ScheduleState,
    now: DateTime<Utc>,
    report: &mut SchedulerReport,
) -> anyhow::Result<()> {
    if state.schedule.is_quiet_at(now) {
        return Ok(()); // Looked at again after the quiet hours, still within the lateness bound.
    }
    let occurrence = occurrence_to_send(
        &state.schedule,
        &app.holidays,
        state.checked_until,
        now,
        app.delivery.max_lateness,
    );
    let delivery = match occurrence {
        Some(occurrence) => scheduled_delivery(app, state.member, occurrence, now).await?,
        None => None,
    };
    let recorded = delivery.is_some();
    let advance = ScheduleAdvance {
        member: state.member,
        expected_next_due: state.next_due,
        next_due: next_due(&state.schedule, &app.holidays, now),
        checked_until: now,
        delivery,
    };
    match app.store.advance_schedule(&advance).await? {
        Some(_) => report.recorded += 1,
        None if !recorded => report.passed += 1,
        None => {} // Another process advanced it first, or the occurrence was already recorded.
    }
    Ok(())
}

async fn scheduled_delivery(
    app: &App,
    member: DiscordId,
    occurrence: Occurrence,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<NewDelivery>> {
    let Some(member) = app.store.member(member).await? else {
        return Ok(None);
    };
    let Some(prompt) = next_prompt_for(app, &member, None, now).await? else {
        tracing::warn!(member = %member.discord_id, "no prompt suits this member; nothing sent");
        return Ok(None);
    };
    Ok(Some(NewDelivery::prompt(
        member.discord_id,
        occurrence.key.to_string(),
        DeliveryKind::Scheduled,
        (&prompt.id, prompt.area),
        occurrence.due,
        None,
    )))
}

/// Queues the single reminder for each prompt left unanswered for `delivery.reminder_after`.
/// A prompt found unanswered much later (after downtime) gets no reminder: a day past its
/// reminder time it is marked as reminded-too-late instead, so nobody is nudged about last
/// week's prompt next to this week's.
pub async fn queue_reminders(app: &App, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let Some(after) = app.delivery.reminder_after else {
        return Ok(0);
    };
    let mut queued = 0;
    for original in app
        .store
        .deliveries_awaiting_reminder(now - after, BATCH)
        .await?
    {
        let stale = original
            .sent_at
            .is_none_or(|sent| now - sent > after + chrono::Duration::days(1));
        let Some(prompt) = original.prompt() else {
            continue; // Only prompts get a reminder; the store asks for prompt kinds anyway.
        };
        let reminder = NewDelivery::prompt(
            original.member,
            format!("reminder:{}", original.id),
            DeliveryKind::Reminder,
            prompt,
            now,
            Some(original.id),
        );
        let Some(id) = app.store.record_delivery(&reminder).await? else {
            continue;
        };
        if stale {
            app.store
                .set_delivery_status(id, DeliveryStatus::Expired, Some("too_late"), now)
                .await?;
        } else {
            queued += 1;
        }
    }
    Ok(queued)
}
