//! Row ↔ domain conversion for evidence, shared by both backends.
//!
//! Answers are stored as JSON text (an array of `{"stem", "text"}`) through a store-private
//! shape, so the stored format does not change when the domain's `Answer` does. Tags are stored
//! as their stable ids and read back with [`Tag::lookup`]; anything that does not parse is
//! reported as [`StoreError::Corrupt`](super::StoreError::Corrupt) naming the column, never
//! with the text it held.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{StoreResult, corrupt, discord_id, parse, split_list};
use crate::domain::curriculum::Area;
use crate::domain::evidence::{Answer, EvidenceEntry, EvidenceSource, Tag};
use crate::domain::prompt::PromptId;
use crate::store::sealing::KeySet;

/// One answer as stored in the `answers` JSON array.
#[derive(Serialize, Deserialize)]
struct StoredAnswer {
    stem: String,
    text: String,
}

/// The `answers` column for a list of answers.
pub(crate) fn answers_json(answers: &[Answer]) -> String {
    let stored: Vec<StoredAnswer> = answers
        .iter()
        .map(|a| StoredAnswer {
            stem: a.stem.clone(),
            text: a.text.clone(),
        })
        .collect();
    // A list of plain strings always serialises; there is no failure to report.
    serde_json::to_string(&stored).expect("answers serialise to JSON")
}

/// Answers read back from an `answers` column. The error names the column and the JSON error's
/// position, never the text, as the text is a reflection.
pub(crate) fn answers_from_json(json: &str, place: &'static str) -> StoreResult<Vec<Answer>> {
    let stored: Vec<StoredAnswer> = serde_json::from_str(json).map_err(|e| {
        let why = format!(
            "not a JSON list of answers (line {}, column {})",
            e.line(),
            e.column()
        );
        corrupt(place, why)
    })?;
    Ok(stored
        .into_iter()
        .map(|a| Answer {
            stem: a.stem,
            text: a.text,
        })
        .collect())
}

/// A tag read back from its stored id.
pub(crate) fn tag_from_id(id: &str) -> StoreResult<Tag> {
    Tag::lookup(id).ok_or_else(|| corrupt("evidence_tags.tag", format!("unknown tag id '{id}'")))
}

/// Prompt ids read back from `prompt_feedback.prompt_id`.
pub(crate) fn prompt_ids(ids: Vec<String>) -> StoreResult<BTreeSet<PromptId>> {
    ids.iter()
        .map(|id| parse::<PromptId>(id, "prompt_feedback.prompt_id"))
        .collect()
}

/// `limit` as SQL `LIMIT`: 0 means no limit, which both backends accept as `i64::MAX`.
pub(crate) fn sql_limit(limit: u32) -> i64 {
    if limit == 0 {
        i64::MAX
    } else {
        i64::from(limit)
    }
}

/// An `evidence` row with its tag ids joined by commas (`group_concat` / `string_agg`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct EvidenceRecord {
    id: i64,
    member: i64,
    source: String,
    prompt_id: Option<String>,
    prompt_text: Option<String>,
    answers: String,
    tags: String,
    shared: bool,
    discuss: bool,
    follows_up: Option<i64>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl EvidenceRecord {
    /// The member whose key opens the answers.
    pub(crate) fn member(&self) -> i64 {
        self.member
    }

    pub(crate) fn into_entry(self, keys: &KeySet) -> StoreResult<EvidenceEntry> {
        let place = "evidence.answers";
        let json = keys.open(place, &self.id.to_string(), self.member, &self.answers)?;
        let tags = split_list(&self.tags)
            .map(tag_from_id)
            .collect::<StoreResult<BTreeSet<_>>>()?;
        let prompt_id = self
            .prompt_id
            .map(|id| parse::<PromptId>(&id, "evidence.prompt_id"))
            .transpose()?;
        Ok(EvidenceEntry {
            id: self.id,
            member: discord_id(self.member, "evidence.member")?,
            source: parse::<EvidenceSource>(&self.source, "evidence.source")?,
            prompt_id,
            prompt_text: self.prompt_text,
            answers: answers_from_json(&json, place)?,
            tags,
            shared_with_supervisor: self.shared,
            to_discuss: self.discuss,
            follows_up: self.follows_up,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// An `evidence_revisions` row.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct RevisionRecord {
    id: i64,
    member: i64,
    replaced_at: DateTime<Utc>,
    answers: String,
}

impl RevisionRecord {
    pub(crate) fn into_revision(self, keys: &KeySet) -> StoreResult<(DateTime<Utc>, Vec<Answer>)> {
        let place = "evidence_revisions.answers";
        let json = keys.open(place, &self.id.to_string(), self.member, &self.answers)?;
        let answers = answers_from_json(&json, place)?;
        Ok((self.replaced_at, answers))
    }
}

/// Entries per area from `(tag id, count)` rows; outcome tags are left out.
pub(crate) fn area_counts(rows: Vec<(String, i64)>) -> StoreResult<BTreeMap<Area, u32>> {
    let mut counts = BTreeMap::new();
    for (tag, count) in rows {
        if let Tag::Area(area) = tag_from_id(&tag)? {
            let count = u32::try_from(count)
                .map_err(|_| corrupt("evidence_tags", format!("count {count} out of range")))?;
            counts.insert(area, count);
        }
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_round_trip_through_json_with_unicode_and_newlines() {
        let answers = vec![Answer {
            stem: "What happened?".into(),
            text: "Line one\nline two — “quoted”, emoji 🩺, tab\there".into(),
        }];
        let json = answers_json(&answers);
        assert_eq!(answers_from_json(&json, "t.c").unwrap(), answers);
        assert_eq!(answers_from_json("[]", "t.c").unwrap(), vec![]);
    }

    #[test]
    fn corrupt_answers_name_the_column_but_not_the_text() {
        let err = answers_from_json("[{\"stem\": \"secret reflection", "evidence.answers")
            .unwrap_err()
            .to_string();
        assert!(err.contains("evidence.answers"), "{err}");
        assert!(!err.contains("secret"), "{err}");
    }

    #[test]
    fn counts_keep_areas_and_drop_outcomes() {
        let rows = vec![("digital".into(), 2), ("outcome-3".into(), 5)];
        let counts = area_counts(rows).unwrap();
        assert_eq!(counts, BTreeMap::from([(Area::Digital, 2)]));
        assert!(area_counts(vec![("astrology".into(), 1)]).is_err());
    }

    #[test]
    fn a_zero_limit_means_no_limit() {
        assert_eq!(sql_limit(0), i64::MAX);
        assert_eq!(sql_limit(20), 20);
    }
}
