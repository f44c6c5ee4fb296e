//! Dates of birth. A date on its own is not one: case discussions are full of clinic, meeting
//! and journal-club dates ("journal club on 12/03/2026"). A date is a date of birth when
//!
//! - birth is named just before it, with at most a few words between and none of them about
//!   an event ("DOB: 12/03/1948", "born on the 3rd of May 1950", "check the dob, I have
//!   12/03/1948"; not "born at 36 weeks, seen 12/03/2026"), or just after it ("12.03.48
//!   (DOB)"); then a day and month without a year count too ("born 12 March");
//! - or it is a full date (with a year) right after a title and surname, with nothing but
//!   punctuation between ("Mrs Patel, 12/03/1948"): how a patient is written in a list.
//!
//! Numeric dates are read day first, as in the UK; ISO dates year first.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{captures_in_windows, window_after, window_before};
use super::{IdentifierKind, Span};

const MONTHS: &str = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?xi-u)
        \b(?P<iy>(?:19|20)[0-9]{{2}})-(?P<im>[01]?[0-9])-(?P<id>[0-3]?[0-9])\b
        | \b(?P<nd>[0-3]?[0-9])[/.-](?P<nm>[01]?[0-9])(?:[/.-](?P<ny>(?:19|20)[0-9]{{2}}|[0-9]{{2}}))?\b
        | \b(?P<td>[0-3]?[0-9])(?:st|nd|rd|th)?(?:\x20+of)?\x20+(?P<tm>{MONTHS})\b\.?
            (?:,?\x20+(?P<ty>(?:19|20)[0-9]{{2}}|'[0-9]{{2}})\b)?
        | \b(?P<um>{MONTHS})\b\.?\x20+(?P<ud>[0-3]?[0-9])(?:st|nd|rd|th)?\b
            (?:,?\x20+(?P<uy>(?:19|20)[0-9]{{2}})\b)?
        | \b(?P<vm>{MONTHS})\b\.?\x20+(?P<vy>(?:19|20)[0-9]{{2}})\b"
    );
    Regex::new(&pattern).expect("date regex")
});

/// Birth named before the date, then at most a few words ("DOB 12/03/1948", "born on the 3rd
/// of May 1950", "check the dob, I have 12/03/1948"): the gap is checked by [`birth_gap_ok`].
static BIRTH_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?: d \.? \x20? o \.? \x20? b | date \s+ of \s+ birth | birth \s? date | birthday | born )\b \.?",
    )
    .expect("birth-context regex")
});

/// Words that put a date on an event, not a birth ("born at 36 weeks, seen 12/03/2026").
static EVENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)\b(?: seen | admitted | admission | discharged | discharge | died | date | dated | clinic | appointment | appt | meeting
            | mdt | journal | club | teaching | review | reviewed | deadline | session | round
            | rota | visit | visited | booked | due | scan | op | surgery | until | from | since
            | last | next )\b",
    )
    .expect("event regex")
});

/// Between birth named and the date: no clause break, at most four words, none about an event.
fn birth_gap_ok(gap: &str) -> bool {
    gap.len() <= 30
        && !gap.contains(|c: char| c.is_ascii_digit() || ".;!?".contains(c))
        && gap.split_whitespace().count() <= 4
        && !EVENT.is_match(gap)
}

static BIRTH_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s,]*[(\[]?\s*(?:dob|d\.o\.b\.?|date\s+of\s+birth|born|birthday)\b")
        .expect("birth-context regex")
});

