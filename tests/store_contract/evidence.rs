//! The evidence contract: entries read back exactly, a duplicated event records one entry, and
//! an entry of someone else behaves exactly like one that does not exist. Each test takes a
//! fresh, empty store and imports the fixture cohort first.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use mindlines::domain::curriculum::Area;
use mindlines::domain::evidence::{EvidenceEntry, EvidenceSource, Tag};
use mindlines::domain::member::DiscordId;
use mindlines::store::{EvidenceFilter, NewEvidence, Store};

use crate::fixtures::{at, id};

#[path = "evidence_fixtures.rs"]
mod fixtures;
pub use fixtures::{DIGITAL, WELLBEING, add, answer, entry, outcome, with_cohort};

#[path = "evidence_isolation.rs"]
mod isolation;
pub use isolation::other_members_entries_behave_as_missing;

#[path = "evidence_concurrency.rs"]
mod concurrency;
pub use concurrency::{concurrent_duplicates_record_one_entry, concurrent_edits_lose_no_version};

pub(crate) async fn entry_of(store: &Arc<dyn Store>, member: DiscordId, id: i64) -> EvidenceEntry {
    store
        .evidence_entry(member, id)
        .await
        .unwrap()
        .expect("entry")
}

pub(crate) fn all() -> EvidenceFilter {
    EvidenceFilter::default()
}

pub async fn an_entry_reads_back_exactly(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let answers = vec![
        answer("What happened?", "Line one\nline two\n\n— “quoted” 🩺 café"),
        answer("So what?", ""),
        answer("Now what?", "Ask first; then listen.\tTabbed."),
    ];
    let new = NewEvidence {
        source: EvidenceSource::DirectMessage,
        delivery_id: Some(41),
        prompt_id: Some("pcp-personal-vs-personalised".parse().unwrap()),
        prompt_text: Some("What made today's care *personal*?\nThink of one moment.".into()),
        answers: answers.clone(),
        ..entry(
            3,
            "dm:1001",
            2,
            &[DIGITAL, WELLBEING, outcome(3), outcome(7)],
        )
    };
    let id3 = add(&store, &new).await;

    let expected = EvidenceEntry {
        id: id3,
        member: id(3),
        source: EvidenceSource::DirectMessage,
        prompt_id: new.prompt_id.clone(),
        prompt_text: new.prompt_text.clone(),
        answers,
        tags: new.tags.clone(),
        shared_with_supervisor: false,
        to_discuss: false,
        follows_up: None,
        created_at: at(2),
        updated_at: at(2),
    };
    assert_eq!(entry_of(&store, id(3), id3).await, expected);
    let by_source = store.evidence_by_source(id(3), "dm:1001").await.unwrap();
    assert_eq!(by_source, Some(expected.clone()));
    assert_eq!(store.evidence_by_source(id(3), "dm:9").await.unwrap(), None);
    let (listed, total) = store.evidence_of(id(3), &all()).await.unwrap();
    assert_eq!((listed, total), (vec![expected], 1));
}

pub async fn a_duplicate_source_key_records_once(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let first = add(&store, &entry(3, "form:77", 1, &[DIGITAL])).await;
    let before = entry_of(&store, id(3), first).await;

    let again = NewEvidence {
        answers: vec![answer("What?", "a different text")],
        ..entry(3, "form:77", 5, &[WELLBEING])
    };
    assert_eq!(store.add_evidence(&again).await.unwrap(), (first, false));
    assert_eq!(
        entry_of(&store, id(3), first).await,
        before,
        "nothing changed"
    );
    assert_eq!(store.evidence_of(id(3), &all()).await.unwrap().1, 1);
}

pub async fn listing_filters_by_tag_and_time_and_pages_with_a_total(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let mut ids = Vec::new();
    for hour in 0..6 {
        let tags: &[Tag] = if hour % 2 == 0 {
            &[DIGITAL]
        } else {
            &[outcome(2)]
        };
        ids.push(add(&store, &entry(3, &format!("form:{hour}"), hour, tags)).await);
    }
    add(&store, &entry(4, "form:other", 3, &[DIGITAL])).await;
    let listed = |filter: EvidenceFilter| {
        let store = store.clone();
        async move {
            let (entries, total) = store.evidence_of(id(3), &filter).await.unwrap();
            (entries.iter().map(|e| e.id).collect::<Vec<_>>(), total)
        }
    };
    let newest_first: Vec<i64> = ids.iter().rev().copied().collect();
    assert_eq!(listed(all()).await, (newest_first.clone(), 6));

    let digital = EvidenceFilter {
        tag: Some(DIGITAL),
        ..all()
    };
    assert_eq!(listed(digital).await, (vec![ids[4], ids[2], ids[0]], 3));
    let window = EvidenceFilter {
        since: Some(at(1)),
        until: Some(at(4)),
        ..all()
    };
    assert_eq!(listed(window).await, (vec![ids[3], ids[2], ids[1]], 3));

    let page = |offset, limit| EvidenceFilter {
        offset,
        limit,
        ..all()
    };
    assert_eq!(listed(page(0, 2)).await, (newest_first[..2].to_vec(), 6));
    assert_eq!(listed(page(4, 2)).await, (newest_first[4..].to_vec(), 6));
    assert_eq!(listed(page(2, 0)).await, (newest_first[2..].to_vec(), 6));
    assert_eq!(listed(page(10, 2)).await, (vec![], 6), "past the end");
}

