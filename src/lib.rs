//! # mindlines
//!
//! A reflective-practice companion bot for the NHS *enhance* programme. It sends clinicians in
//! training calm, scheduled prompts tied to the programme's six domains and four cross-cutting
//! themes, keeps their replies as portfolio evidence, runs anonymisation-guarded case discussions
//! and sends supervisors weekly digests.
//!
//! ## The shape
//!
//! ```text
//!  Discord event / timer ──► app:: use-case ──► domain:: rules + Store + Notifier ──► discord::
//! ```
//!
//! - [`domain`] — pure rules: curriculum catalogue, members, prompts and the prompt library,
//!   roster rows, schedules, prompt selection, wellbeing. No I/O, no serenity, no sqlx.
//! - [`app`] — use-cases that commands, jobs and the CLI share. They take a `Store`, a `Notifier`
//!   and a [`clock::Clock`], and authorise every read and write against our own tables.
//! - [`store`] — `trait Store` with business-named methods; SQLite (the embedded default) and
//!   PostgreSQL backends; row ↔ domain conversion lives there only.
//! - [`jobs`] — durable work: due-prompt scheduling, the outbox sender, inbox processing.
//! - [`discord`] — transport only: poise framework, thin slash commands, the Discord notifier.
//! - [`sandbox`] — a local Discord-compatible workspace (REST + gateway on loopback) that powers
//!   `mindlines demo`, `mindlines sandbox` and the end-to-end tests.
//! - [`compose`] — the one composition root: the `App` built from `Config`, for `run`, `demo`,
//!   `sandbox`, `bench` and the tests.
//! - [`config`], [`clock`], [`telemetry`], [`cli`] — settings, time as an input, logging, and
//!   the command line.
//!
//! The data path runs one way; `domain` imports nothing of the project but itself, and nothing
//! imports `discord` except the command line and sandbox-driven tests.

pub mod app;
pub mod charts;
pub mod cli;
pub mod clock;
pub mod compose;
pub mod config;
pub mod discord;
pub mod domain;
pub mod jobs;
pub mod sandbox;
pub mod store;
pub mod telemetry;
pub mod testbed;
