use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Cadence, Date, Period};

/// Term, renewal, termination, withdrawal and survival.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// How long the charter runs from its effective date; give this or `end_date`.
    pub length: Option<Period>,
    /// The last day of the charter; give this or `length`.
    pub end_date: Option<Date>,
    /// What happens at the end of the term.
    pub renewal: Renewal,
    /// Length of each renewal, with `renewal = "automatic"`.
    pub renewal_period: Option<Period>,
    /// Notice needed to terminate by agreement or to stop a renewal.
    pub termination_notice: Period,
    /// Time a partner in breach has to cure it before the others may terminate its participation.
    pub cure_period: Period,
    /// Notice a partner gives to withdraw.
    pub withdrawal_notice: Period,
    /// What happens when a partner withdraws (Markdown): seats, data, licences.
    #[validate(length(min = 1))]
    pub on_withdrawal: String,
    /// Terms that survive the end of the charter or a partner's withdrawal.
    #[serde(default)]
    pub survival: Vec<String>,
}

/// What happens at the end of the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Renewal {
    /// The charter ends.
    None,
    /// It renews for `renewal_period` unless a partner gives notice.
    Automatic,
    /// It renews only if every partner agrees in writing.
    ByAgreement,
}

/// Escalation of disputes between partners.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Disputes {
    /// Steps tried in order, each for a fixed time.
    #[validate(length(min = 1, message = "give at least one escalation step"), nested)]
    pub steps: Vec<DisputeStep>,
    /// What follows when every step fails.
    pub resolution: FinalResolution,
    /// The body, partner or organisation (`[[organisations]]`) that investigates or receives the
    /// dispute, with `resolution = "internal_investigation"` or `"referral"`.
    pub to: Option<String>,
}

/// One step of dispute escalation.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct DisputeStep {
    /// Who tries to resolve it, e.g. "the partners' representatives".
    #[validate(length(min = 1, max = 200))]
    pub by: String,
    /// How long they have.
    pub within: Period,
}

/// The last resort for a dispute: the last step of the ladder, and nothing after it unless it says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FinalResolution {
    /// Non-binding mediation, and nothing the charter states after it.
    Mediation,
    /// Non-binding mediation, then the courts of the governing jurisdiction.
    MediationThenCourts,
    /// Binding arbitration.
    Arbitration,
    /// The courts of the jurisdiction.
    Courts,
    /// An internal investigation by the body, partner or organisation named in `to`.
    InternalInvestigation,
    /// Referral to the body, partner or organisation named in `to`.
    Referral,
}

impl FinalResolution {
    /// Whether the resolution names who it goes to, in `to`.
    #[must_use]
    pub fn needs_recipient(self) -> bool {
        matches!(
            self,
            FinalResolution::InternalInvestigation | FinalResolution::Referral
        )
    }
}

/// Review of the partnership itself.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// How often the partnership is assessed.
    pub cadence: Cadence,
    /// The body that runs the assessment.
    pub by: String,
    /// What is assessed (Markdown).
    #[validate(length(min = 1))]
    pub assessment: String,
    /// How feedback from partners and the people served is gathered and acted on (Markdown).
    #[validate(length(min = 1))]
    pub feedback: String,
    /// How contributions are recognised (Markdown).
    pub recognition: Option<String>,
}
