use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{
    Access, Alternates, Composition, DecisionRule, Extraordinary, MeetingCadence, Observers,
    Officer, PartnerKind, Period, Quorum, Removal, Selection, Tenure, Threshold, Vacancies,
};

/// A board, committee or working group.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// Short id used to refer to the body.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// Name as it appears in the charter.
    #[validate(length(min = 1, max = 120))]
    pub name: String,
    /// What the body is for (Markdown).
    #[validate(length(min = 1))]
    pub mandate: String,
    /// Whether its decisions bind the partners or only advise them.
    pub authority: Authority,
    /// Who sits on it.
    #[validate(length(min = 1, message = "a body needs at least one member"), nested)]
    pub members: Vec<Member>,
    /// The composition the body must keep: at least so many voting members, a cap on any one partner's
    /// seats, and named groups of members with their seats and part in the quorum; absent, the charter
    /// states none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub composition: Option<Composition>,
    /// Who chairs it and for how long; absent, the body has no chair and the charter says nothing of one.
    #[validate(nested)]
    pub chair: Option<Chair>,
    /// Its officers besides the chair (vice chair, secretary, treasurer), each with how it is chosen and
    /// for how long; absent, the charter names none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(nested)]
    pub officers: Vec<Officer>,
    /// How long a member serves, if terms are fixed.
    pub member_term: Option<Period>,
    /// Whether member terms are staggered so that not all seats turn over at once.
    #[serde(default)]
    pub staggered_terms: bool,
    /// How a vacant seat is filled, and how soon; absent, the charter says nothing of vacancies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub vacancies: Option<Vacancies>,
    /// How a member or officer is removed; absent, the charter says nothing of removal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub removal: Option<Removal>,
    /// Whether a member may send an alternate in their place, and whether the alternate votes; absent,
    /// the charter says nothing of alternates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub alternates: Option<Alternates>,
    /// Whether observers attend its meetings, and on whose invitation; absent, the charter says nothing
    /// of observers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub observers: Option<Observers>,
    /// How many voting members must be present to decide.
    pub quorum: Quorum,
    /// When and how it meets.
    #[validate(nested)]
    pub meetings: Meetings,
}

/// Whether a body decides or advises.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    /// Its decisions bind the partners.
    Binding,
    /// It makes recommendations only.
    Advisory,
}

/// One seat-holder on a body: a partner, a named person (with or without a partner affiliation), or a
/// class of members, each member of which holds `seats` seats.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The partner that holds the seats, or that the person is affiliated with.
    pub partner: Option<String>,
    /// A class of `[[membership_classes]]`: every member of the class holds `seats` seats, and the
    /// entry counts as many seats as that times the members of the class; not with `partner` or `person`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    /// A named person, for independent members or named appointments.
    #[validate(length(min = 1, max = 120))]
    pub person: Option<String>,
    /// The member's role on the body, e.g. "patient representative".
    pub role: Option<String>,
    /// Number of seats (for a class, of each member of the class); one unless stated.
    #[serde(default = "one")]
    #[validate(range(min = 1, max = 50))]
    pub seats: u32,
    /// Whether the seats vote; defaults to the partner's `voting`, or true for independent members and
    /// classes.
    pub voting: Option<bool>,
    /// How the member comes to sit: "appointed" (by its partner, where it has one), "elected" by the
    /// body, or "ex_officio"; absent, the charter says nothing of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection: Option<Selection>,
}

fn one() -> u32 {
    1
}

/// The chair of a body.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Chair {
    /// The partner whose representative chairs; must be a member.
    pub partner: Option<String>,
    /// A named chair, if the chair is a person.
    pub person: Option<String>,
    /// How long the chair serves: a period, or "until_replaced"; absent, the charter says nothing of it.
    pub term: Option<Tenure>,
    /// Whether the chair may serve again; absent, the charter says neither.
    pub renewable: Option<bool>,
    /// The most consecutive terms the chair may serve; only with a `term` that is a period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 20))]
    pub term_limit: Option<u32>,
    /// Whether the chair holds a casting vote on a tie.
    #[serde(default)]
    pub casting_vote: bool,
}

