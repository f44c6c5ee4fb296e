//! The schedule half of the outbox contract: schedules round-trip exactly, the scheduler finds
//! the right ones, and an advance records each due occurrence once however many schedulers race.

use std::sync::Arc;

use chrono::{Weekday, WeekdaySet};
use mindlines::domain::delivery::DeliveryStatus;
use mindlines::domain::member::MemberStatus;
use mindlines::domain::schedule::{
    BankHolidayRegion, Cadence, ChosenWeekdays, DateRange, LocalTime, Pause, PauseKind, QuietHours,
    Schedule,
};
use mindlines::store::{ScheduleAdvance, ScheduleState, Store};

use crate::fixtures::{at, id};
use crate::outbox_fixtures::{date, members_of, new_delivery, save_weekly, state, with_cohort};

fn hm(h: u32, m: u32) -> LocalTime {
    LocalTime::new(h, m).unwrap()
}

/// Every cadence kind, with the other fields varied away from their defaults.
fn varied_states() -> Vec<ScheduleState> {
    let mon_thu = WeekdaySet::from_array([Weekday::Mon, Weekday::Thu]);
    let pauses = vec![
        Pause::new(PauseKind::Nights, DateRange::single_day(date(2026, 6, 1))),
        Pause::new(
            PauseKind::Leave,
            DateRange::new(date(2026, 4, 1), Some(date(2026, 4, 14))).unwrap(),
        ),
        Pause::until_further_notice(PauseKind::Other, date(2026, 9, 1)),
    ];
    let weekdays = Schedule {
        cadence: Cadence::Weekdays(ChosenWeekdays::new(mon_thu).unwrap()),
        local_time: hm(7, 45),
        timezone: chrono_tz::America::New_York,
        region: BankHolidayRegion::None,
        pauses,
        quiet_hours: Some(QuietHours::new(hm(22, 0), hm(7, 0)).unwrap()),
    };
    let fortnightly = Schedule {
        cadence: Cadence::fortnightly_from(Weekday::Fri, date(2026, 3, 4)),
        local_time: hm(16, 5),
        timezone: chrono_tz::Europe::Dublin,
        region: BankHolidayRegion::NorthernIreland,
        pauses: vec![Pause::new(
            PauseKind::Leave,
            DateRange::single_day(date(2026, 3, 13)),
        )],
        quiet_hours: Some(QuietHours::new(hm(12, 0), hm(13, 30)).unwrap()),
    };
    let weekly = Schedule {
        cadence: Cadence::Weekly(Weekday::Sun),
        region: BankHolidayRegion::Scotland,
        ..Schedule::default()
    };
    [
        (3, weekdays, Some(5)),
        (4, fortnightly, None),
        (5, weekly, Some(1)),
    ]
    .into_iter()
    .map(|(n, schedule, next)| ScheduleState {
        member: id(n),
        schedule,
        next_due: next.map(at),
        checked_until: at(next.unwrap_or(0) - 1),
    })
    .collect()
}

pub async fn schedules_round_trip_exactly(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let states = varied_states();
    for state in &states {
        store.save_schedule(state).await.unwrap();
    }
    for state in &states {
        let stored = store.schedule_of(state.member).await.unwrap();
        assert_eq!(stored.as_ref(), Some(state));
    }
    let default = state(1, Cadence::default(), Some(2));
    store.save_schedule(&default).await.unwrap();
    assert_eq!(store.schedule_of(id(1)).await.unwrap(), Some(default));
    assert_eq!(store.schedule_of(id(2)).await.unwrap(), None);
}

pub async fn saving_again_replaces_the_rule_and_its_pauses(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let mut state = varied_states().remove(0);
    store.save_schedule(&state).await.unwrap();
    state.schedule.pauses.truncate(1);
    state.schedule.quiet_hours = None;
    state.schedule.cadence = Cadence::Weekly(Weekday::Wed);
    state.next_due = None;
    store.save_schedule(&state).await.unwrap();
    assert_eq!(store.schedule_of(state.member).await.unwrap(), Some(state));
}

pub async fn trainees_without_schedule_are_active_trainees_only(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let waiting = || store.trainees_without_schedule();
    assert_eq!(members_of(waiting().await.unwrap()), [3, 4, 5]);
    save_weekly(&store, 4, Some(1)).await;
    save_weekly(&store, 1, Some(1)).await; // a supervisor's schedule changes nothing
    assert_eq!(members_of(waiting().await.unwrap()), [3, 5]);
    store
        .set_member_status(id(5), MemberStatus::Left, None, at(1))
        .await
        .unwrap();
    assert_eq!(members_of(waiting().await.unwrap()), [3]);
}

pub async fn due_schedules_are_active_oldest_first_and_limited(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    // Member 4 has several pauses, so several joined rows: the limit must count schedules.
    let mut paused = varied_states().remove(0);
    paused.member = id(4);
    paused.next_due = Some(at(2));
    store.save_schedule(&paused).await.unwrap();
    save_weekly(&store, 3, Some(5)).await;
    save_weekly(&store, 5, Some(3)).await;
    save_weekly(&store, 1, None).await;
    save_weekly(&store, 2, Some(10)).await;

    let due = |now, limit| store.due_schedules(at(now), limit);
    let members = |states: Vec<ScheduleState>| members_of(states.iter().map(|s| s.member));
    assert_eq!(members(due(5, 10).await.unwrap()), [4, 5, 3]);
    assert_eq!(members(due(2, 10).await.unwrap()), [4], "at or before now");
    let first_two = due(5, 2).await.unwrap();
    assert_eq!(members(first_two.clone()), [4, 5]);
    assert_eq!(first_two[0], paused, "pauses come whole");
    assert_eq!(members(due(100, 10).await.unwrap()), [4, 5, 3, 2]);

    store
        .set_member_status(id(5), MemberStatus::Unreachable, None, at(1))
        .await
        .unwrap();
    assert_eq!(
        members(due(5, 10).await.unwrap()),
        [4, 3],
        "active members only"
    );
}

