//! Reading what members type into `/schedule` into schedule types, once, with errors that
//! name the input and say what would work. Every parser is total: any text gives `Ok` or a
//! readable `Err`, never a panic (property-tested below).

use chrono::{NaiveDate, Weekday, WeekdaySet};
use chrono_tz::{TZ_VARIANTS, Tz};

use super::{ChosenWeekdays, DateRange, LocalTime, QuietHours};

const DAY_NAMES: [(Weekday, &str); 7] = [
    (Weekday::Mon, "monday"),
    (Weekday::Tue, "tuesday"),
    (Weekday::Wed, "wednesday"),
    (Weekday::Thu, "thursday"),
    (Weekday::Fri, "friday"),
    (Weekday::Sat, "saturday"),
    (Weekday::Sun, "sunday"),
];

/// Reads days such as `mon,thu`, `Monday and Thursday`, `mon-fri`, `weekdays` or `daily`.
pub fn parse_weekdays(text: &str) -> Result<ChosenWeekdays, String> {
    let lowered = text
        .to_lowercase()
        .replace(" to ", "-")
        .replace(['–', '—'], "-");
    let mut days = WeekdaySet::EMPTY;
    for token in lowered
        .split(|c: char| {
            c == ',' || c == ';' || c == '/' || c == '+' || c == '&' || c.is_whitespace()
        })
        .filter(|token| !token.is_empty() && *token != "and")
    {
        days = days
            .union(read_day_token(token).map_err(|why| format!("{why} (in '{}')", text.trim()))?);
    }
    ChosenWeekdays::new(days).ok_or_else(|| {
        format!(
            "no days given in '{}': try something like mon,thu or weekdays",
            text.trim()
        )
    })
}

fn read_day_token(token: &str) -> Result<WeekdaySet, String> {
    match token {
        "weekdays" | "workdays" | "weekday" => return Ok(ChosenWeekdays::working_week().as_set()),
        "weekends" | "weekend" => return Ok(WeekdaySet::from_array([Weekday::Sat, Weekday::Sun])),
        "daily" | "everyday" | "all" => return Ok(WeekdaySet::ALL),
        _ => {}
    }
    match token.split_once('-') {
        Some((from, to)) => Ok(day_range(read_day(from)?, read_day(to)?)),
        None => read_day(token).map(WeekdaySet::single),
    }
}

/// Days from `from` to `to` inclusive, wrapping past Sunday (`fri-mon` is Fri, Sat, Sun, Mon).
fn day_range(from: Weekday, to: Weekday) -> WeekdaySet {
    let mut days = WeekdaySet::single(from);
    let mut day = from;
    while day != to {
        day = day.succ();
        days.insert(day);
    }
    days
}

/// A day by its name, a prefix of at least two letters (`tu`, `thurs`), `weds`, or a plural.
fn read_day(word: &str) -> Result<Weekday, String> {
    let word = if word == "weds" { "wed" } else { word };
    DAY_NAMES
        .iter()
        .find(|(_, name)| {
            (word.len() >= 2 && name.starts_with(word)) || word.strip_suffix('s') == Some(name)
        })
        .map(|(day, _)| *day)
        .ok_or_else(|| format!("'{word}' is not a day of the week (use mon, tue, … or monday, …)"))
}

/// Reads a time of day such as `9:30`, `09:30`, `9.30am`, `9am`, `21:15`, `0930` or `noon`.
pub fn parse_local_time(text: &str) -> Result<LocalTime, String> {
    let shown = text.trim();
    let compact: String = shown
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let named = match compact.as_str() {
        "noon" | "midday" => LocalTime::new(12, 0),
        "midnight" => LocalTime::new(0, 0),
        _ => None,
    };
    if let Some(time) = named {
        return Ok(time);
    }
    read_clock(&compact).map_err(|why| format!("'{shown}' is not a time of day: {why}"))
}

fn read_clock(compact: &str) -> Result<LocalTime, String> {
    let (digits, meridiem) = split_meridiem(compact);
    let (hour, minute) = split_hour_minute(digits)?;
    let hour = match meridiem {
        None if hour <= 23 => hour,
        None => return Err("the hour must be 0–23".into()),
        Some(_) if !(1..=12).contains(&hour) => {
            return Err("with am or pm the hour must be 1–12".into());
        }
        Some(is_pm) => hour % 12 + if is_pm { 12 } else { 0 },
    };
    LocalTime::new(hour, minute).ok_or_else(|| "the minutes must be 00–59".into())
}

