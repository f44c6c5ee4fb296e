//! # The sandbox: a local Discord-compatible workspace
//!
//! A REST API under `/api/v10` and a gateway websocket, each on a random port of 127.0.0.1, that
//! an **unmodified** serenity 0.12.5 / poise 0.7.1 client talks to, plus a [`Driver`] with which
//! tests and the demo act as users, read what the bot sent, and pull fault levers.
//!
//! ```text
//!   serenity/poise bot ──REST──► rest::router ─┐            ┌─◄── Driver (tests, demo):
//!        ▲                                     ├─► World ◄──┤     act as users, read replies,
//!        └──────────gateway ws─── gateway ◄────┘  (Mutex)   └─── faults, rate limits, counters
//! ```
//!
//! Point serenity at it with
//! `HttpBuilder::new(token).proxy(sandbox.api_base()).ratelimiter_disabled(true)` and
//! `ClientBuilder::new_with_http(http, intents)`; the proxy is ignored unless the rate limiter is
//! off, and `GET /gateway` then hands out [`Sandbox::gateway_url`] (`ws://127.0.0.1:PORT`, no
//! path, like Discord's; serenity's `Url` parsing adds the `/`, a raw websocket client must
//! connect to `{gateway_url}/?v=10` itself).
//!
//! ## Design
//! - [`state`] holds the whole world (users, guilds, channels incl. DMs and threads, messages,
//!   commands, interactions, the REST log, gateway sessions) behind one `std` mutex that is never
//!   held across an await. Every change bumps a `watch` counter so driver waits wake at once.
//! - The world lives as long as the [`Sandbox`], independent of any bot connection: a bot can be
//!   stopped and started, and what users wrote meanwhile stays readable through
//!   `GET /channels/{id}/messages` (backfill). Dispatches are not queued for new sessions (as on
//!   Discord), but each session keeps a replay buffer, so RESUME replays what it missed.
//! - Gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeat ACKs, RESUME → replay + RESUMED,
//!   increasing `s`; DMs and guild-less events to shard 0, guild events to
//!   `(guild_id >> 22) % num_shards`; intents filter events; guild messages lose their content
//!   without MESSAGE_CONTENT unless they mention the bot; privileged intents not allowed by
//!   [`SandboxConfig::privileged_intents`] close with 4014, a wrong token with 4004.
//! - REST: one middleware records every call ([`RestCall`]), checks `Authorization: Bot`, serves
//!   queued [`Fault`]s and the configurable rate limits (with Discord's headers), and parses JSON
//!   or multipart bodies. Unknown routes answer 404 code 0 and are flagged.
//! - Request bodies are checked against Discord's published OpenAPI description ([`openapi`],
//!   [`SandboxConfig::body_check`]): what the spec refuses gets Discord's 400 / 50035 and is
//!   listed by [`Driver::spec_refusals`].
//! - Discord rules emulated: snowflake ids, 2,000-character content and embed limits (50035),
//!   empty messages (50006), `nonce` + `enforce_nonce` dedupe, 403/50007 for users with DMs
//!   closed, private-thread access, ephemeral replies visible only to their user, the 3-second
//!   interaction deadline (10062), "already acknowledged" (40060), follow-ups for 15 minutes, the
//!   first follow-up after a defer filling the placeholder.
//! - AutoMod ([`automod`]): KEYWORD rules over `/guilds/{id}/auto-moderation/rules` with
//!   Discord's limits and errors; a member's post or edit through the driver that trips an
//!   enabled BLOCK_MESSAGE rule is not stored and answers [`DriverError::Blocked`] naming the
//!   rule; AUTO_MODERATION_ACTION_EXECUTION goes to sessions with that intent, its content
//!   blank without MESSAGE_CONTENT. Thread names are not screened (Discord does not).
//! - A deleted message keeps its record and who deleted it ([`MessageView::deleted_by`]), so
//!   transcripts can show what the bot removed.
//!
//! ## Not emulated
//! Permissions and roles beyond a single `@everyone` (everything is allowed), presences, voice,
//! guild member chunking, autocomplete, uploads by users (the driver only reads the bot's, with
//! [`Driver::attachment_bytes`]), message pins, polls, stickers, zlib compression, TLS (so
//! serenity's own rate limiter cannot be used against it), and
//! THREAD_MEMBERS_UPDATE / GUILD_MEMBER_* dispatches.

mod automod;
mod driver;
mod error;
mod faults;
mod gateway;
mod interactions;
mod messages;
mod openapi;
mod ratelimit;
mod render;
mod responses;
mod rest;
mod snowflake;
mod state;
mod threads;

use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;

use crate::clock::{Clock, SystemClock};
use tokio::task::JoinHandle;

