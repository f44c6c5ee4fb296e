//! Europe/London, 2026–2030: exactly one occurrence per scheduled local date, through every
//! spring-forward gap and autumn doubled hour.

use chrono::{Datelike, Duration, NaiveTime, Weekday};
use chrono_tz::Europe::London;

use super::*;

/// The last Sundays of March (01:00 GMT → 02:00 BST), 2026–2030.
const SPRING_FORWARD: [(i32, u32, u32); 5] = [
    (2026, 3, 29),
    (2027, 3, 28),
    (2028, 3, 26),
    (2029, 3, 25),
    (2030, 3, 31),
];
/// The last Sundays of October (02:00 BST → 01:00 GMT), 2026–2030.
const FALL_BACK: [(i32, u32, u32); 5] = [
    (2026, 10, 25),
    (2027, 10, 31),
    (2028, 10, 29),
    (2029, 10, 28),
    (2030, 10, 27),
];

fn is_one_of(day: NaiveDate, list: &[(i32, u32, u32)]) -> bool {
    list.iter().any(|&(y, m, d)| date(y, m, d) == day)
}

fn five_years(schedule: &Schedule) -> Vec<Occurrence> {
    walk(
        schedule,
        &no_holidays(),
        utc(2025, 12, 31, 12, 0),
        utc(2030, 12, 31, 23, 59),
    )
}

/// Every date the cadence names appears once, in order, and the instants strictly rise.
fn assert_one_per_scheduled_date(schedule: &Schedule, found: &[Occurrence]) {
    let expected = dates_where(date(2026, 1, 1), date(2030, 12, 31), |d| {
        schedule.cadence.falls_on(d)
    });
    assert_eq!(keys(found), expected);
    assert!(found.windows(2).all(|pair| pair[0].due < pair[1].due));
}

/// 01:30 local, except 02:30 BST in the gap and the BST (earlier) 01:30 in the doubled hour.
fn assert_half_past_one_rule(found: &[Occurrence]) {
    for occurrence in found {
        let day = occurrence.key.local_date();
        let local = occurrence.due.with_timezone(&London).naive_local();
        let expected_time = if is_one_of(day, &SPRING_FORWARD) {
            (2, 30)
        } else {
            (1, 30)
        };
        assert_eq!(local.date(), day, "{occurrence:?}");
        assert_eq!(
            local.time(),
            NaiveTime::from_hms_opt(expected_time.0, expected_time.1, 0).unwrap()
        );
        if is_one_of(day, &FALL_BACK) {
            assert_eq!(
                occurrence.due,
                day.and_hms_opt(0, 30, 0).unwrap().and_utc(),
                "BST, the earlier"
            );
        }
    }
}

#[test]
fn the_listed_dst_dates_are_the_last_sundays_of_march_and_october() {
    for &(y, m, d) in SPRING_FORWARD.iter().chain(&FALL_BACK) {
        let day = date(y, m, d);
        assert_eq!(day.weekday(), Weekday::Sun);
        assert_eq!((day + Duration::days(7)).month(), m + 1);
    }
}

#[test]
fn weekly_sunday_0130_fires_once_every_sunday_2026_to_2030() {
    let schedule = schedule(Cadence::Weekly(Weekday::Sun), at(1, 30), London);
    let found = five_years(&schedule);
    assert_eq!(found.len(), 261);
    assert_one_per_scheduled_date(&schedule, &found);
    assert_half_past_one_rule(&found);
}

#[test]
fn daily_0130_fires_once_every_day_2026_to_2030() {
    let schedule = schedule(
        Cadence::Weekdays(ChosenWeekdays::every_day()),
        at(1, 30),
        London,
    );
    let found = five_years(&schedule);
    assert_eq!(found.len(), 1826);
    assert_one_per_scheduled_date(&schedule, &found);
    assert_half_past_one_rule(&found);
}

#[test]
fn ten_oclock_schedules_fire_at_ten_local_all_year() {
    let weekly = schedule(Cadence::default(), LocalTime::default(), London);
    let daily = schedule(
        Cadence::Weekdays(ChosenWeekdays::every_day()),
        at(10, 0),
        London,
    );
    for schedule in [weekly, daily] {
        let found = five_years(&schedule);
        assert_one_per_scheduled_date(&schedule, &found);
        for occurrence in &found {
            let local = occurrence.due.with_timezone(&London).naive_local();
            assert_eq!(
                local,
                occurrence.key.local_date().and_hms_opt(10, 0, 0).unwrap()
            );
        }
    }
}

