//! The sandbox's REST API, driven directly with reqwest: shapes, limits, nonce dedupe, 50007,
//! paging, command registration, threads, uploads, faults and rate limits.

use std::time::Duration;

use mindlines::sandbox::{Fault, MessageFilter, Sandbox, SandboxConfig};
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(5);

struct Api {
    base: String,
    http: reqwest::Client,
}

impl Api {
    fn new(sandbox: &Sandbox) -> Self {
        let http = reqwest::Client::builder()
            .timeout(WAIT)
            .build()
            .expect("client");
        Self {
            base: format!("{}/api/v10", sandbox.api_base()),
            http,
        }
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, reqwest::header::HeaderMap, Value) {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("Authorization", "Bot fake-token");
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await.expect("request");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap_or_default();
        (
            status,
            headers,
            serde_json::from_str(&text).unwrap_or(Value::Null),
        )
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        let (s, _, v) = self.call(reqwest::Method::GET, path, None).await;
        (s, v)
    }

    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        let (s, _, v) = self.call(reqwest::Method::POST, path, Some(body)).await;
        (s, v)
    }

    async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        let (s, _, v) = self.call(reqwest::Method::PUT, path, Some(body)).await;
        (s, v)
    }

    async fn dm(&self, user: u64) -> String {
        let (status, channel) = self
            .post(
                "/users/@me/channels",
                json!({ "recipient_id": user.to_string() }),
            )
            .await;
        assert_eq!(status, 200);
        channel["id"].as_str().expect("id").to_owned()
    }
}

async fn start() -> (Sandbox, Api) {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox starts");
    let api = Api::new(&sandbox);
    (sandbox, api)
}

#[tokio::test]
async fn discovery_routes_answer_and_unknown_routes_are_loud() {
    let (sandbox, api) = start().await;
    let (_, gateway) = api.get("/gateway").await;
    assert_eq!(gateway["url"], sandbox.gateway_url());
    let (_, bot) = api.get("/gateway/bot").await;
    assert_eq!(bot["shards"], 1);
    let (_, me) = api.get("/users/@me").await;
    assert_eq!(me["bot"], true);
    let (_, app) = api.get("/oauth2/applications/@me").await;
    assert_eq!(app["id"], sandbox.driver().application_id().to_string());

    let (status, body) = api.get("/no/such/route").await;
    assert_eq!(
        (status, body),
        (404, json!({ "message": "404: Not Found", "code": 0 }))
    );
    let unknown = sandbox.driver().unknown_routes();
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].route, "GET /no/such/route");

    let res = reqwest::get(format!("{}/users/@me", api.base))
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 401, "no Authorization header");
}

