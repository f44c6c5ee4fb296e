//! Interactions end to end at the HTTP level: the driver acts as a user, the test plays the bot
//! with reqwest (callbacks, follow-ups, modals, buttons), and the driver reads what users see.

use std::time::Duration;

use mindlines::sandbox::{MessageFilter, OptionValue, Place, Sandbox, SandboxConfig};
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(5);

struct Bot {
    base: String,
    app: u64,
    http: reqwest::Client,
}

impl Bot {
    async fn send(&self, method: reqwest::Method, path: &str, body: Value) -> (u16, Value) {
        let res = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("Authorization", "Bot fake-token")
            .json(&body)
            .send()
            .await
            .expect("request");
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    async fn callback(&self, payload: &Value, body: Value) -> (u16, Value) {
        let path = format!(
            "/interactions/{}/{}/callback",
            payload["id"].as_str().expect("id"),
            payload["token"].as_str().expect("token")
        );
        self.send(reqwest::Method::POST, &path, body).await
    }

    async fn followup(&self, payload: &Value, body: Value) -> (u16, Value) {
        let path = format!(
            "/webhooks/{}/{}",
            self.app,
            payload["token"].as_str().expect("token")
        );
        self.send(reqwest::Method::POST, &path, body).await
    }

    async fn register(&self, names: &[&str]) {
        let commands: Vec<Value> = names
            .iter()
            .map(|n| json!({ "name": n, "description": "d", "options": [] }))
            .collect();
        let (status, _) = self
            .send(
                reqwest::Method::PUT,
                &format!("/applications/{}/commands", self.app),
                json!(commands),
            )
            .await;
        assert_eq!(status, 200);
    }
}

async fn start(config: SandboxConfig) -> (Sandbox, Bot) {
    let sandbox = Sandbox::start(config).await.expect("sandbox");
    let http = reqwest::Client::builder()
        .timeout(WAIT)
        .build()
        .expect("client");
    let bot = Bot {
        base: format!("{}/api/v10", sandbox.api_base()),
        app: sandbox.driver().application_id(),
        http,
    };
    (sandbox, bot)
}

#[tokio::test]
async fn ephemeral_replies_are_private_and_acknowledged_once() {
    let (sandbox, bot) = start(SandboxConfig::default()).await;
    let driver = sandbox.driver();
    bot.register(&["reflect"]).await;
    let (ada, bo) = (driver.add_user("ada"), driver.add_user("bo"));
    let id = driver
        .slash_command(
            ada,
            Place::Dm,
            "reflect",
            &[("text", OptionValue::from("a long day"))],
        )
        .expect("command");
    let payload = driver.interaction_payload(id).expect("payload");
    assert_eq!(payload["data"]["options"][0]["value"], "a long day");
    assert_eq!(payload["user"]["id"], ada.to_string());

    let (status, _) = bot
        .callback(
            &payload,
            json!({ "type": 4, "data": { "content": "Saved.", "flags": 64 } }),
        )
        .await;
    assert_eq!(status, 204);
    let reply = driver
        .wait_for_bot_message(MessageFilter::to_user(ada).ephemeral(true), WAIT)
        .await
        .expect("reply");
    assert_eq!(
        (reply.content.as_str(), reply.visible_to),
        ("Saved.", Some(ada))
    );
    assert!(driver.bot_messages_to(bo).is_empty());
    assert!(
        driver.channel_messages(driver.dm_channel(ada)).is_empty(),
        "ephemeral replies are not in history"
    );

    let (status, body) = bot
        .callback(
            &payload,
            json!({ "type": 4, "data": { "content": "again" } }),
        )
        .await;
    assert_eq!((status, body["code"].clone()), (400, json!(40060)));

    let (status, more) = bot
        .followup(
            &payload,
            json!({ "content": "One more thing", "flags": 64 }),
        )
        .await;
    assert_eq!(status, 200);
    let original = format!(
        "/webhooks/{}/{}/messages/@original",
        bot.app,
        payload["token"].as_str().expect("token")
    );
    let (status, edited) = bot
        .send(
            reqwest::Method::PATCH,
            &original,
            json!({ "content": "Saved (edited)." }),
        )
        .await;
    assert_eq!(
        (status, edited["id"].clone()),
        (200, json!(reply.id.to_string()))
    );
    let response = driver.interaction_response(id).expect("response");
    assert!(response.ephemeral);
    assert_eq!(
        response.original.expect("original").content,
        "Saved (edited)."
    );
    assert_eq!(
        response.followups[0].id.to_string(),
        more["id"].as_str().expect("id")
    );
}

#[tokio::test]
async fn a_deferred_reply_is_filled_by_the_first_followup() {
    let (sandbox, bot) = start(SandboxConfig::default()).await;
    let driver = sandbox.driver();
    bot.register(&["portfolio"]).await;
    let ada = driver.add_user("ada");
    let channel = driver.channel_id("general").expect("general");
    let id = driver
        .slash_command(ada, Place::Channel(channel), "portfolio", &[])
        .expect("command");
    let payload = driver.interaction_payload(id).expect("payload");
    assert_eq!(payload["member"]["user"]["id"], ada.to_string());
    assert_eq!(payload["guild_id"], driver.guild_id().to_string());

    bot.callback(&payload, json!({ "type": 5, "data": { "flags": 64 } }))
        .await;
    assert!(
        driver.messages(&MessageFilter::to_user(ada)).is_empty(),
        "thinking… is not a reply yet"
    );
    let (_, filled) = bot
        .followup(&payload, json!({ "content": "12 reflections" }))
        .await;
    let reply = driver
        .wait_for_bot_message(MessageFilter::to_user(ada).for_interaction(id), WAIT)
        .await
        .expect("reply");
    assert_eq!(
        filled["id"],
        reply.id.to_string(),
        "the follow-up filled the placeholder"
    );
    assert!(reply.ephemeral, "ephemerality comes from the defer");
}

#[tokio::test]
async fn buttons_open_modals_and_updates_edit_the_message() {
    let (sandbox, bot) = start(SandboxConfig::default()).await;
    let driver = sandbox.driver();
    let ada = driver.add_user("ada");
    let channel = driver.dm_channel(ada);
    let buttons = json!([{ "type": 1, "components": [
        { "type": 2, "style": 1, "label": "Reflect now", "custom_id": "reflect:1" },
        { "type": 2, "style": 2, "label": "Later", "custom_id": "snooze:1" }
    ] }]);
    let (_, prompt) = bot
        .send(
            reqwest::Method::POST,
            &format!("/channels/{channel}/messages"),
            json!({ "content": "Prompt", "components": buttons }),
        )
        .await;
    let prompt_id: u64 = prompt["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("id");
    assert_eq!(
        driver.message(prompt_id).expect("prompt").button_labels(),
        ["Reflect now", "Later"]
    );

    let click = driver
        .click_button(ada, prompt_id, "Reflect now")
        .expect("click");
    let payload = driver.interaction_payload(click).expect("payload");
    assert_eq!(
        (
            payload["type"].clone(),
            payload["data"]["custom_id"].clone()
        ),
        (json!(3), json!("reflect:1"))
    );
    assert_eq!(payload["message"]["id"], prompt["id"]);
    let modal = json!({ "type": 9, "data": { "custom_id": "modal:1", "title": "Reflection", "components": [
        { "type": 1, "components": [{ "type": 4, "custom_id": "body", "label": "What happened?", "style": 2, "max_length": 4000 }] }
    ] } });
    assert_eq!(bot.callback(&payload, modal).await.0, 204);
    let opened = driver.wait_for_modal(click, WAIT).await.expect("modal");
    assert_eq!(opened.fields[0].label, "What happened?");
    let submit = driver
        .submit_modal(ada, click, &[("What happened?", "A hard shift")])
        .expect("submit");
    let submitted = driver.interaction_payload(submit).expect("payload");
    assert_eq!(
        submitted["data"]["components"][0]["components"][0]["value"],
        "A hard shift"
    );

    let later = driver.click_button(ada, prompt_id, "Later").expect("click");
    let payload = driver.interaction_payload(later).expect("payload");
    bot.callback(
        &payload,
        json!({ "type": 7, "data": { "content": "Snoozed until tomorrow", "components": [] } }),
    )
    .await;
    let updated = driver.message(prompt_id).expect("prompt");
    assert_eq!(
        (
            updated.content.as_str(),
            updated.edited,
            updated.components.len()
        ),
        ("Snoozed until tomorrow", true, 0)
    );
}

#[tokio::test]
async fn late_answers_are_refused_like_discord() {
    let config = SandboxConfig {
        interaction_deadline: Duration::from_millis(50),
        ..SandboxConfig::default()
    };
    let (sandbox, bot) = start(config).await;
    let driver = sandbox.driver();
    bot.register(&["reflect"]).await;
    let ada = driver.add_user("ada");
    let id = driver
        .slash_command(ada, Place::Dm, "reflect", &[])
        .expect("command");
    tokio::time::sleep(Duration::from_millis(120)).await;
    let payload = driver.interaction_payload(id).expect("payload");
    let (status, body) = bot
        .callback(
            &payload,
            json!({ "type": 4, "data": { "content": "late" } }),
        )
        .await;
    assert_eq!((status, body["code"].clone()), (404, json!(10062)));
    assert!(
        driver
            .slash_command(ada, Place::Dm, "unregistered", &[])
            .is_err()
    );
}
