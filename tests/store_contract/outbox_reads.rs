//! The reading half of the outbox contract: a delivery reads back exactly as recorded, a click
//! or reply finds the delivery it is about, reminders are chosen once, the prompt history
//! behind "no repeats" counts only what reached the member, and the DM channel cache.

use std::collections::BTreeMap;
use std::sync::Arc;

use mindlines::domain::curriculum::Area;
use mindlines::domain::delivery::{Delivery, DeliveryKind, DeliveryStatus, NewDelivery};
use mindlines::store::{DmChannel, Store};

use crate::fixtures::{at, id};
use crate::outbox_fixtures::{
    fetch, message_of, new_delivery, prompt, prompt_payload, record, record_sent, with_cohort,
};

fn of_kind(kind: DeliveryKind, key: &str, follows: Option<i64>) -> NewDelivery {
    NewDelivery {
        kind,
        follows,
        ..new_delivery(3, key, 1)
    }
}

pub async fn a_delivery_reads_back_as_recorded(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let original = record(&store, &new_delivery(3, "2026-03-03", 1)).await;
    let snooze = NewDelivery {
        occurrence_key: format!("snooze:{original}"),
        kind: DeliveryKind::Snoozed,
        payload: prompt_payload("wellbeing-energy", Area::Wellbeing),
        follows: Some(original),
        ..new_delivery(3, "", 4)
    };
    let id_ = record(&store, &snooze).await;
    assert_eq!(
        fetch(&store, id_).await,
        Delivery {
            id: id_,
            member: id(3),
            occurrence_key: snooze.occurrence_key.clone(),
            kind: DeliveryKind::Snoozed,
            payload: prompt_payload("wellbeing-energy", Area::Wellbeing),
            status: DeliveryStatus::Pending,
            due_at: at(4),
            follows: Some(original),
            attempts: 0,
            next_attempt_at: at(4),
            channel_id: None,
            message_id: None,
            sent_at: None,
            closed_at: None,
            last_error: None,
        }
    );
    assert_eq!(store.delivery(id_ + 1000).await.unwrap(), None);
    let newest_first: Vec<i64> = store
        .deliveries_of(id(3))
        .await
        .unwrap()
        .iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(newest_first, [id_, original]);
}

pub async fn a_prompt_message_finds_its_delivery(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let sent = record_sent(&store, &new_delivery(3, "a", 1), 1).await;
    record_sent(&store, &new_delivery(4, "a", 1), 1).await;
    let found = store.delivery_by_message(message_of(sent)).await.unwrap();
    assert_eq!(found.map(|d| (d.id, d.member)), Some((sent, id(3))));
    assert_eq!(store.delivery_by_message(999_999).await.unwrap(), None);
}

pub async fn the_latest_open_delivery_is_the_newest_still_sent(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    record_sent(&store, &new_delivery(3, "a", 1), 1).await;
    let open = record_sent(&store, &new_delivery(3, "b", 3), 3).await;
    let answered = record_sent(&store, &new_delivery(3, "c", 5), 5).await;
    store
        .set_delivery_status(answered, DeliveryStatus::Answered, None, at(6))
        .await
        .unwrap();
    record(&store, &new_delivery(3, "d", 6)).await; // pending: not on Discord yet
    record_sent(&store, &new_delivery(4, "a", 7), 7).await; // someone else's

    let latest = |since| store.latest_open_delivery(id(3), at(since));
    assert_eq!(latest(0).await.unwrap().map(|d| d.id), Some(open));
    assert_eq!(
        latest(3).await.unwrap().map(|d| d.id),
        Some(open),
        "at `since` counts"
    );
    assert_eq!(latest(4).await.unwrap(), None);
    assert_eq!(
        store.latest_open_delivery(id(5), at(0)).await.unwrap(),
        None
    );
}

