//! The workspace's check of request bodies against Discord's OpenAPI description: bodies Discord
//! takes pass, bodies it refuses get its `400 / 50035` with the field named, both through
//! [`BodyCheck`] directly and through the REST API (answered and logged).

use std::time::{Duration, Instant};

use mindlines::sandbox::{BodyCheck, Sandbox, SandboxConfig};
use serde_json::{Value, json};

const MESSAGES: &str = "POST /channels/{id}/messages";
const CALLBACK: &str = "POST /interactions/{id}/{token}/callback";

fn button(label: &str) -> Value {
    json!({ "type": 2, "style": 1, "label": label, "custom_id": "prompt:1:reflect" })
}

fn good_message() -> Value {
    json!({
        "content": "Your weekly prompt",
        "components": [{ "type": 1, "components": [button("Reflect"), button("Skip")] }],
        "nonce": "8d1c2f",
        "enforce_nonce": true,
        "attachments": [{ "id": 0, "filename": "evidence.csv" }]
    })
}

fn text_input_row(n: usize) -> Value {
    json!({ "type": 1, "components": [{
        "type": 4, "custom_id": format!("field{n}"), "style": 2, "label": "What happened?",
        "required": true, "max_length": 4000
    }] })
}

fn modal(rows: usize) -> Value {
    json!({ "type": 9, "data": {
        "custom_id": "reflect:1", "title": "Reflection",
        "components": (0..rows).map(text_input_row).collect::<Vec<_>>()
    } })
}

/// The first `_errors` code at `path` in a 50035 answer.
fn code_at(body: &Value, path: &[&str]) -> Option<String> {
    let mut node = &body["errors"];
    for key in path {
        node = &node[*key];
    }
    node["_errors"][0]["code"].as_str().map(str::to_owned)
}

fn refused(route: &str, body: &Value) -> Value {
    let err = BodyCheck::discord()
        .check(route, body)
        .expect_err("the spec refuses this body");
    assert_eq!((err.status, err.code), (400, 50035), "{err}");
    json!({ "errors": err.errors })
}

#[test]
fn bodies_discord_takes_pass() {
    let check = BodyCheck::discord();
    check
        .check(MESSAGES, &good_message())
        .expect("a message with components, nonce and an upload placeholder");
    let ephemeral = json!({ "type": 4, "data": { "content": "Saved", "flags": 64 } });
    check
        .check(CALLBACK, &ephemeral)
        .expect("an ephemeral reply");
    check
        .check(CALLBACK, &modal(5))
        .expect("a modal of five rows");
    check
        .check(
            "PATCH /channels/{id}/messages/{id}",
            &json!({ "content": "edited" }),
        )
        .expect("an edit");
}

#[test]
fn a_button_label_of_81_characters_is_refused_at_the_label() {
    let mut body = good_message();
    body["components"][0]["components"][1] = button(&"x".repeat(81));
    let answer = refused(MESSAGES, &body);
    assert_eq!(
        code_at(&answer, &["components", "0", "components", "1", "label"]).as_deref(),
        Some("BASE_TYPE_MAX_LENGTH"),
        "{answer:#}"
    );
}

#[test]
fn content_as_a_number_is_refused_at_content() {
    let answer = refused(MESSAGES, &json!({ "content": 5 }));
    assert!(code_at(&answer, &["content"]).is_some(), "{answer:#}");
}

#[test]
fn an_unknown_callback_type_is_refused() {
    let answer = refused(
        CALLBACK,
        &json!({ "type": 42, "data": { "content": "hi" } }),
    );
    assert_eq!(
        code_at(&answer, &[]).as_deref(),
        Some("UNION_TYPE_CHOICES"),
        "{answer:#}"
    );
}

/// Discord's spec (see the README beside it) now allows up to 40 top-level components in a
/// modal, labels and text displays included, so six rows pass and 41 do not.
#[test]
fn a_modal_of_41_rows_is_refused_at_its_components_and_six_pass() {
    BodyCheck::discord()
        .check(CALLBACK, &modal(6))
        .expect("the spec's modal limit is 40 components");
    let answer = refused(CALLBACK, &modal(41));
    assert_eq!(
        code_at(&answer, &["data", "components"]).as_deref(),
        Some("BASE_TYPE_BAD_LENGTH"),
        "{answer:#}"
    );
}

#[test]
fn a_modal_title_of_46_characters_is_refused_at_the_title() {
    let mut body = modal(1);
    body["data"]["title"] = json!("t".repeat(46));
    let answer = refused(CALLBACK, &body);
    assert_eq!(
        code_at(&answer, &["data", "title"]).as_deref(),
        Some("BASE_TYPE_MAX_LENGTH"),
        "{answer:#}"
    );
}

