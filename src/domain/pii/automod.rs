//! Discord AutoMod rules for the clearest identifiers, so Discord blocks them before a message
//! is even posted (`/case setup` creates the rule; see issue 11).
//!
//! AutoMod runs Rust-flavoured regular expressions, at most 10 per rule and 260 characters each,
//! and a keyword list of at most 1000 entries of 60 characters. It cannot compute a check digit
//! or look at context, so it gets only shapes that are identifiers on their own: the NHS
//! number's 3-3-4 grouping (and ten digits after "NHS"), a full postcode in capitals, a
//! National Insurance number in capitals, a UK mobile and an email address; and the deployment's
//! place names as keywords. Everything else (unspaced NHS numbers found by their check digit,
//! dates of birth, names, landlines, lower-case postcodes) is left to the bot's own scan, which
//! still runs on every message AutoMod lets through: these rules are a first net, not the guard.

use super::IdentifierKind;

/// Discord's limits for a keyword rule's trigger metadata.
pub const MAX_REGEX_PATTERNS: usize = 10;
pub const MAX_REGEX_PATTERN_CHARS: usize = 260;
pub const MAX_KEYWORDS: usize = 1000;
pub const MAX_KEYWORD_CHARS: usize = 60;

/// One AutoMod regex and the kind of identifier it blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AutoModPattern {
    pub kind: IdentifierKind,
    pub pattern: &'static str,
}

/// The patterns, each within Discord's limits (checked by the tests below).
pub const PATTERNS: &[AutoModPattern] = &[
    AutoModPattern {
        kind: IdentifierKind::NhsNumber,
        // 3-3-4 with spaces or dashes: how NHS numbers are printed, and no UK phone grouping.
        pattern: r"\b[0-9]{3}[ -][0-9]{3}[ -][0-9]{4}\b",
    },
    AutoModPattern {
        kind: IdentifierKind::NhsNumber,
        pattern: r"(?i)\b(?:nhs|chi)\W{0,3}(?:no|num|number|#)?\W{0,3}[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}\b",
    },
    AutoModPattern {
        kind: IdentifierKind::Postcode,
        // Royal Mail's letter rules; capitals only, since "st3 2nd" in lower case is a grade.
        pattern: r"\b(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRV-Y]?) ?[0-9][ABD-HJLNP-UW-Z]{2}\b",
    },
    AutoModPattern {
        kind: IdentifierKind::Nino,
        pattern: r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]\b",
    },
    AutoModPattern {
        kind: IdentifierKind::Phone,
        pattern: r"(?:\+44 ?(?:\(0\) ?)?|\b0)7[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{3}\b",
    },
    AutoModPattern {
        kind: IdentifierKind::Email,
        pattern: r"(?i)\b[a-z0-9._%+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}\b",
    },
];

/// A keyword rule's trigger metadata: the regexes and the place names as keywords.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeywordRule {
    pub regex_patterns: Vec<String>,
    pub keyword_filter: Vec<String>,
    /// Place names left out: longer than 60 characters, or past the 1000th. The bot's scan
    /// still finds them.
    pub places_left_out: usize,
}

/// The rule for a deployment with these place names. AutoMod matches a keyword as a whole word
/// ignoring case; `*` is its wildcard, so it is taken out of names.
pub fn keyword_rule(places: &[String]) -> KeywordRule {
    let mut keyword_filter: Vec<String> = Vec::new();
    let mut left_out = 0;
    for place in places {
        let keyword = place.replace('*', " ");
        let keyword = keyword.split_whitespace().collect::<Vec<_>>().join(" ");
        if keyword.is_empty() || keyword_filter.contains(&keyword) {
            continue;
        }
        if keyword.chars().count() > MAX_KEYWORD_CHARS || keyword_filter.len() == MAX_KEYWORDS {
            left_out += 1;
            continue;
        }
        keyword_filter.push(keyword);
    }
    KeywordRule {
        regex_patterns: PATTERNS.iter().map(|p| p.pattern.to_owned()).collect(),
        keyword_filter,
        places_left_out: left_out,
    }
}

#[cfg(test)]
mod tests {
    use regex::Regex;

    use super::*;

    fn compiled(kind: IdentifierKind) -> Vec<Regex> {
        PATTERNS
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| Regex::new(p.pattern).expect("compiles"))
            .collect()
    }

    fn blocked(text: &str) -> Vec<IdentifierKind> {
        PATTERNS
            .iter()
            .filter(|p| Regex::new(p.pattern).expect("compiles").is_match(text))
            .map(|p| p.kind)
            .collect()
    }

    #[test]
    fn the_patterns_fit_discords_limits_and_compile() {
        assert!(PATTERNS.len() <= MAX_REGEX_PATTERNS);
        for p in PATTERNS {
            assert!(
                p.pattern.chars().count() <= MAX_REGEX_PATTERN_CHARS,
                "{} chars: {}",
                p.pattern.chars().count(),
                p.pattern
            );
            Regex::new(p.pattern).expect("compiles with the regex crate");
        }
    }

    #[test]
    fn each_pattern_blocks_its_examples() {
        let examples = [
            (
                IdentifierKind::NhsNumber,
                &["943 476 5919", "943-476-5919", "NHS no: 9434765919"][..],
            ),
            (
                IdentifierKind::Postcode,
                &["SW1A 1AA", "M1 1AE", "EC1A1BB", "B33 8TH"],
            ),
            (IdentifierKind::Nino, &["AB 12 34 56 C", "JG123456A"]),
            (
                IdentifierKind::Phone,
                &["07700 900123", "+44 7700 900123", "07700-900-123"],
            ),
            (
                IdentifierKind::Email,
                &["jo.bloggs@nhs.net", "a.o'neill@example.co.uk"],
            ),
        ];
        for (kind, texts) in examples {
            let patterns = compiled(kind);
            for text in texts {
                let line = format!("see {text} thanks");
                assert!(
                    patterns.iter().any(|p| p.is_match(&line)),
                    "{kind:?}: {text}"
                );
            }
        }
    }

    #[test]
    fn the_hard_negatives_pass() {
        for text in [
            "500mg bd, 2.5 mg od",
            "Hb 98, eGFR 45, K+ 5.2",
            "at 0830, 13:10 and 1310",
            "bleep 4432 or ext 2231",
            "Datix 123456 and INC-2026-0042",
            "NG136 and CG181 say",
            "ask <@123456789012345678> in <#123456789012345678> or <@&123456789012345678>",
            "journal club on 12/03/2026",
            "she is an st3 2nd rotation",
            "0800 123 4567 is the helpline",
            "https://discord.com/channels/123456789012345678/123456789012345678",
        ] {
            assert!(blocked(text).is_empty(), "{text}: {:?}", blocked(text));
        }
    }

    #[test]
    fn places_become_keywords_within_the_limits() {
        let mut places: Vec<String> = (0..1200).map(|i| format!("Place {i}")).collect();
        places.push("x".repeat(61));
        places.push("Oak*  Ward".into());
        places.push("Place 1".into());
        let rule = keyword_rule(&places);
        assert_eq!(rule.keyword_filter.len(), MAX_KEYWORDS);
        assert!(
            rule.keyword_filter
                .iter()
                .all(|k| k.chars().count() <= MAX_KEYWORD_CHARS)
        );
        assert_eq!(rule.places_left_out, 202);
        assert!(rule.regex_patterns.len() <= MAX_REGEX_PATTERNS);
        let small = keyword_rule(&["Oak*  Ward".to_owned(), " ".to_owned()]);
        assert_eq!(small.keyword_filter, ["Oak Ward"]);
    }
}