#[test]
fn the_doubled_hour_at_0130_is_one_occurrence_at_the_earlier_instant() {
    let schedule = schedule(Cadence::Weekly(Weekday::Sun), at(1, 30), London);
    let holidays = no_holidays();
    assert_eq!(
        next_due(&schedule, &holidays, utc(2026, 10, 24, 23, 0)),
        Some(utc(2026, 10, 25, 0, 30))
    );
    // The second 01:30 (GMT, 01:30 UTC) is not an occurrence: next is a week later.
    assert_eq!(
        next_due(&schedule, &holidays, utc(2026, 10, 25, 0, 30)),
        Some(utc(2026, 11, 1, 1, 30))
    );
    assert_eq!(
        next_due(&schedule, &holidays, utc(2026, 10, 25, 1, 0)),
        Some(utc(2026, 11, 1, 1, 30))
    );
}

#[test]
fn the_missing_hour_at_0130_becomes_0230_bst() {
    let schedule = schedule(Cadence::Weekly(Weekday::Sun), at(1, 30), London);
    let due = next_due(&schedule, &no_holidays(), utc(2026, 3, 28, 12, 0)).unwrap();
    assert_eq!(due, utc(2026, 3, 29, 1, 30));
    assert_eq!(
        due.with_timezone(&London).time(),
        NaiveTime::from_hms_opt(2, 30, 0).unwrap()
    );
}

/// Plays the due-prompt job: tick every `step`, send what `occurrence_to_send` returns, and
/// remember the last due instant sent. Returns (occurrence, sent at).
fn tick(
    schedule: &Schedule,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    step: Duration,
) -> Vec<(Occurrence, DateTime<Utc>)> {
    let (holidays, mut last, mut now, mut sent) = (no_holidays(), from, from, Vec::new());
    while now <= until {
        if let Some(occurrence) =
            occurrence_to_send(schedule, &holidays, last, now, Duration::hours(6))
        {
            sent.push((occurrence, now));
            last = occurrence.due;
        }
        now += step;
    }
    sent
}

#[test]
fn a_job_ticking_every_ten_minutes_sends_each_daily_0130_prompt_once_2026_to_2030() {
    let schedule = schedule(
        Cadence::Weekdays(ChosenWeekdays::every_day()),
        at(1, 30),
        London,
    );
    let sent = tick(
        &schedule,
        utc(2025, 12, 31, 12, 0),
        utc(2030, 12, 31, 23, 59),
        Duration::minutes(10),
    );
    let found: Vec<Occurrence> = sent.iter().map(|(o, _)| *o).collect();
    assert_eq!(found.len(), 1826);
    assert_one_per_scheduled_date(&schedule, &found);
    assert!(
        sent.iter()
            .all(|(o, at)| *at >= o.due && *at - o.due < Duration::minutes(10))
    );
}

#[test]
fn a_job_ticking_through_the_doubled_hour_sends_once() {
    let schedule = schedule(Cadence::Weekly(Weekday::Sun), at(1, 30), London);
    let sent = tick(
        &schedule,
        utc(2026, 10, 24, 20, 0),
        utc(2026, 10, 25, 6, 0),
        Duration::minutes(1),
    );
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].0.due, utc(2026, 10, 25, 0, 30));
    assert_eq!(sent[0].0.key.to_string(), "2026-10-25");
}

#[test]
fn fortnightly_alternates_across_year_ends_and_dst() {
    let schedule = schedule(
        Cadence::fortnightly_from(Weekday::Thu, date(2026, 1, 1)),
        at(10, 0),
        London,
    );
    let found = five_years(&schedule);
    assert_one_per_scheduled_date(&schedule, &found);
    let dates = keys(&found);
    assert!(
        dates
            .windows(2)
            .all(|pair| pair[1] - pair[0] == Duration::days(14))
    );
    assert!(dates.contains(&date(2026, 12, 31)) && dates.contains(&date(2027, 1, 14)));
    assert!(!dates.contains(&date(2027, 1, 7)));
    assert_eq!(found.len(), 131);
}

#[test]
fn walking_quiet_hours_deferrals_through_dst_still_gives_one_per_date() {
    // 23:00 inside 22:00–01:30 quiet hours: each occurrence goes out at 01:30 the next day,
    // which is in the gap on spring-forward Sundays and doubled on fall-back Sundays.
    let mut schedule = schedule(
        Cadence::Weekdays(ChosenWeekdays::every_day()),
        at(23, 0),
        London,
    );
    schedule.quiet_hours = Some(QuietHours::new(at(22, 0), at(1, 30)).unwrap());
    let found = five_years(&schedule);
    let expected = dates_where(date(2025, 12, 31), date(2030, 12, 30), |_| true);
    assert_eq!(keys(&found), expected);
    assert!(found.windows(2).all(|pair| pair[0].due < pair[1].due));
    let spring = found
        .iter()
        .find(|o| o.key.local_date() == date(2026, 3, 28))
        .unwrap();
    assert_eq!(spring.due, utc(2026, 3, 29, 1, 30), "02:30 BST");
    let autumn = found
        .iter()
        .find(|o| o.key.local_date() == date(2026, 10, 24))
        .unwrap();
    assert_eq!(autumn.due, utc(2026, 10, 25, 0, 30), "the earlier 01:30");
}
