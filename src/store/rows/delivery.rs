//! Deliveries and DM channels as rows and back.
//!
//! Channel and message ids are Discord snowflakes like member ids, so they get the same
//! treatment: `i64` in the database, refused rather than wrapped when out of range. Kinds,
//! statuses and areas are stored as their slugs and parsed strictly on the way out.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::{corrupt, db_id, discord_id, parse};
use crate::domain::curriculum::Area;
use crate::domain::delivery::{Delivery, DeliveryKind, DeliveryStatus, Payload};
use crate::domain::member::DiscordId;
use crate::domain::prompt::PromptId;
use crate::store::{DmChannel, StoreResult};

/// The columns of `deliveries` that make a [`DeliveryRecord`], for SELECT and RETURNING.
macro_rules! delivery_columns {
    () => {
        "id, discord_id, occurrence_key, kind, prompt_id, area, payload, status, due_at, follows, \
         attempts, next_attempt_at, channel_id, message_id, sent_at, closed_at, last_error"
    };
}

pub(crate) use delivery_columns;

/// A channel or message snowflake as the database stores it.
pub(crate) fn db_snowflake(id: u64) -> StoreResult<i64> {
    db_id(DiscordId(id))
}

/// A channel or message snowflake read back from the database.
pub(crate) fn snowflake(value: i64, place: &'static str) -> StoreResult<u64> {
    discord_id(value, place).map(|id| id.0)
}

/// Whether moving a delivery to `status` is the member closing it (answer, skip, snooze,
/// dismiss), which is what `closed_at` records; sender outcomes and expiry are not.
pub(crate) fn closed_by_member(status: DeliveryStatus) -> bool {
    use DeliveryStatus::*;
    matches!(status, Answered | Skipped | Snoozed | NotRelevant)
}

/// An area by its catalogue id, exactly (no aliases: stored values are always ids).
fn area(id: &str) -> StoreResult<Area> {
    Area::ALL
        .into_iter()
        .find(|area| area.id() == id)
        .ok_or_else(|| corrupt("deliveries.area", format!("unknown area '{id}'")))
}

/// What is stored for payloads other than prompts (prompts have their own columns, which the
/// selection and coverage queries read). Tagged JSON, so a new kind adds a variant.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum StoredPayload {
    Checkin,
    Notice {
        text: String,
    },
    Digest {
        until: DateTime<Utc>,
        supervisee: Option<u64>,
    },
    FollowUp {
        entry: i64,
    },
    CaseReflection {
        case: i64,
    },
    CaseReview {
        case: i64,
    },
}

/// The `(prompt_id, area, payload)` columns of a payload.
pub(crate) fn payload_columns(
    payload: &Payload,
) -> (Option<&str>, Option<&'static str>, Option<String>) {
    let json = |stored: StoredPayload| {
        Some(serde_json::to_string(&stored).expect("a payload always serialises"))
    };
    match payload {
        Payload::Prompt { prompt_id, area } => (Some(prompt_id.as_str()), Some(area.id()), None),
        Payload::Checkin => (None, None, json(StoredPayload::Checkin)),
        Payload::Notice { text } => (
            None,
            None,
            json(StoredPayload::Notice { text: text.clone() }),
        ),
        Payload::Digest { until, supervisee } => (
            None,
            None,
            json(StoredPayload::Digest {
                until: *until,
                supervisee: supervisee.map(|id| id.0),
            }),
        ),
        Payload::FollowUp { entry } => {
            (None, None, json(StoredPayload::FollowUp { entry: *entry }))
        }
        Payload::CaseReflection { case } => (
            None,
            None,
            json(StoredPayload::CaseReflection { case: *case }),
        ),
        Payload::CaseReview { case } => {
            (None, None, json(StoredPayload::CaseReview { case: *case }))
        }
    }
}

fn payload_from(
    prompt_id: Option<String>,
    area_id: Option<String>,
    payload: Option<String>,
) -> StoreResult<Payload> {
    match (prompt_id, area_id, payload) {
        (Some(prompt_id), Some(area_id), None) => Ok(Payload::Prompt {
            prompt_id: parse::<PromptId>(&prompt_id, "deliveries.prompt_id")?,
            area: area(&area_id)?,
        }),
        (None, None, Some(json)) => match serde_json::from_str::<StoredPayload>(&json) {
            Ok(StoredPayload::Checkin) => Ok(Payload::Checkin),
            Ok(StoredPayload::Notice { text }) => Ok(Payload::Notice { text }),
            Ok(StoredPayload::Digest { until, supervisee }) => Ok(Payload::Digest {
                until,
                supervisee: supervisee.map(DiscordId),
            }),
            Ok(StoredPayload::FollowUp { entry }) => Ok(Payload::FollowUp { entry }),
            Ok(StoredPayload::CaseReflection { case }) => Ok(Payload::CaseReflection { case }),
            Ok(StoredPayload::CaseReview { case }) => Ok(Payload::CaseReview { case }),
            Err(e) => Err(corrupt("deliveries.payload", e.to_string())),
        },
        _ => Err(corrupt(
            "deliveries.payload",
            "neither a prompt nor a payload".into(),
        )),
    }
}

