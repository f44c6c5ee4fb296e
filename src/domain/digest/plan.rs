//! When a supervisor's weekly digest is due, and which week it is: one digest per supervisor and
//! ISO week, so the week's key is part of each queued digest's unique occurrence key.

use chrono::{DateTime, Datelike, Days, Duration, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use crate::domain::member::DiscordId;
use crate::domain::schedule::resolve_local;

/// What a digest covers: the seven days up to the moment it is built.
pub const WINDOW_DAYS: i64 = 7;
/// How far back "gaps" and the picture look: eight weeks.
pub const RECENT_WEEKS: i64 = 8;

/// A supervisor's weekly digest: the day and time in their timezone, and when the next is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestSubscription {
    pub supervisor: DiscordId,
    pub weekday: Weekday,
    pub local_time: NaiveTime,
    pub next_due: DateTime<Utc>,
}

impl DigestSubscription {
    /// The default: Monday 08:00, so the week just ended is there when the week starts.
    pub fn default_time() -> (Weekday, NaiveTime) {
        (
            Weekday::Mon,
            NaiveTime::from_hms_opt(8, 0, 0).expect("08:00"),
        )
    }
}

/// The first instant strictly after `after` that is `weekday` at `time` in `tz` (a time that a
/// DST change skips or repeats resolves as prompts do: see [`resolve_local`]).
pub fn next_digest_due(
    weekday: Weekday,
    time: NaiveTime,
    tz: Tz,
    after: DateTime<Utc>,
) -> DateTime<Utc> {
    let today = after.with_timezone(&tz).date_naive();
    // Eight days cover every weekday at least once after today, whatever the time.
    (0..=8u64)
        .filter_map(|n| today.checked_add_days(Days::new(n)))
        .filter(|date| date.weekday() == weekday)
        .map(|date| resolve_local(tz, date.and_time(time)))
        .find(|due| *due > after)
        .unwrap_or(after + Duration::weeks(1))
}

/// The ISO week a digest built at `at` belongs to, in the supervisor's timezone: `2026-W49`.
pub fn week_key(at: DateTime<Utc>, tz: Tz) -> String {
    let week = at.with_timezone(&tz).date_naive().iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

/// The seven days a digest built at `at` reports on: `[at − 7 days, at)`.
pub fn window_ending(at: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    (at - Duration::days(WINDOW_DAYS), at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn the_next_monday_at_eight_in_london_winter_and_summer() {
        let (day, time) = DigestSubscription::default_time();
        let tz = chrono_tz::Europe::London;
        // Wed 2 Dec 2026 → Mon 7 Dec 08:00 GMT.
        assert_eq!(
            next_digest_due(day, time, tz, utc(2026, 12, 2, 10, 0)),
            utc(2026, 12, 7, 8, 0)
        );
        // Monday 07:59 → the same morning; 08:00 exactly → a week later.
        assert_eq!(
            next_digest_due(day, time, tz, utc(2026, 12, 7, 7, 59)),
            utc(2026, 12, 7, 8, 0)
        );
        assert_eq!(
            next_digest_due(day, time, tz, utc(2026, 12, 7, 8, 0)),
            utc(2026, 12, 14, 8, 0)
        );
        // Summer time: 08:00 BST is 07:00 UTC.
        assert_eq!(
            next_digest_due(day, time, tz, utc(2027, 6, 2, 10, 0)),
            utc(2027, 6, 7, 7, 0)
        );
    }

    #[test]
    fn a_supervisor_elsewhere_gets_it_at_their_own_eight() {
        let (day, time) = DigestSubscription::default_time();
        let due = next_digest_due(day, time, chrono_tz::Asia::Kolkata, utc(2026, 12, 2, 10, 0));
        assert_eq!(due, utc(2026, 12, 7, 2, 30));
    }

    #[test]
    fn the_week_key_is_the_iso_week_in_the_supervisors_zone() {
        let tz = chrono_tz::Europe::London;
        assert_eq!(week_key(utc(2026, 12, 7, 8, 0), tz), "2026-W50");
        // Sunday 23:30 UTC is already Monday in Auckland.
        assert_eq!(week_key(utc(2026, 12, 6, 23, 30), tz), "2026-W49");
        assert_eq!(
            week_key(utc(2026, 12, 6, 23, 30), chrono_tz::Pacific::Auckland),
            "2026-W50"
        );
        // ISO years differ from calendar years at the turn of the year.
        assert_eq!(week_key(utc(2027, 1, 1, 12, 0), tz), "2026-W53");
    }
}
