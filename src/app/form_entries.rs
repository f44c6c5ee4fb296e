//! Keeping the answers of a short form sent as a queued message (a plan's follow-up, the
//! reflection after a case discussion) as an evidence entry: the answers under the form's
//! questions, checked, recorded once per submit, and the message marked answered.

use std::collections::BTreeSet;

use super::App;
use super::error::UserError;
use crate::domain::delivery::DeliveryStatus;
use crate::domain::evidence::{Answer, EvidenceSource, Tag, validate_answers};
use crate::domain::member::DiscordId;
use crate::domain::prompt::PromptId;
use crate::store::NewEvidence;

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
