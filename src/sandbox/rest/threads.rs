//! Threads: create (standalone or from a message), membership, and the active-thread list.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Extension, Json, Router};
use serde_json::json;

use super::{ApiResult, Parsed, snowflake};
use crate::sandbox::error::ApiError;
use crate::sandbox::state::{PRIVATE_THREAD, Shared};

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/channels/{channel}/threads", post(create))
        .route(
            "/channels/{channel}/messages/{message}/threads",
            post(create_from_message),
        )
        .route("/channels/{channel}/thread-members", get(list_members))
        .route(
            "/channels/{channel}/thread-members/{user}",
            put(add_member).delete(remove_member),
        )
        .route("/guilds/{guild}/threads/active", get(active))
}

/// `POST /channels/{id}/threads {name, type (11 public | 12 private)}`.
async fn create(
    State(shared): State<Arc<Shared>>,
    Path(channel): Path<String>,
    Extension(body): Extension<Parsed>,
) -> ApiResult {
    let parent = snowflake(&channel)?;
    let name = body.json["name"].as_str().unwrap_or_default().to_owned();
    let kind = body.json["type"]
        .as_u64()
        .map_or(PRIVATE_THREAD, |k| k as u8);
    shared.with(|w| {
        let id = w.create_thread(parent, &name, kind, w.bot_id, None)?;
        Ok(Json(w.channel_value(&w.channels[&id])))
    })
}

async fn create_from_message(
    State(shared): State<Arc<Shared>>,
    Path((channel, message)): Path<(String, String)>,
    Extension(body): Extension<Parsed>,
) -> ApiResult {
    let (parent, message) = (snowflake(&channel)?, snowflake(&message)?);
    let name = body.json["name"].as_str().unwrap_or_default().to_owned();
    shared.with(|w| {
        let id = w.create_thread(parent, &name, 11, w.bot_id, Some(message))?;
        Ok(Json(w.channel_value(&w.channels[&id])))
    })
}

/// `@me` is the bot.
fn member_id(bot: u64, user: &str) -> Result<u64, ApiError> {
    if user == "@me" {
        Ok(bot)
    } else {
        snowflake(user)
    }
}

async fn add_member(
    State(shared): State<Arc<Shared>>,
    Path((channel, user)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let thread = snowflake(&channel)?;
    shared.with(|w| {
        let user = member_id(w.bot_id, &user)?;
        w.add_thread_member(thread, user)?;
        Ok(StatusCode::NO_CONTENT)
    })
}

async fn remove_member(
    State(shared): State<Arc<Shared>>,
    Path((channel, user)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let thread = snowflake(&channel)?;
    shared.with(|w| {
        let user = member_id(w.bot_id, &user)?;
        w.remove_thread_member(thread, user)?;
        Ok(StatusCode::NO_CONTENT)
    })
}

async fn list_members(State(shared): State<Arc<Shared>>, Path(channel): Path<String>) -> ApiResult {
    let thread = snowflake(&channel)?;
    shared.read(|w| {
        let channel = w.channels.get(&thread).filter(|c| c.is_thread()).ok_or_else(ApiError::unknown_channel)?;
        let stamp = crate::sandbox::snowflake::iso(channel.created);
        let members: Vec<_> = channel
            .thread_members
            .iter()
            .map(|u| json!({ "id": thread.to_string(), "user_id": u.to_string(), "join_timestamp": stamp, "flags": 0 }))
            .collect();
        Ok(Json(json!(members)))
    })
}

async fn active(State(shared): State<Arc<Shared>>, Path(guild): Path<String>) -> ApiResult {
    let guild = snowflake(&guild)?;
    shared.read(|w| {
        let threads: Vec<_> = w
            .channels
            .values()
            .filter(|c| c.is_thread() && !c.archived && c.guild_id == Some(guild))
            .map(|c| w.channel_value(c))
            .collect();
        Ok(Json(json!({ "threads": threads, "members": [] })))
    })
}
