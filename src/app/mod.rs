//! Use-cases shared by slash commands, jobs and the command line. Each takes the `Store`, the
//! `Notifier` and the `Clock` it needs, and authorises against our own tables.

pub mod library;
pub mod roster;
