//! Application command registration, global and per guild: bulk overwrite (PUT) answers the
//! commands with ids assigned; create (POST) upserts by name; list; delete.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::{Extension, Json, Router};
use serde_json::{Value, json};

use super::{ApiResult, Parsed, snowflake};
use crate::sandbox::error::ApiError;
use crate::sandbox::state::{Shared, World};

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route(
            "/applications/{app}/commands",
            get(list_global).put(overwrite_global).post(create_global),
        )
        .route(
            "/applications/{app}/commands/{command}",
            delete(delete_global),
        )
        .route(
            "/applications/{app}/guilds/{guild}/commands",
            get(list_guild).put(overwrite_guild).post(create_guild),
        )
        .route(
            "/applications/{app}/guilds/{guild}/commands/{command}",
            delete(delete_guild),
        )
}

/// A command list being changed, with what new entries need.
struct Target<'w> {
    list: &'w mut Vec<Value>,
    guild: Option<u64>,
    version: u64,
    app: u64,
}

/// Where a command list lives.
fn commands_mut<'w>(
    w: &'w mut World,
    app: &str,
    guild: Option<&str>,
) -> Result<Target<'w>, ApiError> {
    if snowflake(app)? != w.application_id {
        return Err(ApiError::new(404, 10002, "Unknown Application"));
    }
    let guild = guild.map(snowflake).transpose()?;
    if guild.is_some_and(|g| !w.guilds.contains_key(&g)) {
        return Err(ApiError::new(404, 10004, "Unknown Guild"));
    }
    let (version, app) = (w.ids.next(), w.application_id);
    let list = match guild {
        Some(g) => w.guild_commands.entry(g).or_default(),
        None => &mut w.global_commands,
    };
    Ok(Target {
        list,
        guild,
        version,
        app,
    })
}

/// Fills in what Discord adds: id (kept for a known name), application id, version, type.
fn registered(
    existing: &[Value],
    mut command: Value,
    guild: Option<u64>,
    version: u64,
    app: u64,
) -> Result<Value, ApiError> {
    let name = command["name"].as_str().unwrap_or_default().to_owned();
    if name.is_empty() || name.chars().count() > 32 {
        return Err(ApiError::invalid_field(
            "name",
            "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 32 in length.",
        ));
    }
    let id = existing
        .iter()
        .find(|c| c["name"] == name.as_str())
        .map_or_else(
            || version.to_string(),
            |c| c["id"].as_str().unwrap_or_default().to_owned(),
        );
    command["id"] = json!(id);
    command["application_id"] = json!(app.to_string());
    command["version"] = json!(version.to_string());
    command["guild_id"] = json!(guild.map(|g| g.to_string()));
    if command["type"].is_null() {
        command["type"] = json!(1);
    }
    if command["description"].is_null() {
        command["description"] = json!("");
    }
    Ok(command)
}

fn overwrite(shared: &Shared, app: &str, guild: Option<&str>, body: &Parsed) -> ApiResult {
    let incoming = body
        .json
        .as_array()
        .cloned()
        .ok_or_else(|| ApiError::invalid_field("_", "BASE_TYPE_ARRAY", "Must be an array"))?;
    shared.with(|w| {
        let Target {
            list,
            guild,
            version,
            app,
        } = commands_mut(w, app, guild)?;
        let mut next = Vec::with_capacity(incoming.len());
        for (i, command) in incoming.into_iter().enumerate() {
            next.push(registered(list, command, guild, version + i as u64, app)?);
        }
        *list = next.clone();
        Ok(Json(json!(next)))
    })
}

fn create(shared: &Shared, app: &str, guild: Option<&str>, body: &Parsed) -> ApiResult {
    shared.with(|w| {
        let Target {
            list,
            guild,
            version,
            app,
        } = commands_mut(w, app, guild)?;
        let command = registered(list, body.json.clone(), guild, version, app)?;
        list.retain(|c| c["name"] != command["name"]);
        list.push(command.clone());
        Ok(Json(command))
    })
}

fn list(shared: &Shared, app: &str, guild: Option<&str>) -> ApiResult {
    shared.with(|w| Ok(Json(json!(commands_mut(w, app, guild)?.list.clone()))))
}

fn remove(
    shared: &Shared,
    app: &str,
    guild: Option<&str>,
    command: &str,
) -> Result<StatusCode, ApiError> {
    shared.with(|w| {
        let list = commands_mut(w, app, guild)?.list;
        let before = list.len();
        list.retain(|c| c["id"] != command);
        if list.len() == before {
            Err(ApiError::new(404, 10063, "Unknown application command"))
        } else {
            Ok(StatusCode::NO_CONTENT)
        }
    })
}

async fn list_global(State(s): State<Arc<Shared>>, Path(app): Path<String>) -> ApiResult {
    list(&s, &app, None)
}

async fn overwrite_global(
    State(s): State<Arc<Shared>>,
    Path(app): Path<String>,
    Extension(b): Extension<Parsed>,
) -> ApiResult {
    overwrite(&s, &app, None, &b)
}

async fn create_global(
    State(s): State<Arc<Shared>>,
    Path(app): Path<String>,
    Extension(b): Extension<Parsed>,
) -> ApiResult {
    create(&s, &app, None, &b)
}

async fn delete_global(
    State(s): State<Arc<Shared>>,
    Path((app, command)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    remove(&s, &app, None, &command)
}

async fn list_guild(
    State(s): State<Arc<Shared>>,
    Path((app, guild)): Path<(String, String)>,
) -> ApiResult {
    list(&s, &app, Some(&guild))
}

async fn overwrite_guild(
    State(s): State<Arc<Shared>>,
    Path((app, guild)): Path<(String, String)>,
    Extension(b): Extension<Parsed>,
) -> ApiResult {
    overwrite(&s, &app, Some(&guild), &b)
}

async fn create_guild(
    State(s): State<Arc<Shared>>,
    Path((app, guild)): Path<(String, String)>,
    Extension(b): Extension<Parsed>,
) -> ApiResult {
    create(&s, &app, Some(&guild), &b)
}

async fn delete_guild(
    State(s): State<Arc<Shared>>,
    Path((app, guild, command)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    remove(&s, &app, Some(&guild), &command)
}
