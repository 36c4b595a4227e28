//! The composition rules of a body, as terms of reference and technical charters state them: at least so
//! many voting members, no partner with more than so many of the seats (or so large a share of them), and
//! named groups of members (lay members, clinicians) with a least number of seats and a part in the
//! quorum. Each reads in words ([`number_words`], [`SeatShare::words`]) and serializes back to what the
//! organiser wrote, so that `charter diff` shows the same words as the TOML.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

/// The composition a body must keep: stated only where its terms of reference say so.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Composition {
    /// The fewest voting seats the body may have, e.g. 5 for "at least five members".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 1000))]
    pub min_members: Option<u32>,
    /// The most voting seats one partner may hold, counting every member affiliated with it:
    /// `{ seats = 2 }`, or a share of the body's voting seats, `{ share = "1/3" }`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "check_cap"))]
    pub affiliation_cap: Option<AffiliationCap>,
    /// Named groups of members (lay members, clinicians), each with the fewest seats it holds and,
    /// optionally, how many of it the quorum must include.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(nested)]
    pub constituencies: Vec<Constituency>,
}

/// The most voting seats one partner may hold on a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AffiliationCap {
    /// At most this many voting seats (`{ seats = 2 }`).
    Seats(#[schemars(range(min = 1))] u32),
    /// At most this share of the body's voting seats (`{ share = "1/3" }`).
    Share(SeatShare),
}

impl AffiliationCap {
    /// The most of `total` voting seats one partner may hold under the cap (a share rounds down).
    #[must_use]
    pub fn most(self, total: u32) -> u32 {
        match self {
            AffiliationCap::Seats(n) => n,
            AffiliationCap::Share(s) => s.of(total),
        }
    }

    /// The cap as it reads after "No partner holds more than": "two of its voting seats", "one third of
    /// its voting seats".
    #[must_use]
    pub fn phrase(self) -> String {
        match self {
            AffiliationCap::Seats(n) => format!("{} of its voting seats", number_words(n)),
            AffiliationCap::Share(s) => format!("{} of its voting seats", s.words()),
        }
    }
}

fn check_cap(cap: &AffiliationCap) -> Result<(), ValidationError> {
    match cap {
        AffiliationCap::Seats(0) => Err(ValidationError::new("range").with_message(
            "a partner capped at 0 seats could hold no seat: write `seats = 1` or more".into(),
        )),
        _ => Ok(()),
    }
}

/// A share of a body's voting seats, written as a fraction below one in quotes (`"1/3"`), kept exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SeatShare {
    /// Numerator, at least 1.
    pub numerator: u32,
    /// Denominator, larger than the numerator.
    pub denominator: u32,
}

impl SeatShare {
    /// The most whole seats of `total` within the share: `total × numerator ÷ denominator`, rounded down.
    #[must_use]
    pub fn of(self, total: u32) -> u32 {
        let most = u64::from(total) * u64::from(self.numerator) / u64::from(self.denominator);
        u32::try_from(most).unwrap_or(u32::MAX)
    }

    /// The share in words: "one half", "one third", "two fifths"; a fraction with no common name as
    /// written, "5/12".
    #[must_use]
    pub fn words(self) -> String {
        let (n, d) = (self.numerator, self.denominator);
        let part = match (d, n == 1) {
            (2, true) => "half",
            (2, false) => "halves",
            (3, true) => "third",
            (3, false) => "thirds",
            (4, true) => "quarter",
            (4, false) => "quarters",
            (5, true) => "fifth",
            (5, false) => "fifths",
            (10, true) => "tenth",
            (10, false) => "tenths",
            _ => return format!("{n}/{d}"),
        };
        format!("{} {part}", number_words(n))
    }
}

impl fmt::Display for SeatShare {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

const SHARE_HINT: &str =
    "write a fraction below one in quotes, such as `share = \"1/3\"` or `share = \"1/2\"`";

impl<'de> Deserialize<'de> for SeatShare {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShareVisitor;
        impl Visitor<'_> for ShareVisitor {
            type Value = SeatShare;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a share of the voting seats such as \"1/3\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SeatShare, E> {
                let parsed = v.split_once('/').and_then(|(n, d)| {
                    Some((n.trim().parse::<u32>().ok()?, d.trim().parse::<u32>().ok()?))
                });
                match parsed {
                    Some((numerator, denominator)) if numerator > 0 && numerator < denominator => {
                        Ok(SeatShare {
                            numerator,
                            denominator,
                        })
                    }
                    Some(_) => Err(E::custom(format!(
                        "the share `{v}` is not a fraction between 0 and 1: {SHARE_HINT}"
                    ))),
                    None => Err(E::custom(format!(
                        "`{v}` is not a share of seats: {SHARE_HINT}"
                    ))),
                }
            }
        }
        deserializer.deserialize_str(ShareVisitor)
    }
}

