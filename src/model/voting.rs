//! The forms of decision real charters use beside a plain vote: consensus first with a named vote if it
//! fails, and lazy consensus ("silence is consent within 7 days"). A rule is still written as one word
//! (`rule = "majority_present"`), or as a table naming the form: `{ consensus_then = "two_thirds_present" }`,
//! `{ lazy_consensus = "7 days" }`. Each parses from the words an organiser writes and serializes back to
//! words a reviewer reads in `charter diff`.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::threshold::ThresholdTable;
use super::{ElectronicRule, Period, Threshold, VoteShare, VotingRule};

/// How a decision is reached: by a vote under a rule, by consensus with a vote if consensus fails, or by
/// lazy consensus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecisionRule {
    /// One rule, as before: a threshold, unanimity or consensus (`rule = "majority_present"`).
    Vote(VotingRule),
    /// The members seek consensus first; if a member formally objects, the matter is put to a vote under
    /// the rule named (`{ consensus_then = "two_thirds_present" }`).
    ConsensusThen(VotingRule),
    /// A proposal passes unless a member objects within the period (`{ lazy_consensus = "7 days" }`).
    /// The period is absent only where the charter wrote `rule = "lazy_consensus"`, which E0454 reports.
    LazyConsensus(Option<Period>),
}

impl DecisionRule {
    /// The rule of the vote that can be taken: the rule itself, or the fallback after consensus; none
    /// under lazy consensus, where no vote is taken.
    #[must_use]
    pub fn vote(self) -> Option<VotingRule> {
        match self {
            DecisionRule::Vote(v) | DecisionRule::ConsensusThen(v) => Some(v),
            DecisionRule::LazyConsensus(_) => None,
        }
    }

    /// Whether members' votes are counted under this rule, so that they can be recorded by name: not
    /// under consensus or lazy consensus alone.
    #[must_use]
    pub fn counts_votes(self) -> bool {
        self.vote().is_some_and(|v| v != VotingRule::Consensus)
    }

    /// The rule in plain words, after "by": "two thirds of the voting members present", "consensus or,
    /// if consensus fails, by two thirds of the voting members present".
    #[must_use]
    pub fn phrase(self) -> Cow<'static, str> {
        match self {
            DecisionRule::Vote(v) => v.phrase(),
            DecisionRule::ConsensusThen(v) => {
                format!("consensus or, if consensus fails, by {}", v.phrase()).into()
            }
            DecisionRule::LazyConsensus(Some(p)) => {
                format!("lazy consensus, a proposal passing unless a member objects within {p}")
                    .into()
            }
            DecisionRule::LazyConsensus(None) => {
                "lazy consensus, a proposal passing unless a member objects".into()
            }
        }
    }

    /// A short label for tables: "Two thirds of those present", "Consensus, then two thirds of those
    /// present", "Lazy consensus (7 days)".
    #[must_use]
    pub fn label(self) -> Cow<'static, str> {
        match self {
            DecisionRule::Vote(v) => v.label(),
            DecisionRule::ConsensusThen(v) => {
                format!("Consensus, then {}", v.label().to_lowercase()).into()
            }
            DecisionRule::LazyConsensus(Some(p)) => format!("Lazy consensus ({p})").into(),
            DecisionRule::LazyConsensus(None) => "Lazy consensus".into(),
        }
    }
}

impl From<VotingRule> for DecisionRule {
    fn from(v: VotingRule) -> Self {
        DecisionRule::Vote(v)
    }
}

impl fmt::Display for DecisionRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecisionRule::Vote(v) => v.fmt(f),
            DecisionRule::ConsensusThen(v) => write!(f, "consensus, then {v}"),
            DecisionRule::LazyConsensus(Some(p)) => write!(f, "lazy consensus within {p}"),
            DecisionRule::LazyConsensus(None) => f.write_str("lazy_consensus"),
        }
    }
}

const RULE_WORDS: &str = "`majority_present`, `majority_body`, `two_thirds_present`, `two_thirds_body`, `unanimity`, `consensus`, a threshold `{ more_than = \"1/2\", of = \"votes_cast\" }`, or a table `{ consensus_then = \"<rule>\" }` or `{ lazy_consensus = \"7 days\" }`";

