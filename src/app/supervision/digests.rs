//! Digests: on demand (`/digest now`, at once and privately) and weekly (by DM, in the
//! supervisor's timezone, default Monday 08:00). A weekly digest is queued as one header
//! message (with the picture) and one message per supervisee, each with an occurrence key of
//! the supervisor's ISO week (`digest:2026-W50`, `digest:2026-W50:<id>`), in the transaction
//! that moves the subscription's cursor: a restart or two processes never send a week twice.
//! Each message is built when it is sent, from the links and sharing as they stand then.

use chrono::Duration;

use super::{App, require_supervisor};
use crate::app::error::UserError;
use crate::app::notify::{Attachment, Button, ButtonStyle, OutgoingMessage};
use crate::app::prompt_message::delivery_nonce;
use crate::charts::coverage_heatmap_png;
use crate::domain::custom_id::CustomId;
use crate::domain::delivery::{Delivery, DeliveryKind, NewDelivery, Payload};
use crate::domain::digest::{
    CoverageGrid, DigestSubscription, RECENT_WEEKS, SuperviseeFacts, header_text, next_digest_due,
    section_text, week_key, window_ending,
};
use crate::domain::member::{DiscordId, Member, MemberStatus, Role};
use crate::domain::schedule::{parse_local_time, parse_weekdays};
use crate::store::{AuditAction, AuditEntry, DigestPeriod};

/// One message of a digest, with the picture attached to the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestMessage {
    pub message: OutgoingMessage,
    pub files: Vec<Attachment>,
}

/// How many due subscriptions one scheduler step takes.
const BATCH: u32 = 100;

fn period_until(until: chrono::DateTime<chrono::Utc>) -> DigestPeriod {
    let (start, end) = window_ending(until);
    DigestPeriod {
        start,
        end,
        recent_since: end - Duration::weeks(RECENT_WEEKS),
    }
}

fn header_message(
    facts: &[SuperviseeFacts],
    period: DigestPeriod,
    tz: chrono_tz::Tz,
) -> anyhow::Result<DigestMessage> {
    let content = header_text(facts, (period.start, period.end), tz);
    let files = if facts.is_empty() {
        Vec::new()
    } else {
        let title = format!(
            "Your supervisees · entries per area · 8 weeks to {}",
            period.end.with_timezone(&tz).format("%-d %b %Y")
        );
        vec![Attachment {
            name: "digest-coverage.png".to_owned(),
            bytes: coverage_heatmap_png(&CoverageGrid::of(facts), &title)?,
        }]
    };
    Ok(DigestMessage {
        message: OutgoingMessage {
            content,
            ..OutgoingMessage::default()
        },
        files,
    })
}

fn section_message(facts: &SuperviseeFacts) -> DigestMessage {
    let text = section_text(facts);
    let buttons = text
        .entries
        .into_iter()
        .map(|(id, label)| Button {
            custom_id: CustomId::ReadShared { evidence: id }.to_string(),
            label,
            style: ButtonStyle::Secondary,
        })
        .collect();
    DigestMessage {
        message: OutgoingMessage {
            content: text.content,
            buttons,
            nonce: None,
        },
        files: Vec::new(),
    }
}

async fn audit_included(
    app: &App,
    supervisor: DiscordId,
    facts: &[SuperviseeFacts],
    detail: &str,
) -> anyhow::Result<()> {
    for f in facts {
        app.store
            .record_audit(&AuditEntry {
                at: app.clock.now(),
                actor: Some(supervisor),
                action: AuditAction::DigestIncluded,
                subject: Some(f.member.discord_id),
                detail: detail.to_owned(),
            })
            .await?;
    }
    Ok(())
}

/// `/digest now [trainee]`: the last seven days, at once, privately.
pub async fn digest_now(
    app: &App,
    user: DiscordId,
    trainee: Option<DiscordId>,
) -> anyhow::Result<Vec<DigestMessage>> {
    let caller = require_supervisor(app, user).await?;
    // Up to and including this moment: an entry shared just now is in it.
    let period = period_until(app.clock.now() + Duration::seconds(1));
    let facts = app.store.digest_facts(user, trainee, period).await?;
    if trainee.is_some() && facts.is_empty() {
        return Err(UserError::new(
            "That person is not linked to you as a supervisee on the roster, so there is no digest of them for you.",
        )
        .into());
    }
    audit_included(app, user, &facts, "now").await?;
    let mut messages = vec![header_message(&facts, period, caller.member.timezone)?];
    messages.extend(facts.iter().map(section_message));
    Ok(messages)
}

/// The message a queued digest delivery says, built now; `Err` with a short code when there
/// is nothing to send any more (the link was removed, the role taken away).
pub async fn render_digest(
    app: &App,
    delivery: &Delivery,
    until: chrono::DateTime<chrono::Utc>,
    supervisee: Option<DiscordId>,
) -> anyhow::Result<Result<DigestMessage, &'static str>> {
    let supervisor = delivery.member;
    let Some(member) = app.store.member(supervisor).await? else {
        return Ok(Err("not_on_roster"));
    };
    if !member.has_role(Role::Supervisor) {
        return Ok(Err("not_a_supervisor"));
    }
    let period = period_until(until);
    let facts = app
        .store
        .digest_facts(supervisor, supervisee, period)
        .await?;
    let week = week_key(until, member.timezone);
    let mut message = match supervisee {
        None if facts.is_empty() => return Ok(Err("no_supervisees")),
        None => header_message(&facts, period, member.timezone)?,
        Some(_) => match facts.first() {
            None => return Ok(Err("link_removed")),
            Some(one) => {
                audit_included(app, supervisor, &facts, &week).await?;
                section_message(one)
            }
        },
    };
    message.message.nonce = Some(delivery_nonce(delivery.id));
    Ok(Ok(message))
}

