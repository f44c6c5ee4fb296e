//! Fault and rate-limit levers, and per-user settings.

use std::time::Duration;

use serde_json::json;

use super::{Driver, DriverError, Result};
use crate::sandbox::faults::Fault;
use crate::sandbox::gateway::sessions::ConnCmd;

impl Driver {
    /// Serves `fault` to the next REST call matching `pattern` (e.g. `POST /channels/{id}/messages`,
    /// `/webhooks/*`, `*`).
    pub fn fail_next(&self, pattern: &str, fault: Fault) {
        self.fail_times(pattern, fault, 1);
    }

    /// Serves `fault` to the next `times` matching calls.
    pub fn fail_times(&self, pattern: &str, fault: Fault, times: u32) {
        self.shared.with(|w| w.faults.push(pattern, fault, times));
    }

    pub fn clear_faults(&self) {
        self.shared.with(|w| w.faults.clear());
    }

    /// Lets every hung request finish (with a 504).
    pub fn release_hangs(&self) {
        self.shared.release_hangs.notify_waiters();
    }

    /// `global_per_sec`: requests per second across all routes; `per_route`: requests per window
    /// per route and major parameter. `None` lifts a limit.
    pub fn set_rate_limits(&self, global_per_sec: Option<u32>, per_route: Option<(u32, Duration)>) {
        self.shared
            .with(|w| w.limits.set(global_per_sec, per_route));
    }

    /// Closes every gateway connection with `code`. 4000-class codes other than 4004, 4009-4014
    /// keep sessions resumable; those ones (and 1000) invalidate them, as Discord would.
    pub fn close_gateway(&self, code: u16) {
        let resumable = matches!(
            code,
            1001 | 1006 | 4000 | 4001 | 4002 | 4003 | 4005 | 4007 | 4008
        );
        self.shared.with(|w| {
            w.gateway
                .broadcast(|| ConnCmd::Close(code, format!("sandbox close {code}")));
            if !resumable {
                let ids: Vec<String> = w.gateway.sessions.keys().cloned().collect();
                ids.iter().for_each(|id| w.gateway.invalidate(id));
            }
        });
    }

    /// Sends op 7 RECONNECT to every connection.
    pub fn send_reconnect(&self) {
        self.shared.with(|w| {
            w.gateway
                .broadcast(|| ConnCmd::Send(json!({ "op": 7, "d": null })))
        });
    }

    /// Sends op 9 INVALID_SESSION; not resumable forgets the sessions.
    pub fn send_invalid_session(&self, resumable: bool) {
        self.shared.with(|w| {
            w.gateway
                .broadcast(|| ConnCmd::Send(json!({ "op": 9, "d": resumable })));
            if !resumable {
                let ids: Vec<String> = w.gateway.sessions.keys().cloned().collect();
                ids.iter().for_each(|id| w.gateway.invalidate(id));
            }
        });
    }

    /// Stops (or resumes) answering heartbeats with op 11.
    pub fn withhold_heartbeat_acks(&self, withhold: bool) {
        self.shared.with(|w| w.gateway.withhold_acks = withhold);
    }

    /// A user with DMs closed makes the bot's sends to their DM channel fail with 403/50007.
    pub fn set_dms_closed(&self, user: u64, closed: bool) -> Result<()> {
        self.shared.with(|w| {
            let u = w
                .users
                .get_mut(&user)
                .ok_or_else(|| DriverError::NotFound(format!("user {user}")))?;
            u.dms_closed = closed;
            Ok(())
        })
    }
}
