//! Comments, digest subscriptions and the digest's aggregate rows, read back into the domain.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveTime, Utc, Weekday};

use super::{corrupt, discord_id, parse, tag_from_id};
use crate::domain::curriculum::Area;
use crate::domain::digest::{DigestSubscription, SharedEntry};
use crate::domain::evidence::{Tag, excerpt};
use crate::domain::member::DiscordId;
use crate::domain::supervision::{Comment, CommentKind};
use crate::store::StoreResult;
use crate::store::sealing::KeySet;

/// The columns of `evidence_comments c` (with the author's name from `members a`) that make a
/// [`CommentRecord`].
macro_rules! comment_columns {
    () => {
        "c.id, c.evidence_id, \
         (SELECT o.member FROM evidence o WHERE o.id = c.evidence_id) AS owner, \
         c.author, a.display_name AS author_name, c.kind, c.body, \
         c.created_at FROM evidence_comments c \
         LEFT JOIN members a ON a.discord_id = c.author"
    };
}

pub(crate) use comment_columns;

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CommentRecord {
    id: i64,
    evidence_id: i64,
    /// The entry's owner, whose key seals the body.
    owner: i64,
    author: i64,
    author_name: Option<String>,
    kind: String,
    body: Option<String>,
    created_at: DateTime<Utc>,
}

impl CommentRecord {
    /// The entry's owner, whose key opens the body.
    pub(crate) fn owner(&self) -> i64 {
        self.owner
    }

    pub(crate) fn into_comment(self, keys: &KeySet) -> StoreResult<Comment> {
        let place = "evidence_comments.body";
        let body = keys.open_opt(
            place,
            &self.id.to_string(),
            self.owner,
            self.body.as_deref(),
        )?;
        Ok(Comment {
            id: self.id,
            entry: self.evidence_id,
            author: discord_id(self.author, "evidence_comments.author")?,
            author_name: self.author_name,
            kind: parse::<CommentKind>(&self.kind, "evidence_comments.kind")?,
            body,
            at: self.created_at,
        })
    }
}

/// Comments grouped by entry, oldest first within each.
pub(crate) fn comments_by_entry(
    records: Vec<CommentRecord>,
    keys: &KeySet,
) -> StoreResult<BTreeMap<i64, Vec<Comment>>> {
    let mut grouped: BTreeMap<i64, Vec<Comment>> = BTreeMap::new();
    for record in records {
        let comment = record.into_comment(keys)?;
        grouped.entry(comment.entry).or_default().push(comment);
    }
    Ok(grouped)
}

/// A row of `digest_subscriptions`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct SubscriptionRecord {
    supervisor: i64,
    weekday: i32,
    local_time: NaiveTime,
    next_due: DateTime<Utc>,
}

/// The ISO day number (Monday = 1) a subscription stores.
pub(crate) fn iso_day(day: Weekday) -> i32 {
    i32::try_from(day.number_from_monday()).unwrap_or(1)
}

impl SubscriptionRecord {
    pub(crate) fn into_subscription(self) -> StoreResult<DigestSubscription> {
        let weekday = u8::try_from(self.weekday)
            .ok()
            .filter(|d| (1..=7).contains(d))
            .and_then(|d| Weekday::try_from(d - 1).ok())
            .ok_or_else(|| {
                corrupt(
                    "digest_subscriptions.weekday",
                    format!("{} is not a day 1–7", self.weekday),
                )
            })?;
        Ok(DigestSubscription {
            supervisor: discord_id(self.supervisor, "digest_subscriptions.supervisor")?,
            weekday,
            local_time: self.local_time,
            next_due: self.next_due,
        })
    }
}

/// A `(member, tag, count)` row of a per-area aggregate; outcome tags read as `None`.
pub(crate) fn member_area(
    member: i64,
    tag: &str,
    count: i64,
    place: &'static str,
) -> StoreResult<Option<(DiscordId, Area, u32)>> {
    let member = discord_id(member, place)?;
    let count = u32::try_from(count).map_err(|_| corrupt(place, format!("count {count}")))?;
    Ok(match tag_from_id(tag)? {
        Tag::Area(area) => Some((member, area, count)),
        Tag::Outcome(_) => None,
    })
}

/// A shared entry as the digest lists it: `e.id, e.member, e.answers, tags, e.shared_at,
/// awaiting` (flagged to discuss and not answered since).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct SharedRecord {
    id: i64,
    member: i64,
    answers: String,
    tags: String,
    shared_at: Option<DateTime<Utc>>,
    awaiting: bool,
    created_at: DateTime<Utc>,
}

impl SharedRecord {
    /// The member whose key opens the answers.
    pub(crate) fn member(&self) -> i64 {
        self.member
    }

    pub(crate) fn into_shared(self, keys: &KeySet) -> StoreResult<(DiscordId, SharedEntry)> {
        let place = "evidence.answers";
        let json = keys.open(place, &self.id.to_string(), self.member, &self.answers)?;
        let answers = super::evidence::answers_from_json(&json, place)?;
        let first = answers
            .iter()
            .map(|a| a.text.trim())
            .find(|t| !t.is_empty())
            .unwrap_or("(empty)");
        let areas = super::split_list(&self.tags)
            .map(tag_from_id)
            .filter_map(|tag| match tag {
                Ok(Tag::Area(area)) => Some(Ok(area)),
                Ok(Tag::Outcome(_)) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<StoreResult<Vec<Area>>>()?;
        let entry = SharedEntry {
            id: self.id,
            title: excerpt(first, 60),
            areas,
            excerpt: excerpt(first, 140),
            shared_at: self.shared_at.unwrap_or(self.created_at),
            to_discuss: self.awaiting,
        };
        Ok((discord_id(self.member, "evidence.member")?, entry))
    }
}
