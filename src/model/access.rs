//! Data access governance, as a data access committee's terms of reference state it: who may apply for
//! access (the partners' researchers, researchers who are not partners), the decision that approves each
//! request, the secure research environment the data never leaves, the decision that approves each
//! output before it leaves, an embargo on publishing an output, and which partners are the controllers
//! and processors of the data. Every term is optional; the charter says only what is stated.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::Period;

/// How researchers gain access to the partnership's data, and what may leave it.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct DataAccess {
    /// Who may apply for access: `"partners"` (researchers of the partners), `"non_partners"`
    /// (researchers at organisations that are not partners), or both.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applicants: Vec<Applicant>,
    /// The agreement an applicant who is not a partner signs before access, e.g. "the Data Access
    /// Agreement"; the charter does not bind them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 200))]
    pub applicant_agreement: Option<String>,
    /// The decision (an id of `[[decisions]]`) that approves, or declines, each access request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<String>,
    /// The secure research environment that approved researchers use the data in, and never outside.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub environment: Option<Environment>,
    /// The decision (an id of `[[decisions]]`) that approves each output before it leaves the
    /// environment, or before it is released.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outputs: Option<String>,
    /// How long after an output is approved for release it may not be published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embargo: Option<Period>,
    /// The partners that decide why and how the data is processed: the controllers (UK and EU GDPR).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controllers: Vec<String>,
    /// The partners that process the data only on a controller's instructions: the processors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub processors: Vec<String>,
}

/// Who may apply for access to the data.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Applicant {
    /// Researchers of the partners.
    Partners,
    /// Researchers at organisations that are not partners.
    NonPartners,
}

/// A secure research environment (a trusted research environment, a data safe haven).
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    /// Its name as the charter writes it, e.g. "the Cobalt trusted research environment".
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// The partner that operates it; absent, the charter names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
}

impl DataAccess {
    /// Whether researchers who are not partners may apply.
    #[must_use]
    pub fn admits_non_partners(&self) -> bool {
        self.applicants.contains(&Applicant::NonPartners)
    }
}
