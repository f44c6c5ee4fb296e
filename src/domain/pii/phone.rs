//! UK phone numbers: mobiles (07…), geographic and non-geographic numbers (01…, 02…, 03…),
//! written nationally or with +44 (and the "(0)" people keep), with spaces, dashes, dots or
//! brackets between the digits.
//!
//! The shape is read loosely and the count strictly: a national number has 11 digits (a few
//! 01 areas have 10), so times (0830), bleeps and extensions (4 or 5 digits) never qualify, and
//! a candidate touching more digits is part of a longer number (a snowflake, a list of times).
//! 08 and 09 numbers are services, not people, and are left alone.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{char_after, char_before};
use super::{IdentifierKind, Span};

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?: \+ \x20? 44 [\x20-]? (?: \(0\) [\x20-]? )? | \(0 | 0 )
        [1237]
        (?: [\x20.-]? \)? [\x20.-]? [0-9] ){8,9}",
    )
    .expect("phone regex")
});

/// A candidate that starts like a date (`01-03-2026 13…`) is a date followed by a time.
static DATE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}\b").expect("date-start regex")
});

/// Appends every UK phone number in `text`.
pub(super) fn find(text: &str, out: &mut Vec<Span>) {
    for m in PHONE.find_iter(text) {
        let candidate = m.as_str();
        let before = char_before(text, m.start());
        if before.is_some_and(|c| c.is_alphanumeric() || c == '+' || c == '_') {
            continue;
        }
        if char_after(text, m.end()).is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if DATE_START.is_match(candidate) {
            continue;
        }
        if national_length_fits(candidate) {
            out.push(Span {
                start: m.start(),
                end: m.end(),
                kind: IdentifierKind::Phone,
            });
        }
    }
}

/// Whether the digits, read as a national number (+44 and "(0)" become a leading 0), have the
/// length their prefix needs.
fn national_length_fits(candidate: &str) -> bool {
    let national: String = match candidate.strip_prefix('+') {
        Some(rest) => {
            let rest = rest.trim_start().strip_prefix("44").unwrap_or(rest);
            let rest = rest.replacen("(0)", "", 1);
            std::iter::once('0')
                .chain(rest.chars().filter(char::is_ascii_digit))
                .collect()
        }
        None => candidate.chars().filter(char::is_ascii_digit).collect(),
    };
    match national.as_bytes().get(1) {
        Some(b'1') => matches!(national.len(), 10 | 11),
        Some(b'2' | b'3' | b'7') => national.len() == 11,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(text, &mut out);
        out.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn the_usual_ways_of_writing_uk_numbers_are_found() {
        for text in [
            "07700 900123",
            "07700900123",
            "07700-900-123",
            "0770 090 0123",
            "020 7946 0958",
            "(020) 7946 0958",
            "0161 496 0000",
            "01632 960001",
            "(01632) 960001",
            "016977 3456",
            "+44 7700 900123",
            "+447700900123",
            "+44 (0)20 7946 0958",
            "+44 20 7946 0958",
            "0300 123 4567",
        ] {
            assert_eq!(found(&format!("call {text} today")), vec![text], "{text}");
        }
    }

    #[test]
    fn times_bleeps_services_dates_and_long_numbers_are_not_phones() {
        for text in [
            "at 0830 and 1310",
            "bleep 4432, ext 2231",
            "0800 123 4567 and 0845 46 47",
            "seen 01-03-2026 13:10",
            "id 1012345678901234567",
            "times 0130 0230 0330 0430",
            "07700 9001",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
