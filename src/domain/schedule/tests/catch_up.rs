//! Calm catch-up: after downtime of 5 minutes, 6 hours or 3 days, at most one late prompt per
//! schedule, and none older than the configured bound.

use std::ops::Range;

use chrono::{Duration, Weekday};
use chrono_tz::Europe::London;
use proptest::prelude::*;

use super::*;

const STEP: Duration = Duration::minutes(1);

fn daily_at_ten() -> Schedule {
    schedule(
        Cadence::Weekdays(ChosenWeekdays::every_day()),
        at(10, 0),
        London,
    )
}

/// Plays the due-prompt job from `created` to `until`, ticking every `step` except during the
/// outage. Returns each (occurrence, sent at).
fn run(
    schedule: &Schedule,
    span: Range<DateTime<Utc>>,
    step: Duration,
    outage: Range<DateTime<Utc>>,
    bound: Duration,
) -> Vec<(Occurrence, DateTime<Utc>)> {
    let (holidays, mut last, mut now, mut sent) =
        (no_holidays(), span.start, span.start, Vec::new());
    while now < span.end {
        if !outage.contains(&now)
            && let Some(occurrence) = occurrence_to_send(schedule, &holidays, last, now, bound)
        {
            sent.push((occurrence, now));
            last = occurrence.due;
        }
        now += step;
    }
    sent
}

/// Sends an on-time job would not have made: later than one tick after the due instant.
fn late(sent: &[(Occurrence, DateTime<Utc>)], step: Duration) -> Vec<NaiveDate> {
    sent.iter()
        .filter(|(o, at)| *at - o.due >= step)
        .map(|(o, _)| o.key.local_date())
        .collect()
}

fn sent_dates(sent: &[(Occurrence, DateTime<Utc>)]) -> Vec<NaiveDate> {
    sent.iter().map(|(o, _)| o.key.local_date()).collect()
}

fn january(d1: u32, h1: u32, m1: u32, d2: u32, h2: u32, m2: u32) -> Range<DateTime<Utc>> {
    utc(2026, 1, d1, h1, m1)..utc(2026, 1, d2, h2, m2)
}

#[test]
fn five_minutes_down_sends_the_missed_prompt_once_a_little_late() {
    let sent = run(
        &daily_at_ten(),
        january(13, 0, 0, 17, 0, 0),
        STEP,
        january(14, 9, 58, 14, 10, 3),
        Duration::hours(12),
    );
    assert_eq!(
        sent_dates(&sent),
        dates_where(date(2026, 1, 13), date(2026, 1, 16), |_| true)
    );
    assert_eq!(late(&sent, STEP), vec![date(2026, 1, 14)]);
    assert_eq!(sent[1].1, utc(2026, 1, 14, 10, 3));
}

#[test]
fn six_hours_down_sends_one_late_prompt_within_the_bound_and_none_beyond_it() {
    let outage = january(14, 8, 0, 14, 14, 0);
    let generous = run(
        &daily_at_ten(),
        january(13, 0, 0, 17, 0, 0),
        STEP,
        outage.clone(),
        Duration::hours(12),
    );
    assert_eq!(late(&generous, STEP), vec![date(2026, 1, 14)]);
    let strict = run(
        &daily_at_ten(),
        january(13, 0, 0, 17, 0, 0),
        STEP,
        outage,
        Duration::hours(2),
    );
    assert!(late(&strict, STEP).is_empty());
    assert_eq!(
        sent_dates(&strict),
        vec![date(2026, 1, 13), date(2026, 1, 15), date(2026, 1, 16)]
    );
}

#[test]
fn three_days_down_sends_only_the_most_recent_missed_prompt() {
    let outage = january(14, 8, 0, 17, 14, 0);
    for bound in [Duration::hours(12), Duration::days(5)] {
        let sent = run(
            &daily_at_ten(),
            january(13, 0, 0, 19, 0, 0),
            STEP,
            outage.clone(),
            bound,
        );
        assert_eq!(late(&sent, STEP), vec![date(2026, 1, 17)], "bound {bound}");
        assert_eq!(
            sent_dates(&sent),
            vec![date(2026, 1, 13), date(2026, 1, 17), date(2026, 1, 18)]
        );
    }
    let strict = run(
        &daily_at_ten(),
        january(13, 0, 0, 19, 0, 0),
        STEP,
        outage,
        Duration::hours(3),
    );
    assert_eq!(
        sent_dates(&strict),
        vec![date(2026, 1, 13), date(2026, 1, 18)]
    );
}

