//! Starting and running a case: where a team's threads open, opening one (private, the team
//! added, the opening posted), moving its stages on, and who is taking part.

use super::{App, own_case, refuse_identifiers, require_lead, require_open};
use crate::app::error::UserError;
use crate::app::members::require_member;
use crate::app::notify::OutgoingMessage;
use crate::domain::case::{MAX_TITLE_CHARS, NewCase, opening_text, participants_text, stage_text};
use crate::domain::curriculum::Area;
use crate::domain::member::{DiscordId, Profession, Role};

/// Where a slash command was run: the guild and channel (or thread), if not a DM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub guild: u64,
    pub channel: u64,
}

fn in_a_server(place: Option<Place>) -> anyhow::Result<Place> {
    place.ok_or_else(|| {
        UserError::new("Run this in your team's server channel, not in a direct message.").into()
    })
}

/// `/case channel`: the channel this is run in becomes the team's case channel (a lead or
/// the programme admin).
pub async fn set_case_channel(
    app: &App,
    user: DiscordId,
    place: Option<Place>,
) -> anyhow::Result<String> {
    let caller = require_member(app, user).await?;
    if !(caller.member.has_role(Role::Lead) || caller.member.has_role(Role::Admin)) {
        return Err(UserError::new(
            "Only a team lead or the programme admin sets where case threads open.",
        )
        .into());
    }
    let place = in_a_server(place)?;
    let team = app
        .store
        .team_of(user)
        .await?
        .ok_or_else(|| UserError::new("The roster doesn't put you in a team."))?;
    app.store
        .set_case_channel(&team.name, place.guild, place.channel)
        .await?;
    Ok(format!(
        "Case threads for {} will open here, as private threads only the team is added to.",
        team.name
    ))
}

/// The team's members with their professions, by name.
async fn people(
    app: &App,
    members: &[DiscordId],
) -> anyhow::Result<Vec<(DiscordId, String, Profession)>> {
    let mut people = Vec::new();
    for id in members {
        if let Some(m) = app.store.member(*id).await? {
            people.push((m.discord_id, m.display_name, m.profession));
        }
    }
    people.sort_by_key(|(_, name, _)| name.to_lowercase());
    Ok(people)
}

/// `/case start`: opens the private thread, adds the team, posts the opening and the first
/// stage. The title passes the scanner first; nothing is created if it holds an identifier.
pub async fn start_case(
    app: &App,
    user: DiscordId,
    place: Option<Place>,
    title: &str,
    template: Option<&str>,
    domains: Vec<Area>,
) -> anyhow::Result<String> {
    require_lead(app, user).await?;
    let place = in_a_server(place)?;
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS {
        return Err(UserError::new(format!(
            "Give the case a short title (1 to {MAX_TITLE_CHARS} characters), without anything that could identify the person."
        ))
        .into());
    }
    refuse_identifiers(app, "title", &title)?;
    let template = app.library.case_template(template).ok_or_else(|| {
        let names: Vec<String> = app
            .library
            .case_templates()
            .iter()
            .map(|t| format!("`{}` ({})", t.id, t.name))
            .collect();
        UserError::new(format!(
            "There is no such template. The templates: {}.",
            names.join(", ")
        ))
    })?;
    let team = app
        .store
        .team_of(user)
        .await?
        .ok_or_else(|| UserError::new("The roster doesn't put you in a team."))?;
    let Some((_, channel)) = app.store.case_channel(&team.name).await? else {
        return Err(UserError::new(
            "Your team has no case channel yet: run `/case channel` in the channel where case threads should open.",
        )
        .into());
    };
    if channel != place.channel {
        return Err(UserError::new(format!(
            "Start cases in your team's case channel, <#{channel}>, so they open where the team expects them."
        ))
        .into());
    }
    let thread = app.notifier.create_private_thread(channel, &title).await?;
    let people = people(app, &team.members).await?;
    for (id, _, _) in &people {
        app.notifier.add_thread_member(thread, *id).await?;
    }
    let named: Vec<(String, Profession)> = people.iter().map(|(_, n, p)| (n.clone(), *p)).collect();
    let opening = opening_text(&title, template, &domains, &named);
    app.notifier.post(thread, &plain(opening)).await?;
    if let Some(first) = stage_text(template, 0) {
        app.notifier.post(thread, &plain(first)).await?;
    }
    app.store
        .open_case(&NewCase {
            team: team.name.clone(),
            channel_id: channel,
            thread_id: thread,
            title: title.clone(),
            template: template.id.clone(),
            domains,
            lead: user,
            at: app.clock.now(),
        })
        .await?;
    Ok(format!(
        "Opened the case thread <#{thread}> with {} people from {}: {}.",
        people.len(),
        team.name,
        participants_text(&named)
    ))
}

fn plain(content: String) -> OutgoingMessage {
    OutgoingMessage {
        content,
        ..OutgoingMessage::default()
    }
}

/// `/case stage next`: posts the next stage's question (the case's lead only).
pub async fn next_stage(app: &App, user: DiscordId, thread: u64) -> anyhow::Result<String> {
    let case = own_case(app, user, thread).await?;
    require_open(&case)?;
    let template = app
        .library
        .case_template(Some(&case.template))
        .ok_or_else(|| UserError::new("This case's template is no longer in the library."))?;
    let next = case.stage + 1;
    let Some(text) = stage_text(template, next) else {
        return Err(UserError::new(
            "That was the last stage. Close the case with `/case close` to write its summary.",
        )
        .into());
    };
    if !app
        .store
        .advance_case_stage(case.id, case.stage, next)
        .await?
    {
        return Err(UserError::new("The stage moved on meanwhile; nothing was posted.").into());
    }
    app.notifier.post(thread, &plain(text)).await?;
    Ok(format!(
        "Posted stage {} of {}.",
        next + 1,
        template.stages.len()
    ))
}

/// `/case who`: who is taking part, with their professions (any member of the case's team).
pub async fn who_is_taking_part(app: &App, user: DiscordId, thread: u64) -> anyhow::Result<String> {
    require_member(app, user).await?;
    let Some(case) = app.store.case_by_thread(thread).await? else {
        return Err(UserError::new("Run this in a case thread.").into());
    };
    let team = app.store.team_of(user).await?;
    if team.as_ref().is_none_or(|t| t.name != case.team) {
        return Err(UserError::new("Run this in a case thread of your team.").into());
    }
    let members = team.map(|t| t.members).unwrap_or_default();
    let named: Vec<(String, Profession)> = people(app, &members)
        .await?
        .into_iter()
        .map(|(_, n, p)| (n, p))
        .collect();
    let contributed = app.store.case_contributors(case.id).await?.len();
    Ok(format!(
        "**Taking part in “{}”:** {}\n{contributed} of them have written in the thread so far.",
        case.title,
        participants_text(&named)
    ))
}
