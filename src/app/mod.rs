//! Use-cases shared by slash commands, jobs and the command line. Each takes the `Store`, the
//! `Notifier` and the `Clock` it needs, and authorises against our own tables.

pub mod error;
pub mod library;
pub mod notify;
pub mod prompt_message;
pub mod roster;

use std::sync::Arc;

use crate::clock::Clock;
use crate::domain::library::PromptLibrary;
use notify::Notifier;

/// Everything a use-case may need, shared by the bot, the jobs and the command line.
pub struct App {
    pub library: Arc<PromptLibrary>,
    pub clock: Arc<dyn Clock>,
    pub notifier: Arc<dyn Notifier>,
}
