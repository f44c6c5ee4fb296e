//! Finding occurrences: the next one due, and the one (at most) to send after downtime.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Days, Duration, NaiveDate, Utc};

use super::{BankHolidays, Schedule};

/// How far ahead [`next_due`] looks, in days (two years). A schedule with nothing due in that
/// time is, for every practical purpose, paused.
pub const SEARCH_HORIZON_DAYS: u64 = 731;

/// The member-independent part of a delivery's unique key: the occurrence's scheduled local
/// date. `(member, key)` is unique in the store, so one scheduled date is one prompt even if
/// the due instant is computed twice, or after the member edits their time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OccurrenceKey(NaiveDate);

impl OccurrenceKey {
    pub fn new(local_date: NaiveDate) -> Self {
        OccurrenceKey(local_date)
    }

    pub fn local_date(self) -> NaiveDate {
        self.0
    }
}

impl fmt::Display for OccurrenceKey {
    /// `2026-03-29`: the form stored in the database.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl FromStr for OccurrenceKey {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(OccurrenceKey)
            .map_err(|_| format!("'{text}' is not an occurrence key (expected YYYY-MM-DD)"))
    }
}

/// One scheduled prompt: which local date it belongs to, and the instant it is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Occurrence {
    pub key: OccurrenceKey,
    pub due: DateTime<Utc>,
}

/// The occurrences on the local dates `first`, `first + 1`, … (`days` of them), in order.
/// Due instants rise with the date: the local time is the same every day, quiet hours defer
/// every day's time alike, and a DST shift (at most an hour or two) is far short of a day.
fn occurrences<'a>(
    schedule: &'a Schedule,
    holidays: &'a BankHolidays,
    first: NaiveDate,
    days: u64,
) -> impl Iterator<Item = Occurrence> + 'a {
    first
        .iter_days()
        .take(usize::try_from(days).unwrap_or(usize::MAX))
        .filter(move |date| schedule.is_scheduled_on(*date, holidays))
        .map(move |date| schedule.occurrence_on(date))
}

/// The first local date whose occurrence could be due at or after `instant`. Two days back:
/// one because quiet hours can carry an occurrence past midnight, one to spare.
fn first_candidate_date(schedule: &Schedule, instant: DateTime<Utc>) -> NaiveDate {
    let date = schedule.local_date(instant);
    date.checked_sub_days(Days::new(2)).unwrap_or(date)
}

/// The first occurrence due strictly after `after`, looking at most [`SEARCH_HORIZON_DAYS`]
/// ahead (`None` for a schedule paused until further notice, or paused for longer).
pub fn next_occurrence(
    schedule: &Schedule,
    holidays: &BankHolidays,
    after: DateTime<Utc>,
) -> Option<Occurrence> {
    let first = first_candidate_date(schedule, after);
    occurrences(schedule, holidays, first, SEARCH_HORIZON_DAYS + 3).find(|o| o.due > after)
}

/// The instant of the first occurrence due strictly after `after`; see [`next_occurrence`].
pub fn next_due(
    schedule: &Schedule,
    holidays: &BankHolidays,
    after: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    next_occurrence(schedule, holidays, after).map(|occurrence| occurrence.due)
}

/// Calm catch-up: the single occurrence to send now, if any.
///
/// It is the most recent occurrence due in `(last_sent_or_created, now]` that is no more than
/// `max_lateness` old; every older missed occurrence is dropped. Call it with the due instant
/// (or sending time) of the last prompt sent, or the schedule's creation time. Nothing is sent
/// while `now` is inside the member's quiet hours: the caller asks again later, and the late
/// prompt goes after the quiet hours if it is still within `max_lateness` by then.
pub fn occurrence_to_send(
    schedule: &Schedule,
    holidays: &BankHolidays,
    last_sent_or_created: DateTime<Utc>,
    now: DateTime<Utc>,
    max_lateness: Duration,
) -> Option<Occurrence> {
    if max_lateness < Duration::zero() || now <= last_sent_or_created || schedule.is_quiet_at(now) {
        return None;
    }
    let earlier = |by: Duration| {
        now.checked_sub_signed(by)
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    };
    let oldest = earlier(max_lateness);
    let horizon = earlier(Duration::days(SEARCH_HORIZON_DAYS as i64));
    let first = first_candidate_date(schedule, last_sent_or_created.max(oldest).max(horizon));
    let days = (schedule.local_date(now) - first).num_days() + 2;
    occurrences(schedule, holidays, first, days.unsigned_abs())
        .take_while(|o| o.due <= now)
        .filter(|o| o.due > last_sent_or_created && o.due >= oldest)
        .last()
}
