//! Does a text trip a KEYWORD rule? Keywords with Discord's wildcard strategies, regex patterns,
//! and the allow list, all case-insensitive.
//!
//! Discord documents four keyword strategies, which this follows:
//!
//! | keyword   | strategy   | matches when the keyword…                         |
//! |-----------|------------|---------------------------------------------------|
//! | `cat`     | whole word | stands alone: a boundary on both sides            |
//! | `cat*`    | prefix     | starts a word: a boundary before it               |
//! | `*cat`    | suffix     | ends a word: a boundary after it                  |
//! | `*cat*`   | anywhere   | appears anywhere, inside words too                |
//!
//! A *boundary* is the start or end of the text or a character that is neither a letter nor a
//! digit. Discord's page says "surrounded by whitespace"; counting punctuation as well is our
//! choice, so `cat.` and `(cat)` match `cat` as a reader would expect. A keyword may be a
//! phrase; its inner spaces must match the text's exactly (case aside). Keywords are
//! compiled once per rule (escaped, case-insensitive), so a hit reports the text as written.
//!
//! Regex patterns are compiled once, case-insensitive, with the `regex` crate (Discord runs
//! Rust-flavoured regex) and searched anywhere in the text.
//!
//! The allow list uses the keyword strategies too. A hit that lies wholly inside an allowed
//! span is ignored; every hit is considered, not just the first, so an allowed word early in
//! the text never hides a blocked one later.

use regex::{Regex, RegexBuilder};

/// What tripped a rule: the keyword or pattern as configured, and the text it matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub keyword: String,
    pub matched: String,
}

/// Compiles a pattern as AutoMod would run it; `Err` is the compiler's message.
pub(crate) fn compile(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .build()
        .map_err(|e| {
            e.to_string()
                .lines()
                .last()
                .unwrap_or_default()
                .trim()
                .to_owned()
        })
}

/// One keyword, compiled once when its rule is saved.
#[derive(Clone, Debug)]
struct Keyword {
    text: String,
    /// The keyword without its wildcards, escaped, case-insensitive.
    core: Regex,
    starts_wild: bool,
    ends_wild: bool,
}

impl Keyword {
    fn new(text: &str) -> Option<Keyword> {
        let starts_wild = text.starts_with('*');
        let ends_wild = text.len() > 1 && text.ends_with('*');
        let core = text.trim_start_matches('*').trim_end_matches('*');
        if core.is_empty() {
            return None;
        }
        let core = compile(&regex::escape(core)).ok()?;
        Some(Keyword {
            text: text.to_owned(),
            core,
            starts_wild,
            ends_wild,
        })
    }

    /// Byte spans of `text` where this keyword matches by its strategy.
    fn spans<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize)> + 't {
        self.core
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .filter(move |&(start, end)| {
                (self.starts_wild || boundary_before(text, start))
                    && (self.ends_wild || boundary_after(text, end))
            })
    }
}

/// A rule's trigger metadata, ready to run.
#[derive(Clone, Debug, Default)]
pub(crate) struct Matcher {
    keywords: Vec<Keyword>,
    patterns: Vec<Regex>,
    allow: Vec<Keyword>,
}

impl Matcher {
    /// Patterns must already have been checked to compile (see [`compile`]).
    pub(crate) fn new(keywords: &[String], patterns: &[String], allow: &[String]) -> Matcher {
        Matcher {
            keywords: keywords.iter().filter_map(|k| Keyword::new(k)).collect(),
            patterns: patterns.iter().filter_map(|p| compile(p).ok()).collect(),
            allow: allow.iter().filter_map(|k| Keyword::new(k)).collect(),
        }
    }

    /// The first keyword, then pattern, hit in `text` that the allow list does not cover.
    pub(crate) fn first_hit(&self, text: &str) -> Option<Hit> {
        let allowed: Vec<(usize, usize)> = self.allow.iter().flat_map(|k| k.spans(text)).collect();
        let free = |span: &(usize, usize)| !allowed.iter().any(|a| a.0 <= span.0 && span.1 <= a.1);
        let hit = |keyword: &str, (start, end): (usize, usize)| Hit {
            keyword: keyword.to_owned(),
            matched: text[start..end].to_owned(),
        };
        for keyword in &self.keywords {
            if let Some(span) = keyword.spans(text).find(free) {
                return Some(hit(&keyword.text, span));
            }
        }
        for pattern in &self.patterns {
            let span = pattern
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .find(|span| span.0 < span.1 && free(span));
            if let Some(span) = span {
                return Some(hit(pattern.as_str(), span));
            }
        }
        None
    }
}

fn boundary_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn boundary_after(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(text: &str, keyword: &str) -> Option<String> {
        let matcher = Matcher::new(&[keyword.to_owned()], &[], &[]);
        matcher.first_hit(text).map(|h| h.matched)
    }

    fn patterns(patterns: &[&str], allow: &[&str]) -> Matcher {
        let own = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        Matcher::new(&[], &own(patterns), &own(allow))
    }

    #[test]
    fn the_four_strategies_follow_discords_table() {
        assert_eq!(hit("Catapult", "cat*").as_deref(), Some("Cat"));
        assert_eq!(hit("wildcat", "cat*"), None);
        assert_eq!(hit("copyCat", "*cat").as_deref(), Some("Cat"));
        assert_eq!(hit("catch", "*cat"), None);
        assert_eq!(hit("education", "*cat*").as_deref(), Some("cat"));
        assert_eq!(hit("the cat sat", "cat").as_deref(), Some("cat"));
        assert_eq!(hit("catch", "cat"), None);
        assert_eq!(hit("a cat.", "cat").as_deref(), Some("cat"));
        assert_eq!(
            hit("breathe matter", "*the mat*").as_deref(),
            Some("the mat")
        );
    }

    #[test]
    fn regexes_are_case_insensitive_and_the_allow_list_wins_per_hit() {
        let found = patterns(&[r"nhs\s*number"], &[]).first_hit("My NHS Number is…");
        assert_eq!(found.unwrap().matched, "NHS Number");
        let words = patterns(&[r"\w*word"], &["goodword"]);
        assert!(words.first_hit("goodword").is_none());
        assert_eq!(
            words.first_hit("goodword badword").unwrap().matched,
            "badword"
        );
    }

    #[test]
    fn a_bad_pattern_says_why() {
        assert!(compile("(unclosed").unwrap_err().contains("unclosed"));
    }
}
