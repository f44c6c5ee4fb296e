//! One renderer per kind of queued message: what a delivery says when the sender sends it.
//! The sender itself (claim, pace, nonce, retries, 50007) is the same for every kind.

use super::App;
use super::notify::{Attachment, Button, ButtonStyle, OutgoingMessage};
use super::prompt_message::{delivery_nonce, prompt_message};
use crate::domain::custom_id::CustomId;
use crate::domain::delivery::{Delivery, DeliveryKind, Payload};

/// What a delivery says: a message, with files for a digest's picture.
pub(crate) struct Rendered {
    pub message: OutgoingMessage,
    pub files: Vec<Attachment>,
    /// Where it goes instead of the member's DMs (a case thread).
    pub target: Option<u64>,
}

/// The message for `delivery`, or why it cannot be sent (a short code, kept as its error). A
/// digest reads the store as it stands when it is sent, so that can fail and be retried.
pub(crate) async fn render(
    app: &App,
    delivery: &Delivery,
) -> anyhow::Result<Result<Rendered, &'static str>> {
    if let Payload::Digest { until, supervisee } = &delivery.payload {
        let digest = super::supervision::render_digest(app, delivery, *until, *supervisee).await?;
        return Ok(digest.map(|d| Rendered {
            message: d.message,
            files: d.files,
            target: None,
        }));
    }
    if let Payload::FollowUp { entry } = &delivery.payload {
        let followup = super::followups::render_followup(app, delivery, *entry).await?;
        return Ok(followup.map(|message| Rendered {
            message,
            files: Vec::new(),
            target: None,
        }));
    }
    if let Payload::CaseReflection { .. } | Payload::CaseReview { .. } = &delivery.payload {
        let case = super::cases::render_case_delivery(app, delivery).await?;
        return Ok(case.map(|(message, target)| Rendered {
            message,
            files: Vec::new(),
            target,
        }));
    }
    Ok(render_message(app, delivery).map(|message| Rendered {
        message,
        files: Vec::new(),
        target: None,
    }))
}

fn render_message(app: &App, delivery: &Delivery) -> Result<OutgoingMessage, &'static str> {
    match &delivery.payload {
        Payload::Prompt { prompt_id, .. } => {
            let prompt = app.library.prompt(prompt_id).ok_or("prompt_removed")?;
            let reminder = delivery.kind == DeliveryKind::Reminder;
            Ok(prompt_message(prompt, delivery.id, reminder))
        }
        Payload::Checkin => checkin_message(app, delivery.id).ok_or("no_checkin_in_library"),
        Payload::Notice { text } => Ok(OutgoingMessage {
            content: text.clone(),
            buttons: Vec::new(),
            nonce: Some(delivery_nonce(delivery.id)),
        }),
        Payload::Digest { .. }
        | Payload::FollowUp { .. }
        | Payload::CaseReflection { .. }
        | Payload::CaseReview { .. } => Err("rendered_apart"),
    }
}

/// A wellbeing check-in: the question and one button per point of the scale, so answering is
/// one tap. Nothing says it can be missed: an unanswered check-in is simply gone.
pub(crate) fn checkin_message(app: &App, delivery: i64) -> Option<OutgoingMessage> {
    let wellbeing = app.library.wellbeing()?;
    let checkin = wellbeing.checkin();
    let buttons = checkin
        .scale
        .iter()
        .map(|point| Button {
            custom_id: CustomId::CheckinScore {
                delivery,
                score: point.value,
            }
            .to_string(),
            label: format!("{} · {}", point.value, point.label),
            style: ButtonStyle::Secondary,
        })
        .collect();
    Some(OutgoingMessage {
        content: format!(
            "**Check-in** · private to you\n\n{}\n\nTap the one that fits; you can add a note after. Skip it if you like — nothing happens if you do.",
            checkin.question.trim()
        ),
        buttons,
        nonce: Some(delivery_nonce(delivery)),
    })
}
