//! Interaction callbacks and webhook follow-ups (`@original` and follow-up ids).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};

use super::messages::store_files;
use super::{ApiResult, Parsed, snowflake};
use crate::sandbox::error::ApiError;
use crate::sandbox::responses::Deadlines;
use crate::sandbox::state::Shared;

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/interactions/{id}/{token}/callback", post(callback))
        .route("/webhooks/{app}/{token}", post(followup))
        .route(
            "/webhooks/{app}/{token}/messages/{which}",
            get(read).patch(edit).delete(remove),
        )
}

fn deadlines(shared: &Shared) -> Deadlines {
    Deadlines {
        ack: shared.config.interaction_deadline,
        token: shared.config.token_lifetime,
    }
}

/// Puts uploaded files into the body's `attachments` (or `data.attachments`).
fn with_files(
    shared: &Shared,
    w: &mut crate::sandbox::state::World,
    body: Parsed,
    nested: bool,
) -> serde_json::Value {
    let mut json = body.json;
    if !body.files.is_empty() {
        let files = serde_json::json!(store_files(w, body.files, &shared.api_base));
        if nested {
            json["data"]["attachments"] = files
        } else {
            json["attachments"] = files
        }
    }
    json
}

async fn callback(
    State(shared): State<Arc<Shared>>,
    Path((id, token)): Path<(String, String)>,
    Extension(body): Extension<Parsed>,
) -> Result<StatusCode, ApiError> {
    let id = snowflake(&id).map_err(|_| ApiError::unknown_interaction())?;
    let limits = deadlines(&shared);
    shared.with(|w| {
        let json = with_files(&shared, w, body, true);
        w.interaction_callback(id, &token, &json, limits)?;
        Ok(StatusCode::NO_CONTENT)
    })
}

async fn followup(
    State(shared): State<Arc<Shared>>,
    Path((app, token)): Path<(String, String)>,
    Extension(body): Extension<Parsed>,
) -> ApiResult {
    let app = snowflake(&app).map_err(|_| ApiError::unknown_webhook())?;
    let limits = deadlines(&shared);
    shared.with(|w| {
        let json = with_files(&shared, w, body, false);
        let id = w.create_followup(app, &token, &json, limits)?;
        Ok(Json(w.message_value(&w.messages[&id])))
    })
}

async fn read(
    State(shared): State<Arc<Shared>>,
    Path((app, token, which)): Path<(String, String, String)>,
) -> ApiResult {
    let app = snowflake(&app).map_err(|_| ApiError::unknown_webhook())?;
    let limits = deadlines(&shared);
    shared.read(|w| {
        let id = w.webhook_message(app, &token, &which, limits)?;
        Ok(Json(w.message_value(&w.messages[&id])))
    })
}

async fn edit(
    State(shared): State<Arc<Shared>>,
    Path((app, token, which)): Path<(String, String, String)>,
    Extension(body): Extension<Parsed>,
) -> ApiResult {
    let app = snowflake(&app).map_err(|_| ApiError::unknown_webhook())?;
    let limits = deadlines(&shared);
    shared.with(|w| {
        let id = w.webhook_message(app, &token, &which, limits)?;
        let json = with_files(&shared, w, body, false);
        w.apply_edit(id, &json)?;
        Ok(Json(w.message_value(&w.messages[&id])))
    })
}

async fn remove(
    State(shared): State<Arc<Shared>>,
    Path((app, token, which)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    let app = snowflake(&app).map_err(|_| ApiError::unknown_webhook())?;
    let limits = deadlines(&shared);
    shared.with(|w| {
        let id = w.webhook_message(app, &token, &which, limits)?;
        w.delete_message(id, w.bot_id)?;
        Ok(StatusCode::NO_CONTENT)
    })
}