pub async fn updating_answers_keeps_revisions_in_order(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let entry_id = add(&store, &entry(3, "form:1", 0, &[DIGITAL])).await;
    let original = entry_of(&store, id(3), entry_id).await.answers;
    let second = vec![answer("What?", "second\nversion ✓")];
    let third = vec![answer("What?", "third version")];

    assert!(
        store
            .update_evidence_answers(id(3), entry_id, &second, at(1))
            .await
            .unwrap()
    );
    assert!(
        store
            .update_evidence_answers(id(3), entry_id, &third, at(2))
            .await
            .unwrap()
    );

    let now = entry_of(&store, id(3), entry_id).await;
    assert_eq!(now.answers, third);
    assert_eq!((now.created_at, now.updated_at), (at(0), at(2)));
    assert_eq!(now.tags, [DIGITAL].into(), "tags untouched");
    let revisions = store.evidence_revisions(id(3), entry_id).await.unwrap();
    assert_eq!(revisions, vec![(at(1), original), (at(2), second)]);
    let missing = store.update_evidence_answers(id(3), i64::MAX, &third, at(3));
    assert!(!missing.await.unwrap());
}

pub async fn deleting_removes_the_entry_and_its_revisions(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let gone = add(&store, &entry(3, "form:1", 0, &[DIGITAL, outcome(1)])).await;
    let kept = add(&store, &entry(3, "form:2", 1, &[WELLBEING])).await;
    let edited = vec![answer("What?", "edited")];
    store
        .update_evidence_answers(id(3), gone, &edited, at(2))
        .await
        .unwrap();

    assert!(store.delete_evidence(id(3), gone).await.unwrap());
    assert_eq!(store.evidence_entry(id(3), gone).await.unwrap(), None);
    assert!(
        store
            .evidence_revisions(id(3), gone)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        !store.delete_evidence(id(3), gone).await.unwrap(),
        "already gone"
    );
    let counts = store.evidence_counts(id(3)).await.unwrap();
    assert_eq!(counts, BTreeMap::from([(Area::Wellbeing, 1)]));
    let (left, total) = store.evidence_of(id(3), &all()).await.unwrap();
    assert_eq!(
        (left.iter().map(|e| e.id).collect(), total),
        (vec![kept], 1)
    );
}

pub async fn sharing_and_unsharing(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let entry_id = add(&store, &entry(3, "form:1", 0, &[])).await;
    assert!(
        store
            .set_evidence_shared(id(3), entry_id, true, at(1))
            .await
            .unwrap()
    );
    let shared = entry_of(&store, id(3), entry_id).await;
    assert!(shared.shared_with_supervisor);
    assert_eq!(shared.updated_at, at(1));
    assert!(
        store
            .set_evidence_shared(id(3), entry_id, false, at(2))
            .await
            .unwrap()
    );
    assert!(
        !entry_of(&store, id(3), entry_id)
            .await
            .shared_with_supervisor
    );
}

pub async fn setting_tags_replaces_them(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let entry_id = add(&store, &entry(3, "form:1", 0, &[DIGITAL, outcome(4)])).await;
    let new_tags: BTreeSet<Tag> = [WELLBEING, outcome(6), outcome(7)].into();
    assert!(
        store
            .set_evidence_tags(id(3), entry_id, &new_tags, at(1))
            .await
            .unwrap()
    );
    let tagged = entry_of(&store, id(3), entry_id).await;
    assert_eq!((tagged.tags, tagged.updated_at), (new_tags, at(1)));

    let none = BTreeSet::new();
    let cleared = store.set_evidence_tags(id(3), entry_id, &none, at(2));
    assert!(cleared.await.unwrap());
    assert!(entry_of(&store, id(3), entry_id).await.tags.is_empty());
    assert!(store.evidence_counts(id(3)).await.unwrap().is_empty());
}

pub async fn counts_are_per_area_and_per_member(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    add(
        &store,
        &entry(3, "form:1", 0, &[DIGITAL, WELLBEING, outcome(1)]),
    )
    .await;
    add(&store, &entry(3, "form:2", 1, &[DIGITAL, outcome(1)])).await;
    add(&store, &entry(3, "form:3", 2, &[outcome(2)])).await;
    add(&store, &entry(4, "form:4", 2, &[WELLBEING, DIGITAL])).await;

    let counts = store.evidence_counts(id(3)).await.unwrap();
    let expected = BTreeMap::from([(Area::Digital, 2), (Area::Wellbeing, 1)]);
    assert_eq!(
        counts, expected,
        "outcomes are not areas; member 4 is not counted"
    );
    assert!(store.evidence_counts(id(5)).await.unwrap().is_empty());
}

pub async fn not_relevant_is_idempotent_and_per_member(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let prompt = "pcp-personal-vs-personalised".parse().unwrap();
    let other = "digital-one-small-change".parse().unwrap();
    store
        .mark_not_relevant(id(3), &prompt, at(1))
        .await
        .unwrap();
    store
        .mark_not_relevant(id(3), &prompt, at(2))
        .await
        .unwrap();
    store.mark_not_relevant(id(3), &other, at(3)).await.unwrap();

    let marked = store.not_relevant_prompts(id(3)).await.unwrap();
    assert_eq!(marked, [prompt, other].into());
    assert!(store.not_relevant_prompts(id(4)).await.unwrap().is_empty());
}
