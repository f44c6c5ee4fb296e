//! The plain-text coverage message a trainee sees in Discord.
//!
//! The tone is deliberately calm: areas without evidence are "not yet touched", quiet areas are
//! "quiet for a while", and nothing is framed as missing or overdue. The catalogue is fixed, so
//! the message has a bounded length well under Discord's 2,000 characters.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::{GAP_WEEKS, MemberCoverage};
use crate::domain::curriculum::{Area, AreaKind};

impl MemberCoverage {
    /// The coverage as a Discord message (Discord markdown, at most 2,000 characters).
    pub fn to_message(&self) -> String {
        if self.total_entries == 0 {
            return "**Your evidence so far**\nNothing saved yet. When you answer a prompt, your \
                reflection will appear here, tagged with the domains and themes it touches."
                .to_owned();
        }
        let mut text = format!(
            "**Your evidence so far**: {} {}\n",
            self.total_entries,
            plural(self.total_entries, "reflection", "reflections")
        );
        self.write_areas(&mut text, AreaKind::Domain, "Domains");
        self.write_areas(&mut text, AreaKind::Theme, "Themes");
        self.write_outcomes(&mut text);
        self.write_not_yet(&mut text);
        text.push_str("\nThis is a map, not a score: pick whatever would be useful next.");
        text
    }

    fn write_areas(&self, text: &mut String, kind: AreaKind, heading: &str) {
        let _ = writeln!(text, "\n**{heading}**");
        for coverage in self.areas_of(kind) {
            let _ = write!(text, "• {}: {}", coverage.area, coverage.count);
            if let Some(last) = coverage.last_entry {
                let _ = write!(text, " (last {})", short_date(last));
            }
            text.push('\n');
        }
    }

    fn write_outcomes(&self, text: &mut String) {
        let counts: Vec<String> = self
            .outcomes
            .iter()
            .map(|c| format!("{}: {}", c.outcome, c.count))
            .collect();
        let _ = writeln!(text, "\n**Outcomes**\n{}", counts.join(" · "));
    }

    /// The gentle pointers: what has not been touched yet and what has been quiet a while.
    fn write_not_yet(&self, text: &mut String) {
        let mut untouched: Vec<String> =
            self.untouched_areas().iter().map(Area::to_string).collect();
        let outcomes: Vec<String> = self
            .untouched_outcomes()
            .iter()
            .map(|o| o.number().to_string())
            .collect();
        match outcomes.as_slice() {
            [] => {}
            [one] => untouched.push(format!("outcome {one}")),
            [rest @ .., last] => untouched.push(format!("outcomes {} and {last}", rest.join(", "))),
        }
        if !untouched.is_empty() {
            let _ = writeln!(text, "\nNot yet touched: {}.", untouched.join(", "));
        }
        let lapsed = self.lapsed(GAP_WEEKS);
        if !lapsed.is_empty() {
            let names: Vec<String> = lapsed.iter().map(|c| c.area.to_string()).collect();
            let _ = writeln!(
                text,
                "Quiet for {GAP_WEEKS} weeks or more: {}.",
                names.join(", ")
            );
        }
    }
}

/// "4 Mar 2025": short, unambiguous on both sides of the Atlantic.
fn short_date(at: DateTime<Utc>) -> String {
    at.format("%-d %b %Y").to_string()
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
