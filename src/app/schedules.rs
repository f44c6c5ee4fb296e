//! `/schedule show|set|pause|resume`: a member's own prompt rhythm. Every change saves the
//! schedule with a fresh cursor, so the next prompt follows the new rule at once.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use super::App;
use super::error::UserError;
use super::members::require_trainee;
use super::scheduling::{default_schedule, save_schedule};
use crate::domain::member::DiscordId;
use crate::domain::schedule::{
    BankHolidayRegion, Cadence, DateRange, Pause, PauseKind, Schedule, next_due, parse_date_range,
    parse_local_time, parse_quiet_hours, parse_timezone, parse_weekdays,
};

/// What `/schedule set` may change; `None` leaves a setting as it is.
#[derive(Debug, Clone, Default)]
pub struct ScheduleChange {
    /// `weekly`, `fortnightly`, or a list of days (`mon,thu`).
    pub cadence: Option<String>,
    /// For weekly/fortnightly: the day (`tue`).
    pub day: Option<String>,
    pub time: Option<String>,
    pub timezone: Option<String>,
    pub bank_holidays: Option<String>,
    /// `22:00-07:00`, or `off`.
    pub quiet_hours: Option<String>,
}

impl ScheduleChange {
    fn is_empty(&self) -> bool {
        [
            &self.cadence,
            &self.day,
            &self.time,
            &self.timezone,
            &self.bank_holidays,
            &self.quiet_hours,
        ]
        .iter()
        .all(|v| v.as_deref().is_none_or(|v| v.trim().is_empty()))
    }
}

async fn current(app: &App, member: DiscordId, timezone: Tz) -> anyhow::Result<Schedule> {
    Ok(match app.store.schedule_of(member).await? {
        Some(state) => state.schedule,
        None => default_schedule(timezone),
    })
}

/// Describes the caller's schedule and when the next prompt is due.
pub async fn show_schedule(app: &App, user: DiscordId) -> anyhow::Result<String> {
    let caller = require_trainee(app, user).await?;
    let schedule = current(app, user, caller.member.timezone).await?;
    let next = next_due(&schedule, &app.holidays, app.clock.now());
    Ok(caller.with_notice(describe(&schedule, next)))
}

fn describe(schedule: &Schedule, next: Option<DateTime<Utc>>) -> String {
    let mut lines = vec![format!(
        "**Your prompts** come {} at {} ({}). Bank holidays: {}.",
        schedule.cadence, schedule.local_time, schedule.timezone, schedule.region
    )];
    if let Some(quiet) = schedule.quiet_hours {
        lines.push(format!("Quiet hours: {quiet}."));
    }
    for pause in &schedule.pauses {
        lines.push(format!("Paused ({}): {}.", pause.kind, pause.dates));
    }
    lines.push(match next {
        Some(next) => format!("Next prompt: {}.", next.with_timezone(&schedule.timezone).format("%A %d %B at %H:%M")),
        None => "No prompt is coming: you're paused until further notice. `/schedule resume` to restart.".to_owned(),
    });
    lines.push("Want one now? `/reflect`.".to_owned());
    lines.join("\n")
}

/// Applies a change to the caller's schedule; every bad value is named.
pub async fn set_schedule(
    app: &App,
    user: DiscordId,
    change: ScheduleChange,
) -> anyhow::Result<String> {
    let caller = require_trainee(app, user).await?;
    if change.is_empty() {
        return Err(UserError::new(
            "Nothing to change. `/schedule set` can set: `cadence` (weekly, fortnightly, or days like mon,thu), `day` (tue), `time` (09:30), `timezone` (Europe/London), `bank_holidays` (england-and-wales, scotland, northern-ireland or none) and `quiet_hours` (22:00-07:00, or off).",
        )
        .into());
    }
    let mut schedule = current(app, user, caller.member.timezone).await?;
    apply(&mut schedule, &change, app.clock.now()).map_err(UserError)?;
    let state = save_schedule(app, user, schedule, app.clock.now()).await?;
    Ok(format!(
        "Saved.\n{}",
        describe(&state.schedule, state.next_due)
    ))
}

fn apply(
    schedule: &mut Schedule,
    change: &ScheduleChange,
    now: DateTime<Utc>,
) -> Result<(), String> {
    if let Some(zone) = &change.timezone {
        schedule.timezone = parse_timezone(zone)?;
    }
    if let Some(time) = &change.time {
        schedule.local_time = parse_local_time(time)?;
    }
    if let Some(region) = &change.bank_holidays {
        schedule.region = region.parse::<BankHolidayRegion>()?;
    }
    if let Some(quiet) = &change.quiet_hours {
        schedule.quiet_hours = match quiet.trim() {
            "off" | "none" => None,
            text => Some(parse_quiet_hours(text)?),
        };
    }
    if change.cadence.is_some() || change.day.is_some() {
        schedule.cadence = cadence(&schedule.cadence, change, schedule.local_date(now))?;
    }
    Ok(())
}

fn cadence(
    current: &Cadence,
    change: &ScheduleChange,
    today: chrono::NaiveDate,
) -> Result<Cadence, String> {
    let day = match &change.day {
        Some(text) => single_day(text)?,
        None => match current {
            Cadence::Weekly(day) | Cadence::Fortnightly { weekday: day, .. } => *day,
            Cadence::Weekdays(_) => chrono::Weekday::Tue,
        },
    };
    match change.cadence.as_deref().map(str::trim) {
        None | Some("weekly") => Ok(Cadence::Weekly(day)),
        Some("fortnightly") => Ok(Cadence::fortnightly_from(day, today)),
        Some(days) => parse_weekdays(days).map(Cadence::Weekdays),
    }
}

