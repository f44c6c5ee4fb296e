//! The check-in scheduler step, run by the job loop at `now`.
//!
//! Due check-ins are found by their own cursor and queued on the outbound queue with the key
//! `checkin:<local date>`, in the transaction that moves the cursor on; calm catch-up is the
//! prompts' own (at most the latest missed occurrence, none older than the lateness bound).
//! A member whose consent predates the current consent text gets no check-in; instead one
//! notice (keyed by the version) asks them to look at it again.

use chrono::{DateTime, Utc};

use super::prompt_schedule;
use crate::app::App;
use crate::app::error::error_id;
use crate::domain::delivery::{DeliveryKind, NewDelivery, Payload};
use crate::domain::schedule::{next_due, occurrence_to_send};
use crate::domain::wellbeing::checkins::WellbeingState;

const BATCH: u32 = 500;

/// Queues every check-in due at `now`; returns how many were queued.
pub async fn schedule_due_checkins(app: &App, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let Some(wellbeing) = app.library.wellbeing() else {
        return Ok(0);
    };
    let version = wellbeing.consent().version.clone();
    let mut queued = 0;
    for state in app.store.due_checkins(now, BATCH).await? {
        match advance_one(app, &state, &version, now).await {
            Ok(true) => queued += 1,
            Ok(false) => {}
            Err(error) => {
                let id = error_id();
                tracing::warn!(error_id = %id, "could not plan a check-in; the others go on: {error:#}");
            }
        }
    }
    Ok(queued)
}

async fn advance_one(
    app: &App,
    state: &WellbeingState,
    version: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let Some(expected) = state.next_due else {
        return Ok(false);
    };
    let Some(member) = app.store.member(state.member).await? else {
        return Ok(false);
    };
    let prompts = prompt_schedule(app, state.member, member.timezone).await?;
    let schedule = state.plan.within(&prompts);
    if schedule.is_quiet_at(now) {
        return Ok(false); // Looked at again after the quiet hours.
    }
    let delivery = if state.consented_to(version) {
        occurrence_to_send(
            &schedule,
            &app.holidays,
            state.checked_until,
            now,
            app.delivery.max_lateness,
        )
        .map(|occurrence| NewDelivery {
            member: state.member,
            occurrence_key: format!("checkin:{}", occurrence.key),
            kind: DeliveryKind::Checkin,
            payload: Payload::Checkin,
            due_at: occurrence.due,
            follows: None,
        })
    } else {
        Some(NewDelivery {
            member: state.member,
            occurrence_key: format!("reconsent:{version}"),
            kind: DeliveryKind::Notice,
            payload: Payload::Notice {
                text: "The wellbeing check-in consent text has changed, so I'm not sending check-ins until you've read it again. `/wellbeing start` shows it; nothing else changes.".into(),
            },
            due_at: now,
            follows: None,
        })
    };
    // A member who has not re-consented is asked once and then left alone.
    let next = if state.consented_to(version) {
        next_due(&schedule, &app.holidays, now)
    } else {
        None
    };
    let queued = app
        .store
        .advance_checkins(state.member, expected, next, now, delivery.as_ref())
        .await?;
    Ok(queued.is_some())
}
