//! The retention contract: each period of `app::retention` on the simulated clock — inbox
//! text left unprocessed, check-in notes, check-in scores, and the evidence of members who
//! left the roster, counted from when they left.

use std::sync::Arc;

use chrono::{Duration, Months};
use mindlines::app::retention::{RetentionSettings, apply_retention};
use mindlines::clock::{Clock, SimulatedClock};
use mindlines::domain::member::MemberStatus;
use mindlines::store::{EvidenceFilter, Store};

use crate::evidence::{add, answer, entry, with_cohort};
use crate::fixtures::{at, id};
use crate::inbox::message;

fn clock() -> SimulatedClock {
    SimulatedClock::starting_at(at(0))
}

async fn pass(
    store: &Arc<dyn Store>,
    clock: &SimulatedClock,
) -> mindlines::app::retention::RetentionReport {
    apply_retention(&**store, RetentionSettings::default(), clock.now())
        .await
        .unwrap()
}

async fn entries_of(store: &Arc<dyn Store>, member: u64) -> u32 {
    store
        .evidence_of(id(member), &EvidenceFilter::default())
        .await
        .unwrap()
        .1
}

pub async fn unprocessed_inbox_text_goes_after_the_safety_net(store: Arc<dyn Store>) {
    let clock = clock();
    assert!(
        store
            .record_inbound(&message(1, 0), clock.now())
            .await
            .unwrap()
    );
    clock.advance(Duration::days(7) - Duration::hours(1));
    assert_eq!(pass(&store, &clock).await.inbox_texts, 0);
    assert_eq!(store.unprocessed_inbound(8, 0).await.unwrap().len(), 1);
    clock.advance(Duration::hours(2));
    assert_eq!(pass(&store, &clock).await.inbox_texts, 1);
    assert!(
        store.unprocessed_inbound(8, 0).await.unwrap().is_empty(),
        "never retried without its text"
    );
    assert!(store.held_messages(id(3)).await.unwrap().is_empty());
    // The key stays, so the same event is still recognised.
    assert!(
        !store
            .record_inbound(&message(1, 0), clock.now())
            .await
            .unwrap()
    );
}

pub async fn check_in_notes_and_scores_go_after_their_periods(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let clock = clock();
    assert!(
        store
            .record_checkin_score(id(3), 1, 4, clock.now())
            .await
            .unwrap()
    );
    assert!(store.add_checkin_note(id(3), 1, "a note").await.unwrap());
    clock.advance(Duration::days(89));
    assert_eq!(pass(&store, &clock).await, Default::default());
    clock.advance(Duration::days(2));
    assert_eq!(pass(&store, &clock).await.checkin_notes, 1);
    let kept = store.checkin_records(id(3)).await.unwrap();
    assert_eq!(
        (kept.len(), kept[0].note.as_deref()),
        (1, None),
        "the score stays for now"
    );
    clock.advance(Duration::days(275)); // day 366
    assert_eq!(pass(&store, &clock).await.checkin_answers, 1);
    assert!(store.checkin_records(id(3)).await.unwrap().is_empty());
}

pub async fn a_leavers_evidence_goes_months_after_they_left(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let clock = clock();
    for member in [3, 4, 5] {
        let kept = add(&store, &entry(member, &format!("form:{member}"), 0, &[])).await;
        let edit = [answer("What?", "edited")];
        assert!(
            store
                .update_evidence_answers(id(member), kept, &edit, at(1))
                .await
                .unwrap()
        );
    }
    let leave = |member, status| store.set_member_status(id(member), status, None, clock.now());
    leave(3, MemberStatus::Left).await.unwrap();
    leave(4, MemberStatus::Left).await.unwrap();
    assert_eq!(
        store.roster_dates(id(3)).await.unwrap().unwrap().left_at,
        Some(at(0))
    );
    clock.advance(Duration::days(30));
    // Member 4 comes back: their period is cancelled.
    let rejoin = store.set_member_status(id(4), MemberStatus::Active, None, clock.now());
    rejoin.await.unwrap();
    assert_eq!(
        store.roster_dates(id(4)).await.unwrap().unwrap().left_at,
        None
    );
    clock.set(at(0).checked_add_months(Months::new(6)).unwrap() - Duration::hours(1));
    assert_eq!(pass(&store, &clock).await.leavers_entries, 0);
    clock.advance(Duration::hours(2));
    assert_eq!(pass(&store, &clock).await.leavers_entries, 1);
    assert_eq!(entries_of(&store, 3).await, 0, "the leaver's entry went");
    assert!(
        store.revisions_of(id(3)).await.unwrap().is_empty(),
        "with its revisions"
    );
    assert_eq!(
        entries_of(&store, 4).await,
        1,
        "one who came back keeps theirs"
    );
    assert_eq!(
        entries_of(&store, 5).await,
        1,
        "one who never left keeps theirs"
    );
}
