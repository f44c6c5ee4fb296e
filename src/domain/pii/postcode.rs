//! UK postcodes: an outward code (area, district, and sometimes a sub-district letter) and an
//! inward code (a digit and two letters), with or without the space, in any case.
//!
//! The area must be one of the UK's postcode areas. That costs no real postcode (every one has
//! such an area) and keeps well-shaped strings that are not postcodes out: guideline codes
//! (NG136 has no inward part), training grades with ordinals ("ST3 2nd rotation" in lower
//! case) and the like. The letters follow Royal Mail's rules: a sub-district letter after a
//! one-letter area is one of A–H, J, K, P, S, T, U, W; after a two-letter area one of A, B, E,
//! H, M, N, P, R, V, W, X, Y; the inward letters never include C, I, K, M, O or V. A district
//! on its own ("lives in NG7") is not a finding: it covers thousands of households.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::text::captures_in_windows;
use super::{IdentifierKind, Span};

/// The postcode areas of the UK and the Crown dependencies.
const AREAS: &[&str] = &[
    "AB", "AL", "B", "BA", "BB", "BD", "BF", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF",
    "CH", "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY",
    "E", "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "GY", "HA", "HD", "HG", "HP", "HR",
    "HS", "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L", "LA", "LD", "LE",
    "LL", "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW", "OL",
    "OX", "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK", "SL",
    "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS",
    "TW", "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
];

/// The shape only; the area is checked against [`AREAS`] afterwards. (An alternation of the
/// areas in the pattern gives the search a prefilter that fires at nearly every word and makes
/// it several times slower.)
static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi-u) \b (?:
            (?P<area>[A-Z]{1,2}) (?P<district>[0-9][0-9A-Z]?)
            (?: \x20 | (?u:\x{A0}) )?
            (?P<inward>[0-9][ABD-HJLNP-UW-Z]{2})
          | GIR \x20? 0AA ) \b",
    )
    .expect("postcode regex")
});

/// Appends every UK postcode in `text`.
pub(super) fn find(text: &str, digit_runs: &[Range<usize>], out: &mut Vec<Span>) {
    captures_in_windows(
        text,
        &POSTCODE,
        3,
        inward_candidates(text, digit_runs),
        |caps| {
            let Some(whole) = caps.get(0) else { return };
            let valid = match (
                caps.name("area"),
                caps.name("district"),
                caps.name("inward"),
            ) {
                (Some(area), Some(district), Some(inward)) => {
                    AREAS.contains(&area.as_str().to_ascii_uppercase().as_str())
                        && district_valid(area.as_str(), district.as_str())
                        && !looks_like_ordinal_or_unit(whole.as_str(), inward.as_str())
                }
                _ => true, // GIR 0AA
            };
            if valid {
                out.push(Span {
                    start: whole.start(),
                    end: whole.end(),
                    kind: IdentifierKind::Postcode,
                });
            }
        },
    );
}

/// Where a postcode could be: before each digit run whose last digit is followed by two inward
/// letters that end a word. Ordinary chat seldom has one ("500mg" and "486ms" fail on the
/// letters), and reading only there is what keeps the scan quick: the postcode pattern would
/// start at every word otherwise.
fn inward_candidates(text: &str, digit_runs: &[Range<usize>]) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let inward_letter = |i: usize| {
        bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_alphabetic() && !b"CIKMOVcikmov".contains(b))
    };
    digit_runs
        .iter()
        .map(|run| run.end - 1)
        .filter(|&i| {
            inward_letter(i + 1)
                && inward_letter(i + 2)
                && bytes.get(i + 3).is_none_or(|b| !b.is_ascii_alphanumeric())
        })
        // The outward code and the space come before: at most 4 characters and a no-break space.
        .map(|i| (i.saturating_sub(7), i + 1))
        .collect()
}

/// A district is a digit and an optional second digit or sub-district letter.
fn district_valid(area: &str, district: &str) -> bool {
    let Some(letter) = district
        .chars()
        .nth(1)
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_uppercase())
    else {
        return true;
    };
    let allowed = if area.len() == 1 {
        "ABCDEFGHJKPSTUW"
    } else {
        "ABEHMNPRVWXY"
    };
    allowed.contains(letter)
}

/// In lower or mixed case, an inward code like `2nd` or `4hr` is an ordinal or a unit of time
/// after a grade or a code ("ST3 2nd rotation"), not a postcode. Written in capitals it is kept.
fn looks_like_ordinal_or_unit(whole: &str, inward: &str) -> bool {
    if !whole.chars().any(|c| c.is_ascii_lowercase()) {
        return false;
    }
    let letters = inward[1..].to_ascii_lowercase();
    let ordinal = match &inward[..1] {
        "1" => "st",
        "2" => "nd",
        "3" => "rd",
        _ => "th",
    };
    letters == ordinal || ["hr", "wk", "yr"].contains(&letters.as_str())
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
    fn every_outward_form_with_and_without_the_space_in_any_case() {
        for text in [
            "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB", "SW1A 2AA",
            "LS11 5RT", "BA13AB", "ec1a1bb", "nw1 6xe", "GIR 0AA",
        ] {
            assert_eq!(found(&format!("lives at {text}, ok")), vec![text], "{text}");
        }
    }

    #[test]
    fn codes_grades_and_invalid_letters_are_not_postcodes() {
        for text in [
            "NG136 and CG181",
            "she is ST3 2nd rotation",
            "lives in NG7",
            "XY1 2AB",
            "M1 1AC",
            "EC1I 1BB",
            "QA1 1AA",
            "B12 deficiency",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
