//! Check-in plans, settings and answers as rows and back. A plan is stored like a prompt
//! schedule's cadence: `weekly` or `fortnightly`, the day as one bit (Monday = 1 … Sunday =
//! 64), the fortnights' anchor date, and the local time.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};

use super::{corrupt, discord_id};
use crate::domain::schedule::{Cadence, LocalTime};
use crate::domain::wellbeing::checkins::{CheckinAnswer, CheckinPlan, WellbeingState};
use crate::store::StoreResult;

/// The columns of `wellbeing_members` (aliased `w`) that make a [`WellbeingRecord`].
macro_rules! wellbeing_columns {
    () => {
        "w.discord_id, w.consent_version, w.cadence, w.weekday, w.fortnight_anchor, \
         w.local_time, w.sharing, w.next_due, w.checked_until"
    };
}

pub(crate) use wellbeing_columns;

/// The columns `wellbeing_members` stores a plan in.
pub(crate) struct PlanColumns {
    pub cadence: &'static str,
    pub weekday: i32,
    pub anchor: Option<NaiveDate>,
    pub local_time: NaiveTime,
}

impl PlanColumns {
    pub(crate) fn of(plan: &CheckinPlan) -> PlanColumns {
        let bit = |day: Weekday| 1 << day.num_days_from_monday();
        let (cadence, weekday, anchor) = match plan.cadence {
            Cadence::Fortnightly { weekday, anchor } => ("fortnightly", bit(weekday), Some(anchor)),
            Cadence::Weekly(day) => ("weekly", bit(day), None),
            // Check-ins come on one day; a day set is never saved for them (the app refuses it).
            Cadence::Weekdays(days) => ("weekly", days.iter().next().map_or(1, bit), None),
        };
        PlanColumns {
            cadence,
            weekday,
            anchor,
            local_time: plan.local_time.time(),
        }
    }
}

/// A row of `wellbeing_members`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct WellbeingRecord {
    discord_id: i64,
    consent_version: Option<String>,
    cadence: String,
    weekday: i32,
    fortnight_anchor: Option<NaiveDate>,
    local_time: NaiveTime,
    sharing: bool,
    next_due: Option<DateTime<Utc>>,
    checked_until: DateTime<Utc>,
}

impl WellbeingRecord {
    pub(crate) fn into_state(self) -> StoreResult<WellbeingState> {
        let day = (0..7u8)
            .find(|n| self.weekday == 1 << n)
            .and_then(|n| Weekday::try_from(n).ok())
            .ok_or_else(|| {
                corrupt(
                    "wellbeing_members.weekday",
                    format!("{} is not one day", self.weekday),
                )
            })?;
        let cadence = match (self.cadence.as_str(), self.fortnight_anchor) {
            ("weekly", _) => Cadence::Weekly(day),
            ("fortnightly", Some(anchor)) => Cadence::Fortnightly {
                weekday: day,
                anchor,
            },
            (other, _) => {
                return Err(corrupt(
                    "wellbeing_members.cadence",
                    format!("'{other}' (or a fortnight without its anchor)"),
                ));
            }
        };
        let local_time = LocalTime::new(
            chrono::Timelike::hour(&self.local_time),
            chrono::Timelike::minute(&self.local_time),
        )
        .ok_or_else(|| corrupt("wellbeing_members.local_time", "not a time".into()))?;
        Ok(WellbeingState {
            member: discord_id(self.discord_id, "wellbeing_members.discord_id")?,
            consent_version: self.consent_version,
            plan: CheckinPlan {
                cadence,
                local_time,
            },
            sharing: self.sharing,
            next_due: self.next_due,
            checked_until: self.checked_until,
        })
    }
}

/// A row of `checkin_answers` as its member sees it.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AnswerRecord {
    delivery_id: i64,
    score: i32,
    has_note: bool,
    answered_at: DateTime<Utc>,
}

impl AnswerRecord {
    pub(crate) fn into_answer(self) -> StoreResult<CheckinAnswer> {
        Ok(CheckinAnswer {
            delivery: self.delivery_id,
            score: u8::try_from(self.score)
                .ok()
                .filter(|s| (1..=5).contains(s))
                .ok_or_else(|| corrupt("checkin_answers.score", format!("{}", self.score)))?,
            has_note: self.has_note,
            answered_at: self.answered_at,
        })
    }
}