#[test]
fn only_the_upload_placeholder_may_be_an_integer_id() {
    let answer = refused(MESSAGES, &json!({ "content": "hi", "sticker_ids": [7] }));
    assert!(
        code_at(&answer, &["sticker_ids", "0"]).is_some(),
        "{answer:#}"
    );
}

#[test]
fn routes_map_to_the_specs_operations() {
    let check = BodyCheck::discord();
    assert_eq!(
        check.schema_pointer(MESSAGES).as_deref(),
        Some(
            "#/paths/~1channels~1%7Bchannel_id%7D~1messages/post/requestBody/content/application~1json/schema"
        )
    );
    assert!(
        check
            .schema_pointer("PATCH /webhooks/{id}/{token}/messages/@original")
            .is_some_and(|p| p.contains("~1@original/patch"))
    );
    // No body in the spec, nothing to check; an unknown route is not ours to judge.
    assert_eq!(check.schema_pointer("GET /channels/{id}/messages"), None);
    assert_eq!(check.schema_pointer("POST /nowhere/{id}"), None);
    check
        .check("POST /nowhere/{id}", &json!({ "anything": 1 }))
        .expect("unchecked");
}

/// Figures for the report; prints, asserts nothing about time.
#[test]
fn timing() {
    let started = Instant::now();
    let check = BodyCheck::from_spec(include_str!("../src/sandbox/openapi/discord-openapi.json"))
        .expect("the spec loads");
    let loaded = started.elapsed();
    let started = Instant::now();
    check.check(MESSAGES, &good_message()).expect("passes");
    let first_message = started.elapsed();
    let started = Instant::now();
    check.check(CALLBACK, &modal(5)).expect("passes");
    let first_callback = started.elapsed();
    let started = Instant::now();
    let compiled = check.compile_all();
    let all = started.elapsed();
    let runs = 1000;
    let started = Instant::now();
    for _ in 0..runs {
        check.check(MESSAGES, &good_message()).expect("passes");
    }
    let per_message = started.elapsed() / runs;
    let started = Instant::now();
    for _ in 0..runs {
        check.check(CALLBACK, &modal(5)).expect("passes");
    }
    let per_callback = started.elapsed() / runs;
    println!(
        "spec load+index {loaded:?}; first create-message check (compile) {first_message:?}; \
         first callback check (compile) {first_callback:?}; compile all {compiled} operations \
         {all:?}; per check: create-message {per_message:?}, modal callback {per_callback:?}"
    );
    assert!(
        compiled > 50,
        "most JSON operations compile, got {compiled}"
    );
}

async fn post(sandbox: &Sandbox, path: &str, body: &Value) -> (u16, Value) {
    let res = reqwest::Client::new()
        .post(format!("{}/api/v10{path}", sandbox.api_base()))
        .header("Authorization", "Bot fake-token")
        .timeout(Duration::from_secs(5))
        .json(body)
        .send()
        .await
        .expect("request");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_workspace_answers_a_refused_body_with_50035_and_logs_it() {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("start");
    let driver = sandbox.driver();
    let channel = driver.channel_id("general").expect("general");
    let path = format!("/channels/{channel}/messages");

    let (status, _) = post(&sandbox, &path, &good_message()).await;
    assert_eq!(status, 200);
    let (status, body) = post(&sandbox, &path, &json!({ "content": 5 })).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["code"], 50035);
    assert_eq!(body["message"], "Invalid Form Body");
    assert!(body["errors"]["content"]["_errors"].is_array(), "{body}");

    let refused = driver.spec_refusals();
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0].status, 400);
    assert_eq!(refused[0].route, "POST /channels/{id}/messages");
    assert_eq!(refused[0].spec_errors.as_ref(), Some(&body["errors"]));
    // The refused message was never posted; the good one was.
    assert_eq!(driver.channel_messages(channel).len(), 1);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn with_the_check_off_the_workspace_takes_what_its_handlers_read() {
    let sandbox = Sandbox::start(SandboxConfig {
        body_check: None,
        ..SandboxConfig::default()
    })
    .await
    .expect("start");
    let channel = sandbox.driver().channel_id("general").expect("general");
    let label = "x".repeat(81);
    let mut body = good_message();
    body["components"][0]["components"][0] = button(&label);
    let (status, _) = post(&sandbox, &format!("/channels/{channel}/messages"), &body).await;
    assert_eq!(status, 200);
    assert!(sandbox.driver().spec_refusals().is_empty());
    sandbox.shutdown().await;
}
