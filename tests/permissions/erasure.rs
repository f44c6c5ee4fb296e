//! The cells of `/mydata erase` and its buttons. The erasing click runs on a world of its own
//! (a fresh SQLite testbed with the same cohort), because it really erases the actor and the
//! shared world's later rows need them; it then checks that everyone else is still there, so
//! a click can only ever erase whoever clicks.
#![allow(dead_code)]

use mindlines::app::erasure::erase_self;
use mindlines::domain::member::MemberStatus;

use super::outcome::outcome;
use super::world::{Actor, World};

pub async fn cell(w: &World, surface: &str, actor: Actor) -> Option<String> {
    Some(match surface {
        // Asking, continuing and cancelling only show a question: nothing is erased or read,
        // and the buttons name no member (no `app::` call but the pure time check).
        "/mydata erase" | "ml1:erasego" | "ml1:erasecancel" => "allowed".to_owned(),
        "ml1:erasenow" => erase_in_a_world_of_its_own(w, actor).await,
        _ => return None,
    })
}

async fn erase_in_a_world_of_its_own(w: &World, actor: Actor) -> String {
    let left = match w.app().store.member(w.actor(actor)).await.unwrap() {
        Some(member) => member.status == MemberStatus::Left,
        None => false,
    };
    let fresh = World::start(None, None).await;
    if left {
        fresh.set_left(actor, true).await;
    }
    let user = fresh.actor(actor);
    let everyone = fresh.app().store.known_member_ids().await.unwrap();
    let done = outcome(erase_self(fresh.app(), user).await);
    let after = fresh.app().store.known_member_ids().await.unwrap();
    let expected: std::collections::BTreeSet<_> =
        everyone.iter().copied().filter(|id| *id != user).collect();
    fresh.finish().await;
    if after != expected {
        return format!("erased the wrong members: {after:?} left of {everyone:?}");
    }
    done
}
