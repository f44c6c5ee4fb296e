//! A title and a surname: "Mrs Patel", "Mr J. O'Neill", "Ms Smith-Jones", "mrs patel".
//!
//! Only the titles a patient is addressed by count: Mr, Mrs, Ms, Mx, Miss and Master. "Dr",
//! "Prof", "Sister" and "Nurse" do not: in a case discussion they nearly always name a colleague
//! ("Dr Okafor suggested a trial without catheter"), which is ordinary teamwork, and the guard is
//! about patient-identifiable data (PRODUCT.md, "Case discussions"). Surgeons are "Mr" in the UK
//! and will be caught; the author can write "the consultant surgeon" instead, which is better
//! practice for a learning thread anyway.
//!
//! Placeholders are not names: "Mr X", "Mrs A", "Mrs AB" (one letter or bare initials) pass.
//! "Miss" and "Master" count only capitalised ("I miss Dr…" is a verb), and "MS" in capitals is
//! multiple sclerosis. "MR" or "MRS" in capitals names someone only before a surname in capitals
//! ("MR PATEL"): "MR Head" is a scan and "MRS screening" a swab. A lower-case surname counts only after a lower-case title ("mrs patel"),
//! as people type in chat, and never when it is an ordinary word ("mr and mrs").

use std::sync::LazyLock;

use regex::Regex;

use super::{IdentifierKind, Span};

static TITLE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?-u:\b)
        (?P<title> Mrs | MRS | mrs | Mr | MR | mr | Ms | Mx | Miss | MISS | Master )
        (?-u:\b) \.? [\x20\t]+
        (?: \p{Lu} (?: \. [\x20\t]* | [\x20\t]+ ) ){0,3}
        (?P<surname>
            (?: (?: van | von | de | da | di | du | del | della | der | den | le | la | al | el | ap ) [\x20]+ )?
            (?: Mc | Mac | O['’] | D['’] )? \p{Lu} \p{Ll}+ (?: [-'’] \p{Lu} \p{Ll}+ )?
          | \p{Lu}{3,} (?: - \p{Lu}{3,} )?
          | (?P<lower> \p{Ll}{2,} (?: - \p{Ll}{2,} )? )
        )",
    )
    .expect("title-name regex")
});

/// Words that follow a title without being a surname.
const NOT_SURNAMES: &[&str] = &[
    "and", "or", "the", "a", "an", "to", "of", "in", "on", "at", "is", "was", "has", "had", "have",
    "with", "who", "whom", "whose", "said", "says", "seemed", "seems", "did", "does", "not", "no",
    "yes", "he", "she", "they", "his", "her", "their", "would", "will", "can", "could", "should",
    "x", "y", "z", "mrs", "mr", "ms", "miss", "first", "last", "name", "names", "surname", "title",
    "titles", "then", "now", "also", "again", "being", "here", "there", "were", "came", "come",
    "went", "got", "gets", "felt", "feels", "told", "tells", "asked", "asks", "wanted", "wants",
    "looked", "looks", "needs", "needed", "lives", "lived", "really", "just", "so", "but", "if",
    "as", "for", "from", "by", "this", "that", "it", "its", "be", "been", "say", "thinks",
    "thought", "knows", "knew", "agreed", "refused", "declined",
];

/// Appends every title + surname in `text`.
pub(super) fn find(text: &str, out: &mut Vec<Span>) {
    for caps in TITLE_NAME.captures_iter(text) {
        let (Some(whole), Some(title), Some(surname)) =
            (caps.get(0), caps.name("title"), caps.name("surname"))
        else {
            continue;
        };
        let title_lower = title.as_str().chars().all(|c| c.is_ascii_lowercase());
        if caps.name("lower").is_some() && !title_lower {
            continue;
        }
        // "MR Head", "MR Spine": a magnetic resonance scan. A title in capitals names a
        // person only with the surname in capitals too ("MR PATEL").
        let title_caps = title.as_str().chars().all(|c| c.is_ascii_uppercase());
        if title_caps && surname.as_str().chars().any(char::is_lowercase) {
            continue;
        }
        if NOT_SURNAMES.contains(&surname.as_str().to_lowercase().as_str()) {
            continue;
        }
        out.push(Span {
            start: whole.start(),
            end: whole.end(),
            kind: IdentifierKind::PersonTitleName,
        });
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
    fn titles_with_surnames_initials_and_particles_are_found() {
        for (text, name) in [
            ("saw Mrs Patel today", "Mrs Patel"),
            ("Mr J. O'Neill was", "Mr J. O'Neill"),
            ("Ms Smith-Jones's", "Ms Smith-Jones"),
            ("Mrs. McDonald", "Mrs. McDonald"),
            ("mrs patel rang", "mrs patel"),
            ("Mr van Dijk", "Mr van Dijk"),
            ("Mr JONES", "Mr JONES"),
            ("Mx Nuñez", "Mx Nuñez"),
            ("Miss Okoro", "Miss Okoro"),
        ] {
            assert_eq!(found(text), vec![name], "{text}");
        }
    }

    #[test]
    fn colleagues_placeholders_and_ordinary_words_are_not() {
        for text in [
            "Dr Okafor suggested it",
            "Mr X, 67, with COPD",
            "Mrs A was seen",
            "Mrs AB presented",
            "mr and mrs came",
            "I miss Dr Khan",
            "MS Patel",
            "MR Head booked",
            "MRS screening",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
