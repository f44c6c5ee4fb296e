//! `/about` and `/help`: what mindlines is, who sees what, and what you can do.

use crate::app::members::{NO_PROMPTS, not_on_roster_reply, roles_of};
use crate::discord::{Context, Error, caller_id};
use crate::domain::member::Role;
use crate::domain::message_split::{MESSAGE_BUDGET, split_for_messages};

const ABOUT: &str = "**mindlines** is your reflection companion for the enhance programme. \
Every week or so it sends you a short prompt tied to one of the programme's domains or themes; \
you answer in a minute or two, and your answers become tagged evidence you can export to your portfolio.\n\n\
**Private by default.** Only you see what you write. Your supervisor sees only the entries you choose to share. \
Nobody is told when you skip or miss a prompt.\n\n\
Reflections follow the GMC and Academy guidance: capture learning and plans, not case facts, \
and leave out anything that could identify a patient.";

/// What mindlines is and who can see what you write.
#[poise::command(slash_command)]
pub async fn about(ctx: Context<'_>) -> Result<(), Error> {
    let reply = poise::CreateReply::default().content(ABOUT).ephemeral(true);
    ctx.send(reply).await?;
    Ok(())
}

/// The role a command is for; `None` for everyone on the roster. Authorisation itself is in
/// `app` (every use-case checks the caller's roles again); this only shapes the list.
fn command_role(name: &str) -> Option<Role> {
    match name {
        "schedule" | "evidence" | "coverage" | "export" => Some(Role::Trainee),
        "digest" => Some(Role::Supervisor),
        "team" | "case" => Some(Role::Lead),
        _ => None,
    }
}

/// List what you can do with mindlines.
#[poise::command(slash_command)]
pub async fn help(ctx: Context<'_>) -> Result<(), Error> {
    let roles = roles_of(&ctx.data().app, caller_id(&ctx)).await?;
    let mut lines = vec!["**What you can do** (only you can see this):".to_owned()];
    let offered = |name: &str| match &roles {
        None => name == "about" || name == "privacy",
        Some(roles) => command_role(name).is_none_or(|role| roles.contains(&role)),
    };
    for command in ctx
        .framework()
        .options()
        .commands
        .iter()
        .filter(|c| offered(&c.name))
    {
        let description = command.description.as_deref().unwrap_or("");
        lines.push(format!("• `/{}` — {description}", command.name));
        for sub in &command.subcommands {
            let description = sub.description.as_deref().unwrap_or("");
            lines.push(format!(
                "  • `/{} {}` — {description}",
                command.name, sub.name
            ));
        }
    }
    match &roles {
        Some(roles) if roles.contains(&Role::Trainee) => {}
        Some(_) => lines.push(format!("\n{NO_PROMPTS}")),
        None => {
            let why = not_on_roster_reply(&ctx.data().app, caller_id(&ctx)).await?;
            lines.push(format!("\n{}", why.0));
        }
    }
    if roles
        .as_ref()
        .is_some_and(|roles| roles.contains(&Role::Admin))
    {
        lines.push("\nAs programme admin you run mindlines from the command line: `mindlines --help` lists roster import, prompt checks, export and more.".to_owned());
    }
    // The list outgrows one message (Discord's 2,000 characters): it goes in as many as needed.
    for part in split_for_messages(&lines.join("\n"), MESSAGE_BUDGET) {
        let reply = poise::CreateReply::default().content(part).ephemeral(true);
        ctx.send(reply).await?;
    }
    Ok(())
}
