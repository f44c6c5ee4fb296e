//! Cross-member isolation, property style: for every entry of every member, every call another
//! member makes with that entry's id or source key answers exactly as for an id that does not
//! exist (`None`, `false`, empty) and changes nothing. The figure is the count of unauthorised
//! results, which must be 0.

use std::collections::BTreeMap;
use std::sync::Arc;

use mindlines::domain::member::DiscordId;
use mindlines::store::{EvidenceFilter, Store};

use super::{DIGITAL, WELLBEING, add, answer, entry, outcome, with_cohort};
use crate::fixtures::{at, id};

/// Members with entries, and member 5 who has none.
const OWNERS: [u64; 3] = [3, 4, 1];
const INTRUDERS: [u64; 4] = [3, 4, 1, 5];

/// Counts the calls by `intruder` on `(entry id, source key)` that saw or changed something.
/// Writes come last and delete very last, so an entry a faulty call let through is still there
/// to be probed by the others.
async fn unauthorised_results(
    store: &Arc<dyn Store>,
    intruder: DiscordId,
    entry_id: i64,
    key: &str,
) -> usize {
    let overwrite = [answer("What?", "overwritten by someone else")];
    let tags = [outcome(5)].into();
    let results = [
        store
            .evidence_entry(intruder, entry_id)
            .await
            .unwrap()
            .is_some(),
        store
            .evidence_by_source(intruder, key)
            .await
            .unwrap()
            .is_some(),
        !store
            .evidence_revisions(intruder, entry_id)
            .await
            .unwrap()
            .is_empty(),
        store
            .update_evidence_answers(intruder, entry_id, &overwrite, at(99))
            .await
            .unwrap(),
        store
            .set_evidence_shared(intruder, entry_id, true, at(99))
            .await
            .unwrap(),
        store
            .set_evidence_tags(intruder, entry_id, &tags, at(99))
            .await
            .unwrap(),
        store.delete_evidence(intruder, entry_id).await.unwrap(),
    ];
    results.iter().filter(|&&seen| seen).count()
}

/// Everything a member could see of their own evidence.
async fn everything_of(
    store: &Arc<dyn Store>,
    member: DiscordId,
) -> impl PartialEq + std::fmt::Debug {
    let (entries, total) = store
        .evidence_of(member, &EvidenceFilter::default())
        .await
        .unwrap();
    let mut revisions = Vec::new();
    for entry in &entries {
        revisions.push(store.evidence_revisions(member, entry.id).await.unwrap());
    }
    let counts = store.evidence_counts(member).await.unwrap();
    (entries, total, revisions, counts)
}

/// Gives each owner four entries: tagged, revised, shared, and plain.
async fn seed(store: &Arc<dyn Store>) -> BTreeMap<u64, Vec<(i64, String)>> {
    let mut owned = BTreeMap::new();
    for (n, owner) in OWNERS.into_iter().enumerate() {
        let mut mine = Vec::new();
        for i in 0..4 {
            let key = format!("form:{owner}{i}");
            let hours = (n * 4 + i) as i64;
            let entry_id = add(store, &entry(owner, &key, hours, &[DIGITAL, outcome(2)])).await;
            mine.push((entry_id, key));
        }
        let revised = [answer("What?", "revised")];
        let (revised_id, shared_id, tagged_id) = (mine[1].0, mine[2].0, mine[3].0);
        let owner = id(owner);
        assert!(
            store
                .update_evidence_answers(owner, revised_id, &revised, at(50))
                .await
                .unwrap()
        );
        assert!(
            store
                .set_evidence_shared(owner, shared_id, true, at(50))
                .await
                .unwrap()
        );
        let tags = [WELLBEING].into();
        assert!(
            store
                .set_evidence_tags(owner, tagged_id, &tags, at(50))
                .await
                .unwrap()
        );
        owned.insert(owner.0 % 1000, mine);
    }
    owned
}

pub async fn other_members_entries_behave_as_missing(store: Arc<dyn Store>) {
    with_cohort(&store).await;
    let owned = seed(&store).await;
    let mut before = Vec::new();
    for member in INTRUDERS {
        before.push(everything_of(&store, id(member)).await);
    }

    let mut probes = 0;
    let mut unauthorised = 0;
    for intruder in INTRUDERS {
        let others = owned.iter().filter(|(owner, _)| **owner != intruder);
        for (entry_id, key) in others.flat_map(|(_, entries)| entries) {
            unauthorised += unauthorised_results(&store, id(intruder), *entry_id, key).await;
            probes += 1;
        }
        // Ids that were never handed out answer the same way.
        for missing in [0, -1, i64::MAX] {
            unauthorised += unauthorised_results(&store, id(intruder), missing, "dm:0").await;
        }
    }
    // Members 3, 4 and 1 each probe the other two owners' entries; member 5 probes all three.
    assert_eq!(probes, 3 * 2 * 4 + 3 * 4, "every foreign entry probed");
    assert_eq!(unauthorised, 0, "unauthorised results");

    for (member, before) in INTRUDERS.into_iter().zip(before) {
        assert_eq!(
            everything_of(&store, id(member)).await,
            before,
            "member {member}"
        );
    }
}
