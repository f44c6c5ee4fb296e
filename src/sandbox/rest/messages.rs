//! Channels and messages: create (limits, `enforce_nonce`, 50007 for closed DMs), history paging,
//! edit, delete, typing, reactions, channel look-up and thread archive/lock via PATCH.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Extension, Json, Router};
use serde_json::{Value, json};

use super::{ApiResult, File, Parsed, query, snowflake};
use crate::sandbox::error::ApiError;
use crate::sandbox::messages::{Anchor, NewMessage, Page, validate};
use crate::sandbox::state::{DM, Shared, World};

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/channels/{channel}", get(channel).patch(modify_channel))
        .route("/channels/{channel}/messages", get(list).post(create))
        .route(
            "/channels/{channel}/messages/{message}",
            get(one).patch(edit).delete(delete),
        )
        .route("/channels/{channel}/typing", post(typing))
        .route(
            "/channels/{channel}/messages/{message}/reactions/{emoji}/@me",
            put(react).delete(unreact),
        )
}

async fn channel(State(shared): State<Arc<Shared>>, Path(channel): Path<String>) -> ApiResult {
    let id = snowflake(&channel)?;
    shared.read(|w| {
        w.channels
            .get(&id)
            .map(|c| Json(w.channel_value(c)))
            .ok_or_else(ApiError::unknown_channel)
    })
}

/// Threads only: `archived`, `locked`, `name`.
async fn modify_channel(
    State(shared): State<Arc<Shared>>,
    Path(channel): Path<String>,
    Extension(body): Extension<Parsed>,
) -> ApiResult {
    let id = snowflake(&channel)?;
    shared.with(|w| {
        w.modify_thread(id, &body.json)?;
        Ok(Json(w.channel_value(&w.channels[&id])))
    })
}

async fn create(
    State(shared): State<Arc<Shared>>,
    Path(channel): Path<String>,
    Extension(body): Extension<Parsed>,
) -> ApiResult {
    let channel_id = snowflake(&channel)?;
    let base = shared.api_base.clone();
    shared.with(|w| {
        let channel = w
            .channels
            .get(&channel_id)
            .ok_or_else(ApiError::unknown_channel)?;
        if channel.kind == DM
            && channel
                .recipient
                .and_then(|r| w.users.get(&r))
                .is_some_and(|u| u.dms_closed)
        {
            return Err(ApiError::dms_closed());
        }
        w.check_can_post(channel_id, w.bot_id)?;
        let mut new = NewMessage::from_body(channel_id, w.bot_id, &body.json);
        new.attachments = store_files(w, body.files, &base);
        new.flags &= 1 << 12 | 1 << 2; // SUPPRESS_NOTIFICATIONS, SUPPRESS_EMBEDS
        validate(&new)?;
        let id = w.insert_message(new);
        Ok(Json(w.message_value(&w.messages[&id])))
    })
}

/// Stores uploads and returns their attachment objects.
pub(super) fn store_files(w: &mut World, files: Vec<File>, base: &str) -> Vec<Value> {
    files
        .into_iter()
        .map(|file| {
            let id = w.ids.next();
            let url = format!("{base}/attachments/{id}/{}", file.filename);
            let value = json!({
                "id": id.to_string(),
                "filename": file.filename,
                "size": file.bytes.len(),
                "url": url,
                "proxy_url": url,
                "content_type": file.content_type,
            });
            w.files.insert(id, file);
            value
        })
        .collect()
}

async fn list(
    State(shared): State<Arc<Shared>>,
    Path(channel): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let channel_id = snowflake(&channel)?;
    let q = query(raw.as_deref());
    let limit: usize = match q.get("limit") {
        Some(l) => l
            .parse()
            .ok()
            .filter(|l| (1..=100).contains(l))
            .ok_or_else(|| {
                ApiError::invalid_field(
                    "limit",
                    "NUMBER_TYPE_MAX",
                    "int value should be less than or equal to 100.",
                )
            })?,
        None => 50,
    };
    let id = |key: &str| q.get(key).and_then(|v| v.parse::<u64>().ok());
    let anchor = match (id("before"), id("after"), id("around")) {
        (_, _, Some(around)) => Anchor::Around(around),
        (Some(before), _, _) => Anchor::Before(before),
        (_, Some(after), _) => Anchor::After(after),
        _ => Anchor::Latest,
    };
    shared.read(|w| {
        w.channels
            .get(&channel_id)
            .ok_or_else(ApiError::unknown_channel)?;
        let page = w.page_messages(channel_id, Page { anchor, limit });
        Ok(Json(json!(
            page.into_iter()
                .map(|m| w.message_value(m))
                .collect::<Vec<_>>()
        )))
    })
}

