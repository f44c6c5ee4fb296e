//! Configurable rate limits with Discord's headers: a global budget per second and a per-route
//! budget per window (buckets keyed by route and major parameter, as Discord does). Off by default.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

#[derive(Debug, Default)]
pub(crate) struct RateLimits {
    global_per_sec: Option<u32>,
    per_route: Option<(u32, Duration)>,
    global_window: Option<(Instant, u32)>,
    buckets: HashMap<String, (Instant, u32)>,
}

/// The outcome of one call against the budgets.
#[derive(Debug, Default)]
pub(crate) struct Verdict {
    /// Headers to add to the answer (per-route budgets only).
    pub headers: Vec<(&'static str, String)>,
    /// `Some((retry_after, global))` when the call must get a 429.
    pub limited: Option<(Duration, bool)>,
}

impl RateLimits {
    pub(crate) fn set(&mut self, global_per_sec: Option<u32>, per_route: Option<(u32, Duration)>) {
        self.global_per_sec = global_per_sec;
        self.per_route = per_route;
        self.global_window = None;
        self.buckets.clear();
    }

    /// Counts one call to `bucket` (route plus major parameter) and says whether it may pass.
    /// Interaction callbacks are exempt from the global budget, as on Discord. Windows run on
    /// the monotonic `now` (they pace real calls); the `x-ratelimit-reset` instant is stated on
    /// the workspace's clock, `clock_now`, like every other time it gives out.
    pub(crate) fn check(
        &mut self,
        bucket: &str,
        now: Instant,
        clock_now: DateTime<Utc>,
    ) -> Verdict {
        let exempt = bucket.starts_with("POST /interactions/");
        if let Some(limit) = self.global_per_sec.filter(|_| !exempt) {
            let window = Duration::from_secs(1);
            let (start, used) = self.global_window.get_or_insert((now, 0));
            if now >= *start + window {
                (*start, *used) = (now, 0);
            }
            if *used >= limit {
                let retry = (*start + window).saturating_duration_since(now);
                return Verdict {
                    headers: Vec::new(),
                    limited: Some((retry, true)),
                };
            }
            *used += 1;
        }
        let Some((limit, window)) = self.per_route else {
            return Verdict::default();
        };
        let (start, used) = self.buckets.entry(bucket.to_owned()).or_insert((now, 0));
        if now >= *start + window {
            (*start, *used) = (now, 0);
        }
        let reset_after = (*start + window).saturating_duration_since(now);
        let limited = *used >= limit;
        if !limited {
            *used += 1;
        }
        let reset_at = clock_now
            + chrono::Duration::from_std(reset_after).unwrap_or_else(|_| chrono::Duration::zero());
        let epoch = reset_at.timestamp_millis() as f64 / 1000.0;
        let headers = vec![
            ("x-ratelimit-limit", limit.to_string()),
            ("x-ratelimit-remaining", (limit - *used).to_string()),
            ("x-ratelimit-reset", format!("{epoch:.3}")),
            (
                "x-ratelimit-reset-after",
                format!("{:.3}", reset_after.as_secs_f64()),
            ),
            ("x-ratelimit-bucket", bucket_hash(bucket)),
        ];
        Verdict {
            headers,
            limited: limited.then_some((reset_after, false)),
        }
    }
}

/// A stable opaque bucket id, like Discord's `x-ratelimit-bucket`.
fn bucket_hash(bucket: &str) -> String {
    // FNV-1a: stable across runs, unlike the std hasher.
    let hash = bucket.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock() -> DateTime<Utc> {
        DateTime::from_timestamp(2_000_000_000, 0).unwrap()
    }

    #[test]
    fn the_reset_instant_is_stated_on_the_workspace_clock() {
        let mut limits = RateLimits::default();
        limits.set(None, Some((2, Duration::from_millis(500))));
        let verdict = limits.check("a", Instant::now(), clock());
        assert!(
            verdict
                .headers
                .contains(&("x-ratelimit-reset", "2000000000.500".into()))
        );
    }

    #[test]
    fn per_route_budget_counts_down_then_limits_until_the_window_resets() {
        let mut limits = RateLimits::default();
        limits.set(None, Some((2, Duration::from_millis(100))));
        let now = Instant::now();
        let first = limits.check("a", now, clock());
        assert!(first.limited.is_none());
        assert!(
            first
                .headers
                .contains(&("x-ratelimit-remaining", "1".into()))
        );
        assert!(limits.check("a", now, clock()).limited.is_none());
        assert!(
            limits.check("b", now, clock()).limited.is_none(),
            "buckets are separate"
        );
        let (_, global) = limits
            .check("a", now, clock())
            .limited
            .expect("third call is limited");
        assert!(!global);
        assert!(
            limits
                .check("a", now + Duration::from_millis(150), clock())
                .limited
                .is_none()
        );
    }

    #[test]
    fn global_budget_is_per_second_across_routes() {
        let mut limits = RateLimits::default();
        limits.set(Some(1), None);
        let now = Instant::now();
        assert!(limits.check("a", now, clock()).limited.is_none());
        let (retry, global) = limits.check("b", now, clock()).limited.expect("limited");
        assert!(global && retry <= Duration::from_secs(1));
    }
}
