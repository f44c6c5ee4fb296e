//! Row ↔ domain conversion for the inbox, shared by both backends.

use chrono::{DateTime, Utc};

use super::{StoreResult, corrupt, db_id, discord_id};
use crate::domain::inbox::{InboundKind, InboundMessage};
use crate::domain::member::DiscordId;
use crate::store::InboxItem;

/// The longest `last_error` kept. Callers pass a short code; the cap keeps a careless caller
/// from turning the column into a second copy of a message.
const MAX_ERROR_CHARS: usize = 200;

/// A message or channel snowflake as the database stores it.
pub(crate) fn db_snowflake(id: u64) -> StoreResult<i64> {
    db_id(DiscordId(id))
}

fn snowflake(value: i64, place: &'static str) -> StoreResult<u64> {
    discord_id(value, place).map(|id| id.0)
}

/// The stored name of a kind.
pub(crate) fn kind_slug(kind: InboundKind) -> &'static str {
    match kind {
        InboundKind::Created => "created",
        InboundKind::Edited => "edited",
    }
}

fn kind_from_slug(slug: &str) -> StoreResult<InboundKind> {
    match slug {
        "created" => Ok(InboundKind::Created),
        "edited" => Ok(InboundKind::Edited),
        other => Err(corrupt("inbox.kind", format!("unknown kind '{other}'"))),
    }
}

/// `error` cut to at most [`MAX_ERROR_CHARS`] characters.
pub(crate) fn short_error(error: &str) -> &str {
    match error.char_indices().nth(MAX_ERROR_CHARS) {
        Some((end, _)) => &error[..end],
        None => error,
    }
}

/// An unprocessed `inbox` row.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct InboxRecord {
    event_key: String,
    message_id: i64,
    channel_id: i64,
    author: i64,
    kind: String,
    content: Option<String>,
    reply_to: Option<i64>,
    written_at: DateTime<Utc>,
    attempts: i64,
}

impl InboxRecord {
    /// The author, whose key opens the text.
    pub(crate) fn author(&self) -> i64 {
        self.author
    }

    pub(crate) fn into_item(self, keys: &crate::store::sealing::KeySet) -> StoreResult<InboxItem> {
        // Only processed rows lose their text; an unprocessed row without it is damaged.
        let sealed = self
            .content
            .ok_or_else(|| corrupt("inbox.content", "missing on an unprocessed item".into()))?;
        let content = keys.open("inbox.content", &self.event_key, self.author, &sealed)?;
        let message = InboundMessage {
            message_id: snowflake(self.message_id, "inbox.message_id")?,
            channel_id: snowflake(self.channel_id, "inbox.channel_id")?,
            author: discord_id(self.author, "inbox.author")?,
            kind: kind_from_slug(&self.kind)?,
            content,
            reply_to: self
                .reply_to
                .map(|id| snowflake(id, "inbox.reply_to"))
                .transpose()?,
            written_at: self.written_at,
        };
        let attempts = u32::try_from(self.attempts)
            .map_err(|_| corrupt("inbox.attempts", format!("{} out of range", self.attempts)))?;
        Ok(InboxItem {
            event_key: self.event_key,
            message,
            attempts,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_slugs() {
        for kind in [InboundKind::Created, InboundKind::Edited] {
            assert_eq!(kind_from_slug(kind_slug(kind)).unwrap(), kind);
        }
        assert!(kind_from_slug("deleted").is_err());
    }

    #[test]
    fn long_errors_are_cut_on_a_character_boundary() {
        assert_eq!(short_error("http-500"), "http-500");
        let long = "é".repeat(MAX_ERROR_CHARS + 10);
        assert_eq!(short_error(&long).chars().count(), MAX_ERROR_CHARS);
    }
}
