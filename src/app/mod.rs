//! Use-cases shared by slash commands, jobs and the command line. Each takes the [`App`] (the
//! `Store`, the `Notifier`, the `Clock`, the prompt library) and authorises every read and
//! write against our own tables: a member can only ever reach their own deliveries and
//! evidence, and someone else's id gets the same answer as an unknown one.

pub mod backup;
pub mod cases;
pub mod checkins;
pub mod erasure;
pub mod error;
pub mod evidence;
pub mod followups;
pub mod form_entries;
pub mod inbox;
pub mod library;
pub mod members;
pub mod mydata;
pub mod notify;
pub mod outbound;
pub mod pacing;
pub mod portfolio;
pub mod privacy;
pub mod prompt_message;
pub mod reflect;
pub mod reflection;
pub mod retention;
pub mod roster;
pub mod safety;
pub mod schedules;
pub mod scheduling;
pub mod selection;
pub mod sending;
pub mod supervision;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use crate::clock::Clock;
use crate::config::DeliveryConfig;
use crate::domain::library::PromptLibrary;
use crate::domain::schedule::BankHolidays;
use crate::store::Store;
use notify::Notifier;
use pacing::PacedNotifier;
use retention::RetentionSettings;

/// How deliveries behave, from the `[delivery]` settings.
#[derive(Debug, Clone)]
pub struct DeliverySettings {
    /// A missed occurrence older than this is dropped rather than sent late.
    pub max_lateness: chrono::Duration,
    /// When to send the single reminder for an unanswered prompt; `None` = never.
    pub reminder_after: Option<chrono::Duration>,
    /// How long after a prompt a plain DM still counts as the answer to it.
    pub reply_window: chrono::Duration,
    /// Outgoing prompts per second.
    pub rate_per_second: u32,
}

impl From<&DeliveryConfig> for DeliverySettings {
    fn from(config: &DeliveryConfig) -> Self {
        DeliverySettings {
            max_lateness: chrono::Duration::hours(i64::from(config.max_lateness_hours)),
            reminder_after: (config.reminder_after_hours > 0)
                .then(|| chrono::Duration::hours(i64::from(config.reminder_after_hours))),
            reply_window: chrono::Duration::days(7),
            rate_per_second: config.rate_per_second.max(1),
        }
    }
}

/// Everything a use-case may need, shared by the bot, the jobs and the command line.
pub struct App {
    pub store: Arc<dyn Store>,
    pub library: Arc<PromptLibrary>,
    pub clock: Arc<dyn Clock>,
    pub notifier: Arc<dyn Notifier>,
    pub holidays: Arc<BankHolidays>,
    pub delivery: DeliverySettings,
    pub retention: RetentionSettings,
    /// When people not on the roster were last told how to join.
    pub join_hints: members::JoinHints,
    /// The safety screen's held text and risk count.
    pub safety: safety::Safety,
    /// The anonymisation guard's scanner, with the deployment's place names compiled in.
    pub pii: crate::domain::pii::Scanner,
    /// The deployment's place names (wards, hospitals, villages), for AutoMod too.
    pub case_places: Vec<String>,
    /// Woken when there is something to send now (e.g. `/reflect`), so the sender loop does
    /// not wait for its next tick.
    pub send_wanted: Notify,
}

impl App {
    pub fn new(
        store: Arc<dyn Store>,
        library: Arc<PromptLibrary>,
        clock: Arc<dyn Clock>,
        notifier: Arc<dyn Notifier>,
        delivery: DeliverySettings,
    ) -> App {
        // Every call to the platform takes a token from one bucket (see `pacing`).
        let notifier = Arc::new(PacedNotifier::new(notifier, delivery.rate_per_second));
        App {
            store,
            library,
            clock,
            notifier,
            holidays: Arc::new(BankHolidays::shipped()),
            delivery,
            retention: RetentionSettings::default(),
            safety: safety::Safety::default(),
            pii: crate::domain::pii::Scanner::new(&[]).expect("an empty place list compiles"),
            case_places: Vec::new(),
            join_hints: members::JoinHints::default(),
            send_wanted: Notify::new(),
        }
    }

    /// How long the sender waits between looking for work when nothing wakes it.
    pub const SEND_TICK: Duration = Duration::from_secs(15);
}
