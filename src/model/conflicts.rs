use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::Period;

/// Conflict-of-interest terms.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct ConflictTerms {
    /// Who must disclose, e.g. "every member of a governance body".
    #[validate(length(min = 1, message = "say who must disclose"))]
    pub who: Vec<String>,
    /// What must be disclosed (Markdown).
    #[validate(length(min = 1))]
    pub what: String,
    /// Financial interests at or above this amount, in US dollars, must be disclosed.
    pub threshold_usd: Option<u32>,
    /// Whether interests of immediate family count.
    #[serde(default)]
    pub includes_family: bool,
    /// When disclosures are made.
    #[validate(length(min = 1, message = "say when disclosures are made"))]
    pub when: Vec<DisclosureTime>,
    /// How soon a new interest must be disclosed, with `when` including "new_interest".
    pub new_interest_within: Option<Period>,
    /// The body that receives disclosures and manages conflicts.
    pub managed_by: Option<String>,
    /// How conflicts are managed.
    #[serde(default)]
    pub management: Vec<Management>,
    /// Decisions from which a conflicted member must recuse.
    #[serde(default)]
    #[validate(custom(function = "super::check_ids"))]
    #[schemars(inner(regex(pattern = super::ID_PATTERN), length(max = 40)))]
    pub recusal_from: Vec<String>,
    /// Conflicts already known when the charter is signed.
    #[serde(default)]
    #[validate(nested)]
    pub declared: Vec<DeclaredConflict>,
}

/// When disclosures are made.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum DisclosureTime {
    /// On joining the partnership or a body.
    OnJoining,
    /// When a new interest arises.
    NewInterest,
    /// Every year.
    Annually,
    /// At the start of each meeting.
    EachMeeting,
}

/// Ways of managing a conflict.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Management {
    /// Disclosure to the body and in the minutes.
    Disclosure,
    /// Leaving the discussion and the vote.
    Recusal,
    /// Oversight by an independent monitor.
    IndependentMonitor,
    /// Giving up the interest.
    Divestiture,
}

impl Management {
    /// The measure in plain words.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Management::Disclosure => "disclosure recorded in the minutes",
            Management::Recusal => "recusal from discussion and vote",
            Management::IndependentMonitor => "oversight by an independent monitor",
            Management::Divestiture => "divestiture of the interest",
        }
    }
}

/// A conflict known when the charter is signed.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct DeclaredConflict {
    /// Short id of the conflict.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// The partner concerned.
    pub partner: String,
    /// The person concerned, if it is a person's interest.
    pub person: Option<String>,
    /// The interest, e.g. "holds equity in the sponsor".
    #[validate(length(min = 1))]
    pub interest: String,
    /// Decisions the conflict affects.
    #[validate(
        length(min = 1, message = "say which decisions the conflict affects"),
        custom(function = "super::check_ids")
    )]
    #[schemars(inner(regex(pattern = super::ID_PATTERN), length(max = 40)))]
    pub affects: Vec<String>,
    /// How it is managed.
    #[validate(length(min = 1, message = "say how the conflict is managed"))]
    pub management: Vec<Management>,
}
