//! AutoMod rules: list, create, get, modify, delete (`/guilds/{guild}/auto-moderation/rules`).
//! The rules themselves, their checks and what they block are in [`crate::sandbox::automod`].

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Extension, Json, Router};
use serde_json::json;

use super::{ApiResult, Parsed, snowflake};
use crate::sandbox::error::ApiError;
use crate::sandbox::state::Shared;

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route(
            "/guilds/{guild}/auto-moderation/rules",
            get(list).post(create),
        )
        .route(
            "/guilds/{guild}/auto-moderation/rules/{rule}",
            get(one).patch(modify).delete(delete),
        )
}

async fn list(State(shared): State<Arc<Shared>>, Path(guild): Path<String>) -> ApiResult {
    let guild = snowflake(&guild)?;
    shared.read(|w| Ok(Json(json!(w.automod_rule_values(guild)?))))
}

async fn create(
    State(shared): State<Arc<Shared>>,
    Path(guild): Path<String>,
    Extension(body): Extension<Parsed>,
) -> ApiResult {
    let guild = snowflake(&guild)?;
    shared.with(|w| Ok(Json(w.create_automod_rule(guild, w.bot_id, &body.json)?)))
}

async fn one(
    State(shared): State<Arc<Shared>>,
    Path((guild, rule)): Path<(String, String)>,
) -> ApiResult {
    let (guild, rule) = (snowflake(&guild)?, snowflake(&rule)?);
    shared.read(|w| Ok(Json(w.automod_rule_value(guild, rule)?)))
}

async fn modify(
    State(shared): State<Arc<Shared>>,
    Path((guild, rule)): Path<(String, String)>,
    Extension(body): Extension<Parsed>,
) -> ApiResult {
    let (guild, rule) = (snowflake(&guild)?, snowflake(&rule)?);
    shared.with(|w| Ok(Json(w.modify_automod_rule(guild, rule, &body.json)?)))
}

async fn delete(
    State(shared): State<Arc<Shared>>,
    Path((guild, rule)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let (guild, rule) = (snowflake(&guild)?, snowflake(&rule)?);
    shared.with(|w| {
        w.delete_automod_rule(guild, rule)?;
        Ok(StatusCode::NO_CONTENT)
    })
}
