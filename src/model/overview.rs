use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::Date;

/// What the partnership is, why it exists and what it covers.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Overview {
    /// Short id of the charter, used in file names and event identifiers.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// Title as it heads the document.
    #[validate(length(min = 1, max = 200))]
    pub title: String,
    /// Version of this charter text, e.g. "1.0" or "2026-03 draft".
    #[validate(length(min = 1, max = 40))]
    pub version: String,
    /// Date the charter takes effect.
    pub effective_date: Date,
    /// Governing law, e.g. "State of Minnesota, United States".
    #[validate(length(min = 1))]
    pub jurisdiction: String,
    /// Why the partnership exists (Markdown).
    #[validate(length(min = 1))]
    pub purpose: String,
    /// Common goals the partners commit to.
    #[validate(length(min = 1, message = "state at least one common goal"))]
    pub goals: Vec<String>,
    /// What the partnership covers (Markdown).
    #[validate(length(min = 1))]
    pub scope: String,
    /// What it deliberately does not cover.
    #[serde(default)]
    pub non_goals: Vec<String>,
}
