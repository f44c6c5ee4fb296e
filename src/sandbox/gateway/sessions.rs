//! Gateway sessions as the world sees them: which connection hosts which session, shard routing,
//! intent filtering, sequence numbers and the per-session replay buffer used by RESUME.
//!
//! A session outlives its connection (so RESUME can replay what it missed) until it is replaced
//! by a new IDENTIFY for the same shard or invalidated by a lever. Events are never queued for a
//! session that does not exist yet: like Discord, a fresh IDENTIFY starts from now.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::mpsc::UnboundedSender;

/// Gateway intent bits the sandbox looks at.
pub mod intents {
    pub const GUILDS: u64 = 1 << 0;
    pub const GUILD_MEMBERS: u64 = 1 << 1;
    pub const GUILD_MESSAGES: u64 = 1 << 9;
    pub const DIRECT_MESSAGES: u64 = 1 << 12;
    pub const MESSAGE_CONTENT: u64 = 1 << 15;
    pub const GUILD_PRESENCES: u64 = 1 << 8;
    pub const AUTO_MODERATION_CONFIGURATION: u64 = 1 << 20;
    pub const AUTO_MODERATION_EXECUTION: u64 = 1 << 21;
    /// The privileged intents a developer portal has to switch on.
    pub const PRIVILEGED: u64 = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT;
}

/// Most dispatches kept per session for RESUME.
const REPLAY_LIMIT: usize = 2_000;

/// What a connection task is told to do.
#[derive(Debug)]
pub(crate) enum ConnCmd {
    Send(Value),
    Close(u16, String),
}

pub(crate) struct Connection {
    pub tx: UnboundedSender<ConnCmd>,
    pub session: Option<String>,
}

pub(crate) struct Session {
    pub shard: (u64, u64),
    pub intents: u64,
    pub token: String,
    pub seq: u64,
    pub buffer: VecDeque<(u64, Value)>,
    pub conn: Option<u64>,
}

/// Counters a test can assert on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GatewayStats {
    /// Websocket connections accepted.
    pub connections: u64,
    /// Successful IDENTIFYs (new sessions).
    pub identifies: u64,
    /// Successful RESUMEs.
    pub resumes: u64,
    /// RESUMEs refused with op 9 because the session was unknown.
    pub failed_resumes: u64,
    /// Heartbeats received.
    pub heartbeats: u64,
    /// Dispatches sent (including replays).
    pub dispatches: u64,
    /// Connections currently open.
    pub open_connections: u64,
}

/// Which sessions get an event.
#[derive(Clone, Debug)]
pub(crate) struct Dispatch {
    pub name: &'static str,
    pub data: Value,
    pub guild_id: Option<u64>,
    /// Intent bits of which at least one is needed (0: always delivered).
    pub intent: u64,
    /// A guild message whose content is blanked without MESSAGE_CONTENT.
    pub gate_content: bool,
}

pub(crate) struct GatewayState {
    pub connections: HashMap<u64, Connection>,
    pub sessions: HashMap<String, Session>,
    pub stats: GatewayStats,
    pub withhold_acks: bool,
    pub heartbeat_interval: Duration,
    next_conn: u64,
}

impl GatewayState {
    pub(crate) fn new(heartbeat_interval: Duration) -> Self {
        Self {
            connections: HashMap::new(),
            sessions: HashMap::new(),
            stats: GatewayStats::default(),
            withhold_acks: false,
            heartbeat_interval,
            next_conn: 0,
        }
    }

    pub(crate) fn open(&mut self, tx: UnboundedSender<ConnCmd>) -> u64 {
        self.next_conn += 1;
        self.connections
            .insert(self.next_conn, Connection { tx, session: None });
        self.stats.connections += 1;
        self.stats.open_connections = self.connections.len() as u64;
        self.next_conn
    }

    /// Forgets a closed connection; its session stays resumable.
    pub(crate) fn close(&mut self, conn: u64) {
        if let Some(c) = self.connections.remove(&conn)
            && let Some(session) = c.session.and_then(|s| self.sessions.get_mut(&s))
        {
            session.conn = None;
        }
        self.stats.open_connections = self.connections.len() as u64;
    }

    /// Starts a session for `conn`, replacing any older session of the same shard.
    pub(crate) fn identify(
        &mut self,
        conn: u64,
        id: String,
        shard: (u64, u64),
        intents: u64,
        token: String,
    ) {
        let stale: Vec<String> = self
            .sessions
            .iter()
            .filter(|(_, s)| s.shard == shard)
            .map(|(k, _)| k.clone())
            .collect();
        for old in stale {
            self.invalidate(&old);
        }
        self.sessions.insert(
            id.clone(),
            Session {
                shard,
                intents,
                token,
                seq: 0,
                buffer: VecDeque::new(),
                conn: Some(conn),
            },
        );
        if let Some(c) = self.connections.get_mut(&conn) {
            c.session = Some(id);
        }
        self.stats.identifies += 1;
    }

    /// Forgets a session: it can no longer be resumed and gets no more events.
    pub(crate) fn invalidate(&mut self, id: &str) {
        if let Some(old) = self.sessions.remove(id).and_then(|s| s.conn)
            && let Some(c) = self.connections.get_mut(&old)
        {
            c.session = None;
        }
    }

