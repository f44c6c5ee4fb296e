//! AutoMod in the local workspace: KEYWORD rules made, listed, changed and deleted over REST
//! (raw and through serenity's own `Http`), Discord's limits and validation errors, and what a
//! rule does to a member's post or edit: blocked, named, and announced on the gateway.

mod sandbox_support;

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use mindlines::sandbox::{DriverError, Sandbox, SandboxConfig, intents};
use poise::serenity_prelude as serenity;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

const WAIT: Duration = Duration::from_secs(5);
const NHS_NUMBER: &str = r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b";

/// One REST call as the bot would make it; returns status and JSON body.
async fn call(sandbox: &Sandbox, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let url = format!("{}/api/v10{path}", sandbox.api_base());
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let mut req = reqwest::Client::new()
        .request(method, url)
        .header("Authorization", "Bot fake-token")
        .timeout(WAIT);
    if let Some(body) = body {
        req = req.json(&body);
    }
    let res = req.send().await.expect("request");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn rules_path(sandbox: &Sandbox) -> String {
    format!(
        "/guilds/{}/auto-moderation/rules",
        sandbox.driver().guild_id()
    )
}

/// A KEYWORD rule body as serenity's `EditAutoModRule` writes it.
fn keyword_rule(name: &str, keywords: &[&str], patterns: &[&str]) -> Value {
    json!({
        "name": name,
        "event_type": 1,
        "trigger_type": 1,
        "trigger_metadata": { "keyword_filter": keywords, "regex_patterns": patterns, "allow_list": [] },
        "actions": [{ "type": 1, "metadata": { "custom_message": "Please remove patient identifiers." } }],
        "enabled": true,
    })
}

async fn create(sandbox: &Sandbox, body: Value) -> (u16, Value) {
    call(sandbox, "POST", &rules_path(sandbox), Some(body)).await
}

/// Where the first field error sits, as `a.b.c` and its code.
fn first_error(errors: &Value) -> (String, String) {
    let mut path = Vec::new();
    let mut node = errors;
    while let Some((key, next)) = node
        .as_object()
        .and_then(|o| o.iter().find(|(k, _)| *k != "_errors"))
    {
        path.push(key.clone());
        node = next;
    }
    let code = node["_errors"][0]["code"].as_str().unwrap_or_default();
    (path.join("."), code.to_owned())
}

#[tokio::test]
async fn rules_are_made_listed_changed_and_deleted_as_on_discord() {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let driver = sandbox.driver();
    let (status, rule) = create(&sandbox, keyword_rule("NHS numbers", &[], &[NHS_NUMBER])).await;
    assert_eq!(status, 200, "{rule}");
    assert_eq!(rule["creator_id"], driver.bot_user_id().to_string());
    assert_eq!(rule["guild_id"], driver.guild_id().to_string());
    assert_eq!(rule["trigger_metadata"]["regex_patterns"][0], NHS_NUMBER);
    assert_eq!(rule["exempt_roles"], json!([]));
    let id = rule["id"].as_str().expect("id").to_owned();

    let (status, listed) = call(&sandbox, "GET", &rules_path(&sandbox), None).await;
    assert_eq!((status, listed.clone()), (200, json!([rule.clone()])));
    assert_eq!(driver.automod_rules(driver.guild_id()), vec![rule.clone()]);

    let one = format!("{}/{id}", rules_path(&sandbox));
    let patch = json!({ "name": "NHS numbers v2", "enabled": false, "event_type": 1 });
    let (status, changed) = call(&sandbox, "PATCH", &one, Some(patch)).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(
        (changed["name"].as_str(), changed["enabled"].as_bool()),
        (Some("NHS numbers v2"), Some(false))
    );
    assert_eq!(
        changed["trigger_metadata"], rule["trigger_metadata"],
        "what a PATCH leaves out stays"
    );
    let (status, body) = call(&sandbox, "PATCH", &one, Some(json!({ "trigger_type": 4 }))).await;
    assert_eq!((status, &body["code"]), (400, &json!(50035)), "{body}");

    assert_eq!(call(&sandbox, "DELETE", &one, None).await.0, 204);
    assert_eq!(call(&sandbox, "GET", &one, None).await.0, 404);
    assert!(driver.automod_rules(driver.guild_id()).is_empty());
    assert!(
        driver
            .spec_refusals()
            .iter()
            .all(|c| c.route.starts_with("PATCH")),
        "{:?}",
        driver.spec_refusals()
    );
}

#[tokio::test]
async fn serenity_creates_and_reads_a_rule_and_its_body_passes_the_spec() {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let driver = sandbox.driver();
    let http = sandbox_support::http(&sandbox);
    let guild = serenity::GuildId::new(driver.guild_id());
    let trigger = serenity::Trigger::Keyword {
        strings: vec!["*postcode*".into()],
        regex_patterns: vec![NHS_NUMBER.into()],
        allow_list: vec![],
    };
    let builder = serenity::EditAutoModRule::new()
        .name("Identifiers")
        .trigger(trigger)
        .actions(vec![serenity::automod::Action::BlockMessage {
            custom_message: None,
        }])
        .enabled(true);
    let rule = guild
        .create_automod_rule(&http, builder)
        .await
        .expect("create");
    assert_eq!(rule.name, "Identifiers");
    assert_eq!(rule.creator_id.get(), driver.bot_user_id());
    let listed = guild.automod_rules(&http).await.expect("list");
    assert_eq!(listed, vec![rule.clone()]);
    guild
        .delete_automod_rule(&http, rule.id)
        .await
        .expect("delete");
    assert!(
        driver.spec_refusals().is_empty(),
        "{:?}",
        driver.spec_refusals()
    );
    assert!(driver.unknown_routes().is_empty());
}

#[tokio::test]
async fn a_seventh_keyword_rule_is_refused_with_discords_error() {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    for n in 1..=6 {
        let (status, body) =
            create(&sandbox, keyword_rule(&format!("rule {n}"), &["x"], &[])).await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = create(&sandbox, keyword_rule("rule 7", &["x"], &[])).await;
    assert_eq!((status, &body["code"]), (400, &json!(50035)), "{body}");
    assert_eq!(
        body["errors"]["_errors"][0]["code"],
        "AUTO_MODERATION_MAX_RULES_OF_TYPE_EXCEEDED"
    );
    assert_eq!(
        body["errors"]["_errors"][0]["message"],
        "Maximum number of rules with trigger type 1 is 6"
    );
    assert_eq!(
        sandbox
            .driver()
            .automod_rules(sandbox.driver().guild_id())
            .len(),
        6
    );
}

/// Each bad body, where Discord names the problem, and (where only Discord's own rules
/// refuse it, not the spec) the code.
fn bad_bodies() -> Vec<(&'static str, Value, &'static str, Option<&'static str>)> {
    let long = "k".repeat(61);
    let many: Vec<String> = (0..1_001).map(|i| format!("word{i}")).collect();
    let eleven: Vec<String> = (0..11).map(|i| format!("p{i}")).collect();
    let allow: Vec<String> = (0..101).map(|i| format!("ok{i}")).collect();
    let mut no_name = keyword_rule("x", &["a"], &[]);
    no_name.as_object_mut().unwrap().remove("name");
    let mut custom = keyword_rule("x", &["a"], &[]);
    custom["actions"][0]["metadata"]["custom_message"] = json!("m".repeat(151));
    let mut allow_body = keyword_rule("x", &["a"], &[]);
    allow_body["trigger_metadata"]["allow_list"] = json!(allow);
    vec![
        (
            "a keyword over 60",
            keyword_rule("x", &[long.as_str()], &[]),
            "trigger_metadata.keyword_filter.0",
            None,
        ),
        (
            "1,001 keywords",
            keyword_rule(
                "x",
                &many.iter().map(String::as_str).collect::<Vec<_>>(),
                &[],
            ),
            "trigger_metadata.keyword_filter",
            None,
        ),
        (
            "11 patterns",
            keyword_rule(
                "x",
                &[],
                &eleven.iter().map(String::as_str).collect::<Vec<_>>(),
            ),
            "trigger_metadata.regex_patterns",
            None,
        ),
        (
            "a pattern over 260",
            keyword_rule("x", &[], &["a".repeat(261).as_str()]),
            "trigger_metadata.regex_patterns.0",
            None,
        ),
        (
            "a pattern that does not compile",
            keyword_rule("x", &[], &["(unclosed"]),
            "trigger_metadata.regex_patterns.0",
            Some("AUTO_MODERATION_INVALID_REGEX"),
        ),
        (
            "101 allowed",
            allow_body,
            "trigger_metadata.allow_list",
            None,
        ),
        ("no name", no_name, "name", Some("BASE_TYPE_REQUIRED")),
        (
            "a custom message over 150",
            custom,
            "actions.0.metadata.custom_message",
            Some("BASE_TYPE_MAX_LENGTH"),
        ),
    ]
}

#[tokio::test]
async fn bad_rules_get_400_50035_naming_the_field_with_the_spec_check_on_or_off() {
    for body_check in [true, false] {
        let mut config = SandboxConfig::default();
        if !body_check {
            config.body_check = None;
        }
        let sandbox = Sandbox::start(config).await.expect("sandbox");
        for (what, body, path, code) in bad_bodies() {
            let (status, answer) = create(&sandbox, body).await;
            assert_eq!(
                (status, &answer["code"]),
                (400, &json!(50035)),
                "{what}: {answer}"
            );
            let (at, found) = first_error(&answer["errors"]);
            assert_eq!(at, path, "{what} (spec check {body_check}): {answer}");
            if let Some(code) = code {
                assert_eq!(found, code, "{what}: {answer}");
            }
        }
        assert!(
            sandbox
                .driver()
                .automod_rules(sandbox.driver().guild_id())
                .is_empty()
        );
    }
}

/// Makes one blocking rule (NHS numbers by regex, "ward 7*" by keyword) and a member.
async fn guarded(sandbox: &Sandbox) -> (u64, u64, String) {
    let driver = sandbox.driver();
    let (status, rule) = create(
        sandbox,
        keyword_rule("Identifiers", &["ward 7*"], &[NHS_NUMBER]),
    )
    .await;
    assert_eq!(status, 200, "{rule}");
    let ada = driver.add_user("ada");
    let channel = driver
        .channel_id("case-discussions")
        .expect("#case-discussions");
    (
        ada,
        channel,
        rule["id"].as_str().unwrap_or_default().to_owned(),
    )
}

#[tokio::test]
async fn a_matching_post_is_blocked_and_names_the_rule() {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let driver = sandbox.driver();
    let (ada, channel, rule_id) = guarded(&sandbox).await;
    let refused = driver
        .post(ada, channel, "Her NHS number is 943 476 5919")
        .unwrap_err();
    let DriverError::Blocked(block) = &refused else {
        panic!("{refused:?}")
    };
    assert_eq!(
        (block.rule_id.to_string(), block.rule_name.as_str()),
        (rule_id, "Identifiers")
    );
    assert_eq!(block.matched_content, "943 476 5919");
    assert_eq!(
        block.custom_message.as_deref(),
        Some("Please remove patient identifiers.")
    );
    assert_eq!(block.api_error().code, 200000);
    assert!(
        refused
            .to_string()
            .contains("blocked by AutoMod rule \"Identifiers\""),
        "{refused}"
    );
    let refused = driver
        .post(ada, channel, "seen on Ward 7b yesterday")
        .unwrap_err();
    assert!(matches!(refused, DriverError::Blocked(_)), "{refused:?}");
    assert!(
        driver.channel_messages(channel).is_empty(),
        "nothing blocked is stored"
    );

    driver
        .post(
            ada,
            channel,
            "Bleep 4471 at 0830, a towards-ward discussion",
        )
        .expect("a clean post");
    driver
        .send_dm(ada, "943 476 5919")
        .expect("DMs are not screened");
    let thread = driver
        .create_thread(ada, channel, "Case: Ward 7 and 943 476 5919", true)
        .expect("thread names are not screened");
    assert!(matches!(
        driver.post(ada, thread, "NHS 9434765919"),
        Err(DriverError::Blocked(_))
    ));
}

#[tokio::test]
async fn an_edit_that_adds_a_match_is_blocked_and_leaves_the_message_as_it_was() {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let driver = sandbox.driver();
    let (ada, channel, _) = guarded(&sandbox).await;
    let posted = driver
        .post(ada, channel, "A case about a fall")
        .expect("post");
    let refused = driver
        .edit(ada, posted.id, "A case about a fall, NHS 943-476-5919")
        .unwrap_err();
    assert!(matches!(refused, DriverError::Blocked(_)), "{refused:?}");
    let kept = driver.message(posted.id).expect("message");
    assert_eq!(
        (kept.content.as_str(), kept.edited),
        ("A case about a fall", false)
    );
    driver
        .edit(ada, posted.id, "A case about a fall at home")
        .expect("a clean edit");
}

/// A raw gateway session with the given intents, READY (and GUILD_CREATE) read.
async fn session(
    sandbox: &Sandbox,
    wanted: u64,
) -> tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>> {
    let url = format!("{}/?v=10", sandbox.gateway_url());
    let (mut ws, _) = tokio_tungstenite::connect_async(url)
        .await
        .expect("connect");
    let identify = json!({ "op": 2, "d": { "token": "t", "intents": wanted, "shard": [0, 1], "properties": {} } });
    ws.send(Message::Text(identify.to_string()))
        .await
        .expect("identify");
    assert_eq!(next_dispatch(&mut ws).await["t"], "READY");
    ws
}

/// The next op 0 frame, skipping HELLO and the like.
async fn next_dispatch<S>(ws: &mut S) -> Value
where
    S: StreamExt<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    loop {
        let msg = tokio::time::timeout(WAIT, ws.next())
            .await
            .expect("a frame in time");
        if let Some(Ok(Message::Text(text))) = msg {
            let frame: Value = serde_json::from_str(&text).expect("json");
            if frame["op"] == 0 {
                return frame;
            }
        }
    }
}

#[tokio::test]
async fn a_block_is_dispatched_to_sessions_with_the_intent_content_only_with_message_content() {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let driver = sandbox.driver();
    let (ada, channel, rule_id) = guarded(&sandbox).await;
    let text = "NHS 943 476 5919";
    let base = intents::AUTO_MODERATION_EXECUTION | intents::GUILD_MESSAGES;
    for (wanted, content, matched) in [
        (base | intents::MESSAGE_CONTENT, text, "943 476 5919"),
        (base, "", ""),
    ] {
        let mut ws = session(&sandbox, wanted).await;
        let _ = driver.post(ada, channel, text).unwrap_err();
        let event = next_dispatch(&mut ws).await;
        assert_eq!(event["t"], "AUTO_MODERATION_ACTION_EXECUTION", "{event}");
        let d = &event["d"];
        assert_eq!(d["rule_id"], rule_id.as_str());
        assert_eq!(d["user_id"], ada.to_string());
        assert_eq!(d["channel_id"], channel.to_string());
        assert_eq!(d["matched_keyword"], NHS_NUMBER);
        assert_eq!(d["action"]["type"], 1);
        assert!(d.get("message_id").is_none(), "a blocked message has no id");
        assert_eq!(
            (d["content"].as_str(), d["matched_content"].as_str()),
            (Some(content), Some(matched)),
            "{d}"
        );
    }
    // Without the intent: no execution event; the next thing seen is the clean post.
    let mut ws = session(&sandbox, intents::GUILD_MESSAGES).await;
    let _ = driver.post(ada, channel, text).unwrap_err();
    driver.post(ada, channel, "clean").expect("post");
    assert_eq!(next_dispatch(&mut ws).await["t"], "MESSAGE_CREATE");
}
