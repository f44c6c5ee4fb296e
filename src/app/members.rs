//! Who is asking: every command starts by finding the caller on the roster.

use std::collections::BTreeSet;

use super::App;
use super::error::UserError;
use crate::domain::member::{DiscordId, Member, MemberStatus, Role};

/// The caller, with anything they should be told first.
#[derive(Debug, Clone)]
pub struct Caller {
    pub member: Member,
    /// A one-off notice to show before the answer (e.g. "I couldn't DM you").
    pub notice: Option<String>,
}

impl Caller {
    /// `text`, preceded by the one-off notice if there is one.
    pub fn with_notice(&self, text: String) -> String {
        match &self.notice {
            Some(notice) => format!("{notice}\n\n{text}"),
            None => text,
        }
    }
}

const UNREACHABLE_NOTICE: &str = "I tried to send you a prompt by direct message but couldn't: your \
DMs from server members seem to be closed. To get prompts, open the server's Privacy Settings and allow \
direct messages, then use `/reflect` to get one now.";

/// Finds the caller on the roster, or explains how to join. A member marked unreachable is
/// told why once, and marked active again so the next prompt is tried.
pub async fn require_member(app: &App, user: DiscordId) -> anyhow::Result<Caller> {
    let Some(member) = app.store.member(user).await? else {
        return Err(not_on_roster_reply(app, user).await?.into());
    };
    if member.status == MemberStatus::Left {
        return Err(UserError::new(LEFT).into());
    }
    let mut notice = None;
    if member.status == MemberStatus::Unreachable {
        app.store
            .set_member_status(user, MemberStatus::Active, Some(user), app.clock.now())
            .await?;
        notice = Some(UNREACHABLE_NOTICE.to_owned());
    }
    Ok(Caller { member, notice })
}

/// What a member whose place on the programme has ended is told.
const LEFT: &str = "Your place on the programme has ended, so mindlines is switched off for you. If that's a mistake, ask your programme admin.";

/// Refuses a member whose place has ended. For buttons and forms on messages sent before
/// they left, which must keep nothing new; unlike [`require_member`] it changes nothing
/// (an unreachable member keeps their one-off notice for their next command).
pub async fn refuse_if_left(app: &App, user: DiscordId) -> anyhow::Result<()> {
    match app.store.member(user).await? {
        Some(member) if member.status == MemberStatus::Left => Err(UserError::new(LEFT).into()),
        _ => Ok(()),
    }
}

/// What someone not on the roster is told by a command: how to join, or, for someone erased
/// at their request (whom a roster import refuses), that nothing is held and why.
pub async fn not_on_roster_reply(app: &App, user: DiscordId) -> anyhow::Result<UserError> {
    if app.store.erased_among(&[user]).await?.contains(&user) {
        return Ok(UserError::new(ERASED));
    }
    Ok(not_on_roster(user))
}

/// What a member erased at their request is told by a command.
const ERASED: &str = "Everything mindlines held about you was erased at your request, so it holds nothing about you now, and a roster import cannot add you back.";

/// What someone not on the roster is told by a command.
pub fn not_on_roster(user: DiscordId) -> UserError {
    UserError::new(format!(
        "You're not on the mindlines roster yet. Ask your programme admin to add you — they'll need your Discord user id: `{user}`."
    ))
}

/// The roles a person holds now, for `/help`; `None` when they are not on the roster. A person
/// may hold several (a supervisor who is also a trainee sees both sets of commands).
pub async fn roles_of(app: &App, user: DiscordId) -> anyhow::Result<Option<BTreeSet<Role>>> {
    Ok(app.store.member(user).await?.map(|member| member.roles))
}

/// What a member without the trainee role is told by commands about their prompts.
pub const NO_PROMPTS: &str = "You're on the roster without the trainee role, so mindlines sends you no prompts and you have no prompt schedule. You can still use `/reflect` to reflect on something now.";

/// The caller, who must hold the trainee role (prompt schedules are only theirs).
pub async fn require_trainee(app: &App, user: DiscordId) -> anyhow::Result<Caller> {
    let caller = require_member(app, user).await?;
    if !caller.member.has_role(Role::Trainee) {
        return Err(UserError::new(NO_PROMPTS).into());
    }
    Ok(caller)
}

/// Remembers when someone not on the roster was last told how to join, so a person who keeps
/// writing gets one polite answer a day, not one per message. In memory only: a restart may
/// answer once more, which is harmless.
#[derive(Debug, Default)]
pub struct JoinHints {
    told: std::sync::Mutex<std::collections::HashMap<DiscordId, chrono::DateTime<chrono::Utc>>>,
}

impl JoinHints {
    /// Whether `user` should be told now (and, if so, notes that they were).
    pub fn should_tell(&self, user: DiscordId, now: chrono::DateTime<chrono::Utc>) -> bool {
        let mut told = self.told.lock().unwrap_or_else(|p| p.into_inner());
        match told.get(&user) {
            Some(last) if now - *last < chrono::Duration::days(1) => false,
            _ => {
                told.insert(user, now);
                true
            }
        }
    }
}

/// How someone not on the roster joins.
pub fn join_hint(user: DiscordId) -> String {
    format!(
        "Hello! I'm mindlines, the reflection companion for the enhance programme. You're not on its roster yet, so I haven't kept your message. Ask your programme admin to add you — they'll need your Discord user id: `{user}`."
    )
}
