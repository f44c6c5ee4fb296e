//! The one safety screen every text a member writes to the bot passes through: DM replies and
//! their edits, every field of the reflection and edit forms (and, as they arrive, check-in
//! notes and case messages). A new input path that skips [`screen`] is a bug.
//!
//! On risk language the writer gets the signposting at once. Nothing they wrote is stored:
//! the text is *held* in memory only, for at most [`HOLD_FOR`], with a private choice ("this
//! was about a patient or someone else: keep my reflection"), because clinicians reflect on
//! patients' overdoses and self-harm. Unclaimed text is dropped. No log line ties a member to
//! risk language; the only trace is a process-wide count ([`Safety::risk_signposted`]).

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Duration, Utc};

use super::App;
use super::error::UserError;
use super::evidence::save_edited_evidence;
use super::inbox::keep_held_dm;
use super::notify::{Button, ButtonStyle};
use super::reflection::save_reflection;
use crate::domain::custom_id::CustomId;
use crate::domain::inbox::InboundMessage;
use crate::domain::member::DiscordId;

/// How long held text waits for the writer's choice before it is forgotten.
pub const HOLD_FOR: Duration = Duration::minutes(15);
/// The label of the button that keeps held text (Discord: at most 80 characters).
pub const KEEP_HELD_LABEL: &str = "It was about someone else — keep my reflection";

/// A write the screen stopped, waiting for the writer's choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeldWrite {
    /// A reflection form answering delivery `delivery`.
    Reflection {
        delivery: i64,
        interaction_id: u64,
        texts: Vec<String>,
    },
    /// The edit form of entry `evidence`.
    Edit { evidence: i64, texts: Vec<String> },
    /// A DM (or an edit of one).
    Dm(InboundMessage),
    /// A supervisor's comment on shared entry `evidence`.
    Comment { evidence: i64, text: String },
    /// The summary form of the case in thread `thread`.
    CaseSummary { thread: u64, texts: Vec<String> },
    /// The answers to the queued form of message `delivery` (a follow-up, a case reflection).
    QueuedForm {
        form: super::form_entries::QueuedForm,
        delivery: i64,
        interaction_id: u64,
        texts: Vec<String>,
    },
}

#[derive(Debug)]
struct Held {
    member: DiscordId,
    until: DateTime<Utc>,
    write: HeldWrite,
}

/// Held text and the risk count, shared by every handler of one process.
#[derive(Debug, Default)]
pub struct Safety {
    held: Mutex<HashMap<i64, Held>>,
    signposted: AtomicU64,
}

impl Safety {
    /// Holds `write` for `member` until `now + HOLD_FOR`; returns the token its button carries.
    pub fn hold(&self, member: DiscordId, write: HeldWrite, now: DateTime<Utc>) -> i64 {
        self.signposted.fetch_add(1, Ordering::Relaxed);
        let mut held = self.lock();
        held.retain(|_, h| h.until > now);
        let mut token = rand::random_range(1..i64::MAX);
        while held.contains_key(&token) {
            token = rand::random_range(1..i64::MAX);
        }
        let until = now + HOLD_FOR;
        held.insert(
            token,
            Held {
                member,
                until,
                write,
            },
        );
        token
    }

    /// Counts a signposting that held nothing (risk language with nothing to keep).
    pub fn count_signposting(&self) {
        self.signposted.fetch_add(1, Ordering::Relaxed);
    }

    /// The held write behind `token`, once, if it is `member`'s and has not expired.
    pub fn take(&self, member: DiscordId, token: i64, now: DateTime<Utc>) -> Option<HeldWrite> {
        let mut held = self.lock();
        held.retain(|_, h| h.until > now);
        match held.get(&token) {
            Some(h) if h.member == member => held.remove(&token).map(|h| h.write),
            _ => None,
        }
    }

    /// Drops everything held for `member` (an erasure: nothing of theirs may be kept).
    pub fn forget(&self, member: DiscordId) {
        self.lock().retain(|_, h| h.member != member);
    }

    /// How many times risk language was met and signposting sent, since start.
    pub fn risk_signposted(&self) -> u64 {
        self.signposted.load(Ordering::Relaxed)
    }

