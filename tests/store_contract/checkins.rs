//! The check-in store contract: consent is a history and withdrawal cancels queued check-ins
//! in the same transaction; answers are kept once per check-in; team scores join the roster;
//! retention removes notes, then whole answers, by their periods.

use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use mindlines::domain::delivery::{DeliveryKind, DeliveryStatus, NewDelivery, Payload};
use mindlines::domain::wellbeing::checkins::CheckinPlan;
use mindlines::store::Store;

use crate::fixtures::{at, id};
use crate::outbox_fixtures::{fetch, new_delivery, record, with_cohort};

fn plan() -> CheckinPlan {
    CheckinPlan::default_from(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap())
}

fn checkin(n: u64, key: &str) -> NewDelivery {
    NewDelivery {
        kind: DeliveryKind::Checkin,
        payload: Payload::Checkin,
        ..new_delivery(n, key, 1)
    }
}

pub async fn withdrawing_consent_cancels_queued_check_ins_and_keeps_others(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    store
        .consent_to_checkins(id(3), "v1", &plan(), Some(at(10)), at(0))
        .await
        .unwrap();
    let state = store.wellbeing_of(id(3)).await.unwrap().unwrap();
    assert!(state.consented_to("v1") && !state.consented_to("v2"));
    assert_eq!(state.plan, plan());
    let queued = record(&store, &checkin(3, "checkin:a")).await;
    let prompt = record(&store, &new_delivery(3, "2026-03-03", 1)).await;
    let cancelled = store.withdraw_checkins(id(3), at(2)).await.unwrap();
    assert_eq!(cancelled, 1);
    assert_eq!(fetch(&store, queued).await.status, DeliveryStatus::Expired);
    assert_eq!(fetch(&store, prompt).await.status, DeliveryStatus::Pending);
    let state = store.wellbeing_of(id(3)).await.unwrap().unwrap();
    assert_eq!(state.consent_version, None);
    assert_eq!(state.next_due, None);
    assert!(store.due_checkins(at(100), 10).await.unwrap().is_empty());
}

pub async fn the_cursor_moves_once_and_queues_once(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    store
        .consent_to_checkins(id(3), "v1", &plan(), Some(at(10)), at(0))
        .await
        .unwrap();
    assert_eq!(store.due_checkins(at(9), 10).await.unwrap().len(), 0);
    assert_eq!(store.due_checkins(at(10), 10).await.unwrap().len(), 1);
    let new = checkin(3, "checkin:2026-03-06");
    let first = store
        .advance_checkins(id(3), at(10), Some(at(300)), at(10), Some(&new))
        .await
        .unwrap();
    assert!(first.is_some());
    // A second scheduler that saw the same due row moves nothing and queues nothing.
    let second = store
        .advance_checkins(id(3), at(10), Some(at(300)), at(10), Some(&new))
        .await
        .unwrap();
    assert_eq!(second, None);
}

pub async fn answers_are_kept_once_and_go_by_their_periods(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    for (n, member) in [(1, 3), (2, 4), (3, 5)] {
        assert!(
            store
                .record_checkin_score(id(member), n, 2, at(n))
                .await
                .unwrap()
        );
    }
    assert!(
        !store
            .record_checkin_score(id(3), 1, 5, at(4))
            .await
            .unwrap(),
        "kept once"
    );
    assert!(store.add_checkin_note(id(3), 1, "a note").await.unwrap());
    assert!(
        !store
            .add_checkin_note(id(4), 1, "not theirs")
            .await
            .unwrap()
    );
    let mine = store.checkin_answers(id(3), at(0)).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!((mine[0].score, mine[0].has_note), (2, true));

    let hillcrest = store
        .team_checkin_scores("Hillcrest PCN", at(0), at(10))
        .await
        .unwrap();
    assert_eq!(hillcrest.len(), 2, "members 4 and 5 only");

    let (notes, rows) = store
        .purge_checkins(at(2), at(0) - Duration::days(1))
        .await
        .unwrap();
    assert_eq!((notes, rows), (1, 0));
    assert!(!store.checkin_answers(id(3), at(0)).await.unwrap()[0].has_note);
    let (_, rows) = store.purge_checkins(at(10), at(3)).await.unwrap();
    assert_eq!(rows, 2, "answers before hour 3 go");
    assert_eq!(store.checkin_answers(id(5), at(0)).await.unwrap().len(), 1);
}