/// The scheduler's step: queues the week's digest for every subscription that is due, and
/// moves each cursor to the next week. Returns how many digests were queued.
pub async fn schedule_digests(
    app: &App,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<usize> {
    let mut queued = 0;
    for sub in app.store.due_digests(now, BATCH).await? {
        let Some(member) = app.store.member(sub.supervisor).await? else {
            continue;
        };
        let tz = member.timezone;
        let next = next_digest_due(sub.weekday, sub.local_time, tz, now);
        let deliveries = week_of(app, &member, &sub, now).await?;
        let ids = app
            .store
            .advance_digest(sub.supervisor, sub.next_due, next, &deliveries)
            .await?;
        if !ids.is_empty() {
            queued += 1;
        }
    }
    if queued > 0 {
        app.send_wanted.notify_one();
    }
    Ok(queued)
}

/// The deliveries of one weekly digest: nothing for someone who is no longer a supervisor or
/// has nobody linked (the cursor still moves on).
async fn week_of(
    app: &App,
    member: &Member,
    sub: &DigestSubscription,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<Vec<NewDelivery>> {
    if !member.has_role(Role::Supervisor) || member.status != MemberStatus::Active {
        return Ok(Vec::new());
    }
    let mut supervisees = app.store.supervisees_of(sub.supervisor).await?;
    // Sections in the order the header lists them: by name.
    supervisees.sort_by_key(|m| (m.display_name.to_lowercase(), m.discord_id));
    if supervisees.is_empty() {
        return Ok(Vec::new());
    }
    // The most recent week that has ended by now: after downtime the digest is of the week
    // just gone, never a stale one (and never more than one to catch up).
    let until = latest_due(sub, member.timezone, now);
    let week = week_key(until, member.timezone);
    let queued = |key: String, supervisee: Option<DiscordId>| NewDelivery {
        member: sub.supervisor,
        occurrence_key: key,
        kind: DeliveryKind::Digest,
        payload: Payload::Digest { until, supervisee },
        due_at: now.max(until),
        follows: None,
    };
    let mut deliveries = vec![queued(format!("digest:{week}"), None)];
    deliveries.extend(supervisees.iter().map(|s| {
        queued(
            format!("digest:{week}:{}", s.discord_id),
            Some(s.discord_id),
        )
    }));
    Ok(deliveries)
}

/// The newest digest time at or before `now` (the cursor itself if DST makes that ambiguous).
fn latest_due(
    sub: &DigestSubscription,
    tz: chrono_tz::Tz,
    now: chrono::DateTime<chrono::Utc>,
) -> chrono::DateTime<chrono::Utc> {
    let latest = next_digest_due(sub.weekday, sub.local_time, tz, now - Duration::days(7));
    if latest <= now && latest >= sub.next_due {
        latest
    } else {
        sub.next_due
    }
}

/// `/digest subscribe [day] [time]`: weekly, by DM, in the supervisor's timezone.
pub async fn subscribe_digest(
    app: &App,
    user: DiscordId,
    day: Option<&str>,
    time: Option<&str>,
) -> anyhow::Result<String> {
    let caller = require_supervisor(app, user).await?;
    let (default_day, default_time) = DigestSubscription::default_time();
    let weekday = match day {
        None => default_day,
        Some(text) => {
            let days = parse_weekdays(text).map_err(UserError)?;
            let mut days = days.iter();
            match (days.next(), days.next()) {
                (Some(one), None) => one,
                _ => {
                    return Err(UserError::new(
                        "A digest comes once a week: choose one day, e.g. `monday`.",
                    )
                    .into());
                }
            }
        }
    };
    let local_time = match time {
        None => default_time,
        Some(text) => parse_local_time(text).map_err(UserError)?.time(),
    };
    let tz = caller.member.timezone;
    let now = app.clock.now();
    let next = next_digest_due(weekday, local_time, tz, now);
    app.store
        .subscribe_digest(user, weekday, local_time, next, now)
        .await?;
    let linked = app.store.supervisees_of(user).await?.len();
    let who = match linked {
        0 => "The roster links nobody to you yet; a week with nobody linked sends nothing."
            .to_owned(),
        1 => "It covers your 1 supervisee, as the roster links them that week.".to_owned(),
        n => format!("It covers your {n} supervisees, as the roster links them that week."),
    };
    Ok(format!(
        "Your digest will come by direct message every {} at {} ({tz}); the first on {}. {who} `/digest unsubscribe` stops it.",
        weekday_name(weekday),
        local_time.format("%H:%M"),
        next.with_timezone(&tz).format("%a %-d %b"),
    ))
}

fn weekday_name(day: chrono::Weekday) -> &'static str {
    match day {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    }
}

/// `/digest unsubscribe`.
pub async fn unsubscribe_digest(app: &App, user: DiscordId) -> anyhow::Result<String> {
    require_supervisor(app, user).await?;
    Ok(
        if app.store.unsubscribe_digest(user, app.clock.now()).await? {
            "Your weekly digest is stopped, and any not yet sent is cancelled. `/digest now` still works whenever you want one.".to_owned()
        } else {
            "You have no weekly digest. `/digest subscribe` starts one.".to_owned()
        },
    )
}
