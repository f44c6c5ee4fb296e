//! The simulated clock in the sandbox: `/time` moves it forward by hand; at a terminal it also
//! runs with real time between lines, so what you send is stamped when you sent it.

use std::time::Instant;

use anyhow::bail;
use chrono::Duration;

use crate::clock::Clock;
use crate::testbed::Testbed;

/// Moves the simulated clock on by the real time that passed since the last line, when a
/// person is typing. Scripted runs have no pacer, so they never depend on real time.
pub struct Pacer {
    since: Instant,
}

impl Pacer {
    /// A pacer counting from now.
    pub fn starting_now() -> Pacer {
        Pacer {
            since: Instant::now(),
        }
    }

    /// Advances `tb`'s clock by the real time since the previous call (or since start).
    pub fn catch_up(&mut self, tb: &Testbed) {
        let elapsed = self.since.elapsed();
        self.since = Instant::now();
        if let Ok(step) = Duration::from_std(elapsed) {
            tb.clock.advance(step);
        }
    }
}

/// How far `/time` was asked to move: `+2d`, `3h`, `+30m`.
pub fn parse_step(text: &str) -> anyhow::Result<Duration> {
    let text = text.trim();
    let now_hint = "the clock only moves forward: what already happened stays stamped with \
                    its time, so going back would make the story impossible; start a new \
                    sandbox to begin again";
    if text.starts_with('-') {
        bail!("{now_hint}");
    }
    let text = text.trim_start_matches('+');
    let (number, unit) = text.split_at(text.len().saturating_sub(1));
    let n: i64 = number
        .parse()
        .map_err(|_| anyhow::anyhow!("say how far, e.g. /time +2d, +3h or +30m"))?;
    let step = match unit {
        "d" => Duration::days(n),
        "h" => Duration::hours(n),
        "m" => Duration::minutes(n),
        _ => bail!("use d, h or m, e.g. /time +2d"),
    };
    if step <= Duration::zero() {
        bail!("{now_hint}");
    }
    Ok(step)
}

/// `/time STEP`: moves the clock in hour-sized steps, running the jobs at each, so every due
/// prompt goes out at its own time. `/time` alone shows the time.
pub async fn advance(tb: &Testbed, by: &str) -> anyhow::Result<()> {
    if !by.trim().is_empty() {
        let target = tb.clock.now() + parse_step(by)?;
        while tb.clock.now() < target {
            let next = (tb.clock.now() + Duration::hours(1)).min(target);
            tb.clock.set(next);
            tb.run_jobs().await?;
        }
    }
    println!("  the time is now {}", now_label(tb));
    Ok(())
}

/// The simulated time in London, as the transcript shows it.
pub fn now_label(tb: &Testbed) -> String {
    tb.clock
        .now()
        .with_timezone(&chrono_tz::Europe::London)
        .format("%a %d %b %H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_only_moves_forward() {
        assert_eq!(parse_step("+2d").unwrap(), Duration::days(2));
        assert_eq!(parse_step("30m").unwrap(), Duration::minutes(30));
        let back = parse_step("-1d").unwrap_err().to_string();
        assert!(back.starts_with("the clock only moves forward: "), "{back}");
        assert!(parse_step("+0h").is_err());
        assert!(
            parse_step("+2w")
                .unwrap_err()
                .to_string()
                .contains("use d, h or m")
        );
    }
}
