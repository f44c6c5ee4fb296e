//! Turning a local wall-clock time into the one instant it names, across DST changes.

use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{GapInfo, Tz};

/// The instant a local wall-clock time names in `tz`, always exactly one:
///
/// - an ordinary time maps to its one instant;
/// - a time that happens twice (autumn: 01:30 on the last Sunday of October in London) maps to
///   the **earlier** instant, 01:30 BST — so the prompt comes once, before the clocks go back;
/// - a time that never happens (spring: 01:30 on the last Sunday of March in London) is read
///   with the offset in force **before** the gap, which moves it forward by the gap's length:
///   01:30 → 02:30 BST (01:30 UTC). This is the usual convention (java.time, Temporal,
///   `moment-timezone`), and it keeps the order and spacing of times inside the gap.
pub fn resolve_local(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(instant) => instant.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(first, second) => first.min(second).with_timezone(&Utc),
        chrono::LocalResult::None => across_gap(tz, local),
    }
}

fn across_gap(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let before_gap = GapInfo::new(&local, &tz)
        .and_then(|gap| gap.begin)
        .map(|(_, offset)| offset.fix())
        // Outside chrono-tz's table (never for real dates): a day earlier is before any gap.
        .unwrap_or_else(|| {
            tz.offset_from_utc_datetime(&(local - Duration::days(1)))
                .fix()
        });
    (local - Duration::seconds(i64::from(before_gap.local_minus_utc()))).and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use chrono_tz::{America, Australia, Europe};

    fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        local(y, mo, d, h, mi).and_utc()
    }

    #[test]
    fn ordinary_times_map_to_their_instant() {
        let london = Europe::London;
        assert_eq!(
            resolve_local(london, local(2026, 1, 6, 10, 0)),
            utc(2026, 1, 6, 10, 0)
        );
        assert_eq!(
            resolve_local(london, local(2026, 7, 7, 10, 0)),
            utc(2026, 7, 7, 9, 0)
        );
    }

    #[test]
    fn london_spring_gap_moves_forward_by_an_hour() {
        // 2026-03-29: clocks go from 01:00 GMT to 02:00 BST.
        let instant = resolve_local(Europe::London, local(2026, 3, 29, 1, 30));
        assert_eq!(instant, utc(2026, 3, 29, 1, 30));
        let shown = instant.with_timezone(&Europe::London).naive_local();
        assert_eq!(shown, local(2026, 3, 29, 2, 30));
        assert_eq!(
            resolve_local(Europe::London, local(2026, 3, 29, 1, 0)),
            utc(2026, 3, 29, 1, 0)
        );
    }

    #[test]
    fn london_autumn_doubled_hour_takes_the_earlier_instant() {
        // 2026-10-25: 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
        assert_eq!(
            resolve_local(Europe::London, local(2026, 10, 25, 1, 30)),
            utc(2026, 10, 25, 0, 30)
        );
    }

    #[test]
    fn new_york_and_sydney_follow_the_same_rules() {
        // New York springs forward 02:00 → 03:00 on 2026-03-08, falls back on 2026-11-01.
        let ny = America::New_York;
        assert_eq!(
            resolve_local(ny, local(2026, 3, 8, 2, 30)),
            utc(2026, 3, 8, 7, 30)
        );
        assert_eq!(
            resolve_local(ny, local(2026, 11, 1, 1, 30)),
            utc(2026, 11, 1, 5, 30)
        );
        // Sydney springs forward 02:00 → 03:00 on 2026-10-04, falls back 03:00 → 02:00 on 2026-04-05.
        let syd = Australia::Sydney;
        assert_eq!(
            resolve_local(syd, local(2026, 10, 4, 2, 30)),
            utc(2026, 10, 3, 16, 30)
        );
        assert_eq!(
            resolve_local(syd, local(2026, 4, 5, 2, 30)),
            utc(2026, 4, 4, 15, 30)
        );
    }
}
