//! `/privacy`: what mindlines keeps, who can see what, what to keep in mind, how long each
//! kind of data is kept and how to take it away — in plain words, each sentence true of the
//! code. The periods are read from the `[retention]` settings the retention job applies
//! (`app::retention`), never written into the text.

use super::retention::RetentionSettings;

const STORED: &str = "**What mindlines keeps about you**\n\
• Your roster details from the programme admin: name, profession, team, roles, supervisors, time zone and status.\n\
• Your reflections (evidence) with their tags, earlier versions, and your supervisors' acknowledgements and comments.\n\
• If you turned check-ins on: your scores, any notes, and each consent you gave (which version of the text, when, and when you withdrew).\n\
• Your prompt schedule and pauses, your plan follow-up setting, and a weekly digest subscription if you are a supervisor.\n\
• Case discussions you led or joined: the title, template, domains, who took part (ids only) and the lead's summary. What people write in case threads is never kept.\n\
• The messages mindlines sent you (what kind, when), and an audit log of who did what with your data — never the content.";

const WHO_SEES: &str = "**Who can see what**\n\
• You see everything of yours.\n\
• Your supervisor reads only the entries you share. Their weekly digest also counts the prompts you were sent and answered, how many of your entries touch each domain and theme, and the case discussions you joined; the only words of yours in it come from entries you shared. Your check-in scores are in it only while you share them, and never your notes.\n\
• Team leads see team figures only, and a figure is hidden when fewer than five people are behind it.\n\
• Nobody is told when you skip or miss a prompt or a check-in, and no one reads what you send as it arrives: mindlines is not monitored and not a crisis service.";

const KEEP_IN_MIND: &str = "**Keep in mind**\n\
• Discord is not end-to-end encrypted: Discord handles what you write to mindlines, so leave out anything that could identify a patient.\n\
• Your reflections are not legally privileged: a court can ask for them. Write down learning and plans, not case facts.\n\
• What members write — reflections, check-in notes, supervisors' comments, case summaries, and direct messages waiting to be processed — is encrypted in mindlines' database under a key of each member's own.";

const EXPORT: &str = "**Your data**\n\
• `/mydata export` sends you everything mindlines holds about you by DM, as a JSON file and a Markdown file.";

/// How to erase, in the words of what `app::erasure` does (backups hold no data keys, see
/// `app::backup`; a backup restored with mindlines is erased again).
const ERASURE: &str = "• `/mydata erase` deletes everything mindlines holds about you and destroys the key that protected your text, so your text in older backups can no longer be read either; restoring one with mindlines erases you from it again.";

/// The whole `/privacy` text, with the deployment's periods.
pub fn privacy_text(periods: &RetentionSettings) -> String {
    [
        STORED.to_owned(),
        WHO_SEES.to_owned(),
        KEEP_IN_MIND.to_owned(),
        kept_for(periods),
        format!("{EXPORT}\n{ERASURE}"),
    ]
    .join("\n\n")
}

fn kept_for(periods: &RetentionSettings) -> String {
    let days = |d: chrono::Duration| plural(d.num_days(), "day");
    format!(
        "**How long it is kept**\n\
• A direct message's text: until mindlines has handled it, normally at once; at most {} if it cannot be.\n\
• Check-in notes: {} after you wrote them; check-in scores: {}.\n\
• Your evidence: until you delete it, or {} after you leave the roster.\n\
• Your roster details, settings, consent records and the audit log are not deleted by age.",
        days(periods.inbox_unprocessed),
        days(periods.checkin_notes),
        days(periods.checkin_scores),
        plural(i64::from(periods.leavers_evidence.as_u32()), "month"),
    )
}

fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_periods_come_from_the_settings() {
        let periods = RetentionSettings {
            inbox_unprocessed: chrono::Duration::days(3),
            checkin_notes: chrono::Duration::days(30),
            checkin_scores: chrono::Duration::days(1),
            leavers_evidence: chrono::Months::new(12),
        };
        let text = privacy_text(&periods);
        for expected in [
            "at most 3 days",
            "30 days after",
            "scores: 1 day.",
            "12 months after",
        ] {
            assert!(text.contains(expected), "{expected}: {text}");
        }
    }

    #[test]
    fn it_says_what_the_programme_promises() {
        let text = privacy_text(&RetentionSettings::default());
        for expected in [
            "not end-to-end encrypted",
            "not legally privileged",
            "a court can ask for them",
            "fewer than five",
            "reads only the entries you share",
            "never kept",
            "encrypted in mindlines' database",
            "/mydata export",
            "90 days",
            "365 days",
            "6 months",
        ] {
            assert!(text.contains(expected), "missing {expected:?}");
        }
        assert!(text.contains("/mydata erase"));
    }
}