fn single_day(text: &str) -> Result<chrono::Weekday, String> {
    let days = parse_weekdays(text)?;
    let mut iter = days.iter();
    match (iter.next(), iter.next()) {
        (Some(day), None) => Ok(day),
        _ => Err(format!(
            "'{text}' names more than one day; for several days use cadence:mon,thu"
        )),
    }
}

/// Pauses prompts for a date range (leave, nights) or until further notice.
pub async fn pause_schedule(
    app: &App,
    user: DiscordId,
    kind: &str,
    dates: Option<&str>,
) -> anyhow::Result<String> {
    let kind: PauseKind = kind.parse().map_err(UserError)?;
    let dates = dates.map(str::trim).filter(|d| !d.is_empty());
    add_pause(app, user, |today| match dates {
        Some(dates) => Ok(Pause::new(kind, parse_date_range(dates)?)),
        None => Ok(Pause::until_further_notice(kind, today)),
    })
    .await
    .map(|(text, _)| text)
}

/// Pauses prompts (and so check-ins) for `days` days from the member's own today; returns
/// what to say and the last day paused.
pub async fn pause_for_days(
    app: &App,
    user: DiscordId,
    kind: PauseKind,
    days: i64,
) -> anyhow::Result<(String, NaiveDate)> {
    add_pause(app, user, |today| {
        let until = today + chrono::Duration::days(days.max(1) - 1);
        DateRange::new(today, Some(until)).map(|dates| Pause::new(kind, dates))
    })
    .await
}

/// Adds the pause `make` builds from the member's local today, refusing one wholly past, and
/// cancels what was queued; returns the answer and the pause's last day (today if open).
async fn add_pause(
    app: &App,
    user: DiscordId,
    make: impl FnOnce(NaiveDate) -> Result<Pause, String>,
) -> anyhow::Result<(String, NaiveDate)> {
    let caller = require_trainee(app, user).await?;
    let mut schedule = current(app, user, caller.member.timezone).await?;
    let today = schedule.local_date(app.clock.now());
    let pause = make(today).map_err(UserError)?;
    if pause.dates.until().is_some_and(|last| last < today) {
        return Err(UserError::new(format!(
            "Those dates ({}) are all in the past, so there is nothing to pause. Give dates from today ({today}) on.",
            pause.dates
        ))
        .into());
    }
    let last = pause.dates.until().unwrap_or(today);
    schedule.pauses.push(pause);
    let state = save_schedule(app, user, schedule, app.clock.now()).await?;
    app.store
        .cancel_pending_deliveries(user, app.clock.now())
        .await?;
    let text = format!(
        "Paused. Nobody is told why.\n{}",
        describe(&state.schedule, state.next_due)
    );
    Ok((text, last))
}

/// Ends the pause in force today (and any that has passed); planned future pauses stay.
pub async fn resume_schedule(app: &App, user: DiscordId) -> anyhow::Result<String> {
    let caller = require_trainee(app, user).await?;
    let mut schedule = current(app, user, caller.member.timezone).await?;
    let today = schedule.local_date(app.clock.now());
    if !schedule.pauses.iter().any(|p| p.covers(today)) {
        return Ok(format!(
            "You're not paused today, so there is nothing to resume.\n{}",
            describe(
                &schedule,
                next_due(&schedule, &app.holidays, app.clock.now())
            )
        ));
    }
    schedule.pauses.retain(|p| p.dates.from() > today);
    let state = save_schedule(app, user, schedule, app.clock.now()).await?;
    Ok(format!(
        "Welcome back.\n{}",
        describe(&state.schedule, state.next_due)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_change_applies_every_given_setting() {
        let mut schedule = Schedule::default();
        let change = ScheduleChange {
            cadence: Some("mon,thu".into()),
            time: Some("9.30am".into()),
            timezone: Some("Europe/Dublin".into()),
            quiet_hours: Some("22:00-07:00".into()),
            ..ScheduleChange::default()
        };
        apply(&mut schedule, &change, now()).unwrap();
        assert_eq!(schedule.local_time.to_string(), "09:30");
        assert_eq!(schedule.timezone, chrono_tz::Europe::Dublin);
        assert!(matches!(schedule.cadence, Cadence::Weekdays(_)));
        assert!(schedule.quiet_hours.is_some());
    }

    #[test]
    fn a_bad_value_is_named() {
        let mut schedule = Schedule::default();
        let change = ScheduleChange {
            timezone: Some("Mars/Base".into()),
            ..ScheduleChange::default()
        };
        let error = apply(&mut schedule, &change, now()).unwrap_err();
        assert!(error.contains("Mars/Base"), "{error}");
        let change = ScheduleChange {
            day: Some("mon,tue".into()),
            ..ScheduleChange::default()
        };
        assert!(
            apply(&mut schedule, &change, now())
                .unwrap_err()
                .contains("more than one day")
        );
    }

    #[test]
    fn fortnightly_keeps_the_chosen_day() {
        let mut schedule = Schedule::default();
        let change = ScheduleChange {
            cadence: Some("fortnightly".into()),
            day: Some("fri".into()),
            ..ScheduleChange::default()
        };
        apply(&mut schedule, &change, now()).unwrap();
        assert!(matches!(
            schedule.cadence,
            Cadence::Fortnightly {
                weekday: chrono::Weekday::Fri,
                ..
            }
        ));
    }
}
