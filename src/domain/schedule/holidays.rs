//! UK bank holidays by region. The official lists ship as data (`calendar/bank-holidays.toml`)
//! rather than code, so a deployment can correct or extend them without a release.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::Deserialize;

/// The bank-holiday list whose dates a member's schedule skips.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum BankHolidayRegion {
    #[default]
    EnglandAndWales,
    Scotland,
    NorthernIreland,
    /// Skip no bank holidays (members outside the UK, or who would rather not).
    None,
}

impl BankHolidayRegion {
    pub const ALL: [BankHolidayRegion; 4] = [
        BankHolidayRegion::EnglandAndWales,
        BankHolidayRegion::Scotland,
        BankHolidayRegion::NorthernIreland,
        BankHolidayRegion::None,
    ];

    /// The stable slug, also the region's key in the TOML file.
    pub fn slug(self) -> &'static str {
        match self {
            BankHolidayRegion::EnglandAndWales => "england-and-wales",
            BankHolidayRegion::Scotland => "scotland",
            BankHolidayRegion::NorthernIreland => "northern-ireland",
            BankHolidayRegion::None => "none",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BankHolidayRegion::EnglandAndWales => "England and Wales",
            BankHolidayRegion::Scotland => "Scotland",
            BankHolidayRegion::NorthernIreland => "Northern Ireland",
            BankHolidayRegion::None => "No bank holidays",
        }
    }
}

impl fmt::Display for BankHolidayRegion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for BankHolidayRegion {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_lowercase().replace(['_', ' '], "-");
        let wanted = wanted.replace('&', "and");
        let alias = match wanted.as_str() {
            "england" | "wales" | "e-and-w" | "ew" => "england-and-wales",
            "ni" => "northern-ireland",
            "off" | "no" => "none",
            other => other,
        };
        BankHolidayRegion::ALL
            .into_iter()
            .find(|region| region.slug() == alias)
            .ok_or_else(|| {
                format!(
                    "unknown bank-holiday region '{}' (expected england-and-wales, scotland, \
                     northern-ireland or none)",
                    text.trim()
                )
            })
    }
}

/// The name an extra configured date is listed under.
pub const EXTRA_HOLIDAY_NAME: &str = "Extra holiday (configured)";

/// Bank-holiday dates per region, each with its name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BankHolidays {
    by_region: BTreeMap<BankHolidayRegion, BTreeMap<NaiveDate, String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct HolidayFile {
    #[serde(default)]
    england_and_wales: Vec<HolidayEntry>,
    #[serde(default)]
    scotland: Vec<HolidayEntry>,
    #[serde(default)]
    northern_ireland: Vec<HolidayEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayEntry {
    date: toml::value::Datetime,
    name: String,
}

impl BankHolidays {
    /// The lists shipped in `calendar/bank-holidays.toml` (2026–2030).
    pub fn shipped() -> Self {
        const SHIPPED: &str = include_str!("../../../calendar/bank-holidays.toml");
        // A unit test parses the shipped file, so this cannot fail in a tested build.
        BankHolidays::from_toml(SHIPPED).expect("the shipped bank-holiday file is valid")
    }

    /// Parses a file in the shipped format: one array of `{ date, name }` per region, keyed
    /// `england-and-wales`, `scotland`, `northern-ireland`; a missing region has no holidays.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        let file: HolidayFile =
            toml::from_str(text).map_err(|err| format!("bank-holiday file: {err}"))?;
        let mut holidays = BankHolidays::default();
        let regions = [
            (BankHolidayRegion::EnglandAndWales, file.england_and_wales),
            (BankHolidayRegion::Scotland, file.scotland),
            (BankHolidayRegion::NorthernIreland, file.northern_ireland),
        ];
        for (region, entries) in regions {
            holidays
                .by_region
                .insert(region, read_region(region, entries)?);
        }
        Ok(holidays)
    }

    /// Adds dates a deployment configures (a one-off royal occasion, a local holiday). Adding
    /// to [`BankHolidayRegion::None`] does nothing: that region skips no dates by definition.
    pub fn with_extra(
        mut self,
        region: BankHolidayRegion,
        dates: impl IntoIterator<Item = NaiveDate>,
    ) -> Self {
        if region == BankHolidayRegion::None {
            return self;
        }
        let listed = self.by_region.entry(region).or_default();
        for date in dates {
            listed
                .entry(date)
                .or_insert_with(|| EXTRA_HOLIDAY_NAME.to_owned());
        }
        self
    }

    /// Whether `date` is a bank holiday in `region`.
    pub fn is_holiday(&self, region: BankHolidayRegion, date: NaiveDate) -> bool {
        self.name(region, date).is_some()
    }

    /// The holiday's name, e.g. "Good Friday", to tell a member why a prompt was skipped.
    pub fn name(&self, region: BankHolidayRegion, date: NaiveDate) -> Option<&str> {
        self.by_region.get(&region)?.get(&date).map(String::as_str)
    }

    /// Every listed date in `region`, in order.
    pub fn dates(&self, region: BankHolidayRegion) -> impl Iterator<Item = (NaiveDate, &str)> {
        self.by_region
            .get(&region)
            .into_iter()
            .flat_map(|dates| dates.iter().map(|(date, name)| (*date, name.as_str())))
    }
}

