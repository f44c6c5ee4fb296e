//! REST under `/api/v10`. One middleware in front of every route records the call, checks the
//! `Authorization: Bot …` header, serves queued faults, applies the rate-limit budgets and parses
//! the body (JSON or multipart with `payload_json`) for the handlers. With
//! [`crate::sandbox::SandboxConfig::body_check`] on, a body Discord's OpenAPI spec refuses is
//! answered `400 / 50035` before any handler sees it, and the log keeps the errors. Unknown
//! routes answer 404 `{"message": "404: Not Found", "code": 0}` and are flagged in the log.

mod automod;
mod commands;
mod interactions;
mod messages;
mod meta;
mod multipart;
mod threads;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use super::error::ApiError;
use super::faults::Fault;
use super::state::{RestCall, Shared};

pub(crate) use multipart::File;

/// The parsed request body, put in the request extensions by the middleware.
#[derive(Clone, Debug, Default)]
pub(crate) struct Parsed {
    pub json: Value,
    pub files: Vec<File>,
}

/// Marks a response from the fallback (no route matched).
#[derive(Clone, Copy)]
struct UnknownRoute;

pub(crate) type ApiResult<T = Value> = Result<axum::Json<T>, ApiError>;

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let api = Router::new()
        .merge(meta::routes())
        .merge(automod::routes())
        .merge(messages::routes())
        .merge(threads::routes())
        .merge(commands::routes())
        .merge(interactions::routes())
        .fallback(unknown_route)
        .layer(from_fn_with_state(shared.clone(), middleware))
        .with_state(shared.clone());
    Router::new()
        .nest("/api/v10", api)
        .route("/attachments/{id}/{name}", get(attachment))
        .fallback(unknown_route)
        .with_state(shared)
}

async fn unknown_route() -> Response {
    let mut response = ApiError::not_found().into_response();
    response.extensions_mut().insert(UnknownRoute);
    response
}

/// Serves an attachment's bytes (no auth, like Discord's CDN).
async fn attachment(
    State(shared): State<Arc<Shared>>,
    Path((id, _name)): Path<(String, String)>,
) -> Response {
    let file = id
        .parse()
        .ok()
        .and_then(|id| shared.read(|w| w.files.get(&id).cloned()));
    match file {
        Some(file) => (
            [(header::CONTENT_TYPE, file.content_type.clone())],
            file.bytes,
        )
            .into_response(),
        None => ApiError::not_found().into_response(),
    }
}

async fn middleware(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, 64 << 20).await.unwrap_or_default();
    let path = parts.uri.path().to_owned();
    let route = format!("{} {}", parts.method, template(&path));
    let parsed = parse_body(&parts.headers, &bytes);
    let seq = shared.with(|w| {
        w.rest_seq += 1;
        w.rest.calls.push(RestCall {
            seq: w.rest_seq,
            method: parts.method.to_string(),
            path: path.clone(),
            route: route.clone(),
            query: parts.uri.query().map(str::to_owned),
            body: (!parsed.json.is_null()).then(|| parsed.json.clone()),
            status: 0,
            unknown_route: false,
            spec_errors: None,
            at: w.now(),
        });
        w.rest_seq
    });
    let response = if !authorised(&shared, &parts.headers) {
        ApiError::new(401, 0, "401: Unauthorized").into_response()
    } else if let Some(fault) = shared.with(|w| w.faults.take(&route)) {
        serve_fault(&shared, fault).await
    } else {
        let bucket = format!("{route}:{}", major_parameter(&path));
        let verdict = shared.with(|w| {
            let clock_now = w.now();
            w.limits.check(&bucket, Instant::now(), clock_now)
        });
        let mut response = match verdict.limited {
            Some((retry, global)) => too_many_requests(retry, global),
            None => match refused_by_spec(&shared, &route, &parsed.json) {
                Some(err) => {
                    shared.with(|w| {
                        if let Some(call) = w.rest.calls.iter_mut().rev().find(|c| c.seq == seq) {
                            call.spec_errors = err.errors.clone();
                        }
                    });
                    err.into_response()
                }
                None => {
                    let mut req = Request::from_parts(parts, Body::from(bytes));
                    req.extensions_mut().insert(parsed);
                    next.run(req).await
                }
            },
        };
        for (name, value) in verdict.headers {
            if let Ok(value) = HeaderValue::from_str(&value) {
                response.headers_mut().insert(name, value);
            }
        }
        response
    };
    let unknown = response.extensions().get::<UnknownRoute>().is_some();
    let status = response.status().as_u16();
    shared.with(|w| {
        if status == 429 {
            w.rest.served_429 += 1;
        }
        if let Some(call) = w.rest.calls.iter_mut().rev().find(|c| c.seq == seq) {
            call.status = status;
            call.unknown_route = unknown;
        }
    });
    response
}

