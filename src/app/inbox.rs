//! Direct messages to the bot: written to the inbox first (keyed by the event, so a duplicate
//! is a no-op and a failure is retried), then processed into evidence.
//!
//! - A reply to a prompt (Discord's reply, or the next DM within the reply window) becomes
//!   evidence tagged like the prompt, and the prompt counts as answered.
//! - An edit of such a reply updates the entry and keeps the earlier text as a revision.
//! - Risk language stops the reflective flow at once: the member gets the signposting message,
//!   nothing is stored as evidence, and the log records only that it happened.
//! - After downtime, [`backfill`] reads each known DM channel forward from the last message
//!   seen, so replies written while the bot was down are kept (once).

use chrono::{DateTime, Utc};

use super::App;
use super::notify::{HistoryMessage, OutgoingMessage};
use super::reflection::answer_to_delivery;
use crate::domain::delivery::DeliveryStatus;
use crate::domain::evidence::{Answer, EvidenceSource};
use crate::domain::inbox::{InboundKind, InboundMessage};
use crate::domain::member::Member;

/// The stem a free-text reply is kept under.
pub const REPLY_STEM: &str = "Reply";
const MAX_ATTEMPTS: u32 = 5;

/// Receives one DM (live or from backfill): inbox first, then processing.
pub async fn receive_dm(app: &App, message: InboundMessage) -> anyhow::Result<()> {
    let now = app.clock.now();
    app.store
        .advance_dm_cursor(message.channel_id, message.message_id)
        .await?;
    if !app.store.record_inbound(&message, now).await? {
        return Ok(()); // Seen before: a duplicate event or a backfill overlap.
    }
    let key = message.event_key();
    match process(app, &message).await {
        Ok(()) => app.store.mark_inbound_processed(&key, now).await?,
        Err(error) => {
            tracing::warn!(event = %key, "processing a DM failed; will retry: {error:#}");
            app.store
                .mark_inbound_failed(&key, "processing_failed", now)
                .await?;
        }
    }
    Ok(())
}

/// Retries inbox items whose processing failed earlier.
pub async fn process_inbox(app: &App) -> anyhow::Result<usize> {
    let items = app.store.unprocessed_inbound(MAX_ATTEMPTS, 100).await?;
    let mut done = 0;
    for item in items {
        let now = app.clock.now();
        match process(app, &item.message).await {
            Ok(()) => {
                app.store
                    .mark_inbound_processed(&item.event_key, now)
                    .await?;
                done += 1;
            }
            Err(_) => {
                app.store
                    .mark_inbound_failed(&item.event_key, "processing_failed", now)
                    .await?
            }
        }
    }
    Ok(done)
}

async fn process(app: &App, message: &InboundMessage) -> anyhow::Result<()> {
    let Some(member) = app.store.member(message.author).await? else {
        return Ok(()); // Not on the roster: nothing of theirs is kept.
    };
    if mentions_risk(app, &message.content) {
        tracing::info!(member = %member.discord_id, "risk language in a DM; signposting sent");
        return reply(app, message.channel_id, risk_reply(app)).await;
    }
    match message.kind {
        InboundKind::Created => record_reply(app, &member, message).await,
        InboundKind::Edited => update_reply(app, &member, message).await,
    }
}

