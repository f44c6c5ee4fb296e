//! The gateway watchdog. In serenity 0.12.5 a shard can wait forever for a close frame after a
//! failed resume (DISCORD.md), so the bot could look alive while hearing nothing. The watchdog
//! looks at every shard's connection stage; a shard that has not been connected for
//! [`STUCK_AFTER`] makes [`watch`] return, and the caller
//! restarts the client (a new process-level session, followed by backfill on READY).

use std::time::{Duration, Instant};

use poise::serenity_prelude as serenity;

/// How long a shard may be anything but connected before the bot is restarted.
pub const STUCK_AFTER: Duration = Duration::from_secs(180);
/// How often the shards are looked at.
pub const CHECK_EVERY: Duration = Duration::from_secs(15);

/// Remembers since when the bot has been without a connected shard.
#[derive(Debug, Default)]
pub struct Watchdog {
    unhealthy_since: Option<Instant>,
}

impl Watchdog {
    /// Records one look at the shards; returns true when the bot should be restarted.
    pub fn observe(&mut self, all_connected: bool, now: Instant) -> bool {
        if all_connected {
            self.unhealthy_since = None;
            return false;
        }
        let since = *self.unhealthy_since.get_or_insert(now);
        now.duration_since(since) >= STUCK_AFTER
    }
}

/// Returns when the gateway has been stuck (no connected shard) for [`STUCK_AFTER`]; never
/// returns while the bot is healthy.
pub async fn watch(manager: std::sync::Arc<serenity::ShardManager>) {
    let mut dog = Watchdog::default();
    loop {
        tokio::time::sleep(CHECK_EVERY).await;
        if dog.observe(all_shards_connected(&manager).await, Instant::now()) {
            return;
        }
    }
}

/// Whether every shard the manager runs is connected (and there is at least one).
pub async fn all_shards_connected(manager: &serenity::ShardManager) -> bool {
    let runners = manager.runners.lock().await;
    !runners.is_empty()
        && runners
            .values()
            .all(|r| r.stage == serenity::ConnectionStage::Connected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_reconnect_is_tolerated_but_a_stuck_shard_is_not() {
        let start = Instant::now();
        let mut dog = Watchdog::default();
        assert!(!dog.observe(false, start));
        assert!(!dog.observe(false, start + Duration::from_secs(60)));
        assert!(
            !dog.observe(true, start + Duration::from_secs(70)),
            "recovered: the clock resets"
        );
        assert!(!dog.observe(false, start + Duration::from_secs(80)));
        assert!(!dog.observe(false, start + Duration::from_secs(200)));
        assert!(dog.observe(false, start + Duration::from_secs(80) + STUCK_AFTER));
    }
}
