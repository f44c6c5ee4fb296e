//! Direct messages to the bot: written to the inbox first (keyed by the event, so a duplicate
//! is a no-op and a failure is retried), then processed into evidence.
//!
//! - A reply to a prompt (Discord's reply, or the next DM within the reply window) becomes
//!   evidence tagged like the prompt, and the prompt counts as answered.
//! - An edit of such a reply updates the entry and keeps the earlier text as a revision.
//! - Every DM passes the safety screen first (`app::safety`): on risk language the member gets
//!   the signposting at once, the text is held in memory only (the inbox keeps the event's key,
//!   no text), and nothing is logged about them.
//! - An item is marked processed only once its answer ("Kept as evidence…") was sent too, so a
//!   confirmation lost to a 429 is sent on the retry; its nonce keeps it to one.
//! - After downtime, [`backfill`] reads each known DM channel forward from the last message
//!   seen, so replies written while the bot was down are kept (once).

use chrono::{DateTime, Utc};

use super::App;
use super::members::join_hint;
use super::notify::{HistoryMessage, NotifyError, OutgoingMessage};
use super::reflection::answer_to_delivery;
use super::safety::{HeldWrite, held_reply, keep_button, risk_reply, screen};
use crate::domain::delivery::{Delivery, DeliveryStatus, PromptDelivery};
use crate::domain::evidence::{Answer, EvidenceSource};
use crate::domain::inbox::{InboundKind, InboundMessage};
use crate::domain::member::Member;

/// The stem a free-text reply is kept under.
pub const REPLY_STEM: &str = "Reply";
const MAX_ATTEMPTS: u32 = 5;

/// What a DM that answers no prompt gets: kind, true, and a way on.
const NOT_A_REPLY: &str = "Thank you for writing. I haven't kept this message, because it isn't a reply to one of my prompts. If you'd like to keep a reflection, `/reflect` sends you a prompt now and your answer to it is saved privately. If things feel hard, Samaritans (116 123) and NHS 111 option 2 are there day and night.";

/// Receives one DM (live or from backfill): screened, then inbox first, then processing.
pub async fn receive_dm(app: &App, message: InboundMessage) -> anyhow::Result<()> {
    let now = app.clock.now();
    if screen(app, [message.content.as_str()]) {
        return hold_dm(app, message, now).await;
    }
    // The inbox write comes first: the cursor may only pass a message once it is durable, or
    // a failed write would leave a message that backfill then skips.
    let fresh = app.store.record_inbound(&message, now).await?;
    app.store
        .advance_dm_cursor(message.channel_id, message.message_id)
        .await?;
    if !fresh {
        return Ok(()); // Seen before: a duplicate event or a backfill overlap.
    }
    handle(app, &message.event_key(), &message, now).await
}

/// Risk language in a DM: the signposting at once, the text held in memory only. The inbox
/// keeps the event's key with no text, so a redelivery or backfill of it is a no-op.
async fn hold_dm(app: &App, message: InboundMessage, now: DateTime<Utc>) -> anyhow::Result<()> {
    let key_only = InboundMessage {
        content: String::new(),
        ..message.clone()
    };
    let fresh = app.store.record_inbound(&key_only, now).await?;
    app.store
        .advance_dm_cursor(message.channel_id, message.message_id)
        .await?;
    app.store
        .mark_inbound_processed(&key_only.event_key(), now)
        .await?;
    if !fresh {
        return Ok(());
    }
    let channel = message.channel_id;
    let signposting = if app.store.member(message.author).await?.is_some() {
        let token = app.safety.hold(message.author, HeldWrite::Dm(message), now);
        OutgoingMessage {
            content: held_reply(app),
            buttons: vec![keep_button(token)],
            nonce: None,
        }
    } else {
        app.safety.count_signposting();
        OutgoingMessage {
            content: risk_reply(app),
            ..OutgoingMessage::default()
        }
    };
    app.notifier.post(channel, &signposting).await?;
    Ok(())
}

/// Processes an inbox item and sends its answer; marks it processed only once both happened,
/// so a confirmation that failed to send is sent on the retry (once: it carries a nonce).
async fn handle(
    app: &App,
    key: &str,
    message: &InboundMessage,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let outcome = match process(app, message).await {
        Ok(Some(answer)) => app
            .notifier
            .post(message.channel_id, &answer)
            .await
            .map(|_| ())
            .map_err(anyhow::Error::from),
        Ok(None) => Ok(()),
        Err(error) => Err(error),
    };
    match outcome {
        Ok(()) => app.store.mark_inbound_processed(key, now).await?,
        Err(error) => {
            tracing::warn!(event = %key, "processing a DM failed; will retry: {error:#}");
            app.store
                .mark_inbound_failed(key, "processing_failed", MAX_ATTEMPTS, now)
                .await?;
        }
    }
    Ok(())
}

/// Retries inbox items whose processing (or whose answer) failed earlier.
pub async fn process_inbox(app: &App) -> anyhow::Result<usize> {
    let items = app.store.unprocessed_inbound(MAX_ATTEMPTS, 100).await?;
    let mut done = 0;
    for item in items {
        handle(app, &item.event_key, &item.message, app.clock.now()).await?;
        done += 1;
    }
    Ok(done)
}

/// Keeps a DM the safety screen held, once its writer said it was about someone else; returns
/// what to tell them.
pub(crate) async fn keep_held_dm(app: &App, message: &InboundMessage) -> anyhow::Result<String> {
    let answer = process(app, message).await?;
    Ok(answer
        .map(|a| a.content)
        .unwrap_or_else(|| "Nothing to keep: that message no longer answers a prompt.".to_owned()))
}

