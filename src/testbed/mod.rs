//! The testbed: the local workspace ([`crate::sandbox`]), a real store and the real
//! serenity/poise bot wired together, with a simulated clock. `mindlines demo`,
//! `mindlines sandbox` and the end-to-end tests all stand on it, so what the demo shows is
//! exactly what the tests check.
//!
//! The cohort is imported through the real roster path (`app::roster`), with the Discord ids
//! the workspace gave its users. Jobs do not run on their own here: callers move the clock and
//! call [`Testbed::run_jobs`], so every step of a story happens at a known simulated time.

mod actions;
pub mod bench;
mod cohort;
pub mod demo;
mod demo_cases;
mod demo_checkins;
mod demo_followups;
mod demo_mydata;
mod demo_supervision;
pub mod digest_bench;
pub mod encryption_bench;
pub mod files;
pub mod repl;
pub mod transcript;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use chrono::{DateTime, Utc};

pub use cohort::{CohortMember, demo_cohort, demo_start, first_checkin, roster_csv};
pub use demo_supervision::first_digest;

use crate::app::App;
use crate::app::roster::import_roster;
use crate::clock::{Clock, SimulatedClock};
use crate::compose::build_app;
use crate::config::Config;
use crate::discord::{self, BotHandle};
use crate::jobs::{self, JobsReport};
use crate::sandbox::{Driver, Sandbox, SandboxConfig};
use crate::store::Store;

/// The token the bot presents to the workspace: fake on purpose, so nothing here can ever
/// reach the real Discord.
pub const SANDBOX_TOKEN: &str = "sandbox.not-a-real-token";
/// How long start-up (connect + register commands) may take.
pub const START_TIMEOUT: Duration = Duration::from_secs(30);

/// How to build a testbed.
#[derive(Debug, Clone)]
pub struct TestbedOptions {
    pub cohort: Vec<CohortMember>,
    /// The simulated time the story starts at.
    pub start: DateTime<Utc>,
    /// The deployment's settings, as `run` would use them; the testbed only points
    /// `discord.api_base` at its workspace and `database.url` at [`Self::database_url`].
    pub config: Config,
    /// `None`: a fresh SQLite file in a private temporary folder, removed afterwards.
    pub database_url: Option<String>,
    pub sandbox: SandboxConfig,
}

impl TestbedOptions {
    /// The demo cohort at the demo's start, with default settings.
    pub fn demo() -> TestbedOptions {
        TestbedOptions::demo_with(Config::default())
    }

    /// The demo cohort at the demo's start, with these settings.
    pub fn demo_with(config: Config) -> TestbedOptions {
        TestbedOptions {
            cohort: demo_cohort(),
            start: demo_start(),
            config,
            database_url: None,
            sandbox: SandboxConfig::default(),
        }
    }
}

/// A running workspace, store and bot.
pub struct Testbed {
    pub sandbox: Sandbox,
    pub driver: Driver,
    pub app: Arc<App>,
    pub clock: SimulatedClock,
    pub store: Arc<dyn Store>,
    /// Discord user ids by cohort handle (e.g. "alice").
    pub users: Vec<(String, u64)>,
    config: Config,
    bot: Option<BotHandle>,
    _db_dir: Option<tempfile::TempDir>,
}

impl Testbed {
    /// Starts the workspace, builds the app as production does, imports the cohort, starts
    /// the bot and waits until its commands are registered.
    pub async fn start(options: TestbedOptions) -> anyhow::Result<Testbed> {
        // One clock for the whole world: the workspace stamps messages with the bot's time.
        let clock = SimulatedClock::starting_at(options.start);
        let sandbox = Sandbox::start(SandboxConfig {
            clock: Arc::new(clock.clone()),
            ..options.sandbox.clone()
        })
        .await
        .context("starting the local workspace")?;
        let driver = sandbox.driver();
        let users = add_users(&driver, &options.cohort)?;
        let (db_url, db_dir) = database(&options.database_url)?;
        let mut config = options.config.clone();
        config.discord.api_base = sandbox.api_base().to_owned();
        config.database.url = db_url;
        let app = build_app(&config, Arc::new(clock.clone()), SANDBOX_TOKEN).await?;
        let store = app.store.clone();
        let csv = cohort::roster_csv(&options.cohort, &users);
        import_roster(&*store, &clock, &csv, None)
            .await
            .context("importing the cohort")?;
        let mut testbed = Testbed {
            sandbox,
            driver,
            app,
            clock,
            store,
            users,
            config,
            bot: None,
            _db_dir: db_dir,
        };
        testbed.start_bot().await?;
        // As the production job loop would on start-up: new trainees get their schedules now,
        // so their first prompt is the next occurrence after joining.
        testbed.run_jobs().await?;
        Ok(testbed)
    }

    /// Starts (or restarts) the bot and waits for its commands to be registered.
    pub async fn start_bot(&mut self) -> anyhow::Result<()> {
        let mut bot =
            discord::start_bot(&self.config.discord, self.app.clone(), SANDBOX_TOKEN).await?;
        bot.wait_registered(START_TIMEOUT).await?;
        self.bot = Some(bot);
        Ok(())
    }

    /// Stops the bot; the workspace keeps running and keeps what users write meanwhile.
    pub async fn stop_bot(&mut self) {
        if let Some(bot) = self.bot.take() {
            bot.stop().await;
        }
    }

    /// One pass of every job at the simulated now.
    pub async fn run_jobs(&self) -> anyhow::Result<JobsReport> {
        jobs::run_once(&self.app, self.clock.now()).await
    }

    /// The Discord id of a cohort member by handle.
    pub fn user(&self, handle: &str) -> u64 {
        self.users
            .iter()
            .find(|(h, _)| h == handle)
            .map(|(_, id)| *id)
            .unwrap_or_else(|| panic!("no cohort member '{handle}'"))
    }

    /// The handle of a Discord user id, for transcripts.
    pub fn handle_of(&self, id: u64) -> Option<&str> {
        self.users
            .iter()
            .find(|(_, u)| *u == id)
            .map(|(h, _)| h.as_str())
    }

    /// Every body the bot sent that Discord's OpenAPI spec refused (answered 400 / 50035), one
    /// line each: the call, its route and the spec's field errors. Empty when Discord would
    /// have taken everything.
    pub fn spec_refusals(&self) -> Vec<String> {
        self.driver
            .spec_refusals()
            .iter()
            .map(|call| {
                let errors = call.spec_errors.clone().unwrap_or_default();
                format!("#{} {}: {errors}", call.seq, call.route)
            })
            .collect()
    }

    /// Stops the bot and the workspace and closes the store.
    pub async fn shutdown(mut self) {
        self.stop_bot().await;
        self.store.close().await;
        self.sandbox.shutdown().await;
    }
}

fn add_users(driver: &Driver, cohort: &[CohortMember]) -> anyhow::Result<Vec<(String, u64)>> {
    let guild = driver.guild_id();
    let mut users = Vec::new();
    for member in cohort {
        let id = driver.add_user(&member.handle);
        driver
            .add_member(guild, id)
            .map_err(|e| anyhow::anyhow!("adding {}: {e}", member.handle))?;
        users.push((member.handle.clone(), id));
    }
    Ok(users)
}

fn database(url: &Option<String>) -> anyhow::Result<(String, Option<tempfile::TempDir>)> {
    match url {
        Some(url) => Ok((url.clone(), None)),
        None => {
            let dir = tempfile::tempdir()?;
            let path: &Path = &dir.path().join("mindlines.db");
            Ok((format!("sqlite://{}", path.display()), Some(dir)))
        }
    }
}
