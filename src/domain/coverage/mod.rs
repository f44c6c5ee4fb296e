//! A trainee's curriculum coverage: how many pieces of evidence touch each domain, theme and
//! programme outcome, when each area was last touched, and which areas have gone quiet.
//!
//! It feeds the trainee's own coverage message, the coverage chart and the supervisor digest.
//! The wording is calm on purpose: coverage is a map to help choose the next reflection, never a
//! score (PRODUCT.md: no leaderboards, no "missed" reports).

use chrono::{DateTime, Duration, Utc};

use super::curriculum::{Area, AreaKind, Outcome};
use super::evidence::EvidenceEntry;

mod message;

/// The digest's rule: an area untouched for this many weeks is a gap.
pub const GAP_WEEKS: u32 = 8;

/// Evidence for one domain or theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaCoverage {
    pub area: Area,
    /// Entries tagged with this area.
    pub count: usize,
    /// When the newest of those entries was written.
    pub last_entry: Option<DateTime<Utc>>,
}

/// Evidence for one programme outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeCoverage {
    pub outcome: Outcome,
    /// Entries tagged with this outcome.
    pub count: usize,
}

/// One trainee's coverage at a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberCoverage {
    /// Every area, zero counts included, in [`Area::ALL`] order (domains first).
    pub areas: Vec<AreaCoverage>,
    /// Every outcome, zero counts included, in order 1–7.
    pub outcomes: Vec<OutcomeCoverage>,
    /// All entries, tagged or not.
    pub total_entries: usize,
    /// The moment the coverage describes; gaps are measured back from here.
    pub now: DateTime<Utc>,
}

/// Counts `entries` per area and outcome. An entry counts once for each tag it carries, and is
/// dated by when it was written (`created_at`): editing an old reflection later does not make
/// the area recent again.
pub fn member_coverage(entries: &[EvidenceEntry], now: DateTime<Utc>) -> MemberCoverage {
    let areas = Area::ALL
        .iter()
        .map(|&area| {
            let tagged = entries.iter().filter(|e| e.areas().any(|a| a == area));
            AreaCoverage {
                area,
                count: tagged.clone().count(),
                last_entry: tagged.map(|e| e.created_at).max(),
            }
        })
        .collect();
    let outcomes = Outcome::all()
        .map(|outcome| OutcomeCoverage {
            outcome,
            count: entries
                .iter()
                .filter(|e| e.outcomes().any(|o| o == outcome))
                .count(),
        })
        .collect();
    MemberCoverage {
        areas,
        outcomes,
        total_entries: entries.len(),
        now,
    }
}

impl MemberCoverage {
    /// The coverage of `area`.
    pub fn area(&self, area: Area) -> AreaCoverage {
        *self
            .areas
            .iter()
            .find(|c| c.area == area)
            .expect("coverage holds every area")
    }

    /// Entries tagged with `outcome`.
    pub fn outcome_count(&self, outcome: Outcome) -> usize {
        self.outcomes
            .iter()
            .find(|c| c.outcome == outcome)
            .map_or(0, |c| c.count)
    }

    /// Areas with no evidence yet, in handbook order.
    pub fn untouched_areas(&self) -> Vec<Area> {
        self.areas
            .iter()
            .filter(|c| c.count == 0)
            .map(|c| c.area)
            .collect()
    }

    /// Outcomes with no evidence yet, in order.
    pub fn untouched_outcomes(&self) -> Vec<Outcome> {
        self.outcomes
            .iter()
            .filter(|c| c.count == 0)
            .map(|c| c.outcome)
            .collect()
    }

    /// Areas with nothing written in the last `weeks` weeks, in handbook order. Areas never
    /// touched count too (they have been untouched for at least that long as far as the record
    /// shows); callers wanting only the lapsed ones can check `last_entry`.
    pub fn gaps(&self, weeks: u32) -> Vec<Area> {
        let cutoff = self.now - Duration::weeks(i64::from(weeks));
        self.areas
            .iter()
            .filter(|c| c.last_entry.is_none_or(|last| last <= cutoff))
            .map(|c| c.area)
            .collect()
    }

    /// Areas touched before but not in the last `weeks` weeks: the gaps minus the untouched.
    pub fn lapsed(&self, weeks: u32) -> Vec<AreaCoverage> {
        self.gaps(weeks)
            .into_iter()
            .map(|area| self.area(area))
            .filter(|c| c.last_entry.is_some())
            .collect()
    }

    /// The areas of one kind (domains or themes), in handbook order.
    pub fn areas_of(&self, kind: AreaKind) -> impl Iterator<Item = &AreaCoverage> {
        self.areas.iter().filter(move |c| c.area.kind() == kind)
    }
}

#[cfg(test)]
mod tests;
