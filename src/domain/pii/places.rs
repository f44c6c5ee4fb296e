//! The places a deployment names in `cases.place_names`: its wards, hospitals, practices and
//! villages, where "the man from Little Snoring on Oak Ward" is enough to identify someone.
//!
//! Matched ignoring case (Unicode-aware) on word boundaries, with the spelling differences
//! people make without thinking: any run of spaces or a hyphen for a space, a curly, straight or
//! missing apostrophe ("St Marys"), and an optional full stop ("St. Mary's").

use regex::{Regex, RegexBuilder};

use super::{IdentifierKind, Span};

/// A list of place names too large to compile into one matcher.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the {count} place names are too many or too long to match at once ({reason})")]
pub struct PlacesError {
    pub count: usize,
    pub reason: String,
}

/// The configured places, compiled once.
#[derive(Debug, Clone)]
pub(super) struct Places {
    matcher: Option<Regex>,
}

impl Places {
    pub(super) fn new(names: &[String]) -> Result<Places, PlacesError> {
        let mut patterns: Vec<String> = names
            .iter()
            .map(|name| name.trim())
            .filter(|name| !name.is_empty())
            .map(pattern_for)
            .collect();
        if patterns.is_empty() {
            return Ok(Places { matcher: None });
        }
        // Longer names first, so "Oak Ward" wins over "Oak" where both are configured.
        patterns.sort_by_key(|p| std::cmp::Reverse(p.len()));
        patterns.dedup();
        let matcher = RegexBuilder::new(&patterns.join("|"))
            .case_insensitive(true)
            .size_limit(64 << 20)
            .build()
            .map_err(|e| PlacesError {
                count: names.len(),
                reason: match e {
                    regex::Error::CompiledTooBig(_) => "the matcher would exceed 64 MiB".into(),
                    _ => "a name could not be compiled".into(),
                },
            })?;
        Ok(Places {
            matcher: Some(matcher),
        })
    }

    /// Appends every configured place in `text`.
    pub(super) fn find(&self, text: &str, out: &mut Vec<Span>) {
        let Some(matcher) = &self.matcher else { return };
        let mut from = 0;
        while let Some(m) = matcher.find_at(text, from) {
            let word_before = text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let word_after = text[m.end()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            if !word_before && !word_after && !m.is_empty() {
                out.push(Span {
                    start: m.start(),
                    end: m.end(),
                    kind: IdentifierKind::Place,
                });
                from = m.end();
            } else {
                // Inside a longer word: look again from the next character, where a shorter
                // configured name may still stand on its own.
                from = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
            if from >= text.len() {
                break;
            }
        }
    }
}

/// One name as a pattern that tolerates the usual spelling differences.
fn pattern_for(name: &str) -> String {
    let mut pattern = String::new();
    let mut in_space = false;
    for c in name.chars() {
        if c.is_whitespace() || c == '-' {
            if !in_space {
                pattern.push_str(r"\.?[\s-]+");
            }
            in_space = true;
            continue;
        }
        in_space = false;
        match c {
            '\'' | '’' | '‘' => pattern.push_str("['’‘]?"),
            '.' => pattern.push_str(r"\.?"),
            _ => pattern.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(names: &[&str], text: &str) -> Vec<String> {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let places = Places::new(&names).expect("compiles");
        let mut out = Vec::new();
        places.find(text, &mut out);
        out.iter()
            .map(|s| text[s.start..s.end].to_owned())
            .collect()
    }

    #[test]
    fn names_match_in_any_case_on_word_boundaries_with_spelling_slack() {
        let names = [
            "Oak Ward",
            "St Mary's",
            "Little Snoring",
            "Ysbyty Gwynedd",
            "Oak",
        ];
        assert_eq!(
            found(
                &names,
                "from little  snoring, on OAK WARD at St Marys; Oakwood no; oak yes"
            ),
            ["little  snoring", "OAK WARD", "St Marys", "oak"]
        );
        assert_eq!(
            found(&names, "St. Mary’s and ysbyty-gwynedd"),
            ["St. Mary’s", "ysbyty-gwynedd"]
        );
    }

    #[test]
    fn no_places_configured_finds_nothing() {
        assert!(found(&[], "Oak Ward").is_empty());
        assert!(found(&["  "], "Oak Ward").is_empty());
    }
}
