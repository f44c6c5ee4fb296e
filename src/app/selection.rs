//! Choosing the next prompt for a member: the pure rule in `domain::selection`, fed from the
//! store.

use chrono::{DateTime, Utc};

use super::App;
use crate::domain::curriculum::Area;
use crate::domain::member::Member;
use crate::domain::prompt::Prompt;
use crate::domain::selection::{SelectionInput, choose_prompt};

/// The prompt `member` should get next, optionally in `area`.
pub async fn next_prompt_for<'a>(
    app: &'a App,
    member: &Member,
    area: Option<Area>,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<&'a Prompt>> {
    let evidence = app.store.evidence_counts(member.discord_id).await?;
    let history = app.store.prompt_history(member.discord_id).await?;
    let not_relevant = app.store.not_relevant_prompts(member.discord_id).await?;
    let input = SelectionInput {
        prompts: app.library.prompts(),
        profession: member.profession,
        evidence: &evidence,
        history: &history,
        not_relevant: &not_relevant,
        requested_area: area,
        now,
    };
    // Seeded by member and day: the same question asked twice in a day gets the same answer.
    let seed = member.discord_id.0 ^ (now.timestamp() / 86_400) as u64;
    Ok(choose_prompt(input, seed))
}
