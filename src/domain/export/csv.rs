//! Evidence as CSV: one row per entry, for a spreadsheet.
//!
//! The csv crate does the quoting, so answers with commas, quotes and line breaks survive a
//! round trip. Areas and outcomes are stable ids joined by "; ". Every free-text cell starts
//! with a stem or a prompt from the library, never with the trainee's text, which keeps a
//! spreadsheet from reading an answer that begins with "=" as a formula.

use super::{Comments, comments_on, in_order, rfc3339, written_answers};
use crate::domain::evidence::EvidenceEntry;
use crate::domain::supervision::Comment;

/// The header row, in column order.
/// New columns go at the end, so a spreadsheet built on the old ones still lines up.
pub const CSV_COLUMNS: [&str; 11] = [
    "id",
    "created_at",
    "updated_at",
    "source",
    "prompt_id",
    "prompt",
    "areas",
    "outcomes",
    "shared",
    "answers",
    "supervisor_responses",
];

/// Renders `entries` as CSV with a header row, oldest first.
pub fn export_csv(entries: &[EvidenceEntry], comments: &Comments) -> String {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    // Writing to memory has no I/O to fail, and every record has the header's length.
    writer
        .write_record(CSV_COLUMNS)
        .expect("in-memory CSV write");
    for entry in in_order(entries) {
        writer
            .write_record(row(entry, comments_on(comments, entry)))
            .expect("in-memory CSV write");
    }
    let bytes = writer.into_inner().expect("in-memory CSV flush");
    String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
}

fn row(entry: &EvidenceEntry, comments: &[Comment]) -> [String; 11] {
    let areas: Vec<&str> = entry.areas().map(|a| a.id()).collect();
    let outcomes: Vec<String> = entry.outcomes().map(|o| o.id()).collect();
    [
        entry.id.to_string(),
        rfc3339(entry.created_at),
        rfc3339(entry.updated_at),
        entry.source.slug().to_owned(),
        entry
            .prompt_id
            .as_ref()
            .map_or_else(String::new, |id| id.to_string()),
        entry.prompt_text.clone().unwrap_or_default(),
        areas.join("; "),
        outcomes.join("; "),
        entry.shared_with_supervisor.to_string(),
        flatten_answers(entry),
        comments
            .iter()
            .map(Comment::line)
            .collect::<Vec<_>>()
            .join("\n"),
    ]
}

/// "Stem: text" for each written answer, separated by a blank line.
fn flatten_answers(entry: &EvidenceEntry) -> String {
    written_answers(entry)
        .map(|a| format!("{}: {}", a.stem, a.text.trim()))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::export::fixtures;

    fn read_back(text: &str) -> Vec<::csv::StringRecord> {
        ::csv::Reader::from_reader(text.as_bytes())
            .records()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn the_csv_matches_its_snapshot() {
        insta::assert_snapshot!(export_csv(&fixtures::entries(), &fixtures::comments()));
    }

    #[test]
    fn awkward_answers_round_trip_through_a_csv_reader() {
        let entries = fixtures::entries();
        let rows = read_back(&export_csv(&entries, &fixtures::comments()));
        assert_eq!(rows.len(), 4);
        let shared = rows.iter().find(|r| &r[0] == "12").unwrap();
        assert_eq!(
            &shared[9],
            "Reflection: Busy week, but \"good\" busy.\nTeam huddle helped, a lot; I said so.\n\nMore next week."
        );
        assert_eq!(&shared[8], "true");
        assert_eq!(&shared[3], "dm");
    }

    #[test]
    fn rows_carry_ids_dates_and_tags() {
        let rows = read_back(&export_csv(&fixtures::entries(), &fixtures::comments()));
        let first = &rows[1];
        assert_eq!(&first[0], "11");
        assert_eq!(&first[1], "2025-03-03T09:30:00Z");
        assert_eq!(&first[4], "pcp-personal-vs-personalised");
        assert_eq!(&first[6], "person-centred-practice; leadership");
        assert_eq!(&first[7], "outcome-1; outcome-7");
        assert!(first[9].starts_with("What?: We agreed"), "{}", &first[9]);
    }

    #[test]
    fn no_entries_is_just_the_header() {
        assert_eq!(
            export_csv(&[], &Comments::new()),
            "id,created_at,updated_at,source,prompt_id,prompt,areas,outcomes,shared,answers,supervisor_responses\n"
        );
    }
}
