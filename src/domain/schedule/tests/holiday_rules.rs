//! The shipped bank-holiday data against the rules that make it: every listed date lands where
//! its rule says, every rule has its date every year, and GOV.UK's published years match.

use chrono::{Datelike, Duration, Weekday};

use super::*;
use BankHolidayRegion::{EnglandAndWales, NorthernIreland, Scotland};

const REGIONS: [BankHolidayRegion; 3] = [EnglandAndWales, Scotland, NorthernIreland];
const SUBSTITUTE: &str = " (substitute day)";

/// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
fn easter_sunday(year: i32) -> NaiveDate {
    let (a, b, c) = (year % 19, year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let g = (8 * b + 13) / 25;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as u32, day as u32)
}

/// The holidays each region has every year, by name.
fn yearly_names(region: BankHolidayRegion) -> Vec<&'static str> {
    let mut names = vec![
        "New Year's Day",
        "Good Friday",
        "Early May bank holiday",
        "Spring bank holiday",
    ];
    names.extend(["Summer bank holiday", "Christmas Day", "Boxing Day"]);
    match region {
        Scotland => names.extend(["2nd January", "St Andrew's Day"]),
        NorthernIreland => names.extend([
            "Easter Monday",
            "St Patrick's Day",
            "Battle of the Boyne (Orangemen's Day)",
        ]),
        _ => names.push("Easter Monday"),
    }
    names
}

/// The fixed calendar date a named holiday is nominally on, if it has one.
fn nominal_date(name: &str, year: i32) -> Option<NaiveDate> {
    let (month, day) = match name {
        "New Year's Day" => (1, 1),
        "2nd January" => (1, 2),
        "St Patrick's Day" => (3, 17),
        "Battle of the Boyne (Orangemen's Day)" => (7, 12),
        "St Andrew's Day" => (11, 30),
        "Christmas Day" => (12, 25),
        "Boxing Day" => (12, 26),
        _ => return None,
    };
    Some(date(year, month, day))
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Where the rule for `name` says it lands in `region` (moveable feasts and Mondays).
fn assert_rule_holds(region: BankHolidayRegion, day: NaiveDate, name: &str) {
    let easter = easter_sunday(day.year());
    let monday = day.weekday() == Weekday::Mon;
    let ok = match name {
        "Good Friday" => day == easter - Duration::days(2),
        "Easter Monday" => day == easter + Duration::days(1) && region != Scotland,
        "Early May bank holiday" => monday && day.month() == 5 && day.day() <= 7,
        "Spring bank holiday" => monday && day.month() == 5 && day.day() >= 25,
        "Summer bank holiday" if region == Scotland => monday && day.month() == 8 && day.day() <= 7,
        "Summer bank holiday" => monday && day.month() == 8 && day.day() >= 25,
        _ => nominal_date(name, day.year()) == Some(day),
    };
    assert!(ok, "{region:?} {day} {name} is not where its rule says");
}

/// A substitute day replaces a nominal date on a weekend, on the first weekday after it that
/// is not already a holiday.
fn assert_substitute_holds(
    holidays: &BankHolidays,
    region: BankHolidayRegion,
    day: NaiveDate,
    base: &str,
) {
    // Substitutes never cross a year end: the latest is 28 December or 4 January.
    let nominal =
        nominal_date(base, day.year()).unwrap_or_else(|| panic!("{base} has no substitute rule"));
    assert!(
        is_weekend(nominal),
        "{region:?} {day}: {base} ({nominal}) is not on a weekend"
    );
    let between = nominal.iter_days().skip(1).take_while(|d| *d < day);
    for skipped in between {
        let taken = holidays
            .name(region, skipped)
            .is_some_and(|n| !n.starts_with(base));
        assert!(
            is_weekend(skipped) || taken,
            "{region:?} {day}: {skipped} was free for {base}"
        );
    }
}

#[test]
fn easter_sunday_is_computed_correctly() {
    let known = [
        (2026, 4, 5),
        (2027, 3, 28),
        (2028, 4, 16),
        (2029, 4, 1),
        (2030, 4, 21),
        (2024, 3, 31),
        (2025, 4, 20),
    ];
    for (y, m, d) in known {
        assert_eq!(easter_sunday(y), date(y, m, d));
    }
}

#[test]
fn every_listed_date_is_a_weekday_where_its_rule_says() {
    let holidays = BankHolidays::shipped();
    for region in REGIONS {
        for (day, name) in holidays.dates(region) {
            assert!(!is_weekend(day), "{region:?} {day} {name} is a weekend");
            match name.strip_suffix(SUBSTITUTE) {
                Some(base) => assert_substitute_holds(&holidays, region, day, base),
                None => assert_rule_holds(region, day, name),
            }
        }
    }
}

#[test]
fn every_region_has_each_of_its_holidays_once_a_year_2026_to_2030() {
    let holidays = BankHolidays::shipped();
    for region in REGIONS {
        for year in 2026..=2030 {
            let mut names: Vec<&str> = holidays
                .dates(region)
                .filter(|(day, _)| day.year() == year)
                .map(|(_, name)| name.trim_end_matches(SUBSTITUTE))
                .collect();
            names.sort();
            let mut expected = yearly_names(region);
            expected.sort();
            assert_eq!(names, expected, "{region:?} {year}");
        }
    }
}

#[test]
fn the_years_govuk_has_published_match() {
    let holidays = BankHolidays::shipped();
    let listed = |region, year| -> Vec<String> {
        holidays
            .dates(region)
            .filter(|(d, _)| d.year() == year)
            .map(|(d, _)| d.format("%m-%d").to_string())
            .collect()
    };
    let england_2026 = [
        "01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28",
    ];
    assert_eq!(listed(EnglandAndWales, 2026), england_2026);
    let england_2027 = [
        "01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28",
    ];
    assert_eq!(listed(EnglandAndWales, 2027), england_2027);
    let scotland_2026 = [
        "01-01", "01-02", "04-03", "05-04", "05-25", "08-03", "11-30", "12-25", "12-28",
    ];
    assert_eq!(listed(Scotland, 2026), scotland_2026);
    let scotland_2027 = [
        "01-01", "01-04", "03-26", "05-03", "05-31", "08-02", "11-30", "12-27", "12-28",
    ];
    assert_eq!(listed(Scotland, 2027), scotland_2027);
    let ni_2026 = [
        "01-01", "03-17", "04-03", "04-06", "05-04", "05-25", "07-13", "08-31", "12-25", "12-28",
    ];
    assert_eq!(listed(NorthernIreland, 2026), ni_2026);
}

#[test]
fn the_weekend_cases_in_later_years_have_their_substitutes() {
    let holidays = BankHolidays::shipped();
    // 1–2 January 2028 are a Saturday and Sunday.
    assert_eq!(
        holidays.name(EnglandAndWales, date(2028, 1, 3)),
        Some("New Year's Day (substitute day)")
    );
    assert_eq!(
        holidays.name(Scotland, date(2028, 1, 4)),
        Some("2nd January (substitute day)")
    );
    // St Patrick's Day 2029 and 2030, St Andrew's Day 2030 fall at weekends.
    assert!(holidays.is_holiday(NorthernIreland, date(2029, 3, 19)));
    assert!(holidays.is_holiday(NorthernIreland, date(2030, 3, 18)));
    assert!(holidays.is_holiday(Scotland, date(2030, 12, 2)));
}