async fn record_reply(app: &App, member: &Member, message: &InboundMessage) -> anyhow::Result<()> {
    if message.content.trim().is_empty() {
        return Ok(());
    }
    let delivery = match message.reply_to {
        Some(prompt_message) => app
            .store
            .delivery_by_message(prompt_message)
            .await?
            .filter(|d| d.member == member.discord_id),
        None => None,
    };
    let since = message.written_at - app.delivery.reply_window;
    let delivery = match delivery {
        Some(delivery) => Some(delivery),
        None => {
            app.store
                .latest_open_delivery(member.discord_id, since)
                .await?
        }
    };
    // A reflection written over several messages: the later ones go with the prompt the
    // first one answered, so nothing the trainee wrote is dropped.
    let delivery = match delivery {
        Some(delivery) => Some(delivery),
        None => latest_answered(app, member, since).await?,
    };
    let Some(delivery) = delivery else {
        let hint = "I keep replies to prompts as evidence. There's no open prompt just now — use `/reflect` to get one, and reply to it.";
        return reply(app, message.channel_id, hint.to_owned()).await;
    };
    let answers = vec![Answer {
        stem: REPLY_STEM.to_owned(),
        text: message.content.clone(),
    }];
    let source = (
        EvidenceSource::DirectMessage,
        format!("dm:{}", message.message_id),
    );
    let entry = answer_to_delivery(app, &delivery, source, answers, message.written_at);
    let (id, new) = app.store.add_evidence(&entry).await?;
    if !new {
        return Ok(());
    }
    app.store
        .set_delivery_status(delivery.id, DeliveryStatus::Answered, None, app.clock.now())
        .await?;
    let saved = format!(
        "Kept as evidence (entry #{id}, **{}**). Edit your message to update it, or use `/evidence edit id:{id}`.",
        delivery.area.name()
    );
    reply(app, message.channel_id, saved).await
}

async fn latest_answered(
    app: &App,
    member: &Member,
    since: DateTime<Utc>,
) -> anyhow::Result<Option<crate::domain::delivery::Delivery>> {
    let recent = app
        .store
        .deliveries_of(member.discord_id)
        .await?
        .into_iter()
        .find(|d| {
            d.status == DeliveryStatus::Answered && d.sent_at.is_some_and(|sent| sent >= since)
        });
    Ok(recent)
}

async fn update_reply(app: &App, member: &Member, message: &InboundMessage) -> anyhow::Result<()> {
    let key = format!("dm:{}", message.message_id);
    let Some(entry) = app
        .store
        .evidence_by_source(member.discord_id, &key)
        .await?
    else {
        return Ok(()); // An edit of a message that was not kept.
    };
    let answers = vec![Answer {
        stem: REPLY_STEM.to_owned(),
        text: message.content.clone(),
    }];
    if entry.answers != answers {
        app.store
            .update_evidence_answers(member.discord_id, entry.id, &answers, message.written_at)
            .await?;
    }
    Ok(())
}

fn mentions_risk(app: &App, text: &str) -> bool {
    app.library
        .wellbeing()
        .is_some_and(|w| w.mentions_risk(text))
}

fn risk_reply(app: &App) -> String {
    app.library
        .wellbeing()
        .map(|w| w.risk_reply())
        .unwrap_or_default()
}

async fn reply(app: &App, channel_id: u64, content: String) -> anyhow::Result<()> {
    let message = OutgoingMessage {
        content,
        ..OutgoingMessage::default()
    };
    app.notifier.post(channel_id, &message).await?;
    Ok(())
}

/// Reads every known DM channel forward from the last message seen and receives what the bot
/// missed. Returns how many messages were read.
pub async fn backfill(app: &App) -> anyhow::Result<usize> {
    let mut read = 0;
    for channel in app.store.dm_channels().await? {
        let mut after = channel.last_seen_message_id;
        loop {
            let page = app
                .notifier
                .messages_after(channel.channel_id, after, 100)
                .await?;
            let Some(last) = page.last().map(|m| m.id) else {
                break;
            };
            for message in page
                .iter()
                .filter(|m| !m.author_is_bot && m.author == channel.member)
            {
                receive_dm(app, inbound_from_history(channel.channel_id, message)).await?;
                read += 1;
            }
            app.store
                .advance_dm_cursor(channel.channel_id, last)
                .await?;
            if page.len() < 100 {
                break;
            }
            after = Some(last);
        }
    }
    Ok(read)
}

fn inbound_from_history(channel_id: u64, message: &HistoryMessage) -> InboundMessage {
    InboundMessage {
        message_id: message.id,
        channel_id,
        author: message.author,
        kind: InboundKind::Created,
        content: message.content.clone(),
        reply_to: message.reply_to,
        written_at: message.written_at,
    }
}

/// The instant a DM was written, for callers that only have its snowflake.
pub fn snowflake_time(id: u64) -> DateTime<Utc> {
    const DISCORD_EPOCH_MS: i64 = 1_420_070_400_000;
    let ms = (id >> 22) as i64 + DISCORD_EPOCH_MS;
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}
