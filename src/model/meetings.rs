//! The forms a body's meetings and chair take in real charters: a schedule that is "as needed" or "at
//! least once a year" rather than fixed, a chair who serves until replaced, meetings open or closed to the
//! public, and extraordinary meetings called on request. Each parses from the words an organiser writes
//! and serializes back to words a reviewer reads in `charter diff`.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Cadence, Period};

/// How often a body meets: a fixed cadence, "as needed", or at least so many times a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeetingCadence {
    /// On a fixed cadence ("quarterly").
    Regular(Cadence),
    /// When the chair or the members see a need, on no schedule (`"as_needed"`).
    AsNeeded,
    /// At least `times` times each `per` (`{ at_least = 1, per = "year" }`).
    AtLeast {
        /// How many meetings, at the least.
        times: u32,
        /// In which period.
        per: Per,
    },
}

/// The period of an "at least" cadence.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    /// Each week.
    Week,
    /// Each month.
    Month,
    /// Each quarter.
    Quarter,
    /// Each year.
    Year,
}

impl Per {
    /// How many of these periods make a year.
    #[must_use]
    pub fn in_a_year(self) -> u32 {
        match self {
            Per::Week => 52,
            Per::Month => 12,
            Per::Quarter => 4,
            Per::Year => 1,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Per::Week => "week",
            Per::Month => "month",
            Per::Quarter => "quarter",
            Per::Year => "year",
        }
    }
}

impl MeetingCadence {
    /// The cadence as it reads after "The body meets": "every quarter", "as needed", "at least twice a
    /// year".
    #[must_use]
    pub fn phrase(self) -> Cow<'static, str> {
        match self {
            MeetingCadence::Regular(c) => c.phrase().into(),
            MeetingCadence::AsNeeded => "as needed".into(),
            MeetingCadence::AtLeast { times, per } => {
                let times = match times {
                    1 => "once".to_owned(),
                    2 => "twice".to_owned(),
                    n => format!("{n} times"),
                };
                format!("at least {times} a {}", per.word()).into()
            }
        }
    }

    /// The fixed cadence, if the meetings have one.
    #[must_use]
    pub fn regular(self) -> Option<Cadence> {
        match self {
            MeetingCadence::Regular(c) => Some(c),
            _ => None,
        }
    }

    /// The number of meetings a year a cadence of at least so many meetings comes to, or of a fixed
    /// cadence; none for "as needed" and "at each meeting".
    #[must_use]
    pub fn per_year(self) -> Option<u32> {
        match self {
            MeetingCadence::Regular(Cadence::Weekly) => Some(52),
            MeetingCadence::Regular(Cadence::Monthly) => Some(12),
            MeetingCadence::Regular(Cadence::Quarterly) => Some(4),
            MeetingCadence::Regular(Cadence::Semiannually) => Some(2),
            MeetingCadence::Regular(Cadence::Annually) => Some(1),
            MeetingCadence::Regular(Cadence::EachMeeting) | MeetingCadence::AsNeeded => None,
            MeetingCadence::AtLeast { times, per } => Some(times.saturating_mul(per.in_a_year())),
        }
    }
}

impl fmt::Display for MeetingCadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MeetingCadence::Regular(c) => f.write_str(match c {
                Cadence::Weekly => "weekly",
                Cadence::Monthly => "monthly",
                Cadence::Quarterly => "quarterly",
                Cadence::Semiannually => "semiannually",
                Cadence::Annually => "annually",
                Cadence::EachMeeting => "each_meeting",
            }),
            MeetingCadence::AsNeeded => f.write_str("as_needed"),
            MeetingCadence::AtLeast { .. } => f.write_str(&self.phrase()),
        }
    }
}

const CADENCE_WORDS: &str =
    "`weekly`, `monthly`, `quarterly`, `semiannually`, `annually`, `each_meeting`, `as_needed`";

/// The table form of a cadence, `{ at_least = 1, per = "year" }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AtLeast {
    at_least: u32,
    per: Per,
}

impl<'de> Deserialize<'de> for MeetingCadence {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CadenceVisitor;
        impl<'de> Visitor<'de> for CadenceVisitor {
            type Value = MeetingCadence;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a cadence such as \"quarterly\" or \"as_needed\", or a table such as { at_least = 1, per = \"year\" }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<MeetingCadence, E> {
                if v == "as_needed" {
                    return Ok(MeetingCadence::AsNeeded);
                }
                Cadence::deserialize(de::value::StrDeserializer::<E>::new(v))
                    .map(MeetingCadence::Regular)
                    .map_err(|_| {
                        E::custom(format!(
                            "unknown variant `{v}`, expected one of {CADENCE_WORDS}"
                        ))
                    })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<MeetingCadence, A::Error> {
                let t = AtLeast::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if t.at_least == 0 {
                    return Err(de::Error::custom(
                        "meeting at least 0 times sets no schedule: write `at_least = 1` or more, or `cadence = \"as_needed\"`",
                    ));
                }
                Ok(MeetingCadence::AtLeast {
                    times: t.at_least,
                    per: t.per,
                })
            }
        }
        deserializer.deserialize_any(CadenceVisitor)
    }
}

