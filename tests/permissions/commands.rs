//! One cell of a slash command's row: the `app::` use-case the command calls, as `actor`, on
//! the object `own` names. `None` when the surface has no scenario here (a doc row without a
//! test cell); `Some("n/a")` when the cohort has no such object for that actor.
#![allow(dead_code)]

use mindlines::app::cases::{
    close_form, next_stage, schedule_review, set_case_channel, set_up_automod, start_case,
    who_is_taking_part,
};
use mindlines::app::checkins::{
    agree_to_checkins, checkin_trend, offer_checkins, set_checkin_schedule, set_sharing,
    stop_checkins,
};
use mindlines::app::evidence::{
    ListQuery, evidence_for_edit, list_evidence, retag_evidence, show_evidence,
};
use mindlines::app::followups::set_followups;
use mindlines::app::members::roles_of;
use mindlines::app::mydata::send_my_data;
use mindlines::app::portfolio::{coverage_report, send_export};
use mindlines::app::reflect::reflect_now;
use mindlines::app::schedules::{
    ScheduleChange, pause_schedule, resume_schedule, set_schedule, show_schedule,
};
use mindlines::app::supervision::{
    digest_now, discuss_evidence, share_evidence, subscribe_digest, team_summary,
    unsubscribe_digest,
};
use mindlines::domain::curriculum::Area;

use super::outcome::outcome;
use super::world::{Actor, Own, World};

pub const NA: &str = "n/a";

pub async fn cell(w: &World, surface: &str, own: Own, actor: Actor) -> Option<String> {
    if let Some(done) = own_data(w, surface, own, actor).await {
        return Some(done);
    }
    if let Some(done) = entries(w, surface, own, actor).await {
        return Some(done);
    }
    if let Some(done) = wellbeing(w, surface, own, actor).await {
        return Some(done);
    }
    if let Some(done) = supervision(w, surface, own, actor).await {
        return Some(done);
    }
    cases(w, surface, own, actor).await
}

/// Commands about the caller's own settings and evidence as a whole.
async fn own_data(w: &World, surface: &str, own: Own, actor: Actor) -> Option<String> {
    let app = w.app();
    let user = w.actor(actor);
    if own != Own::Itself {
        return None;
    }
    Some(match surface {
        "/reflect" => outcome(reflect_now(app, user, Some(Area::Digital), w.unique()).await),
        "/schedule show" => outcome(show_schedule(app, user).await),
        "/schedule set" => {
            let change = ScheduleChange {
                cadence: Some("weekly".into()),
                ..ScheduleChange::default()
            };
            outcome(set_schedule(app, user, change).await)
        }
        "/schedule pause" => {
            let paused = outcome(pause_schedule(app, user, "leave", None).await);
            let _ = resume_schedule(app, user).await;
            paused
        }
        "/schedule resume" => outcome(resume_schedule(app, user).await),
        "/schedule followups" => outcome(set_followups(app, user, 6).await),
        "/evidence list" => {
            let query = ListQuery {
                tag: None,
                dates: None,
                page: 1,
            };
            outcome(list_evidence(app, user, query).await)
        }
        "/coverage" => outcome(coverage_report(app, user).await),
        "/export" => outcome(send_export(app, user, None).await),
        "/mydata export" => outcome(send_my_data(app, user).await),
        "/about" => "allowed".to_owned(), // Static text: nothing to authorise.
        // The same text for everyone, built from the settings: nothing to authorise.
        "/privacy" => {
            let text = mindlines::app::privacy::privacy_text(&app.retention);
            if text.contains("end-to-end") {
                "allowed".to_owned()
            } else {
                format!("no privacy text: {text}")
            }
        }
        "/help" => outcome(roles_of(app, user).await),
        _ => return None,
    })
}

