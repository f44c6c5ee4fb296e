//! True line numbers for positions the csv reader reports.

/// Turns the csv reader's positions into true line numbers.
///
/// The reader's own line count skips blank and comment lines, and its byte offset points at the
/// end of the previous record, before any skipped lines. So: start at that offset, step over
/// blank and `#` lines, and count newlines up to there (incrementally, as records only move on).
pub(super) struct LineCounter<'a> {
    text: &'a str,
    counted_to: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        LineCounter {
            text,
            counted_to: 0,
            line: 1,
        }
    }

    /// The 1-based line on which the record (or error) at `position` starts.
    pub(super) fn line_of(&mut self, position: Option<&csv::Position>) -> u64 {
        let mut start = position
            .map_or(0, |p| p.byte() as usize)
            .min(self.text.len());
        while let Some(rest) = self.text.get(start..).filter(|r| !r.is_empty()) {
            let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
            let line = &rest[..end];
            if !(line.trim_end_matches(['\r', '\n']).is_empty() || line.starts_with('#')) {
                break;
            }
            start += end;
        }
        if start >= self.counted_to {
            let newlines = self.text[self.counted_to..start].matches('\n').count();
            self.line += newlines as u64;
            self.counted_to = start;
        }
        self.line
    }
}
