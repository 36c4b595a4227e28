use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Cadence, Period};

/// One flow of data from a provider to one or more recipients.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct DataFlow {
    /// Short id of the flow.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// Name of the flow, e.g. "Retrospective EHR extract".
    #[validate(length(min = 1, max = 120))]
    pub name: String,
    /// The partner that provides the data.
    pub provider: String,
    /// The partners that receive it.
    #[validate(
        length(min = 1, message = "a data flow needs at least one recipient"),
        custom(function = "super::check_ids")
    )]
    #[schemars(inner(regex(pattern = super::ID_PATTERN), length(max = 40)))]
    pub recipients: Vec<String>,
    /// Categories of data, e.g. "vital signs", "laboratory results".
    #[validate(length(min = 1, message = "name at least one category of data"))]
    pub categories: Vec<String>,
    /// How identifiable the data is.
    pub identifiability: Identifiability,
    /// The agreement the flow is made under.
    pub agreement: Agreement,
    /// What the recipients may do with the data.
    #[validate(length(min = 1, message = "state at least one permitted use"))]
    pub permitted_uses: Vec<String>,
    /// What they must never do.
    #[serde(default)]
    pub prohibited_uses: Vec<String>,
    /// Where the data is stored.
    #[validate(length(min = 1))]
    pub storage: String,
    /// Who may access it.
    #[validate(length(min = 1))]
    pub access: String,
    /// How often access rights are reviewed.
    pub access_review: Option<Cadence>,
    /// Training required before access.
    pub training: Option<String>,
    /// How long the recipients keep the data.
    pub retention: Option<Period>,
    /// What happens to the data when its use ends.
    pub end_of_use: EndOfUse,
    /// How soon after the end of use the data is returned or destroyed.
    pub end_within: Option<Period>,
    /// Whether return or destruction is certified in writing.
    #[serde(default)]
    pub certified: bool,
    /// How soon a recipient must notify the provider of a breach.
    pub breach_notification: Option<Period>,
}

/// Tiers of identifiability, from most to least identifiable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Identifiability {
    /// Identified protected health information.
    Identified,
    /// A HIPAA limited data set (no direct identifiers, but dates and places).
    LimitedDataSet,
    /// De-identified by the HIPAA Safe Harbor method.
    DeidentifiedSafeHarbor,
    /// De-identified by HIPAA Expert Determination.
    DeidentifiedExpert,
    /// Aggregate statistics only.
    Aggregate,
}

impl Identifiability {
    /// Higher means more identifiable.
    #[must_use]
    pub fn level(self) -> u8 {
        match self {
            Identifiability::Identified => 4,
            Identifiability::LimitedDataSet => 3,
            Identifiability::DeidentifiedSafeHarbor | Identifiability::DeidentifiedExpert => 2,
            Identifiability::Aggregate => 1,
        }
    }

    /// Whether the data can identify a patient, so that an agreement and breach terms are needed.
    #[must_use]
    pub fn is_identifiable(self) -> bool {
        self.level() >= 3
    }

    /// The tier in plain words.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Identifiability::Identified => "identified health information",
            Identifiability::LimitedDataSet => "a limited data set",
            Identifiability::DeidentifiedSafeHarbor => "de-identified data (Safe Harbor)",
            Identifiability::DeidentifiedExpert => "de-identified data (Expert Determination)",
            Identifiability::Aggregate => "aggregate statistics",
        }
    }
}

/// The agreement under which data flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    /// A data use agreement.
    DataUseAgreement,
    /// A business associate agreement.
    BusinessAssociateAgreement,
    /// A data sharing agreement.
    DataSharingAgreement,
    /// This charter alone.
    CharterOnly,
    /// No agreement.
    None,
}

impl Agreement {
    /// The agreement in plain words.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Agreement::DataUseAgreement => "a data use agreement",
            Agreement::BusinessAssociateAgreement => "a business associate agreement",
            Agreement::DataSharingAgreement => "a data sharing agreement",
            Agreement::CharterOnly => "this charter alone",
            Agreement::None => "no agreement",
        }
    }
}

/// What happens to data when its permitted use ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EndOfUse {
    /// Returned to the provider.
    Return,
    /// Destroyed.
    Destroy,
    /// Returned or destroyed, at the provider's choice.
    ReturnOrDestroy,
    /// Kept by the recipients under the retention terms.
    Retain,
}
