//! The arithmetic of a vote, stated once: the share of votes a rule needs, what that share is counted
//! on (all voting seats, the voting members present, or the votes cast), and whether the votes for must
//! exceed the share or only reach it. Every check that counts votes (a tie, an electronic vote below the
//! quorum, a partner deciding its own matter, a vote recusals make impossible, a weaker amendment rule)
//! asks a [`Threshold`], which computes in whole numbers, so that "two thirds of 10" is 7 and never 6.67.
//!
//! The named rules are thresholds too ([`crate::model::VotingRule::threshold`]), and a charter can write
//! one directly: `rule = { more_than = "1/2", of = "votes_cast" }`, `rule = { at_least = "3/5", of =
//! "all_seats" }`. What `of` counts decides abstentions: a member who abstains is present and holds a
//! seat, so under `"present"` and `"all_seats"` an abstention weighs as a vote against; under
//! `"votes_cast"` it is not counted.

use std::cmp::Ordering;
use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use super::SeatShare;

/// What a vote's share is counted on.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Base {
    /// The votes cast for or against; abstentions are not counted.
    VotesCast,
    /// The voting members present; an abstention weighs as a vote against.
    Present,
    /// Every voting seat on the body, present or not.
    AllSeats,
}

impl Base {
    /// The TOML word for it: `votes_cast`, `present`, `all_seats`.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Base::VotesCast => "votes_cast",
            Base::Present => "present",
            Base::AllSeats => "all_seats",
        }
    }

    /// What the share is of, after "half": "of the votes cast".
    #[must_use]
    pub fn phrase(self) -> &'static str {
        match self {
            Base::VotesCast => "of the votes cast",
            Base::Present => "of the voting members present",
            Base::AllSeats => "of all voting members",
        }
    }

    /// What the share is of, in a table: "of votes cast", "of those present", "of the body".
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Base::VotesCast => "of votes cast",
            Base::Present => "of those present",
            Base::AllSeats => "of the body",
        }
    }
}

impl Comparison {
    /// The TOML key that states it: `at_least`, `more_than`.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Comparison::AtLeast => "at_least",
            Comparison::MoreThan => "more_than",
        }
    }
}

/// Whether the votes for must exceed the share ("more than half") or only reach it ("at least two
/// thirds").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Comparison {
    /// The votes for reach the share.
    AtLeast,
    /// The votes for exceed the share.
    MoreThan,
}

/// A share of the votes between zero and one, `numerator / denominator`, kept as written ("2/3").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VoteShare {
    /// Numerator, at least one.
    pub numerator: u32,
    /// Denominator, at least the numerator.
    pub denominator: u32,
}

impl VoteShare {
    /// One half.
    pub const HALF: VoteShare = VoteShare {
        numerator: 1,
        denominator: 2,
    };
    /// Two thirds.
    pub const TWO_THIRDS: VoteShare = VoteShare {
        numerator: 2,
        denominator: 3,
    };
    /// All.
    pub const ALL: VoteShare = VoteShare {
        numerator: 1,
        denominator: 1,
    };

    /// The two shares compared as numbers: 2/4 equals 1/2.
    #[must_use]
    pub fn cmp_value(self, other: VoteShare) -> Ordering {
        let a = u64::from(self.numerator) * u64::from(other.denominator);
        let b = u64::from(other.numerator) * u64::from(self.denominator);
        a.cmp(&b)
    }

    /// The share in words: "half", "two thirds", "three fifths", "all"; one with no common name as
    /// written, "5/12".
    #[must_use]
    pub fn words(self) -> String {
        match self.cmp_value(VoteShare::HALF) {
            Ordering::Equal => return "half".into(),
            _ if self.cmp_value(VoteShare::ALL) == Ordering::Equal => return "all".into(),
            _ => {}
        }
        SeatShare {
            numerator: self.numerator,
            denominator: self.denominator,
        }
        .words()
    }
}

impl fmt::Display for VoteShare {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

const SHARE_HINT: &str =
    "write a fraction in quotes, such as `more_than = \"1/2\"` or `at_least = \"2/3\"`";

impl<'de> Deserialize<'de> for VoteShare {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShareVisitor;
        impl Visitor<'_> for ShareVisitor {
            type Value = VoteShare;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a share of the votes such as \"2/3\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<VoteShare, E> {
                let parsed = v.split_once('/').and_then(|(n, d)| {
                    Some((n.trim().parse::<u32>().ok()?, d.trim().parse::<u32>().ok()?))
                });
                match parsed {
                    Some((numerator, denominator)) if numerator > 0 && numerator <= denominator => {
                        Ok(VoteShare {
                            numerator,
                            denominator,
                        })
                    }
                    Some(_) => Err(E::custom(format!(
                        "the share `{v}` is not a fraction between 0 and 1: {SHARE_HINT}"
                    ))),
                    None => Err(E::custom(format!(
                        "`{v}` is not a share of the votes: {SHARE_HINT}"
                    ))),
                }
            }
        }
        deserializer.deserialize_str(ShareVisitor)
    }
}