impl Serialize for SeatShare {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for SeatShare {
    fn schema_name() -> Cow<'static, str> {
        "SeatShare".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A share of the body's voting seats: a fraction below one in quotes, such as \"1/3\".",
            "type": "string",
            "pattern": r"^\s*[1-9][0-9]*\s*/\s*[1-9][0-9]*\s*$",
            "examples": ["1/3", "1/2"]
        })
    }
}

/// A named group of a body's members, chosen by their role on the body or their partner: the fewest
/// voting seats it holds, and how many of it a quorum must include.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Constituency {
    /// The group as the charter names it, in the plural: "lay members", "clinicians".
    #[validate(length(min = 1, max = 80))]
    pub name: String,
    /// The member `role`s that belong to the group, each written exactly as on the member.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// The partners whose members belong to the group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(custom(function = "super::check_ids"))]
    #[schemars(inner(regex(pattern = super::ID_PATTERN), length(max = 40)))]
    pub partners: Vec<String>,
    /// The fewest voting seats of the body the group holds.
    #[validate(range(min = 1, max = 1000))]
    pub min: u32,
    /// How many of the group a quorum must include; absent, the quorum says nothing of the group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 1000))]
    pub quorum: Option<u32>,
}

impl Constituency {
    /// Whether a member with this role and partner belongs to the group: its role is one of `roles`, or
    /// its partner one of `partners`.
    #[must_use]
    pub fn includes(&self, role: Option<&str>, partner: Option<&str>) -> bool {
        role.is_some_and(|r| self.roles.iter().any(|x| x == r))
            || partner.is_some_and(|p| self.partners.iter().any(|x| x == p))
    }
}

/// A whole number in words for the numbers a charter spells out ("five"), in figures from 21.
#[must_use]
pub fn number_words(n: u32) -> Cow<'static, str> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    usize::try_from(n)
        .ok()
        .and_then(|i| WORDS.get(i))
        .map_or_else(|| n.to_string().into(), |w| Cow::Borrowed(*w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(numerator: u32, denominator: u32) -> SeatShare {
        SeatShare {
            numerator,
            denominator,
        }
    }

    #[test]
    fn a_share_rounds_down_to_whole_seats() {
        // A third of nine seats is three; of ten, still three; of two, none.
        assert_eq!(share(1, 3).of(9), 3);
        assert_eq!(share(1, 3).of(10), 3);
        assert_eq!(share(1, 3).of(2), 0);
        assert_eq!(share(2, 5).of(5), 2);
        assert_eq!(share(1, 2).of(u32::MAX), u32::MAX / 2);
        assert_eq!(AffiliationCap::Seats(2).most(9), 2);
        assert_eq!(AffiliationCap::Share(share(1, 3)).most(12), 4);
    }

    #[test]
    fn caps_and_numbers_read_in_words() {
        assert_eq!(AffiliationCap::Seats(2).phrase(), "two of its voting seats");
        assert_eq!(
            AffiliationCap::Share(share(1, 3)).phrase(),
            "one third of its voting seats"
        );
        assert_eq!(share(2, 5).words(), "two fifths");
        assert_eq!(share(1, 2).words(), "one half");
        assert_eq!(share(5, 12).words(), "5/12");
        assert_eq!(number_words(5), "five");
        assert_eq!(number_words(21), "21");
    }

    #[test]
    fn shares_parse_only_below_one() {
        let parse = |s: &str| {
            SeatShare::deserialize(de::value::StrDeserializer::<de::value::Error>::new(s))
        };
        assert_eq!(parse(" 1 / 3 ").ok(), Some(share(1, 3)));
        assert!(parse("1/1").is_err());
        assert!(parse("0/3").is_err());
        assert!(parse("third").is_err());
        assert_eq!(share(1, 3).to_string(), "1/3");
    }

    #[test]
    fn a_member_belongs_by_role_or_partner() {
        let c = Constituency {
            name: "lay members".to_owned(),
            roles: vec!["lay member".to_owned()],
            partners: vec!["northfield".to_owned()],
            min: 1,
            quorum: None,
        };
        assert!(c.includes(Some("lay member"), None));
        assert!(c.includes(Some("researcher"), Some("northfield")));
        assert!(!c.includes(Some("Lay member"), Some("harbourside")));
        assert!(!c.includes(None, None));
    }
}
