//! The inbox contract: a message is recorded once per event, waits oldest first until it is
//! processed or has failed too often, and (see `raw.rs`) keeps no text once processed. No
//! roster is imported: a DM from someone not on it is recorded too, so it can be answered.

use std::sync::Arc;

use mindlines::domain::inbox::{InboundKind, InboundMessage};
use mindlines::store::{InboxItem, Store};

use crate::fixtures::{at, id};

/// Message `n` of member 3 in the bot's DM channel, written `hours` after the fixture epoch.
pub fn message(n: u64, hours: i64) -> InboundMessage {
    InboundMessage {
        message_id: 900_000_000_000_000_000 + n,
        channel_id: 800_000_000_000_000_001,
        author: id(3),
        kind: InboundKind::Created,
        content: format!("reply {n}\nsecond line — ✓"),
        reply_to: n.is_multiple_of(2).then_some(700_000_000_000_000_000 + n),
        written_at: at(hours),
    }
}

fn item(message: &InboundMessage, attempts: u32) -> InboxItem {
    InboxItem {
        event_key: message.event_key(),
        message: message.clone(),
        attempts,
    }
}

async fn queue(store: &Arc<dyn Store>, max_attempts: u32, limit: u32) -> Vec<InboxItem> {
    store
        .unprocessed_inbound(max_attempts, limit)
        .await
        .unwrap()
}

pub async fn recording_an_event_twice_is_a_no_op(store: Arc<dyn Store>) {
    let created = message(1, 0);
    assert!(store.record_inbound(&created, at(0)).await.unwrap());
    let redelivered = InboundMessage {
        content: "a different text".into(),
        ..created.clone()
    };
    assert!(!store.record_inbound(&redelivered, at(1)).await.unwrap());
    assert_eq!(queue(&store, 5, 0).await, vec![item(&created, 0)]);

    // An edit is a new event of the same message, one per distinct edit.
    let edited = InboundMessage {
        kind: InboundKind::Edited,
        content: "reply 1, edited".into(),
        written_at: at(2),
        ..created.clone()
    };
    assert!(store.record_inbound(&edited, at(2)).await.unwrap());
    assert!(!store.record_inbound(&edited, at(3)).await.unwrap());

    // Still a no-op once processed: the key outlives the text.
    store
        .mark_inbound_processed(&created.event_key(), at(4))
        .await
        .unwrap();
    assert!(!store.record_inbound(&created, at(5)).await.unwrap());
    assert_eq!(queue(&store, 5, 0).await, vec![item(&edited, 0)]);
}

pub async fn unprocessed_items_come_oldest_first_below_max_attempts(store: Arc<dyn Store>) {
    // Written in one order, received in another: the queue follows receipt.
    let (m1, m2, m3) = (message(1, 0), message(2, 1), message(3, 2));
    store.record_inbound(&m1, at(12)).await.unwrap();
    store.record_inbound(&m2, at(10)).await.unwrap();
    store.record_inbound(&m3, at(11)).await.unwrap();

    let all = vec![item(&m2, 0), item(&m3, 0), item(&m1, 0)];
    assert_eq!(queue(&store, 3, 0).await, all, "limit 0 is no limit");
    assert_eq!(queue(&store, 3, 2).await, all[..2].to_vec());

    let key = m2.event_key();
    for hour in [13, 14] {
        let failed = store.mark_inbound_failed(&key, "timeout", 10, at(hour));
        failed.await.unwrap();
    }
    assert_eq!(queue(&store, 2, 0).await, vec![item(&m3, 0), item(&m1, 0)]);
    let retried = vec![item(&m2, 2), item(&m3, 0), item(&m1, 0)];
    assert_eq!(queue(&store, 3, 0).await, retried);
    assert!(
        queue(&store, 0, 0).await.is_empty(),
        "max 0 lets nothing through"
    );
}

pub async fn failures_count_attempts_and_processed_items_leave_the_queue(store: Arc<dyn Store>) {
    let (m1, m2) = (message(1, 0), message(2, 1));
    store.record_inbound(&m1, at(0)).await.unwrap();
    store.record_inbound(&m2, at(1)).await.unwrap();
    let (key, long_error) = (m1.event_key(), "e".repeat(10_000));
    for error in ["http-503", long_error.as_str(), "parse"] {
        let failed = store.mark_inbound_failed(&key, error, 10, at(2));
        failed.await.unwrap();
    }
    assert_eq!(queue(&store, 10, 0).await[0], item(&m1, 3));

    store.mark_inbound_processed(&key, at(3)).await.unwrap();
    assert_eq!(queue(&store, 10, 0).await, vec![item(&m2, 0)]);
    // A late failure report for a processed item does not bring it back.
    let late = store.mark_inbound_failed(&key, "late", 10, at(4));
    late.await.unwrap();
    assert_eq!(queue(&store, 10, 0).await, vec![item(&m2, 0)]);

    // Unknown keys are not an error: there is simply nothing to mark.
    store
        .mark_inbound_processed("create:1", at(5))
        .await
        .unwrap();
    store
        .mark_inbound_failed("create:1", "x", 10, at(5))
        .await
        .unwrap();
}
