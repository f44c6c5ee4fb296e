//! Gateway discovery, the application and current user, DM channel creation, and guild, member
//! and user look-ups.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde_json::{Value, json};

use super::{ApiResult, Parsed, query, snowflake};
use crate::sandbox::error::ApiError;
use crate::sandbox::state::Shared;

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/gateway", get(gateway))
        .route("/gateway/bot", get(gateway_bot))
        .route("/oauth2/applications/@me", get(application))
        .route("/applications/@me", get(application))
        .route("/users/@me", get(current_user))
        .route("/users/@me/channels", post(open_dm))
        .route("/users/@me/guilds", get(current_user_guilds))
        .route("/users/{user}", get(user))
        .route("/guilds/{guild}", get(guild))
        .route("/guilds/{guild}/channels", get(guild_channels))
        .route("/guilds/{guild}/members", get(members))
        .route("/guilds/{guild}/members/{user}", get(member))
}

async fn gateway(State(shared): State<Arc<Shared>>) -> ApiResult {
    Ok(Json(json!({ "url": shared.gateway_url })))
}

async fn gateway_bot(State(shared): State<Arc<Shared>>) -> ApiResult {
    Ok(Json(json!({
        "url": shared.gateway_url,
        "shards": shared.config.recommended_shards,
        "session_start_limit": { "total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1 },
    })))
}

async fn application(State(shared): State<Arc<Shared>>) -> ApiResult {
    Ok(Json(shared.read(|w| {
        let bot = w.user_value(w.bot_id);
        json!({
            "id": w.application_id.to_string(),
            "name": bot["username"],
            "icon": null,
            "description": "mindlines sandbox application",
            "rpc_origins": [],
            "bot_public": false,
            "bot_require_code_grant": false,
            "bot": bot,
            "owner": w.user_value(w.bot_id),
            "verify_key": "0".repeat(64),
            "team": null,
            "flags": 0,
            "integration_types_config": {},
        })
    })))
}

async fn current_user(State(shared): State<Arc<Shared>>) -> ApiResult {
    Ok(Json(shared.read(|w| {
        let mut user = w.user_value(w.bot_id);
        user["verified"] = json!(true);
        user["mfa_enabled"] = json!(false);
        user
    })))
}

async fn current_user_guilds(State(shared): State<Arc<Shared>>) -> ApiResult {
    Ok(Json(shared.read(|w| {
        let guilds: Vec<Value> = w
            .guilds
            .values()
            .map(|g| json!({ "id": g.id.to_string(), "name": g.name, "icon": null, "owner": true, "permissions": crate::sandbox::render::ALL_PERMISSIONS, "features": [] }))
            .collect();
        json!(guilds)
    })))
}

/// `POST /users/@me/channels {"recipient_id"}`: idempotent per user. Works even when the user has
/// DMs closed (sending is what fails).
async fn open_dm(
    State(shared): State<Arc<Shared>>,
    Extension(body): Extension<Parsed>,
) -> ApiResult {
    let recipient = body.json["recipient_id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .or_else(|| body.json["recipient_id"].as_u64())
        .ok_or_else(|| {
            ApiError::invalid_field(
                "recipient_id",
                "BASE_TYPE_REQUIRED",
                "This field is required",
            )
        })?;
    shared.with(|w| {
        if !w.users.contains_key(&recipient) {
            return Err(ApiError::new(404, 10013, "Unknown User"));
        }
        let id = w.dm_channel(recipient);
        Ok(Json(w.channel_value(&w.channels[&id])))
    })
}

async fn user(State(shared): State<Arc<Shared>>, Path(user): Path<String>) -> ApiResult {
    let id = snowflake(&user)?;
    shared.read(|w| match w.users.contains_key(&id) {
        true => Ok(Json(w.user_value(id))),
        false => Err(ApiError::new(404, 10013, "Unknown User")),
    })
}

async fn guild(State(shared): State<Arc<Shared>>, Path(guild): Path<String>) -> ApiResult {
    let id = snowflake(&guild)?;
    shared.read(|w| {
        let guild = w
            .guilds
            .get(&id)
            .ok_or_else(|| ApiError::new(404, 10004, "Unknown Guild"))?;
        Ok(Json(w.guild_value(guild)))
    })
}

async fn guild_channels(State(shared): State<Arc<Shared>>, Path(guild): Path<String>) -> ApiResult {
    let id = snowflake(&guild)?;
    shared.read(|w| {
        w.guilds
            .get(&id)
            .ok_or_else(|| ApiError::new(404, 10004, "Unknown Guild"))?;
        let mut channels: Vec<_> = w
            .channels
            .values()
            .filter(|c| c.guild_id == Some(id) && !c.is_thread())
            .collect();
        channels.sort_by_key(|c| c.id);
        Ok(Json(json!(
            channels
                .into_iter()
                .map(|c| w.channel_value(c))
                .collect::<Vec<_>>()
        )))
    })
}

/// `GET /guilds/{id}/members?limit=&after=`, ordered by user id.
async fn members(
    State(shared): State<Arc<Shared>>,
    Path(guild): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let id = snowflake(&guild)?;
    let q = query(raw.as_deref());
    let limit = q
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(1)
        .clamp(1, 1000);
    let after: u64 = q.get("after").and_then(|a| a.parse().ok()).unwrap_or(0);
    shared.read(|w| {
        let guild = w
            .guilds
            .get(&id)
            .ok_or_else(|| ApiError::new(404, 10004, "Unknown Guild"))?;
        let list: Vec<Value> = guild
            .members
            .keys()
            .filter(|u| **u > after)
            .take(limit)
            .filter_map(|u| w.member_value(guild, *u))
            .collect();
        Ok(Json(json!(list)))
    })
}

async fn member(
    State(shared): State<Arc<Shared>>,
    Path((guild, user)): Path<(String, String)>,
) -> ApiResult {
    let (guild, user) = (snowflake(&guild)?, snowflake(&user)?);
    shared.read(|w| {
        let guild = w
            .guilds
            .get(&guild)
            .ok_or_else(|| ApiError::new(404, 10004, "Unknown Guild"))?;
        w.member_value(guild, user)
            .map(Json)
            .ok_or_else(|| ApiError::new(404, 10007, "Unknown Member"))
    })
}
