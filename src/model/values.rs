//! Small value types shared by every area of the charter: calendar dates, periods of time, cadences and
//! quorums. Each parses from the plain words an organiser writes (`"21 days"`, `"quarterly"`, `"2/3"`) and
//! refuses anything else with a message that says what to write instead.

use std::fmt;

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// A calendar date, written in TOML as a bare local date (`2026-03-01`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Four-digit year.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month.
    pub day: u8,
}

impl Date {
    /// Days since 0000-03-01 in the proleptic Gregorian calendar; differences between two dates are exact.
    #[must_use]
    pub fn day_number(self) -> i64 {
        let (y, m) = if self.month <= 2 {
            (i64::from(self.year) - 1, i64::from(self.month) + 9)
        } else {
            (i64::from(self.year), i64::from(self.month) - 3)
        };
        365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + i64::from(self.day) - 1
    }

    /// The date `months` calendar months later, clamped to the end of a shorter month.
    #[must_use]
    pub fn add_months(self, months: u32) -> Date {
        let total = u32::from(self.month) - 1 + months;
        let year = u32::from(self.year) + total / 12;
        let month = (total % 12 + 1) as u8;
        let year = u16::try_from(year).unwrap_or(u16::MAX);
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// The date `days` days later.
    #[must_use]
    pub fn add_days(self, days: i64) -> Date {
        from_day_number(self.day_number() + days)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

fn from_day_number(n: i64) -> Date {
    // Inverse of `day_number` (civil-from-days on a March-based year).
    let mut y = (10000 * n + 14780) / 3_652_425;
    let mut ddd = n - (365 * y + y / 4 - y / 100 + y / 400);
    if ddd < 0 {
        y -= 1;
        ddd = n - (365 * y + y / 4 - y / 100 + y / 400);
    }
    let mi = (100 * ddd + 52) / 3060;
    let mm = (mi + 2) % 12 + 1;
    let y = y + (mi + 2) / 12;
    let dd = ddd - (mi * 306 + 5) / 10 + 1;
    Date {
        year: u16::try_from(y.clamp(0, 9999)).unwrap_or(0),
        month: mm as u8,
        day: dd as u8,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let datetime = toml::value::Datetime::deserialize(deserializer)?;
        match (datetime.date, datetime.time, datetime.offset) {
            (Some(d), None, None) => Ok(Date {
                year: d.year,
                month: d.month,
                day: d.day,
            }),
            _ => Err(de::Error::custom(format!(
                "expected a date like 2026-03-01, found `{datetime}`; write the date alone, without a time"
            ))),
        }
    }
}

/// The unit of a [`Period`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    /// Hours, as the GDPR counts its 72 hours for a personal data breach.
    Hours,
    /// Calendar days.
    Days,
    /// Business days (Monday to Friday, excluding public holidays).
    BusinessDays,
    /// Weeks of seven days.
    Weeks,
    /// Calendar months.
    Months,
    /// Calendar years.
    Years,
}

/// A length of time such as `"21 days"`, `"1 business day"`, `"3 months"` or `"2 years"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    /// How many units.
    pub count: u32,
    /// Which unit.
    pub unit: PeriodUnit,
}

impl Period {
    /// The period in days, rounded up where months and business days make it approximate. Used only to
    /// compare periods with each other and with the term, never printed.
    #[must_use]
    pub fn approx_days(self) -> u64 {
        let n = u64::from(self.count);
        match self.unit {
            PeriodUnit::Hours => n.div_ceil(24),
            PeriodUnit::Days => n,
            PeriodUnit::BusinessDays => (n * 7).div_ceil(5),
            PeriodUnit::Weeks => n * 7,
            PeriodUnit::Months => (n * 3044).div_ceil(100),
            PeriodUnit::Years => (n * 36525).div_ceil(100),
        }
    }

    /// The period in hours, rounded up where months and business days make it approximate: exact for
    /// hours, days and weeks, so that a limit in hours (the GDPR's 72) compares exactly with them.
    #[must_use]
    pub fn approx_hours(self) -> u64 {
        match self.unit {
            PeriodUnit::Hours => u64::from(self.count),
            _ => self.approx_days() * 24,
        }
    }

