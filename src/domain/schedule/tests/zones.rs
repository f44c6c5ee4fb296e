//! Other zones (New York, Sydney, Lord Howe's half-hour shift) and a property test that
//! `next_due` finds the first occurrence after any instant.

use chrono::{Duration, LocalResult, NaiveTime, Weekday};
use chrono_tz::{America, Australia};
use proptest::prelude::*;

use super::*;

/// Checks each occurrence against the gap/overlap rule; returns (gaps, overlaps) seen.
fn assert_resolution_rule(tz: Tz, time: LocalTime, found: &[Occurrence]) -> (usize, usize) {
    let (mut gaps, mut overlaps) = (0, 0);
    for occurrence in found {
        let nominal = occurrence.key.local_date().and_time(time.time());
        match tz.from_local_datetime(&nominal) {
            LocalResult::Single(instant) => assert_eq!(occurrence.due, instant.with_timezone(&Utc)),
            LocalResult::Ambiguous(earlier, later) => {
                assert!(earlier < later);
                assert_eq!(occurrence.due, earlier.with_timezone(&Utc));
                overlaps += 1;
            }
            LocalResult::None => {
                let shown = occurrence.due.with_timezone(&tz).naive_local();
                assert_eq!(
                    shown,
                    nominal + Duration::hours(1),
                    "these zones jump an hour"
                );
                gaps += 1;
            }
        }
    }
    (gaps, overlaps)
}

fn five_years_daily(tz: Tz, time: LocalTime) -> Vec<Occurrence> {
    let schedule = schedule(Cadence::Weekdays(ChosenWeekdays::every_day()), time, tz);
    let found = walk(
        &schedule,
        &no_holidays(),
        utc(2026, 1, 1, 0, 0),
        utc(2031, 1, 1, 0, 0),
    );
    let first = found[0].key.local_date();
    assert_eq!(
        keys(&found),
        dates_where(
            first,
            first + Duration::days(found.len() as i64 - 1),
            |_| true
        )
    );
    found
}

#[test]
fn new_york_daily_prompts_cross_its_gaps_and_overlaps_once() {
    let (gaps, _) = assert_resolution_rule(
        America::New_York,
        at(2, 30),
        &five_years_daily(America::New_York, at(2, 30)),
    );
    assert_eq!(gaps, 5, "the second Sunday of March, 2026–2030");
    let (_, overlaps) = assert_resolution_rule(
        America::New_York,
        at(1, 30),
        &five_years_daily(America::New_York, at(1, 30)),
    );
    assert_eq!(overlaps, 5, "the first Sunday of November, 2026–2030");
}

#[test]
fn sydney_daily_prompts_cross_its_gaps_and_overlaps_once() {
    let found = five_years_daily(Australia::Sydney, at(2, 30));
    assert_eq!(
        assert_resolution_rule(Australia::Sydney, at(2, 30), &found),
        (5, 5)
    );
}

#[test]
fn sydney_weekly_sunday_0230_on_its_dst_sundays() {
    let schedule = schedule(Cadence::Weekly(Weekday::Sun), at(2, 30), Australia::Sydney);
    let holidays = no_holidays();
    // 2026-04-05: 03:00 AEDT → 02:00 AEST, so 02:30 happens twice; the earlier is AEDT (+11).
    assert_eq!(
        next_due(&schedule, &holidays, utc(2026, 4, 4, 0, 0)),
        Some(utc(2026, 4, 4, 15, 30))
    );
    // 2026-10-04: 02:00 AEST → 03:00 AEDT, so 02:30 becomes 03:30 AEDT.
    assert_eq!(
        next_due(&schedule, &holidays, utc(2026, 10, 3, 0, 0)),
        Some(utc(2026, 10, 3, 16, 30))
    );
}

#[test]
fn lord_howe_half_hour_gap_moves_forward_half_an_hour() {
    // Lord Howe Island goes from 02:00 +10:30 to 02:30 +11:00 on 2026-10-04.
    let schedule = schedule(
        Cadence::Weekly(Weekday::Sun),
        at(2, 15),
        Australia::Lord_Howe,
    );
    let due = next_due(&schedule, &no_holidays(), utc(2026, 10, 3, 0, 0)).unwrap();
    let shown = due.with_timezone(&Australia::Lord_Howe).time();
    assert_eq!(shown, NaiveTime::from_hms_opt(2, 45, 0).unwrap());
}

fn any_cadence() -> impl Strategy<Value = Cadence> {
    let weekday = (0u8..7).prop_map(|n| Weekday::try_from(n).unwrap());
    prop_oneof![
        weekday.clone().prop_map(Cadence::Weekly),
        (weekday, 0i64..30).prop_map(|(day, offset)| Cadence::fortnightly_from(
            day,
            date(2026, 1, 1) + Duration::days(offset)
        )),
        (1u8..128).prop_map(|bits| {
            let days = (0u8..7)
                .filter(|n| bits & (1 << n) != 0)
                .map(|n| Weekday::try_from(n).unwrap());
            Cadence::Weekdays(ChosenWeekdays::new(days.collect()).unwrap())
        }),
    ]
}

fn any_schedule() -> impl Strategy<Value = Schedule> {
    let zones = prop::sample::select(vec![
        chrono_tz::Europe::London,
        America::New_York,
        Australia::Sydney,
        Australia::Lord_Howe,
        chrono_tz::Asia::Kolkata,
    ]);
    let time = (0u32..24, 0u32..60).prop_map(|(h, m)| at(h, m));
    let quiet = proptest::option::of(
        (0u32..24, 0u32..24)
            .prop_filter_map("length", |(s, e)| QuietHours::new(at(s, 0), at(e, 0)).ok()),
    );
    (any_cadence(), time, zones, quiet).prop_map(|(cadence, time, tz, quiet_hours)| Schedule {
        quiet_hours,
        ..schedule(cadence, time, tz)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn next_due_is_the_first_occurrence_after_any_instant(schedule in any_schedule(), minutes in 0i64..(5 * 365 * 24 * 60)) {
        let holidays = no_holidays();
        let after = utc(2026, 1, 1, 0, 0) + Duration::minutes(minutes);
        let next = next_occurrence(&schedule, &holidays, after).unwrap();
        prop_assert!(next.due > after);
        prop_assert!(schedule.cadence.falls_on(next.key.local_date()));
        prop_assert_eq!(schedule.occurrence_on(next.key.local_date()), next);
        let start = schedule.local_date(after) - Duration::days(3);
        for day in start.iter_days().take_while(|d| *d < next.key.local_date()) {
            let skipped = !schedule.cadence.falls_on(day) || schedule.occurrence_on(day).due <= after;
            prop_assert!(skipped, "{} was due after {} but was passed over", day, after);
        }
    }

    #[test]
    fn the_next_occurrence_is_what_an_on_time_job_sends(schedule in any_schedule(), minutes in 0i64..(5 * 365 * 24 * 60)) {
        let holidays = no_holidays();
        let after = utc(2026, 1, 1, 0, 0) + Duration::minutes(minutes);
        let next = next_occurrence(&schedule, &holidays, after).unwrap();
        let lateness = Duration::hours(1);
        prop_assert_eq!(occurrence_to_send(&schedule, &holidays, after, next.due - Duration::seconds(1), lateness), None);
        prop_assert_eq!(occurrence_to_send(&schedule, &holidays, after, next.due, lateness), Some(next));
    }
}
