//! Discord-style snowflake ids: milliseconds since the Discord epoch in the top 42 bits, then a
//! worker, a process and an increment. Ids from one generator strictly increase, so message ids
//! order messages the way Discord's `before`/`after` paging expects.

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};

use crate::clock::Clock;

/// First second of 2015, Discord's epoch, in Unix milliseconds.
pub const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// Hands out strictly increasing snowflakes, stamped by the workspace's clock (the same clock
/// the bot runs on, so a message's time and the bot's "now" never disagree).
#[derive(Debug)]
pub(crate) struct Snowflakes {
    clock: Arc<dyn Clock>,
    last: u64,
}

impl Snowflakes {
    pub(crate) fn new(clock: Arc<dyn Clock>) -> Self {
        Self { clock, last: 0 }
    }

    /// The workspace's current instant.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The next id, stamped with the clock's current time (or just above the previous id when
    /// many are made in one millisecond).
    pub(crate) fn next(&mut self) -> u64 {
        let now_ms = u64::try_from(self.clock.now().timestamp_millis()).unwrap_or(DISCORD_EPOCH_MS);
        let stamped = (now_ms.saturating_sub(DISCORD_EPOCH_MS) << 22) | (1 << 17) | (1 << 12);
        self.last = stamped.max(self.last + 1);
        self.last
    }
}

/// The creation time encoded in a snowflake.
pub fn timestamp_of(id: u64) -> DateTime<Utc> {
    let ms = (id >> 22) + DISCORD_EPOCH_MS;
    Utc.timestamp_millis_opt(i64::try_from(ms).unwrap_or(i64::MAX))
        .single()
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// An RFC 3339 timestamp as Discord writes it (`2024-01-01T12:00:00.000000+00:00`).
pub(crate) fn iso(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::clock::SimulatedClock;

    #[test]
    fn ids_strictly_increase_and_carry_the_clocks_time() {
        let start = Utc.with_ymd_and_hms(2041, 3, 31, 0, 30, 0).unwrap();
        let clock = SimulatedClock::starting_at(start);
        let mut ids = Snowflakes::new(Arc::new(clock.clone()));
        let a = ids.next();
        let b = ids.next();
        assert!(b > a);
        assert_eq!(timestamp_of(b), start);
        clock.advance(chrono::Duration::days(400));
        assert_eq!(
            timestamp_of(ids.next()),
            start + chrono::Duration::days(400)
        );
    }
}