impl Serialize for VoteShare {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The arithmetic of one rule: a share of a base, exceeded or reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Threshold {
    /// The share of the base the votes for must exceed or reach.
    pub share: VoteShare,
    /// What the share is counted on.
    pub of: Base,
    /// Whether the votes for must exceed the share or only reach it.
    pub comparison: Comparison,
}

impl Threshold {
    /// More than `share` of `of`.
    #[must_use]
    pub const fn more_than(share: VoteShare, of: Base) -> Self {
        Threshold {
            share,
            of,
            comparison: Comparison::MoreThan,
        }
    }

    /// At least `share` of `of`.
    #[must_use]
    pub const fn at_least(share: VoteShare, of: Base) -> Self {
        Threshold {
            share,
            of,
            comparison: Comparison::AtLeast,
        }
    }

    /// Whether `yes` votes for pass where the base counts `base`: `yes / base` compared with the share
    /// in whole numbers, `yes × denominator` against `base × numerator`. No vote passes on a base of none.
    #[must_use]
    pub fn passes(self, yes: u64, base: u64) -> bool {
        if base == 0 {
            return false;
        }
        let lhs = u128::from(yes) * u128::from(self.share.denominator);
        let rhs = u128::from(base) * u128::from(self.share.numerator);
        match self.comparison {
            Comparison::AtLeast => lhs >= rhs,
            Comparison::MoreThan => lhs > rhs,
        }
    }

    /// The fewest votes for that pass where the base counts `base`: two thirds of 10 is 7, more than
    /// half of 10 is 6; `base + 1` where none can (more than all of them).
    #[must_use]
    pub fn needed(self, base: u64) -> u64 {
        let (n, d) = (
            u128::from(self.share.numerator),
            u128::from(self.share.denominator),
        );
        let product = u128::from(base) * n;
        let fewest = match self.comparison {
            Comparison::AtLeast => product.div_ceil(d),
            Comparison::MoreThan => product / d + 1,
        };
        u64::try_from(fewest).unwrap_or(u64::MAX).max(1)
    }

    /// Whether an even split of `base` votes (as many for as against) fails to pass: a tie, which
    /// neither side wins. Only a rule of more than half can tie; one of at least half passes on an even
    /// split, and a higher share simply fails.
    #[must_use]
    pub fn ties_on(self, base: u64) -> bool {
        base >= 2
            && base.is_multiple_of(2)
            && self.comparison == Comparison::MoreThan
            && self.share.cmp_value(VoteShare::HALF) == Ordering::Equal
    }

    /// Whether this rule asks no more than `other` on every count: no higher a share (reaching a share
    /// asks less than exceeding it), counted on no wider a base (votes cast, then those present, then
    /// all seats).
    #[must_use]
    pub fn no_stricter_than(self, other: Threshold) -> bool {
        let share = self
            .share
            .cmp_value(other.share)
            .then(self.comparison.cmp(&other.comparison));
        share != Ordering::Greater && self.of <= other.of
    }

    /// The rule in words, after "by": "more than half of the votes cast", "at least two thirds of the
    /// voting members present".
    #[must_use]
    pub fn phrase(self) -> String {
        format!("{} {}", self.amount(), self.of.phrase())
    }

    /// The rule in a table: "More than half of votes cast", "At least 3/5 of the body".
    #[must_use]
    pub fn label(self) -> String {
        let mut words = format!("{} {}", self.amount(), self.of.label());
        if let Some(first) = words.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        words
    }

    /// The threshold as it is written in TOML: `{ at_least = "3/5", of = "all_seats" }`.
    #[must_use]
    pub fn toml(self) -> String {
        format!(
            "{{ {} = \"{}\", of = \"{}\" }}",
            self.comparison.key(),
            self.share,
            self.of.key()
        )
    }

    fn amount(self) -> String {
        let words = self.share.words();
        match self.comparison {
            Comparison::AtLeast => format!("at least {words}"),
            Comparison::MoreThan => format!("more than {words}"),
        }
    }
}

/// A threshold as its words in TOML, for `charter diff` and the JSON checklist:
/// "more_than 1/2 of votes_cast".
impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} of {}",
            self.comparison.key(),
            self.share,
            self.of.key()
        )
    }
}

/// The table a charter writes a threshold as: `{ more_than = "1/2", of = "votes_cast" }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ThresholdTable {
    pub(super) more_than: Option<VoteShare>,
    pub(super) at_least: Option<VoteShare>,
    pub(super) of: Option<Base>,
}

const TABLE_HINT: &str = "write `{ more_than = \"1/2\", of = \"votes_cast\" }` or `{ at_least = \"2/3\", of = \"present\" }`, with `of` one of \"votes_cast\", \"present\", \"all_seats\"";