/// Between a title + surname and its date: a possessive and punctuation only.
static NAME_GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:['’]s)?[\s,:;()\[\]/-]{1,6}$").expect("name-gap regex"));

/// Appends every date of birth in `text`; `names` are the title + surname findings, sorted.
///
/// Dates are read only near a birth word or right after a name, since nowhere else can one
/// qualify: reading every number of a long message as a possible date would be the costliest
/// step of the whole scan.
pub(super) fn find(text: &str, names: &[Span], out: &mut Vec<Span>) {
    let regions: Vec<(usize, usize)> = BIRTH_BEFORE
        .find_iter(text)
        .map(|word| (word.start().saturating_sub(40), word.end() + 48))
        .chain(names.iter().map(|name| (name.end, name.end + 24)))
        .map(|(start, end)| {
            let end = end.min(text.len());
            (
                text.floor_char_boundary(start),
                text.ceil_char_boundary(end),
            )
        })
        .collect();
    captures_in_windows(text, &DATE, 32, regions, |caps| {
        let Some(whole) = caps.get(0) else { return };
        if is_date_of_birth(text, &caps, whole.start(), whole.end(), names) {
            out.push(Span {
                start: whole.start(),
                end: whole.end(),
                kind: IdentifierKind::DateOfBirth,
            });
        }
    });
}

fn is_date_of_birth(
    text: &str,
    caps: &regex::Captures<'_>,
    start: usize,
    end: usize,
    names: &[Span],
) -> bool {
    let Some(date) = parse(caps) else {
        return false;
    };
    let before = window_before(text, start, 48);
    let birth_named = BIRTH_BEFORE
        .find_iter(before)
        .last()
        .is_some_and(|word| birth_gap_ok(&before[word.end()..]))
        || BIRTH_AFTER.is_match(window_after(text, end, 24));
    let after_name = date.has_year
        && names.iter().any(|name| {
            name.end <= start
                && text
                    .get(name.end..start)
                    .is_some_and(|gap| NAME_GAP.is_match(gap))
        });
    // A month and year alone ("born in March 1948") is a date of birth only when named so.
    birth_named && (date.has_day || date.has_year) || after_name && date.has_day
}

struct Date {
    has_day: bool,
    has_year: bool,
}

/// The date's parts, or `None` when the day or month is out of range (48/13 is not a date).
fn parse(caps: &regex::Captures<'_>) -> Option<Date> {
    let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let month_name = |name: &str| {
        caps.name(name).and_then(|m| {
            let lower = m.as_str().to_ascii_lowercase();
            let months = [
                "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
            ];
            months
                .iter()
                .position(|p| lower.starts_with(p))
                .map(|i| i as u32 + 1)
        })
    };
    let (day, month, year) = if caps.name("iy").is_some() {
        (number("id"), number("im"), caps.name("iy"))
    } else if caps.name("nd").is_some() {
        (number("nd"), number("nm"), caps.name("ny"))
    } else if caps.name("td").is_some() {
        (number("td"), month_name("tm"), caps.name("ty"))
    } else if caps.name("um").is_some() {
        (number("ud"), month_name("um"), caps.name("uy"))
    } else {
        (Some(1), month_name("vm"), caps.name("vy"))
    };
    let (day, month) = (day?, month?);
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return None;
    }
    Some(Date {
        has_day: caps.name("vm").is_none(),
        has_year: year.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut names = Vec::new();
        super::super::names::find(text, &mut names);
        let mut out = Vec::new();
        find(text, &names, &mut out);
        out.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn dates_with_birth_context_are_found() {
        for (text, date) in [
            ("DOB: 12/03/1948", "12/03/1948"),
            ("dob 12.3.48 on warfarin", "12.3.48"),
            ("d.o.b. 1948-03-12", "1948-03-12"),
            ("born on the 3rd of May 1950", "3rd of May 1950"),
            ("date of birth is March 12, 1948", "March 12, 1948"),
            ("born 12 March", "12 March"),
            ("12/03/1948 (DOB)", "12/03/1948"),
            ("born in March 1948", "March 1948"),
            ("check the dob, I have 26/06/1954", "26/06/1954"),
            ("Mrs Patel, 12/03/1948, lives", "12/03/1948"),
            ("Mr J. O'Neill (01.02.1939)", "01.02.1939"),
        ] {
            assert_eq!(found(text), vec![date], "{text}");
        }
    }

    #[test]
    fn meeting_clinic_and_journal_club_dates_are_not() {
        for text in [
            "journal club on 12/03/2026",
            "clinic 12/03/2026 with Mrs Patel",
            "Mrs Patel's appointment on 12/03/2026",
            "no DOBs please. Teaching 4/5/2026",
            "born at 36 weeks, seen 12/03/2026",
            "DOB 48/13/1948",
            "eGFR 45 on 12/3",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
