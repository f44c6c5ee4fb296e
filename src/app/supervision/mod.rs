//! # What supervisors and leads can do
//!
//! A supervisor reads digests of their supervisees and the entries those supervisees chose to
//! share, and answers them (an acknowledgement or a comment); a lead sees their team's
//! aggregates. Every read is authorised here against our own tables as they stand at the
//! moment of reading: the caller's roles, the supervision link and the entry's `shared` flag
//! (the store's statements join them), so a link removed by a roster import, or an entry
//! unshared, ends access at once. Someone else's entry answers exactly as a missing one.
//!
//! - `digests`: `/digest now`, the weekly subscription, the scheduler step and the renderer
//!   of queued digests.
//! - `entries`: sharing and "want to discuss" (the trainee's side), reading shared entries,
//!   acknowledging and commenting (the supervisor's side), and telling the trainee.
//! - `team`: `/team summary` for leads, aggregates only.

mod digests;
mod entries;
mod team;

pub use digests::{
    DigestMessage, digest_now, render_digest, schedule_digests, subscribe_digest,
    unsubscribe_digest,
};
pub use entries::{
    SharedView, acknowledge_entry, comment_on_entry, discuss_evidence, read_shared_entry,
    save_comment, share_evidence,
};
pub use team::team_summary;

use super::App;
use super::error::UserError;
use super::members::{Caller, require_member};
use crate::domain::member::{DiscordId, Role};

/// What someone without the supervisor role is told.
const NOT_A_SUPERVISOR: &str = "Digests and shared entries are for supervisors, and the roster doesn't list you as one. Your programme admin keeps the roster.";

/// The caller, who must hold the supervisor role now.
async fn require_supervisor(app: &App, user: DiscordId) -> anyhow::Result<Caller> {
    let caller = require_member(app, user).await?;
    if !caller.member.has_role(Role::Supervisor) {
        return Err(UserError::new(NOT_A_SUPERVISOR).into());
    }
    Ok(caller)
}

/// The same answer for an entry that does not exist, is not shared, or belongs to someone the
/// caller does not supervise.
fn no_shared_entry(id: i64) -> anyhow::Error {
    UserError::new(format!(
        "There is no entry #{id} shared with you. A trainee's entry appears here only while they share it and you are their supervisor on the roster."
    ))
    .into()
}