/// The table forms of a rule.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Form {
    consensus_then: Option<VotingRule>,
    lazy_consensus: Option<Period>,
    more_than: Option<super::VoteShare>,
    at_least: Option<super::VoteShare>,
    of: Option<super::Base>,
}

impl<'de> Deserialize<'de> for DecisionRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RuleVisitor;
        impl<'de> Visitor<'de> for RuleVisitor {
            type Value = DecisionRule;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a voting rule such as \"majority_present\", or a table such as { consensus_then = \"two_thirds_present\" } or { lazy_consensus = \"7 days\" }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DecisionRule, E> {
                // Written without its window, lazy consensus still parses, so that E0454 can say what is
                // missing where it is missing.
                if v == "lazy_consensus" {
                    return Ok(DecisionRule::LazyConsensus(None));
                }
                VotingRule::deserialize(de::value::StrDeserializer::<E>::new(v))
                    .map(DecisionRule::Vote)
                    .map_err(|_| {
                        E::custom(format!(
                            "unknown variant `{v}`, expected one of {RULE_WORDS}"
                        ))
                    })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DecisionRule, A::Error> {
                let form = Form::deserialize(de::value::MapAccessDeserializer::new(map))?;
                let threshold =
                    form.more_than.is_some() || form.at_least.is_some() || form.of.is_some();
                match (form.consensus_then, form.lazy_consensus) {
                    (None, None) if threshold => ThresholdTable {
                        more_than: form.more_than,
                        at_least: form.at_least,
                        of: form.of,
                    }
                    .threshold()
                    .map(|t| DecisionRule::Vote(VotingRule::Share(t)))
                    .map_err(de::Error::custom),
                    _ if threshold => Err(de::Error::custom(
                        "a threshold goes inside `consensus_then`: write `{ consensus_then = { more_than = \"1/2\", of = \"votes_cast\" } }`",
                    )),
                    (Some(v), None) => Ok(DecisionRule::ConsensusThen(v)),
                    (None, Some(p)) => Ok(DecisionRule::LazyConsensus(Some(p))),
                    (Some(_), Some(_)) => Err(de::Error::custom(
                        "a rule is either `consensus_then` or `lazy_consensus`, not both",
                    )),
                    (None, None) => Err(de::Error::custom(
                        "an empty rule table: write `{ consensus_then = \"two_thirds_present\" }` or `{ lazy_consensus = \"7 days\" }`",
                    )),
                }
            }
        }
        deserializer.deserialize_any(RuleVisitor)
    }
}

