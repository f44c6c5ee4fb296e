use chrono::{TimeZone, Utc};

use super::*;
use crate::domain::coverage::{AreaCoverage, OutcomeCoverage};
use crate::domain::curriculum::{Area, Outcome};

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// A coverage with a spread of counts, including zeros and one long bar.
fn sample() -> MemberCoverage {
    let counts = [3, 1, 0, 7, 2, 0, 4, 1, 0, 12];
    MemberCoverage {
        areas: Area::ALL
            .iter()
            .zip(counts)
            .map(|(&area, count)| AreaCoverage {
                area,
                count,
                last_entry: None,
            })
            .collect(),
        outcomes: Outcome::all()
            .map(|outcome| OutcomeCoverage { outcome, count: 1 })
            .collect(),
        total_entries: 19,
        now: Utc.with_ymd_and_hms(2025, 6, 2, 9, 0, 0).unwrap(),
    }
}

/// Width and height from the PNG's IHDR chunk, which always comes first.
fn dimensions(png: &[u8]) -> (u32, u32) {
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn the_chart_is_a_png_of_a_sensible_size() {
    let png = coverage_chart_png(&sample(), "Coverage for Sam").unwrap();
    assert_eq!(png[..8], PNG_SIGNATURE);
    assert_eq!(&png[12..16], b"IHDR");
    assert_eq!(dimensions(&png), (WIDTH, HEIGHT));
    // Compressed but not blank: a white canvas alone would be a few hundred bytes.
    assert!(
        png.len() > 5_000 && png.len() < 500_000,
        "{} bytes",
        png.len()
    );
}

#[test]
fn an_empty_coverage_still_draws() {
    let mut empty = sample();
    empty.areas.iter_mut().for_each(|c| c.count = 0);
    empty.total_entries = 0;
    let png = coverage_chart_png(&empty, "").unwrap();
    assert_eq!(png[..8], PNG_SIGNATURE);
}

#[test]
fn bars_put_domains_first_and_leave_a_gap_before_themes() {
    let slots: Vec<(usize, AreaKind)> = bars(&sample()).iter().map(|b| (b.slot, b.kind)).collect();
    assert_eq!(slots[5], (5, AreaKind::Domain));
    assert_eq!(slots[6], (7, AreaKind::Theme));
    assert_eq!(slots.last(), Some(&(SLOTS - 1, AreaKind::Theme)));
}
