//! A delivery: one message owed to one member, recorded before it is sent (the outbound
//! queue). Most are reflective prompts; a wellbeing check-in or a notice is a delivery too, and
//! later digests and case follow-ups: one queue, one sender, one renderer per kind.
//!
//! Every delivery has an occurrence key unique per member (the local date of a scheduled
//! occurrence, or a key for "answer early", a snooze, a reminder, a check-in), so deciding a
//! message is due twice still records it once. The sender moves it from `Pending` to `Sent`, or
//! to `Failed` / `Unreachable`; the member's answer, skip or snooze moves it on from `Sent`.

use chrono::{DateTime, Utc};

use super::curriculum::Area;
use super::member::DiscordId;
use super::prompt::PromptId;
use super::slug::slug_enum;

slug_enum! {
    /// Why a delivery exists.
    DeliveryKind, "delivery kind" {
        Scheduled => "scheduled", "Scheduled", [];
        OnRequest => "on_request", "Asked for with /reflect", [];
        Snoozed => "snoozed", "Back after a snooze", [];
        Reminder => "reminder", "Reminder", [];
        Checkin => "checkin", "Wellbeing check-in", [];
        Notice => "notice", "Notice", [];
        Digest => "digest", "Supervision digest", [];
        FollowUp => "followup", "Coming back to a plan", [];
        CaseReflection => "case_reflection", "Reflection after a case discussion", [];
        CaseReview => "case_review", "Case review and revise", []
    }
}

impl DeliveryKind {
    /// Whether deliveries of this kind carry a reflective prompt.
    pub fn carries_prompt(self) -> bool {
        matches!(
            self,
            DeliveryKind::Scheduled
                | DeliveryKind::OnRequest
                | DeliveryKind::Snoozed
                | DeliveryKind::Reminder
        )
    }
}

/// What a delivery carries, typed by kind. Prompts name a prompt of the library; other kinds
/// carry what their renderer needs. Never a member's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// A reflective prompt and the area it serves.
    Prompt { prompt_id: PromptId, area: Area },
    /// A wellbeing check-in: the scale comes from the library when it is sent.
    Checkin,
    /// A short message from the bot itself.
    Notice { text: String },
    /// A supervisor's digest of the seven days up to `until`: the header (with the picture)
    /// when `supervisee` is `None`, else that supervisee's section. Built when it is sent, from
    /// the supervision links and sharing as they stand then.
    Digest {
        until: DateTime<Utc>,
        supervisee: Option<DiscordId>,
    },
    /// The follow-up of the plan in the member's entry `entry` (read when it is sent, so an
    /// entry deleted meanwhile sends nothing).
    FollowUp { entry: i64 },
    /// A contributor's reflection prompt after case `case` closed.
    CaseReflection { case: i64 },
    /// The "review and revise" follow-up of case `case`, posted in its thread.
    CaseReview { case: i64 },
}

impl Payload {
    /// The prompt, for prompt deliveries.
    pub fn prompt(&self) -> Option<(&PromptId, Area)> {
        match self {
            Payload::Prompt { prompt_id, area } => Some((prompt_id, *area)),
            _ => None,
        }
    }
}

slug_enum! {
    /// Where a delivery is in its life: `pending` (recorded, not yet sent, or being retried),
    /// `sent` (waiting for the member), then what the member did (`answered`, `skipped`,
    /// `snoozed` — a snoozed delivery replaces it — `not_relevant`), or what stopped it
    /// (`failed` for a permanent error, `unreachable` for DMs closed, `expired` for too late).
    DeliveryStatus, "delivery status" {
        Pending => "pending", "Waiting to be sent", [];
        Sent => "sent", "Sent", [];
        Answered => "answered", "Answered", [];
        Skipped => "skipped", "Skipped", [];
        Snoozed => "snoozed", "Snoozed", [];
        NotRelevant => "not_relevant", "Not relevant", [];
        Failed => "failed", "Failed", [];
        Unreachable => "unreachable", "Unreachable", [];
        Expired => "expired", "Expired", []
    }
}

impl DeliveryStatus {
    /// Whether the member can still act on the prompt (reflect, snooze, skip).
    pub fn is_open(self) -> bool {
        matches!(self, DeliveryStatus::Pending | DeliveryStatus::Sent)
    }
}

/// A delivery to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDelivery {
    pub member: DiscordId,
    /// Unique per member: `2026-03-31` for a scheduled occurrence, `early:<ms>` for `/reflect`,
    /// `snooze:<id>`, `reminder:<id>`.
    pub occurrence_key: String,
    pub kind: DeliveryKind,
    pub payload: Payload,
    /// When it may be sent.
    pub due_at: DateTime<Utc>,
    /// For a snooze or reminder: the delivery it follows.
    pub follows: Option<i64>,
}

/// A recorded delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub id: i64,
    pub member: DiscordId,
    pub occurrence_key: String,
    pub kind: DeliveryKind,
    pub payload: Payload,
    pub status: DeliveryStatus,
    pub due_at: DateTime<Utc>,
    pub follows: Option<i64>,
    /// Send attempts so far.
    pub attempts: u32,
    /// When the sender may next try (also the lease a claiming sender holds).
    pub next_attempt_at: DateTime<Utc>,
    pub channel_id: Option<u64>,
    pub message_id: Option<u64>,
    pub sent_at: Option<DateTime<Utc>>,
    /// When the member answered, skipped, snoozed or dismissed it.
    pub closed_at: Option<DateTime<Utc>>,
    /// The last error, as a short code such as `http_503` (never message content).
    pub last_error: Option<String>,
}

impl NewDelivery {
    /// A prompt delivery.
    pub fn prompt(
        member: DiscordId,
        occurrence_key: String,
        kind: DeliveryKind,
        prompt: (&PromptId, Area),
        due_at: DateTime<Utc>,
        follows: Option<i64>,
    ) -> NewDelivery {
        NewDelivery {
            member,
            occurrence_key,
            kind,
            payload: Payload::Prompt {
                prompt_id: prompt.0.clone(),
                area: prompt.1,
            },
            due_at,
            follows,
        }
    }
}

impl Delivery {
    /// The prompt this delivery carries, if it is a prompt.
    pub fn prompt(&self) -> Option<(&PromptId, Area)> {
        self.payload.prompt()
    }

    /// This delivery as a prompt delivery, if it carries one.
    pub fn into_prompt(self) -> Option<PromptDelivery> {
        let (prompt_id, area) = self.prompt().map(|(p, a)| (p.clone(), a))?;
        Some(PromptDelivery {
            delivery: self,
            prompt_id,
            area,
        })
    }
}

/// A delivery known to carry a prompt: what the reflection flows (buttons, forms, replies)
/// work with, so they never meet a check-in by mistake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptDelivery {
    pub delivery: Delivery,
    pub prompt_id: PromptId,
    pub area: Area,
}

impl std::ops::Deref for PromptDelivery {
    type Target = Delivery;

    fn deref(&self) -> &Delivery {
        &self.delivery
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_kinds_round_trip_through_their_slugs() {
        for status in [
            DeliveryStatus::Pending,
            DeliveryStatus::NotRelevant,
            DeliveryStatus::Expired,
        ] {
            assert_eq!(status.slug().parse(), Ok(status));
        }
        assert_eq!("on_request".parse(), Ok(DeliveryKind::OnRequest));
        assert!("maybe".parse::<DeliveryStatus>().is_err());
        assert!(DeliveryStatus::Sent.is_open() && !DeliveryStatus::Answered.is_open());
    }
}
