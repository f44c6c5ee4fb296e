//! Wellbeing check-ins, opt-in and private: consent (versioned, recorded, withdrawn at once),
//! the member's own cadence, sharing with their supervisor, and (in the submodules) answering
//! a check-in, the tiered response and the check-in scheduler step (their retention is in
//! `app::retention`).
//!
//! Check-ins are DMs only, on the outbound queue (deliveries of kind `checkin`). An
//! unanswered check-in is simply gone: no reminder, no "missed" anywhere. Nothing here logs a
//! score, a note or a consent state.

mod answer;
mod scheduling;

pub use answer::{
    CheckinReply, MAX_NOTE_CHARS, add_checkin_note, answer_checkin, pause_for_a_while,
    support_options,
};
pub use scheduling::schedule_due_checkins;

use super::App;
use super::error::UserError;
use super::members::require_member;
use crate::domain::member::DiscordId;
use crate::domain::schedule::{Cadence, Schedule, next_due, parse_local_time, parse_weekdays};
use crate::domain::wellbeing::WellbeingLibrary;
use crate::domain::wellbeing::checkins::{CheckinPlan, WellbeingState};

const NO_LIBRARY: &str = "Wellbeing check-ins are not set up in this deployment.";

fn library(app: &App) -> anyhow::Result<&WellbeingLibrary> {
    app.library
        .wellbeing()
        .ok_or_else(|| UserError::new(NO_LIBRARY).into())
}

/// What `/wellbeing start` shows: the consent text (to agree to or not), or a note that
/// check-ins are already on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsentOffer {
    Ask { text: String },
    AlreadyOn(String),
}

/// `/wellbeing start`: the consent text, privately, unless the member already agreed to this
/// version.
pub async fn offer_checkins(app: &App, user: DiscordId) -> anyhow::Result<ConsentOffer> {
    require_member(app, user).await?;
    let wellbeing = library(app)?;
    let version = &wellbeing.consent().version;
    if let Some(state) = app.store.wellbeing_of(user).await?
        && state.consented_to(version)
    {
        return Ok(ConsentOffer::AlreadyOn(format!(
            "Check-ins are already on. {} `/wellbeing stop` turns them off.",
            next_line(app, &state).await?
        )));
    }
    Ok(ConsentOffer::Ask {
        text: wellbeing.consent().text.trim().to_owned(),
    })
}

/// "Agree": records consent to the current version and plans the first check-in.
pub async fn agree_to_checkins(app: &App, user: DiscordId) -> anyhow::Result<String> {
    let caller = require_member(app, user).await?;
    let version = library(app)?.consent().version.clone();
    let now = app.clock.now();
    let prompts = prompt_schedule(app, user, caller.member.timezone).await?;
    let plan = match app.store.wellbeing_of(user).await? {
        Some(state) => state.plan,
        None => CheckinPlan::default_from(prompts.local_date(now)),
    };
    let next = next_due(&plan.within(&prompts), &app.holidays, now);
    app.store
        .consent_to_checkins(user, &version, &plan, next, now)
        .await?;
    let state = app.store.wellbeing_of(user).await?;
    let when = match &state {
        Some(state) => next_line(app, state).await?,
        None => String::new(),
    };
    Ok(format!(
        "Thank you — check-ins are on. {when} They come by DM, one tap to answer. `/wellbeing schedule` changes when, `/wellbeing stop` turns them off."
    ))
}

/// "Not now": nothing is recorded.
pub fn decline_checkins() -> String {
    "No problem — nothing has changed and nothing was recorded. `/wellbeing start` if you change your mind.".to_owned()
}

/// `/wellbeing stop`: withdraws consent at once and cancels queued check-ins.
pub async fn stop_checkins(app: &App, user: DiscordId) -> anyhow::Result<String> {
    require_member(app, user).await?;
    let Some(state) = app.store.wellbeing_of(user).await? else {
        return Ok("Check-ins were never on, so there is nothing to stop.".to_owned());
    };
    if state.consent_version.is_none() {
        return Ok("Check-ins are already off.".to_owned());
    }
    app.store.withdraw_checkins(user, app.clock.now()).await?;
    let days = |d: chrono::Duration| d.num_days();
    Ok(format!(
        "Check-ins are off, and nothing more will be sent. Sharing with your supervisor is off too. What you answered before stays private to you: notes are deleted {} days after you wrote them and scores after {} days.",
        days(app.retention.checkin_notes),
        days(app.retention.checkin_scores)
    ))
}