#[test]
fn a_weekly_schedule_down_over_its_day_sends_one_late_prompt() {
    let weekly = schedule(Cadence::Weekly(Weekday::Wed), at(10, 0), London);
    let sent = run(
        &weekly,
        january(12, 0, 0, 29, 0, 0),
        STEP,
        january(13, 22, 0, 16, 22, 0),
        Duration::days(3),
    );
    assert_eq!(
        sent_dates(&sent),
        vec![date(2026, 1, 14), date(2026, 1, 21), date(2026, 1, 28)]
    );
    assert_eq!(late(&sent, STEP), vec![date(2026, 1, 14)]);
}

#[test]
fn no_late_prompt_arrives_in_quiet_hours() {
    // Due 21:30; quiet 22:00–07:00; down 21:00–23:00. Nothing goes at 23:00; the late prompt
    // goes at 07:00 if 9½ hours is within the bound, otherwise it is dropped.
    let mut evening = schedule(
        Cadence::Weekdays(ChosenWeekdays::every_day()),
        at(21, 30),
        London,
    );
    evening.quiet_hours = Some(QuietHours::new(at(22, 0), at(7, 0)).unwrap());
    let outage = january(14, 21, 0, 14, 23, 0);
    let sent = run(
        &evening,
        january(14, 12, 0, 15, 12, 0),
        STEP,
        outage.clone(),
        Duration::hours(12),
    );
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].0.key.local_date(), sent[0].1),
        (date(2026, 1, 14), utc(2026, 1, 15, 7, 0))
    );
    let strict = run(
        &evening,
        january(14, 12, 0, 15, 12, 0),
        STEP,
        outage,
        Duration::hours(6),
    );
    assert!(strict.is_empty());
}

#[test]
fn a_new_schedule_does_not_send_what_was_due_before_it_was_created() {
    let created = utc(2026, 1, 14, 10, 5);
    let found = occurrence_to_send(
        &daily_at_ten(),
        &no_holidays(),
        created,
        utc(2026, 1, 14, 11, 0),
        Duration::days(1),
    );
    assert_eq!(found, None);
}

#[test]
fn nothing_is_sent_for_an_empty_or_backwards_window_or_a_negative_bound() {
    let (schedule, holidays) = (daily_at_ten(), no_holidays());
    let due = utc(2026, 1, 14, 10, 0);
    let last = utc(2026, 1, 13, 10, 0);
    assert_eq!(
        occurrence_to_send(&schedule, &holidays, due, due, Duration::days(1)),
        None
    );
    assert_eq!(
        occurrence_to_send(&schedule, &holidays, due, last, Duration::days(1)),
        None
    );
    assert_eq!(
        occurrence_to_send(&schedule, &holidays, last, due, Duration::minutes(-1)),
        None
    );
    assert!(occurrence_to_send(&schedule, &holidays, last, due, Duration::zero()).is_some());
    assert_eq!(
        occurrence_to_send(
            &schedule,
            &holidays,
            last,
            due + Duration::seconds(1),
            Duration::zero()
        ),
        None
    );
}

#[test]
fn a_huge_bound_after_years_away_still_sends_only_the_latest() {
    let found = occurrence_to_send(
        &daily_at_ten(),
        &no_holidays(),
        utc(2020, 1, 1, 0, 0),
        utc(2026, 1, 14, 12, 0),
        Duration::MAX,
    );
    assert_eq!(found.map(|o| o.key.local_date()), Some(date(2026, 1, 14)));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_downtime_gives_at_most_one_late_prompt_within_the_bound(
        weekly in any::<bool>(),
        start in 0i64..(7 * 24 * 12),
        length in 0i64..(5 * 24 * 12),
        bound_hours in 0i64..96,
    ) {
        let schedule = if weekly { Schedule { region: BankHolidayRegion::None, ..Schedule::default() } } else { daily_at_ten() };
        let step = Duration::minutes(5);
        let span = january(5, 0, 0, 19, 0, 0);
        let outage_start = span.start + Duration::minutes(5 * start);
        let outage = outage_start..outage_start + Duration::minutes(5 * length);
        let bound = Duration::hours(bound_hours);
        let sent = run(&schedule, span.clone(), step, outage.clone(), bound);
        prop_assert!(late(&sent, step).len() <= 1);
        prop_assert!(sent.iter().all(|(o, at)| *at - o.due <= bound));
        let dates = sent_dates(&sent);
        prop_assert!(dates.windows(2).all(|pair| pair[0] < pair[1]), "no duplicates");
        // Every occurrence due outside the outage (with its tick) goes out on time.
        let on_time = walk(&schedule, &no_holidays(), span.start, span.end - step);
        for occurrence in on_time.iter().filter(|o| !outage.contains(&o.due)) {
            prop_assert!(dates.contains(&occurrence.key.local_date()));
        }
    }
}
