//! `/mydata export` and `mindlines member export`: everything mindlines holds about a member,
//! gathered here from one store read per kind of record, rendered by
//! `domain::export::member_data` as JSON and Markdown, and audited when it is handed over
//! (the counts, never the content).
//!
//! A member who has left the roster can still export: access to one's data does not end with
//! the programme.

use chrono::{DateTime, Utc};

use super::App;
use super::members::not_on_roster_reply;
use super::notify::{Attachment, NotifyError, OutgoingMessage};
use super::sending::dm_channel;
use crate::domain::export::member_data::{
    AuditLine, MemberData, file_names, member_data_json, member_data_markdown,
};
use crate::domain::member::{DiscordId, Member};
use crate::store::{AuditAction, AuditEntry, EvidenceFilter, Store};

/// Reads everything held about `member`.
pub async fn gather_member_data(store: &dyn Store, member: Member) -> anyhow::Result<MemberData> {
    let id = member.discord_id;
    let (entries, _) = store.evidence_of(id, &EvidenceFilter::default()).await?;
    let audit = store
        .audit_entries_about(id)
        .await?
        .into_iter()
        .map(|entry| AuditLine {
            at: entry.at,
            actor: entry.actor,
            action: entry.action.slug().to_owned(),
            detail: entry.detail,
        })
        .collect();
    Ok(MemberData {
        dates: store.roster_dates(id).await?,
        team: store.team_of(id).await?.map(|team| team.name),
        supervisors: store.supervisors_of(id).await?,
        supervisees: store.supervisees_of(id).await?,
        entries,
        revisions: store.revisions_of(id).await?,
        comments: store.comments_of(id).await?,
        comments_written: store.comments_written_by(id).await?,
        not_relevant: store.not_relevant_prompts(id).await?,
        schedule: store.schedule_of(id).await?.map(|state| state.schedule),
        followup_weeks: store.followup_weeks(id).await?,
        checkin_settings: store.wellbeing_of(id).await?,
        consents: store.consent_records(id).await?,
        checkins: store.checkin_records(id).await?,
        cases: store.cases_of(id).await?,
        digest: store.digest_subscription(id).await?,
        deliveries: store.deliveries_of(id).await?,
        held_messages: store.held_messages(id).await?,
        audit,
        member,
    })
}

/// The two files, dated in the member's own zone.
pub fn member_data_files(data: &MemberData, now: DateTime<Utc>) -> Vec<Attachment> {
    let local = now.with_timezone(&data.member.timezone);
    let [json_name, markdown_name] = file_names(&local);
    vec![
        Attachment {
            name: json_name,
            bytes: member_data_json(data, now).into_bytes(),
        },
        Attachment {
            name: markdown_name,
            bytes: member_data_markdown(data, local).into_bytes(),
        },
    ]
}

/// Audits that the member's data was handed over, `how` being `dm` or `cli`.
pub async fn record_export(
    store: &dyn Store,
    data: &MemberData,
    actor: Option<DiscordId>,
    how: &str,
    at: DateTime<Utc>,
) -> anyhow::Result<()> {
    let entry = AuditEntry {
        at,
        actor,
        action: AuditAction::DataExported,
        subject: Some(data.member.discord_id),
        detail: format!("{how} {}", data.audit_detail()),
    };
    Ok(store.record_audit(&entry).await?)
}

/// `/mydata export`: sends the caller everything held about them by DM and says what was
/// sent, or truthfully why it could not be.
pub async fn send_my_data(app: &App, user: DiscordId) -> anyhow::Result<String> {
    // Not `require_member`: a member who left keeps the right to their data.
    let Some(member) = app.store.member(user).await? else {
        return Err(not_on_roster_reply(app, user).await?.into());
    };
    let now = app.clock.now();
    let data = gather_member_data(&*app.store, member).await?;
    let files = member_data_files(&data, now);
    let message = OutgoingMessage {
        content: format!(
            "Everything mindlines holds about you: your roster details and settings, and {}. The JSON file is the complete record for a machine; the Markdown file is the same, to read.",
            data.summary()
        ),
        ..OutgoingMessage::default()
    };
    let sent = match dm_channel(app, user).await {
        Ok(channel) => app.notifier.post_files(channel, &message, &files).await,
        Err(error) => Err(error),
    };
    match sent {
        Ok(_) => {
            record_export(&*app.store, &data, Some(user), "dm", now).await?;
            Ok(format!(
                "Sent to your DMs: two files (JSON and Markdown) with everything mindlines holds about you — your roster details and settings, and {}.",
                data.summary()
            ))
        }
        Err(NotifyError::Unreachable) => Ok("I couldn't send your data: your direct messages from this server seem to be closed, so nothing was sent. Allow direct messages in the server's Privacy Settings, then run `/mydata export` again.".to_owned()),
        Err(error) => {
            tracing::warn!("the data export was not delivered: {error}");
            Ok("Sending your data by DM failed, so I can't say it arrived. Check your DMs; if the files aren't there, try `/mydata export` again in a few minutes.".to_owned())
        }
    }
}
