//! Quiet hours: local times when no prompt may arrive.

use std::fmt;

use chrono::{NaiveDateTime, NaiveTime};

use super::LocalTime;

/// The longest quiet hours allowed. Prompts need somewhere to go, and the cap keeps a deferred
/// occurrence before the next day's one even when a DST jump lands a time inside the window.
pub const MAX_QUIET_HOURS: i64 = 16;

/// Local times when no prompt may arrive, `start` inclusive to `end` exclusive; the window may
/// wrap midnight (22:00–07:00) and lasts at most [`MAX_QUIET_HOURS`] hours.
///
/// The rule: an occurrence whose local time falls inside the window is *deferred* to the end of
/// the window, never skipped, and keeps its occurrence key (its scheduled local date). For a
/// wrapping window, a time after `start` moves to `end` on the next calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QuietHours {
    start: LocalTime,
    end: LocalTime,
}

impl QuietHours {
    /// Fails when `start == end` (no window, or the whole day) or when the window is longer
    /// than [`MAX_QUIET_HOURS`].
    pub fn new(start: LocalTime, end: LocalTime) -> Result<Self, String> {
        if start == end {
            return Err(format!(
                "quiet hours must start and end at different times (both are {start})"
            ));
        }
        let minutes = (end.time() - start.time())
            .num_minutes()
            .rem_euclid(24 * 60);
        if minutes > MAX_QUIET_HOURS * 60 {
            return Err(format!(
                "quiet hours can last at most {MAX_QUIET_HOURS} hours ({start}-{end} is {}h{:02})",
                minutes / 60,
                minutes % 60
            ));
        }
        Ok(QuietHours { start, end })
    }

    pub fn start(self) -> LocalTime {
        self.start
    }

    pub fn end(self) -> LocalTime {
        self.end
    }

    fn wraps_midnight(self) -> bool {
        self.start > self.end
    }

    /// Whether a local wall-clock time is inside the window.
    pub fn contains(self, time: NaiveTime) -> bool {
        let (start, end) = (self.start.time(), self.end.time());
        if self.wraps_midnight() {
            time >= start || time < end
        } else {
            start <= time && time < end
        }
    }

    /// Moves a local date-time inside the window to the window's end; others are unchanged.
    pub fn defer(self, local: NaiveDateTime) -> NaiveDateTime {
        if !self.contains(local.time()) {
            return local;
        }
        let date = if self.wraps_midnight() && local.time() >= self.start.time() {
            local.date().succ_opt().unwrap_or(local.date())
        } else {
            local.date()
        };
        date.and_time(self.end.time())
    }
}

impl fmt::Display for QuietHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn hm(h: u32, m: u32) -> LocalTime {
        LocalTime::new(h, m).unwrap()
    }

    #[test]
    fn quiet_hours_must_have_a_length() {
        assert!(QuietHours::new(hm(8, 0), hm(8, 0)).is_err());
    }

    #[test]
    fn quiet_hours_last_at_most_sixteen_hours() {
        assert!(QuietHours::new(hm(20, 0), hm(12, 0)).is_ok());
        let err = QuietHours::new(hm(20, 0), hm(12, 1)).unwrap_err();
        assert!(err.contains("16 hours") && err.contains("16h01"), "{err}");
        assert!(QuietHours::new(hm(1, 0), hm(18, 0)).is_err());
    }

    #[test]
    fn quiet_hours_within_a_day_defer_to_their_end() {
        let quiet = QuietHours::new(hm(12, 0), hm(14, 0)).unwrap();
        let at = |h, m| date(2026, 5, 5).and_hms_opt(h, m, 0).unwrap();
        assert_eq!(quiet.defer(at(12, 0)), at(14, 0), "start is inside");
        assert_eq!(quiet.defer(at(13, 59)), at(14, 0));
        assert_eq!(quiet.defer(at(14, 0)), at(14, 0), "end is outside");
        assert_eq!(quiet.defer(at(11, 59)), at(11, 59));
    }

    #[test]
    fn quiet_hours_wrapping_midnight_defer_to_the_next_morning() {
        let quiet = QuietHours::new(hm(22, 0), hm(7, 0)).unwrap();
        let day = date(2026, 5, 5);
        let late = day.and_hms_opt(23, 30, 0).unwrap();
        let early = day.and_hms_opt(6, 0, 0).unwrap();
        assert_eq!(
            quiet.defer(late),
            date(2026, 5, 6).and_hms_opt(7, 0, 0).unwrap()
        );
        assert_eq!(quiet.defer(early), day.and_hms_opt(7, 0, 0).unwrap());
        assert!(!quiet.contains(NaiveTime::from_hms_opt(12, 0, 0).unwrap()));
        assert_eq!(quiet.to_string(), "22:00-07:00");
    }
}
