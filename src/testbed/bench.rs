//! `mindlines bench fanout`: one scheduled occurrence sent to N members through the local
//! workspace, with Discord's global limit (50 requests/s) switched on there. It prints the
//! delivered rate as a fraction of the configured rate, the 429s the workspace served, and REST
//! calls per prompt. Figures, not assertions: compare them as ratios within one run.

use std::time::Instant;

use chrono::Duration;

use super::{CohortMember, Testbed, TestbedOptions};
use crate::clock::Clock;
use crate::domain::member::DiscordId;
use crate::jobs;

/// What to measure.
#[derive(Debug, Clone)]
pub struct FanOutBench {
    pub members: usize,
    /// The configured `delivery.rate_per_second`.
    pub rate_per_second: u32,
    /// Cache every member's DM channel first, as after their first prompt.
    pub dm_channels_known: bool,
    /// The deployment's settings (the prompt library among them).
    pub config: crate::config::Config,
}

/// What was measured.
#[derive(Debug, Clone)]
pub struct FanOutFigures {
    pub delivered: usize,
    pub seconds: f64,
    pub delivered_per_second: f64,
    pub fraction_of_rate: f64,
    pub served_429s: u64,
    pub rest_calls: usize,
    pub rest_calls_per_prompt: f64,
}

/// Runs the fan-out once and returns its figures.
pub async fn run_fan_out(bench: &FanOutBench) -> anyhow::Result<FanOutFigures> {
    let mut config = bench.config.clone();
    config.delivery.rate_per_second = bench.rate_per_second;
    let cohort: Vec<CohortMember> = (0..bench.members)
        .map(|i| {
            CohortMember::new(
                &format!("m{i:05}"),
                &format!("Member {i}"),
                "nurse",
                "trainee",
            )
        })
        .collect();
    let options = TestbedOptions {
        cohort,
        ..TestbedOptions::demo_with(config)
    };
    let tb = Testbed::start(options).await?;
    if bench.dm_channels_known {
        for (_, id) in &tb.users {
            tb.store
                .save_dm_channel(DiscordId(*id), tb.driver.dm_channel(*id))
                .await?;
        }
    }
    tb.driver.set_rate_limits(Some(50), None);
    tb.clock.set(super::demo_start() + Duration::hours(26));
    // Record the deliveries first so the timing covers sending only.
    crate::app::scheduling::schedule_due_prompts(&tb.app, tb.clock.now()).await?;
    tb.driver.clear_rest_calls();
    let started = Instant::now();
    jobs::run_once(&tb.app, tb.clock.now()).await?;
    let seconds = started.elapsed().as_secs_f64();
    let figures = figures(&tb, bench, seconds);
    tb.shutdown().await;
    Ok(figures)
}

fn figures(tb: &Testbed, bench: &FanOutBench, seconds: f64) -> FanOutFigures {
    let bot = tb.driver.bot_user_id();
    let delivered = tb
        .driver
        .messages(&crate::sandbox::MessageFilter::any().by(bot))
        .iter()
        .filter(|m| !m.button_labels().is_empty())
        .count();
    let rest_calls = tb.driver.rest_calls().len();
    let delivered_per_second = delivered as f64 / seconds.max(f64::EPSILON);
    FanOutFigures {
        delivered,
        seconds,
        delivered_per_second,
        fraction_of_rate: delivered_per_second / f64::from(bench.rate_per_second),
        served_429s: tb.driver.served_429s(),
        rest_calls,
        rest_calls_per_prompt: rest_calls as f64 / delivered.max(1) as f64,
    }
}
