//! # Supervisor digests
//!
//! What a supervisor reads about each supervisee, once a week or on demand. The store gathers
//! [`SuperviseeFacts`] for the supervisees linked to the supervisor at the moment of reading;
//! this module turns them into the digest's sections and the picture's grid. The rules it
//! keeps:
//!
//! - **Nothing the trainee did not share.** Coverage is counts per area; the text of an entry
//!   appears only as the short excerpt of an entry the trainee shared. Check-in scores appear
//!   only when the trainee turned sharing on (`/wellbeing share on`), never their notes.
//! - **No ranking, no "missed".** Supervisees are listed by name; a week without an answer
//!   reads as a count, with no judgement attached, and no section compares people.
//! - **Gaps are areas, not people**: the areas a supervisee has not touched in eight weeks.

mod plan;
mod render;
mod team;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::curriculum::Area;
use super::member::{Member, MemberStatus};

pub use plan::{
    DigestSubscription, RECENT_WEEKS, WINDOW_DAYS, next_digest_due, week_key, window_ending,
};
pub use render::{DigestText, MAX_ENTRIES_SHOWN, header_text, section_text};
pub use team::{TeamActivity, TeamSummary, summarise_team};

/// An entry a trainee shared, as a supervisor's digest lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedEntry {
    pub id: i64,
    pub title: String,
    pub areas: Vec<Area>,
    /// The first words of the entry's answers.
    pub excerpt: String,
    pub shared_at: DateTime<Utc>,
    /// The trainee flagged it "want to discuss" and no supervisor has answered since.
    pub to_discuss: bool,
}

/// Everything a digest says about one supervisee, gathered in one read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuperviseeFacts {
    pub member: Member,
    /// Prompts sent in the window (a snoozed prompt counts once).
    pub prompts_sent: u32,
    /// Of those, how many were answered.
    pub prompts_answered: u32,
    /// Entries per area written in the window.
    pub areas_this_week: BTreeMap<Area, u32>,
    /// Entries per area written in the eight weeks up to the window's end.
    pub areas_recent: BTreeMap<Area, u32>,
    /// Entries per area ever written (up to the window's end).
    pub areas_total: BTreeMap<Area, u32>,
    /// Entries shared in the window, and older shared entries still flagged to discuss.
    pub shared: Vec<SharedEntry>,
    /// Case discussions the supervisee first wrote in during the window, and in all.
    pub cases_joined: (u32, u32),
    /// `Some` only when the trainee shares check-ins: the scores given in the window, oldest
    /// first (possibly none).
    pub checkin_scores: Option<Vec<u8>>,
}

impl SuperviseeFacts {
    /// Facts with nothing recorded, for a member.
    pub fn empty(member: Member) -> SuperviseeFacts {
        SuperviseeFacts {
            member,
            prompts_sent: 0,
            prompts_answered: 0,
            areas_this_week: BTreeMap::new(),
            areas_recent: BTreeMap::new(),
            areas_total: BTreeMap::new(),
            shared: Vec::new(),
            cases_joined: (0, 0),
            checkin_scores: None,
        }
    }

    /// Areas with no entry in the last eight weeks, in handbook order.
    pub fn gaps(&self) -> Vec<Area> {
        Area::ALL
            .into_iter()
            .filter(|area| self.areas_recent.get(area).copied().unwrap_or(0) == 0)
            .collect()
    }

    /// Whether mindlines cannot reach this supervisee by DM.
    pub fn unreachable(&self) -> bool {
        self.member.status == MemberStatus::Unreachable
    }
}

/// The picture's grid: one row per supervisee, one column per area, entries in the last eight
/// weeks in each cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageGrid {
    pub rows: Vec<(String, [u32; Area::ALL.len()])>,
}

impl CoverageGrid {
    pub fn of(facts: &[SuperviseeFacts]) -> CoverageGrid {
        let rows = facts
            .iter()
            .map(|f| {
                let mut cells = [0u32; Area::ALL.len()];
                for (cell, area) in cells.iter_mut().zip(Area::ALL) {
                    *cell = f.areas_recent.get(&area).copied().unwrap_or(0);
                }
                (f.member.display_name.clone(), cells)
            })
            .collect();
        CoverageGrid { rows }
    }
}

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;
