//! What the author gets back: their text with each finding replaced by what it was
//! ("[NHS number removed]"), so they can repost it, and the findings' places in code points,
//! which is how people (and `mindlines pii scan`) count characters.

use super::{IdentifierKind, Span};

/// A finding located in code points (Unicode scalar values), half-open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CharSpan {
    pub start: usize,
    pub end: usize,
    pub kind: IdentifierKind,
}

/// `text` with each span replaced by `[<kind> removed]`. Spans that are out of range, not on
/// character boundaries, or overlap an earlier one are left out rather than trusted: the text
/// may have come from elsewhere than [`super::Scanner::scan`].
pub fn mask(text: &str, spans: &[Span]) -> String {
    let mut sorted: Vec<&Span> = spans.iter().collect();
    sorted.sort_by_key(|s| (s.start, s.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for span in sorted {
        if span.start < cursor || span.start >= span.end || text.get(span.start..span.end).is_none()
        {
            continue;
        }
        out.push_str(&text[cursor..span.start]);
        out.push('[');
        out.push_str(span.kind.noun());
        out.push_str(" removed]");
        cursor = span.end;
    }
    out.push_str(&text[cursor..]);
    out
}

/// The spans in code points. Spans not on character boundaries or out of range are dropped.
/// Sorted spans (as [`super::Scanner::scan`] returns them) are counted in one pass.
pub fn char_spans(text: &str, spans: &[Span]) -> Vec<CharSpan> {
    let (mut byte, mut chars) = (0, 0);
    spans
        .iter()
        .filter_map(|span| {
            text.get(span.start..span.end)?;
            if span.start < byte {
                (byte, chars) = (0, 0);
            }
            chars += text[byte..span.start].chars().count();
            byte = span.start;
            Some(CharSpan {
                start: chars,
                end: chars + text[span.start..span.end].chars().count(),
                kind: span.kind,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_replace_findings_and_skip_bad_spans() {
        let text = "é NHS 943 476 5919, ok";
        let span = Span {
            start: 7,
            end: 19,
            kind: IdentifierKind::NhsNumber,
        };
        assert_eq!(mask(text, &[span]), "é NHS [NHS number removed], ok");
        let bad = Span {
            start: 1,
            end: 2,
            kind: IdentifierKind::Email,
        };
        assert_eq!(
            mask(text, &[bad, span, span]),
            "é NHS [NHS number removed], ok"
        );
        let chars = char_spans(text, &[span, bad]);
        assert_eq!(
            chars,
            [CharSpan {
                start: 6,
                end: 18,
                kind: IdentifierKind::NhsNumber
            }]
        );
    }
}
