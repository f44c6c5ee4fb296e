//! The supervision store contract: a supervisor reaches a trainee's entry only while the
//! entry is shared and the roster links them, at the moment of asking; comments stay with the
//! entry; flagging "want to discuss" shares it and an answer settles it.
//!
//! Cohort: supervisor 1 supervises trainee 3; supervisor 2 supervises trainees 4 and 5.

use std::sync::Arc;

use mindlines::domain::supervision::CommentKind;
use mindlines::store::{DigestPeriod, Store};

use crate::evidence::{DIGITAL, WELLBEING, add, entry, with_cohort};
use crate::fixtures::{at, cohort, id};

fn period(from: i64, to: i64) -> DigestPeriod {
    DigestPeriod {
        start: at(from),
        end: at(to),
        recent_since: at(from - 24 * 49),
    }
}

/// Entries: trainee 3 shared and private, trainee 4 shared. Returns their ids.
async fn seeded(store: &Arc<dyn Store>) -> (i64, i64, i64) {
    with_cohort(store).await;
    let shared3 = add(store, &entry(3, "s3", 1, &[DIGITAL])).await;
    let private3 = add(store, &entry(3, "p3", 2, &[WELLBEING])).await;
    let shared4 = add(store, &entry(4, "s4", 3, &[DIGITAL])).await;
    for (member, entry) in [(3, shared3), (4, shared4)] {
        assert!(
            store
                .set_evidence_shared(id(member), entry, true, at(4))
                .await
                .unwrap()
        );
    }
    (shared3, private3, shared4)
}

pub async fn a_supervisor_reaches_only_their_supervisees_shared_entries(store: Arc<dyn Store>) {
    let (shared3, private3, shared4) = seeded(&store).await;
    let mut unauthorised = 0;
    for (supervisor, entry, allowed) in [
        (1, shared3, true),
        (1, private3, false),
        (1, shared4, false),
        (2, shared3, false),
        (2, shared4, true),
        (3, shared3, false), // a trainee is not their own supervisor
        (8, shared4, false), // nor is the admin anyone's
    ] {
        let read = store.shared_entry(id(supervisor), entry).await.unwrap();
        assert_eq!(read.is_some(), allowed, "read {entry} as {supervisor}");
        let kept = store
            .add_comment(
                id(supervisor),
                entry,
                CommentKind::Acknowledged,
                None,
                at(5),
            )
            .await
            .unwrap();
        assert_eq!(kept.is_some(), allowed, "answer {entry} as {supervisor}");
        if !allowed && (read.is_some() || kept.is_some()) {
            unauthorised += 1;
        }
    }
    assert_eq!(unauthorised, 0);
    let entry = store.shared_entry(id(1), shared3).await.unwrap().unwrap();
    assert_eq!(entry.member, id(3));
    assert!(entry.shared_with_supervisor);
}

pub async fn a_removed_link_or_an_unshare_ends_access_at_once(store: Arc<dyn Store>) {
    let (shared3, _, shared4) = seeded(&store).await;
    store
        .add_comment(id(1), shared3, CommentKind::Comment, Some("Good."), at(5))
        .await
        .unwrap()
        .expect("kept while linked");
    // Trainee 3 is imported again with no supervisor: the link goes, and with it access.
    let mut rows = cohort();
    rows.iter_mut()
        .filter(|r| r.discord_id == id(3))
        .for_each(|r| r.supervisor = None);
    store.import_roster(&rows, None, at(6)).await.unwrap();
    assert!(store.shared_entry(id(1), shared3).await.unwrap().is_none());
    let late = store
        .add_comment(id(1), shared3, CommentKind::Comment, Some("Late."), at(7))
        .await
        .unwrap();
    assert!(late.is_none());
    assert!(
        store
            .digest_facts(id(1), None, period(0, 100))
            .await
            .unwrap()
            .is_empty()
    );
    // The comment stays with the trainee's entry: it is their evidence.
    assert_eq!(store.comments_on(id(3), shared3).await.unwrap().len(), 1);

    // Unsharing hides the entry from the supervisor who still has the link.
    assert!(
        store
            .set_evidence_shared(id(4), shared4, false, at(8))
            .await
            .unwrap()
    );
    assert!(store.shared_entry(id(2), shared4).await.unwrap().is_none());
    let facts = store
        .digest_facts(id(2), None, period(0, 100))
        .await
        .unwrap();
    assert!(facts.iter().all(|f| f.shared.is_empty()));
}