    /// The date this period after `start`, exact for days, weeks, months and years (hours count as the
    /// whole days they reach into).
    #[must_use]
    pub fn after(self, start: Date) -> Date {
        match self.unit {
            PeriodUnit::Hours => start.add_days(i64::try_from(self.approx_days()).unwrap_or(0)),
            PeriodUnit::Days => start.add_days(i64::from(self.count)),
            PeriodUnit::BusinessDays => {
                start.add_days(i64::try_from(self.approx_days()).unwrap_or(0))
            }
            PeriodUnit::Weeks => start.add_days(7 * i64::from(self.count)),
            PeriodUnit::Months => start.add_months(self.count),
            PeriodUnit::Years => start.add_months(12 * self.count),
        }
    }
}

impl Period {
    /// The period as the measure of a notice: "21 days' notice", "1 month's notice".
    #[must_use]
    pub fn as_notice(self) -> String {
        format!("{} notice", self.possessive())
    }

    /// The period as a possessive that measures what follows it: "90 days'", "1 month's" (as in "90
    /// days' written notice").
    #[must_use]
    pub fn possessive(self) -> String {
        let words = self.to_string();
        if words.ends_with('s') {
            format!("{words}'")
        } else {
            format!("{words}'s")
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let one = self.count == 1;
        let unit = match (self.unit, one) {
            (PeriodUnit::Hours, true) => "hour",
            (PeriodUnit::Hours, false) => "hours",
            (PeriodUnit::Days, true) => "day",
            (PeriodUnit::Days, false) => "days",
            (PeriodUnit::BusinessDays, true) => "business day",
            (PeriodUnit::BusinessDays, false) => "business days",
            (PeriodUnit::Weeks, true) => "week",
            (PeriodUnit::Weeks, false) => "weeks",
            (PeriodUnit::Months, true) => "month",
            (PeriodUnit::Months, false) => "months",
            (PeriodUnit::Years, true) => "year",
            (PeriodUnit::Years, false) => "years",
        };
        write!(f, "{} {unit}", self.count)
    }
}

/// Why a period could not be read; the text is shown to the organiser.
pub const PERIOD_HINT: &str = "write a whole number and a unit, like \"30 days\", \"5 business days\", \"6 weeks\", \"3 months\" or \"2 years\"";

impl std::str::FromStr for Period {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut words = s.split_whitespace();
        let bad = || format!("`{s}` is not a period of time: {PERIOD_HINT}");
        let count: u32 = words.next().and_then(|n| n.parse().ok()).ok_or_else(bad)?;
        let rest: Vec<&str> = words.collect();
        let unit = match rest.as_slice() {
            ["hour" | "hours"] => PeriodUnit::Hours,
            ["day" | "days"] => PeriodUnit::Days,
            ["business", "day" | "days"] => PeriodUnit::BusinessDays,
            ["week" | "weeks"] => PeriodUnit::Weeks,
            ["month" | "months"] => PeriodUnit::Months,
            ["year" | "years"] => PeriodUnit::Years,
            _ => return Err(bad()),
        };
        Ok(Period { count, unit })
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PeriodVisitor;
        impl Visitor<'_> for PeriodVisitor {
            type Value = Period;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a period of time such as \"30 days\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Period, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Period, E> {
                Err(E::custom(format!(
                    "a bare number `{v}` does not say its unit: write \"{v} days\", \"{v} months\" or another unit, in quotes"
                )))
            }
        }
        deserializer.deserialize_any(PeriodVisitor)
    }
}

/// How often something recurs.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    /// Every week.
    Weekly,
    /// Every month.
    Monthly,
    /// Every three months.
    Quarterly,
    /// Twice a year.
    Semiannually,
    /// Once a year.
    Annually,
    /// At every meeting of the body concerned.
    EachMeeting,
}

impl Cadence {
    /// The cadence as it reads in a sentence ("every quarter").
    #[must_use]
    pub fn phrase(self) -> &'static str {
        match self {
            Cadence::Weekly => "every week",
            Cadence::Monthly => "every month",
            Cadence::Quarterly => "every quarter",
            Cadence::Semiannually => "every six months",
            Cadence::Annually => "every year",
            Cadence::EachMeeting => "at each meeting",
        }
    }

    /// The cadence as an adjective ("quarterly").
    #[must_use]
    pub fn adjective(self) -> &'static str {
        match self {
            Cadence::Weekly => "weekly",
            Cadence::Monthly => "monthly",
            Cadence::Quarterly => "quarterly",
            Cadence::Semiannually => "six-monthly",
            Cadence::Annually => "annual",
            Cadence::EachMeeting => "per-meeting",
        }
    }
}

