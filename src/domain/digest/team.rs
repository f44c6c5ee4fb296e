//! A lead's view of their team: aggregates only, each hidden when fewer than
//! [`MIN_GROUP`](crate::domain::wellbeing::checkins::MIN_GROUP) distinct members stand behind
//! it, so no figure can be read back to a person. Who did or did not answer is never an input.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::curriculum::Area;
use crate::domain::member::DiscordId;
use crate::domain::wellbeing::checkins::{MIN_GROUP, TeamFigures, team_figures};

/// What the store returns for a team over a period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamActivity {
    /// Members on the team now.
    pub team_size: usize,
    /// One item per entry written in the period: its author and areas.
    pub entries: Vec<(DiscordId, Vec<Area>)>,
    /// Every check-in score given in the period, with who gave it (only ever aggregated).
    pub checkin_scores: Vec<(DiscordId, u8)>,
}

/// The figures a lead sees. `None` means "hidden: fewer than five people".
#[derive(Debug, Clone, PartialEq)]
pub struct TeamSummary {
    pub team_size: usize,
    /// Distinct members who wrote at least one entry.
    pub members_active: Option<usize>,
    /// Entries per area, each shown only when five or more members wrote in it.
    pub per_area: Vec<(Area, Option<u32>)>,
    pub checkins: Option<TeamFigures>,
}

pub fn summarise_team(activity: &TeamActivity) -> TeamSummary {
    let active: BTreeSet<DiscordId> = activity.entries.iter().map(|(m, _)| *m).collect();
    let mut writers: BTreeMap<Area, BTreeSet<DiscordId>> = BTreeMap::new();
    let mut entries: BTreeMap<Area, u32> = BTreeMap::new();
    for (member, areas) in &activity.entries {
        for area in areas {
            writers.entry(*area).or_default().insert(*member);
            *entries.entry(*area).or_default() += 1;
        }
    }
    let per_area = Area::ALL
        .into_iter()
        .map(|area| {
            let people = writers.get(&area).map_or(0, BTreeSet::len);
            let shown = (people >= MIN_GROUP).then(|| entries.get(&area).copied().unwrap_or(0));
            (area, shown)
        })
        .collect();
    TeamSummary {
        team_size: activity.team_size,
        members_active: (active.len() >= MIN_GROUP).then_some(active.len()),
        per_area,
        checkins: team_figures(&activity.checkin_scores),
    }
}

impl TeamSummary {
    /// The lead's reply, for a team over `weeks` weeks.
    pub fn text(&self, team: &str, weeks: u32) -> String {
        let hidden = format!("fewer than {MIN_GROUP} people — not shown");
        let mut lines = vec![format!(
            "**{team}** · the last {weeks} week{} · team figures only",
            if weeks == 1 { "" } else { "s" }
        )];
        lines.push(format!("Members on the team: {}.", self.team_size));
        lines.push(match self.members_active {
            Some(n) => format!("Members who reflected: {n}."),
            None => format!("Members who reflected: {hidden}."),
        });
        let shown: Vec<String> = self
            .per_area
            .iter()
            .filter_map(|(area, count)| count.map(|n| format!("• {}: {n}", area.name())))
            .collect();
        let hidden_areas: Vec<&str> = self
            .per_area
            .iter()
            .filter(|(_, count)| count.is_none())
            .map(|(area, _)| area.name())
            .collect();
        lines.push("Reflections per area:".to_owned());
        lines.extend(shown);
        match hidden_areas.len() {
            0 => {}
            n if n == self.per_area.len() => lines.push(format!("• every area: {hidden}")),
            _ => lines.push(format!("• {}: {hidden}", hidden_areas.join(", "))),
        }
        lines.push(match &self.checkins {
            Some(figures) => format!(
                "Wellbeing check-ins: {} people answered; median {:.1} on the 1–5 scale.",
                figures.members_answering, figures.median
            ),
            None => format!("Wellbeing check-ins: {hidden}."),
        });
        lines.push(format!(
            "A figure appears only when at least {MIN_GROUP} people stand behind it, and nothing here says who did or did not take part."
        ));
        lines.join("\n")
    }
}
