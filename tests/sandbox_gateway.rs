//! The gateway protocol with a raw websocket client: HELLO, IDENTIFY → READY + GUILD_CREATE,
//! heartbeats, RESUME with replay, shard routing, intent filtering and the fault levers.

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use mindlines::sandbox::{Sandbox, SandboxConfig, intents};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

const WAIT: Duration = Duration::from_secs(5);
const ALL: u64 =
    intents::GUILDS | intents::GUILD_MESSAGES | intents::DIRECT_MESSAGES | intents::MESSAGE_CONTENT;

struct Ws(WebSocketStream<MaybeTlsStream<TcpStream>>);

/// What the next frame turned out to be.
#[derive(Debug)]
enum Next {
    Frame(Value),
    Closed(Option<u16>),
}

impl Ws {
    async fn connect(sandbox: &Sandbox) -> Self {
        let (ws, _) = tokio_tungstenite::connect_async(format!("{}/?v=10", sandbox.gateway_url()))
            .await
            .expect("connect");
        let mut ws = Self(ws);
        let hello = ws.frame().await;
        assert_eq!(hello["op"], 10);
        assert!(hello["d"]["heartbeat_interval"].as_u64().is_some());
        ws
    }

    async fn send(&mut self, frame: Value) {
        self.0
            .send(Message::Text(frame.to_string()))
            .await
            .expect("send");
    }

    async fn next(&mut self, within: Duration) -> Option<Next> {
        loop {
            let msg = tokio::time::timeout(within, self.0.next()).await.ok()?;
            return Some(match msg {
                Some(Ok(Message::Text(text))) => {
                    Next::Frame(serde_json::from_str(&text).expect("json"))
                }
                Some(Ok(Message::Close(frame))) => Next::Closed(frame.map(|f| u16::from(f.code))),
                Some(Ok(_)) => continue,
                Some(Err(_)) | None => Next::Closed(None),
            });
        }
    }

    async fn frame(&mut self) -> Value {
        match self.next(WAIT).await {
            Some(Next::Frame(frame)) => frame,
            other => panic!("expected a frame, got {other:?}"),
        }
    }

    async fn close_code(&mut self) -> Option<u16> {
        loop {
            match self.next(WAIT).await {
                Some(Next::Frame(_)) => continue,
                Some(Next::Closed(code)) => return code,
                None => panic!("no close within {WAIT:?}"),
            }
        }
    }

    /// Identifies and reads READY (and GUILD_CREATE when GUILDS is asked for).
    async fn identify(&mut self, shard: [u64; 2], wanted: u64) -> Value {
        self.send(json!({ "op": 2, "d": { "token": "fake-token", "intents": wanted, "shard": shard, "compress": true, "properties": {} } })).await;
        let ready = self.frame().await;
        assert_eq!(
            (ready["t"].as_str(), ready["s"].as_u64()),
            (Some("READY"), Some(1))
        );
        if wanted & intents::GUILDS != 0 {
            assert_eq!(self.frame().await["t"], "GUILD_CREATE");
        }
        ready
    }
}

async fn start(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config).await.expect("sandbox")
}

#[tokio::test]
async fn identify_gets_ready_guilds_acks_and_dms() {
    let sandbox = start(SandboxConfig::default()).await;
    let driver = sandbox.driver();
    let mut ws = Ws::connect(&sandbox).await;
    let ready = ws.identify([0, 1], ALL).await["d"].clone();
    assert_eq!(
        ready["application"]["id"],
        driver.application_id().to_string()
    );
    assert_eq!(
        ready["guilds"][0],
        json!({ "id": driver.guild_id().to_string(), "unavailable": true })
    );
    assert!(
        ready["session_id"].as_str().is_some() && ready["resume_gateway_url"].as_str().is_some()
    );

    ws.send(json!({ "op": 1, "d": 2 })).await;
    assert_eq!(ws.frame().await["op"], 11);

    let ada = driver.add_user("ada");
    driver.send_dm(ada, "hello bot").expect("dm");
    let event = ws.frame().await;
    assert_eq!(
        (event["t"].as_str(), event["s"].as_u64()),
        (Some("MESSAGE_CREATE"), Some(3))
    );
    assert_eq!(event["d"]["content"], "hello bot");
    assert!(
        event["d"].get("guild_id").is_none(),
        "DMs carry no guild_id"
    );
    assert_eq!(driver.gateway_stats().identifies, 1);
}