/// Discord's answer to a body its spec refuses, when the check is on. Like Discord, this comes
/// after authentication and rate limits and before the route's own rules.
fn refused_by_spec(shared: &Shared, route: &str, json: &Value) -> Option<ApiError> {
    let check = shared.config.body_check.as_ref()?;
    if json.is_null() {
        return None;
    }
    check.check(route, json).err()
}

fn authorised(shared: &Shared, headers: &HeaderMap) -> bool {
    let value = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    match value.strip_prefix("Bot ") {
        Some(token) if !token.is_empty() => shared.config.token.as_ref().is_none_or(|t| t == token),
        _ => false,
    }
}

async fn serve_fault(shared: &Shared, fault: Fault) -> Response {
    match fault {
        Fault::TooManyRequests {
            retry_after,
            global,
        } => too_many_requests(retry_after, global),
        Fault::ServerError(status) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let body = json!({ "message": status.canonical_reason().unwrap_or("Server Error"), "code": 0 });
            (status, axum::Json(body)).into_response()
        }
        Fault::Forbidden50007 => ApiError::dms_closed().into_response(),
        Fault::Hang => {
            let mut shutdown = shared.shutdown.subscribe();
            tokio::select! {
                _ = shared.release_hangs.notified() => {}
                _ = shutdown.changed() => {}
                _ = tokio::time::sleep(Duration::from_secs(300)) => {}
            }
            (
                StatusCode::GATEWAY_TIMEOUT,
                axum::Json(json!({ "message": "hung", "code": 0 })),
            )
                .into_response()
        }
    }
}

/// A 429 as Discord sends it: `retry-after` (whole seconds, rounded up), `x-ratelimit-scope`,
/// `x-ratelimit-global` when global, and the JSON body `{message, retry_after, global}`.
pub(crate) fn too_many_requests(retry_after: Duration, global: bool) -> Response {
    let secs = retry_after.as_secs_f64();
    let body = json!({ "message": "You are being rate limited.", "retry_after": (secs * 1000.0).round() / 1000.0, "global": global });
    let mut response = (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
    let headers = response.headers_mut();
    let retry = format!("{}", secs.ceil().max(1.0) as u64);
    headers.insert(
        "retry-after",
        HeaderValue::from_str(&retry).unwrap_or(HeaderValue::from_static("1")),
    );
    headers.insert(
        "x-ratelimit-scope",
        HeaderValue::from_static(if global { "global" } else { "user" }),
    );
    if global {
        headers.insert("x-ratelimit-global", HeaderValue::from_static("true"));
    }
    response
}

fn parse_body(headers: &HeaderMap, bytes: &[u8]) -> Parsed {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if content_type.starts_with("multipart/form-data") {
        return multipart::parse(content_type, bytes);
    }
    Parsed {
        json: serde_json::from_slice(bytes).unwrap_or(Value::Null),
        files: Vec::new(),
    }
}

/// `/api/v10/channels/123/messages` → `/channels/{id}/messages`; interaction and webhook tokens
/// become `{token}` and reaction emoji `{emoji}`.
pub fn template(path: &str) -> String {
    let path = path.strip_prefix("/api/v10").unwrap_or(path);
    let segments: Vec<&str> = path.split('/').collect();
    let mut out = Vec::with_capacity(segments.len());
    for (i, segment) in segments.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| segments[p]);
        let before_previous = i.checked_sub(2).map(|p| segments[p]);
        let templated = if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            "{id}"
        } else if matches!(before_previous, Some("interactions" | "webhooks")) {
            "{token}"
        } else if previous == Some("reactions") {
            "{emoji}"
        } else {
            segment
        };
        out.push(templated);
    }
    out.join("/")
}

/// The first id in a path: Discord buckets per route and major parameter.
fn major_parameter(path: &str) -> &str {
    path.split('/')
        .find(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or("")
}

/// Query pairs, tolerating serenity's `?&limit=5` (an empty first pair).
pub(crate) fn query(raw: Option<&str>) -> HashMap<String, String> {
    raw.unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (k.to_owned(), v.replace('+', " ").replace("%40", "@"))
        })
        .collect()
}

/// A snowflake path segment, or 404.
pub(crate) fn snowflake(segment: &str) -> Result<u64, ApiError> {
    segment.parse().map_err(|_| ApiError::not_found())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_templated_for_matching_and_buckets() {
        assert_eq!(
            template("/api/v10/channels/12/messages/34"),
            "/channels/{id}/messages/{id}"
        );
        assert_eq!(
            template("/api/v10/interactions/12/abc/callback"),
            "/interactions/{id}/{token}/callback"
        );
        assert_eq!(
            template("/api/v10/webhooks/12/abc/messages/@original"),
            "/webhooks/{id}/{token}/messages/@original"
        );
        assert_eq!(
            template("/api/v10/users/@me/channels"),
            "/users/@me/channels"
        );
    }

    #[test]
    fn queries_tolerate_an_empty_first_pair() {
        let q = query(Some("&limit=5&after=10"));
        assert_eq!(q.get("limit").map(String::as_str), Some("5"));
        assert_eq!(q.get("after").map(String::as_str), Some("10"));
    }
}
