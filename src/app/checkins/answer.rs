//! Answering a check-in: one tap keeps the score, the reply follows the file's tiers (thanks;
//! low → acknowledgement and a menu; repeated lows → a gentle suggestion to talk to someone),
//! and an optional note is screened like every member-written text: on risk language the
//! member gets the signposting and nothing is kept.

use super::library;
use crate::app::App;
use crate::app::error::UserError;
use crate::app::notify::{Button, ButtonStyle};
use crate::app::safety::{risk_reply, screen};
use crate::app::schedules::pause_for_days;
use crate::domain::custom_id::CustomId;
use crate::domain::delivery::{DeliveryKind, DeliveryStatus};
use crate::domain::member::DiscordId;
use crate::domain::schedule::PauseKind;
use crate::domain::wellbeing::checkins::{Tier, tier_for};

/// Notes longer than a modal field allows are refused with the draft kept.
pub const MAX_NOTE_CHARS: usize = 1_000;
/// How long "Pause my prompts for a while" pauses for.
const PAUSE_DAYS: i64 = 14;

/// What the bot answers to a score: text and the buttons that go with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckinReply {
    pub text: String,
    pub buttons: Vec<Button>,
}

const GONE: &str = "That check-in is no longer open.";
/// A check-in delivered before `/wellbeing stop` keeps its buttons in the DM; pressing them
/// afterwards must not store health data the member no longer consents to.
const CHECKINS_OFF: &str = "Your check-ins are off, so nothing of this was kept. `/wellbeing start` turns them back on if you want them.";

/// Refuses unless the member's consent stands now (any version they agreed to and have not
/// withdrawn), and is still on the programme: answers and notes are health data, kept only
/// under consent.
async fn require_consent(app: &App, user: DiscordId) -> anyhow::Result<()> {
    crate::app::members::refuse_if_left(app, user).await?;
    let state = app.store.wellbeing_of(user).await?;
    if state.is_some_and(|s| s.consent_version.is_some()) {
        Ok(())
    } else {
        Err(UserError::new(CHECKINS_OFF).into())
    }
}

/// Keeps `score` for check-in `delivery` if it was sent to `user`, and says what the file
/// says for the member's recent scores. Answering late is fine; answering twice keeps the
/// first answer. Nothing is kept once the member has withdrawn consent.
pub async fn answer_checkin(
    app: &App,
    user: DiscordId,
    delivery: i64,
    score: u8,
) -> anyhow::Result<CheckinReply> {
    let wellbeing = library(app)?;
    let checkin = app
        .store
        .delivery(delivery)
        .await?
        .filter(|d| d.member == user && d.kind == DeliveryKind::Checkin)
        .ok_or_else(|| UserError::new(GONE))?;
    if wellbeing.label(score).is_none() {
        return Err(UserError::new(GONE).into());
    }
    // After the ownership check, so someone else's check-in never tells whose consent stands.
    require_consent(app, user).await?;
    let now = app.clock.now();
    let first = app
        .store
        .record_checkin_score(user, checkin.id, score, now)
        .await?;
    if !first {
        return Err(UserError::new("You've already answered this check-in — thank you.").into());
    }
    app.store
        .set_delivery_status(checkin.id, DeliveryStatus::Answered, None, now)
        .await?;
    let window = wellbeing.checkin().repeated_low_window.max(1);
    let recent: Vec<u8> = app
        .store
        .checkin_answers(user, now - app.retention.checkin_scores)
        .await?
        .into_iter()
        .take(window)
        .map(|a| a.score)
        .collect();
    let responses = wellbeing.responses();
    let note = button(CustomId::CheckinNote { delivery }, "Add a note");
    let (text, buttons) = match tier_for(wellbeing, &recent) {
        Tier::Thanks => (responses.thanks.trim().to_owned(), vec![note]),
        tier => {
            let text = if tier == Tier::RepeatedLow {
                &responses.repeated_low
            } else {
                &responses.low
            };
            let menu = vec![
                note,
                button(
                    CustomId::CheckinSupport { delivery },
                    &responses.support_button,
                ),
                button(
                    CustomId::CheckinPause { delivery },
                    &responses.snooze_button,
                ),
            ];
            (text.trim().to_owned(), menu)
        }
    };
    Ok(CheckinReply { text, buttons })
}

/// The optional note of an answered check-in, screened first (risk language is signposted
/// whatever the consent), and kept only while the member's consent stands.
pub async fn add_checkin_note(
    app: &App,
    user: DiscordId,
    delivery: i64,
    note: &str,
) -> anyhow::Result<String> {
    let note = note.trim();
    if note.is_empty() {
        return Ok("No note added.".to_owned());
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(UserError::new(format!(
            "That note is {} characters; the limit is {MAX_NOTE_CHARS}. Nothing was saved; here it is to shorten:\n{note}",
            note.chars().count()
        ))
        .into());
    }
    if screen(app, [note]) {
        // About the writer themselves: signposting at once, and nothing of it is kept.
        app.safety.count_signposting();
        return Ok(risk_reply(app));
    }
    require_consent(app, user).await?;
    if !app.store.add_checkin_note(user, delivery, note).await? {
        return Err(UserError::new(GONE).into());
    }
    Ok("Note kept, private to you.".to_owned())
}

/// The support options from the file (with the deployment's local contacts).
pub fn support_options(app: &App) -> anyhow::Result<String> {
    let wellbeing = library(app)?;
    let lines: Vec<String> = wellbeing
        .visible_resources()
        .map(|r| format!("• **{}** — {}. {}", r.name, r.contact, r.when))
        .collect();
    Ok(format!("**Support options**\n{}", lines.join("\n")))
}

/// "Pause my prompts for a while": prompts (and check-ins, which follow the same pauses) stop
/// for two weeks; `/schedule resume` brings them back sooner.
pub async fn pause_for_a_while(app: &App, user: DiscordId) -> anyhow::Result<String> {
    let (_, until) = pause_for_days(app, user, PauseKind::Other, PAUSE_DAYS).await?;
    Ok(format!(
        "Paused until {}: no prompts and no check-ins until then. `/schedule resume` brings them back sooner.",
        until.format("%A %d %B")
    ))
}

fn button(id: CustomId, label: &str) -> Button {
    Button {
        custom_id: id.to_string(),
        label: label.chars().take(80).collect(),
        style: ButtonStyle::Secondary,
    }
}
