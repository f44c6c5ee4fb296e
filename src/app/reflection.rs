//! What happens when a trainee acts on a prompt: the buttons (reflect, snooze, skip, not
//! relevant) and the reflection form. Only the member a prompt was sent to can act on it; for
//! anyone else it behaves like a prompt that does not exist.

use chrono::{DateTime, Duration, Utc};

use super::App;
use super::error::UserError;
use super::safety::{HeldWrite, Written, screen};
use crate::domain::custom_id::{CustomId, PromptAction};
use crate::domain::delivery::{
    Delivery, DeliveryKind, DeliveryStatus, NewDelivery, PromptDelivery,
};
use crate::domain::evidence::{Answer, EvidenceSource, Tag, validate_answers};
use crate::domain::member::DiscordId;
use crate::domain::schedule::resolve_local;
use crate::store::NewEvidence;

/// The reflection form to open: a modal titled with the area, one field per stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReflectionForm {
    pub custom_id: String,
    pub title: String,
    pub fields: Vec<String>,
}

/// What the bot should answer to a button click.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ButtonOutcome {
    OpenForm(ReflectionForm),
    /// An ephemeral confirmation; the prompt message is updated to say what happened.
    Done {
        reply: String,
        prompt_update: String,
    },
}

const GONE: &str = "That prompt is no longer available. Use `/reflect` to get a fresh one.";

/// Handles a click on one of a prompt's buttons by `user`.
pub async fn press_prompt_button(
    app: &App,
    user: DiscordId,
    action: PromptAction,
    delivery: i64,
) -> anyhow::Result<ButtonOutcome> {
    let delivery = owned_delivery(app, user, delivery).await?;
    let now = app.clock.now();
    if !delivery.status.is_open() {
        return Err(UserError::new(already_closed(delivery.status)).into());
    }
    match action {
        PromptAction::Reflect => open_form(app, &delivery),
        PromptAction::SnoozeHour => {
            snooze(app, &delivery, now + Duration::hours(1), "in an hour").await
        }
        PromptAction::SnoozeTomorrow => {
            snooze(
                app,
                &delivery,
                tomorrow_at_usual_time(app, &delivery, now).await?,
                "tomorrow",
            )
            .await
        }
        PromptAction::Skip => {
            close(app, &delivery, DeliveryStatus::Skipped, now).await?;
            Ok(done(
                "Skipped. Nobody is told, and your next prompt comes as usual.",
                "_Skipped this week._",
            ))
        }
        PromptAction::NotRelevant => {
            app.store
                .mark_not_relevant(user, &delivery.prompt_id, now)
                .await?;
            close(app, &delivery, DeliveryStatus::NotRelevant, now).await?;
            Ok(done(
                "Thanks — I'll offer that prompt less often.",
                "_Marked not relevant._",
            ))
        }
    }
}

/// Stores a submitted reflection form as evidence tagged with the prompt's area and outcomes,
/// once it has passed the safety screen (on risk language it is held instead, see
/// `app::safety`). `texts` are the form's fields in order (one per stem); `interaction_id`
/// makes a duplicated submit record one entry.
pub async fn submit_reflection(
    app: &App,
    user: DiscordId,
    delivery: i64,
    interaction_id: u64,
    texts: Vec<String>,
) -> anyhow::Result<Written> {
    let owned = owned_delivery(app, user, delivery).await?;
    let answers = answers_for(app, &owned, texts.clone())?;
    if screen(app, texts.iter().map(String::as_str)) {
        let held = HeldWrite::Reflection {
            delivery,
            interaction_id,
            texts,
        };
        return Ok(Written::held(app, user, held));
    }
    keep_reflection(app, &owned, interaction_id, answers)
        .await
        .map(Written::Saved)
}

/// Keeps a reflection form its writer released from the safety screen's hold: checked again
/// (the prompt may have been answered meanwhile), not screened again.
pub(crate) async fn save_reflection(
    app: &App,
    user: DiscordId,
    delivery: i64,
    interaction_id: u64,
    texts: Vec<String>,
) -> anyhow::Result<String> {
    let delivery = owned_delivery(app, user, delivery).await?;
    let answers = answers_for(app, &delivery, texts)?;
    keep_reflection(app, &delivery, interaction_id, answers).await
}

async fn keep_reflection(
    app: &App,
    delivery: &PromptDelivery,
    interaction_id: u64,
    answers: Vec<Answer>,
) -> anyhow::Result<String> {
    let now = app.clock.now();
    let source = (EvidenceSource::Form, format!("form:{interaction_id}"));
    let entry = answer_to_delivery(app, delivery, source, answers, now);
    let (id, new) = app.store.add_evidence(&entry).await?;
    if new {
        super::followups::queue_followup(app, entry.member, id, &entry.answers, now).await?;
    }
    close(app, delivery, DeliveryStatus::Answered, now).await?;
    Ok(format!(
        "Saved to your evidence as entry #{id}, tagged **{}**. Only you can see it. `/evidence show id:{id}` to read it back, `/evidence edit id:{id}` to change it.",
        delivery.area.name()
    ))
}