// A rule serializes as words, so that `charter diff` reads "majority_present → consensus, then
// two_thirds_present".
impl Serialize for DecisionRule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for DecisionRule {
    fn schema_name() -> Cow<'static, str> {
        "DecisionRule".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let voting = generator.subschema_for::<VotingRule>();
        json_schema!({
            "description": "How the decision is reached: a voting rule such as \"majority_present\"; { consensus_then = \"<rule>\" } for consensus first and a vote under that rule if consensus fails; or { lazy_consensus = \"7 days\" } for a proposal that passes unless a member objects within the period.",
            "anyOf": [
                voting.clone(),
                {
                    "type": "object",
                    "properties": {
                        "consensus_then": voting,
                    },
                    "required": ["consensus_then"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": {
                        "lazy_consensus": generator.subschema_for::<Period>(),
                    },
                    "required": ["lazy_consensus"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl VotingRule {
    const NAMED: [(VotingRule, &'static str); 6] = [
        (VotingRule::MajorityPresent, "majority_present"),
        (VotingRule::MajorityBody, "majority_body"),
        (VotingRule::TwoThirdsPresent, "two_thirds_present"),
        (VotingRule::TwoThirdsBody, "two_thirds_body"),
        (VotingRule::Unanimity, "unanimity"),
        (VotingRule::Consensus, "consensus"),
    ];

    /// The arithmetic of the rule: the share it needs, of what, exceeded or reached. A majority is more
    /// than half; two thirds is at least two thirds; unanimity is every voting seat. None for consensus,
    /// which counts no votes.
    #[must_use]
    pub fn threshold(self) -> Option<Threshold> {
        use super::Base::{AllSeats, Present};
        match self {
            VotingRule::MajorityPresent => Some(Threshold::more_than(VoteShare::HALF, Present)),
            VotingRule::MajorityBody => Some(Threshold::more_than(VoteShare::HALF, AllSeats)),
            VotingRule::TwoThirdsPresent => {
                Some(Threshold::at_least(VoteShare::TWO_THIRDS, Present))
            }
            VotingRule::TwoThirdsBody => Some(Threshold::at_least(VoteShare::TWO_THIRDS, AllSeats)),
            VotingRule::Unanimity => Some(Threshold::at_least(VoteShare::ALL, AllSeats)),
            VotingRule::Consensus => None,
            VotingRule::Share(t) => Some(t),
        }
    }

    /// The rule as it is written after `rule = `: `"majority_body"`, `{ at_least = "3/5", of =
    /// "all_seats" }`.
    #[must_use]
    pub fn toml(self) -> String {
        match self {
            VotingRule::Share(t) => t.toml(),
            named => format!("\"{named}\""),
        }
    }

    /// The rule in plain words.
    #[must_use]
    pub fn phrase(self) -> Cow<'static, str> {
        match self {
            VotingRule::MajorityPresent => "a simple majority of the voting members present".into(),
            VotingRule::MajorityBody => "a majority of all voting members".into(),
            VotingRule::TwoThirdsPresent => "two thirds of the voting members present".into(),
            VotingRule::TwoThirdsBody => "two thirds of all voting members".into(),
            VotingRule::Unanimity => "unanimity of all voting members".into(),
            VotingRule::Consensus => "consensus, with no member formally objecting".into(),
            VotingRule::Share(t) => t.phrase().into(),
        }
    }

    /// A short label for tables.
    #[must_use]
    pub fn label(self) -> Cow<'static, str> {
        match self {
            VotingRule::MajorityPresent => "Majority of those present".into(),
            VotingRule::MajorityBody => "Majority of the body".into(),
            VotingRule::TwoThirdsPresent => "Two thirds of those present".into(),
            VotingRule::TwoThirdsBody => "Two thirds of the body".into(),
            VotingRule::Unanimity => "Unanimity".into(),
            VotingRule::Consensus => "Consensus".into(),
            VotingRule::Share(t) => t.label().into(),
        }
    }
}

/// A rule as the charter writes it: its name (`majority_present`), or a threshold's words
/// (`more_than 1/2 of votes_cast`), so that `charter diff` reads what changed.
impl fmt::Display for VotingRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VotingRule::Share(t) => t.fmt(f),
            named => {
                let name = VotingRule::NAMED
                    .iter()
                    .find(|(r, _)| r == named)
                    .map_or("", |(_, name)| name);
                f.write_str(name)
            }
        }
    }
}

const VOTE_WORDS: &str = "`majority_present`, `majority_body`, `two_thirds_present`, `two_thirds_body`, `unanimity`, `consensus`, or a threshold `{ more_than = \"1/2\", of = \"votes_cast\" }`";

impl<'de> Deserialize<'de> for VotingRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        named_or_threshold(
            deserializer,
            RuleWords {
                named: &VotingRule::NAMED,
                expecting: "a voting rule such as \"majority_present\", or a threshold such as { more_than = \"1/2\", of = \"votes_cast\" }",
                listed: VOTE_WORDS,
            },
            VotingRule::Share,
        )
    }
}

/// The words of the rules a key takes: its named rules, what it expects, and the list of them a mistake
/// is told.
struct RuleWords<T: 'static> {
    named: &'static [(T, &'static str)],
    expecting: &'static str,
    listed: &'static str,
}

/// Reads a rule written as one of its names or as a threshold table, which `share` makes a rule.
fn named_or_threshold<'de, D: Deserializer<'de>, T: Copy + 'static>(
    deserializer: D,
    words: RuleWords<T>,
    share: fn(Threshold) -> T,
) -> Result<T, D::Error> {
    struct RuleVisitor<T: 'static> {
        words: RuleWords<T>,
        share: fn(Threshold) -> T,
    }
    impl<'de, T: Copy + 'static> Visitor<'de> for RuleVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.words.expecting)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            self.words
                .named
                .iter()
                .find(|(_, name)| *name == v)
                .map(|(rule, _)| *rule)
                .ok_or_else(|| {
                    E::custom(format!(
                        "unknown variant `{v}`, expected one of {}",
                        self.words.listed
                    ))
                })
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            ThresholdTable::deserialize(de::value::MapAccessDeserializer::new(map))?
                .threshold()
                .map(self.share)
                .map_err(de::Error::custom)
        }
    }
    deserializer.deserialize_any(RuleVisitor { words, share })
}

