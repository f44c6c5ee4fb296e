//! The gateway websocket: HELLO on connect, IDENTIFY → READY + GUILD_CREATE, heartbeat acks,
//! RESUME with replay + RESUMED, and the close codes and opcodes the fault levers inject.
//! Plain JSON text frames; `compress` and `zlib-stream` are ignored (serenity accepts both).

pub(crate) mod sessions;

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use futures::{SinkExt, StreamExt};
use rand::Rng;
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::state::{Shared, World};
use sessions::{ConnCmd, intents};

/// Any path upgrades to the gateway (serenity connects to `{url}?v=10`).
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(upgrade).with_state(shared)
}

async fn upgrade(State(shared): State<Arc<Shared>>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| run(shared, socket))
}

async fn run(shared: Arc<Shared>, socket: WebSocket) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let conn = shared.with(|w| w.gateway.open(tx.clone()));
    let (mut sink, mut stream) = socket.split();
    let mut shutdown = shared.shutdown.subscribe();
    let interval = shared.read(|w| w.gateway.heartbeat_interval.as_millis() as u64);
    let hello = json!({ "op": 10, "d": { "heartbeat_interval": interval } });
    let mut open = sink
        .send(Message::Text(hello.to_string().into()))
        .await
        .is_ok();
    while open {
        tokio::select! {
            cmd = rx.recv() => match cmd {
                Some(ConnCmd::Send(frame)) => {
                    open = sink.send(Message::Text(frame.to_string().into())).await.is_ok();
                }
                Some(ConnCmd::Close(code, reason)) => {
                    let frame = CloseFrame { code, reason: reason.into() };
                    let _ = sink.send(Message::Close(Some(frame))).await;
                    open = false;
                }
                None => open = false,
            },
            msg = stream.next() => match msg {
                Some(Ok(Message::Text(text))) => handle(&shared, conn, text.as_str(), &tx),
                Some(Ok(Message::Binary(_) | Message::Ping(_) | Message::Pong(_))) => {}
                Some(Ok(Message::Close(_)) | Err(_)) | None => open = false,
            },
            _ = shutdown.changed() => {
                let frame = CloseFrame { code: 1001, reason: "sandbox shutting down".into() };
                let _ = sink.send(Message::Close(Some(frame))).await;
                open = false;
            }
        }
    }
    shared.with(|w| w.gateway.close(conn));
}

/// Handles one frame from the bot.
fn handle(shared: &Shared, conn: u64, text: &str, tx: &mpsc::UnboundedSender<ConnCmd>) {
    let Ok(frame) = serde_json::from_str::<Value>(text) else {
        let _ = tx.send(ConnCmd::Close(4002, "Error while decoding payload.".into()));
        return;
    };
    let d = &frame["d"];
    match frame["op"].as_u64() {
        Some(1) => shared.with(|w| {
            w.gateway.stats.heartbeats += 1;
            if !w.gateway.withhold_acks {
                let _ = tx.send(ConnCmd::Send(json!({ "op": 11, "d": null })));
            }
        }),
        Some(2) => identify(shared, conn, d, tx),
        Some(6) => resume(shared, conn, d, tx),
        Some(3 | 4 | 8 | 31) => {}
        _ => {
            let _ = tx.send(ConnCmd::Close(4001, "Unknown opcode.".into()));
        }
    }
}

fn identify(shared: &Shared, conn: u64, d: &Value, tx: &mpsc::UnboundedSender<ConnCmd>) {
    let token = d["token"]
        .as_str()
        .unwrap_or_default()
        .trim_start_matches("Bot ")
        .to_owned();
    let wanted = d["intents"].as_u64().unwrap_or(0);
    let shard = (
        d["shard"][0].as_u64().unwrap_or(0),
        d["shard"][1].as_u64().unwrap_or(1),
    );
    let config = &shared.config;
    let refusal = if config.token.as_ref().is_some_and(|t| *t != token) || token.is_empty() {
        Some((4004, "Authentication failed."))
    } else if wanted & intents::PRIVILEGED & !config.privileged_intents != 0 {
        Some((4014, "Disallowed intent(s)."))
    } else if shard.1 == 0 || shard.0 >= shard.1 {
        Some((4010, "Invalid shard."))
    } else {
        None
    };
    if let Some((code, reason)) = refusal {
        let _ = tx.send(ConnCmd::Close(code, reason.into()));
        return;
    }
    let session_id = format!("{:032x}", rand::rng().random::<u128>());
    let gateway_url = shared.gateway_url.clone();
    shared.with(|w| {
        w.gateway
            .identify(conn, session_id.clone(), shard, wanted, token);
        let ready = ready_value(w, &session_id, shard, &gateway_url);
        w.gateway.send_to_session(&session_id, "READY", ready);
        if wanted & intents::GUILDS != 0 {
            let guilds: Vec<Value> = w
                .guilds
                .values()
                .filter(|g| sessions::shard_wants(shard, Some(g.id)))
                .map(|g| w.guild_create_value(g))
                .collect();
            for guild in guilds {
                w.gateway
                    .send_to_session(&session_id, "GUILD_CREATE", guild);
            }
        }
    });
}

fn resume(shared: &Shared, conn: u64, d: &Value, tx: &mpsc::UnboundedSender<ConnCmd>) {
    let id = d["session_id"].as_str().unwrap_or_default();
    let seq = d["seq"].as_u64().unwrap_or(0);
    let token = d["token"]
        .as_str()
        .unwrap_or_default()
        .trim_start_matches("Bot ");
    let resumed = shared.with(|w| {
        let ok = w.gateway.resume(conn, id, seq, token);
        if !ok {
            w.gateway.stats.failed_resumes += 1;
        }
        ok
    });
    if !resumed {
        let _ = tx.send(ConnCmd::Send(json!({ "op": 9, "d": false })));
    }
}

pub(crate) fn ready_value(
    w: &World,
    session_id: &str,
    shard: (u64, u64),
    gateway_url: &str,
) -> Value {
    let mut user = w.user_value(w.bot_id);
    user["verified"] = json!(true);
    user["mfa_enabled"] = json!(false);
    let guilds: Vec<Value> = w
        .guilds
        .keys()
        .filter(|g| sessions::shard_wants(shard, Some(**g)))
        .map(|g| json!({ "id": g.to_string(), "unavailable": true }))
        .collect();
    json!({
        "v": 10,
        "user": user,
        "guilds": guilds,
        "session_id": session_id,
        "resume_gateway_url": gateway_url,
        "shard": [shard.0, shard.1],
        "application": { "id": w.application_id.to_string(), "flags": 0 },
        "private_channels": [],
        "relationships": [],
        "_trace": ["sandbox"],
    })
}
