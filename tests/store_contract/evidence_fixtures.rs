//! Evidence for the contract tests: entries by the fixture cohort, with tags and answers.

use std::sync::Arc;

use mindlines::domain::curriculum::{Area, Outcome};
use mindlines::domain::evidence::{Answer, EvidenceSource, Tag};
use mindlines::store::{NewEvidence, Store};

use crate::fixtures::{at, cohort, id};

pub const DIGITAL: Tag = Tag::Area(Area::Digital);
pub const WELLBEING: Tag = Tag::Area(Area::Wellbeing);

pub fn outcome(n: u8) -> Tag {
    Tag::Outcome(Outcome::from_number(n).unwrap())
}

pub fn answer(stem: &str, text: &str) -> Answer {
    Answer {
        stem: stem.into(),
        text: text.into(),
    }
}

/// A form entry by fixture member `n`, created `hours` after the fixture epoch.
pub fn entry(n: u64, key: &str, hours: i64, tags: &[Tag]) -> NewEvidence {
    NewEvidence {
        member: id(n),
        source: EvidenceSource::Form,
        source_key: key.into(),
        delivery_id: None,
        prompt_id: None,
        prompt_text: None,
        answers: vec![answer("What?", &format!("entry {key}"))],
        tags: tags.iter().copied().collect(),
        at: at(hours),
        follows_up: None,
    }
}

/// Imports the cohort (members 1–5 and 8); evidence needs its owner on the roster.
pub async fn with_cohort(store: &Arc<dyn Store>) {
    store.import_roster(&cohort(), None, at(0)).await.unwrap();
}

pub async fn add(store: &Arc<dyn Store>, new: &NewEvidence) -> i64 {
    let (id, created) = store.add_evidence(new).await.expect("entry recorded");
    assert!(created, "{} is new", new.source_key);
    id
}