/// Strips `am`, `a.m.`, `pm` or `p.m.`; `Some(true)` means pm.
fn split_meridiem(compact: &str) -> (&str, Option<bool>) {
    for (suffix, is_pm) in [("a.m.", false), ("am", false), ("p.m.", true), ("pm", true)] {
        if let Some(rest) = compact.strip_suffix(suffix) {
            return (rest, Some(is_pm));
        }
    }
    (compact, None)
}

fn split_hour_minute(digits: &str) -> Result<(u32, u32), String> {
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (hour, minute) = match digits.split_once([':', '.', 'h']) {
        Some((hour, minute)) => (hour, minute),
        // 9, 21, 930, 0930: the last two digits of 3–4 are the minutes.
        None if digits.len() >= 3 && digits.is_ascii() => digits.split_at(digits.len() - 2),
        None => (digits, "00"),
    };
    if !all_digits(hour) || hour.len() > 2 || !all_digits(minute) || minute.len() != 2 {
        return Err("write it like 9:30, 09:30, 9.30am or 21:15".into());
    }
    Ok((hour.parse().unwrap_or(99), minute.parse().unwrap_or(99)))
}

/// Reads an IANA timezone name such as `Europe/London`, ignoring case, or a city that names
/// exactly one zone (`london`, `new york`).
pub fn parse_timezone(text: &str) -> Result<Tz, String> {
    let wanted = text.trim().replace(' ', "_");
    if let Ok(tz) = wanted.parse::<Tz>() {
        return Ok(tz);
    }
    let by_name = TZ_VARIANTS
        .iter()
        .find(|tz| tz.name().eq_ignore_ascii_case(&wanted));
    let same_city = |tz: &&Tz| {
        let city = tz.name().rsplit('/').next().unwrap_or_default();
        !wanted.is_empty() && city.eq_ignore_ascii_case(&wanted)
    };
    let mut by_city = TZ_VARIANTS.iter().filter(same_city);
    let city = match (by_city.next(), by_city.next()) {
        (Some(tz), None) => Some(tz),
        _ => None,
    };
    by_name.or(city).copied().ok_or_else(|| {
        format!(
            "'{}' is not a timezone I know: use an IANA name such as Europe/London, \
             Europe/Dublin or America/New_York",
            text.trim()
        )
    })
}

/// Reads a date range: `2026-12-20..2027-01-03`, `2026-12-20 to 2027-01-03`, a single date, or
/// `2026-12-20..` for "until further notice". Dates are `YYYY-MM-DD` or UK-style `DD/MM/YYYY`.
pub fn parse_date_range(text: &str) -> Result<DateRange, String> {
    let shown = text.trim();
    let (from, until) = match split_range(shown) {
        Some((from, until)) => (from.trim(), Some(until.trim()).filter(|u| !u.is_empty())),
        None => (shown, Some(shown)),
    };
    let from = read_date(from)?;
    let until = until.map(read_date).transpose()?;
    DateRange::new(from, until).map_err(|why| format!("'{shown}': {why}"))
}

fn split_range(text: &str) -> Option<(&str, &str)> {
    ["..", " to ", "–", "—"]
        .iter()
        .find_map(|separator| text.split_once(separator))
}

fn read_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .map_err(|_| format!("'{text}' is not a date: write it like 2026-12-20 or 20/12/2026"))
}

/// Reads quiet hours such as `22:00-07:00`, `10pm to 7am` or `12:00–14:00`.
pub fn parse_quiet_hours(text: &str) -> Result<QuietHours, String> {
    let shown = text.trim();
    let lowered = shown.to_lowercase();
    let (start, end) = ["-", "–", "—", " to "]
        .iter()
        .find_map(|separator| lowered.split_once(separator))
        .ok_or_else(|| format!("'{shown}' is not a range of times: write it like 22:00-07:00"))?;
    let start = parse_local_time(start)?;
    let end = parse_local_time(end)?;
    QuietHours::new(start, end)
}

#[cfg(test)]
mod tests;
