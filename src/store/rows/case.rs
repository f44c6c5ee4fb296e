//! Case rows read back into the domain.

use chrono::{DateTime, Utc};

use super::{corrupt, discord_id, parse, split_list};
use crate::domain::case::{Case, CaseStatus, CaseSummary};
use crate::domain::curriculum::Area;

/// The columns of `cases c` (with the team's name from `teams t`) that make a [`CaseRecord`].
macro_rules! case_select {
    () => {
        "SELECT c.id, t.name AS team, c.channel_id, c.thread_id, c.title, c.template, \
           c.domains, c.stage, c.lead, c.status, c.opened_at, c.summary_learning, \
           c.summary_differently, c.summary_questions \
         FROM cases c JOIN teams t ON t.id = c.team_id"
    };
}

pub(crate) use case_select;

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CaseRecord {
    id: i64,
    team: String,
    channel_id: i64,
    thread_id: i64,
    title: String,
    template: String,
    domains: String,
    stage: i32,
    lead: i64,
    status: String,
    opened_at: DateTime<Utc>,
    summary_learning: Option<String>,
    summary_differently: Option<String>,
    summary_questions: Option<String>,
}

/// Area ids as stored: joined by commas.
pub(crate) fn domains_column(domains: &[Area]) -> String {
    domains.iter().map(|a| a.id()).collect::<Vec<_>>().join(",")
}

impl CaseRecord {
    /// The lead, whose key opens the summary.
    pub(crate) fn lead(&self) -> i64 {
        self.lead
    }

    /// The case without its summary (the lead's writing), for someone who only took part.
    pub(crate) fn without_summary(mut self) -> CaseRecord {
        self.summary_learning = None;
        self.summary_differently = None;
        self.summary_questions = None;
        self
    }

    pub(crate) fn into_case(
        self,
        keys: &crate::store::sealing::KeySet,
    ) -> Result<Case, crate::store::StoreError> {
        let domains = split_list(&self.domains)
            .map(|id| {
                Area::ALL
                    .into_iter()
                    .find(|a| a.id() == id)
                    .ok_or_else(|| corrupt("cases.domains", format!("unknown area '{id}'")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let summary = match (
            self.summary_learning,
            self.summary_differently,
            self.summary_questions,
        ) {
            (Some(learning), Some(differently), Some(questions)) => {
                let row = self.id.to_string();
                let open = |place, text: &str| keys.open(place, &row, self.lead, text);
                Some(CaseSummary {
                    learning: open("cases.summary_learning", &learning)?,
                    differently: open("cases.summary_differently", &differently)?,
                    questions: open("cases.summary_questions", &questions)?,
                })
            }
            _ => None,
        };
        let snowflake = |v: i64, place| {
            u64::try_from(v).map_err(|_| corrupt(place, format!("{v} is not a snowflake")))
        };
        Ok(Case {
            id: self.id,
            team: self.team,
            channel_id: snowflake(self.channel_id, "cases.channel_id")?,
            thread_id: snowflake(self.thread_id, "cases.thread_id")?,
            title: self.title,
            template: self.template,
            domains,
            stage: usize::try_from(self.stage).unwrap_or(0),
            lead: discord_id(self.lead, "cases.lead")?,
            status: parse::<CaseStatus>(&self.status, "cases.status")?,
            opened_at: self.opened_at,
            summary,
        })
    }
}
