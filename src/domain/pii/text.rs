//! Small text helpers the detectors share: a candidate's neighbours, a window of context beside
//! it, and the regions no detector may read into (Discord mentions, custom emoji, timestamps
//! and links), which carry long digit runs that look like numbers but identify nobody.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// Mentions (`<@id>`, `<@!id>`, `<@&id>`, `<#id>`), slash-command mentions (`</name:id>`),
/// custom emoji (`<:name:id>`, `<a:name:id>`), timestamps (`<t:secs:R>`) and links. Snowflakes
/// are 17–20 digits, and a link's path is full of ids; reading either as an NHS number or a
/// phone would delete ordinary messages.
static PROTECTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        <(?: @[!&]? | \# | /[\w\x20-]{1,64}: | a?:\w{1,64}: | t: ) -?[0-9]{1,20} (?::[tTdDfFR])? >
        | (?i:https?://|www\.) [^\s<>]+",
    )
    .expect("protected-region regex")
});

/// The byte ranges of `text` that no finding may overlap.
pub(super) fn protected(text: &str) -> Vec<Range<usize>> {
    PROTECTED.find_iter(text).map(|m| m.range()).collect()
}

/// Whether `range` overlaps any of `regions` (sorted by start).
pub(super) fn overlaps_any(range: &Range<usize>, regions: &[Range<usize>]) -> bool {
    regions
        .iter()
        .take_while(|r| r.start < range.end)
        .any(|r| r.end > range.start)
}

pub(super) fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

pub(super) fn char_after(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

/// Whether the number at `start..end` stands alone: no letter or digit touches it, and it is
/// not the whole part of a decimal (`123.5`) or the tail of one (`0.123`).
pub(super) fn number_stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = char_before(text, start);
    let after = char_after(text, end);
    if before.is_some_and(|c| c.is_alphanumeric() || c == '_')
        || after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    {
        return false;
    }
    let decimal_before = matches!(before, Some('.' | ','))
        && char_before(text, start - 1).is_some_and(|c| c.is_ascii_digit());
    let decimal_after = matches!(after, Some('.' | ','))
        && char_after(text, end + 1).is_some_and(|c| c.is_ascii_digit());
    !decimal_before && !decimal_after
}

/// Up to `max` bytes of `text` before `pos`, from a char boundary and from the last line break:
/// context on another line belongs to another thought.
pub(super) fn window_before(text: &str, pos: usize, max: usize) -> &str {
    let from = text.floor_char_boundary(pos.saturating_sub(max));
    let window = text.get(from..pos).unwrap_or_default();
    match window.rfind('\n') {
        Some(line) => &window[line + 1..],
        None => window,
    }
}

/// Up to `max` bytes of `text` after `pos`, to a char boundary and the next line break.
pub(super) fn window_after(text: &str, pos: usize, max: usize) -> &str {
    let to = text.ceil_char_boundary(pos.saturating_add(max).min(text.len()));
    let window = text.get(pos..to).unwrap_or_default();
    match window.find('\n') {
        Some(line) => &window[..line],
        None => window,
    }
}

/// The maximal runs of ASCII digits in `text`, as byte ranges.
pub(super) fn digit_runs(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            runs.push(start..i);
        } else {
            i += 1;
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_emoji_timestamps_and_links_are_protected() {
        let text = "ask <@123456789012345678> or <@!123456789012345678> in <#123456789012345678> \
                    <@&123456789012345678> </case start:123456789012345678> <:ok:123456789012345678> \
                    <t:1767225600:R> https://discord.com/channels/1/2/3 end";
        let regions = protected(text);
        assert_eq!(regions.len(), 8, "{regions:?}");
        assert!(text[regions[7].clone()].starts_with("https://"));
    }

    #[test]
    fn windows_stop_at_line_breaks_and_char_boundaries() {
        let text = "NHS\nnumber 1234";
        assert_eq!(window_before(text, 11, 40), "number ");
        let text = "ééé 12";
        assert_eq!(window_before(text, 7, 2), "é ");
        assert_eq!(window_after("12 ééé\nx", 2, 3), " é");
    }

    #[test]
    fn a_number_in_a_decimal_or_a_word_does_not_stand_alone() {
        let text = "a 12.5 x12 1234 9,1";
        assert!(!number_stands_alone(text, 2, 4));
        assert!(!number_stands_alone(text, 5, 6));
        assert!(!number_stands_alone(text, 8, 10));
        assert!(number_stands_alone(text, 11, 15));
        assert!(!number_stands_alone(text, 16, 17));
    }
}