// A cadence serializes as words, so that `charter diff` reads "quarterly → at least once a year".
impl Serialize for MeetingCadence {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for MeetingCadence {
    fn schema_name() -> Cow<'static, str> {
        "MeetingCadence".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "How often the body meets: \"weekly\", \"monthly\", \"quarterly\", \"semiannually\", \"annually\", \"as_needed\" (on no schedule), or a table such as { at_least = 1, per = \"year\" } for a lower limit only.",
            "anyOf": [
                {
                    "type": "string",
                    "enum": ["weekly", "monthly", "quarterly", "semiannually", "annually", "each_meeting", "as_needed"]
                },
                {
                    "type": "object",
                    "properties": {
                        "at_least": { "type": "integer", "minimum": 1, "description": "How many meetings, at the least." },
                        "per": { "type": "string", "enum": ["week", "month", "quarter", "year"], "description": "In which period." }
                    },
                    "required": ["at_least", "per"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// How long a chair or officer serves: a fixed term, or until replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tenure {
    /// For a fixed term.
    For(Period),
    /// Until replaced, with no fixed term (`"until_replaced"`).
    UntilReplaced,
}

impl fmt::Display for Tenure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tenure::For(p) => p.fmt(f),
            Tenure::UntilReplaced => f.write_str("until_replaced"),
        }
    }
}

impl<'de> Deserialize<'de> for Tenure {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TenureVisitor;
        impl Visitor<'_> for TenureVisitor {
            type Value = Tenure;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a term such as \"2 years\", or \"until_replaced\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Tenure, E> {
                if v.trim() == "until_replaced" {
                    return Ok(Tenure::UntilReplaced);
                }
                v.parse().map(Tenure::For).map_err(|_| {
                    E::custom(format!("`{v}` is not a chair's term: write a period such as \"2 years\", or \"until_replaced\""))
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Tenure, E> {
                Err(E::custom(format!(
                    "a bare number `{v}` does not say its unit: write \"{v} years\" in quotes, or \"until_replaced\""
                )))
            }
        }
        deserializer.deserialize_any(TenureVisitor)
    }
}

impl Serialize for Tenure {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for Tenure {
    fn schema_name() -> Cow<'static, str> {
        "Tenure".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": format!(r"^(\s*[0-9]+\s+(hours?|days?|business\s+days?|weeks?|months?|years?)\s*|\s*until_replaced\s*)$"),
            "description": "How long the chair or an officer serves: a period such as \"2 years\", or \"until_replaced\" for one with no fixed term."
        })
    }
}

/// Whether a body's meetings are open to the public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// Open to the public.
    Open,
    /// Closed to the public.
    Closed,
}

/// Extraordinary meetings, called between the scheduled ones on request.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Extraordinary {
    /// Who may request one: a number of members, "any_member", "any_partner" or "chair".
    pub requested_by: Requesters,
    /// Notice of an extraordinary meeting.
    pub notice: Period,
}

/// Who may request an extraordinary meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Requesters {
    /// At least this many members together (`requested_by = 2`).
    Members(u32),
    /// Any one member (`"any_member"`).
    AnyMember,
    /// Any partner (`"any_partner"`).
    AnyPartner,
    /// The chair (`"chair"`).
    Chair,
}

impl Requesters {
    /// Who requests, in words after "at the request of": "at least 3 members", "any partner".
    #[must_use]
    pub fn phrase(self) -> Cow<'static, str> {
        match self {
            Requesters::Members(1) | Requesters::AnyMember => "any member".into(),
            Requesters::Members(n) => format!("at least {n} members").into(),
            Requesters::AnyPartner => "any partner".into(),
            Requesters::Chair => "the chair".into(),
        }
    }
}

const REQUESTERS_HINT: &str =
    "write a number of members (`requested_by = 2`), \"any_member\", \"any_partner\" or \"chair\"";