#[tokio::test]
async fn dm_channels_are_idempotent_and_closed_dms_give_50007() {
    let (sandbox, api) = start().await;
    let driver = sandbox.driver();
    let ada = driver.add_user("ada");
    let channel = api.dm(ada).await;
    assert_eq!(api.dm(ada).await, channel);

    let (status, message) = api
        .post(
            &format!("/channels/{channel}/messages"),
            json!({ "content": "Time to reflect?" }),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(message["author"]["id"], driver.bot_user_id().to_string());
    assert_eq!(driver.bot_messages_to(ada)[0].content, "Time to reflect?");

    driver.set_dms_closed(ada, true).expect("user");
    let (status, body) = api
        .post(
            &format!("/channels/{channel}/messages"),
            json!({ "content": "again" }),
        )
        .await;
    assert_eq!(
        (status, body),
        (
            403,
            json!({ "message": "Cannot send messages to this user", "code": 50007 })
        )
    );
}

#[tokio::test]
async fn limits_and_nonce_dedupe_follow_discord() {
    let (sandbox, api) = start().await;
    let ada = sandbox.driver().add_user("ada");
    let channel = api.dm(ada).await;
    let path = format!("/channels/{channel}/messages");

    let (status, body) = api
        .post(&path, json!({ "content": "x".repeat(2001) }))
        .await;
    assert_eq!((status, body["code"].clone()), (400, json!(50035)));
    assert_eq!(
        body["errors"]["content"]["_errors"][0]["code"],
        "BASE_TYPE_MAX_LENGTH"
    );
    let (status, body) = api.post(&path, json!({ "content": "" })).await;
    assert_eq!((status, body["code"].clone()), (400, json!(50006)));
    let (status, _) = api
        .post(&path, json!({ "content": "x".repeat(2000) }))
        .await;
    assert_eq!(status, 200);

    let once = json!({ "content": "prompt", "nonce": "delivery-42", "enforce_nonce": true });
    let (_, first) = api.post(&path, once.clone()).await;
    let (_, second) = api.post(&path, once).await;
    assert_eq!(first["id"], second["id"], "same nonce → same message");
    assert_eq!(first["nonce"], "delivery-42");
    let prompts = sandbox
        .driver()
        .messages(&MessageFilter::to_user(ada).containing("prompt"));
    assert_eq!(prompts.len(), 1);
}

#[tokio::test]
async fn history_pages_newest_first_with_before_after_and_limit() {
    let (sandbox, api) = start().await;
    let driver = sandbox.driver();
    let ada = driver.add_user("ada");
    let ids: Vec<u64> = (0..7)
        .map(|i| driver.send_dm(ada, &format!("m{i}")).expect("dm").id)
        .collect();
    let channel = driver.dm_channel(ada);
    let contents = |v: &Value| {
        v.as_array()
            .expect("array")
            .iter()
            .map(|m| m["content"].as_str().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };

    let (_, latest) = api
        .get(&format!("/channels/{channel}/messages?&limit=3"))
        .await;
    assert_eq!(contents(&latest), ["m6", "m5", "m4"]);
    let (_, after) = api
        .get(&format!(
            "/channels/{channel}/messages?&limit=2&after={}",
            ids[0]
        ))
        .await;
    assert_eq!(contents(&after), ["m2", "m1"]);
    let (_, before) = api
        .get(&format!(
            "/channels/{channel}/messages?&before={}&limit=100",
            ids[2]
        ))
        .await;
    assert_eq!(contents(&before), ["m1", "m0"]);
    let (status, _) = api
        .get(&format!("/channels/{channel}/messages?&limit=101"))
        .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn commands_are_registered_with_ids_and_threads_take_message_ids() {
    let (sandbox, api) = start().await;
    let driver = sandbox.driver();
    let app = driver.application_id();
    let (status, commands) = api
        .put(
            &format!("/applications/{app}/commands"),
            json!([{ "name": "reflect", "description": "Write a reflection" }]),
        )
        .await;
    assert_eq!(status, 200);
    assert!(commands[0]["id"].as_str().is_some());
    assert_eq!(driver.registered_commands(None)[0]["name"], "reflect");
    let guild = driver.guild_id();
    let (status, _) = api
        .put(
            &format!("/applications/{app}/guilds/{guild}/commands"),
            json!([]),
        )
        .await;
    assert_eq!(status, 200);

    let channel = driver.channel_id("case-discussions").expect("channel");
    let (_, message) = api
        .post(
            &format!("/channels/{channel}/messages"),
            json!({ "content": "New case" }),
        )
        .await;
    let mid = message["id"].as_str().expect("id");
    let (status, thread) = api
        .post(
            &format!("/channels/{channel}/messages/{mid}/threads"),
            json!({ "name": "Case 1" }),
        )
        .await;
    assert_eq!((status, thread["id"].as_str()), (200, Some(mid)));
    let (status, private) = api
        .post(
            &format!("/channels/{channel}/threads"),
            json!({ "name": "Case 2", "type": 12 }),
        )
        .await;
    assert_eq!((status, private["type"].clone()), (200, json!(12)));
    let ada = driver.add_user("ada");
    let thread_id: u64 = private["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("thread id");
    assert!(
        driver.post(ada, thread_id, "can I see this?").is_err(),
        "private thread needs membership"
    );
    let (status, _, _) = api
        .call(
            reqwest::Method::PUT,
            &format!("/channels/{thread_id}/thread-members/{ada}"),
            None,
        )
        .await;
    assert_eq!(status, 204);
    driver
        .post(ada, thread_id, "now I can")
        .expect("member posts");
}

#[tokio::test]
async fn uploads_become_attachments_served_back() {
    let (sandbox, api) = start().await;
    let ada = sandbox.driver().add_user("ada");
    let channel = api.dm(ada).await;
    let boundary = "XyZ";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"export.csv\"\r\nContent-Type: text/csv\r\n\r\na,b\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n\r\n{{\"content\":\"your export\"}}\r\n--{boundary}--\r\n"
    );
    let res = api
        .http
        .post(format!("{}/channels/{channel}/messages", api.base))
        .header("Authorization", "Bot fake-token")
        .header(
            "Content-Type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .expect("upload");
    let message: Value = res.json().await.expect("json");
    let url = message["attachments"][0]["url"].as_str().expect("url");
    assert_eq!(
        reqwest::get(url)
            .await
            .expect("get")
            .text()
            .await
            .expect("text"),
        "a,b"
    );
}

#[tokio::test]
async fn faults_are_served_once_to_matching_routes() {
    let (sandbox, api) = start().await;
    let driver = sandbox.driver();
    driver.fail_next("GET /users/@me", Fault::ServerError(502));
    assert_eq!(api.get("/users/@me").await.0, 502);
    assert_eq!(api.get("/users/@me").await.0, 200);

    driver.fail_next(
        "*",
        Fault::TooManyRequests {
            retry_after: Duration::from_millis(1500),
            global: true,
        },
    );
    let (status, headers, body) = api.call(reqwest::Method::GET, "/gateway", None).await;
    assert_eq!(status, 429);
    assert_eq!(headers["retry-after"], "2");
    assert_eq!(headers["x-ratelimit-global"], "true");
    assert_eq!(
        body,
        json!({ "message": "You are being rate limited.", "retry_after": 1.5, "global": true })
    );
    assert_eq!(driver.served_429s(), 1);

    driver.fail_next("POST /channels/{id}/messages", Fault::Forbidden50007);
    let ada = driver.add_user("ada");
    let channel = api.dm(ada).await;
    let (status, body) = api
        .post(
            &format!("/channels/{channel}/messages"),
            json!({ "content": "hi" }),
        )
        .await;
    assert_eq!((status, body["code"].clone()), (403, json!(50007)));

    driver.fail_next("/users/@me", Fault::Hang);
    let hung = api
        .http
        .get(format!("{}/users/@me", api.base))
        .header("Authorization", "Bot x")
        .timeout(Duration::from_millis(300))
        .send()
        .await;
    assert!(hung.expect_err("hangs").is_timeout());
    let calls: Vec<u16> = driver
        .rest_calls_to("GET /users/@me")
        .iter()
        .map(|c| c.status)
        .collect();
    assert_eq!(calls, [502, 200, 0], "a hung call is logged with status 0");
}

#[tokio::test]
async fn rate_limits_announce_budgets_and_answer_429() {
    let (sandbox, api) = start().await;
    let driver = sandbox.driver();
    driver.set_rate_limits(None, Some((2, Duration::from_secs(2))));
    let (_, headers, _) = api.call(reqwest::Method::GET, "/users/@me", None).await;
    assert_eq!(headers["x-ratelimit-limit"], "2");
    assert_eq!(headers["x-ratelimit-remaining"], "1");
    assert!(
        headers.contains_key("x-ratelimit-reset-after")
            && headers.contains_key("x-ratelimit-bucket")
    );
    api.get("/users/@me").await;
    let (status, headers, body) = api.call(reqwest::Method::GET, "/users/@me", None).await;
    assert_eq!((status, body["global"].clone()), (429, json!(false)));
    assert_eq!(headers["x-ratelimit-remaining"], "0");
    assert_eq!(
        api.get("/gateway").await.0,
        200,
        "other routes have their own bucket"
    );

    driver.set_rate_limits(Some(1), None);
    api.get("/gateway").await;
    let (status, headers, _) = api.call(reqwest::Method::GET, "/gateway", None).await;
    assert_eq!(
        (status, headers.get("x-ratelimit-global").is_some()),
        (429, true)
    );
}
