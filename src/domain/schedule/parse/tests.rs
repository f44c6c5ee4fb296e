use chrono::Weekday::*;
use chrono::{NaiveDate, WeekdaySet};
use proptest::prelude::*;

use super::*;

fn days(list: &[chrono::Weekday]) -> ChosenWeekdays {
    ChosenWeekdays::new(list.iter().copied().collect()).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn time(text: &str) -> String {
    parse_local_time(text)
        .map(|t| t.to_string())
        .unwrap_or_else(|e| e)
}

#[test]
fn weekdays_read_short_long_and_mixed_spellings() {
    assert_eq!(parse_weekdays("mon,thu"), Ok(days(&[Mon, Thu])));
    assert_eq!(
        parse_weekdays(" Monday and Thursday "),
        Ok(days(&[Mon, Thu]))
    );
    assert_eq!(
        parse_weekdays("tues; weds / thurs"),
        Ok(days(&[Tue, Wed, Thu]))
    );
    assert_eq!(parse_weekdays("Tu Th"), Ok(days(&[Tue, Thu])));
    assert_eq!(parse_weekdays("mondays"), Ok(days(&[Mon])));
}

#[test]
fn weekdays_read_ranges_and_words() {
    assert_eq!(
        parse_weekdays("mon-fri"),
        Ok(ChosenWeekdays::working_week())
    );
    assert_eq!(
        parse_weekdays("Mon to Fri"),
        Ok(ChosenWeekdays::working_week())
    );
    assert_eq!(
        parse_weekdays("weekdays"),
        Ok(ChosenWeekdays::working_week())
    );
    assert_eq!(parse_weekdays("fri-mon"), Ok(days(&[Fri, Sat, Sun, Mon])));
    assert_eq!(parse_weekdays("daily"), Ok(ChosenWeekdays::every_day()));
    assert_eq!(
        parse_weekdays("weekend").unwrap().as_set(),
        WeekdaySet::from_array([Sat, Sun])
    );
}

#[test]
fn weekday_errors_name_the_bad_word_and_the_input() {
    let err = parse_weekdays("mon,funday").unwrap_err();
    assert!(
        err.contains("'funday'") && err.contains("'mon,funday'"),
        "{err}"
    );
    assert!(
        parse_weekdays("t").unwrap_err().contains("'t'"),
        "one letter is ambiguous"
    );
    assert!(parse_weekdays(" , ").unwrap_err().contains("no days given"));
}

#[test]
fn times_read_the_usual_spellings() {
    assert_eq!(time("9:30"), "09:30");
    assert_eq!(time("09:30"), "09:30");
    assert_eq!(time("9.30am"), "09:30");
    assert_eq!(time("9.30 a.m."), "09:30");
    assert_eq!(time("9am"), "09:00");
    assert_eq!(time("9:30 PM"), "21:30");
    assert_eq!(time("21:15"), "21:15");
    assert_eq!(time("0930"), "09:30");
    assert_eq!(time("930"), "09:30");
    assert_eq!(time("7"), "07:00");
    assert_eq!(time("9h30"), "09:30");
}

#[test]
fn midnight_and_noon_follow_the_twelve_hour_convention() {
    assert_eq!(time("12am"), "00:00");
    assert_eq!(time("12:30am"), "00:30");
    assert_eq!(time("12pm"), "12:00");
    assert_eq!(time("noon"), "12:00");
    assert_eq!(time("midnight"), "00:00");
}

#[test]
fn time_errors_name_the_input_and_the_problem() {
    assert!(time("25:00").contains("'25:00'") && time("25:00").contains("0–23"));
    assert!(time("13pm").contains("1–12"));
    assert!(time("0am").contains("1–12"));
    assert!(time("9:60").contains("00–59"));
    assert!(time("9:5").contains("like 9:30"));
    assert!(time("teatime").contains("'teatime'"));
    assert!(time("").contains("like 9:30"));
}

#[test]
fn timezones_read_iana_names_in_any_case_and_unique_cities() {
    assert_eq!(
        parse_timezone("Europe/London"),
        Ok(chrono_tz::Europe::London)
    );
    assert_eq!(
        parse_timezone(" europe/london "),
        Ok(chrono_tz::Europe::London)
    );
    assert_eq!(parse_timezone("London"), Ok(chrono_tz::Europe::London));
    assert_eq!(parse_timezone("new york"), Ok(chrono_tz::America::New_York));
    assert_eq!(parse_timezone("UTC"), Ok(chrono_tz::UTC));
}

#[test]
fn timezone_errors_name_the_input() {
    let err = parse_timezone("Europe/Londn").unwrap_err();
    assert!(
        err.contains("'Europe/Londn'") && err.contains("Europe/London"),
        "{err}"
    );
    assert!(parse_timezone("").is_err());
    assert!(
        parse_timezone("BST").is_err(),
        "abbreviations are ambiguous"
    );
}

#[test]
fn date_ranges_read_closed_open_and_single_day_forms() {
    let christmas = DateRange::new(date(2026, 12, 20), Some(date(2027, 1, 3))).unwrap();
    assert_eq!(parse_date_range("2026-12-20..2027-01-03"), Ok(christmas));
    assert_eq!(parse_date_range("2026-12-20 .. 2027-01-03"), Ok(christmas));
    assert_eq!(parse_date_range("2026-12-20 to 2027-01-03"), Ok(christmas));
    assert_eq!(parse_date_range("20/12/2026 – 03/01/2027"), Ok(christmas));
    assert_eq!(
        parse_date_range("2026-12-20.."),
        Ok(DateRange::open_ended(date(2026, 12, 20)))
    );
    assert_eq!(
        parse_date_range("2026-12-20"),
        Ok(DateRange::single_day(date(2026, 12, 20)))
    );
}

#[test]
fn date_range_errors_name_the_bad_part() {
    let err = parse_date_range("2026-13-01..2027-01-03").unwrap_err();
    assert!(err.contains("'2026-13-01'"), "{err}");
    let err = parse_date_range("2027-01-03..2026-12-20").unwrap_err();
    assert!(
        err.contains("before it starts") && err.contains("'2027-01-03..2026-12-20'"),
        "{err}"
    );
    assert!(parse_date_range("..2026-01-01").is_err());
    assert!(parse_date_range("").is_err());
}

#[test]
fn quiet_hours_read_ranges_of_times() {
    let night = parse_quiet_hours("22:00-07:00").unwrap();
    assert_eq!(night.to_string(), "22:00-07:00");
    assert_eq!(parse_quiet_hours("10pm to 7am"), Ok(night));
    assert_eq!(parse_quiet_hours("22:00 – 07:00"), Ok(night));
    assert!(parse_quiet_hours("22:00").unwrap_err().contains("'22:00'"));
    assert!(
        parse_quiet_hours("9am-9am")
            .unwrap_err()
            .contains("different")
    );
}

fn any_weekday() -> impl Strategy<Value = chrono::Weekday> {
    (0u8..7).prop_map(|n| chrono::Weekday::try_from(n).unwrap())
}

proptest! {
    #[test]
    fn parsers_never_panic(text in any::<String>()) {
        let _ = parse_weekdays(&text);
        let _ = parse_local_time(&text);
        let _ = parse_timezone(&text);
        let _ = parse_date_range(&text);
        let _ = parse_quiet_hours(&text);
    }

    #[test]
    fn parsers_never_panic_on_near_misses(text in "[0-9a-zA-Z:.,;/ –-]{0,24}") {
        let _ = parse_weekdays(&text);
        let _ = parse_local_time(&text);
        let _ = parse_date_range(&text);
        let _ = parse_quiet_hours(&text);
    }

    #[test]
    fn times_round_trip_through_display(hour in 0u32..24, minute in 0u32..60) {
        let time = LocalTime::new(hour, minute).unwrap();
        prop_assert_eq!(parse_local_time(&time.to_string()), Ok(time));
    }

    #[test]
    fn weekday_sets_round_trip_through_display(list in prop::collection::vec(any_weekday(), 1..7)) {
        let chosen = ChosenWeekdays::new(list.into_iter().collect()).unwrap();
        prop_assert_eq!(parse_weekdays(&chosen.to_string()), Ok(chosen));
    }

    #[test]
    fn date_ranges_round_trip_through_display(start in 0i64..4000, length in proptest::option::of(0u64..400)) {
        let from = date(2025, 1, 1) + chrono::Duration::days(start);
        let until = length.map(|n| from + chrono::Days::new(n));
        let range = DateRange::new(from, until).unwrap();
        prop_assert_eq!(parse_date_range(&range.to_string()), Ok(range));
    }
}