impl ThresholdTable {
    /// The threshold the table states, or what is wrong with it.
    pub(super) fn threshold(self) -> Result<Threshold, String> {
        let of = self.of.ok_or_else(|| {
            format!("a threshold needs `of`, what its share is counted on: {TABLE_HINT}")
        })?;
        match (self.more_than, self.at_least) {
            (Some(share), None) if share.cmp_value(VoteShare::ALL) == Ordering::Equal => {
                Err(format!(
                    "no vote can be more than all of {}: write `at_least = \"1/1\"` for every vote, or a smaller share",
                    of.phrase().trim_start_matches("of ")
                ))
            }
            (Some(share), None) => Ok(Threshold::more_than(share, of)),
            (None, Some(share)) => Ok(Threshold::at_least(share, of)),
            (Some(_), Some(_)) => Err(format!(
                "a threshold is either `more_than` or `at_least`, not both: {TABLE_HINT}"
            )),
            (None, None) => Err(format!(
                "a threshold needs its share, `more_than` or `at_least`: {TABLE_HINT}"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(numerator: u32, denominator: u32) -> VoteShare {
        VoteShare {
            numerator,
            denominator,
        }
    }

    #[test]
    fn the_fewest_votes_are_computed_in_whole_numbers() {
        let two_thirds = Threshold::at_least(VoteShare::TWO_THIRDS, Base::AllSeats);
        assert_eq!(two_thirds.needed(10), 7);
        assert_eq!(two_thirds.needed(9), 6);
        assert_eq!(two_thirds.needed(3), 2);
        let majority = Threshold::more_than(VoteShare::HALF, Base::Present);
        assert_eq!(majority.needed(10), 6);
        assert_eq!(majority.needed(9), 5);
        assert_eq!(majority.needed(1), 1);
        let more_than_two_thirds = Threshold::more_than(VoteShare::TWO_THIRDS, Base::AllSeats);
        assert_eq!(more_than_two_thirds.needed(9), 7);
        assert_eq!(more_than_two_thirds.needed(10), 7);
        // Needed is exactly the least count that passes.
        for t in [two_thirds, majority, more_than_two_thirds] {
            for base in 1..40 {
                let n = t.needed(base);
                assert!(t.passes(n, base), "{t} of {base}: {n}");
                assert!(!t.passes(n - 1, base), "{t} of {base}: {}", n - 1);
            }
        }
    }

    #[test]
    fn a_share_is_its_value_not_its_spelling() {
        assert_eq!(share(2, 4).cmp_value(VoteShare::HALF), Ordering::Equal);
        assert_eq!(share(2, 4).words(), "half");
        assert_eq!(share(3, 5).words(), "three fifths");
        assert_eq!(share(5, 12).words(), "5/12");
        assert_eq!(share(3, 3).words(), "all");
        assert!(Threshold::more_than(share(2, 4), Base::VotesCast).ties_on(4));
        assert!(!Threshold::at_least(VoteShare::HALF, Base::VotesCast).ties_on(4));
        assert!(!Threshold::more_than(VoteShare::HALF, Base::VotesCast).ties_on(5));
    }

    #[test]
    fn strictness_compares_share_then_base() {
        let majority_cast = Threshold::more_than(VoteShare::HALF, Base::VotesCast);
        let half_cast = Threshold::at_least(VoteShare::HALF, Base::VotesCast);
        let two_thirds_body = Threshold::at_least(VoteShare::TWO_THIRDS, Base::AllSeats);
        let majority_body = Threshold::more_than(VoteShare::HALF, Base::AllSeats);
        assert!(half_cast.no_stricter_than(majority_cast));
        assert!(!majority_cast.no_stricter_than(half_cast));
        assert!(majority_cast.no_stricter_than(two_thirds_body));
        assert!(majority_cast.no_stricter_than(majority_body));
        assert!(!two_thirds_body.no_stricter_than(majority_cast));
    }

    #[test]
    fn a_threshold_reads_in_words() {
        let t = Threshold::at_least(VoteShare::TWO_THIRDS, Base::Present);
        assert_eq!(
            t.phrase(),
            "at least two thirds of the voting members present"
        );
        assert_eq!(t.label(), "At least two thirds of those present");
        assert_eq!(t.to_string(), "at_least 2/3 of present");
        let t = Threshold::more_than(VoteShare::HALF, Base::VotesCast);
        assert_eq!(t.phrase(), "more than half of the votes cast");
    }

    #[test]
    fn a_table_names_one_comparison_and_its_base() {
        let table = |more_than, at_least, of| ThresholdTable {
            more_than,
            at_least,
            of,
        };
        assert_eq!(
            table(Some(VoteShare::HALF), None, Some(Base::VotesCast)).threshold(),
            Ok(Threshold::more_than(VoteShare::HALF, Base::VotesCast))
        );
        let e = table(Some(VoteShare::HALF), None, None)
            .threshold()
            .unwrap_err();
        assert!(e.contains("needs `of`"), "{e}");
        let e = table(Some(VoteShare::ALL), None, Some(Base::Present))
            .threshold()
            .unwrap_err();
        assert!(e.contains("more than all"), "{e}");
        let e = table(None, None, Some(Base::Present))
            .threshold()
            .unwrap_err();
        assert!(e.contains("needs its share"), "{e}");
    }
}
