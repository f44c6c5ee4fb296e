//! `mindlines bench fanout` and `mindlines bench digests`: delivery figures measured through
//! the local workspace, and the weekly digests built from a year of evidence.

use std::process::ExitCode;

use crate::config::Config;
use crate::testbed::bench::{FanOutBench, run_fan_out};
use crate::testbed::digest_bench::{DigestBench, run_digest_bench};

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

pub async fn digests(
    supervisors: usize,
    trainees: usize,
    weeks: u32,
    database: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let dir = tempfile::tempdir()?;
    let url = match database {
        Some(url) => url.to_owned(),
        None => format!("sqlite://{}", dir.path().join("bench.db").display()),
    };
    // A throwaway master key: the benchmark's database is thrown away too.
    let key_file = dir.path().join("bench.key");
    crate::store::MasterKey::generate().write_new(&key_file)?;
    let store = crate::store::open(&url, Some(&key_file)).await?;
    let bench = DigestBench {
        supervisors,
        trainees_per_supervisor: trainees,
        weeks_of_evidence: weeks,
        picture_sample: 20,
    };
    eprintln!(
        "Seeding {supervisors} supervisors × {trainees} trainees with {weeks} weeks of evidence on {}…",
        store.backend()
    );
    let f = run_digest_bench(store.clone(), &bench).await?;
    store.close().await;
    println!("backend                  {}", f.backend);
    println!(
        "entries seeded           {} in {:.1} s",
        f.entries, f.seed_seconds
    );
    println!(
        "digests built            {} ({} supervisee sections)",
        f.digests, f.sections
    );
    println!("time for all             {:.3} s", f.seconds);
    println!("digests per second       {:.0}", f.digests_per_second);
    println!(
        "picture, per digest      {:.1} ms (drawn apart, on a sample)",
        f.picture_ms
    );
    println!("full scans of evidence   {}", f.evidence_scans.len());
    println!("query plans:");
    for line in &f.plan {
        println!("  {line}");
    }
    Ok(ExitCode::SUCCESS)
}

/// `mindlines bench encryption`.
pub async fn encryption(rounds: usize, entries: usize) -> anyhow::Result<ExitCode> {
    use crate::testbed::encryption_bench::run_encryption_bench;
    eprintln!("Writing and reading {rounds} × {entries} entries on each store…");
    let f = run_encryption_bench(rounds, entries).await?;
    let rate = |d: std::time::Duration| f.entries as f64 / d.as_secs_f64();
    println!("entries per store        {}", f.entries);
    println!(
        "write, sealed            {:.0} entries/s",
        rate(f.write_sealed)
    );
    println!(
        "write, plain             {:.0} entries/s",
        rate(f.write_plain)
    );
    println!(
        "read, sealed             {:.0} entries/s",
        rate(f.read_sealed)
    );
    println!(
        "read, plain              {:.0} entries/s",
        rate(f.read_plain)
    );
    println!("write ratio sealed/plain {:.2}", f.write_ratio());
    println!("read ratio sealed/plain  {:.2}", f.read_ratio());
    Ok(ExitCode::SUCCESS)
}
