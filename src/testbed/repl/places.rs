//! Channels and threads in the REPL: finding one by `#name`, posting there as the current
//! person (`/post`), choosing where slash commands run (`/in`), listing them (`/channels`),
//! and `/edit` of your last message wherever you wrote it.
//!
//! A `#name` is matched against the guild's text channels and threads, newest first, by their
//! name (any case) or its slug (`#case-a-fall` for the thread "Case: a fall"), so the newest
//! thread of a name wins, as a reader would mean. A post AutoMod blocks is an outcome of the
//! story, shown with the rule that blocked it, not a failed line.

use std::time::Duration;

use anyhow::{Context as _, bail};

use crate::sandbox::{ChannelView, DriverError, MessageFilter, MessageView};
use crate::testbed::Testbed;
use crate::testbed::transcript::channel_label;

/// After a post in a guild channel, how long the bot may take to start reacting (reading it,
/// deleting it, replying) before the line counts as quiet. Channel posts need not get an
/// answer, unlike DMs, so this bounds a wait rather than failing.
const REACTION_GRACE: Duration = Duration::from_millis(1_000);

/// The channel or thread `token` (`#name`, the `#` optional) names.
pub fn find(tb: &Testbed, token: &str) -> anyhow::Result<ChannelView> {
    let wanted = token.trim().trim_start_matches('#');
    anyhow::ensure!(
        !wanted.is_empty(),
        "say which channel, e.g. #case-discussions"
    );
    let places = tb.driver.guild_channels(tb.driver.guild_id());
    let fits =
        |c: &&ChannelView| c.name.eq_ignore_ascii_case(wanted) || slug(&c.name) == slug(wanted);
    if let Some(found) = places.iter().find(fits) {
        return Ok(found.clone());
    }
    let known: Vec<String> = places.iter().rev().map(|c| describe(tb, c)).collect();
    bail!(
        "no channel or thread '#{wanted}' here; there are: {}",
        known.join(", ")
    )
}

/// `Case: a fall` → `case-a-fall`.
fn slug(name: &str) -> String {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join("-")
}

/// `#general`, or `#case-discussions › Case: a fall (#case-a-fall, private thread)`.
fn describe(tb: &Testbed, c: &ChannelView) -> String {
    let label = channel_label(tb, c.id);
    if !c.is_thread() {
        return label;
    }
    let mut kind = vec![format!("#{}", slug(&c.name))];
    kind.push(
        if c.private {
            "private thread"
        } else {
            "thread"
        }
        .to_owned(),
    );
    if c.locked {
        kind.push("locked".to_owned());
    } else if c.archived {
        kind.push("archived".to_owned());
    }
    format!("{label} ({})", kind.join(", "))
}

/// `/channels`: every channel and thread, with who is in each thread.
pub fn list(tb: &Testbed) {
    let mut places = tb.driver.guild_channels(tb.driver.guild_id());
    places.reverse();
    for c in &places {
        let members: Vec<&str> = c.members.iter().filter_map(|m| tb.handle_of(*m)).collect();
        if c.is_thread() && !members.is_empty() {
            println!("  {} — {}", describe(tb, c), members.join(", "));
        } else {
            println!("  {}", describe(tb, c));
        }
    }
}

/// `/in #name` sets where slash commands and a bare `/post` go; `/in dm` goes back to the DM.
pub fn choose(tb: &Testbed, here: &mut Option<u64>, rest: &str) -> anyhow::Result<()> {
    match rest.trim() {
        "" => match here {
            Some(channel) => println!("  you are in {}", channel_label(tb, *channel)),
            None => println!("  you are in your DM with the bot"),
        },
        "dm" | "DM" => {
            *here = None;
            println!("  slash commands now run in your DM with the bot");
        }
        token => {
            let place = find(tb, token)?;
            println!(
                "  slash commands and /post now go to {}",
                channel_label(tb, place.id)
            );
            *here = Some(place.id);
        }
    }
    Ok(())
}

/// `/post [#name] TEXT`: posts as `me` in the named place, else where `/in` put you.
pub async fn post(tb: &Testbed, me: &str, here: Option<u64>, rest: &str) -> anyhow::Result<()> {
    let (channel, text) = match rest.strip_prefix('#') {
        Some(named) => {
            let (token, text) = named.split_once(char::is_whitespace).unwrap_or((named, ""));
            (find(tb, token)?.id, text.trim())
        }
        None => (
            here.context("say where, e.g. /post #case-discussions Hello (or choose with /in #…)")?,
            rest,
        ),
    };
    anyhow::ensure!(
        !text.is_empty(),
        "say what to post, e.g. /post #case-discussions Hello"
    );
    let user = tb.user(me);
    let before = tb.driver.rest_calls().len();
    match tb.driver.post(user, channel, text) {
        Ok(_) => {}
        Err(DriverError::Blocked(block)) => {
            println!("  ⊘ not posted: {block}");
            return Ok(());
        }
        Err(error) => bail!("posting in {}: {error}", channel_label(tb, channel)),
    }
    await_reaction(tb, before).await;
    Ok(())
}

/// `/edit TEXT`: replaces the newest message `me` wrote, in a DM, channel or thread.
pub async fn edit_last(tb: &Testbed, me: &str, text: &str) -> anyhow::Result<()> {
    anyhow::ensure!(!text.is_empty(), "say the new text, e.g. /edit I meant…");
    let user = tb.user(me);
    let mine = MessageFilter::any().by(user).including_deleted();
    let last: Option<MessageView> = tb.driver.messages(&mine).into_iter().max_by_key(|m| m.id);
    let last = last.context("you have not written anything yet")?;
    let place = match last.guild_id {
        Some(_) => channel_label(tb, last.channel_id),
        None => "your DM".to_owned(),
    };
    if last.deleted {
        let by = match last.deleted_by {
            Some(id) if id == tb.driver.bot_user_id() => "mindlines",
            Some(id) => tb.handle_of(id).unwrap_or("someone"),
            None => "someone",
        };
        bail!("your last message, in {place}, was deleted by {by}; write it again instead");
    }
    let before = tb.driver.rest_calls().len();
    match tb.driver.edit(user, last.id, text) {
        Ok(_) => {}
        Err(DriverError::Blocked(block)) => {
            println!("  ⊘ not changed: {block}");
            return Ok(());
        }
        Err(error) => bail!("editing your message in {place}: {error}"),
    }
    if last.guild_id.is_some() {
        await_reaction(tb, before).await;
    }
    Ok(())
}

/// Waits (at most [`REACTION_GRACE`]) for the bot's first REST call after `before` calls.
async fn await_reaction(tb: &Testbed, before: usize) {
    let deadline = tokio::time::Instant::now() + REACTION_GRACE;
    while tb.driver.rest_calls().len() == before && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_keep_words_and_drop_punctuation() {
        assert_eq!(slug("Case: a fall"), "case-a-fall");
        assert_eq!(slug("case-discussions"), "case-discussions");
        assert_eq!(slug("#MDT  review!"), "mdt-review");
    }
}