fn advance(n: u64, expected: Option<i64>, next: Option<i64>, key: Option<&str>) -> ScheduleAdvance {
    ScheduleAdvance {
        member: id(n),
        expected_next_due: expected.map(at),
        next_due: next.map(at),
        checked_until: at(expected.unwrap_or(0)),
        delivery: key.map(|key| new_delivery(n, key, expected.unwrap_or(0))),
    }
}

pub async fn an_advance_records_its_delivery_once(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    save_weekly(&store, 3, Some(1)).await;
    let first = advance(3, Some(1), Some(169), Some("2026-03-03"));
    let recorded = store.advance_schedule(&first).await.unwrap();
    let recorded = recorded.expect("the first advance records the delivery");

    let stored = store.schedule_of(id(3)).await.unwrap().unwrap();
    assert_eq!(
        (stored.next_due, stored.checked_until),
        (Some(at(169)), at(1))
    );
    let deliveries = store.deliveries_of(id(3)).await.unwrap();
    assert_eq!(deliveries.len(), 1);
    let delivery = &deliveries[0];
    assert_eq!(
        (delivery.id, delivery.status),
        (recorded, DeliveryStatus::Pending)
    );
    assert_eq!((delivery.attempts, delivery.next_attempt_at), (0, at(1)));

    // The same advance again loses the compare-and-set and changes nothing.
    assert_eq!(store.advance_schedule(&first).await.unwrap(), None);
    assert_eq!(store.schedule_of(id(3)).await.unwrap(), Some(stored));
    // A winning advance whose occurrence exists moves the cursor but records nothing.
    let again = advance(3, Some(169), Some(337), Some("2026-03-03"));
    assert_eq!(store.advance_schedule(&again).await.unwrap(), None);
    let stored = store.schedule_of(id(3)).await.unwrap().unwrap();
    assert_eq!(stored.next_due, Some(at(337)));
    assert_eq!(store.deliveries_of(id(3)).await.unwrap().len(), 1);
}

pub async fn the_cursor_compares_missing_instants_as_equal(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    save_weekly(&store, 4, None).await;
    // Expecting an instant when none is stored loses…
    let wrong = advance(4, Some(1), Some(5), Some("a"));
    assert_eq!(store.advance_schedule(&wrong).await.unwrap(), None);
    // …expecting none wins, and an advance to none is stored as none.
    let resumed = advance(4, None, Some(5), None);
    assert_eq!(store.advance_schedule(&resumed).await.unwrap(), None);
    assert_eq!(
        store.schedule_of(id(4)).await.unwrap().unwrap().next_due,
        Some(at(5))
    );
    let paused = advance(4, Some(5), None, Some("b"));
    assert!(store.advance_schedule(&paused).await.unwrap().is_some());
    assert_eq!(
        store.schedule_of(id(4)).await.unwrap().unwrap().next_due,
        None
    );
    assert!(
        store
            .deliveries_of(id(4))
            .await
            .unwrap()
            .iter()
            .all(|d| d.occurrence_key == "b")
    );
    // No schedule at all: nothing to advance, nothing recorded.
    let unscheduled = advance(5, None, Some(5), Some("c"));
    assert_eq!(store.advance_schedule(&unscheduled).await.unwrap(), None);
    assert!(store.deliveries_of(id(5)).await.unwrap().is_empty());
}

pub async fn racing_advances_record_exactly_once(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    save_weekly(&store, 3, Some(0)).await;
    for round in 0..20i64 {
        // Each racer carries its own occurrence key, so only the compare-and-set can stop the
        // loser from recording.
        let racers = (0..2).map(|racer| {
            let store = store.clone();
            let key = format!("round-{round}-racer-{racer}");
            let advance = advance(3, Some(round), Some(round + 1), Some(&key));
            tokio::spawn(async move { store.advance_schedule(&advance).await })
        });
        let results = futures::future::join_all(racers).await;
        let recorded: Vec<i64> = results
            .into_iter()
            .filter_map(|joined| joined.unwrap().expect("no advance fails"))
            .collect();
        assert_eq!(recorded.len(), 1, "round {round}: exactly one advance wins");
    }
    assert_eq!(store.deliveries_of(id(3)).await.unwrap().len(), 20);
}

pub async fn follow_up_weeks_are_kept_per_member(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    assert_eq!(
        store.followup_weeks(id(3)).await.unwrap(),
        None,
        "never chosen"
    );
    store.set_followup_weeks(id(3), 4).await.unwrap();
    store.set_followup_weeks(id(4), 0).await.unwrap();
    assert_eq!(store.followup_weeks(id(3)).await.unwrap(), Some(4));
    assert_eq!(store.followup_weeks(id(4)).await.unwrap(), Some(0));
    store.set_followup_weeks(id(3), 8).await.unwrap();
    assert_eq!(store.followup_weeks(id(3)).await.unwrap(), Some(8));
    assert_eq!(store.followup_weeks(id(5)).await.unwrap(), None);
}
