//! Time as an input. Nothing in mindlines reads the wall clock directly: use-cases and jobs take
//! a [`Clock`], so tests and the demo can drive time by hand.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

/// A source of the current instant.
pub trait Clock: Send + Sync + std::fmt::Debug + 'static {
    fn now(&self) -> DateTime<Utc>;
}

/// The real clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to. Clones share the same time.
#[derive(Debug, Clone)]
pub struct SimulatedClock {
    now: Arc<Mutex<DateTime<Utc>>>,
}

impl SimulatedClock {
    pub fn starting_at(start: DateTime<Utc>) -> Self {
        SimulatedClock {
            now: Arc::new(Mutex::new(start)),
        }
    }

    /// Moves time forward by `by` and returns the new instant.
    pub fn advance(&self, by: Duration) -> DateTime<Utc> {
        let mut now = self.now.lock().expect("clock lock poisoned");
        *now += by;
        *now
    }

    /// Jumps to `to`; time never runs backwards, so an earlier instant is ignored.
    pub fn set(&self, to: DateTime<Utc>) {
        let mut now = self.now.lock().expect("clock lock poisoned");
        if to > *now {
            *now = to;
        }
    }
}

impl Clock for SimulatedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().expect("clock lock poisoned")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn simulated_clock_moves_only_forward_and_is_shared_by_clones() {
        let start = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let clock = SimulatedClock::starting_at(start);
        let other = clock.clone();
        clock.advance(Duration::hours(2));
        assert_eq!(other.now(), start + Duration::hours(2));
        clock.set(start);
        assert_eq!(clock.now(), start + Duration::hours(2));
    }
}
