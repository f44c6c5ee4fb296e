//! A [`Schedule`] as table columns and back.
//!
//! The rule is stored as plain columns rather than one serialised blob, so that the scheduler's
//! queries and a person reading the database both see what a member chose. A cadence is a kind
//! plus a weekday bit set (Monday = 1 … Sunday = 64) plus, for fortnights, the anchor date;
//! pauses live in their own table, in the member's order. Reading back is strict: a value the
//! domain would refuse is reported as corrupt rather than patched up.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday, WeekdaySet};
use chrono_tz::Tz;

use super::{corrupt, discord_id, parse};
use crate::domain::member::DiscordId;
use crate::domain::schedule::{
    BankHolidayRegion, Cadence, ChosenWeekdays, DateRange, LocalTime, Pause, PauseKind, QuietHours,
    Schedule,
};
use crate::store::{ScheduleState, StoreResult};

/// Schedules joined with their pauses, one row per pause (or one row with no pause): a single
/// statement, so a concurrent save is never seen half-done. Callers append a WHERE and an
/// ORDER BY that keeps each member's rows together, ending in `p.position`.
macro_rules! schedule_select {
    () => {
        "SELECT s.discord_id, s.cadence, s.weekdays, s.fortnight_anchor, s.local_time, \
           s.timezone, s.holiday_region, s.quiet_start, s.quiet_end, s.next_due, \
           s.checked_until, p.kind AS pause_kind, p.from_date AS pause_from, \
           p.until_date AS pause_until \
         FROM schedules s \
         LEFT JOIN schedule_pauses p ON p.discord_id = s.discord_id"
    };
}

pub(crate) use schedule_select;

/// The columns of `schedules` that hold the rule (everything but the member and cursor).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RuleColumns {
    pub cadence: &'static str,
    pub weekdays: i32,
    pub fortnight_anchor: Option<NaiveDate>,
    pub local_time: NaiveTime,
    pub timezone: &'static str,
    pub region: &'static str,
    pub quiet_start: Option<NaiveTime>,
    pub quiet_end: Option<NaiveTime>,
}

impl RuleColumns {
    pub(crate) fn of(schedule: &Schedule) -> Self {
        let (cadence, weekdays, fortnight_anchor) = match schedule.cadence {
            Cadence::Weekly(day) => ("weekly", bits([day]), None),
            Cadence::Fortnightly { weekday, anchor } => {
                ("fortnightly", bits([weekday]), Some(anchor))
            }
            Cadence::Weekdays(days) => ("weekdays", bits(days.iter()), None),
        };
        RuleColumns {
            cadence,
            weekdays,
            fortnight_anchor,
            local_time: schedule.local_time.time(),
            timezone: schedule.timezone.name(),
            region: schedule.region.slug(),
            quiet_start: schedule.quiet_hours.map(|q| q.start().time()),
            quiet_end: schedule.quiet_hours.map(|q| q.end().time()),
        }
    }
}

fn bits(days: impl IntoIterator<Item = Weekday>) -> i32 {
    days.into_iter()
        .fold(0, |set, day| set | 1 << day.num_days_from_monday())
}

fn weekday_set(bits: i32) -> StoreResult<WeekdaySet> {
    if !(1..=127).contains(&bits) {
        return Err(corrupt(
            "schedules.weekdays",
            format!("{bits} is not a day set"),
        ));
    }
    let days = (0..7u8)
        .filter(|n| bits & 1 << n != 0)
        .filter_map(|n| Weekday::try_from(n).ok());
    Ok(days.fold(WeekdaySet::EMPTY, |mut set, day| {
        set.insert(day);
        set
    }))
}

/// One row of [`schedule_select!`].
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ScheduleRecord {
    discord_id: i64,
    cadence: String,
    weekdays: i32,
    fortnight_anchor: Option<NaiveDate>,
    local_time: NaiveTime,
    timezone: String,
    holiday_region: String,
    quiet_start: Option<NaiveTime>,
    quiet_end: Option<NaiveTime>,
    next_due: Option<DateTime<Utc>>,
    checked_until: DateTime<Utc>,
    pause_kind: Option<String>,
    pause_from: Option<NaiveDate>,
    pause_until: Option<NaiveDate>,
}

/// Folds joined rows (grouped by member, pauses in order) into one state per member.
pub(crate) fn schedules_from_rows(rows: Vec<ScheduleRecord>) -> StoreResult<Vec<ScheduleState>> {
    let mut states: Vec<ScheduleState> = Vec::new();
    for row in rows {
        let pause = row.pause()?;
        let member = discord_id(row.discord_id, "schedules.discord_id")?;
        // A member's first row starts their state; every row may add one pause.
        if states.last().is_none_or(|state| state.member != member) {
            states.push(row.into_state(member)?);
        }
        if let Some(state) = states.last_mut() {
            state.schedule.pauses.extend(pause);
        }
    }
    Ok(states)
}

