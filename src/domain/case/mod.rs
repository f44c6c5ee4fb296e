//! # Case discussions
//!
//! A team lead opens a private thread for a multi-professional case discussion, run through a
//! template's stages. The thread is for learning, not the clinical record: the bot keeps only
//! the case's metadata (title, template, domains, stage, who took part) and, at the end, the
//! lead's summary — never the contributions, which stay Discord messages. Every message, edit
//! and name in a case thread passes the anonymisation guard (`domain::pii`).

mod template;
mod text;

use chrono::{DateTime, Utc};

use super::curriculum::Area;
use super::member::DiscordId;
use super::slug::slug_enum;

pub use template::{CaseTemplate, MAX_QUESTION_CHARS, STAGES, Stage, check_case_templates};
pub use text::{
    CHECKLIST, closing_text, opening_text, participants_text, reflection_text, review_text,
    stage_text,
};

slug_enum! {
    /// Where a case is in its life.
    CaseStatus, "case status" {
        Open => "open", "Open", [];
        Closed => "closed", "Closed", []
    }
}

/// The lead's structured summary, written at the close and kept with the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummary {
    pub learning: String,
    pub differently: String,
    pub questions: String,
}

/// The longest a summary field may be (one modal field).
pub const MAX_SUMMARY_CHARS: usize = 1_000;
/// The longest case title (Discord thread names hold 100 characters).
pub const MAX_TITLE_CHARS: usize = 90;

/// A case as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: i64,
    pub team: String,
    pub channel_id: u64,
    pub thread_id: u64,
    pub title: String,
    pub template: String,
    pub domains: Vec<Area>,
    /// The stage reached, 0-based.
    pub stage: usize,
    pub lead: DiscordId,
    pub status: CaseStatus,
    pub opened_at: DateTime<Utc>,
    pub summary: Option<CaseSummary>,
}

/// A case to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    pub team: String,
    pub channel_id: u64,
    pub thread_id: u64,
    pub title: String,
    pub template: String,
    pub domains: Vec<Area>,
    pub lead: DiscordId,
    pub at: DateTime<Utc>,
}

/// Reads "6w", "6 weeks", "10d", "1 week": how long until a review, 1 day to 26 weeks.
pub fn parse_review_in(text: &str) -> Result<chrono::Duration, String> {
    let compact: String = text.trim().to_lowercase().split_whitespace().collect();
    let digits: String = compact.chars().take_while(char::is_ascii_digit).collect();
    let unit = &compact[digits.len()..];
    let n: i64 = digits
        .parse()
        .map_err(|_| format!("'{}' is not a time like 6w or 10d", text.trim()))?;
    let duration = match unit {
        "w" | "wk" | "wks" | "week" | "weeks" => chrono::Duration::weeks(n),
        "d" | "day" | "days" => chrono::Duration::days(n),
        _ => return Err(format!("'{}' is not a time like 6w or 10d", text.trim())),
    };
    if duration < chrono::Duration::days(1) || duration > chrono::Duration::weeks(26) {
        return Err("choose between 1 day and 26 weeks".into());
    }
    Ok(duration)
}

/// Reads a list of areas ("person-centred practice, digital"); at least one.
pub fn parse_domains(text: &str) -> Result<Vec<Area>, String> {
    let mut areas = Vec::new();
    for part in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let area = Area::lookup(part)
            .ok_or_else(|| format!("'{part}' is not a domain or theme of the programme"))?;
        if !areas.contains(&area) {
            areas.push(area);
        }
    }
    if areas.is_empty() {
        return Err("name at least one domain or theme, e.g. `complex multimorbidity`".into());
    }
    Ok(areas)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_times_read_as_people_write_them() {
        assert_eq!(parse_review_in("6w"), Ok(chrono::Duration::weeks(6)));
        assert_eq!(parse_review_in("6 weeks"), Ok(chrono::Duration::weeks(6)));
        assert_eq!(parse_review_in("10d"), Ok(chrono::Duration::days(10)));
        assert!(parse_review_in("soon").is_err());
        assert!(parse_review_in("0d").is_err());
        assert!(parse_review_in("40w").is_err());
    }

    #[test]
    fn domains_parse_from_names_and_aliases() {
        assert_eq!(
            parse_domains("complex multimorbidity, digital, digital"),
            Ok(vec![Area::ComplexMultimorbidity, Area::Digital])
        );
        assert!(parse_domains("").is_err());
        assert!(
            parse_domains("astrology")
                .unwrap_err()
                .contains("astrology")
        );
    }
}
