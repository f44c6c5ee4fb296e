//! Evidence under concurrent writers: Discord may deliver one event twice at once, and a member
//! may save two edits at once. Neither may record twice or lose a version.

use std::sync::Arc;

use mindlines::domain::evidence::Answer;
use mindlines::store::Store;

use super::{DIGITAL, add, all, answer, entry, entry_of, outcome, with_cohort};
use crate::fixtures::{at, id};

pub async fn concurrent_duplicates_record_one_entry(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let new = entry(3, "dm:5150", 0, &[DIGITAL, outcome(1)]);
    let attempts = (0..8).map(|_| store.add_evidence(&new));
    let results = futures::future::join_all(attempts).await;

    let results: Vec<(i64, bool)> = results.into_iter().map(Result::unwrap).collect();
    assert_eq!(results.iter().filter(|(_, created)| *created).count(), 1);
    assert!(
        results.iter().all(|(id, _)| *id == results[0].0),
        "{results:?}"
    );
    let (entries, total) = store.evidence_of(id(3), &all()).await.unwrap();
    assert_eq!((total, entries[0].tags.len()), (1, 2), "tags written once");
}

pub async fn concurrent_edits_lose_no_version(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let entry_id = add(&store, &entry(3, "form:1", 0, &[])).await;
    let original = entry_of(&store, id(3), entry_id).await.answers;
    let versions: Vec<_> = (1..=6)
        .map(|n| vec![answer("What?", &format!("version {n}"))])
        .collect();
    let edits = versions
        .iter()
        .map(|answers| store.update_evidence_answers(id(3), entry_id, answers, at(1)));
    let results = futures::future::join_all(edits).await;
    assert!(results.into_iter().all(|updated| updated.unwrap()));

    // Each edit kept what it replaced: the revisions and the final answers together hold every
    // version exactly once, whatever order the edits ran in.
    let revisions = store.evidence_revisions(id(3), entry_id).await.unwrap();
    let mut seen: Vec<Vec<Answer>> = revisions.into_iter().map(|(_, a)| a).collect();
    seen.push(entry_of(&store, id(3), entry_id).await.answers);
    let mut expected = versions.clone();
    expected.push(original);
    let key = |answers: &Vec<Answer>| answers[0].text.clone();
    seen.sort_by_key(key);
    expected.sort_by_key(key);
    assert_eq!(seen, expected);
}