/// `/evidence <sub> id:N` on someone's entry.
async fn entries(w: &World, surface: &str, own: Own, actor: Actor) -> Option<String> {
    let app = w.app();
    let user = w.actor(actor);
    if !surface.starts_with("/evidence ") || surface == "/evidence list" {
        return None;
    }
    let Some(id) = w.entry_for(actor, own).await else {
        return Some(NA.to_owned());
    };
    Some(match surface {
        "/evidence show" | "/evidence delete" => outcome(show_evidence(app, user, id).await),
        "/evidence edit" => outcome(evidence_for_edit(app, user, id).await),
        "/evidence share" => outcome(share_evidence(app, user, id, true).await),
        "/evidence unshare" => outcome(share_evidence(app, user, id, false).await),
        "/evidence discuss" => outcome(discuss_evidence(app, user, id, true).await),
        "/evidence undiscuss" => outcome(discuss_evidence(app, user, id, false).await),
        "/evidence tag" => outcome(retag_evidence(app, user, id, Some("digital"), None).await),
        _ => return None,
    })
}

async fn wellbeing(w: &World, surface: &str, own: Own, actor: Actor) -> Option<String> {
    let app = w.app();
    let user = w.actor(actor);
    if !surface.starts_with("/wellbeing ") {
        return None;
    }
    let withdrawn = match own {
        Own::Itself => false,
        Own::MineWithdrawn if actor != Actor::Outsider => true,
        Own::MineWithdrawn => return Some(NA.to_owned()),
        _ => return None,
    };
    if withdrawn {
        stop_checkins(app, user)
            .await
            .expect("consent is withdrawn");
    }
    let done = match surface {
        "/wellbeing start" => outcome(offer_checkins(app, user).await),
        "/wellbeing stop" => outcome(stop_checkins(app, user).await),
        "/wellbeing schedule" => {
            outcome(set_checkin_schedule(app, user, None, Some("fri"), None).await)
        }
        "/wellbeing share" => outcome(set_sharing(app, user, false).await),
        "/wellbeing trend" => outcome(checkin_trend(app, user).await),
        _ => return None,
    };
    // Every cell leaves consent as it found it.
    if actor != Actor::Outsider {
        agree_to_checkins(app, user).await.expect("consent again");
    }
    Some(done)
}

async fn supervision(w: &World, surface: &str, own: Own, actor: Actor) -> Option<String> {
    let app = w.app();
    let user = w.actor(actor);
    Some(match (surface, own) {
        ("/digest now", Own::Itself) => outcome(digest_now(app, user, None).await),
        ("/digest now", Own::SuperviseeShared | Own::Others) => {
            let Some(trainee) = w.owner(actor, own) else {
                return Some(NA.to_owned());
            };
            outcome(digest_now(app, user, Some(trainee)).await)
        }
        ("/digest subscribe", Own::Itself) => {
            outcome(subscribe_digest(app, user, Some("monday"), Some("08:00")).await)
        }
        ("/digest unsubscribe", Own::Itself) => outcome(unsubscribe_digest(app, user).await),
        ("/team summary", Own::Itself) => outcome(team_summary(app, user, None).await),
        _ => return None,
    })
}

async fn cases(w: &World, surface: &str, own: Own, actor: Actor) -> Option<String> {
    let app = w.app();
    let user = w.actor(actor);
    let place = Some(w.case_place("lee"));
    match (surface, own) {
        ("/case channel", Own::Itself) => {
            return Some(outcome(set_case_channel(app, user, place).await));
        }
        ("/case start", Own::Itself) => {
            let title = format!("A shared learning point {}", w.unique());
            let domains = vec![Area::SystemWorking];
            return Some(outcome(
                start_case(app, user, place, &title, None, domains).await,
            ));
        }
        ("/case setup", Own::Itself) => {
            let guild = place.map(|p| p.guild);
            return Some(outcome(set_up_automod(app, user, guild).await));
        }
        _ => {}
    }
    if !matches!(
        surface,
        "/case stage next" | "/case who" | "/case close" | "/case review"
    ) {
        return None;
    }
    let Some(thread) = w.case_for(actor, own).await else {
        return Some(NA.to_owned());
    };
    Some(match surface {
        "/case stage next" => outcome(next_stage(app, user, thread).await),
        "/case who" => outcome(who_is_taking_part(app, user, thread).await),
        "/case close" => outcome(close_form(app, user, thread).await),
        _ => outcome(schedule_review(app, user, thread, "6w").await),
    })
}
