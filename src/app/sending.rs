//! The sender step: claim pending deliveries of every kind (prompts, reminders, check-ins,
//! notices), render each with its kind's renderer (`app::outbound`), send it once, and record
//! where it landed.
//!
//! - A claim is a lease: a sender that dies mid-send leaves the delivery to be claimed again
//!   when the lease ends, and the resend carries the same nonce with `enforce_nonce`, so Discord
//!   returns the first message instead of posting a second.
//! - 429 → retry when told; 5xx and timeouts → bounded retries with backoff; 50007 → never
//!   retried: the member is marked unreachable and told next time they use a command.
//! - DM channel ids are cached, so a prompt costs one REST call after a member's first.
//! - Every REST call (opening a DM, posting) takes a token from one bucket, so the pace holds
//!   whether or not DM channels are known; sends run a few at a time.

use chrono::{DateTime, Duration, Utc};
use futures::StreamExt;

use super::App;
use super::error::error_id;
use super::notify::NotifyError;
use super::outbound::render;
use crate::domain::delivery::{Delivery, DeliveryKind, DeliveryStatus};
use crate::domain::member::{DiscordId, MemberStatus};

const BATCH: u32 = 200;
const CONCURRENT_SENDS: usize = 8;
/// Long enough for a slow send to finish; short enough that a crashed sender's work resumes soon.
const LEASE_SECS: i64 = 60;
/// Transient failures are retried this many times before the delivery is given up.
const MAX_ATTEMPTS: u32 = 8;

/// What one sender step did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SendReport {
    pub sent: usize,
    pub retrying: usize,
    pub unreachable: usize,
    pub failed: usize,
    pub expired: usize,
    /// Deliveries whose step failed with an error (left to be claimed again).
    pub errors: usize,
}

enum Outcome {
    Sent,
    Retrying,
    Unreachable,
    Failed,
    Expired,
}

/// Sends every pending delivery that is due at `now` (in batches until none are left).
pub async fn send_pending(app: &App, now: DateTime<Utc>) -> anyhow::Result<SendReport> {
    let mut report = SendReport::default();
    loop {
        let claimed = app
            .store
            .claim_pending_deliveries(now, now + Duration::seconds(LEASE_SECS), BATCH)
            .await?;
        let count = claimed.len();
        // Members are served concurrently, but one member's messages go in the order they
        // were claimed (due time, then id), so a digest's header comes before its sections.
        let outcomes: Vec<anyhow::Result<Outcome>> = futures::stream::iter(by_member(claimed))
            .map(|deliveries| async move {
                let mut outcomes = Vec::with_capacity(deliveries.len());
                for delivery in deliveries {
                    outcomes.push(send_one(app, delivery, now).await);
                }
                outcomes
            })
            .buffer_unordered(CONCURRENT_SENDS)
            .flat_map(futures::stream::iter)
            .collect()
            .await;
        for outcome in outcomes {
            let outcome = match outcome {
                Ok(outcome) => outcome,
                // One delivery's error (a corrupt row, a store hiccup) must not stop the rest;
                // its lease runs out and it is claimed again later.
                Err(error) => {
                    let id = error_id();
                    tracing::warn!(error_id = %id, "sending one delivery failed; the others go on: {error:#}");
                    report.errors += 1;
                    continue;
                }
            };
            match outcome {
                Outcome::Sent => report.sent += 1,
                Outcome::Retrying => report.retrying += 1,
                Outcome::Unreachable => report.unreachable += 1,
                Outcome::Failed => report.failed += 1,
                Outcome::Expired => report.expired += 1,
            }
        }
        if count < BATCH as usize {
            return Ok(report);
        }
    }
}

/// Deliveries grouped by member, each group (and the groups) in claim order.
fn by_member(claimed: Vec<Delivery>) -> Vec<Vec<Delivery>> {
    let mut groups: Vec<Vec<Delivery>> = Vec::new();
    let mut index: std::collections::HashMap<DiscordId, usize> = std::collections::HashMap::new();
    for delivery in claimed {
        match index.get(&delivery.member) {
            Some(&at) => groups[at].push(delivery),
            None => {
                index.insert(delivery.member, groups.len());
                groups.push(vec![delivery]);
            }
        }
    }
    groups
}

