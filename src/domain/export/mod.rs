//! A trainee's evidence as files to take away: Markdown to read and paste into a host
//! e-portfolio (Horus, Turas, FourteenFish, Kaizen, an NMC reflective account), CSV for a
//! spreadsheet, and JSON for a machine.
//!
//! mindlines is a reflection companion, not the portfolio of record (PRODUCT.md), so these are
//! the way evidence leaves it. Every format lists entries oldest first; the renderers are pure
//! and take the entries already authorised and loaded.

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};

use std::collections::BTreeMap;

use super::evidence::{Answer, EvidenceEntry, EvidenceSource};
use super::supervision::Comment;

/// Supervisors' responses by entry id: part of the evidence ("supervisor reviewed").
pub type Comments = BTreeMap<i64, Vec<Comment>>;

/// The responses on `entry`, oldest first (none when it has none).
fn comments_on<'a>(comments: &'a Comments, entry: &EvidenceEntry) -> &'a [Comment] {
    comments.get(&entry.id).map_or(&[], Vec::as_slice)
}

mod csv;
mod json;
mod markdown;
pub mod member_data;

#[cfg(test)]
mod fixtures;

pub use self::csv::export_csv;
pub use self::json::export_json;
pub use self::markdown::export_markdown;

/// The file formats a trainee can export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Markdown,
    Csv,
    Json,
}

impl ExportFormat {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }

    /// A file name for an export made on `day`, e.g. `mindlines-evidence-2025-06-02.md`. The
    /// member's name is left out: names make awkward file names and the file is theirs anyway.
    pub fn file_name<Tz: TimeZone>(self, day: &DateTime<Tz>) -> String {
        let date = day.date_naive().format("%Y-%m-%d");
        format!("mindlines-evidence-{date}.{}", self.extension())
    }
}

/// The entries oldest first (ties by id), so every export reads as a timeline and is stable.
fn in_order(entries: &[EvidenceEntry]) -> Vec<&EvidenceEntry> {
    let mut ordered: Vec<&EvidenceEntry> = entries.iter().collect();
    ordered.sort_by_key(|entry| (entry.created_at, entry.id));
    ordered
}

/// The answers with something in them: a box left blank adds nothing to a portfolio.
fn written_answers(entry: &EvidenceEntry) -> impl Iterator<Item = &Answer> {
    entry.answers.iter().filter(|a| !a.text.trim().is_empty())
}

/// RFC 3339 in UTC to the second, e.g. `2025-03-03T09:30:00Z`.
fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// How the entry was written, in words.
fn source_label(source: EvidenceSource) -> &'static str {
    match source {
        EvidenceSource::Form => "reflection form",
        EvidenceSource::DirectMessage => "direct message",
        EvidenceSource::CaseDiscussion => "case discussion",
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn entries_come_oldest_first() {
        let entries = fixtures::entries();
        let ids: Vec<i64> = in_order(&entries).iter().map(|e| e.id).collect();
        assert_eq!(ids, vec![14, 11, 12, 13]);
    }

    #[test]
    fn file_names_carry_the_local_date_and_extension() {
        let late_evening = chrono_tz::Europe::London
            .with_ymd_and_hms(2025, 6, 2, 23, 30, 0)
            .unwrap();
        assert_eq!(
            ExportFormat::Csv.file_name(&late_evening),
            "mindlines-evidence-2025-06-02.csv"
        );
        assert_eq!(ExportFormat::Markdown.extension(), "md");
    }

    #[test]
    fn blank_answers_are_left_out() {
        let entries = fixtures::entries();
        let case = entries.iter().find(|e| e.id == 13).unwrap();
        let stems: Vec<&str> = written_answers(case).map(|a| a.stem.as_str()).collect();
        assert_eq!(stems, vec!["Explore", "Plan"]);
    }
}
