//! Schedules and deliveries for the outbox contract tests, built on the roster cohort
//! (trainees 3, 4 and 5; supervisors 1 and 2; admin 8).

use std::sync::Arc;

use chrono::{NaiveDate, Weekday};
use mindlines::domain::curriculum::Area;
use mindlines::domain::delivery::{Delivery, DeliveryKind, NewDelivery, Payload};
use mindlines::domain::member::DiscordId;
use mindlines::domain::prompt::PromptId;
use mindlines::domain::schedule::{Cadence, Schedule};
use mindlines::store::{ScheduleState, Store};

use crate::fixtures::{at, cohort, id};

/// A store holding the roster cohort.
pub async fn with_cohort(store: &Arc<dyn Store>) {
    store
        .import_roster(&cohort(), None, at(0))
        .await
        .expect("import succeeds");
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn prompt(name: &str) -> PromptId {
    name.parse().expect("a well-formed prompt id")
}

/// The payload of a prompt delivery.
pub fn prompt_payload(name: &str, area: Area) -> Payload {
    Payload::Prompt {
        prompt_id: prompt(name),
        area,
    }
}

/// A scheduled delivery of prompt `pcp-one` to member `n`, due `due` hours after the epoch.
pub fn new_delivery(n: u64, key: &str, due: i64) -> NewDelivery {
    NewDelivery {
        member: id(n),
        occurrence_key: key.to_owned(),
        kind: DeliveryKind::Scheduled,
        payload: prompt_payload("pcp-one", Area::PersonCentredPractice),
        due_at: at(due),
        follows: None,
    }
}

/// Records a delivery that must be new; its id.
pub async fn record(store: &Arc<dyn Store>, delivery: &NewDelivery) -> i64 {
    store
        .record_delivery(delivery)
        .await
        .expect("record succeeds")
        .expect("the occurrence is new")
}

/// Records `delivery` and marks it sent `sent` hours after the epoch, in channel 77 as message
/// 1000 + its id; its id.
pub async fn record_sent(store: &Arc<dyn Store>, delivery: &NewDelivery, sent: i64) -> i64 {
    let id = record(store, delivery).await;
    store
        .mark_delivery_sent(id, 77, message_of(id), at(sent))
        .await
        .expect("mark sent");
    id
}

/// The message id [`record_sent`] gives a delivery.
pub fn message_of(delivery: i64) -> u64 {
    1000 + delivery as u64
}

/// The stored delivery, which must exist.
pub async fn fetch(store: &Arc<dyn Store>, id: i64) -> Delivery {
    store.delivery(id).await.unwrap().expect("delivery exists")
}

/// Member `n`'s schedule with the default rule but `cadence`, checked up to the epoch.
pub fn state(n: u64, cadence: Cadence, next_due: Option<i64>) -> ScheduleState {
    ScheduleState {
        member: id(n),
        schedule: Schedule {
            cadence,
            ..Schedule::default()
        },
        next_due: next_due.map(at),
        checked_until: at(0),
    }
}

/// A weekly-on-Tuesday schedule for member `n`, saved.
pub async fn save_weekly(store: &Arc<dyn Store>, n: u64, next_due: Option<i64>) {
    let state = state(n, Cadence::Weekly(Weekday::Tue), next_due);
    store.save_schedule(&state).await.expect("save succeeds");
}

/// The members (as cohort numbers) of some schedules or deliveries, in order.
pub fn members_of(members: impl IntoIterator<Item = DiscordId>) -> Vec<u64> {
    members.into_iter().map(|m| m.0 % 1000).collect()
}