/// When and how a body meets.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Meetings {
    /// How often it meets: a cadence, "as_needed", or `{ at_least = 1, per = "year" }`.
    pub cadence: MeetingCadence,
    /// Notice of a meeting.
    pub notice: Period,
    /// How far ahead papers are circulated.
    pub papers: Option<Period>,
    /// How soon after a meeting draft minutes are circulated.
    pub minutes: Period,
    /// Whether votes may be taken electronically between meetings, and by which rule; absent, the
    /// charter says nothing of electronic votes.
    #[validate(nested)]
    pub electronic: Option<ElectronicVotes>,
    /// Whether members may attend remotely, or must attend in person; absent, the charter says neither.
    pub remote_attendance: Option<bool>,
    /// Whether the meetings are open or closed to the public; absent, the charter says neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<Access>,
    /// Extraordinary meetings called on request: who may request one, and on what notice; absent, the
    /// charter says nothing of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub extraordinary: Option<Extraordinary>,
    /// Whether each vote at its meetings is recorded in the minutes with each member's name; absent or
    /// false, the charter says nothing of it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub roll_call: bool,
}

/// Votes taken electronically between meetings: the rule they pass by, and optionally how many must vote
/// and how long a vote stays open.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct ElectronicVotes {
    /// The threshold an electronic vote needs, or "same_as_meetings" for the rule each decision has at
    /// a meeting.
    pub rule: ElectronicRule,
    /// How many voting members must vote for an electronic vote to count.
    pub quorum: Option<Quorum>,
    /// How long members have to vote once a vote is opened.
    pub deadline: Option<Period>,
}

/// The threshold of an electronic vote: a named rule, or a threshold written out (`{ at_least = "3/4", of
/// = "votes_cast" }`). Parsed and written in [`super::voting`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ElectronicRule {
    /// The rule each decision has at a meeting, and the meeting's quorum.
    SameAsMeetings,
    /// More than half of the votes cast.
    MajorityCast,
    /// Two thirds of the votes cast.
    TwoThirdsCast,
    /// More than half of all voting members.
    MajorityBody,
    /// Two thirds of all voting members.
    TwoThirdsBody,
    /// Every voting member.
    Unanimity,
    /// A share of a base, exceeded or reached, as the charter writes it.
    Share(Threshold),
}

impl ElectronicRule {
    /// The arithmetic of the electronic vote; none for the rules of a meeting, which each decision's
    /// own rule gives.
    #[must_use]
    pub fn threshold(self) -> Option<Threshold> {
        match self {
            ElectronicRule::SameAsMeetings => None,
            ElectronicRule::MajorityCast => Some(Threshold::more_than(
                super::VoteShare::HALF,
                super::Base::VotesCast,
            )),
            ElectronicRule::TwoThirdsCast => Some(Threshold::at_least(
                super::VoteShare::TWO_THIRDS,
                super::Base::VotesCast,
            )),
            ElectronicRule::MajorityBody => VotingRule::MajorityBody.threshold(),
            ElectronicRule::TwoThirdsBody => VotingRule::TwoThirdsBody.threshold(),
            ElectronicRule::Unanimity => VotingRule::Unanimity.threshold(),
            ElectronicRule::Share(t) => Some(t),
        }
    }

    /// The threshold in plain words, after "passes with" (a meeting's words where the thresholds are the
    /// same); none for the rules of a meeting.
    #[must_use]
    pub fn phrase(self) -> Option<std::borrow::Cow<'static, str>> {
        match self {
            ElectronicRule::SameAsMeetings => None,
            ElectronicRule::MajorityCast => Some("more than half of the votes cast".into()),
            ElectronicRule::TwoThirdsCast => Some("two thirds of the votes cast".into()),
            ElectronicRule::MajorityBody => Some("a majority of all voting members".into()),
            ElectronicRule::TwoThirdsBody => Some("two thirds of all voting members".into()),
            ElectronicRule::Unanimity => Some("unanimity of all voting members".into()),
            ElectronicRule::Share(t) => Some(t.phrase().into()),
        }
    }
}

