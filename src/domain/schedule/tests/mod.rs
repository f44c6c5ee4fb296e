//! Behaviour tests of whole schedules: DST walks over 2026–2030, skipping, quiet hours, other
//! zones, catch-up after downtime, and the shipped bank-holiday data against its rules.

mod catch_up;
mod dst;
mod holiday_rules;
mod skipping;
mod zones;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::*;

pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub(super) fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

pub(super) fn at(h: u32, m: u32) -> LocalTime {
    LocalTime::new(h, m).unwrap()
}

/// A schedule in `tz` that skips no bank holidays, so DST tests see every date.
pub(super) fn schedule(cadence: Cadence, time: LocalTime, tz: Tz) -> Schedule {
    Schedule {
        cadence,
        local_time: time,
        timezone: tz,
        region: BankHolidayRegion::None,
        ..Schedule::default()
    }
}

/// Follows `next_occurrence` from `from` while occurrences are due no later than `until`.
pub(super) fn walk(
    schedule: &Schedule,
    holidays: &BankHolidays,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Vec<Occurrence> {
    let mut found = Vec::new();
    let mut after = from;
    while let Some(occurrence) = next_occurrence(schedule, holidays, after) {
        if occurrence.due > until {
            break;
        }
        found.push(occurrence);
        after = occurrence.due;
    }
    found
}

/// The local dates from `first` to `last` inclusive that satisfy `keep`.
pub(super) fn dates_where(
    first: NaiveDate,
    last: NaiveDate,
    keep: impl Fn(NaiveDate) -> bool,
) -> Vec<NaiveDate> {
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| keep(*d))
        .collect()
}

pub(super) fn keys(occurrences: &[Occurrence]) -> Vec<NaiveDate> {
    occurrences.iter().map(|o| o.key.local_date()).collect()
}

pub(super) fn no_holidays() -> BankHolidays {
    BankHolidays::default()
}
