//! NHS numbers: ten digits written whole or grouped 3-3-4 (also 3-7 and 6-4, as people type
//! them), with spaces or dashes, whose tenth digit is the modulus-11 check digit of the first
//! nine.
//!
//! A ten-digit number with a valid check digit is a finding even without the words "NHS
//! number": the check passes for about one random number in eleven, so a number that passes is
//! far more likely an NHS number than chance, and missing a real one is the worse mistake. The
//! exceptions are numbers labelled as something else (a Datix or incident reference, an order or
//! a bleep), unless the NHS is named too. The other way round, ten digits labelled "NHS number"
//! are a finding even when the check fails: a mistyped NHS number still points at the patient.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::text::{number_stands_alone, window_after, window_before};
use super::{IdentifierKind, Span};

/// Group lengths that make an NHS number: the standard 3-3-4 and the ways people shorten it.
const GROUPINGS: &[&[usize]] = &[&[3, 3, 4], &[3, 7], &[6, 4], &[10]];

/// The NHS (or Scotland's CHI, the same shape and check) named just before the number.
static NHS_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:nhs|chi)\b[^0-9]{0,24}$").expect("NHS context regex"));

/// "(NHS no.)" just after the number.
static NHS_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^[\s(\[,:-]{0,3}(?:nhs|chi)\b").expect("NHS context regex"));

/// A label saying the number is something else: a reference of some system, an order, a bleep.
static OTHER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?: datix | incident | inc | ref | reference | order | bleep | ext | extension
            | pager | batch | lot | serial | ticket | invoice | job | request | log | claim
            | tracking | barcode | isbn | doi | pmid ) \b
          [\s.:\#-]{0,3} (?: (?: no | number | num | id | ref ) \b [\s.:\#-]{0,3} )? $",
    )
    .expect("other-label regex")
});

/// Appends every NHS number in `text`.
pub(super) fn find(text: &str, runs: &[Range<usize>], out: &mut Vec<Span>) {
    let mut i = 0;
    while i < runs.len() {
        match longest_at(text, &runs[i..]) {
            Some((used, span)) => {
                out.push(span);
                i += used;
            }
            None => i += 1,
        }
    }
}

/// The longest grouping starting at `runs[0]` that is an NHS number, with how many runs it used.
fn longest_at(text: &str, runs: &[Range<usize>]) -> Option<(usize, Span)> {
    GROUPINGS.iter().find_map(|grouping| {
        let groups = runs.get(..grouping.len())?;
        let shaped = groups.iter().zip(*grouping).all(|(r, &len)| r.len() == len)
            && groups
                .windows(2)
                .all(|pair| matches!(&text[pair[0].end..pair[1].start], " " | "-"));
        if !shaped {
            return None;
        }
        let (start, end) = (groups[0].start, groups[grouping.len() - 1].end);
        if !number_stands_alone(text, start, end) {
            return None;
        }
        let digits: Vec<u8> = text[start..end]
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0')
            .collect();
        let named = NHS_BEFORE.is_match(window_before(text, start, 40))
            || NHS_AFTER.is_match(window_after(text, end, 12));
        let labelled_other = OTHER_LABEL.is_match(window_before(text, start, 32));
        let plausible = check_digit_valid(&digits) && !repeated_digit(&digits);
        (named || (plausible && !labelled_other)).then(|| {
            let span = Span {
                start,
                end,
                kind: IdentifierKind::NhsNumber,
            };
            (grouping.len(), span)
        })
    })
}

/// The modulus-11 check: weights 10 down to 2 on the first nine digits; 11 minus the remainder
/// is the check digit, 11 counts as 0 and 10 means no number was ever issued.
pub fn check_digit_valid(digits: &[u8]) -> bool {
    let [first @ .., check] = digits else {
        return false;
    };
    if first.len() != 9 {
        return false;
    }
    let sum: u32 = first
        .iter()
        .zip((2..=10u32).rev())
        .map(|(&d, w)| u32::from(d) * w)
        .sum();
    match 11 - sum % 11 {
        11 => *check == 0,
        10 => false,
        expected => u32::from(*check) == expected,
    }
}

/// `0000000000` and `1111111111` pass the check but are placeholders, not numbers.
fn repeated_digit(digits: &[u8]) -> bool {
    digits.windows(2).all(|pair| pair[0] == pair[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(text, &super::super::text::digit_runs(text), &mut out);
        out.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn the_check_digit_is_modulus_11() {
        let digits = |s: &str| s.bytes().map(|b| b - b'0').collect::<Vec<_>>();
        assert!(check_digit_valid(&digits("9434765919")));
        assert!(check_digit_valid(&digits("4010232137")));
        assert!(!check_digit_valid(&digits("9434765918")));
        assert!(!check_digit_valid(&digits("943476591")));
    }

    #[test]
    fn every_common_grouping_is_found() {
        for text in [
            "9434765919",
            "943 476 5919",
            "943-476-5919",
            "943 4765919",
            "943476 5919",
        ] {
            assert_eq!(found(&format!("pt {text}.")), vec![text], "{text}");
        }
    }

    #[test]
    fn the_nhs_named_overrides_the_check_and_other_labels_need_it() {
        assert_eq!(found("NHS no: 943 476 5918"), vec!["943 476 5918"]);
        assert!(found("Datix ref 9434765919").is_empty());
        assert_eq!(found("Datix for NHS number 9434765919"), vec!["9434765919"]);
        assert!(found("x 9434765918 y 0000000000").is_empty());
    }

    #[test]
    fn longer_numbers_and_decimals_are_not_nhs_numbers() {
        assert!(found("123456789012345678").is_empty());
        assert!(found("19434765919 9434765919.5 a9434765919").is_empty());
    }
}
