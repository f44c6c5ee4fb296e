//! National Insurance numbers: two prefix letters, six digits (often spaced in pairs) and a
//! suffix letter A–D.
//!
//! HMRC's prefix rules: the first letter is never D, F, I, Q, U or V; the second never D, F, I,
//! O, Q, U or V; and BG, GB, KN, NK, NT, TN and ZZ are never issued. Written in capitals the
//! number is a finding as it stands. Two lower-case letters and six digits are common in
//! ordinary text ("on 12 34 56"), so lower case, or a number without its suffix, counts only
//! when National Insurance is named just before it.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::text::{captures_in_windows, window_before};
use super::{IdentifierKind, Span};

static NINO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi-u) \b
        (?P<prefix>[A-Z]{2}) \x20?
        [0-9]{2} \x20? [0-9]{2} \x20? [0-9]{2}
        (?: \x20? (?P<suffix>[A-D]) )? \b",
    )
    .expect("NINO regex")
});

static NI_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:ni|nino|nin|national\s+insurance)\b[^0-9]{0,20}$").expect("NI regex")
});

const NEVER_ISSUED: &[&str] = &["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"];

/// Appends every National Insurance number in `text`.
pub(super) fn find(text: &str, digit_runs: &[Range<usize>], out: &mut Vec<Span>) {
    captures_in_windows(text, &NINO, 16, candidates(text, digit_runs), |caps| {
        let (Some(whole), Some(prefix)) = (caps.get(0), caps.name("prefix")) else {
            return;
        };
        if !prefix_valid(prefix.as_str()) {
            return;
        }
        let capitals = !whole.as_str().chars().any(|c| c.is_ascii_lowercase());
        let complete = caps.name("suffix").is_some();
        if (capitals && complete) || NI_CONTEXT.is_match(window_before(text, whole.start(), 40)) {
            out.push(Span {
                start: whole.start(),
                end: whole.end(),
                kind: IdentifierKind::Nino,
            });
        }
    });
}

/// Where a number could be: six digits (spaced or not) right after a letter or a letter and a
/// space. Reading only there keeps the scan quick, as the pattern starts at every word.
fn candidates(text: &str, digit_runs: &[Range<usize>]) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let after_letter = |i: usize| match i.checked_sub(1).map(|j| bytes[j]) {
        Some(b' ') => i >= 2 && bytes[i - 2].is_ascii_alphabetic(),
        Some(b) => b.is_ascii_alphabetic(),
        None => false,
    };
    let six_digits = |i: usize| {
        let run = bytes[i..]
            .iter()
            .take(8)
            .take_while(|b| b.is_ascii_digit() || **b == b' ');
        run.filter(|b| b.is_ascii_digit()).count() == 6
    };
    digit_runs
        .iter()
        .filter(|run| after_letter(run.start) && six_digits(run.start))
        .map(|run| (run.start.saturating_sub(3), run.start))
        .collect()
}

fn prefix_valid(prefix: &str) -> bool {
    let upper = prefix.to_ascii_uppercase();
    let mut letters = upper.chars();
    let (Some(first), Some(second)) = (letters.next(), letters.next()) else {
        return false;
    };
    !"DFIQUV".contains(first) && !"DFIOQUV".contains(second) && !NEVER_ISSUED.contains(&&*upper)
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
    fn spaced_and_unspaced_numbers_are_found() {
        for text in [
            "AB 12 34 56 C",
            "AB123456C",
            "JG 123456 A",
            "NI number ab123456c",
        ] {
            let hits = found(text);
            assert_eq!(hits.len(), 1, "{text}: {hits:?}");
        }
        assert_eq!(found("NI: PR 12 34 56"), vec!["PR 12 34 56"]);
    }

    #[test]
    fn invalid_prefixes_and_lower_case_without_context_are_not() {
        for text in [
            "QQ 12 34 56 C",
            "GB123456A",
            "AO123456B",
            "on 12 34 56 a",
            "AB123456",
            "DA123456A",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
