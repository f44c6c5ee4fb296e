//! Coming back to plans (see `domain::followup`): a reflection that ends with a plan queues
//! one follow-up on the outbound queue, keyed by the entry, so it is sent once whatever
//! restarts; when sent it reads the entry as it is then (an entry deleted or whose plan was
//! removed sends nothing). The member answers with a short form; the answer is a new entry
//! linked to the first and tagged alike. Nobody else is told whether they answered.

use chrono::{DateTime, Duration, Utc};

use super::App;
use super::error::UserError;
use super::form_entries::{FormEntry, keep_form_entry, open_queued};
use super::members::require_member;
use super::notify::{Button, ButtonStyle, OutgoingMessage};
use super::prompt_message::delivery_nonce;
use crate::domain::custom_id::CustomId;
use crate::domain::delivery::{Delivery, DeliveryKind, DeliveryStatus, NewDelivery, Payload};
use crate::domain::evidence::{Answer, EvidenceEntry, EvidenceSource, excerpt};
use crate::domain::followup::{DEFAULT_WEEKS, MAX_WEEKS, STEMS, plan_of, time_since};
use crate::domain::member::DiscordId;

/// The weeks the member's follow-ups wait (0 = never).
async fn weeks_for(app: &App, member: DiscordId) -> anyhow::Result<u32> {
    Ok(app
        .store
        .followup_weeks(member)
        .await?
        .unwrap_or(DEFAULT_WEEKS))
}

/// Queues the follow-up of entry `entry` if its answers end with a plan and the member wants
/// follow-ups. Recording it twice records it once.
pub async fn queue_followup(
    app: &App,
    member: DiscordId,
    entry: i64,
    answers: &[Answer],
    written_at: DateTime<Utc>,
) -> anyhow::Result<()> {
    if plan_of(answers).is_none() {
        return Ok(());
    }
    let weeks = weeks_for(app, member).await?;
    if weeks == 0 {
        return Ok(());
    }
    app.store
        .record_delivery(&NewDelivery {
            member,
            occurrence_key: format!("followup:{entry}"),
            kind: DeliveryKind::FollowUp,
            payload: Payload::FollowUp { entry },
            // A day on, so it never lands beside the weekly prompt the plan was written for.
            due_at: written_at + Duration::weeks(i64::from(weeks)) + Duration::days(1),
            follows: None,
        })
        .await?;
    Ok(())
}

/// The follow-up message for delivery `delivery` of entry `entry`, or why there is none.
pub async fn render_followup(
    app: &App,
    delivery: &Delivery,
    entry: i64,
) -> anyhow::Result<Result<OutgoingMessage, &'static str>> {
    let Some(original) = app.store.evidence_entry(delivery.member, entry).await? else {
        return Ok(Err("entry_deleted"));
    };
    let Some(plan) = plan_of(&original.answers) else {
        return Ok(Err("plan_removed"));
    };
    let when = time_since(original.created_at, app.clock.now());
    let button = |custom_id: CustomId, label: &str, style| Button {
        custom_id: custom_id.to_string(),
        label: label.to_owned(),
        style,
    };
    let id = delivery.id;
    Ok(Ok(OutgoingMessage {
        content: format!(
            "**Coming back to a plan** · private to you\n\n{when} you wrote, in entry #{entry}:\n> {}\n\nHow did it go, and what would you revise? A couple of lines is plenty. Nobody else is told whether you answer.",
            excerpt(&plan.text, 600)
        ),
        buttons: vec![
            button(
                CustomId::FollowUpReflect { delivery: id },
                "Reflect on it",
                ButtonStyle::Primary,
            ),
            button(
                CustomId::FollowUpSkip { delivery: id },
                "Skip",
                ButtonStyle::Secondary,
            ),
            button(
                CustomId::FollowUpStop { delivery: id },
                "No more follow-ups",
                ButtonStyle::Secondary,
            ),
        ],
        nonce: Some(delivery_nonce(id)),
    }))
}

const GONE: &str =
    "That follow-up is no longer open (answered, skipped, or from an entry you deleted).";