fn read_region(
    region: BankHolidayRegion,
    entries: Vec<HolidayEntry>,
) -> Result<BTreeMap<NaiveDate, String>, String> {
    let mut dates = BTreeMap::new();
    for (index, entry) in entries.into_iter().enumerate() {
        let place = || format!("bank-holiday file: {} entry {}", region.slug(), index + 1);
        let date = to_date(&entry.date).map_err(|why| format!("{}: {why}", place()))?;
        if entry.name.trim().is_empty() {
            return Err(format!("{} ({date}): the name is empty", place()));
        }
        if dates.insert(date, entry.name).is_some() {
            return Err(format!("{}: {date} is listed twice", place()));
        }
    }
    Ok(dates)
}

/// A TOML date-time must be a plain local date (`2026-04-03`), without a time or offset.
fn to_date(value: &toml::value::Datetime) -> Result<NaiveDate, String> {
    match (value.date, value.time, value.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                .ok_or_else(|| format!("{value} is not a calendar date"))
        }
        _ => Err(format!(
            "'{value}' must be a date like 2026-04-03, with no time"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BankHolidayRegion::{EnglandAndWales, NorthernIreland, Scotland};
    const NO_REGION: BankHolidayRegion = BankHolidayRegion::None;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_shipped_file_parses() {
        let holidays = BankHolidays::shipped();
        assert_eq!(
            holidays.name(EnglandAndWales, date(2026, 4, 3)),
            Some("Good Friday")
        );
        assert!(holidays.is_holiday(Scotland, date(2026, 11, 30)));
        assert!(!holidays.is_holiday(NO_REGION, date(2026, 12, 25)));
    }

    #[test]
    fn regions_parse_from_slugs_labels_and_aliases() {
        for region in BankHolidayRegion::ALL {
            assert_eq!(region.slug().parse(), Ok(region));
            assert_eq!(
                region.label().parse::<BankHolidayRegion>().ok(),
                (region != NO_REGION).then_some(region)
            );
        }
        assert_eq!("England & Wales".parse(), Ok(EnglandAndWales));
        assert_eq!("NI".parse(), Ok(NorthernIreland));
        assert!(
            "Wessex"
                .parse::<BankHolidayRegion>()
                .unwrap_err()
                .contains("Wessex")
        );
    }

    #[test]
    fn extra_dates_are_added_to_one_region_only() {
        let coronation = date(2023, 5, 8);
        let holidays = BankHolidays::shipped().with_extra(Scotland, [coronation]);
        assert_eq!(
            holidays.name(Scotland, coronation),
            Some(EXTRA_HOLIDAY_NAME)
        );
        assert!(!holidays.is_holiday(EnglandAndWales, coronation));
        let unchanged = BankHolidays::shipped().with_extra(NO_REGION, [coronation]);
        assert!(!unchanged.is_holiday(NO_REGION, coronation));
    }

    #[test]
    fn extra_dates_keep_an_existing_name() {
        let holidays = BankHolidays::shipped().with_extra(EnglandAndWales, [date(2026, 4, 3)]);
        assert_eq!(
            holidays.name(EnglandAndWales, date(2026, 4, 3)),
            Some("Good Friday")
        );
    }

    #[test]
    fn bad_files_are_refused_with_the_place_named() {
        let twice = "scotland = [ { date = 2026-01-01, name = \"A\" }, { date = 2026-01-01, name = \"B\" } ]";
        assert!(
            BankHolidays::from_toml(twice)
                .unwrap_err()
                .contains("scotland entry 2")
        );
        let timed = "scotland = [ { date = 2026-01-01T10:00:00, name = \"A\" } ]";
        assert!(
            BankHolidays::from_toml(timed)
                .unwrap_err()
                .contains("no time")
        );
        let unnamed = "scotland = [ { date = 2026-01-01, name = \" \" } ]";
        assert!(
            BankHolidays::from_toml(unnamed)
                .unwrap_err()
                .contains("name is empty")
        );
        let unknown = "wessex = []";
        assert!(
            BankHolidays::from_toml(unknown)
                .unwrap_err()
                .contains("wessex")
        );
        assert!(BankHolidays::from_toml("scotland = [").is_err());
    }

    #[test]
    fn a_missing_region_has_no_holidays() {
        let holidays = BankHolidays::from_toml("").unwrap();
        assert_eq!(holidays.dates(EnglandAndWales).count(), 0);
    }
}
