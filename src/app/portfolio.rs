//! `/coverage` and `/export`: a trainee's evidence seen as a whole, and taken away to their
//! host e-portfolio.

use chrono::{DateTime, Utc};

use super::App;
use super::evidence::all_evidence;
use super::members::require_member;
use super::notify::{Attachment, OutgoingMessage};
use super::sending::dm_channel;
use crate::charts::coverage_chart_png;
use crate::domain::coverage::member_coverage;
use crate::domain::export::{ExportFormat, export_csv, export_json, export_markdown};
use crate::domain::member::{DiscordId, Member};
use crate::store::{EvidenceFilter, Store};

/// The coverage message and its chart.
pub struct CoverageReport {
    pub text: String,
    /// `None` if the chart could not be drawn (the text still stands on its own).
    pub chart_png: Option<Vec<u8>>,
}

/// Counts per domain, theme and outcome, what is untouched, and a chart.
pub async fn coverage_report(app: &App, user: DiscordId) -> anyhow::Result<CoverageReport> {
    let caller = require_member(app, user).await?;
    let entries = all_evidence(app, user).await?;
    let coverage = member_coverage(&entries, app.clock.now());
    let text = caller.with_notice(coverage.to_message());
    let title = format!("Coverage for {}", caller.member.display_name);
    // Drawing is CPU work: it runs on the blocking pool, never on an async worker that other
    // members' interactions are waiting for.
    let drawn = tokio::task::spawn_blocking(move || coverage_chart_png(&coverage, &title)).await;
    let chart_png = match drawn {
        Ok(Ok(png)) => Some(png),
        Ok(Err(error)) => {
            tracing::warn!("coverage chart not drawn: {error}");
            None
        }
        Err(error) => {
            tracing::warn!("coverage chart not drawn: the drawing task failed: {error}");
            None
        }
    };
    Ok(CoverageReport { text, chart_png })
}

/// The member's evidence as export files: one format, or Markdown, CSV and JSON.
pub async fn export_files(
    app: &App,
    user: DiscordId,
    format: Option<ExportFormat>,
) -> anyhow::Result<Vec<Attachment>> {
    let caller = require_member(app, user).await?;
    export_for(&*app.store, &caller.member, format, app.clock.now()).await
}

/// The export files of `member`, dated in their timezone (also used by `mindlines export`).
pub async fn export_for(
    store: &dyn Store,
    member: &Member,
    format: Option<ExportFormat>,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<Attachment>> {
    let (entries, _) = store
        .evidence_of(member.discord_id, &EvidenceFilter::default())
        .await?;
    let comments = store.comments_of(member.discord_id).await?;
    let name = &member.display_name;
    let local = now.with_timezone(&member.timezone);
    let formats = match format {
        Some(format) => vec![format],
        None => vec![
            ExportFormat::Markdown,
            ExportFormat::Csv,
            ExportFormat::Json,
        ],
    };
    Ok(formats
        .into_iter()
        .map(|format| {
            let text = match format {
                ExportFormat::Markdown => export_markdown(name, &entries, &comments, local),
                ExportFormat::Csv => export_csv(&entries, &comments),
                ExportFormat::Json => export_json(name, &entries, &comments, now),
            };
            Attachment {
                name: format.file_name(&local),
                bytes: text.into_bytes(),
            }
        })
        .collect())
}

/// Sends the export files to the member by DM and says how many entries they hold.
pub async fn send_export(
    app: &App,
    user: DiscordId,
    format: Option<ExportFormat>,
) -> anyhow::Result<String> {
    let files = export_files(app, user, format).await?;
    let count = all_evidence(app, user).await?.len();
    let channel = dm_channel(app, user).await?;
    let message = OutgoingMessage {
        content: format!(
            "Your mindlines evidence: {count} {}. The Markdown file opens with the GMC reflective-practice notice and is grouped by domain, ready to paste into your e-portfolio.",
            plural(count)
        ),
        ..OutgoingMessage::default()
    };
    app.notifier.post_files(channel, &message, &files).await?;
    Ok(format!(
        "Sent {} file(s) with your {count} {} to your DMs.",
        files.len(),
        plural(count)
    ))
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "entry" } else { "entries" }
}
