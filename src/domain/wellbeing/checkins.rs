//! Check-ins as rules: a member's own cadence (default fortnightly, Friday 15:00) laid over
//! their prompt schedule, so leave, pauses, bank holidays, quiet hours and timezone apply to
//! check-ins exactly as they do to prompts; the tiered response to a score; and team figures
//! that exist only for groups of five or more. Nothing here counts or names a check-in that
//! was not answered: there is no such figure.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc, Weekday};

use super::WellbeingLibrary;
use crate::domain::member::DiscordId;
use crate::domain::schedule::{Cadence, LocalTime, Schedule};

/// The smallest group whose figures may be shown to anyone.
pub const MIN_GROUP: usize = 5;

/// When a member's check-ins come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckinPlan {
    pub cadence: Cadence,
    pub local_time: LocalTime,
}

impl CheckinPlan {
    /// Fortnightly on Friday afternoons, counting fortnights from the first Friday on or after
    /// `today`.
    pub fn default_from(today: NaiveDate) -> CheckinPlan {
        CheckinPlan {
            cadence: Cadence::fortnightly_from(Weekday::Fri, today),
            local_time: LocalTime::new(15, 0).expect("15:00 is a time"),
        }
    }

    /// The schedule check-ins follow: this plan's day and time, with everything else (zone,
    /// bank holidays, pauses, quiet hours) from the member's prompt schedule.
    pub fn within(&self, prompts: &Schedule) -> Schedule {
        Schedule {
            cadence: self.cadence,
            local_time: self.local_time,
            ..prompts.clone()
        }
    }
}

/// What the bot answers to a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// Thanks, nothing more.
    Thanks,
    /// An acknowledgement and a menu: support options, pausing prompts.
    Low,
    /// Several lows lately: a gentle suggestion to talk to someone they trust.
    RepeatedLow,
}

/// The tier for the newest score, given the member's scores newest first (the newest
/// included). Never probes, never diagnoses: it only picks which of the file's texts to show.
pub fn tier_for(library: &WellbeingLibrary, newest_first: &[u8]) -> Tier {
    match newest_first.first() {
        Some(&score) if library.is_low(score) => {
            if library.is_repeated_low(newest_first) {
                Tier::RepeatedLow
            } else {
                Tier::Low
            }
        }
        _ => Tier::Thanks,
    }
}

/// A team's check-ins over a period, as aggregates only.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamFigures {
    /// Distinct members who answered at least once.
    pub members_answering: usize,
    /// Median of every answer in the period.
    pub median: f64,
    /// How many answers gave each score, 1 to 5.
    pub distribution: [usize; 5],
}

/// The figures for `answers` (member, score), or `None` when fewer than [`MIN_GROUP`]
/// distinct members answered: a small group's figures could be read back to a person. There
/// is no per-person figure, and who did not answer is not an input.
pub fn team_figures(answers: &[(DiscordId, u8)]) -> Option<TeamFigures> {
    let mut per_member: BTreeMap<DiscordId, usize> = BTreeMap::new();
    let mut distribution = [0usize; 5];
    let mut scores = Vec::new();
    for &(member, score) in answers.iter().filter(|(_, s)| (1..=5).contains(s)) {
        *per_member.entry(member).or_default() += 1;
        distribution[usize::from(score - 1)] += 1;
        scores.push(score);
    }
    if per_member.len() < MIN_GROUP {
        return None;
    }
    scores.sort_unstable();
    let mid = scores.len() / 2;
    let median = if scores.len() % 2 == 0 {
        (f64::from(scores[mid - 1]) + f64::from(scores[mid])) / 2.0
    } else {
        f64::from(scores[mid])
    };
    Some(TeamFigures {
        members_answering: per_member.len(),
        median,
        distribution,
    })
}

/// A member's check-in settings and the check-in scheduler's cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WellbeingState {
    pub member: DiscordId,
    /// The consent version in force; `None` when check-ins are off.
    pub consent_version: Option<String>,
    pub plan: CheckinPlan,
    /// Whether the member's supervisor may see their scores.
    pub sharing: bool,
    pub next_due: Option<DateTime<Utc>>,
    pub checked_until: DateTime<Utc>,
}

impl WellbeingState {
    /// Whether check-ins are on under the current consent text.
    pub fn consented_to(&self, version: &str) -> bool {
        self.consent_version.as_deref() == Some(version)
    }
}

/// One answered check-in, as its member sees it in their trend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckinAnswer {
    pub delivery: i64,
    pub score: u8,
    pub has_note: bool,
    pub answered_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(members: u64, each: &[u8]) -> Vec<(DiscordId, u8)> {
        (0..members)
            .flat_map(|m| each.iter().map(move |&s| (DiscordId(m + 1), s)))
            .collect()
    }

    #[test]
    fn team_figures_exist_only_for_five_or_more_members() {
        assert_eq!(team_figures(&answers(4, &[1, 2, 3, 4, 5])), None);
        let figures = team_figures(&answers(5, &[2, 4])).expect("five answered");
        assert_eq!(figures.members_answering, 5);
        assert_eq!(figures.median, 3.0);
        assert_eq!(figures.distribution, [0, 5, 0, 5, 0]);
        // Many answers from four people are still four people.
        assert_eq!(team_figures(&answers(4, &[3; 20])), None);
    }

    #[test]
    fn the_plan_keeps_the_prompt_schedules_zone_and_pauses() {
        let prompts = Schedule {
            timezone: chrono_tz::Europe::Dublin,
            ..Schedule::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let schedule = CheckinPlan::default_from(today).within(&prompts);
        assert_eq!(schedule.timezone, chrono_tz::Europe::Dublin);
        assert_eq!(schedule.local_time, LocalTime::new(15, 0).unwrap());
        assert!(matches!(
            schedule.cadence,
            Cadence::Fortnightly {
                weekday: Weekday::Fri,
                ..
            }
        ));
    }
}
