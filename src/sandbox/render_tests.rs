//! Every JSON shape the sandbox produces, checked against serenity 0.12.5's own models.

use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use serenity::model::prelude::*;
use tokio::sync::mpsc;

use crate::sandbox::SandboxConfig;
use crate::sandbox::gateway::ready_value;
use crate::sandbox::gateway::sessions::{ConnCmd, intents};
use crate::sandbox::interactions::{
    COMMAND, COMPONENT, MODAL_SUBMIT, NewInteraction, OptionValue, command_data,
};
use crate::sandbox::messages::NewMessage;
use crate::sandbox::state::World;

fn parse<T: DeserializeOwned>(what: &str, value: &Value) -> T {
    serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{what} does not parse: {e}\n{value:#}"))
}

/// A world with one identified session whose frames we can read.
fn world_with_session(wanted: u64) -> (World, mpsc::UnboundedReceiver<ConnCmd>) {
    let mut w = World::new(&SandboxConfig::default());
    let (tx, rx) = mpsc::unbounded_channel();
    let conn = w.gateway.open(tx);
    w.gateway
        .identify(conn, "s1".into(), (0, 1), wanted, "t".into());
    (w, rx)
}

fn frames(rx: &mut mpsc::UnboundedReceiver<ConnCmd>) -> Vec<Value> {
    std::iter::from_fn(|| rx.try_recv().ok())
        .filter_map(|c| match c {
            ConnCmd::Send(v) => Some(v),
            ConnCmd::Close(..) => None,
        })
        .collect()
}

fn assert_events_parse(frames: &[Value]) -> Vec<String> {
    frames
        .iter()
        .map(|frame| {
            let event: GatewayEvent = parse(frame["t"].as_str().unwrap_or("frame"), frame);
            match event {
                GatewayEvent::Dispatch(_, Event::Unknown(u)) => panic!("unknown event {}", u.kind),
                GatewayEvent::Dispatch(..) => frame["t"].as_str().unwrap_or_default().to_owned(),
                other => panic!("not a dispatch: {other:?}"),
            }
        })
        .collect()
}

#[test]
fn ready_and_guild_create_parse() {
    let (mut w, mut rx) = world_with_session(intents::GUILDS);
    let ready = ready_value(&w, "s1", (0, 1), "ws://x");
    w.gateway.send_to_session("s1", "READY", ready);
    let guild = w.guilds.values().next().cloned().expect("a guild");
    let user = w.add_user("ada", false);
    let joined = w.now();
    w.guilds
        .get_mut(&guild.id)
        .expect("guild")
        .members
        .insert(user, joined);
    let channel = w.channels.keys().copied().min().expect("a channel");
    w.create_thread(channel, "case 1", 12, w.bot_id, None)
        .expect("thread");
    let guild = w.guilds.values().next().cloned().expect("a guild");
    let value = w.guild_create_value(&guild);
    w.gateway.send_to_session("s1", "GUILD_CREATE", value);
    let second = w.add_guild("second");
    w.announce_guild(second);
    let channel = w.add_text_channel(second, "new");
    w.announce_channel(channel);
    let names = assert_events_parse(&frames(&mut rx));
    assert_eq!(
        names,
        [
            "READY",
            "THREAD_CREATE",
            "GUILD_CREATE",
            "GUILD_CREATE",
            "CHANNEL_CREATE"
        ]
    );
    let _: PartialGuild = parse("guild", &w.guild_value(&guild));
}

#[test]
fn messages_and_their_events_parse() {
    let (mut w, mut rx) =
        world_with_session(intents::GUILDS | intents::GUILD_MESSAGES | intents::DIRECT_MESSAGES);
    let user = w.add_user("ada", false);
    let guild = *w.guilds.keys().next().expect("guild");
    let joined = w.now();
    w.guilds
        .get_mut(&guild)
        .expect("guild")
        .members
        .insert(user, joined);
    let dm = w.dm_channel(user);
    let channel = w
        .channels
        .values()
        .find(|c| c.guild_id.is_some())
        .map(|c| c.id)
        .expect("channel");
    let a = w.insert_message(NewMessage::text(dm, user, "hello"));
    let mut rich = NewMessage::text(channel, w.bot_id, "see <@1>");
    rich.embeds = vec![
        json!({ "title": "t", "description": "d", "color": 5, "fields": [{ "name": "n", "value": "v", "inline": false }] }),
    ];
    rich.components = vec![
        json!({ "type": 1, "components": [{ "type": 2, "style": 1, "label": "Go", "custom_id": "go" }] }),
    ];
    rich.nonce = Some(json!("n1"));
    let b = w.insert_message(rich);
    w.update_message(a, |m| m.content = "edited".into())
        .expect("edit");
    w.messages
        .get_mut(&b)
        .expect("b")
        .reactions
        .push("✅".into());
    w.delete_message(b, w.bot_id).expect("delete");
    let names = assert_events_parse(&frames(&mut rx));
    assert_eq!(
        names,
        [
            "MESSAGE_CREATE",
            "MESSAGE_CREATE",
            "MESSAGE_UPDATE",
            "MESSAGE_DELETE"
        ]
    );
    for id in [a, b] {
        let _: Message = parse("message", &w.message_value(&w.messages[&id]));
    }
    for channel in w.channels.values() {
        let _: Channel = parse("channel", &w.channel_value(channel));
    }
    let g = &w.guilds[&guild];
    let _: Member = parse("member", &w.member_value(g, user).expect("member"));
}

#[test]
fn interactions_parse_in_dms_and_guilds() {
    let (mut w, mut rx) = world_with_session(0);
    let user = w.add_user("ada", false);
    let guild = *w.guilds.keys().next().expect("guild");
    let joined = w.now();
    w.guilds
        .get_mut(&guild)
        .expect("guild")
        .members
        .insert(user, joined);
    let channel = w
        .channels
        .values()
        .find(|c| c.guild_id.is_some())
        .map(|c| c.id)
        .expect("channel");
    let dm = w.dm_channel(user);
    let command = json!({ "id": "77", "name": "case", "type": 1, "guild_id": null });
    let data = command_data(
        &w,
        &command,
        &["case", "open"],
        &[("who", OptionValue::User(user)), ("n", OptionValue::Int(3))],
        Some(guild),
    );
    w.create_interaction(NewInteraction {
        kind: COMMAND,
        user_id: user,
        channel_id: channel,
        data: data.clone(),
        source_message: None,
    })
    .expect("guild command");
    w.create_interaction(NewInteraction {
        kind: COMMAND,
        user_id: user,
        channel_id: dm,
        data,
        source_message: None,
    })
    .expect("dm command");
    let mut with_button = NewMessage::text(dm, w.bot_id, "pick");
    with_button.components = vec![
        json!({ "type": 1, "components": [{ "type": 2, "style": 1, "label": "Go", "custom_id": "go" }] }),
    ];
    let message = w.insert_message(with_button);
    let click = json!({ "custom_id": "go", "component_type": 2 });
    w.create_interaction(NewInteraction {
        kind: COMPONENT,
        user_id: user,
        channel_id: dm,
        data: click,
        source_message: Some(message),
    })
    .expect("click");
    let submit = json!({ "custom_id": "m", "components": [{ "type": 1, "components": [{ "type": 4, "custom_id": "f", "value": "text" }] }] });
    w.create_interaction(NewInteraction {
        kind: MODAL_SUBMIT,
        user_id: user,
        channel_id: channel,
        data: submit,
        source_message: None,
    })
    .expect("modal");
    let frames = frames(&mut rx);
    assert_eq!(assert_events_parse(&frames), ["INTERACTION_CREATE"; 4]);
    let event: GatewayEvent = parse("command", &frames[0]);
    let GatewayEvent::Dispatch(_, Event::InteractionCreate(create)) = event else {
        panic!("not an interaction")
    };
    let Interaction::Command(command) = create.interaction else {
        panic!("not a command")
    };
    assert_eq!(
        command.user.id.get(),
        user,
        "the member's user becomes the interaction user"
    );
    assert_eq!(command.data.options()[0].name, "open");
}

#[test]
fn replies_to_every_interaction_kind_parse() {
    use crate::sandbox::responses::Deadlines;
    let (mut w, mut rx) = world_with_session(intents::DIRECT_MESSAGES);
    let user = w.add_user("ada", false);
    let dm = w.dm_channel(user);
    let mut with_button = NewMessage::text(dm, w.bot_id, "pick");
    with_button.components = vec![
        json!({ "type": 1, "components": [{ "type": 2, "style": 1, "label": "Go", "custom_id": "go" }] }),
    ];
    let source = w.insert_message(with_button);
    let command = json!({ "id": "77", "name": "reflect", "type": 1 });
    let data = command_data(&w, &command, &["reflect"], &[], None);
    let limits = Deadlines {
        ack: std::time::Duration::from_secs(3),
        token: std::time::Duration::from_secs(60),
    };
    let new = |kind, data, source_message| NewInteraction {
        kind,
        user_id: user,
        channel_id: dm,
        data,
        source_message,
    };
    let slash = w
        .create_interaction(new(COMMAND, data, None))
        .expect("slash");
    let click = json!({ "custom_id": "go", "component_type": 2 });
    let clicked = w
        .create_interaction(new(COMPONENT, click, Some(source)))
        .expect("click");
    let submit = json!({ "custom_id": "m", "components": [] });
    let submitted = w
        .create_interaction(new(MODAL_SUBMIT, submit, Some(source)))
        .expect("submit");
    w.interactions
        .get_mut(&submitted)
        .expect("submitted")
        .parent = Some(clicked);
    for id in [slash, clicked, submitted] {
        let token = w.interactions[&id].token.clone();
        let reply = json!({ "type": 4, "data": { "content": "ok" } });
        w.interaction_callback(id, &token, &reply, limits)
            .expect("callback");
        let followup = w
            .create_followup(
                w.application_id,
                &token,
                &json!({ "content": "more" }),
                limits,
            )
            .expect("followup");
        let _: Message = parse("follow-up", &w.message_value(&w.messages[&followup]));
    }
    let names = assert_events_parse(&frames(&mut rx));
    assert_eq!(
        names.iter().filter(|n| *n == "MESSAGE_CREATE").count(),
        7,
        "{names:?}"
    );
}