/// One kind of decision and who takes it.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Short id used to refer to the decision (for example from conflict-of-interest recusals).
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// The matter decided, e.g. "Approve changes to the validation protocol".
    #[validate(length(min = 1, max = 200))]
    pub matter: String,
    /// The body that decides.
    pub body: String,
    /// The voting rule: a rule such as "majority_present", `{ consensus_then = "<rule>" }` or
    /// `{ lazy_consensus = "7 days" }`.
    pub rule: DecisionRule,
    /// Whether each member's vote on this decision is recorded by name in the minutes; absent or false,
    /// the charter says nothing of it (the body's meetings may still record every vote).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub roll_call: bool,
    /// Partners or bodies that must be consulted first.
    #[serde(default)]
    #[validate(custom(function = "super::check_ids"))]
    #[schemars(inner(regex(pattern = super::ID_PATTERN), length(max = 40)))]
    pub consult: Vec<String>,
    /// Where a deadlock or tie goes: a body, a partner, or an organisation of `[[organisations]]`.
    pub escalation: Option<String>,
    /// The partners the decision concerns (their product, their performance, their own obligations):
    /// none of them may decide it alone by a voting majority or a casting vote.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(custom(function = "super::check_ids"))]
    #[schemars(inner(regex(pattern = super::ID_PATTERN), length(max = 40)))]
    pub concerns: Vec<String>,
    /// How long an approval under this decision lasts before the body must renew it, e.g. "1 year" for
    /// a data access committee that approves each project for a year; absent, approvals do not lapse.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_lasts: Option<Period>,
    /// Partners whose written consent the decision needs as well as the body's rule: named partners,
    /// or every partner of some kinds (every hospital). Only they can block it; no one else gains a
    /// veto.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub consent_of: Option<Consent>,
}

/// The partners whose consent a decision needs besides the body's rule.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// Partners named by id.
    #[serde(default)]
    #[validate(custom(function = "super::check_ids"))]
    #[schemars(inner(regex(pattern = super::ID_PATTERN), length(max = 40)))]
    pub partners: Vec<String>,
    /// Every partner of these kinds, as the partners are at the time of the decision.
    #[serde(default)]
    pub kinds: Vec<PartnerKind>,
}

impl super::Charter {
    /// The partners whose consent a decision needs, in the order of `[[partners]]`: those named and
    /// those of the kinds named, leaving out partners that have withdrawn.
    #[must_use]
    pub fn consenting(&self, d: &Decision) -> Vec<&super::Partner> {
        let Some(consent) = &d.consent_of else {
            return Vec::new();
        };
        self.partners
            .iter()
            .filter(|p| p.withdrawn.is_none())
            .filter(|p| consent.partners.contains(&p.id) || consent.kinds.contains(&p.kind))
            .collect()
    }
}

/// How a body reaches a decision: a named rule, or a threshold written out
/// (`{ more_than = "1/2", of = "votes_cast" }`). Parsed, written and counted in [`super::voting`] and
/// [`super::threshold`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VotingRule {
    /// More than half of the voting members present.
    MajorityPresent,
    /// More than half of all voting members.
    MajorityBody,
    /// Two thirds of the voting members present.
    TwoThirdsPresent,
    /// Two thirds of all voting members.
    TwoThirdsBody,
    /// Every voting member.
    Unanimity,
    /// General agreement with no formal objection.
    Consensus,
    /// A share of a base, exceeded or reached, as the charter writes it.
    Share(Threshold),
}

/// How the charter itself is amended.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    /// The body that approves amendments.
    pub body: String,
    /// The voting rule for amendments, in any form a decision's rule takes.
    pub rule: DecisionRule,
    /// Notice of a proposed amendment before the vote.
    pub notice: Period,
    /// Whether every partner must also sign the amended charter.
    #[serde(default)]
    pub signed_by_all: bool,
}