    /// How many writes are held right now (for tests and metrics).
    pub fn held_count(&self, now: DateTime<Utc>) -> usize {
        self.lock().values().filter(|h| h.until > now).count()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Held>> {
        self.held
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Whether any of `texts` contains risk language.
pub fn screen<'a>(app: &App, texts: impl IntoIterator<Item = &'a str>) -> bool {
    let Some(wellbeing) = app.library.wellbeing() else {
        return false;
    };
    texts.into_iter().any(|text| wellbeing.mentions_risk(text))
}

/// The signposting message, with what happens to the held text said plainly.
pub fn held_reply(app: &App) -> String {
    format!(
        "{}\n\nIf what you wrote was about a patient or someone else, not about you, you can keep it as a reflection with the button below. I hold it for 15 minutes, in memory only; until you choose, nothing is saved.",
        risk_reply(app)
    )
}

/// The signposting on its own (when there is nothing to keep).
pub fn risk_reply(app: &App) -> String {
    app.library
        .wellbeing()
        .map(|w| w.risk_reply())
        .unwrap_or_default()
}

/// The button that keeps held text `token`.
pub fn keep_button(token: i64) -> Button {
    Button {
        custom_id: CustomId::KeepHeld { token }.to_string(),
        label: KEEP_HELD_LABEL.to_owned(),
        style: ButtonStyle::Secondary,
    }
}

/// What became of a member's write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// Kept; the confirmation to show.
    Saved(String),
    /// Held by the safety screen: the signposting to show privately, with its keep button.
    Held { reply: String, keep: Button },
}

impl Written {
    /// Holds `write` for `member` and says so with the signposting.
    pub fn held(app: &App, member: DiscordId, write: HeldWrite) -> Written {
        let token = app.safety.hold(member, write, app.clock.now());
        Written::Held {
            reply: held_reply(app),
            keep: keep_button(token),
        }
    }
}

/// Keeps what the screen held for `member`, now they have said it was about someone else.
pub async fn keep_held(app: &App, member: DiscordId, token: i64) -> anyhow::Result<String> {
    let Some(write) = app.safety.take(member, token, app.clock.now()) else {
        return Err(UserError::new(HELD_EXPIRED).into());
    };
    match write {
        HeldWrite::Reflection {
            delivery,
            interaction_id,
            texts,
        } => save_reflection(app, member, delivery, interaction_id, texts).await,
        HeldWrite::Edit { evidence, texts } => {
            save_edited_evidence(app, member, evidence, texts).await
        }
        HeldWrite::Dm(message) => keep_held_dm(app, &message).await,
        HeldWrite::QueuedForm {
            form,
            delivery,
            interaction_id,
            texts,
        } => {
            super::form_entries::save_queued_form(
                app,
                member,
                form,
                delivery,
                interaction_id,
                texts,
            )
            .await
        }
        HeldWrite::CaseSummary { thread, texts } => {
            super::cases::keep_summary(app, member, thread, texts).await
        }
        HeldWrite::Comment { evidence, text } => {
            super::supervision::save_comment(app, member, evidence, &text).await
        }
    }
}

/// What a writer is told when their held text is gone.
pub const HELD_EXPIRED: &str = "I no longer have that text: I only hold it for 15 minutes, and nothing was saved. If you'd like to keep it as a reflection, please write it again.";

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2040, 1, 2, 9, 0, 0).unwrap()
    }

    fn edit() -> HeldWrite {
        HeldWrite::Edit {
            evidence: 3,
            texts: vec!["held".into()],
        }
    }

    #[test]
    fn held_text_is_given_back_once_and_only_to_its_writer() {
        let safety = Safety::default();
        let token = safety.hold(DiscordId(1), edit(), now());
        assert_eq!(safety.take(DiscordId(2), token, now()), None);
        assert_eq!(safety.take(DiscordId(1), token, now()), Some(edit()));
        assert_eq!(safety.take(DiscordId(1), token, now()), None);
        assert_eq!(safety.risk_signposted(), 1);
    }

    #[test]
    fn held_text_is_forgotten_after_fifteen_minutes() {
        let safety = Safety::default();
        let token = safety.hold(DiscordId(1), edit(), now());
        assert_eq!(safety.held_count(now() + Duration::minutes(14)), 1);
        let late = now() + HOLD_FOR + Duration::seconds(1);
        assert_eq!(safety.take(DiscordId(1), token, late), None);
        assert_eq!(safety.held_count(late), 0);
    }

    #[test]
    fn the_keep_button_fits_discord() {
        assert!(KEEP_HELD_LABEL.chars().count() <= 80);
        let button = keep_button(i64::MAX);
        assert_eq!(
            button.custom_id.parse::<CustomId>(),
            Ok(CustomId::KeepHeld { token: i64::MAX })
        );
    }
}
