//! The core of a schedule rule: how often a prompt comes (cadence) and at what local
//! wall-clock time.

use std::fmt;

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Timelike, Weekday, WeekdaySet};

/// A non-empty set of weekdays ("Mon, Thu"). Empty sets are unrepresentable: a schedule that
/// never fires is a pause, not a cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChosenWeekdays(WeekdaySet);

impl ChosenWeekdays {
    /// `None` when `days` is empty.
    pub fn new(days: WeekdaySet) -> Option<Self> {
        (!days.is_empty()).then_some(ChosenWeekdays(days))
    }

    /// Monday to Sunday.
    pub fn every_day() -> Self {
        ChosenWeekdays(WeekdaySet::ALL)
    }

    /// Monday to Friday.
    pub fn working_week() -> Self {
        use Weekday::*;
        ChosenWeekdays(WeekdaySet::from_array([Mon, Tue, Wed, Thu, Fri]))
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0.contains(day)
    }

    /// The chosen days, Monday first.
    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        self.0.iter(Weekday::Mon)
    }

    pub fn as_set(self) -> WeekdaySet {
        self.0
    }
}

impl fmt::Display for ChosenWeekdays {
    /// "Mon, Thu" — the same spelling [`super::parse_weekdays`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self.iter().map(|d| d.to_string()).collect();
        f.write_str(&names.join(", "))
    }
}

/// How often prompts come. The default is weekly on Tuesday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cadence {
    /// Once a week on this day.
    Weekly(Weekday),
    /// Every other `weekday`. The first occurrence is the first `weekday` on or after `anchor`,
    /// and every 14 days from there in both directions, so every anchor has one meaning;
    /// [`Cadence::fortnightly_from`] stores it already moved onto the weekday.
    Fortnightly { weekday: Weekday, anchor: NaiveDate },
    /// On each of these days.
    Weekdays(ChosenWeekdays),
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence::Weekly(Weekday::Tue)
    }
}

impl Cadence {
    /// Every other `weekday`, the first being the first `weekday` on or after `start`.
    pub fn fortnightly_from(weekday: Weekday, start: NaiveDate) -> Self {
        let ahead =
            (7 + weekday.num_days_from_monday() - start.weekday().num_days_from_monday()) % 7;
        let anchor = start
            .checked_add_days(Days::new(u64::from(ahead)))
            .unwrap_or(start);
        Cadence::Fortnightly { weekday, anchor }
    }

    /// Whether the rule names this local date (before holidays and pauses are considered).
    pub fn falls_on(&self, date: NaiveDate) -> bool {
        match *self {
            Cadence::Weekly(day) => date.weekday() == day,
            Cadence::Weekdays(days) => days.contains(date.weekday()),
            Cadence::Fortnightly { weekday, anchor } => {
                // Whole weeks since the anchor, floored, so dates before it alternate too.
                let weeks = (date - anchor).num_days().div_euclid(7);
                date.weekday() == weekday && weeks.rem_euclid(2) == 0
            }
        }
    }
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cadence::Weekly(day) => write!(f, "weekly on {day}"),
            Cadence::Fortnightly { weekday, anchor } => {
                write!(f, "fortnightly on {weekday} (from {anchor})")
            }
            Cadence::Weekdays(days) => write!(f, "on {days}"),
        }
    }
}

/// A local wall-clock time to the minute ("09:30"). Seconds are not offered to users, and
/// leaving them out keeps every occurrence on a whole minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalTime(NaiveTime);

impl LocalTime {
    /// `None` unless `hour` < 24 and `minute` < 60.
    pub fn new(hour: u32, minute: u32) -> Option<Self> {
        NaiveTime::from_hms_opt(hour, minute, 0).map(LocalTime)
    }

    pub fn time(self) -> NaiveTime {
        self.0
    }

    pub fn hour(self) -> u32 {
        self.0.hour()
    }

    pub fn minute(self) -> u32 {
        self.0.minute()
    }
}

impl Default for LocalTime {
    /// 10:00: mid-morning, after handover and the first ward round.
    fn default() -> Self {
        LocalTime(NaiveTime::from_hms_opt(10, 0, 0).expect("10:00 is a valid time"))
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn hm(h: u32, m: u32) -> LocalTime {
        LocalTime::new(h, m).unwrap()
    }

    #[test]
    fn default_cadence_is_weekly_on_tuesday_at_ten() {
        assert_eq!(Cadence::default(), Cadence::Weekly(Tue));
        assert_eq!(LocalTime::default().to_string(), "10:00");
    }

    #[test]
    fn empty_weekday_sets_are_refused() {
        assert!(ChosenWeekdays::new(WeekdaySet::EMPTY).is_none());
        assert_eq!(
            ChosenWeekdays::working_week().to_string(),
            "Mon, Tue, Wed, Thu, Fri"
        );
    }

    #[test]
    fn fortnightly_anchor_moves_onto_the_weekday() {
        // 2026-03-04 is a Wednesday; the next Tuesday is the 10th.
        let cadence = Cadence::fortnightly_from(Tue, date(2026, 3, 4));
        assert_eq!(
            cadence,
            Cadence::Fortnightly {
                weekday: Tue,
                anchor: date(2026, 3, 10)
            }
        );
        assert!(cadence.falls_on(date(2026, 3, 10)));
        assert!(!cadence.falls_on(date(2026, 3, 17)));
        assert!(cadence.falls_on(date(2026, 3, 24)));
        assert!(
            cadence.falls_on(date(2026, 2, 24)),
            "alternates before the anchor too"
        );
        assert!(!cadence.falls_on(date(2026, 3, 3)));
    }

    #[test]
    fn an_unnormalised_fortnightly_anchor_means_the_first_weekday_after_it() {
        let raw = Cadence::Fortnightly {
            weekday: Tue,
            anchor: date(2026, 3, 4),
        };
        let normal = Cadence::fortnightly_from(Tue, date(2026, 3, 4));
        for day in date(2025, 1, 1).iter_days().take(2000) {
            assert_eq!(raw.falls_on(day), normal.falls_on(day), "{day}");
        }
    }

    #[test]
    fn local_times_are_whole_minutes_in_range() {
        assert!(LocalTime::new(24, 0).is_none());
        assert!(LocalTime::new(9, 60).is_none());
        assert_eq!(hm(9, 5).to_string(), "09:05");
    }
}