/// The member's open follow-up delivery `id` and the entry it comes back to.
async fn open_followup(
    app: &App,
    user: DiscordId,
    id: i64,
) -> anyhow::Result<(Delivery, EvidenceEntry)> {
    let delivery = open_queued(app, user, id, DeliveryKind::FollowUp, GONE).await?;
    let Payload::FollowUp { entry } = delivery.payload else {
        return Err(UserError::new(GONE).into());
    };
    let original = app
        .store
        .evidence_entry(user, entry)
        .await?
        .ok_or_else(|| UserError::new(GONE))?;
    Ok((delivery, original))
}

/// The form's questions, for the "Reflect on it" button (after checking the follow-up is open).
pub async fn followup_form(
    app: &App,
    user: DiscordId,
    delivery: i64,
) -> anyhow::Result<[&'static str; 2]> {
    open_followup(app, user, delivery).await?;
    Ok(STEMS)
}

/// "Skip": closes the follow-up; nothing else happens.
pub async fn skip_followup(app: &App, user: DiscordId, delivery: i64) -> anyhow::Result<String> {
    let (delivery, _) = open_followup(app, user, delivery).await?;
    app.store
        .set_delivery_status(delivery.id, DeliveryStatus::Skipped, None, app.clock.now())
        .await?;
    Ok("Skipped. Nobody is told.".to_owned())
}

/// "No more follow-ups": turns them off and cancels any queued.
pub async fn stop_followups(app: &App, user: DiscordId, delivery: i64) -> anyhow::Result<String> {
    let (delivery, _) = open_followup(app, user, delivery).await?;
    let now = app.clock.now();
    app.store
        .set_delivery_status(delivery.id, DeliveryStatus::Skipped, None, now)
        .await?;
    set_followups(app, user, 0).await
}

/// `/schedule followups weeks:N` (0 = off).
pub async fn set_followups(app: &App, user: DiscordId, weeks: u32) -> anyhow::Result<String> {
    require_member(app, user).await?;
    if weeks > MAX_WEEKS {
        return Err(UserError::new(format!(
            "Choose 1 to {MAX_WEEKS} weeks, or 0 for no follow-ups (you asked for {weeks})."
        ))
        .into());
    }
    app.store.set_followup_weeks(user, weeks).await?;
    if weeks == 0 {
        let cancelled = app
            .store
            .cancel_pending_of_kind(user, DeliveryKind::FollowUp, app.clock.now())
            .await?;
        let queued = match cancelled {
            0 => String::new(),
            1 => " The one already planned is cancelled.".to_owned(),
            n => format!(" The {n} already planned are cancelled."),
        };
        return Ok(format!(
            "No more follow-ups of your plans.{queued} `/schedule followups weeks:{DEFAULT_WEEKS}` turns them back on."
        ));
    }
    Ok(format!(
        "When a reflection ends with a plan, I'll come back to it {weeks} week{} later (and a day), privately. Follow-ups already planned keep their dates. `/schedule followups weeks:0` turns them off.",
        if weeks == 1 { "" } else { "s" }
    ))
}

/// Keeps a follow-up's answers as a new entry linked to the first and tagged alike.
pub async fn save_followup(
    app: &App,
    user: DiscordId,
    delivery: i64,
    interaction_id: u64,
    texts: Vec<String>,
) -> anyhow::Result<String> {
    let (delivery, original) = open_followup(app, user, delivery).await?;
    let id = keep_form_entry(
        app,
        FormEntry {
            member: user,
            delivery: delivery.id,
            interaction_id,
            stems: &STEMS,
            texts,
            source: EvidenceSource::Form,
            prompt_id: original.prompt_id.clone(),
            prompt_text: format!(
                "Coming back to the plan in entry #{}: how did it go, and what would you revise?",
                original.id
            ),
            tags: original.tags.clone(),
            follows_up: Some(original.id),
        },
    )
    .await?;
    Ok(format!(
        "Saved as entry #{id}, linked to entry #{} and tagged alike. Only you can see it.",
        original.id
    ))
}
