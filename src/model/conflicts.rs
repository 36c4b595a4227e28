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
    /// Decisions from which a conflicted member must recuse: from the discussion and the vote under
    /// "recusal", from the vote only under "recusal_from_vote".
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
    /// As and when a conflict arises.
    AsAndWhen,
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
    /// Leaving the vote only, while taking part in the discussion.
    RecusalFromVote,
    /// The chair of the body that manages conflicts decides, case by case, how each is managed.
    ChairDecides,
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
            Management::RecusalFromVote => "recusal from the vote only",
            Management::ChairDecides => "the chair's decision, case by case",
            Management::IndependentMonitor => "oversight by an independent monitor",
            Management::Divestiture => "divestiture of the interest",
        }
    }

    /// Whether the measure takes a conflicted member out of the vote: recusal from discussion and vote,
    /// or from the vote only.
    #[must_use]
    pub fn recuses(self) -> bool {
        matches!(self, Management::Recusal | Management::RecusalFromVote)
    }
}

/// The form of recusal a list of measures names, if any: from the discussion and the vote, or from the
/// vote only. Both at once is contradictory (E0458) and reads as the stricter.
#[must_use]
pub fn recusal(measures: &[Management]) -> Option<Management> {
    if measures.contains(&Management::Recusal) {
        Some(Management::Recusal)
    } else if measures.contains(&Management::RecusalFromVote) {
        Some(Management::RecusalFromVote)
    } else {
        None
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
    /// The partner concerned; absent for an independent member, a person who sits on a body for no
    /// partner, named by `person`.
    pub partner: Option<String>,
    /// The person concerned, if it is a person's interest: a partner's representative, or, without
    /// `partner`, an independent member of a body.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn either_form_of_recusal_recuses() {
        assert!(Management::Recusal.recuses());
        assert!(Management::RecusalFromVote.recuses());
        assert!(!Management::ChairDecides.recuses());
        assert_eq!(
            recusal(&[Management::Disclosure, Management::RecusalFromVote]),
            Some(Management::RecusalFromVote)
        );
        assert_eq!(recusal(&[Management::Disclosure]), None);
    }
}
