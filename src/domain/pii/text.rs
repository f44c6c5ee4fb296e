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
    // ASCII classes on purpose: a bounded repetition of Unicode `\w` makes a large automaton,
    // and Discord's ids, emoji and command names are ASCII anyway.
    Regex::new(
        r"(?x)
        <(?-u: @[!&]? | \# | /[a-z0-9_\x20-]{1,64}: | a?:[A-Za-z0-9_]{1,64}: | t: ) -?[0-9]{1,20} (?::[tTdDfFR])? >
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

/// Calls `each` for every match of `regex` that starts inside one of `windows` (byte ranges,
/// in any order, overlapping or not), each match once. The search reads only the windows and
/// `reach` bytes past each (the longest a match can run on), to the end of the word there so
/// that `\b` sees what it would in the whole text. It lets a detector look only where a cheap
/// test found a candidate.
pub(super) fn captures_in_windows<'t>(
    text: &'t str,
    regex: &Regex,
    reach: usize,
    mut windows: Vec<(usize, usize)>,
    mut each: impl FnMut(regex::Captures<'t>),
) {
    windows.sort_unstable();
    let mut read_to = 0;
    for (start, end) in windows {
        let end = text.ceil_char_boundary(end.min(text.len()));
        let start = text.floor_char_boundary(start).max(read_to);
        if start >= end {
            continue;
        }
        let stop = text.ceil_char_boundary(end.saturating_add(reach).min(text.len()));
        let haystack = &text[..word_end(text, stop)];
        let mut at = start;
        while let Some(caps) = regex.captures_at(haystack, at) {
            let Some(whole) = caps.get(0) else { break };
            if whole.start() >= end || whole.end() <= at {
                break;
            }
            at = whole.end();
            read_to = at;
            each(caps);
        }
    }
}

/// The end of the word (letters, digits, `_`) that `pos` is in, or `pos` outside a word.
fn word_end(text: &str, pos: usize) -> usize {
    text[pos..]
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(text.len(), |(i, _)| pos + i)
}

/// The maximal runs of ASCII digits in `text`, as byte ranges. Computed once per scan and
/// shared: the numeric detectors start from them.
pub(super) fn digit_runs(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(u8::is_ascii_digit) {
        let start = i + offset;
        let len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        runs.push(start..start + len);
        i = start + len;
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
    fn windows_find_each_match_once_with_real_word_boundaries() {
        let regex = Regex::new(r"\b[0-9]{2}\b").expect("compiles");
        let text = "12 345 67 89x 10";
        let mut found = Vec::new();
        captures_in_windows(
            text,
            &regex,
            0,
            vec![(0, 4), (2, 9), (10, 12), (14, 16)],
            |c| found.push(c.get(0).map(|m| m.as_str())),
        );
        assert_eq!(found, [Some("12"), Some("67"), Some("10")]);
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