/// The member's own trend: a short text and a chart (12 weeks), privately.
pub struct Trend {
    pub text: String,
    pub chart_png: Option<Vec<u8>>,
}

/// `/wellbeing trend`: the member's recent scores, with notes counted, not shown.
pub async fn checkin_trend(app: &App, user: DiscordId) -> anyhow::Result<Trend> {
    require_member(app, user).await?;
    let now = app.clock.now();
    let answers = app
        .store
        .checkin_answers(user, now - chrono::Duration::weeks(12))
        .await?;
    if answers.is_empty() {
        return Ok(Trend {
            text: "No check-in answers in the last 12 weeks yet. `/wellbeing start` if check-ins are off.".into(),
            chart_png: None,
        });
    }
    let notes = answers.iter().filter(|a| a.has_note).count();
    let count = answers.len();
    let text = format!(
        "**Your check-ins, last 12 weeks** (only you can see this): {count} {}, {notes} with a note.",
        if count == 1 { "answer" } else { "answers" }
    );
    let drawn =
        tokio::task::spawn_blocking(move || crate::charts::wellbeing_trend_png(&answers, now))
            .await;
    let chart_png = match drawn {
        Ok(Ok(png)) => Some(png),
        _ => {
            tracing::warn!("the wellbeing trend chart was not drawn");
            None
        }
    };
    Ok(Trend { text, chart_png })
}

/// `/wellbeing share on|off`: whether the member's supervisor may see their scores.
pub async fn set_sharing(app: &App, user: DiscordId, on: bool) -> anyhow::Result<String> {
    require_member(app, user).await?;
    current_state(app, user).await?; // Sharing is only for members with check-ins on.
    app.store.set_checkin_sharing(user, on).await?;
    Ok(if on {
        "Sharing is on: your supervisor's digest shows the scores you give each week (never your notes, and only while sharing is on). `/wellbeing share off` stops it at once.".to_owned()
    } else {
        "Sharing is off: your check-ins are private to you.".to_owned()
    })
}

/// `/wellbeing schedule`: the check-in day, time and cadence (weekly or fortnightly).
pub async fn set_checkin_schedule(
    app: &App,
    user: DiscordId,
    cadence: Option<&str>,
    day: Option<&str>,
    time: Option<&str>,
) -> anyhow::Result<String> {
    let caller = require_member(app, user).await?;
    let state = current_state(app, user).await?;
    let now = app.clock.now();
    let prompts = prompt_schedule(app, user, caller.member.timezone).await?;
    let plan =
        changed_plan(state.plan, cadence, day, time, prompts.local_date(now)).map_err(UserError)?;
    let next = next_due(&plan.within(&prompts), &app.holidays, now);
    app.store.save_checkin_plan(user, &plan, next, now).await?;
    let saved = app.store.wellbeing_of(user).await?.unwrap_or(state);
    Ok(format!("Saved. {}", next_line(app, &saved).await?))
}