/// How many voting members must be present for a body to decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quorum {
    /// A fixed number of voting members, written as a whole number (`quorum = 4`).
    Count {
        /// The number of members.
        count: u32,
    },
    /// A fraction of the voting members, written as `"2/3"` or `"1/2"`.
    Fraction {
        /// Numerator.
        numerator: u32,
        /// Denominator.
        denominator: u32,
    },
    /// More than half of the voting members (`"majority"`).
    Majority,
    /// Every voting member (`"all"`).
    All,
}

impl Quorum {
    /// The smallest number of voting members that satisfies the quorum in a body of `seats` voting seats.
    #[must_use]
    pub fn required(self, seats: u32) -> u64 {
        let seats = u64::from(seats);
        match self {
            Quorum::Count { count } => u64::from(count),
            Quorum::Fraction {
                numerator,
                denominator,
            } => (seats * u64::from(numerator)).div_ceil(u64::from(denominator.max(1))),
            Quorum::Majority => seats / 2 + 1,
            Quorum::All => seats,
        }
    }
}

impl fmt::Display for Quorum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Quorum::Count { count: 1 } => f.write_str("one voting member"),
            Quorum::Count { count } => write!(f, "{count} voting members"),
            Quorum::Fraction {
                numerator: 1,
                denominator: 2,
            } => f.write_str("one half of the voting members"),
            Quorum::Fraction {
                numerator: 2,
                denominator: 3,
            } => f.write_str("two thirds of the voting members"),
            Quorum::Fraction {
                numerator: 3,
                denominator: 4,
            } => f.write_str("three quarters of the voting members"),
            Quorum::Fraction {
                numerator,
                denominator,
            } => write!(f, "{numerator}/{denominator} of the voting members"),
            Quorum::Majority => f.write_str("a majority of the voting members"),
            Quorum::All => f.write_str("every voting member"),
        }
    }
}

const QUORUM_HINT: &str = "write a number of members (`quorum = 4`), a fraction in quotes (`quorum = \"2/3\"`), `quorum = \"majority\"` or `quorum = \"all\"`";

impl<'de> Deserialize<'de> for Quorum {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct QuorumVisitor;
        impl Visitor<'_> for QuorumVisitor {
            type Value = Quorum;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a quorum")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Quorum, E> {
                match u32::try_from(v) {
                    Ok(count) if count > 0 => Ok(Quorum::Count { count }),
                    _ => Err(E::custom(format!(
                        "a quorum of `{v}` members is impossible: {QUORUM_HINT}"
                    ))),
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Quorum, E> {
                match v.trim() {
                    "all" => return Ok(Quorum::All),
                    "majority" => return Ok(Quorum::Majority),
                    _ => {}
                }
                let parsed = v.split_once('/').and_then(|(n, d)| {
                    Some((n.trim().parse::<u32>().ok()?, d.trim().parse::<u32>().ok()?))
                });
                match parsed {
                    Some((numerator, denominator))
                        if numerator > 0 && denominator > 0 && numerator <= denominator =>
                    {
                        Ok(Quorum::Fraction {
                            numerator,
                            denominator,
                        })
                    }
                    Some(_) => Err(E::custom(format!(
                        "the quorum `{v}` is not a fraction between 0 and 1: {QUORUM_HINT}"
                    ))),
                    None => Err(E::custom(format!("`{v}` is not a quorum: {QUORUM_HINT}"))),
                }
            }
        }
        deserializer.deserialize_any(QuorumVisitor)
    }
}

// Values serialize as the organiser writes them (`"2026-03-01"`, `"21 days"`, `"2/3"`), so that a diff or a
// JSON export shows the same words as the TOML.
impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Serialize for Quorum {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Quorum::Count { count } => serializer.serialize_u32(*count),
            Quorum::Fraction {
                numerator,
                denominator,
            } => serializer.collect_str(&format_args!("{numerator}/{denominator}")),
            Quorum::Majority => serializer.serialize_str("majority"),
            Quorum::All => serializer.serialize_str("all"),
        }
    }
}

