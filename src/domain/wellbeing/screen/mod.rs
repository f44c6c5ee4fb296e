//! The risk-language screen: does a message say that *its writer* may be at risk of self-harm
//! or suicide?
//!
//! A pattern match alone is not enough in either direction. Clinicians write every day about
//! patients' overdoses, self-harm assessments and quoted wishes to die; and people at risk write
//! "SHing again", "kms" or "wouldn't mind if I didn't wake up". So the screen asks *who the words
//! are about* and runs in four explainable steps:
//!
//! 1. **One spelling** ([`text::normalise`]): lower case, straight apostrophes, "im" → "i'm",
//!    "wanna" → "want to", "self harm" → "self-harm", so the patterns stay readable.
//! 2. **Other people's words set aside** ([`text::set_aside_quotes`],
//!    [`text::drop_reported_speech`]): quotations, and what "he told me" or "the patient said",
//!    are blanked — unless the writer quotes themselves ("I keep thinking 'I want to die'").
//! 3. **Patterns, sentence by sentence**: the regular expressions of `prompts/wellbeing.toml`,
//!    each with a stable `id`, written for the first person wherever the phrase allows.
//! 4. **Context rules** ([`context`]): a match is dropped when it is about someone else, negated,
//!    the first half of a clinical term, done to a patient, an idiom, a mention of a word, or
//!    when its own `unless_followed_by` expression matches what comes next.
//!
//! Whatever survives flags the message, and the verdict names the ids of the patterns that
//! fired — never the text. The screen errs towards flagging: where a rule cannot tell, the
//! match stands. Pure: no I/O.

mod context;
mod text;

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

/// One pattern as written in `prompts/wellbeing.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskRule {
    /// Stable, lower-case slug; reported in verdicts and by `mindlines wellbeing screen`.
    pub id: String,
    /// A Rust `regex`, matched case-insensitively against one normalised sentence.
    pub pattern: String,
    /// A `regex` for the words straight after a match that make it harmless for this pattern
    /// only ("no point carrying on" + "with the antibiotics"); anchored at the match's end.
    pub unless_followed_by: Option<String>,
}

/// What the screen found in one message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RiskVerdict {
    /// Whether the reflective flow must stop and the crisis routes be shown.
    pub risk: bool,
    /// The ids of the patterns that fired after the context rules, in file order.
    pub patterns: Vec<String>,
}

#[derive(Debug, Clone)]
struct Compiled {
    id: String,
    regex: Regex,
    unless_followed_by: Option<Regex>,
}

/// The compiled screen.
#[derive(Debug, Clone)]
pub struct RiskDetector {
    /// A quick first pass over each sentence: which patterns can match at all.
    set: RegexSet,
    rules: Vec<Compiled>,
}

/// Compiles one expression as the screen does, so the file check and the screen agree.
pub(super) fn compile(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(16 << 20)
        .build()
        .map_err(|e| e.to_string())
}

impl RiskDetector {
    /// Compiles the rules, case-insensitively; fails naming the first rule that does not
    /// compile.
    pub fn new(rules: &[RiskRule]) -> Result<Self, String> {
        let mut compiled = Vec::new();
        for rule in rules {
            let named = |e: String| format!("risk pattern '{}': {e}", rule.id);
            let after = rule.unless_followed_by.as_deref();
            compiled.push(Compiled {
                id: rule.id.clone(),
                regex: compile(&rule.pattern).map_err(named)?,
                unless_followed_by: after
                    .map(|a| compile(&format!("^(?:{a})")))
                    .transpose()
                    .map_err(named)?,
            });
        }
        let set = RegexSetBuilder::new(rules.iter().map(|r| &r.pattern))
            .case_insensitive(true)
            .size_limit(64 << 20)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(RiskDetector {
            set,
            rules: compiled,
        })
    }

    /// The pattern ids, in file order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| r.id.as_str())
    }

    /// Screens one message.
    pub fn screen(&self, message: &str) -> RiskVerdict {
        let prepared = text::set_aside_quotes(&text::normalise(message));
        let mut fired = vec![false; self.rules.len()];
        for sentence in text::sentences(&prepared) {
            let kept = text::drop_reported_speech(sentence);
            for part in kept.split('¶').map(str::trim).filter(|p| !p.is_empty()) {
                for k in self.set.matches(part).iter() {
                    fired[k] = fired[k] || self.rules[k].fires_in(part);
                }
            }
        }
        let patterns: Vec<String> = self
            .rules
            .iter()
            .zip(&fired)
            .filter(|(_, fired)| **fired)
            .map(|(rule, _)| rule.id.clone())
            .collect();
        RiskVerdict {
            risk: !patterns.is_empty(),
            patterns,
        }
    }

    /// Whether `message` contains risk language, so the reflective flow must stop at once.
    pub fn mentions_risk(&self, message: &str) -> bool {
        self.screen(message).risk
    }
}

impl Compiled {
    /// Whether any match of this rule in `sentence` survives the context rules.
    fn fires_in(&self, sentence: &str) -> bool {
        self.regex.find_iter(sentence).any(|m| {
            let (before, after) = (&sentence[..m.start()], &sentence[m.end()..]);
            let excused = self
                .unless_followed_by
                .as_ref()
                .is_some_and(|u| u.is_match(after));
            !(excused
                || context::other_subject(before, m.as_str())
                || context::negated(before)
                || context::clinical_term_follows(after)
                || context::object_follows(after)
                || context::idiom_follows(after)
                || context::mentioned(before, after))
        })
    }
}

#[cfg(test)]
mod tests;