pub async fn comments_read_back_in_order_for_their_owner_only(store: Arc<dyn Store>) {
    let (shared3, _, shared4) = seeded(&store).await;
    store
        .add_comment(id(1), shared3, CommentKind::Acknowledged, None, at(5))
        .await
        .unwrap();
    store
        .add_comment(
            id(1),
            shared3,
            CommentKind::Comment,
            Some("Try the huddle again."),
            at(6),
        )
        .await
        .unwrap();
    let comments = store.comments_on(id(3), shared3).await.unwrap();
    assert_eq!(comments.len(), 2);
    assert_eq!(comments[0].kind, CommentKind::Acknowledged);
    assert_eq!(comments[0].body, None);
    assert_eq!(comments[1].body.as_deref(), Some("Try the huddle again."));
    assert_eq!(comments[1].author, id(1));
    assert_eq!(comments[1].author_name.as_deref(), Some("Dr Priya Raman"));
    assert_eq!(comments[1].at, at(6));
    // Another member asking about the entry gets nothing.
    assert!(store.comments_on(id(4), shared3).await.unwrap().is_empty());
    let all = store.comments_of(id(3)).await.unwrap();
    assert_eq!(all.keys().copied().collect::<Vec<_>>(), vec![shared3]);
    assert!(store.comments_of(id(4)).await.unwrap().is_empty());
    assert!(store.comments_on(id(4), shared4).await.unwrap().is_empty());
}

pub async fn discussing_shares_and_an_answer_settles_it(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let private = add(&store, &entry(3, "d3", 1, &[DIGITAL])).await;
    assert!(store.shared_entry(id(1), private).await.unwrap().is_none());
    assert!(
        store
            .set_evidence_discuss(id(3), private, true, at(2))
            .await
            .unwrap()
    );
    let entry = store.evidence_entry(id(3), private).await.unwrap().unwrap();
    assert!(entry.shared_with_supervisor && entry.to_discuss);
    assert!(store.shared_entry(id(1), private).await.unwrap().is_some());
    // Someone else's entry cannot be flagged.
    assert!(
        !store
            .set_evidence_discuss(id(4), private, true, at(2))
            .await
            .unwrap()
    );

    // A digest long after still lists it, waiting for a word…
    let later = period(500, 668);
    let facts = store.digest_facts(id(1), None, later).await.unwrap();
    assert_eq!(facts[0].shared.len(), 1);
    assert!(facts[0].shared[0].to_discuss);
    // …until the supervisor answers; then only the week it was shared lists it.
    store
        .add_comment(id(1), private, CommentKind::Acknowledged, None, at(3))
        .await
        .unwrap();
    let facts = store.digest_facts(id(1), None, later).await.unwrap();
    assert!(facts[0].shared.is_empty());
    let facts = store
        .digest_facts(id(1), None, period(0, 100))
        .await
        .unwrap();
    assert_eq!(facts[0].shared.len(), 1);
    assert!(!facts[0].shared[0].to_discuss);

    // Unsharing takes the flag back too.
    store
        .set_evidence_discuss(id(3), private, true, at(9))
        .await
        .unwrap();
    store
        .set_evidence_shared(id(3), private, false, at(10))
        .await
        .unwrap();
    let entry = store.evidence_entry(id(3), private).await.unwrap().unwrap();
    assert!(!entry.shared_with_supervisor && !entry.to_discuss);
}
