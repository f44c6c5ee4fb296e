//! Who is asking: every command starts by finding the caller on the roster.

use super::App;
use super::error::UserError;
use crate::domain::member::{DiscordId, Member, MemberStatus};

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
        return Err(UserError::new(format!(
            "You're not on the mindlines roster yet. Ask your programme admin to add you — they'll need your Discord user id: `{user}`."
        ))
        .into());
    };
    if member.status == MemberStatus::Left {
        return Err(UserError::new("Your place on the programme has ended, so mindlines is switched off for you. If that's a mistake, ask your programme admin.").into());
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