/// The live, non-ephemeral message `message` of `channel`.
fn find(w: &World, channel: &str, message: &str) -> Result<u64, ApiError> {
    let (channel, message) = (snowflake(channel)?, snowflake(message)?);
    w.channels
        .get(&channel)
        .ok_or_else(ApiError::unknown_channel)?;
    w.messages
        .get(&message)
        .filter(|m| m.channel_id == channel && !m.deleted && m.visible_to.is_none())
        .map(|m| m.id)
        .ok_or_else(ApiError::unknown_message)
}

async fn one(
    State(shared): State<Arc<Shared>>,
    Path((channel, message)): Path<(String, String)>,
) -> ApiResult {
    shared.read(|w| {
        Ok(Json(
            w.message_value(&w.messages[&find(w, &channel, &message)?]),
        ))
    })
}

async fn edit(
    State(shared): State<Arc<Shared>>,
    Path((channel, message)): Path<(String, String)>,
    Extension(body): Extension<Parsed>,
) -> ApiResult {
    let base = shared.api_base.clone();
    shared.with(|w| {
        let id = find(w, &channel, &message)?;
        if w.messages[&id].author_id != w.bot_id {
            return Err(ApiError::new(
                403,
                50005,
                "Cannot edit a message authored by another user",
            ));
        }
        let mut json = body.json;
        if !body.files.is_empty() {
            let mut attachments = w.messages[&id].attachments.clone();
            attachments.extend(store_files(w, body.files, &base));
            json["attachments"] = json!(attachments);
        } else if json.get("attachments").is_some() {
            // Keep the existing attachments the bot listed by id.
            let id_of = |v: &Value| {
                v["id"]
                    .as_str()
                    .map_or_else(|| v["id"].to_string(), str::to_owned)
            };
            let keep: Vec<String> = json["attachments"]
                .as_array()
                .into_iter()
                .flatten()
                .map(id_of)
                .collect();
            let kept: Vec<Value> = w.messages[&id]
                .attachments
                .iter()
                .filter(|a| keep.contains(&id_of(a)))
                .cloned()
                .collect();
            json["attachments"] = json!(kept);
        }
        w.apply_edit(id, &json)?;
        Ok(Json(w.message_value(&w.messages[&id])))
    })
}

async fn delete(
    State(shared): State<Arc<Shared>>,
    Path((channel, message)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    shared.with(|w| {
        let id = find(w, &channel, &message)?;
        let in_dm = w
            .channels
            .get(&w.messages[&id].channel_id)
            .is_some_and(|c| c.kind == DM);
        if in_dm && w.messages[&id].author_id != w.bot_id {
            return Err(ApiError::new(
                403,
                50003,
                "Cannot execute action on a DM channel",
            ));
        }
        w.delete_message(id, w.bot_id)?;
        Ok(StatusCode::NO_CONTENT)
    })
}

async fn typing(
    State(shared): State<Arc<Shared>>,
    Path(channel): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = snowflake(&channel)?;
    shared.read(|w| {
        w.channels
            .get(&id)
            .map(|_| StatusCode::NO_CONTENT)
            .ok_or_else(ApiError::unknown_channel)
    })
}

async fn react(
    State(shared): State<Arc<Shared>>,
    Path((channel, message, emoji)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    let emoji = percent_decode(&emoji);
    shared.with(|w| {
        let id = find(w, &channel, &message)?;
        let reactions = &mut w
            .messages
            .get_mut(&id)
            .ok_or_else(ApiError::unknown_message)?
            .reactions;
        if !reactions.contains(&emoji) {
            reactions.push(emoji);
        }
        Ok(StatusCode::NO_CONTENT)
    })
}

async fn unreact(
    State(shared): State<Arc<Shared>>,
    Path((channel, message, emoji)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    let emoji = percent_decode(&emoji);
    shared.with(|w| {
        let id = find(w, &channel, &message)?;
        w.messages
            .get_mut(&id)
            .ok_or_else(ApiError::unknown_message)?
            .reactions
            .retain(|r| *r != emoji);
        Ok(StatusCode::NO_CONTENT)
    })
}

/// Decodes `%E2%9C%85` into `✅` (emoji arrive percent-encoded in the path).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%').then(|| s.get(i + 1..i + 3)).flatten();
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