impl Serialize for VotingRule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for VotingRule {
    fn schema_name() -> Cow<'static, str> {
        "VotingRule".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "How a body reaches a decision: a named rule, or a threshold: { more_than = \"1/2\", of = \"votes_cast\" } or { at_least = \"2/3\", of = \"present\" }. Under \"present\" and \"all_seats\" an abstention weighs as a vote against; under \"votes_cast\" it is not counted.",
            "anyOf": [
                { "type": "string", "const": "majority_present", "description": "More than half of the voting members present." },
                { "type": "string", "const": "majority_body", "description": "More than half of all voting members." },
                { "type": "string", "const": "two_thirds_present", "description": "At least two thirds of the voting members present." },
                { "type": "string", "const": "two_thirds_body", "description": "At least two thirds of all voting members." },
                { "type": "string", "const": "unanimity", "description": "Every voting member." },
                { "type": "string", "const": "consensus", "description": "General agreement with no formal objection." },
                threshold_schema(generator)
            ]
        })
    }
}

impl super::Charter {
    /// Whether a decision is recorded by name beyond what its body's meetings already record: a vote
    /// the decision records by name where the body's minutes do not record every vote.
    #[must_use]
    pub fn records_own_roll_call(&self, d: &super::Decision) -> bool {
        let body_records = self
            .bodies
            .iter()
            .any(|b| b.id == d.body && b.meetings.roll_call);
        d.roll_call && !body_records && d.rule.counts_votes()
    }

    /// Whether a decision is taken in another form than a plain vote, records its votes by name, or
    /// grants approvals that lapse, so that the clause on how decisions are taken (`decision-forms`)
    /// speaks of it.
    #[must_use]
    pub fn has_decision_form(&self, d: &super::Decision) -> bool {
        !matches!(d.rule, DecisionRule::Vote(_))
            || self.records_own_roll_call(d)
            || d.approval_lasts.is_some()
    }
}

/// The named rules of an electronic vote, by the words a charter writes.
const ELECTRONIC_NAMED: [(ElectronicRule, &str); 6] = [
    (ElectronicRule::SameAsMeetings, "same_as_meetings"),
    (ElectronicRule::MajorityCast, "majority_cast"),
    (ElectronicRule::TwoThirdsCast, "two_thirds_cast"),
    (ElectronicRule::MajorityBody, "majority_body"),
    (ElectronicRule::TwoThirdsBody, "two_thirds_body"),
    (ElectronicRule::Unanimity, "unanimity"),
];

const ELECTRONIC_WORDS: &str = "`same_as_meetings`, `majority_cast`, `two_thirds_cast`, `majority_body`, `two_thirds_body`, `unanimity`, or a threshold `{ at_least = \"3/4\", of = \"votes_cast\" }`";

/// An electronic rule as the charter writes it: its name, or a threshold's words, so that `charter diff`
/// reads what changed.
impl fmt::Display for ElectronicRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ElectronicRule::Share(t) => t.fmt(f),
            named => f.write_str(
                ELECTRONIC_NAMED
                    .iter()
                    .find(|(r, _)| r == named)
                    .map_or("", |(_, name)| name),
            ),
        }
    }
}

impl<'de> Deserialize<'de> for ElectronicRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        named_or_threshold(
            deserializer,
            RuleWords {
                named: &ELECTRONIC_NAMED,
                expecting: ELECTRONIC_WORDS,
                listed: ELECTRONIC_WORDS,
            },
            ElectronicRule::Share,
        )
    }
}

