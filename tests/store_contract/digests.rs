//! The digest store contract: the week's facts per supervisee, the subscription's cursor moved
//! once with the week's messages queued once, unsubscribing cancels what is unsent, a team's
//! activity joins the roster, and (on SQLite, where the planner is predictable on small
//! tables) no digest statement scans all evidence.

use std::sync::Arc;

use chrono::{NaiveTime, Weekday};
use mindlines::domain::curriculum::Area;
use mindlines::domain::delivery::{DeliveryKind, DeliveryStatus, NewDelivery, Payload};
use mindlines::domain::evidence::Tag;
use mindlines::domain::wellbeing::checkins::CheckinPlan;
use mindlines::store::{DigestPeriod, Store};

use crate::evidence::{DIGITAL, WELLBEING, add, entry, with_cohort};
use crate::fixtures::{at, id};
use crate::outbox_fixtures::{fetch, new_delivery, record, record_sent};

/// The week of hours 168–336, with the eight weeks behind it.
fn week() -> DigestPeriod {
    DigestPeriod {
        start: at(168),
        end: at(336),
        recent_since: at(336 - 8 * 168),
    }
}

fn digest(member: u64, key: &str, supervisee: Option<u64>) -> NewDelivery {
    NewDelivery {
        kind: DeliveryKind::Digest,
        payload: Payload::Digest {
            until: at(336),
            supervisee: supervisee.map(id),
        },
        ..new_delivery(member, key, 336)
    }
}

