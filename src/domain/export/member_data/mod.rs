//! Everything mindlines holds about one member, as files to take away: the answer to
//! `/mydata export` and to a data request (`mindlines member export`).
//!
//! Unlike the evidence export (a portfolio's material), this is the complete record: every
//! kind of row the store keeps about the member, read by `app::mydata` and handed here already
//! gathered. JSON is for a machine (each kind a named list, dates in RFC 3339 UTC, field names
//! never renamed); Markdown is for the member to read, with the same records in the same order.
//! The renderers are pure: no store, no clock (the export time is passed in).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, TimeZone, Utc};

use super::Comments;
use crate::domain::case::Case;
use crate::domain::delivery::Delivery;
use crate::domain::digest::DigestSubscription;
use crate::domain::evidence::{Answer, EvidenceEntry};
use crate::domain::inbox::InboundMessage;
use crate::domain::member::{DiscordId, Member};
use crate::domain::prompt::PromptId;
use crate::domain::schedule::Schedule;
use crate::domain::supervision::Comment;
use crate::domain::wellbeing::checkins::WellbeingState;

mod json;
mod markdown;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests;

pub use json::member_data_json;
pub use markdown::member_data_markdown;

/// Earlier versions of each entry's answers, by entry id, oldest first, with when each was
/// replaced.
pub type Revisions = BTreeMap<i64, Vec<(DateTime<Utc>, Vec<Answer>)>>;

/// When the member joined the roster and, if they have left it, when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RosterDates {
    pub added_at: DateTime<Utc>,
    pub left_at: Option<DateTime<Utc>>,
}

/// One answered check-in with its note, if the note is still kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckinRecord {
    pub delivery: i64,
    pub score: u8,
    pub note: Option<String>,
    pub answered_at: DateTime<Utc>,
}

/// One consent to check-ins: the version of the text agreed to, when, and when withdrawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRecord {
    pub version: String,
    pub agreed_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// A case discussion the member led or wrote in. The summary is there only for cases they
/// led (it is the lead's writing); the contributions themselves are never stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseTaken {
    pub case: Case,
    pub led: bool,
}

/// A line of the audit log about the member: who did what, never content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLine {
    pub at: DateTime<Utc>,
    /// Who acted; `None` for the bot itself or the command line.
    pub actor: Option<DiscordId>,
    /// The action's stable slug, e.g. `evidence.shared_read`.
    pub action: String,
    pub detail: String,
}

/// Everything held about one member, gathered by the app.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberData {
    pub member: Member,
    pub dates: Option<RosterDates>,
    pub team: Option<String>,
    pub supervisors: Vec<Member>,
    pub supervisees: Vec<Member>,
    pub entries: Vec<EvidenceEntry>,
    pub revisions: Revisions,
    pub comments: Comments,
    /// Acknowledgements and comments the member wrote on others' shared entries.
    pub comments_written: Vec<Comment>,
    /// Prompts the member marked "not relevant to me".
    pub not_relevant: BTreeSet<PromptId>,
    pub schedule: Option<Schedule>,
    /// Weeks from a plan to its follow-up (0 = never); `None` = the default applies.
    pub followup_weeks: Option<u32>,
    pub checkin_settings: Option<WellbeingState>,
    pub consents: Vec<ConsentRecord>,
    pub checkins: Vec<CheckinRecord>,
    pub cases: Vec<CaseTaken>,
    pub digest: Option<DigestSubscription>,
    /// Messages the bot queued or sent them (prompts, check-ins, notices, digests…).
    pub deliveries: Vec<Delivery>,
    /// Direct messages received but not yet processed, whose text is still held.
    pub held_messages: Vec<InboundMessage>,
    pub audit: Vec<AuditLine>,
}

impl MemberData {
    /// How many records of each kind, in the order the files list them: for the reply, the
    /// audit entry's detail (counts, never content) and tests.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        let revisions = self.revisions.values().map(Vec::len).sum();
        let comments = self.comments.values().map(Vec::len).sum();
        vec![
            ("entries", self.entries.len()),
            ("revisions", revisions),
            ("comments", comments),
            ("comments_written", self.comments_written.len()),
            ("checkins", self.checkins.len()),
            ("consents", self.consents.len()),
            ("cases", self.cases.len()),
            ("deliveries", self.deliveries.len()),
            ("held_messages", self.held_messages.len()),
            ("audit_entries", self.audit.len()),
        ]
    }
}

/// Each kind's name in words, singular and plural, as [`MemberData::counts`] names them.
const KIND_WORDS: &[(&str, &str, &str)] = &[
    ("entries", "evidence entry", "evidence entries"),
    ("revisions", "earlier version", "earlier versions"),
    ("comments", "supervisor response", "supervisor responses"),
    (
        "comments_written",
        "response you wrote",
        "responses you wrote",
    ),
    ("checkins", "check-in answer", "check-in answers"),
    ("consents", "consent record", "consent records"),
    ("cases", "case discussion", "case discussions"),
    (
        "deliveries",
        "message from mindlines",
        "messages from mindlines",
    ),
    (
        "held_messages",
        "direct message awaiting processing",
        "direct messages awaiting processing",
    ),
    ("audit_entries", "audit entry", "audit entries"),
];

impl MemberData {
    /// The counts in words, e.g. "4 evidence entries, 1 earlier version, 0 check-in answers…",
    /// for the member (the roster details and settings are always there, so they go unsaid).
    pub fn summary(&self) -> String {
        let words: Vec<String> = self
            .counts()
            .into_iter()
            .map(|(kind, n)| {
                let (_, one, many) = KIND_WORDS
                    .iter()
                    .find(|(k, _, _)| *k == kind)
                    .expect("every kind has its words");
                format!("{n} {}", if n == 1 { one } else { many })
            })
            .collect();
        words.join(", ")
    }

    /// The counts as the audit entry's detail: `entries=4 revisions=1 …`, never content.
    pub fn audit_detail(&self) -> String {
        let counts: Vec<String> = self
            .counts()
            .into_iter()
            .map(|(kind, n)| format!("{kind}={n}"))
            .collect();
        counts.join(" ")
    }
}

/// The two files' names for an export made on `day` (the member's local date).
pub fn file_names<Tz: TimeZone>(day: &DateTime<Tz>) -> [String; 2] {
    let date = day.date_naive().format("%Y-%m-%d");
    [
        format!("mindlines-my-data-{date}.json"),
        format!("mindlines-my-data-{date}.md"),
    ]
}
