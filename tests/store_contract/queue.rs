//! The outbound queue contract: every kind of message rides the same queue (dedupe key, claim,
//! lease, status); a check-in or notice is never taken for an open prompt; cancelling one kind
//! leaves the others; and a delivery cancelled while it is being sent stays cancelled.

use std::sync::Arc;

use chrono::Duration;
use mindlines::domain::delivery::{DeliveryKind, DeliveryStatus, NewDelivery, Payload};
use mindlines::store::Store;

use crate::fixtures::{at, id};
use crate::outbox_fixtures::{fetch, new_delivery, record, record_sent, with_cohort};

fn checkin(n: u64, key: &str, due: i64) -> NewDelivery {
    NewDelivery {
        kind: DeliveryKind::Checkin,
        payload: Payload::Checkin,
        ..new_delivery(n, key, due)
    }
}

fn notice(n: u64, key: &str, due: i64, text: &str) -> NewDelivery {
    NewDelivery {
        kind: DeliveryKind::Notice,
        payload: Payload::Notice { text: text.into() },
        ..new_delivery(n, key, due)
    }
}

pub async fn every_kind_rides_the_same_queue(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let prompt = record(&store, &new_delivery(3, "2026-03-03", 1)).await;
    let check = record(&store, &checkin(3, "checkin:2026-03-06", 2)).await;
    let note = record(&store, &notice(3, "notice:stop", 3, "Check-ins are off.")).await;
    // The dedupe key holds for every kind.
    let again = checkin(3, "checkin:2026-03-06", 9);
    assert_eq!(store.record_delivery(&again).await.unwrap(), None);

    let claimed = store
        .claim_pending_deliveries(at(5), at(5) + Duration::seconds(60), 10)
        .await
        .unwrap();
    let ids: Vec<i64> = claimed.iter().map(|d| d.id).collect();
    assert_eq!(
        ids,
        vec![prompt, check, note],
        "oldest due first, whatever the kind"
    );
    assert!(claimed.iter().all(|d| d.attempts == 1));
    assert_eq!(claimed[1].payload, Payload::Checkin);
    assert_eq!(
        claimed[2].payload,
        Payload::Notice {
            text: "Check-ins are off.".into()
        }
    );
    assert_eq!(claimed[1].prompt(), None);
}

pub async fn a_check_in_is_never_taken_for_an_open_prompt(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let prompt = record_sent(&store, &new_delivery(3, "2026-03-03", 1), 1).await;
    record_sent(&store, &checkin(3, "checkin:2026-03-06", 2), 2).await;
    let open = store.latest_open_delivery(id(3), at(0)).await.unwrap();
    assert_eq!(
        open.map(|d| d.id),
        Some(prompt),
        "the newer check-in is passed over"
    );
    let history = store.prompt_history(id(3)).await.unwrap();
    assert_eq!(
        history.len(),
        1,
        "a check-in is not a prompt that was asked"
    );
}

pub async fn cancelling_one_kind_leaves_the_others(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let prompt = record(&store, &new_delivery(3, "2026-03-03", 1)).await;
    let first = record(&store, &checkin(3, "checkin:a", 2)).await;
    let second = record(&store, &checkin(3, "checkin:b", 3)).await;
    let someone_elses = record(&store, &checkin(4, "checkin:a", 2)).await;
    let cancelled = store
        .cancel_pending_of_kind(id(3), DeliveryKind::Checkin, at(4))
        .await
        .unwrap();
    assert_eq!(cancelled, 2);
    for expired in [first, second] {
        assert_eq!(fetch(&store, expired).await.status, DeliveryStatus::Expired);
    }
    for untouched in [prompt, someone_elses] {
        assert_eq!(
            fetch(&store, untouched).await.status,
            DeliveryStatus::Pending
        );
    }
}

pub async fn a_delivery_cancelled_mid_send_stays_cancelled(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let check = record(&store, &checkin(3, "checkin:a", 1)).await;
    let claimed = store
        .claim_pending_deliveries(at(2), at(2) + Duration::seconds(60), 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    // Consent is withdrawn while the sender is posting it…
    store
        .cancel_pending_of_kind(id(3), DeliveryKind::Checkin, at(2))
        .await
        .unwrap();
    // …and the post lands: where it landed is recorded, but it is not reopened.
    store
        .mark_delivery_sent(check, 77, 1234, at(2))
        .await
        .unwrap();
    let stored = fetch(&store, check).await;
    assert_eq!(stored.status, DeliveryStatus::Expired);
    assert_eq!(stored.message_id, Some(1234));
}