pub async fn reminders_go_once_to_old_unanswered_prompts(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let scheduled = record_sent(&store, &of_kind(DeliveryKind::Scheduled, "s", None), 1).await;
    let early = record_sent(&store, &of_kind(DeliveryKind::OnRequest, "e", None), 2).await;
    let snoozed = record_sent(
        &store,
        &of_kind(DeliveryKind::Snoozed, "z", Some(scheduled)),
        3,
    )
    .await;
    let fresh = record_sent(&store, &of_kind(DeliveryKind::Scheduled, "f", None), 10).await;
    let answered = record_sent(&store, &of_kind(DeliveryKind::Scheduled, "x", None), 1).await;
    store
        .set_delivery_status(answered, DeliveryStatus::Answered, None, at(2))
        .await
        .unwrap();
    record(&store, &of_kind(DeliveryKind::Scheduled, "p", None)).await; // never sent

    let store = &store;
    let awaiting = |limit| async move {
        let found = store
            .deliveries_awaiting_reminder(at(5), limit)
            .await
            .unwrap();
        found.iter().map(|d| d.id).collect::<Vec<_>>()
    };
    assert_eq!(
        awaiting(10).await,
        [scheduled, early, snoozed],
        "oldest sent first"
    );

    // A reminder is itself sent and unanswered, but never gets a reminder of its own.
    let reminder = of_kind(DeliveryKind::Reminder, "r", Some(scheduled));
    record_sent(store, &reminder, 4).await;
    assert_eq!(awaiting(10).await, [early, snoozed]);
    assert_eq!(awaiting(1).await, [early]);
    let later = store
        .deliveries_awaiting_reminder(at(10), 10)
        .await
        .unwrap();
    assert_eq!(later.last().map(|d| d.id), Some(fresh));
}

pub async fn prompt_history_counts_prompts_that_reached_the_member(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let with_prompt = |name: &str, key: &str, due| NewDelivery {
        payload: prompt_payload(name, Area::PersonCentredPractice),
        ..new_delivery(3, key, due)
    };
    record_sent(&store, &with_prompt("asked-twice", "a", 1), 1).await;
    record_sent(&store, &with_prompt("asked-twice", "b", 30), 31).await;
    let answered = record_sent(&store, &with_prompt("answered", "c", 5), 6).await;
    store
        .set_delivery_status(answered, DeliveryStatus::Answered, None, at(7))
        .await
        .unwrap();
    record(&store, &with_prompt("still-pending", "d", 40)).await;
    let failed = record(&store, &with_prompt("failed", "e", 2)).await;
    store
        .set_delivery_status(failed, DeliveryStatus::Failed, Some("http_400"), at(2))
        .await
        .unwrap();
    record(&store, &with_prompt("withdrawn", "f", 2)).await;
    store.cancel_pending_deliveries(id(3), at(3)).await.unwrap();
    let elsewhere = NewDelivery {
        payload: prompt_payload("someone-elses", Area::PersonCentredPractice),
        ..new_delivery(4, "a", 1)
    };
    record_sent(&store, &elsewhere, 1).await;

    let history = store.prompt_history(id(3)).await.unwrap();
    let expected = BTreeMap::from([(prompt("answered"), at(6)), (prompt("asked-twice"), at(31))]);
    assert_eq!(history, expected);
    assert!(store.prompt_history(id(5)).await.unwrap().is_empty());
}

pub async fn dm_channels_are_cached_and_their_cursor_only_moves_forward(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let big = i64::MAX as u64;
    store.save_dm_channel(id(3), 500).await.unwrap();
    store.save_dm_channel(id(3), 500).await.unwrap();
    store.save_dm_channel(id(4), big).await.unwrap();
    assert_eq!(store.dm_channel(id(3)).await.unwrap(), Some(500));
    assert_eq!(store.dm_channel(id(4)).await.unwrap(), Some(big));
    assert_eq!(store.dm_channel(id(5)).await.unwrap(), None);

    let store = &store;
    let cursor = |channel| async move {
        let channels = store.dm_channels().await.unwrap();
        let found = channels.iter().find(|c| c.channel_id == channel);
        found.expect("channel cached").last_seen_message_id
    };
    for (message, expected) in [(900, 900), (800, 900), (900, 900), (1000, 1000)] {
        store.advance_dm_cursor(500, message).await.unwrap();
        assert_eq!(
            cursor(500).await,
            Some(expected),
            "after offering {message}"
        );
    }
    store.advance_dm_cursor(big, big - 1).await.unwrap();
    store.advance_dm_cursor(12345, 1).await.unwrap(); // an unknown channel changes nothing
    store.save_dm_channel(id(3), 500).await.unwrap(); // re-saving keeps the cursor
    assert_eq!(
        store.dm_channels().await.unwrap(),
        [
            DmChannel {
                member: id(3),
                channel_id: 500,
                last_seen_message_id: Some(1000)
            },
            DmChannel {
                member: id(4),
                channel_id: big,
                last_seen_message_id: Some(big - 1)
            },
        ]
    );
    // A new channel for the member starts reading afresh.
    store.save_dm_channel(id(3), 600).await.unwrap();
    assert_eq!(cursor(600).await, None);
}