/// A row of [`delivery_columns!`].
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct DeliveryRecord {
    id: i64,
    discord_id: i64,
    occurrence_key: String,
    kind: String,
    prompt_id: Option<String>,
    area: Option<String>,
    payload: Option<String>,
    status: String,
    due_at: DateTime<Utc>,
    follows: Option<i64>,
    attempts: i32,
    next_attempt_at: DateTime<Utc>,
    channel_id: Option<i64>,
    message_id: Option<i64>,
    sent_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    last_error: Option<String>,
}

impl DeliveryRecord {
    pub(crate) fn into_delivery(self) -> StoreResult<Delivery> {
        let id = |value: Option<i64>, place| value.map(|v| snowflake(v, place)).transpose();
        Ok(Delivery {
            id: self.id,
            member: discord_id(self.discord_id, "deliveries.discord_id")?,
            occurrence_key: self.occurrence_key,
            kind: parse::<DeliveryKind>(&self.kind, "deliveries.kind")?,
            payload: payload_from(self.prompt_id, self.area, self.payload)?,
            status: parse::<DeliveryStatus>(&self.status, "deliveries.status")?,
            due_at: self.due_at,
            follows: self.follows,
            attempts: u32::try_from(self.attempts)
                .map_err(|e| corrupt("deliveries.attempts", e.to_string()))?,
            next_attempt_at: self.next_attempt_at,
            channel_id: id(self.channel_id, "deliveries.channel_id")?,
            message_id: id(self.message_id, "deliveries.message_id")?,
            sent_at: self.sent_at,
            closed_at: self.closed_at,
            last_error: self.last_error,
        })
    }
}

/// Converts records, keeping their order.
pub(crate) fn deliveries(records: Vec<DeliveryRecord>) -> StoreResult<Vec<Delivery>> {
    records
        .into_iter()
        .map(DeliveryRecord::into_delivery)
        .collect()
}

/// Claimed rows come back from `UPDATE … RETURNING` in no particular order; the contract says
/// oldest due first.
pub(crate) fn claimed(records: Vec<DeliveryRecord>) -> StoreResult<Vec<Delivery>> {
    let mut claimed = deliveries(records)?;
    claimed.sort_by_key(|d| (d.due_at, d.id));
    Ok(claimed)
}

/// `(prompt_id, last sent)` rows as a map.
pub(crate) fn prompt_history(
    rows: Vec<(String, DateTime<Utc>)>,
) -> StoreResult<BTreeMap<PromptId, DateTime<Utc>>> {
    rows.into_iter()
        .map(|(prompt, at)| Ok((parse(&prompt, "deliveries.prompt_id")?, at)))
        .collect()
}

/// A row of `dm_channels`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct DmChannelRecord {
    discord_id: i64,
    channel_id: i64,
    last_seen_message_id: Option<i64>,
}

impl DmChannelRecord {
    pub(crate) fn into_channel(self) -> StoreResult<DmChannel> {
        Ok(DmChannel {
            member: discord_id(self.discord_id, "dm_channels.discord_id")?,
            channel_id: snowflake(self.channel_id, "dm_channels.channel_id")?,
            last_seen_message_id: self
                .last_seen_message_id
                .map(|id| snowflake(id, "dm_channels.last_seen_message_id"))
                .transpose()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_are_read_back_by_id_only() {
        for each in Area::ALL {
            assert_eq!(area(each.id()).unwrap(), each);
        }
        assert!(area("pcp").is_err(), "an alias is not a stored value");
    }

    #[test]
    fn every_payload_round_trips_through_its_columns() {
        let prompt_id: PromptId = "pcp-what-matters".parse().unwrap();
        for payload in [
            Payload::Prompt {
                prompt_id,
                area: Area::Digital,
            },
            Payload::Checkin,
            Payload::Notice {
                text: "Check-ins are off.".into(),
            },
        ] {
            let (prompt, area, json) = payload_columns(&payload);
            let back = payload_from(prompt.map(str::to_owned), area.map(str::to_owned), json);
            assert_eq!(back.unwrap(), payload);
        }
        assert!(payload_from(None, None, Some("{\"type\":\"digest\"}".into())).is_err());
        assert!(payload_from(None, None, None).is_err());
    }

    #[test]
    fn only_the_members_own_moves_close_a_delivery() {
        assert!(closed_by_member(DeliveryStatus::Answered));
        assert!(closed_by_member(DeliveryStatus::NotRelevant));
        assert!(!closed_by_member(DeliveryStatus::Failed));
        assert!(!closed_by_member(DeliveryStatus::Expired));
    }
}
