//! Erasing a member, for `/mydata erase` and `mindlines member erase`: the store erases
//! everything in one transaction ([`ErasureStore`](crate::store::ErasureStore)); this adds what
//! the process holds in memory, and the words the member and the admin are told.
//!
//! `/mydata erase` asks twice. Its buttons carry the time the question was asked, and a click
//! more than [`CONFIRM_FOR`] later erases nothing: a confirmation left open in a client for a
//! day is not consent today. The buttons name no member (a click erases whoever clicks), so a
//! crafted id can only ever erase the person sending it.

use chrono::{DateTime, Duration, Utc};

use crate::app::App;
use crate::domain::member::DiscordId;
use crate::store::{Erasure, Store, StoreResult};

/// How long each confirmation stays valid.
pub const CONFIRM_FOR: Duration = Duration::minutes(15);

/// Whether a confirmation asked at `asked` (seconds since the epoch) is still valid at `now`.
pub fn still_valid(asked: i64, now: DateTime<Utc>) -> bool {
    DateTime::from_timestamp(asked, 0)
        .is_some_and(|asked| asked <= now && now - asked <= CONFIRM_FOR)
}

/// Erases `member` from the store and drops what this process holds for them (text held by
/// the safety screen). `actor` is who asked: the member themselves from Discord, `None` from
/// the command line.
pub async fn erase_member(
    store: &dyn Store,
    member: DiscordId,
    actor: Option<DiscordId>,
    now: DateTime<Utc>,
) -> StoreResult<Erasure> {
    store.erase_member(member, actor, now).await
}

/// `/mydata erase`, once both confirmations were given in time: erases the caller.
pub async fn erase_self(app: &App, member: DiscordId) -> anyhow::Result<String> {
    let now = app.clock.now();
    erase_member(&*app.store, member, Some(member), now).await?;
    app.safety.forget(member);
    Ok(ERASED.to_owned())
}

/// What the member is told once it is done. Each sentence is what the store did: see
/// `store::erasure` for the list of what goes.
pub const ERASED: &str = "Done. mindlines has deleted everything it held about you: your \
     reflections with their history and supervisors' comments, your check-ins and consent \
     records, your schedule and any messages waiting to be sent, what you wrote to it by DM, \
     and your place on the roster (a roster import will not add you back). The key that protected your text is destroyed, and backups \
     never hold that key, so your text in backups taken before now can no longer be read; \
     restoring one with mindlines erases you from it again. mindlines keeps one line saying that your Discord id was erased and when, for that \
     purpose, and its audit log refers to that line instead of your id. Messages already in \
     Discord (your DMs with the bot, case threads) are Discord's, and are not deleted.";

/// The first question of `/mydata erase`.
pub const FIRST_QUESTION: &str = "**Erase everything mindlines holds about you?**\n\
     This deletes your reflections and their history (and the comments supervisors left on \
     them), your check-ins and consent records, your schedule and queued messages, what you \
     sent the bot by DM, comments you wrote as a supervisor, its records of case discussions \
     you led, and your place on the roster. It cannot be undone: restoring a backup with \
     mindlines erases you again, and a roster import will not add you back. If \
     you want a copy of everything first, use `/mydata export` before you erase.\n\
     Only you can see this. It expires in 15 minutes.";

/// The second question, after "Continue".
pub const SECOND_QUESTION: &str = "**Last step: erase it all now?** There is no undo. \
     Only you can see this. It expires in 15 minutes.";

/// What a cancel says.
pub const CANCELLED: &str = "Cancelled. Nothing was erased.";

/// What a click after the confirmation expired says.
pub const EXPIRED: &str = "That confirmation has expired, so nothing was erased. Run `/mydata erase` again if you still want to.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confirmation_is_valid_for_fifteen_minutes_and_never_from_the_future() {
        let asked = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let at = |minutes| asked + Duration::minutes(minutes);
        assert!(still_valid(asked.timestamp(), at(0)));
        assert!(still_valid(asked.timestamp(), at(15)));
        assert!(!still_valid(asked.timestamp(), at(16)));
        assert!(!still_valid(asked.timestamp(), at(-1)));
    }
}