/// What a DM means, and the answer it gets (`None`: no answer). Repeating it for the same
/// message is safe: evidence is keyed by the message, and the answer carries a nonce.
async fn process(app: &App, message: &InboundMessage) -> anyhow::Result<Option<OutgoingMessage>> {
    let Some(member) = app.store.member(message.author).await? else {
        // Not on the roster: nothing of theirs is kept; they hear how to join, once a day.
        let tell = message.kind == InboundKind::Created
            && app.join_hints.should_tell(message.author, app.clock.now());
        return Ok(tell.then(|| answer(message, join_hint(message.author))));
    };
    match message.kind {
        InboundKind::Created => record_reply(app, &member, message).await,
        InboundKind::Edited => {
            update_reply(app, &member, message).await?;
            Ok(None)
        }
    }
}

async fn record_reply(
    app: &App,
    member: &Member,
    message: &InboundMessage,
) -> anyhow::Result<Option<OutgoingMessage>> {
    if message.content.trim().is_empty() {
        return Ok(None);
    }
    let Some(delivery) = delivery_answered_by(app, member, message).await? else {
        return Ok(Some(answer(message, NOT_A_REPLY.to_owned())));
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
    // On a retry the entry is already there: it is not added twice, and the prompt is marked
    // answered (again, harmlessly) before the confirmation is sent.
    let (id, _new) = app.store.add_evidence(&entry).await?;
    if delivery.status.is_open() {
        app.store
            .set_delivery_status(delivery.id, DeliveryStatus::Answered, None, app.clock.now())
            .await?;
    }
    let saved = format!(
        "Kept as evidence (entry #{id}, **{}**). Edit your message to update it, or use `/evidence edit id:{id}`.",
        delivery.area.name()
    );
    Ok(Some(answer(message, saved)))
}

/// The prompt a DM answers: the one it replies to, else the latest open prompt within the
/// reply window, else (a reflection written over several messages) the latest answered one.
/// Only prompts are answered by a DM; a reply to a check-in or a notice is not evidence.
async fn delivery_answered_by(
    app: &App,
    member: &Member,
    message: &InboundMessage,
) -> anyhow::Result<Option<PromptDelivery>> {
    let replied_to = match message.reply_to {
        Some(prompt_message) => app
            .store
            .delivery_by_message(prompt_message)
            .await?
            .filter(|d| d.member == member.discord_id)
            .and_then(Delivery::into_prompt),
        None => None,
    };
    if replied_to.is_some() {
        return Ok(replied_to);
    }
    let since = message.written_at - app.delivery.reply_window;
    if let Some(open) = app
        .store
        .latest_open_delivery(member.discord_id, since)
        .await?
        .and_then(Delivery::into_prompt)
    {
        return Ok(Some(open));
    }
    latest_answered(app, member, since).await
}

/// The bot's answer to a DM, with a nonce derived from it so a resend is not a duplicate.
fn answer(message: &InboundMessage, content: String) -> OutgoingMessage {
    OutgoingMessage {
        content,
        buttons: Vec::new(),
        nonce: Some(format!("k{}", message.message_id)),
    }
}

async fn latest_answered(
    app: &App,
    member: &Member,
    since: DateTime<Utc>,
) -> anyhow::Result<Option<PromptDelivery>> {
    let recent = app
        .store
        .deliveries_of(member.discord_id)
        .await?
        .into_iter()
        .filter(|d| {
            d.status == DeliveryStatus::Answered && d.sent_at.is_some_and(|sent| sent >= since)
        })
        .find_map(Delivery::into_prompt);
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

/// Reads every known DM channel forward from the last message seen and receives what the bot
/// missed. A 429 or a 5xx on one page is waited out and the page read again; a channel that
/// still fails is left for the next backfill and the others are read. Returns how many
/// messages were read.
pub async fn backfill(app: &App) -> anyhow::Result<usize> {
    let mut read = 0;
    for channel in app.store.dm_channels().await? {
        match backfill_channel(app, &channel).await {
            Ok(n) => read += n,
            Err(error) => {
                tracing::warn!(
                    channel = channel.channel_id,
                    "backfill of a DM channel stopped; the next backfill carries on: {error:#}"
                );
            }
        }
    }
    Ok(read)
}

async fn backfill_channel(app: &App, channel: &crate::store::DmChannel) -> anyhow::Result<usize> {
    let mut read = 0;
    let mut after = channel.last_seen_message_id;
    loop {
        let page = read_page(app, channel.channel_id, after).await?;
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
    Ok(read)
}

/// One page of history, waiting out rate limits and retrying brief failures.
async fn read_page(
    app: &App,
    channel_id: u64,
    after: Option<u64>,
) -> anyhow::Result<Vec<HistoryMessage>> {
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        match app.notifier.messages_after(channel_id, after, 100).await {
            Ok(page) => return Ok(page),
            Err(NotifyError::RateLimited { retry_after_secs }) if attempt <= PAGE_ATTEMPTS => {
                tokio::time::sleep(std::time::Duration::from_secs_f64(
                    retry_after_secs.clamp(0.05, 60.0),
                ))
                .await;
            }
            Err(NotifyError::Transient(_)) if attempt <= PAGE_ATTEMPTS => {
                tokio::time::sleep(std::time::Duration::from_millis(250 << attempt.min(5))).await;
            }
            Err(error) => return Err(error.into()),
        }
    }
}

/// How often one history page is tried before the channel is left for the next backfill.
const PAGE_ATTEMPTS: u32 = 5;

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
