//! Retention: how long each kind of data is kept, from the `[retention]` settings, and the
//! one job step that applies every period at `now`.
//!
//! - **Inbox text** goes the moment its message is processed (`mark_inbound_processed`), or
//!   when its retries run out; the period here is the safety net for text that never could be
//!   processed.
//! - **Check-in notes and scores** go by their own periods after they were written.
//! - **Evidence of a member who left the roster** goes a number of months after they left
//!   (`members.left_at`, set when their status becomes `left`, cleared if they return).
//!
//! `/privacy` and `/wellbeing stop` read these same settings, so what the bot says about
//! keeping data is what this step does.

use chrono::{DateTime, Duration, Months, Utc};

use crate::config::RetentionConfig;
use crate::store::Store;

/// How long each kind of data is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionSettings {
    pub inbox_unprocessed: Duration,
    pub checkin_notes: Duration,
    pub checkin_scores: Duration,
    pub leavers_evidence: Months,
}

impl Default for RetentionSettings {
    fn default() -> Self {
        RetentionSettings::from(&RetentionConfig::default())
    }
}

impl From<&RetentionConfig> for RetentionSettings {
    fn from(config: &RetentionConfig) -> Self {
        let days = |n: u32| Duration::days(i64::from(n));
        RetentionSettings {
            inbox_unprocessed: days(config.inbox_unprocessed_days),
            checkin_notes: days(config.checkin_note_days),
            checkin_scores: days(config.checkin_score_days),
            leavers_evidence: Months::new(config.leavers_evidence_months),
        }
    }
}

/// What one retention pass removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RetentionReport {
    /// Unprocessed direct messages whose text was dropped by the safety net.
    pub inbox_texts: u64,
    pub checkin_notes: u64,
    /// Whole check-in answers (score and any note).
    pub checkin_answers: u64,
    /// Evidence entries of members who left the roster.
    pub leavers_entries: u64,
}

/// The retention step: applies every period at `now` (the job passes the app's store and
/// settings; tests pass their own).
pub async fn apply_retention(
    store: &dyn Store,
    periods: RetentionSettings,
    now: DateTime<Utc>,
) -> anyhow::Result<RetentionReport> {
    let inbox_texts = store
        .clear_stale_inbox_text(now - periods.inbox_unprocessed)
        .await?;
    let (checkin_notes, checkin_answers) = store
        .purge_checkins(now - periods.checkin_notes, now - periods.checkin_scores)
        .await?;
    // A period too long to subtract (thousands of years) means nobody's evidence is old enough.
    let leavers_entries = match now.checked_sub_months(periods.leavers_evidence) {
        Some(left_before) => store.purge_leavers_evidence(left_before).await?,
        None => 0,
    };
    Ok(RetentionReport {
        inbox_texts,
        checkin_notes,
        checkin_answers,
        leavers_entries,
    })
}