async fn send_one(app: &App, delivery: Delivery, now: DateTime<Utc>) -> anyhow::Result<Outcome> {
    if let Some(reason) = no_longer_wanted(app, &delivery, now).await? {
        app.store
            .set_delivery_status(delivery.id, DeliveryStatus::Expired, Some(reason), now)
            .await?;
        return Ok(Outcome::Expired);
    }
    // One renderer per kind; everything after this line is the same for every kind.
    let rendered = match render(app, &delivery).await? {
        Ok(rendered) => rendered,
        Err(reason) => {
            app.store
                .set_delivery_status(delivery.id, DeliveryStatus::Failed, Some(reason), now)
                .await?;
            return Ok(Outcome::Failed);
        }
    };
    let channel = match rendered.target {
        Some(thread) => Ok(thread),
        None => dm_channel(app, delivery.member).await,
    };
    let sent = match channel {
        Ok(channel) if rendered.files.is_empty() => {
            app.notifier.post(channel, &rendered.message).await
        }
        Ok(channel) => {
            app.notifier
                .post_files(channel, &rendered.message, &rendered.files)
                .await
        }
        Err(error) => Err(error),
    };
    match sent {
        Ok(sent) => {
            app.store
                .mark_delivery_sent(
                    delivery.id,
                    sent.channel_id,
                    sent.message_id,
                    app.clock.now(),
                )
                .await?;
            Ok(Outcome::Sent)
        }
        Err(error) => record_failure(app, &delivery, error, now).await,
    }
}

/// A reminder whose prompt was answered meanwhile, or a prompt far past its time, is not sent.
async fn no_longer_wanted(
    app: &App,
    delivery: &Delivery,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<&'static str>> {
    if delivery.kind == DeliveryKind::Reminder {
        let original = match delivery.follows {
            Some(id) => app.store.delivery(id).await?,
            None => None,
        };
        if original.is_none_or(|o| o.status != DeliveryStatus::Sent) {
            return Ok(Some("already_answered"));
        }
    }
    let stale = delivery.kind == DeliveryKind::Scheduled
        && now - delivery.due_at > app.delivery.max_lateness;
    Ok(stale.then_some("too_late"))
}

/// The member's DM channel: cached after the first time, so later messages cost one call.
/// Opening one is paced like every other call (the notifier is paced).
pub(crate) async fn dm_channel(app: &App, member: DiscordId) -> Result<u64, NotifyError> {
    let cached = app
        .store
        .dm_channel(member)
        .await
        .map_err(|e| NotifyError::Transient(e.to_string()))?;
    if let Some(channel) = cached {
        return Ok(channel);
    }
    let channel = app.notifier.open_dm(member).await?;
    app.store
        .save_dm_channel(member, channel)
        .await
        .map_err(|e| NotifyError::Transient(e.to_string()))?;
    Ok(channel)
}

async fn record_failure(
    app: &App,
    delivery: &Delivery,
    error: NotifyError,
    now: DateTime<Utc>,
) -> anyhow::Result<Outcome> {
    let store = &app.store;
    match error {
        NotifyError::Unreachable => {
            store
                .set_delivery_status(
                    delivery.id,
                    DeliveryStatus::Unreachable,
                    Some("discord_50007"),
                    now,
                )
                .await?;
            store
                .set_member_status(delivery.member, MemberStatus::Unreachable, None, now)
                .await?;
            tracing::info!(
                delivery = delivery.id,
                "member has DMs closed; not retrying"
            );
            Ok(Outcome::Unreachable)
        }
        NotifyError::RateLimited { retry_after_secs } => {
            let wait = Duration::milliseconds((retry_after_secs * 1000.0).ceil() as i64);
            store
                .reschedule_delivery(delivery.id, now + wait, "rate_limited")
                .await?;
            Ok(Outcome::Retrying)
        }
        NotifyError::Transient(_) if delivery.attempts < MAX_ATTEMPTS => {
            store
                .reschedule_delivery(delivery.id, now + backoff(delivery.attempts), "transient")
                .await?;
            Ok(Outcome::Retrying)
        }
        NotifyError::Transient(_) | NotifyError::Permanent(_) => {
            store
                .set_delivery_status(
                    delivery.id,
                    DeliveryStatus::Failed,
                    Some("send_failed"),
                    now,
                )
                .await?;
            tracing::warn!(delivery = delivery.id, "giving up on a delivery: {error}");
            Ok(Outcome::Failed)
        }
    }
}

/// 2, 4, 8 … seconds, capped at ten minutes.
fn backoff(attempts: u32) -> Duration {
    Duration::seconds(2i64.saturating_pow(attempts.clamp(1, 10)).min(600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(1), Duration::seconds(2));
        assert_eq!(backoff(3), Duration::seconds(8));
        assert_eq!(backoff(30), Duration::seconds(600));
    }
}