// The value types deserialize from words and numbers by hand, so their schemas are written here to
// describe exactly what the deserializers accept.

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date, written in TOML as a bare local date without quotes or a time, such as 2026-03-01."
        })
    }
}

/// What [`Period`]'s deserializer accepts: a whole number, spaces, and a unit in the singular or plural.
pub const PERIOD_PATTERN: &str =
    r"^\s*[0-9]+\s+(hours?|days?|business\s+days?|weeks?|months?|years?)\s*$";

impl JsonSchema for Period {
    fn schema_name() -> Cow<'static, str> {
        "Period".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": PERIOD_PATTERN,
            "description": "A length of time: a whole number and a unit, in quotes, such as \"72 hours\", \"30 days\", \"5 business days\", \"6 weeks\", \"3 months\" or \"2 years\". A bare number is refused because it does not say its unit."
        })
    }
}

impl JsonSchema for Quorum {
    fn schema_name() -> Cow<'static, str> {
        "Quorum".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "How many voting members must be present to decide: a whole number of members (4), a fraction of the voting seats in quotes (\"2/3\", at most 1), \"majority\" or \"all\".",
            // One schema rather than a branch per form: `minimum` applies only to a number and `pattern`
            // only to a string, so it accepts exactly the same values, and an editor offers the key once
            // and reports one error, not one per branch.
            "type": ["integer", "string"],
            "minimum": 1,
            "pattern": r"^(majority|all|\s*[1-9][0-9]*\s*/\s*[1-9][0-9]*\s*)$",
            "examples": [3, "majority", "2/3", "all"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn day_numbers_round_trip_and_count_leap_days() {
        let d = date(2024, 2, 28);
        assert_eq!(date(2024, 3, 1).day_number() - d.day_number(), 2);
        assert_eq!(
            date(2023, 3, 1).day_number() - date(2023, 2, 28).day_number(),
            1
        );
        for n in [0, 59, 60, 700_000, 739_000] {
            assert_eq!(from_day_number(n).day_number(), n, "{n}");
        }
        assert_eq!(d.add_days(2), date(2024, 3, 1));
    }

    #[test]
    fn adding_months_clamps_to_month_end() {
        assert_eq!(date(2026, 1, 31).add_months(1), date(2026, 2, 28));
        assert_eq!(date(2026, 11, 15).add_months(3), date(2027, 2, 15));
        assert_eq!(date(2026, 1, 1).add_months(36), date(2029, 1, 1));
    }

    #[test]
    fn periods_parse_from_plain_words() {
        assert_eq!(
            "21 days".parse::<Period>(),
            Ok(Period {
                count: 21,
                unit: PeriodUnit::Days
            })
        );
        assert_eq!(
            "1 business day".parse::<Period>().map(|p| p.to_string()),
            Ok("1 business day".to_owned())
        );
        assert_eq!(
            "3  months".parse::<Period>().map(Period::approx_days),
            Ok(92)
        );
        let day = "24 hours".parse::<Period>().expect("hours");
        assert_eq!((day.approx_days(), day.approx_hours()), (1, 24));
        assert_eq!(day.to_string(), "24 hours");
        assert_eq!("1 hour".parse::<Period>().map(Period::approx_days), Ok(1));
        assert!("three months".parse::<Period>().is_err());
        assert!("30".parse::<Period>().is_err());
        assert!("30 fortnights".parse::<Period>().is_err());
    }

    #[test]
    fn quorum_counts_round_up() {
        let two_thirds = Quorum::Fraction {
            numerator: 2,
            denominator: 3,
        };
        assert_eq!(two_thirds.required(7), 5);
        assert_eq!(two_thirds.required(6), 4);
        assert_eq!(Quorum::Majority.required(6), 4);
        assert_eq!(Quorum::Majority.required(5), 3);
        assert_eq!(Quorum::All.required(5), 5);
        assert_eq!(Quorum::Count { count: 3 }.required(5), 3);
    }
}
