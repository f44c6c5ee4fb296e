//! Pauses: leave, a run of nights, any date range, or "until further notice". A scheduled
//! occurrence whose local date is inside a pause is skipped, not moved.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

/// Why a member paused their prompts. Only shown back to the member; it changes nothing in the
/// rules, but "Leave" reads kinder than "Paused" when they look at their schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PauseKind {
    Leave,
    Nights,
    Other,
}

impl PauseKind {
    pub const ALL: [PauseKind; 3] = [PauseKind::Leave, PauseKind::Nights, PauseKind::Other];

    /// The stable slug stored in the database.
    pub fn slug(self) -> &'static str {
        match self {
            PauseKind::Leave => "leave",
            PauseKind::Nights => "nights",
            PauseKind::Other => "other",
        }
    }
}

impl fmt::Display for PauseKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PauseKind::Leave => "Leave",
            PauseKind::Nights => "Nights",
            PauseKind::Other => "Other",
        })
    }
}

impl FromStr for PauseKind {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_lowercase().as_str() {
            "leave" | "annual-leave" | "annual leave" | "holiday" => Ok(PauseKind::Leave),
            "nights" | "night" | "night-shifts" | "night shifts" => Ok(PauseKind::Nights),
            "other" | "pause" | "paused" => Ok(PauseKind::Other),
            _ => Err(format!(
                "unknown pause kind '{}' (expected leave, nights or other)",
                text.trim()
            )),
        }
    }
}

/// An inclusive range of local dates; `until: None` means "until further notice".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateRange {
    from: NaiveDate,
    until: Option<NaiveDate>,
}

impl DateRange {
    /// Fails when `until` is before `from`.
    pub fn new(from: NaiveDate, until: Option<NaiveDate>) -> Result<Self, String> {
        match until {
            Some(until) if until < from => Err(format!(
                "the range ends ({until}) before it starts ({from})"
            )),
            _ => Ok(DateRange { from, until }),
        }
    }

    /// From `from` until further notice.
    pub fn open_ended(from: NaiveDate) -> Self {
        DateRange { from, until: None }
    }

    pub fn single_day(day: NaiveDate) -> Self {
        DateRange {
            from: day,
            until: Some(day),
        }
    }

    pub fn from(self) -> NaiveDate {
        self.from
    }

    /// The last date inside the range, or `None` for "until further notice".
    pub fn until(self) -> Option<NaiveDate> {
        self.until
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        date >= self.from && self.until.is_none_or(|until| date <= until)
    }
}

impl fmt::Display for DateRange {
    /// `2026-12-20..2027-01-03`, or `2026-12-20..` when open-ended — what
    /// [`super::parse_date_range`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.until {
            Some(until) => write!(f, "{}..{until}", self.from),
            None => write!(f, "{}..", self.from),
        }
    }
}

/// A pause in a member's prompts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pause {
    pub kind: PauseKind,
    pub dates: DateRange,
}

impl Pause {
    pub fn new(kind: PauseKind, dates: DateRange) -> Self {
        Pause { kind, dates }
    }

    /// Paused from `from` until the member says otherwise.
    pub fn until_further_notice(kind: PauseKind, from: NaiveDate) -> Self {
        Pause::new(kind, DateRange::open_ended(from))
    }

    /// Whether an occurrence on this local date is skipped.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.dates.contains(date)
    }

    pub fn is_open_ended(&self) -> bool {
        self.dates.until().is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn ranges_are_inclusive_at_both_ends() {
        let range = DateRange::new(date(2026, 12, 20), Some(date(2027, 1, 3))).unwrap();
        assert!(!range.contains(date(2026, 12, 19)));
        assert!(range.contains(date(2026, 12, 20)));
        assert!(range.contains(date(2027, 1, 3)));
        assert!(!range.contains(date(2027, 1, 4)));
    }

    #[test]
    fn backwards_ranges_are_refused_with_both_dates_named() {
        let err = DateRange::new(date(2026, 5, 2), Some(date(2026, 5, 1))).unwrap_err();
        assert!(
            err.contains("2026-05-01") && err.contains("2026-05-02"),
            "{err}"
        );
    }

    #[test]
    fn until_further_notice_never_ends() {
        let pause = Pause::until_further_notice(PauseKind::Other, date(2026, 1, 1));
        assert!(pause.is_open_ended());
        assert!(pause.covers(date(2099, 1, 1)));
        assert!(!pause.covers(date(2025, 12, 31)));
    }

    #[test]
    fn pause_kinds_parse_from_their_words() {
        assert_eq!("Leave".parse(), Ok(PauseKind::Leave));
        assert_eq!(" nights ".parse(), Ok(PauseKind::Nights));
        assert!(
            "sabbatical"
                .parse::<PauseKind>()
                .unwrap_err()
                .contains("sabbatical")
        );
        for kind in PauseKind::ALL {
            assert_eq!(kind.slug().parse(), Ok(kind));
        }
    }

    #[test]
    fn ranges_display_as_they_are_typed() {
        assert_eq!(
            DateRange::single_day(date(2026, 1, 2)).to_string(),
            "2026-01-02..2026-01-02"
        );
        assert_eq!(
            DateRange::open_ended(date(2026, 1, 2)).to_string(),
            "2026-01-02.."
        );
    }
}