/// Like [`schedules_from_rows`], for the scheduler: a member whose rows cannot be read is left
/// out (and logged, by id and column only) so one corrupt row never holds back everyone else's
/// prompt.
pub(crate) fn due_schedules_from_rows(rows: Vec<ScheduleRecord>) -> Vec<ScheduleState> {
    let mut groups: Vec<Vec<ScheduleRecord>> = Vec::new();
    for row in rows {
        match groups.last_mut() {
            Some(group) if group[0].discord_id == row.discord_id => group.push(row),
            _ => groups.push(vec![row]),
        }
    }
    groups
        .into_iter()
        .filter_map(|group| {
            let member = group[0].discord_id;
            match schedules_from_rows(group) {
                Ok(mut states) => states.pop(),
                Err(error) => {
                    tracing::warn!(
                        member,
                        "a schedule cannot be read; skipped this pass: {error}"
                    );
                    None
                }
            }
        })
        .collect()
}

impl ScheduleRecord {
    /// The state without pauses: those come one per row.
    fn into_state(self, member: DiscordId) -> StoreResult<ScheduleState> {
        let schedule = Schedule {
            cadence: self.cadence()?,
            local_time: local_time(self.local_time, "schedules.local_time")?,
            timezone: parse_zone(&self.timezone)?,
            region: parse::<BankHolidayRegion>(&self.holiday_region, "schedules.holiday_region")?,
            pauses: Vec::new(),
            quiet_hours: self.quiet_hours()?,
        };
        Ok(ScheduleState {
            member,
            schedule,
            next_due: self.next_due,
            checked_until: self.checked_until,
        })
    }

    fn cadence(&self) -> StoreResult<Cadence> {
        let days = weekday_set(self.weekdays)?;
        let single = || {
            days.single_day()
                .ok_or_else(|| corrupt("schedules.weekdays", "expected one day".into()))
        };
        match (self.cadence.as_str(), self.fortnight_anchor) {
            ("weekly", None) => Ok(Cadence::Weekly(single()?)),
            ("fortnightly", Some(anchor)) => Ok(Cadence::Fortnightly {
                weekday: single()?,
                anchor,
            }),
            ("weekdays", None) => ChosenWeekdays::new(days)
                .map(Cadence::Weekdays)
                .ok_or_else(|| corrupt("schedules.weekdays", "no days".into())),
            (kind, anchor) => Err(corrupt(
                "schedules.cadence",
                format!("'{kind}' with anchor {anchor:?}"),
            )),
        }
    }

    fn quiet_hours(&self) -> StoreResult<Option<QuietHours>> {
        let (Some(start), Some(end)) = (self.quiet_start, self.quiet_end) else {
            return Ok(None);
        };
        let start = local_time(start, "schedules.quiet_start")?;
        let end = local_time(end, "schedules.quiet_end")?;
        QuietHours::new(start, end)
            .map(Some)
            .map_err(|why| corrupt("schedules.quiet_start", why))
    }

    fn pause(&self) -> StoreResult<Option<Pause>> {
        let (Some(kind), Some(from)) = (&self.pause_kind, self.pause_from) else {
            return Ok(None);
        };
        let kind = parse::<PauseKind>(kind, "schedule_pauses.kind")?;
        let dates = DateRange::new(from, self.pause_until)
            .map_err(|why| corrupt("schedule_pauses.until_date", why))?;
        Ok(Some(Pause::new(kind, dates)))
    }
}

/// A stored time of day; anything but a whole minute is not one a member could have chosen.
fn local_time(time: NaiveTime, place: &'static str) -> StoreResult<LocalTime> {
    use chrono::Timelike;
    LocalTime::new(time.hour(), time.minute())
        .filter(|local| local.time() == time)
        .ok_or_else(|| corrupt(place, format!("{time} is not a whole minute")))
}

fn parse_zone(name: &str) -> StoreResult<Tz> {
    name.parse::<Tz>()
        .map_err(|e| corrupt("schedules.timezone", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_bits_round_trip_for_every_set() {
        for n in 1..=127 {
            let set = weekday_set(n).unwrap();
            assert_eq!(bits(set.iter(Weekday::Mon)), n);
        }
        assert!(weekday_set(0).is_err() && weekday_set(128).is_err());
        assert_eq!(bits([Weekday::Mon]), 1);
        assert_eq!(bits([Weekday::Sun]), 64);
    }

    #[test]
    fn a_time_with_seconds_is_not_a_local_time() {
        let odd = NaiveTime::from_hms_opt(10, 0, 30).unwrap();
        assert!(local_time(odd, "t.c").is_err());
        let even = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
        assert_eq!(local_time(even, "t.c").unwrap().to_string(), "10:00");
    }
}
