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
    /// The grounds on which the charter, or a partner's participation, may be ended before the term
    /// ends. Absent: the grounds the other keys imply, by agreement with `termination_notice` and for
    /// breach with `cure_period`; an empty list: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination: Option<Vec<Termination>>,
    /// Notice needed to terminate by agreement or for convenience, or to stop a renewal.
    pub termination_notice: Option<Period>,
    /// Time a partner in breach has to cure it before the others may terminate its participation.
    pub cure_period: Option<Period>,
    /// Notice a partner gives to withdraw.
    pub withdrawal_notice: Option<Period>,
    /// What happens when a partner withdraws (Markdown): seats, data, licences.
    #[validate(length(min = 1))]
    pub on_withdrawal: Option<String>,
    /// Terms that survive the end of the charter or a partner's withdrawal.
    #[serde(default)]
    pub survival: Vec<String>,
}

/// A ground on which the charter, or a partner's participation in it, may be ended before its term
/// ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Termination {
    /// The partners together end the charter by written agreement, on `termination_notice`.
    ByAgreement,
    /// The other partners end the participation of a partner in breach that does not cure it within
    /// `cure_period`.
    ForBreach,
    /// Any partner ends the charter, for any reason, on `termination_notice`.
    ForConvenience,
    /// The other partners end the participation of a partner that becomes insolvent.
    ForInsolvency,
}

impl Term {
    /// The grounds for ending the charter early: those stated in `termination`, or, where it is absent,
    /// those its keys imply (by agreement where `termination_notice` is given, for breach where
    /// `cure_period` is), in the order the charter states them.
    #[must_use]
    pub fn termination_grounds(&self) -> Vec<Termination> {
        match &self.termination {
            Some(grounds) => grounds.clone(),
            None => [
                self.termination_notice.map(|_| Termination::ByAgreement),
                self.cure_period.map(|_| Termination::ForBreach),
            ]
            .into_iter()
            .flatten()
            .collect(),
        }
    }

    /// Whether the charter says anything on ending it early: a `termination` list, even an empty one,
    /// or a key that implies a ground.
    #[must_use]
    pub fn states_termination(&self) -> bool {
        self.termination.is_some() || !self.termination_grounds().is_empty()
    }

    /// Whether the charter says anything on a partner's withdrawal.
    #[must_use]
    pub fn states_withdrawal(&self) -> bool {
        self.withdrawal_notice.is_some() || self.on_withdrawal.is_some()
    }
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

#[cfg(test)]
mod tests {
    use super::{Term, Termination};

    fn term(keys: &str) -> Term {
        toml::from_str(&format!("length = \"1 year\"\nrenewal = \"none\"\n{keys}")).expect("a term")
    }

    #[test]
    fn without_a_list_the_keys_imply_the_grounds() {
        assert_eq!(
            term("termination_notice = \"90 days\"\ncure_period = \"30 days\"")
                .termination_grounds(),
            [Termination::ByAgreement, Termination::ForBreach]
        );
        assert_eq!(
            term("cure_period = \"30 days\"").termination_grounds(),
            [Termination::ForBreach]
        );
        let silent = term("");
        assert!(silent.termination_grounds().is_empty());
        assert!(!silent.states_termination());
        assert!(!silent.states_withdrawal());
    }

    #[test]
    fn a_list_states_the_grounds_in_its_order_even_when_empty() {
        let listed = term(
            "termination = [\"for_insolvency\", \"by_agreement\"]\ntermination_notice = \"90 days\"\ncure_period = \"30 days\"",
        );
        assert_eq!(
            listed.termination_grounds(),
            [Termination::ForInsolvency, Termination::ByAgreement]
        );
        let none = term("termination = []\ntermination_notice = \"90 days\"");
        assert!(none.termination_grounds().is_empty());
        assert!(none.states_termination());
        assert!(term("on_withdrawal = \"Seats lapse.\"").states_withdrawal());
    }
}