impl Serialize for ElectronicRule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for ElectronicRule {
    fn schema_name() -> Cow<'static, str> {
        "ElectronicRule".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The threshold an electronic vote needs: \"same_as_meetings\" for the rule each decision has at a meeting, a named rule, or a threshold: { at_least = \"3/4\", of = \"votes_cast\" }.",
            "anyOf": [
                { "type": "string", "const": "same_as_meetings", "description": "The rule each decision has at a meeting, and the meeting's quorum." },
                { "type": "string", "const": "majority_cast", "description": "More than half of the votes cast." },
                { "type": "string", "const": "two_thirds_cast", "description": "Two thirds of the votes cast." },
                { "type": "string", "const": "majority_body", "description": "More than half of all voting members." },
                { "type": "string", "const": "two_thirds_body", "description": "Two thirds of all voting members." },
                { "type": "string", "const": "unanimity", "description": "Every voting member." },
                threshold_schema(generator)
            ]
        })
    }
}

/// The schema of a threshold written out: `{ more_than = "1/2", of = "votes_cast" }`.
fn threshold_schema(generator: &mut SchemaGenerator) -> Schema {
    let share = json_schema!({
        "type": "string",
        "pattern": "^\\s*[1-9][0-9]*\\s*/\\s*[1-9][0-9]*\\s*$",
        "description": "A share of the votes between 0 and 1, such as \"1/2\" or \"2/3\"."
    });
    json_schema!({
        "type": "object",
        "properties": {
            "more_than": share.clone(),
            "at_least": share,
            "of": generator.subschema_for::<super::Base>(),
        },
        "required": ["of"],
        "oneOf": [ { "required": ["more_than"] }, { "required": ["at_least"] } ],
        "additionalProperties": false
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PeriodUnit;

    fn parse(value: &str) -> Result<DecisionRule, toml::de::Error> {
        #[derive(Deserialize)]
        struct T {
            rule: DecisionRule,
        }
        toml::from_str::<T>(&format!("rule = {value}")).map(|t| t.rule)
    }

    #[test]
    fn a_rule_is_a_word_or_a_form() {
        assert_eq!(
            parse("\"majority_present\"").unwrap(),
            DecisionRule::Vote(VotingRule::MajorityPresent)
        );
        assert_eq!(
            parse("{ consensus_then = \"two_thirds_present\" }").unwrap(),
            DecisionRule::ConsensusThen(VotingRule::TwoThirdsPresent)
        );
        let week = Period {
            count: 7,
            unit: PeriodUnit::Days,
        };
        assert_eq!(
            parse("{ lazy_consensus = \"7 days\" }").unwrap(),
            DecisionRule::LazyConsensus(Some(week))
        );
        assert_eq!(
            parse("\"lazy_consensus\"").unwrap(),
            DecisionRule::LazyConsensus(None)
        );
    }

    #[test]
    fn a_wrong_form_says_what_would_do() {
        let e = parse("\"most\"").unwrap_err().to_string();
        assert!(e.contains("consensus_then"), "{e}");
        let e = parse("{ consensus_then = \"unanimity\", lazy_consensus = \"7 days\" }")
            .unwrap_err()
            .to_string();
        assert!(e.contains("not both"), "{e}");
        assert!(parse("{ lazy = \"7 days\" }").is_err());
        assert!(parse("{}").unwrap_err().to_string().contains("empty rule"));
    }

    #[test]
    fn only_a_counted_vote_is_a_vote() {
        assert!(DecisionRule::Vote(VotingRule::MajorityBody).counts_votes());
        assert!(DecisionRule::ConsensusThen(VotingRule::MajorityBody).counts_votes());
        assert!(!DecisionRule::Vote(VotingRule::Consensus).counts_votes());
        assert!(!DecisionRule::LazyConsensus(None).counts_votes());
        assert_eq!(DecisionRule::LazyConsensus(None).vote(), None);
    }

    #[test]
    fn a_form_reads_in_words() {
        let rule = DecisionRule::ConsensusThen(VotingRule::TwoThirdsPresent);
        assert_eq!(rule.label(), "Consensus, then two thirds of those present");
        assert_eq!(rule.to_string(), "consensus, then two_thirds_present");
        assert_eq!(
            rule.phrase(),
            "consensus or, if consensus fails, by two thirds of the voting members present"
        );
        let lazy = DecisionRule::LazyConsensus(Some(Period {
            count: 7,
            unit: PeriodUnit::Days,
        }));
        assert_eq!(lazy.label(), "Lazy consensus (7 days)");
        assert_eq!(lazy.to_string(), "lazy consensus within 7 days");
    }
}