pub async fn the_weeks_facts_count_prompts_areas_and_shared_scores(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    // Trainee 4: two prompts sent this week (one answered), one last week, one snoozed away.
    let answered = record_sent(&store, &new_delivery(4, "w-a", 170), 170).await;
    record_sent(&store, &new_delivery(4, "w-b", 200), 200).await;
    record_sent(&store, &new_delivery(4, "old", 20), 20).await;
    let snoozed = record_sent(&store, &new_delivery(4, "w-c", 210), 210).await;
    for (delivery, status) in [
        (answered, DeliveryStatus::Answered),
        (snoozed, DeliveryStatus::Snoozed),
    ] {
        store
            .set_delivery_status(delivery, status, None, at(220))
            .await
            .unwrap();
    }
    // Entries: two this week, one earlier in the eight weeks, none after the week.
    add(&store, &entry(4, "e1", 180, &[DIGITAL, WELLBEING])).await;
    add(&store, &entry(4, "e2", 190, &[DIGITAL])).await;
    add(&store, &entry(4, "e3", 30, &[Tag::Area(Area::Leadership)])).await;
    add(&store, &entry(4, "future", 400, &[DIGITAL])).await;
    // Trainee 5 shares check-ins; trainee 4 does not (and their scores stay out).
    let plan = CheckinPlan::default_from(chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
    for member in [4, 5] {
        store
            .consent_to_checkins(id(member), "v", &plan, None, at(0))
            .await
            .unwrap();
        let checkin = NewDelivery {
            kind: DeliveryKind::Checkin,
            payload: Payload::Checkin,
            ..new_delivery(member, "ci", 175)
        };
        let delivery = record(&store, &checkin).await;
        store
            .record_checkin_score(id(member), delivery, 2, at(176))
            .await
            .unwrap();
    }
    store.set_checkin_sharing(id(5), true).await.unwrap();

    // Rhys joined one case discussion this week and one before it.
    for (thread, first) in [(9_001, 180), (9_002, 20)] {
        let case = store
            .open_case(&mindlines::domain::case::NewCase {
                team: "Hillcrest PCN".into(),
                channel_id: 9_000,
                thread_id: thread,
                title: "A case".into(),
                template: "wisegp".into(),
                domains: vec![Area::Digital],
                lead: id(2),
                at: at(first),
            })
            .await
            .unwrap()
            .expect("the team exists");
        store
            .add_case_contributor(case, id(4), at(first))
            .await
            .unwrap();
        store
            .add_case_contributor(case, id(4), at(first + 5))
            .await
            .unwrap();
    }

    let facts = store.digest_facts(id(2), None, week()).await.unwrap();
    let names: Vec<&str> = facts
        .iter()
        .map(|f| f.member.display_name.as_str())
        .collect();
    assert_eq!(names, ["Rhys Evans", "Siobhan Byrne"], "by name");
    let rhys = &facts[0];
    assert_eq!((rhys.prompts_sent, rhys.prompts_answered), (2, 1));
    assert_eq!(rhys.areas_this_week.get(&Area::Digital), Some(&2));
    assert_eq!(rhys.areas_this_week.get(&Area::Wellbeing), Some(&1));
    assert_eq!(rhys.areas_this_week.get(&Area::Leadership), None);
    assert_eq!(rhys.areas_recent.get(&Area::Leadership), Some(&1));
    assert_eq!(
        rhys.areas_total.get(&Area::Digital),
        Some(&2),
        "the future entry is not counted"
    );
    assert_eq!(rhys.checkin_scores, None, "not shared");
    assert_eq!(rhys.cases_joined, (1, 2), "one this week, two in all");
    let siobhan = &facts[1];
    assert_eq!(siobhan.checkin_scores, Some(vec![2]));
    assert_eq!(siobhan.prompts_sent, 0);

    let only = store
        .digest_facts(id(2), Some(id(5)), week())
        .await
        .unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].member.discord_id, id(5));
    // Asking about someone else's supervisee gives nothing.
    assert!(
        store
            .digest_facts(id(1), Some(id(5)), week())
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn the_subscription_cursor_moves_once_and_queues_the_week_once(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
    store
        .subscribe_digest(id(2), Weekday::Mon, eight, at(336), at(0))
        .await
        .unwrap();
    assert!(store.due_digests(at(335), 10).await.unwrap().is_empty());
    let due = store.due_digests(at(336), 10).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!((due[0].weekday, due[0].local_time), (Weekday::Mon, eight));
    let week = [
        digest(2, "digest:2026-W11", None),
        digest(2, "digest:2026-W11:4", Some(4)),
        digest(2, "digest:2026-W11:5", Some(5)),
    ];
    let first = store
        .advance_digest(id(2), at(336), at(504), &week)
        .await
        .unwrap();
    assert_eq!(first.len(), 3);
    // A second scheduler with the same view moves nothing and queues nothing.
    let second = store
        .advance_digest(id(2), at(336), at(504), &week)
        .await
        .unwrap();
    assert!(second.is_empty());
    // Even with the cursor put back (a restore, a resubscribe), the week's keys hold.
    store
        .subscribe_digest(id(2), Weekday::Mon, eight, at(336), at(340))
        .await
        .unwrap();
    let again = store
        .advance_digest(id(2), at(336), at(504), &week)
        .await
        .unwrap();
    assert!(again.is_empty());
    let stored = fetch(&store, first[1]).await;
    assert_eq!(
        stored.payload,
        Payload::Digest {
            until: at(336),
            supervisee: Some(id(4))
        }
    );
    assert_eq!(stored.kind, DeliveryKind::Digest);
}

pub async fn unsubscribing_cancels_unsent_digests(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
    store
        .subscribe_digest(id(2), Weekday::Fri, eight, at(336), at(0))
        .await
        .unwrap();
    let ids = store
        .advance_digest(id(2), at(336), at(504), &[digest(2, "digest:w", None)])
        .await
        .unwrap();
    let prompt = record(&store, &new_delivery(2, "p", 1)).await;
    assert!(store.unsubscribe_digest(id(2), at(337)).await.unwrap());
    assert!(!store.unsubscribe_digest(id(2), at(337)).await.unwrap());
    assert!(store.digest_subscription(id(2)).await.unwrap().is_none());
    assert_eq!(fetch(&store, ids[0]).await.status, DeliveryStatus::Expired);
    assert_eq!(fetch(&store, prompt).await.status, DeliveryStatus::Pending);
    assert!(store.due_digests(at(1000), 10).await.unwrap().is_empty());
}

pub async fn team_activity_is_the_teams_entries_and_scores(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    add(&store, &entry(4, "h1", 10, &[DIGITAL, WELLBEING])).await;
    add(&store, &entry(5, "h2", 11, &[DIGITAL])).await;
    add(&store, &entry(3, "r1", 12, &[DIGITAL])).await; // another team
    add(&store, &entry(4, "old", -100, &[DIGITAL])).await; // before the period
    let activity = store
        .team_activity("Hillcrest PCN", at(0), at(100))
        .await
        .unwrap();
    assert_eq!(activity.team_size, 3, "two trainees and their supervisor");
    assert_eq!(activity.entries.len(), 2);
    assert!(
        activity
            .entries
            .iter()
            .any(|(m, areas)| *m == id(4) && areas.len() == 2)
    );
    assert!(activity.entries.iter().all(|(m, _)| *m != id(3)));
}

pub async fn no_digest_statement_scans_all_evidence(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let plan = store.explain_digest_facts(id(2), week()).await.unwrap();
    assert!(!plan.is_empty());
    if store.backend() != "sqlite" {
        // PostgreSQL plans small tables by cost, so a scan here says nothing; the benchmark
        // prints its plans over a year of evidence instead.
        return;
    }
    let scans: Vec<&String> = plan
        .iter()
        .filter(|line| {
            let step = line.split_once(": ").map_or(line.as_str(), |(_, s)| s);
            step.starts_with("SCAN") && !step.contains("USING COVERING INDEX")
        })
        .collect();
    assert!(scans.is_empty(), "full scans: {scans:#?}\nplan: {plan:#?}");
}