fn changed_plan(
    mut plan: CheckinPlan,
    cadence: Option<&str>,
    day: Option<&str>,
    time: Option<&str>,
    today: chrono::NaiveDate,
) -> Result<CheckinPlan, String> {
    if [cadence, day, time].iter().all(Option::is_none) {
        return Err("Nothing to change. `/wellbeing schedule` can set `cadence` (weekly or fortnightly), `day` (fri) and `time` (15:00).".into());
    }
    if let Some(time) = time {
        plan.local_time = parse_local_time(time)?;
    }
    let current_day = match plan.cadence {
        Cadence::Weekly(day) | Cadence::Fortnightly { weekday: day, .. } => day,
        Cadence::Weekdays(_) => chrono::Weekday::Fri,
    };
    let day = match day {
        Some(text) => {
            let days = parse_weekdays(text)?;
            let mut iter = days.iter();
            match (iter.next(), iter.next()) {
                (Some(day), None) => day,
                _ => {
                    return Err(format!(
                        "'{text}' names more than one day; check-ins come on one day"
                    ));
                }
            }
        }
        None => current_day,
    };
    let fortnightly = match cadence.map(|c| c.trim().to_lowercase()) {
        Some(c) if c == "weekly" => false,
        Some(c) if c == "fortnightly" => true,
        Some(other) => {
            return Err(format!(
                "'{other}' is not a cadence: give weekly or fortnightly"
            ));
        }
        None => matches!(plan.cadence, Cadence::Fortnightly { .. }),
    };
    plan.cadence = if fortnightly {
        match plan.cadence {
            Cadence::Fortnightly { anchor, weekday } if weekday == day => {
                Cadence::Fortnightly { weekday, anchor }
            }
            _ => Cadence::fortnightly_from(day, today),
        }
    } else {
        Cadence::Weekly(day)
    };
    Ok(plan)
}

async fn current_state(app: &App, user: DiscordId) -> anyhow::Result<WellbeingState> {
    let version = &library(app)?.consent().version;
    match app.store.wellbeing_of(user).await? {
        Some(state) if state.consented_to(version) => Ok(state),
        _ => Err(UserError::new("Check-ins are not on. `/wellbeing start` shows what they are and asks whether you want them.").into()),
    }
}

/// The member's prompt schedule (or the default), whose zone, calendar, pauses and quiet
/// hours check-ins follow too.
pub(crate) async fn prompt_schedule(
    app: &App,
    user: DiscordId,
    timezone: chrono_tz::Tz,
) -> anyhow::Result<Schedule> {
    Ok(match app.store.schedule_of(user).await? {
        Some(state) => state.schedule,
        None => super::scheduling::default_schedule(timezone),
    })
}

async fn next_line(app: &App, state: &WellbeingState) -> anyhow::Result<String> {
    let timezone = match app.store.member(state.member).await? {
        Some(member) => member.timezone,
        None => chrono_tz::Europe::London,
    };
    Ok(match state.next_due {
        Some(next) => format!(
            "The next check-in comes {} ({}).",
            next.with_timezone(&timezone).format("%A %d %B at %H:%M"),
            describe_cadence(&state.plan)
        ),
        None => {
            "No check-in is coming while your prompts are paused until further notice.".to_owned()
        }
    })
}

fn describe_cadence(plan: &CheckinPlan) -> String {
    match plan.cadence {
        Cadence::Fortnightly { weekday, .. } => format!("every other {weekday}"),
        Cadence::Weekly(day) => format!("every {day}"),
        Cadence::Weekdays(days) => format!("on {days}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, Weekday};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn the_check_in_schedule_changes_only_what_is_given() {
        let plan = CheckinPlan::default_from(today());
        let weekly = changed_plan(plan, Some("weekly"), Some("wed"), None, today()).unwrap();
        assert_eq!(weekly.cadence, Cadence::Weekly(Weekday::Wed));
        assert_eq!(weekly.local_time, plan.local_time);
        let later = changed_plan(weekly, None, None, Some("17:30"), today()).unwrap();
        assert_eq!(later.cadence, weekly.cadence);
        assert_eq!(later.local_time.to_string(), "17:30");
        // The same fortnightly day keeps its fortnights; a new day starts them afresh.
        assert_eq!(
            changed_plan(plan, Some("fortnightly"), Some("fri"), None, today()).unwrap(),
            plan
        );
    }

    #[test]
    fn a_check_in_schedule_that_cannot_work_is_named() {
        let plan = CheckinPlan::default_from(today());
        for (cadence, day, time, says) in [
            (None, None, None, "Nothing to change"),
            (Some("daily"), None, None, "'daily' is not a cadence"),
            (None, Some("mon,thu"), None, "more than one day"),
            (None, None, Some("25:00"), "25:00"),
        ] {
            let error = changed_plan(plan, cadence, day, time, today()).unwrap_err();
            assert!(error.contains(says), "{error}");
        }
    }
}
