//! One cell of a button's or form's row (a custom-id kind): the `app::` use-case
//! `discord::components` calls for that kind, as `actor`, on the object `own` names.
//! `None` when the kind has no scenario here; `Some("n/a")` when the cohort has no such object.
#![allow(dead_code)]

use mindlines::app::cases::close_case;
use mindlines::app::checkins::{
    add_checkin_note, agree_to_checkins, answer_checkin, decline_checkins, pause_for_a_while,
    stop_checkins, support_options,
};
use mindlines::app::evidence::{delete_evidence, submit_edited_evidence};
use mindlines::app::followups::{set_followups, skip_followup, stop_followups};
use mindlines::app::form_entries::{QueuedForm, submit_queued_form};
use mindlines::app::reflection::{press_prompt_button, submit_reflection};
use mindlines::app::safety::keep_held;
use mindlines::app::schedules::resume_schedule;
use mindlines::app::supervision::{acknowledge_entry, comment_on_entry, read_shared_entry};
use mindlines::domain::custom_id::PromptAction;
use mindlines::domain::member::DiscordId;

use super::commands::NA;
use super::outcome::outcome;
use super::world::{Actor, Own, World};

fn answers() -> Vec<String> {
    vec!["A learning point and what I will try next.".to_owned()]
}

pub async fn cell(w: &World, kind: &str, own: Own, actor: Actor) -> Option<String> {
    if let Some(action) = PromptAction::ALL
        .into_iter()
        .find(|a| kind_of_prompt(*a) == kind)
    {
        let owner = w.owner(actor, own).filter(|_| own != Own::Itself);
        let Some(owner) = owner else {
            return Some(NA.to_owned());
        };
        let delivery = w.prompt(owner).await;
        return Some(outcome(
            press_prompt_button(w.app(), w.actor(actor), action, delivery).await,
        ));
    }
    if let Some(done) = anyone(w, kind, actor).await {
        return Some(done);
    }
    if let Some(done) = checkins(w, kind, own, actor).await {
        return Some(done);
    }
    if let Some(done) = shared(w, kind, own, actor).await {
        return Some(done);
    }
    if kind == "ml1:caseclose" {
        let Some(thread) = w.case_for(actor, own).await else {
            return Some(NA.to_owned());
        };
        let closed = close_case(w.app(), w.actor(actor), thread, answers()).await;
        return Some(outcome(closed));
    }
    let owner = w.owner(actor, own).filter(|_| own != Own::Itself);
    let Some(owner) = owner else {
        return Some(NA.to_owned());
    };
    owned(w, kind, owner, actor).await
}

/// The kind a prompt button's custom id carries (`ml1:skip`).
pub fn kind_of_prompt(action: PromptAction) -> String {
    let id = mindlines::domain::custom_id::CustomId::Prompt {
        action,
        delivery: 1,
    };
    let text = id.to_string();
    text.rsplit_once(':')
        .map(|(k, _)| k.to_owned())
        .unwrap_or(text)
}

/// Buttons whose id names nothing of anyone's (the answer is the same for everyone).
async fn anyone(w: &World, kind: &str, actor: Actor) -> Option<String> {
    let app = w.app();
    let user = w.actor(actor);
    Some(match kind {
        "ml1:cihelp" => outcome(support_options(app)),
        "ml1:cipause" => {
            let paused = outcome(pause_for_a_while(app, user).await);
            let _ = resume_schedule(app, user).await;
            paused
        }
        "ml1:consent" => outcome(agree_to_checkins(app, user).await),
        "ml1:noconsent" => {
            let before = app.store.wellbeing_of(user).await.unwrap();
            decline_checkins();
            let after = app.store.wellbeing_of(user).await.unwrap();
            assert_eq!(before, after, "declining records nothing");
            "allowed".to_owned()
        }
        _ => return None,
    })
}

async fn checkins(w: &World, kind: &str, own: Own, actor: Actor) -> Option<String> {
    let app = w.app();
    let user = w.actor(actor);
    if !matches!(kind, "ml1:ci<n>" | "ml1:cinote") {
        return None;
    }
    let Some(owner) = w.owner(actor, own).filter(|_| own != Own::Itself) else {
        return Some(NA.to_owned());
    };
    let delivery = if kind == "ml1:cinote" {
        w.answered_checkin(owner).await
    } else {
        w.checkin(owner).await
    };
    if own == Own::MineWithdrawn {
        stop_checkins(app, user)
            .await
            .expect("consent is withdrawn");
    }
    let done = if kind == "ml1:cinote" {
        outcome(add_checkin_note(app, user, delivery, "A long week, a good team.").await)
    } else {
        outcome(answer_checkin(app, user, delivery, 3).await)
    };
    if own == Own::MineWithdrawn {
        agree_to_checkins(app, user).await.expect("consent again");
    }
    Some(done)
}

/// A supervisor's buttons under a shared entry.
async fn shared(w: &World, kind: &str, own: Own, actor: Actor) -> Option<String> {
    let app = w.app();
    let user = w.actor(actor);
    if !matches!(kind, "ml1:read" | "ml1:ack" | "ml1:cmt") {
        return None;
    }
    let Some(entry) = w.entry_for(actor, own).await else {
        return Some(NA.to_owned());
    };
    Some(match kind {
        "ml1:read" => outcome(read_shared_entry(app, user, entry).await),
        "ml1:ack" => outcome(acknowledge_entry(app, user, entry).await),
        _ => outcome(comment_on_entry(app, user, entry, "A thoughtful plan.").await),
    })
}

/// Buttons and forms on the owner's own queued messages, entries and held text.
async fn owned(w: &World, kind: &str, owner: DiscordId, actor: Actor) -> Option<String> {
    let app = w.app();
    let user = w.actor(actor);
    let interaction = w.unique();
    Some(match kind {
        "ml1:form" => {
            let delivery = w.prompt(owner).await;
            outcome(submit_reflection(app, user, delivery, interaction, answers()).await)
        }
        "ml1:edit" => {
            let entry = w.entry(owner, false).await;
            outcome(submit_edited_evidence(app, user, entry, answers()).await)
        }
        "ml1:del" => outcome(delete_evidence(app, user, w.entry(owner, false).await).await),
        "ml1:keep" => {
            // "Keep it" answers "Kept entry #N" and calls nothing: the entry is unchanged.
            let entry = w.entry(owner, false).await;
            let kept = app.store.evidence_entry(owner, entry).await.unwrap();
            assert!(kept.is_some(), "the entry is still there");
            "allowed".to_owned()
        }
        "ml1:held" => outcome(keep_held(app, user, w.held(owner).await).await),
        "ml1:fu" => {
            let delivery = w.followup(owner).await;
            let form = QueuedForm::FollowUp;
            outcome(submit_queued_form(app, user, form, delivery, interaction, answers()).await)
        }
        "ml1:fuskip" => outcome(skip_followup(app, user, w.followup(owner).await).await),
        "ml1:fustop" => {
            let stopped = outcome(stop_followups(app, user, w.followup(owner).await).await);
            let _ = set_followups(app, owner, 6).await;
            stopped
        }
        "ml1:casefx" => {
            let delivery = w.case_reflection(owner).await;
            let form = QueuedForm::CaseReflection;
            outcome(submit_queued_form(app, user, form, delivery, interaction, answers()).await)
        }
        _ => return None,
    })
}
