//! Bank holidays and pauses skip occurrences (never move them); quiet hours defer them.

use chrono::{Duration, Weekday};
use chrono_tz::Europe::London;

use super::*;

fn in_region(cadence: Cadence, region: BankHolidayRegion) -> Schedule {
    Schedule {
        cadence,
        region,
        ..Schedule::default()
    }
}

fn dates_in_2026(schedule: &Schedule) -> Vec<NaiveDate> {
    let holidays = BankHolidays::shipped();
    keys(&walk(
        schedule,
        &holidays,
        utc(2025, 12, 31, 12, 0),
        utc(2026, 12, 31, 23, 59),
    ))
}

#[test]
fn the_default_schedule_is_tuesdays_at_ten_in_london_skipping_english_holidays() {
    let schedule = Schedule::default();
    assert_eq!(schedule.cadence, Cadence::Weekly(Weekday::Tue));
    assert_eq!(schedule.local_time, at(10, 0));
    assert_eq!(schedule.timezone, London);
    assert_eq!(schedule.region, BankHolidayRegion::EnglandAndWales);
    let due = next_due(&schedule, &BankHolidays::shipped(), utc(2026, 6, 1, 0, 0));
    assert_eq!(due, Some(utc(2026, 6, 2, 9, 0)), "10:00 BST");
}

#[test]
fn good_friday_is_skipped_not_moved() {
    let dates = dates_in_2026(&in_region(
        Cadence::Weekly(Weekday::Fri),
        BankHolidayRegion::EnglandAndWales,
    ));
    assert!(dates.contains(&date(2026, 3, 27)) && dates.contains(&date(2026, 4, 10)));
    assert!(!dates.contains(&date(2026, 4, 3)));
    assert!(!dates.contains(&date(2026, 4, 4)) && !dates.contains(&date(2026, 4, 2)));
    assert!(!dates.contains(&date(2026, 12, 25)));
    assert_eq!(dates.len(), 52 - 2);
}

#[test]
fn monday_holidays_follow_the_members_region() {
    let mondays = |region| dates_in_2026(&in_region(Cadence::Weekly(Weekday::Mon), region));
    let england = mondays(BankHolidayRegion::EnglandAndWales);
    for skipped in [(4, 6), (5, 4), (5, 25), (8, 31), (12, 28)] {
        assert!(
            !england.contains(&date(2026, skipped.0, skipped.1)),
            "{skipped:?}"
        );
    }
    let scotland = mondays(BankHolidayRegion::Scotland);
    assert!(
        scotland.contains(&date(2026, 4, 6)),
        "no Easter Monday in Scotland"
    );
    assert!(scotland.contains(&date(2026, 8, 31)));
    assert!(!scotland.contains(&date(2026, 8, 3)) && !scotland.contains(&date(2026, 11, 30)));
    let northern_ireland = mondays(BankHolidayRegion::NorthernIreland);
    assert!(
        !northern_ireland.contains(&date(2026, 7, 13)),
        "the Boyne's substitute day"
    );
    assert_eq!(mondays(BankHolidayRegion::None).len(), 52);
}

#[test]
fn extra_configured_holidays_skip_too() {
    let schedule = in_region(Cadence::Weekly(Weekday::Tue), BankHolidayRegion::Scotland);
    let holidays =
        BankHolidays::shipped().with_extra(BankHolidayRegion::Scotland, [date(2026, 6, 2)]);
    assert_eq!(
        next_due(&schedule, &holidays, utc(2026, 6, 1, 0, 0)),
        Some(utc(2026, 6, 9, 9, 0))
    );
}

#[test]
fn a_leave_pause_skips_every_occurrence_inside_it_inclusive() {
    let mut schedule = Schedule::default();
    let leave = DateRange::new(date(2026, 12, 22), Some(date(2027, 1, 5))).unwrap();
    schedule.pauses.push(Pause::new(PauseKind::Leave, leave));
    let holidays = BankHolidays::shipped();
    let next = next_occurrence(&schedule, &holidays, utc(2026, 12, 16, 0, 0)).unwrap();
    assert_eq!(
        next.key.to_string(),
        "2027-01-12",
        "22 Dec, 29 Dec and 5 Jan are on leave"
    );
    assert_eq!(
        schedule.skip_reason(date(2026, 12, 29), &holidays),
        Some(SkipReason::Paused(PauseKind::Leave))
    );
}