#[tokio::test]
async fn resume_replays_what_the_session_missed() {
    let sandbox = start(SandboxConfig::default()).await;
    let driver = sandbox.driver();
    let ada = driver.add_user("ada");
    let mut ws = Ws::connect(&sandbox).await;
    let session = ws.identify([0, 1], ALL).await["d"]["session_id"].clone();
    drop(ws);
    driver
        .wait_for_gateway("the close", WAIT, |s| s.open_connections == 0)
        .await
        .expect("closed");
    driver.send_dm(ada, "while you were away").expect("dm");
    driver.send_dm(ada, "and this").expect("dm");

    let mut ws = Ws::connect(&sandbox).await;
    ws.send(json!({ "op": 6, "d": { "token": "fake-token", "session_id": session, "seq": 2 } }))
        .await;
    let first = ws.frame().await;
    let second = ws.frame().await;
    let resumed = ws.frame().await;
    assert_eq!(
        (first["s"].as_u64(), first["d"]["content"].as_str()),
        (Some(3), Some("while you were away"))
    );
    assert_eq!(second["s"], 4);
    assert_eq!(
        (resumed["t"].as_str(), resumed["s"].as_u64()),
        (Some("RESUMED"), Some(5))
    );
    assert_eq!(driver.gateway_stats().resumes, 1);

    let mut stranger = Ws::connect(&sandbox).await;
    stranger
        .send(json!({ "op": 6, "d": { "token": "fake-token", "session_id": "nope", "seq": 1 } }))
        .await;
    assert_eq!(stranger.frame().await, json!({ "op": 9, "d": false }));
}

#[tokio::test]
async fn dms_go_to_shard_zero_and_guild_events_to_their_shard() {
    let sandbox = start(SandboxConfig::default()).await;
    let driver = sandbox.driver();
    let guild_shard = (driver.guild_id() >> 22) % 2;
    let mut shards = [Ws::connect(&sandbox).await, Ws::connect(&sandbox).await];
    for (i, ws) in shards.iter_mut().enumerate() {
        ws.identify([i as u64, 2], ALL & !intents::GUILDS).await;
    }
    let ada = driver.add_user("ada");
    driver.send_dm(ada, "dm").expect("dm");
    driver
        .post(ada, driver.channel_id("general").expect("general"), "guild")
        .expect("post");
    let short = Duration::from_millis(300);
    for (i, ws) in shards.iter_mut().enumerate() {
        let mut seen = Vec::new();
        while let Some(Next::Frame(frame)) = ws.next(short).await {
            seen.push(
                frame["d"]["content"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
        let mut expected = Vec::new();
        if i == 0 {
            expected.push("dm");
        }
        if i as u64 == guild_shard {
            expected.push("guild");
        }
        assert_eq!(seen, expected, "shard {i}");
    }
}

#[tokio::test]
async fn guild_content_is_blank_without_message_content_unless_mentioned() {
    let sandbox = start(SandboxConfig::default()).await;
    let driver = sandbox.driver();
    let mut ws = Ws::connect(&sandbox).await;
    ws.identify([0, 1], intents::GUILD_MESSAGES | intents::DIRECT_MESSAGES)
        .await;
    let ada = driver.add_user("ada");
    let general = driver.channel_id("general").expect("general");
    driver.post(ada, general, "private thoughts").expect("post");
    assert_eq!(ws.frame().await["d"]["content"], "");
    driver
        .post(ada, general, &format!("<@{}> hello", driver.bot_user_id()))
        .expect("post");
    assert_eq!(
        ws.frame().await["d"]["content"],
        format!("<@{}> hello", driver.bot_user_id())
    );
    driver.send_dm(ada, "dm text").expect("dm");
    assert_eq!(ws.frame().await["d"]["content"], "dm text");
}

#[tokio::test]
async fn levers_close_reconnect_invalidate_and_starve_heartbeats() {
    let sandbox = start(SandboxConfig::default()).await;
    let driver = sandbox.driver();
    let mut ws = Ws::connect(&sandbox).await;
    ws.identify([0, 1], 0).await;
    driver.send_reconnect();
    assert_eq!(ws.frame().await["op"], 7);
    driver.send_invalid_session(true);
    assert_eq!(ws.frame().await, json!({ "op": 9, "d": true }));
    driver.withhold_heartbeat_acks(true);
    ws.send(json!({ "op": 1, "d": 1 })).await;
    assert!(
        ws.next(Duration::from_millis(300)).await.is_none(),
        "no ack"
    );
    driver.close_gateway(4000);
    assert_eq!(ws.close_code().await, Some(4000));

    let mut ws = Ws::connect(&sandbox).await;
    ws.identify([0, 1], 0).await;
    driver.close_gateway(4009);
    assert_eq!(ws.close_code().await, Some(4009));
    assert!(driver.gateway_stats().identifies >= 2);
}

#[tokio::test]
async fn bad_tokens_and_disallowed_intents_are_fatal_closes() {
    let config = SandboxConfig {
        token: Some("right".into()),
        privileged_intents: 0,
        ..SandboxConfig::default()
    };
    let sandbox = start(config).await;
    let mut ws = Ws::connect(&sandbox).await;
    ws.send(json!({ "op": 2, "d": { "token": "wrong", "intents": 0, "properties": {} } }))
        .await;
    assert_eq!(ws.close_code().await, Some(4004));
    let mut ws = Ws::connect(&sandbox).await;
    ws.send(json!({ "op": 2, "d": { "token": "right", "intents": intents::MESSAGE_CONTENT, "properties": {} } })).await;
    assert_eq!(ws.close_code().await, Some(4014));
}