pub use automod::AutoModBlock;
pub use driver::{
    ChannelView, Driver, DriverError, InteractionResponse, MessageFilter, MessageView, Modal,
    ModalField, Place,
};
pub use error::ApiError;
pub use faults::{Fault, route_matches};
pub use gateway::sessions::GatewayStats;
pub use gateway::sessions::intents;
pub use interactions::OptionValue;
pub use openapi::{BodyCheck, BodyCheckError};
pub use rest::template as route_template;
pub use state::RestCall;

/// How the workspace starts.
#[derive(Clone, Debug)]
pub struct SandboxConfig {
    /// The bot user's name.
    pub bot_name: String,
    /// The only token accepted (REST 401 and gateway 4004 otherwise); `None` accepts any.
    pub token: Option<String>,
    /// Sent in HELLO. Serenity re-identifies when an ack is missing after one interval.
    pub heartbeat_interval: Duration,
    /// The guild made at start.
    pub guild_name: String,
    /// Its text channels.
    pub channel_names: Vec<String>,
    /// Privileged intents "enabled in the developer portal"; asking for others closes with 4014.
    pub privileged_intents: u64,
    /// `shards` in `GET /gateway/bot`.
    pub recommended_shards: u64,
    /// Time to answer an interaction (Discord: 3 s).
    pub interaction_deadline: Duration,
    /// Time follow-ups work (Discord: 15 min).
    pub token_lifetime: Duration,
    /// What stamps snowflakes, message times, edits and joins. The testbed passes the clock the
    /// bot runs on, so the workspace and the bot never disagree about "now".
    pub clock: Arc<dyn Clock>,
    /// Checks every JSON (or `payload_json`) request body against Discord's OpenAPI spec and
    /// answers what it refuses with `400 / 50035`, as Discord would; `None` takes whatever the
    /// handlers can read. On by default: the spec is embedded and loads once per process.
    pub body_check: Option<Arc<BodyCheck>>,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            bot_name: "mindlines".into(),
            token: None,
            heartbeat_interval: Duration::from_millis(41_250),
            guild_name: "enhance".into(),
            channel_names: vec!["general".into(), "case-discussions".into()],
            privileged_intents: intents::PRIVILEGED,
            recommended_shards: 1,
            interaction_deadline: Duration::from_secs(3),
            token_lifetime: Duration::from_secs(15 * 60),
            clock: Arc::new(SystemClock),
            body_check: Some(BodyCheck::discord()),
        }
    }
}

/// A running workspace. Dropping it stops the servers.
pub struct Sandbox {
    shared: Arc<state::Shared>,
    tasks: Vec<JoinHandle<()>>,
}

impl Sandbox {
    /// Binds REST and gateway listeners on random loopback ports and starts serving.
    pub async fn start(config: SandboxConfig) -> std::io::Result<Self> {
        let rest_listener = TcpListener::bind("127.0.0.1:0").await?;
        let gateway_listener = TcpListener::bind("127.0.0.1:0").await?;
        let api_base = format!("http://{}", rest_listener.local_addr()?);
        let gateway_url = format!("ws://{}", gateway_listener.local_addr()?);
        let shared = state::Shared::new(config, api_base, gateway_url);
        let tasks = vec![
            serve(rest_listener, rest::router(shared.clone()), &shared),
            serve(gateway_listener, gateway::router(shared.clone()), &shared),
        ];
        Ok(Self { shared, tasks })
    }

    /// `http://127.0.0.1:PORT`, for `HttpBuilder::proxy`.
    pub fn api_base(&self) -> &str {
        &self.shared.api_base
    }

    /// `ws://127.0.0.1:PORT`, what `GET /gateway` answers.
    pub fn gateway_url(&self) -> &str {
        &self.shared.gateway_url
    }

    /// The handle tests and the demo use to act and observe.
    pub fn driver(&self) -> Driver {
        Driver::new(self.shared.clone())
    }

    /// Closes every gateway connection (1001), releases hung requests and stops serving.
    pub async fn shutdown(mut self) {
        self.stop();
        for task in self.tasks.drain(..) {
            let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
        }
    }

    fn stop(&self) {
        self.shared.shutdown.send_replace(true);
        self.shared.release_hangs.notify_waiters();
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.stop();
        for task in &self.tasks {
            task.abort();
        }
    }
}

fn serve(
    listener: TcpListener,
    router: axum::Router,
    shared: &Arc<state::Shared>,
) -> JoinHandle<()> {
    let mut shutdown = shared.shutdown.subscribe();
    tokio::spawn(async move {
        let stop = async move {
            let _ = shutdown.wait_for(|stopped| *stopped).await;
        };
        let _ = axum::serve(listener, router)
            .with_graceful_shutdown(stop)
            .await;
    })
}
