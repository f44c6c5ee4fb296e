//! Evidence as JSON, for a machine: stable field names, areas and outcomes as their catalogue
//! ids, dates in RFC 3339 (UTC), pretty-printed.
//!
//! The document names its format and version so a later importer can tell what it holds. Field
//! names are part of the format: add fields, never rename them.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Comments, comments_on, in_order, rfc3339};
use crate::domain::evidence::EvidenceEntry;
use crate::domain::supervision::Comment;

/// The `format` field of every export.
pub const JSON_FORMAT: &str = "mindlines-evidence";
/// The `version` field; bumped only for a change an old reader would misread.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u32,
    member: &'a str,
    generated_at: String,
    entries: Vec<Entry<'a>>,
}

#[derive(Serialize)]
pub(super) struct Entry<'a> {
    id: i64,
    created_at: String,
    updated_at: String,
    source: &'static str,
    prompt_id: Option<&'a str>,
    prompt_text: Option<&'a str>,
    areas: Vec<&'static str>,
    outcomes: Vec<String>,
    shared_with_supervisor: bool,
    to_discuss: bool,
    /// The entry whose plan this one comes back to.
    follows_up: Option<i64>,
    answers: Vec<Answer<'a>>,
    /// Supervisors' acknowledgements and comments, oldest first.
    supervisor_responses: Vec<Response<'a>>,
}

#[derive(Serialize)]
struct Response<'a> {
    at: String,
    author: Option<&'a str>,
    kind: &'static str,
    text: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct Answer<'a> {
    pub(super) stem: &'a str,
    pub(super) text: &'a str,
}

/// Renders `entries` as a pretty JSON document, oldest first. Unlike the other formats it keeps
/// blank answers: this is the complete record.
pub fn export_json(
    member_name: &str,
    entries: &[EvidenceEntry],
    comments: &Comments,
    generated_at: DateTime<Utc>,
) -> String {
    let document = Document {
        format: JSON_FORMAT,
        version: JSON_VERSION,
        member: member_name,
        generated_at: rfc3339(generated_at),
        entries: in_order(entries)
            .into_iter()
            .map(|e| entry(e, comments_on(comments, e)))
            .collect(),
    };
    // Only strings, numbers, booleans and lists: nothing here can fail to serialise.
    serde_json::to_string_pretty(&document).expect("evidence always serialises")
}

pub(super) fn entry<'a>(entry: &'a EvidenceEntry, comments: &'a [Comment]) -> Entry<'a> {
    Entry {
        id: entry.id,
        created_at: rfc3339(entry.created_at),
        updated_at: rfc3339(entry.updated_at),
        source: entry.source.slug(),
        prompt_id: entry.prompt_id.as_ref().map(|id| id.as_str()),
        prompt_text: entry.prompt_text.as_deref(),
        areas: entry.areas().map(|a| a.id()).collect(),
        outcomes: entry.outcomes().map(|o| o.id()).collect(),
        shared_with_supervisor: entry.shared_with_supervisor,
        to_discuss: entry.to_discuss,
        follows_up: entry.follows_up,
        answers: entry
            .answers
            .iter()
            .map(|a| Answer {
                stem: &a.stem,
                text: &a.text,
            })
            .collect(),
        supervisor_responses: comments
            .iter()
            .map(|c| Response {
                at: rfc3339(c.at),
                author: c.author_name.as_deref(),
                kind: c.kind.slug(),
                text: c.body.as_deref(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::domain::export::fixtures;

    fn exported() -> String {
        export_json(
            "Sam Patel",
            &fixtures::entries(),
            &fixtures::comments(),
            fixtures::at(31, 12),
        )
    }

    #[test]
    fn the_json_matches_its_snapshot() {
        insta::assert_snapshot!(exported());
    }

    #[test]
    fn the_json_parses_back_with_every_entry() {
        let document: Value = serde_json::from_str(&exported()).unwrap();
        assert_eq!(document["format"], "mindlines-evidence");
        assert_eq!(document["version"], 1);
        assert_eq!(document["member"], "Sam Patel");
        assert_eq!(document["generated_at"], "2025-03-31T12:30:00Z");
        let ids: Vec<i64> = document["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, vec![14, 11, 12, 13]);
    }

    #[test]
    fn tags_are_ids_and_text_survives_exactly() {
        let document: Value = serde_json::from_str(&exported()).unwrap();
        let first = &document["entries"][1];
        assert_eq!(
            first["areas"],
            serde_json::json!(["person-centred-practice", "leadership"])
        );
        assert_eq!(
            first["outcomes"],
            serde_json::json!(["outcome-1", "outcome-7"])
        );
        assert_eq!(first["prompt_id"], "pcp-personal-vs-personalised");
        let shared = &document["entries"][2];
        assert_eq!(shared["shared_with_supervisor"], true);
        assert_eq!(shared["prompt_id"], Value::Null);
        assert!(
            shared["answers"][0]["text"]
                .as_str()
                .unwrap()
                .contains("\"good\" busy.\n")
        );
        assert_eq!(document["entries"][3]["answers"][1]["text"], "   ");
    }
}