#[test]
fn several_pauses_combine() {
    let mut schedule = schedule(Cadence::Weekly(Weekday::Wed), at(10, 0), London);
    schedule.pauses.push(Pause::new(
        PauseKind::Nights,
        DateRange::single_day(date(2026, 6, 3)),
    ));
    schedule.pauses.push(Pause::new(
        PauseKind::Other,
        DateRange::single_day(date(2026, 6, 10)),
    ));
    let next = next_occurrence(&schedule, &no_holidays(), utc(2026, 6, 1, 0, 0)).unwrap();
    assert_eq!(next.key.local_date(), date(2026, 6, 17));
}

#[test]
fn paused_until_further_notice_has_no_next_occurrence() {
    let mut schedule = Schedule::default();
    schedule.pauses.push(Pause::until_further_notice(
        PauseKind::Other,
        date(2026, 6, 1),
    ));
    let holidays = BankHolidays::shipped();
    assert_eq!(
        next_due(&schedule, &holidays, utc(2026, 5, 20, 0, 0)),
        Some(utc(2026, 5, 26, 9, 0))
    );
    assert_eq!(next_due(&schedule, &holidays, utc(2026, 5, 26, 9, 0)), None);
    let five_minutes_later = utc(2026, 6, 2, 9, 5);
    assert_eq!(
        occurrence_to_send(
            &schedule,
            &holidays,
            utc(2026, 5, 26, 9, 0),
            five_minutes_later,
            Duration::days(1)
        ),
        None
    );
}

#[test]
fn a_pause_longer_than_the_search_horizon_reads_as_nothing_due() {
    let mut schedule = Schedule::default();
    let long = DateRange::new(date(2026, 1, 1), Some(date(2029, 1, 1))).unwrap();
    schedule.pauses.push(Pause::new(PauseKind::Other, long));
    assert_eq!(
        next_due(&schedule, &no_holidays(), utc(2026, 1, 1, 0, 0)),
        None
    );
}

#[test]
fn a_holiday_is_reported_before_a_pause() {
    let mut schedule = Schedule::default();
    schedule.pauses.push(Pause::until_further_notice(
        PauseKind::Leave,
        date(2026, 1, 1),
    ));
    let reason = schedule.skip_reason(date(2026, 12, 25), &BankHolidays::shipped());
    assert_eq!(
        reason,
        Some(SkipReason::BankHoliday("Christmas Day".into()))
    );
}

#[test]
fn quiet_hours_defer_to_their_end_and_keep_the_key() {
    let mut schedule = schedule(Cadence::Weekly(Weekday::Tue), at(12, 30), London);
    schedule.quiet_hours = Some(QuietHours::new(at(12, 0), at(14, 0)).unwrap());
    let next = next_occurrence(&schedule, &no_holidays(), utc(2026, 6, 1, 0, 0)).unwrap();
    assert_eq!(
        (next.key.to_string().as_str(), next.due),
        ("2026-06-02", utc(2026, 6, 2, 13, 0))
    );
    schedule.local_time = at(10, 0);
    assert_eq!(
        next_due(&schedule, &no_holidays(), utc(2026, 6, 1, 0, 0)),
        Some(utc(2026, 6, 2, 9, 0))
    );
}

#[test]
fn wrapping_quiet_hours_defer_to_the_next_morning_judged_on_the_scheduled_date() {
    // Thursday 2 April 2026 at 23:00 is deferred to 07:00 on Good Friday and still sent; the
    // Good Friday occurrence itself is skipped.
    let mut schedule = Schedule {
        cadence: Cadence::Weekdays(ChosenWeekdays::every_day()),
        local_time: at(23, 0),
        quiet_hours: Some(QuietHours::new(at(22, 0), at(7, 0)).unwrap()),
        ..Schedule::default()
    };
    let holidays = BankHolidays::shipped();
    let thursday = next_occurrence(&schedule, &holidays, utc(2026, 4, 2, 12, 0)).unwrap();
    assert_eq!(
        (thursday.key.local_date(), thursday.due),
        (date(2026, 4, 2), utc(2026, 4, 3, 6, 0))
    );
    let after = next_occurrence(&schedule, &holidays, thursday.due).unwrap();
    assert_eq!(after.key.local_date(), date(2026, 4, 4));
    schedule.quiet_hours = None;
    assert_eq!(
        next_due(&schedule, &holidays, utc(2026, 4, 2, 12, 0)),
        Some(utc(2026, 4, 2, 22, 0))
    );
}

#[test]
fn occurrence_keys_are_local_dates_and_round_trip() {
    let key: OccurrenceKey = "2026-03-29".parse().unwrap();
    assert_eq!(key.local_date(), date(2026, 3, 29));
    assert_eq!(key.to_string(), "2026-03-29");
    assert!(
        "29/03/2026"
            .parse::<OccurrenceKey>()
            .unwrap_err()
            .contains("29/03/2026")
    );
}