/// The form's texts under the prompt's stems, checked for length and emptiness.
fn answers_for(
    app: &App,
    delivery: &PromptDelivery,
    texts: Vec<String>,
) -> anyhow::Result<Vec<Answer>> {
    let prompt = app.library.prompt(&delivery.prompt_id);
    let stems = prompt.map(|p| p.stems.clone()).unwrap_or_default();
    let answers: Vec<Answer> = texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| Answer {
            stem: stems
                .get(i)
                .cloned()
                .unwrap_or_else(|| format!("Answer {}", i + 1)),
            text,
        })
        .collect();
    validate_answers(&answers).map_err(UserError)?;
    Ok(answers)
}

/// Evidence answering `delivery`: linked to it and its prompt, tagged with the prompt's area
/// and the outcomes the prompt supports. `source` is how it was written and its unique key.
pub(crate) fn answer_to_delivery(
    app: &App,
    delivery: &PromptDelivery,
    source: (EvidenceSource, String),
    answers: Vec<Answer>,
    at: DateTime<Utc>,
) -> NewEvidence {
    let prompt = app.library.prompt(&delivery.prompt_id);
    let mut tags = std::collections::BTreeSet::from([Tag::Area(delivery.area)]);
    tags.extend(
        prompt
            .iter()
            .flat_map(|p| p.outcomes.iter().map(|&o| Tag::Outcome(o))),
    );
    NewEvidence {
        member: delivery.member,
        source: source.0,
        source_key: source.1,
        delivery_id: Some(delivery.id),
        prompt_id: Some(delivery.prompt_id.clone()),
        prompt_text: prompt.map(|p| p.text.clone()),
        answers,
        tags,
        at,
        follows_up: None,
    }
}

/// The prompt delivery with this id if it was sent to `user`; otherwise the same answer as
/// unknown. A member who has left the programme is refused: a prompt sent before keeps its
/// buttons, and nothing new is kept for them.
pub async fn owned_delivery(app: &App, user: DiscordId, id: i64) -> anyhow::Result<PromptDelivery> {
    super::members::refuse_if_left(app, user).await?;
    match app
        .store
        .delivery(id)
        .await?
        .and_then(Delivery::into_prompt)
    {
        Some(delivery) if delivery.member == user => Ok(delivery),
        _ => Err(UserError::new(GONE).into()),
    }
}

fn open_form(app: &App, delivery: &PromptDelivery) -> anyhow::Result<ButtonOutcome> {
    let prompt = app
        .library
        .prompt(&delivery.prompt_id)
        .ok_or_else(|| UserError::new(GONE))?;
    Ok(ButtonOutcome::OpenForm(ReflectionForm {
        custom_id: CustomId::ReflectionForm {
            delivery: delivery.id,
        }
        .to_string(),
        title: format!("Reflect: {}", delivery.area.name())
            .chars()
            .take(45)
            .collect(),
        fields: prompt.stems.clone(),
    }))
}

async fn snooze(
    app: &App,
    delivery: &PromptDelivery,
    until: DateTime<Utc>,
    when: &str,
) -> anyhow::Result<ButtonOutcome> {
    let now = app.clock.now();
    let again = NewDelivery::prompt(
        delivery.member,
        format!("snooze:{}", delivery.id),
        DeliveryKind::Snoozed,
        (&delivery.prompt_id, delivery.area),
        until,
        Some(delivery.id),
    );
    app.store.record_delivery(&again).await?;
    app.store
        .set_delivery_status(delivery.id, DeliveryStatus::Snoozed, None, now)
        .await?;
    Ok(done(
        &format!("Snoozed — I'll bring this prompt back {when}."),
        &format!("_Snoozed — back {when}._"),
    ))
}

/// Tomorrow at the member's usual prompt time, in their timezone.
async fn tomorrow_at_usual_time(
    app: &App,
    delivery: &Delivery,
    now: DateTime<Utc>,
) -> anyhow::Result<DateTime<Utc>> {
    let schedule = match app.store.schedule_of(delivery.member).await? {
        Some(state) => state.schedule,
        None => crate::domain::schedule::Schedule::default(),
    };
    let tomorrow = schedule.local_date(now) + Duration::days(1);
    Ok(resolve_local(
        schedule.timezone,
        tomorrow.and_time(schedule.local_time.time()),
    ))
}

/// Closes a delivery and, for a snooze or reminder, the prompt it follows, so one answer
/// settles the whole chain.
async fn close(
    app: &App,
    delivery: &Delivery,
    status: DeliveryStatus,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    app.store
        .set_delivery_status(delivery.id, status, None, now)
        .await?;
    let original = match delivery.follows {
        Some(id) => app.store.delivery(id).await?,
        None => None,
    };
    if let Some(original) =
        original.filter(|o| o.status.is_open() || o.status == DeliveryStatus::Snoozed)
    {
        app.store
            .set_delivery_status(original.id, status, None, now)
            .await?;
    }
    Ok(())
}

fn done(reply: &str, prompt_update: &str) -> ButtonOutcome {
    ButtonOutcome::Done {
        reply: reply.to_owned(),
        prompt_update: prompt_update.to_owned(),
    }
}

fn already_closed(status: DeliveryStatus) -> &'static str {
    match status {
        DeliveryStatus::Answered => {
            "You've already reflected on this prompt — it's in `/evidence list`."
        }
        DeliveryStatus::Snoozed => "You snoozed this prompt; it will come back as a new message.",
        DeliveryStatus::Skipped | DeliveryStatus::NotRelevant => {
            "You've set this prompt aside. Use `/reflect` for a fresh one."
        }
        _ => GONE,
    }
}
