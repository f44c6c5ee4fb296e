//! `/expect TEXT`: checking what the previous line led the bot to do.
//!
//! The line's messages are the ones the transcript showed after it (new, edited or deleted).
//! Of those, what counts is what the current person can see from the bot: messages to them
//! (their DM, private replies, answers to their commands), the bot's public messages in
//! channels and threads, and messages the bot deleted, which read as "deleted by mindlines".
//! When the line led to none of these, the bot's newest message to them is checked. Looking
//! at all of a line's messages matters: a deferred reply is filled in after messages sent
//! later.

use crate::sandbox::MessageView;
use crate::testbed::Testbed;

/// What a deleted message reads as for `/expect`.
const DELETED_BY_BOT: &str = "deleted by mindlines";

pub fn expect(tb: &Testbed, me: &str, text: &str, recent: &[u64]) -> anyhow::Result<()> {
    anyhow::ensure!(
        !text.is_empty(),
        "say what to expect, e.g. /expect Kept as evidence"
    );
    let user = tb.user(me);
    let bot = tb.driver.bot_user_id();
    let to_me: Vec<MessageView> = tb.driver.bot_messages_to(user);
    let seen_by_me = |m: &MessageView| {
        to_me.iter().any(|t| t.id == m.id) || (m.guild_id.is_some() && m.visible_to.is_none())
    };
    let mut said: Vec<String> = recent
        .iter()
        .filter_map(|id| tb.driver.message(*id))
        .filter_map(|m| {
            if m.deleted {
                (m.deleted_by == Some(bot)).then(|| DELETED_BY_BOT.to_owned())
            } else {
                (m.author_id == bot && seen_by_me(&m)).then(|| m.text())
            }
        })
        .collect();
    if said.is_empty() {
        said.extend(to_me.iter().max_by_key(|m| m.id).map(MessageView::text));
    }
    anyhow::ensure!(!said.is_empty(), "the bot has sent {me} nothing yet");
    if said.iter().any(|s| s.contains(text)) {
        println!("  ✓ found \"{text}\"");
        return Ok(());
    }
    let firsts: Vec<&str> = said
        .iter()
        .map(|s| s.lines().next().unwrap_or_default())
        .collect();
    anyhow::bail!(
        "expected what the bot did after the line before (or its latest message to {me}) to contain \"{text}\"; it said: {}",
        firsts.join(" / ")
    )
}
