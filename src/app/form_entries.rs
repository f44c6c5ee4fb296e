//! The short forms sent as queued messages (a plan's follow-up, the reflection after a case
//! discussion): a submit passes the safety screen (risk language holds it, see `app::safety`),
//! then its answers become an evidence entry under the form's questions, checked, recorded once
//! per submit, with the message marked answered.

use std::collections::BTreeSet;

use super::App;
use super::error::UserError;
use super::safety::{HeldWrite, Written, screen};
use crate::domain::delivery::{Delivery, DeliveryKind, DeliveryStatus};
use crate::domain::evidence::{Answer, EvidenceSource, Tag, validate_answers};
use crate::domain::member::DiscordId;
use crate::domain::prompt::PromptId;
use crate::store::NewEvidence;

/// Which queued form was submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueuedForm {
    FollowUp,
    CaseReflection,
}

/// A submitted queued form: refused if the message is no longer the caller's and open, held
/// by the safety screen on risk language, else kept.
pub async fn submit_queued_form(
    app: &App,
    user: DiscordId,
    form: QueuedForm,
    delivery: i64,
    interaction_id: u64,
    texts: Vec<String>,
) -> anyhow::Result<Written> {
    match form {
        QueuedForm::FollowUp => super::followups::followup_form(app, user, delivery).await?,
        QueuedForm::CaseReflection => super::cases::reflection_form(app, user, delivery).await?,
    };
    if screen(app, texts.iter().map(String::as_str)) {
        let held = HeldWrite::QueuedForm {
            form,
            delivery,
            interaction_id,
            texts,
        };
        return Ok(Written::held(app, user, held));
    }
    save_queued_form(app, user, form, delivery, interaction_id, texts)
        .await
        .map(Written::Saved)
}

/// Keeps a queued form's answers (after the screen, or the writer's choice to keep them).
pub async fn save_queued_form(
    app: &App,
    user: DiscordId,
    form: QueuedForm,
    delivery: i64,
    interaction_id: u64,
    texts: Vec<String>,
) -> anyhow::Result<String> {
    match form {
        QueuedForm::FollowUp => {
            super::followups::save_followup(app, user, delivery, interaction_id, texts).await
        }
        QueuedForm::CaseReflection => {
            super::cases::save_case_reflection(app, user, delivery, interaction_id, texts).await
        }
    }
}

/// Queued message `id` if it was sent to `user`, is of `kind` and is still open; else the
/// same refusal (`gone`) whatever the reason, so nobody learns of someone else's message.
/// A member who has left the programme is refused first.
pub(crate) async fn open_queued(
    app: &App,
    user: DiscordId,
    id: i64,
    kind: DeliveryKind,
    gone: &str,
) -> anyhow::Result<Delivery> {
    super::members::refuse_if_left(app, user).await?;
    Ok(app
        .store
        .delivery(id)
        .await?
        .filter(|d| d.member == user && d.kind == kind && d.status.is_open())
        .ok_or_else(|| UserError::new(gone))?)
}

/// One submitted form, answering queued message `delivery`.
pub(crate) struct FormEntry<'a> {
    pub member: DiscordId,
    pub delivery: i64,
    pub interaction_id: u64,
    pub stems: &'a [&'a str],
    pub texts: Vec<String>,
    pub source: EvidenceSource,
    pub prompt_id: Option<PromptId>,
    pub prompt_text: String,
    pub tags: BTreeSet<Tag>,
    pub follows_up: Option<i64>,
}

/// Records the entry (a repeated submit records it once) and marks the message answered.
/// Returns the entry's id.
pub(crate) async fn keep_form_entry(app: &App, form: FormEntry<'_>) -> anyhow::Result<i64> {
    let answers: Vec<Answer> = form
        .stems
        .iter()
        .zip(form.texts)
        .map(|(stem, text)| Answer {
            stem: (*stem).to_owned(),
            text,
        })
        .collect();
    validate_answers(&answers).map_err(UserError)?;
    let now = app.clock.now();
    let (id, _) = app
        .store
        .add_evidence(&NewEvidence {
            member: form.member,
            source: form.source,
            source_key: format!("form:{}", form.interaction_id),
            delivery_id: Some(form.delivery),
            prompt_id: form.prompt_id,
            prompt_text: Some(form.prompt_text),
            answers,
            tags: form.tags,
            at: now,
            follows_up: form.follows_up,
        })
        .await?;
    app.store
        .set_delivery_status(form.delivery, DeliveryStatus::Answered, None, now)
        .await?;
    Ok(id)
}
