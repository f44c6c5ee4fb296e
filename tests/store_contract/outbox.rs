//! The sending half of the outbox contract: deliveries are recorded once, claimed under a lease
//! by one sender at a time, and moved on by the sender and by the member.

use std::collections::BTreeSet;
use std::sync::Arc;

use mindlines::domain::curriculum::Area;

use mindlines::domain::delivery::{Delivery, DeliveryStatus, NewDelivery};
use mindlines::store::Store;

use crate::fixtures::{at, id};
use crate::outbox_fixtures::{
    fetch, new_delivery, prompt, prompt_payload, record, record_sent, with_cohort,
};

pub async fn a_duplicate_occurrence_key_records_nothing(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let first = new_delivery(3, "2026-03-03", 1);
    assert!(store.record_delivery(&first).await.unwrap().is_some());
    let again = NewDelivery {
        payload: prompt_payload("another-prompt", Area::PersonCentredPractice),
        ..new_delivery(3, "2026-03-03", 2)
    };
    assert_eq!(store.record_delivery(&again).await.unwrap(), None);
    let stored = store.deliveries_of(id(3)).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].prompt().map(|(p, _)| p.clone()),
        Some(prompt("pcp-one")),
        "the first one stands"
    );
    // The key is unique per member, not across members.
    assert!(
        store
            .record_delivery(&new_delivery(4, "2026-03-03", 1))
            .await
            .unwrap()
            .is_some()
    );
}

async fn claim(store: &Arc<dyn Store>, now: i64, lease: i64, limit: u32) -> Vec<Delivery> {
    store
        .claim_pending_deliveries(at(now), at(lease), limit)
        .await
        .expect("claim succeeds")
}

fn ids(deliveries: &[Delivery]) -> Vec<i64> {
    deliveries.iter().map(|d| d.id).collect()
}

pub async fn claimed_deliveries_wait_for_their_lease(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let early = record(&store, &new_delivery(3, "a", 1)).await;
    let later = record(&store, &new_delivery(4, "a", 2)).await;
    let future = record(&store, &new_delivery(5, "a", 10)).await;

    let claimed = claim(&store, 3, 4, 10).await;
    assert_eq!(ids(&claimed), [early, later], "due ones, oldest first");
    assert!(
        claimed
            .iter()
            .all(|d| d.attempts == 1 && d.next_attempt_at == at(4))
    );
    assert!(claim(&store, 3, 4, 10).await.is_empty(), "leased meanwhile");
    assert_eq!(fetch(&store, early).await.next_attempt_at, at(4));

    // A sender that never reported back: the lease runs out and the work is claimed again.
    let reclaimed = claim(&store, 4, 5, 10).await;
    assert_eq!(ids(&reclaimed), [early, later]);
    assert!(reclaimed.iter().all(|d| d.attempts == 2));
    assert_eq!(
        ids(&claim(&store, 10, 11, 10).await),
        [early, later, future]
    );
}

pub async fn claims_take_the_oldest_due_first(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let mut expected = Vec::new();
    for (n, due) in [(3, 5), (4, 2), (5, 2), (3, 1)] {
        let key = format!("due-{due}");
        expected.push((due, record(&store, &new_delivery(n, &key, due)).await));
    }
    expected.sort();
    let order: Vec<i64> = expected.iter().map(|(_, id)| *id).collect();
    assert_eq!(ids(&claim(&store, 6, 7, 1).await), order[..1]);
    assert_eq!(ids(&claim(&store, 6, 7, 2).await), order[1..3]);
    assert_eq!(ids(&claim(&store, 6, 7, 5).await), order[3..]);
}

pub async fn concurrent_claimers_never_share_a_delivery(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    for n in 0..200i64 {
        let member = [3, 4, 5][n as usize % 3];
        record(&store, &new_delivery(member, &format!("load-{n}"), n % 7)).await;
    }
    let claimers = (0..4).map(|_| {
        let store = store.clone();
        tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let batch = claim(&store, 10, 1000, 7).await;
                if batch.is_empty() {
                    return mine;
                }
                mine.extend(ids(&batch));
            }
        })
    });
    let mut all = Vec::new();
    for claimed in futures::future::join_all(claimers).await {
        all.extend(claimed.unwrap());
    }
    let distinct: BTreeSet<i64> = all.iter().copied().collect();
    assert_eq!(distinct.len(), all.len(), "a delivery was claimed twice");
    assert_eq!(all.len(), 200, "together the claimers took everything");
    assert!(claim(&store, 10, 1000, 7).await.is_empty());
}

