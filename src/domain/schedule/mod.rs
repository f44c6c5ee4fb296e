//! Per-member prompt schedules: when the next reflective prompt is due, and which single
//! occurrence to send after downtime. Pure rules; the caller passes `now` and the holiday lists.
//!
//! A [`Schedule`] is a rule, not a list of instants: a [`Cadence`] (weekly — Tuesday by
//! default — fortnightly, or chosen weekdays), a [`LocalTime`] (10:00 by default), an IANA
//! timezone (Europe/London by default), a [`BankHolidayRegion`] (England and Wales by default),
//! [`Pause`]s and optional [`QuietHours`]. Instants are computed from the rule each time, so a
//! member who moves zone or edits their time is never left with stale instants.
//!
//! ## Occurrences
//!
//! Each *local date* the cadence names is one occurrence, identified by an [`OccurrenceKey`]
//! (the local date, e.g. `2026-03-29`), which the store makes unique per member: whatever the
//! clocks do, one scheduled date is one prompt.
//!
//! - **Skipping.** An occurrence whose local date is a bank holiday in the member's region, or
//!   falls inside a pause (inclusive dates, possibly "until further notice"), is skipped — not
//!   moved to another day.
//! - **Quiet hours.** An occurrence whose wall-clock time (after the DST rule below) is inside
//!   the quiet hours is deferred to the end of the quiet hours (the next morning, for a window
//!   that wraps midnight). It keeps its key. Holidays and pauses are judged on the scheduled
//!   date, not the deferred one. Quiet hours last at most [`MAX_QUIET_HOURS`].
//!
//! ## DST: the missing hour and the doubled hour
//!
//! See [`resolve_local`]. A local time in the spring-forward gap (01:30 on the last Sunday of
//! March in London) is moved forward by the gap's length: 02:30 BST. A local time in the autumn
//! doubled hour (01:30 on the last Sunday of October) means the *earlier* instant, 01:30 BST;
//! the second 01:30 is not an occurrence. Tests walk every day of 2026–2030 in Europe/London.
//!
//! ## Searching
//!
//! [`next_due`] returns the first occurrence strictly after an instant, searching at most
//! [`SEARCH_HORIZON_DAYS`] ahead, so a schedule paused until further notice returns `None`
//! instead of looping.
//!
//! ## Calm catch-up after downtime
//!
//! [`occurrence_to_send`] returns at most **one** occurrence: the most recent one due after the
//! last sent (or the schedule's creation) and not after `now`, provided it is no older than
//! `max_lateness`. Older missed occurrences are dropped, never sent as a burst. While `now` is
//! inside the member's quiet hours nothing is sent; the late prompt (if still within the bound)
//! goes when the quiet hours end.

mod holidays;
mod next_due;
mod parse;
mod pause;
mod quiet;
mod resolve;
mod rule;
#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

pub use holidays::{BankHolidayRegion, BankHolidays, EXTRA_HOLIDAY_NAME};
pub use next_due::{
    Occurrence, OccurrenceKey, SEARCH_HORIZON_DAYS, next_due, next_occurrence, occurrence_to_send,
};
pub use parse::{
    parse_date_range, parse_local_time, parse_quiet_hours, parse_timezone, parse_weekdays,
};
pub use pause::{DateRange, Pause, PauseKind};
pub use quiet::{MAX_QUIET_HOURS, QuietHours};
pub use resolve::resolve_local;
pub use rule::{Cadence, ChosenWeekdays, LocalTime};

/// The zone a schedule uses unless the member chooses another.
pub const DEFAULT_TIMEZONE: Tz = chrono_tz::Europe::London;

/// One member's prompt schedule. Every field is valid on its own, so every value is a valid
/// schedule; the defaults are weekly on Tuesday at 10:00 Europe/London, skipping England and
/// Wales bank holidays, no pauses, no quiet hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub cadence: Cadence,
    pub local_time: LocalTime,
    pub timezone: Tz,
    pub region: BankHolidayRegion,
    pub pauses: Vec<Pause>,
    pub quiet_hours: Option<QuietHours>,
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule {
            cadence: Cadence::default(),
            local_time: LocalTime::default(),
            timezone: DEFAULT_TIMEZONE,
            region: BankHolidayRegion::default(),
            pauses: Vec::new(),
            quiet_hours: None,
        }
    }
}

/// Why a date the cadence names produces no prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    BankHoliday(String),
    Paused(PauseKind),
}

impl Schedule {
    /// Whether `date` (local) produces an occurrence: the cadence names it and it is neither a
    /// bank holiday in the member's region nor paused.
    pub fn is_scheduled_on(&self, date: NaiveDate, holidays: &BankHolidays) -> bool {
        self.cadence.falls_on(date) && self.skip_reason(date, holidays).is_none()
    }

    /// Why `date` is skipped, if it is; a bank holiday is reported before a pause.
    pub fn skip_reason(&self, date: NaiveDate, holidays: &BankHolidays) -> Option<SkipReason> {
        if let Some(name) = holidays.name(self.region, date) {
            return Some(SkipReason::BankHoliday(name.to_owned()));
        }
        self.pauses
            .iter()
            .find(|pause| pause.covers(date))
            .map(|pause| SkipReason::Paused(pause.kind))
    }

    /// The occurrence for a local date, whether or not the date is scheduled: the local time
    /// resolved to one instant by [`resolve_local`], then deferred past quiet hours if the
    /// wall clock would read inside them (judged after resolving, so a time pushed forward by
    /// a DST gap into the quiet hours is deferred too).
    pub fn occurrence_on(&self, date: NaiveDate) -> Occurrence {
        let mut due = resolve_local(self.timezone, date.and_time(self.local_time.time()));
        if let Some(quiet) = self.quiet_hours {
            let wall_clock = due.with_timezone(&self.timezone).naive_local();
            if quiet.contains(wall_clock.time()) {
                due = resolve_local(self.timezone, quiet.defer(wall_clock));
            }
        }
        Occurrence {
            key: OccurrenceKey::new(date),
            due,
        }
    }

    /// Whether `instant` falls inside the member's quiet hours, in their local time.
    pub fn is_quiet_at(&self, instant: DateTime<Utc>) -> bool {
        let local = instant.with_timezone(&self.timezone).time();
        self.quiet_hours.is_some_and(|quiet| quiet.contains(local))
    }

    /// The member's local date at `instant`.
    pub fn local_date(&self, instant: DateTime<Utc>) -> NaiveDate {
        instant.with_timezone(&self.timezone).date_naive()
    }
}