impl<'de> Deserialize<'de> for Requesters {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RequestersVisitor;
        impl Visitor<'_> for RequestersVisitor {
            type Value = Requesters;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("who may request an extraordinary meeting")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Requesters, E> {
                match u32::try_from(v) {
                    Ok(n) if n > 0 => Ok(Requesters::Members(n)),
                    _ => Err(E::custom(format!(
                        "a request by `{v}` members is impossible: {REQUESTERS_HINT}"
                    ))),
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Requesters, E> {
                match v.trim() {
                    "any_member" => Ok(Requesters::AnyMember),
                    "any_partner" => Ok(Requesters::AnyPartner),
                    "chair" => Ok(Requesters::Chair),
                    _ => Err(E::custom(format!(
                        "`{v}` is not who may request a meeting: {REQUESTERS_HINT}"
                    ))),
                }
            }
        }
        deserializer.deserialize_any(RequestersVisitor)
    }
}

impl Serialize for Requesters {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Requesters::Members(n) => serializer.serialize_u32(*n),
            Requesters::AnyMember => serializer.serialize_str("any_member"),
            Requesters::AnyPartner => serializer.serialize_str("any_partner"),
            Requesters::Chair => serializer.serialize_str("chair"),
        }
    }
}

impl JsonSchema for Requesters {
    fn schema_name() -> Cow<'static, str> {
        "Requesters".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Who may request an extraordinary meeting: a number of members (2), \"any_member\", \"any_partner\" or \"chair\".",
            "type": ["integer", "string"],
            "minimum": 1,
            "pattern": "^(any_member|any_partner|chair)$",
            "examples": [2, "any_member", "any_partner", "chair"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct T {
        cadence: MeetingCadence,
    }

    fn cadence(toml_value: &str) -> Result<MeetingCadence, String> {
        toml::from_str::<T>(&format!("cadence = {toml_value}"))
            .map(|t| t.cadence)
            .map_err(|e| e.message().to_owned())
    }

    #[test]
    fn a_cadence_is_a_word_as_needed_or_a_lower_limit() {
        assert_eq!(
            cadence("\"quarterly\""),
            Ok(MeetingCadence::Regular(Cadence::Quarterly))
        );
        assert_eq!(cadence("\"as_needed\""), Ok(MeetingCadence::AsNeeded));
        assert_eq!(
            cadence("{ at_least = 2, per = \"year\" }"),
            Ok(MeetingCadence::AtLeast {
                times: 2,
                per: Per::Year
            })
        );
        assert!(cadence("{ at_least = 0, per = \"year\" }").is_err());
        assert!(cadence("\"fortnightly\"").is_err_and(|e| {
            e.contains("unknown variant `fortnightly`") && e.contains("`as_needed`")
        }));
    }

    #[test]
    fn a_cadence_reads_in_words() {
        assert_eq!(MeetingCadence::AsNeeded.phrase(), "as needed");
        let once = MeetingCadence::AtLeast {
            times: 1,
            per: Per::Year,
        };
        assert_eq!(once.phrase(), "at least once a year");
        assert_eq!(once.to_string(), "at least once a year");
        assert_eq!(
            MeetingCadence::AtLeast {
                times: 3,
                per: Per::Quarter
            }
            .phrase(),
            "at least 3 times a quarter"
        );
        assert_eq!(once.per_year(), Some(1));
        assert_eq!(
            MeetingCadence::Regular(Cadence::Monthly).to_string(),
            "monthly"
        );
    }

    #[test]
    fn requesters_are_a_number_of_members_or_a_word() {
        #[derive(Debug, Deserialize)]
        struct R {
            requested_by: Requesters,
        }
        let read =
            |v: &str| toml::from_str::<R>(&format!("requested_by = {v}")).map(|r| r.requested_by);
        assert_eq!(read("3").ok(), Some(Requesters::Members(3)));
        assert_eq!(read("\"any_partner\"").ok(), Some(Requesters::AnyPartner));
        assert!(read("0").is_err());
        assert!(read("\"anyone\"").is_err());
        assert_eq!(Requesters::Members(3).phrase(), "at least 3 members");
        assert_eq!(Requesters::Members(1).phrase(), "any member");
    }

    #[test]
    fn a_chair_serves_for_a_term_or_until_replaced() {
        #[derive(Debug, Deserialize)]
        struct C {
            term: Tenure,
        }
        let read = |v: &str| toml::from_str::<C>(&format!("term = {v}")).map(|c| c.term);
        assert_eq!(read("\"until_replaced\"").ok(), Some(Tenure::UntilReplaced));
        assert_eq!(
            read("\"2 years\"").ok().map(|t| t.to_string()),
            Some("2 years".to_owned())
        );
        assert!(read("2").is_err());
    }
}
