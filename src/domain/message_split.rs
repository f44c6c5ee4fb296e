//! Splitting long text into messages that fit Discord's 2,000-character limit, at the most
//! natural break available: a blank line, then a line end, then a sentence end, then a space.

/// Discord's limit, less room for a "(2/3)" marker.
pub const MESSAGE_BUDGET: usize = 1_900;

/// Splits `text` into pieces of at most `max` characters (counted as Unicode scalar values),
/// never inside a word unless a single word is longer than `max`.
pub fn split_for_messages(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut pieces = Vec::new();
    let mut rest = text.trim();
    while rest.chars().count() > max {
        let cut = break_point(rest, max);
        let (head, tail) = rest.split_at(cut);
        pieces.push(head.trim_end().to_owned());
        rest = tail.trim_start();
    }
    if !rest.is_empty() || pieces.is_empty() {
        pieces.push(rest.to_owned());
    }
    pieces
}

/// The byte offset to cut at: the last natural break within the first `max` characters.
fn break_point(text: &str, max: usize) -> usize {
    let limit = text
        .char_indices()
        .nth(max)
        .map_or(text.len(), |(offset, _)| offset);
    let window = &text[..limit];
    let at = |pattern: &str| window.rfind(pattern).map(|i| i + pattern.len());
    [at("\n\n"), at("\n"), at(". "), at("? "), at("! "), at(" ")]
        .into_iter()
        .flatten()
        .find(|&offset| offset > limit / 4)
        .unwrap_or(limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn short_text_is_one_piece_and_long_text_breaks_between_paragraphs() {
        assert_eq!(split_for_messages("hello", 10), vec!["hello"]);
        let text = format!("{}\n\n{}", "a ".repeat(30).trim(), "b ".repeat(30).trim());
        let pieces = split_for_messages(&text, 70);
        assert_eq!(pieces.len(), 2);
        assert!(pieces[0].ends_with('a') && pieces[1].starts_with('b'));
    }

    #[test]
    fn a_single_long_word_is_cut_where_it_must_be() {
        let pieces = split_for_messages(&"x".repeat(25), 10);
        assert_eq!(pieces, vec!["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
    }

    proptest! {
        #[test]
        fn pieces_fit_and_keep_every_word(text in "[a-zé✓ .\n]{0,400}", max in 5usize..60) {
            let pieces = split_for_messages(&text, max);
            for piece in &pieces {
                prop_assert!(piece.chars().count() <= max);
            }
            let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().concat();
            prop_assert_eq!(words(&pieces.join(" ")), words(&text));
        }
    }
}
