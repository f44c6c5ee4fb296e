//! `mindlines bench fanout`: prints delivery figures measured through the local workspace.

use std::process::ExitCode;

use crate::config::Config;
use crate::testbed::bench::{FanOutBench, run_fan_out};

pub async fn fan_out(
    config: &Config,
    members: usize,
    rate: Option<u32>,
    first_contact: bool,
) -> anyhow::Result<ExitCode> {
    let bench = FanOutBench {
        members,
        rate_per_second: rate.unwrap_or(config.delivery.rate_per_second),
        dm_channels_known: !first_contact,
        config: config.clone(),
    };
    eprintln!(
        "Sending one occurrence to {members} members at {} prompts/s ({}); the workspace enforces Discord's 50 requests/s…",
        bench.rate_per_second,
        if first_contact {
            "first contact: DM channels unknown"
        } else {
            "DM channels known"
        }
    );
    let f = run_fan_out(&bench).await?;
    println!("members                  {members}");
    println!("configured rate          {} /s", bench.rate_per_second);
    println!(
        "delivered                {} in {:.1} s",
        f.delivered, f.seconds
    );
    println!("delivered rate           {:.2} /s", f.delivered_per_second);
    println!("delivered ÷ configured   {:.3}", f.fraction_of_rate);
    println!("429s served              {}", f.served_429s);
    println!("REST calls               {}", f.rest_calls);
    println!("REST calls per prompt    {:.3}", f.rest_calls_per_prompt);
    Ok(ExitCode::SUCCESS)
}
