//! Failures on demand: a queue of faults, each served to the next REST call(s) whose route
//! matches a pattern.
//!
//! Patterns match the templated route of a call (`POST /channels/{id}/messages`): the exact
//! route, the path alone (`/channels/{id}/messages`, any method), a prefix ending in `*`
//! (`POST /webhooks/*`), or `*` for every call.

use std::time::Duration;

/// What to do to a matching call instead of serving it.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// 429 with Discord's headers and body; `global` sets `x-ratelimit-global`.
    TooManyRequests { retry_after: Duration, global: bool },
    /// A bare 5xx (or any status) with a Discord-shaped body.
    ServerError(u16),
    /// Never answer (until [`crate::sandbox::Driver::release_hangs`], shutdown, or five minutes pass).
    Hang,
    /// 403 `{"message":"Cannot send messages to this user","code":50007}`.
    Forbidden50007,
}

#[derive(Debug)]
struct PendingFault {
    pattern: String,
    fault: Fault,
    remaining: u32,
}

#[derive(Debug, Default)]
pub(crate) struct FaultQueue {
    pending: Vec<PendingFault>,
}

impl FaultQueue {
    pub(crate) fn push(&mut self, pattern: &str, fault: Fault, times: u32) {
        if times > 0 {
            self.pending.push(PendingFault {
                pattern: pattern.to_owned(),
                fault,
                remaining: times,
            });
        }
    }

    /// The first queued fault matching `route`, used up by one.
    pub(crate) fn take(&mut self, route: &str) -> Option<Fault> {
        let index = self
            .pending
            .iter()
            .position(|p| route_matches(&p.pattern, route))?;
        let pending = &mut self.pending[index];
        pending.remaining -= 1;
        let fault = pending.fault.clone();
        if pending.remaining == 0 {
            self.pending.remove(index);
        }
        Some(fault)
    }

    pub(crate) fn clear(&mut self) {
        self.pending.clear();
    }
}

/// Whether a fault pattern applies to a templated route like `POST /channels/{id}/messages`.
pub fn route_matches(pattern: &str, route: &str) -> bool {
    let path = route.split_once(' ').map_or(route, |(_, p)| p);
    if let Some(prefix) = pattern.strip_suffix('*') {
        return route.starts_with(prefix) || path.starts_with(prefix);
    }
    pattern == route || pattern == path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_route_path_prefix_and_star() {
        let route = "POST /channels/{id}/messages";
        assert!(route_matches(route, route));
        assert!(route_matches("/channels/{id}/messages", route));
        assert!(route_matches("POST /channels/*", route));
        assert!(route_matches("*", route));
        assert!(!route_matches("GET /channels/{id}/messages", route));
    }

    #[test]
    fn a_fault_is_served_as_often_as_asked() {
        let mut queue = FaultQueue::default();
        queue.push("*", Fault::ServerError(502), 2);
        assert_eq!(queue.take("GET /users/@me"), Some(Fault::ServerError(502)));
        assert_eq!(queue.take("GET /users/@me"), Some(Fault::ServerError(502)));
        assert_eq!(queue.take("GET /users/@me"), None);
    }
}
