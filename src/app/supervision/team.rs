//! `/team summary` for a lead: their team's aggregates over the last weeks, each figure hidden
//! below five people (see `domain::digest::team`). A lead sees no individual.

use chrono::Duration;

use super::App;
use crate::app::error::UserError;
use crate::app::members::require_member;
use crate::domain::digest::summarise_team;
use crate::domain::member::{DiscordId, Role};

/// The longest period a summary covers.
pub const MAX_WEEKS: u32 = 52;

pub async fn team_summary(
    app: &App,
    user: DiscordId,
    weeks: Option<u32>,
) -> anyhow::Result<String> {
    let caller = require_member(app, user).await?;
    if !caller.member.has_role(Role::Lead) {
        return Err(UserError::new(
            "Team summaries are for team leads, and the roster doesn't list you as one. Your programme admin keeps the roster.",
        )
        .into());
    }
    let weeks = weeks.unwrap_or(4);
    if !(1..=MAX_WEEKS).contains(&weeks) {
        return Err(UserError::new(format!(
            "Choose 1 to {MAX_WEEKS} weeks (you asked for {weeks})."
        ))
        .into());
    }
    let Some(team) = app.store.team_of(user).await? else {
        return Err(UserError::new(
            "The roster doesn't put you in a team, so there is no team to summarise. Your programme admin keeps the roster.",
        )
        .into());
    };
    let now = app.clock.now();
    let since = now - Duration::weeks(i64::from(weeks));
    let activity = app.store.team_activity(&team.name, since, now).await?;
    Ok(summarise_team(&activity).text(&team.name, weeks))
}