    /// Attaches `conn` to a known session and replays what it missed after `seq`, then RESUMED.
    /// False if the session is unknown or the token differs.
    pub(crate) fn resume(&mut self, conn: u64, id: &str, seq: u64, token: &str) -> bool {
        let Some(session) = self.sessions.get_mut(id) else {
            return false;
        };
        if session.token != token {
            return false;
        }
        if let Some(old) = session.conn.replace(conn)
            && let Some(c) = self.connections.get_mut(&old)
        {
            c.session = None;
        }
        let Some(tx) = self.connections.get_mut(&conn).map(|c| {
            c.session = Some(id.to_owned());
            c.tx.clone()
        }) else {
            return false;
        };
        let missed: Vec<Value> = session
            .buffer
            .iter()
            .filter(|(s, _)| *s > seq)
            .map(|(_, f)| f.clone())
            .collect();
        self.stats.dispatches += missed.len() as u64;
        for frame in missed {
            let _ = tx.send(ConnCmd::Send(frame));
        }
        self.stats.resumes += 1;
        self.send_to_session(id, "RESUMED", json!({ "_trace": ["sandbox"] }));
        true
    }

    /// Sends one dispatch to one session (READY, GUILD_CREATE, RESUMED).
    pub(crate) fn send_to_session(&mut self, id: &str, name: &str, data: Value) {
        let Some(session) = self.sessions.get_mut(id) else {
            return;
        };
        session.seq += 1;
        let frame = json!({ "op": 0, "s": session.seq, "t": name, "d": data });
        session.buffer.push_back((session.seq, frame.clone()));
        if session.buffer.len() > REPLAY_LIMIT {
            session.buffer.pop_front();
        }
        if let Some(c) = session.conn.and_then(|c| self.connections.get(&c)) {
            let _ = c.tx.send(ConnCmd::Send(frame));
            self.stats.dispatches += 1;
        }
    }

    /// Routes a dispatch to every session whose shard and intents want it.
    pub(crate) fn dispatch(&mut self, event: &Dispatch, bot_id: u64) {
        let wanted: Vec<(String, Value)> = self
            .sessions
            .iter()
            .filter(|(_, s)| shard_wants(s.shard, event.guild_id))
            .filter(|(_, s)| event.intent == 0 || s.intents & event.intent != 0)
            .map(|(id, s)| (id.clone(), data_for(event, s.intents, bot_id)))
            .collect();
        for (id, data) in wanted {
            self.send_to_session(&id, event.name, data);
        }
    }

    /// Sends a raw frame (op 7, op 9) or a close to every open connection.
    pub(crate) fn broadcast(&mut self, make: impl Fn() -> ConnCmd) {
        for c in self.connections.values() {
            let _ = c.tx.send(make());
        }
    }
}

/// DMs and guild-less events go to shard 0; guild events to `(guild_id >> 22) % num_shards`.
pub(crate) fn shard_wants(shard: (u64, u64), guild_id: Option<u64>) -> bool {
    let total = shard.1.max(1);
    match guild_id {
        None => shard.0 == 0,
        Some(guild) => (guild >> 22) % total == shard.0,
    }
}

/// Blanks a guild message's content (or an AutoMod execution's `content` and
/// `matched_content`) for a session without MESSAGE_CONTENT, unless the bot wrote it or is
/// mentioned in it (as Discord does).
fn data_for(event: &Dispatch, intents: u64, bot_id: u64) -> Value {
    let mut data = event.data.clone();
    if !event.gate_content || intents & intents::MESSAGE_CONTENT != 0 {
        return data;
    }
    let by_bot = data["author"]["id"] == json!(bot_id.to_string());
    let mentioned = data["mentions"]
        .as_array()
        .is_some_and(|m| m.iter().any(|u| u["id"] == json!(bot_id.to_string())));
    if !by_bot && !mentioned {
        for (key, empty) in [
            ("content", json!("")),
            ("embeds", json!([])),
            ("attachments", json!([])),
            ("components", json!([])),
            ("matched_content", json!("")),
        ] {
            if data.get(key).is_some() {
                data[key] = empty;
            }
        }
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dms_go_to_shard_zero_and_guild_events_by_guild_id() {
        assert!(shard_wants((0, 2), None));
        assert!(!shard_wants((1, 2), None));
        let guild = 3u64 << 22;
        assert!(shard_wants((1, 2), Some(guild)));
        assert!(!shard_wants((0, 2), Some(guild)));
    }

    #[test]
    fn content_is_blank_without_the_intent_unless_the_bot_is_mentioned() {
        let event = Dispatch {
            name: "MESSAGE_CREATE",
            data: json!({ "content": "hi", "author": { "id": "5" }, "mentions": [], "embeds": [] }),
            guild_id: Some(1),
            intent: intents::GUILD_MESSAGES,
            gate_content: true,
        };
        assert_eq!(data_for(&event, intents::GUILD_MESSAGES, 9)["content"], "");
        assert_eq!(
            data_for(&event, intents::MESSAGE_CONTENT, 9)["content"],
            "hi"
        );
        let mut mentioned = event.clone();
        mentioned.data["mentions"] = json!([{ "id": "9" }]);
        assert_eq!(
            data_for(&mentioned, intents::GUILD_MESSAGES, 9)["content"],
            "hi"
        );
    }
}
