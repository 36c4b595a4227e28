//! The offices of a body besides its chair, and how its seats are held: officers (vice chair, secretary,
//! treasurer) with how they are chosen and for how long, how a vacant seat is filled, how a member is
//! removed, whether members may send alternates, and whether observers attend. Every term is optional:
//! absent, the charter says nothing of it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Period, Tenure, VotingRule};

impl super::Body {
    /// Whether the charter says how the body's seats are filled or its members removed, or whether
    /// alternates or observers attend its meetings: whether the body has a membership clause.
    #[must_use]
    pub fn states_membership(&self) -> bool {
        self.vacancies.is_some()
            || self.removal.as_ref().is_some_and(Removal::states_any)
            || self.alternates.is_some()
            || self.observers.is_some()
    }
}

/// One officer of a body other than its chair.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Officer {
    /// The office: "vice_chair", "secretary" or "treasurer".
    pub role: OfficerRole,
    /// The partner whose representative holds the office; must be a member of the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
    /// A named officer, if the office is held by a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 120))]
    pub person: Option<String>,
    /// How the officer is chosen: "elected" by the body, "appointed", or "ex_officio"; absent, the
    /// charter says nothing of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection: Option<Selection>,
    /// How long the officer serves: a period, or "until_replaced"; absent, the charter says nothing of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<Tenure>,
    /// The most consecutive terms the officer may serve; only with a `term` that is a period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 20))]
    pub term_limit: Option<u32>,
}

/// An office of a body besides the chair.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum OfficerRole {
    /// Stands in for the chair.
    ViceChair,
    /// Keeps the body's papers and minutes.
    Secretary,
    /// Keeps the body's accounts.
    Treasurer,
}

impl OfficerRole {
    /// The office in words, after "the": "vice chair".
    #[must_use]
    pub fn words(self) -> &'static str {
        match self {
            OfficerRole::ViceChair => "vice chair",
            OfficerRole::Secretary => "secretary",
            OfficerRole::Treasurer => "treasurer",
        }
    }
}

/// How an officer comes to hold office.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Selection {
    /// Elected by the body from among its members.
    Elected,
    /// Appointed: by the officer's partner, where the officer is a partner's representative.
    Appointed,
    /// Holds the office by virtue of another position.
    ExOfficio,
}

/// How a vacant seat on a body is filled.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Vacancies {
    /// Who fills it: "appointing_partner", "election", or "chair_interim".
    pub filled_by: VacancyFill,
    /// How soon after the seat falls vacant it is filled (or, for "chair_interim", an interim member
    /// appointed); absent, the charter says nothing of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<Period>,
}

/// Who fills a vacant seat.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum VacancyFill {
    /// The partner whose seat it is appoints a new member.
    AppointingPartner,
    /// The body elects a new member.
    Election,
    /// The chair appoints an interim member until the seat is filled.
    ChairInterim,
}

/// Whether a member may send an alternate to a meeting in their place.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Alternates {
    /// Whether members may send alternates.
    pub allowed: bool,
    /// Whether an alternate votes in the member's place; only where alternates are allowed; absent, the
    /// charter says neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voting: Option<bool>,
}

/// Whether observers (attendees with no vote) attend a body's meetings.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Observers {
    /// "by_invitation", or "not_admitted".
    pub admitted: Admission,
    /// Who invites them: "chair" or "body"; only with "by_invitation"; absent, the charter says nothing
    /// of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited_by: Option<Inviter>,
}

/// Whether observers attend.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Admission {
    /// Observers may attend when invited.
    ByInvitation,
    /// Only members attend.
    NotAdmitted,
}

/// Who invites observers.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Inviter {
    /// The chair of the body.
    Chair,
    /// The body, by a decision.
    Body,
}

/// How a member or officer of a body is removed.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Removal {
    /// Whether the partner that appointed a member may remove them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub appointing_partner: bool,
    /// The rule by which the body may remove a member or officer; absent, the body may not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_decision: Option<VotingRule>,
}

impl Removal {
    /// Whether it states any way of removing a member.
    #[must_use]
    pub fn states_any(&self) -> bool {
        self.appointing_partner || self.by_decision.is_some()
    }
}
