//! The anonymisation guard's scanner: finds patient identifiers in chat text so the bot can
//! remove a message before it stays on Discord, and tell the author what to take out.
//!
//! What it finds, each in its own file with the reasons for its rules: NHS numbers with their
//! modulus-11 check ([`nhs_number`]), dates of birth ([`dates`]), UK postcodes ([`postcode`]),
//! UK phone numbers ([`phone`]), emails ([`email`]), National Insurance numbers ([`nino`]), a
//! title with a surname ([`names`]) and the places a deployment configures ([`places`]).
//!
//! The hard part is what it must *not* find, because a guard that deletes ordinary clinical
//! chat gets switched off: doses (500mg), lab values (K+ 5.2, eGFR 45), times (0830, 13:10),
//! bleeps and extensions, Datix numbers, guideline codes (NG136), Discord mentions and links
//! (whose 17–20-digit snowflakes must never read as numbers) and the dates of clinics and
//! meetings. So every detector wants a strict shape (a check digit, a real postcode area, a
//! full national phone length) or the context that makes a weak shape an identifier (a date is
//! a date of birth only next to "DOB" or a patient's name). Mentions and links are cut out
//! before anything is read ([`text::protected`]).
//!
//! Pure and quick: the regular expressions compile once (statics, and the places when the
//! [`Scanner`] is built), a scan is a few linear passes, and nothing is kept or logged. Offsets
//! are bytes; [`char_spans`] converts them to code points. [`automod`] gives the subset Discord's
//! AutoMod can block before a message is even posted.

pub mod automod;
mod dates;
mod email;
mod kind;
mod mask;
mod names;
pub mod nhs_number;
mod nino;
mod phone;
mod places;
mod postcode;
mod text;

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;

pub use kind::IdentifierKind;
pub use mask::{CharSpan, char_spans, mask};
pub use places::PlacesError;

/// One finding: bytes `start..end` of the scanned text are an identifier of `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: IdentifierKind,
}

/// The scanner, with the deployment's place names compiled in. Build it once and share it.
#[derive(Debug, Clone)]
pub struct Scanner {
    places: places::Places,
}

impl Scanner {
    /// A scanner that also finds `places` (wards, hospitals, villages; blank names are ignored).
    /// Fails only for a list too large to compile into one matcher.
    pub fn new(places: &[String]) -> Result<Scanner, PlacesError> {
        Ok(Scanner {
            places: places::Places::new(places)?,
        })
    }

    /// Every identifier in `text`: byte offsets on character boundaries, sorted, not
    /// overlapping. Where two findings overlap, the stricter kind wins (an email over the name
    /// inside it; an NHS number over a phone) and, between equals, the longer.
    pub fn scan(&self, text: &str) -> Vec<Span> {
        let mut found = Vec::new();
        let digit_runs = text::digit_runs(text);
        nhs_number::find(text, &digit_runs, &mut found);
        phone::find(text, &mut found);
        postcode::find(text, &digit_runs, &mut found);
        email::find(text, &mut found);
        nino::find(text, &digit_runs, &mut found);
        let mut names = Vec::new();
        names::find(text, &mut names);
        dates::find(text, &names, &mut found);
        found.extend(names);
        self.places.find(text, &mut found);

        let protected = text::protected(text);
        found.retain(|span| !text::overlaps_any(&(span.start..span.end), &protected));
        resolve_overlaps(found)
    }
}

/// Keeps the best of each group of overlapping findings, in text order.
fn resolve_overlaps(mut found: Vec<Span>) -> Vec<Span> {
    found.sort_by_key(|s| (s.kind.rank(), std::cmp::Reverse(s.end - s.start), s.start));
    let mut kept: Vec<Span> = Vec::with_capacity(found.len());
    for span in found {
        if kept
            .iter()
            .all(|k| span.end <= k.start || span.start >= k.end)
        {
            kept.push(span);
        }
    }
    kept.sort_by_key(|s| s.start);
    kept
}