pub async fn retries_and_sending_move_a_delivery_on(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let id_ = record(&store, &new_delivery(3, "a", 1)).await;
    claim(&store, 1, 2, 10).await;
    store
        .reschedule_delivery(id_, at(5), "http_503")
        .await
        .unwrap();
    let waiting = fetch(&store, id_).await;
    assert_eq!(waiting.status, DeliveryStatus::Pending);
    assert_eq!(
        (waiting.next_attempt_at, waiting.last_error.as_deref()),
        (at(5), Some("http_503"))
    );
    assert!(
        claim(&store, 4, 6, 10).await.is_empty(),
        "not before the retry time"
    );
    assert_eq!(ids(&claim(&store, 5, 6, 10).await), [id_]);

    let big = i64::MAX as u64;
    store
        .mark_delivery_sent(id_, big - 1, big, at(5))
        .await
        .unwrap();
    let sent = fetch(&store, id_).await;
    assert_eq!(sent.status, DeliveryStatus::Sent);
    assert_eq!(
        (sent.channel_id, sent.message_id, sent.sent_at),
        (Some(big - 1), Some(big), Some(at(5)))
    );
    assert_eq!(sent.attempts, 2);
    assert!(
        claim(&store, 100, 101, 10).await.is_empty(),
        "sent is not pending"
    );
    assert!(
        store
            .mark_delivery_sent(id_, u64::MAX, 1, at(5))
            .await
            .is_err(),
        "refused, not wrapped"
    );
}

pub async fn member_moves_close_a_delivery_and_sender_outcomes_do_not(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let answered = record_sent(&store, &new_delivery(3, "a", 1), 1).await;
    store
        .reschedule_delivery(answered, at(1), "http_429")
        .await
        .unwrap();
    let set = |id, status, error| store.set_delivery_status(id, status, error, at(6));
    assert!(set(answered, DeliveryStatus::Answered, None).await.unwrap());
    let closed = fetch(&store, answered).await;
    assert_eq!(
        (closed.status, closed.closed_at),
        (DeliveryStatus::Answered, Some(at(6)))
    );
    assert_eq!(
        closed.last_error.as_deref(),
        Some("http_429"),
        "kept when none is given"
    );

    for status in [
        DeliveryStatus::Skipped,
        DeliveryStatus::Snoozed,
        DeliveryStatus::NotRelevant,
    ] {
        let id_ = record_sent(&store, &new_delivery(4, status.slug(), 1), 1).await;
        assert!(set(id_, status, None).await.unwrap());
        assert_eq!(
            fetch(&store, id_).await.closed_at,
            Some(at(6)),
            "{status:?}"
        );
    }
    let unreachable = record(&store, &new_delivery(5, "a", 1)).await;
    assert!(
        set(
            unreachable,
            DeliveryStatus::Unreachable,
            Some("discord_50007")
        )
        .await
        .unwrap()
    );
    let stored = fetch(&store, unreachable).await;
    assert_eq!(
        (stored.status, stored.closed_at),
        (DeliveryStatus::Unreachable, None)
    );
    assert_eq!(stored.last_error.as_deref(), Some("discord_50007"));
    assert!(
        !set(unreachable + 1000, DeliveryStatus::Failed, None)
            .await
            .unwrap(),
        "no such delivery"
    );
}

pub async fn cancelling_expires_only_pending_deliveries(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let pending = [
        record(&store, &new_delivery(3, "a", 1)).await,
        record(&store, &new_delivery(3, "b", 50)).await,
    ];
    let sent = record_sent(&store, &new_delivery(3, "c", 1), 2).await;
    let others = record(&store, &new_delivery(4, "a", 1)).await;

    assert_eq!(
        store.cancel_pending_deliveries(id(3), at(3)).await.unwrap(),
        2
    );
    for id_ in pending {
        let cancelled = fetch(&store, id_).await;
        assert_eq!(
            (cancelled.status, cancelled.closed_at),
            (DeliveryStatus::Expired, Some(at(3)))
        );
    }
    assert_eq!(fetch(&store, sent).await.status, DeliveryStatus::Sent);
    assert_eq!(
        ids(&claim(&store, 100, 101, 10).await),
        [others],
        "another member's stays"
    );
    assert_eq!(
        store.cancel_pending_deliveries(id(3), at(4)).await.unwrap(),
        0
    );

    // A send already under way when the member withdrew lands, and is remembered, but the
    // delivery stays cancelled.
    store
        .mark_delivery_sent(pending[0], 77, 4242, at(4))
        .await
        .unwrap();
    let landed = fetch(&store, pending[0]).await;
    assert_eq!(
        (landed.status, landed.message_id),
        (DeliveryStatus::Expired, Some(4242))
    );
}
