use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{Cadence, Date, Period};

/// A phase of the work, ending in a go/no-go gate.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// Short id of the phase.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// Name, e.g. "Silent pilot".
    #[validate(length(min = 1, max = 120))]
    pub name: String,
    /// What happens in the phase (Markdown).
    #[validate(length(min = 1))]
    pub description: String,
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// The partner or body that takes the go/no-go decision.
    pub gate_owner: String,
    /// What the gate decides, e.g. "whether to start the silent pilot".
    #[validate(length(min = 1))]
    pub gate: String,
    /// Success metrics the gate judges.
    #[serde(default)]
    #[validate(nested)]
    pub metrics: Vec<Metric>,
}

/// A success metric with a threshold.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    /// What is measured, e.g. "AUROC at each site".
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// The metric must reach at least this value.
    pub at_least: Option<f64>,
    /// The metric must not exceed this value.
    pub at_most: Option<f64>,
    /// Unit, e.g. "%".
    pub unit: Option<String>,
}

/// Something a partner or body must do.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    /// Short id of the obligation.
    #[validate(custom(function = "super::check_id"))]
    #[schemars(regex(pattern = super::ID_PATTERN), length(max = 40))]
    pub id: String,
    /// The partner or body that must act.
    pub owner: String,
    /// What must be done.
    #[validate(length(min = 1, max = 300))]
    pub action: String,
    /// A fixed due date.
    pub due: Option<Date>,
    /// How often it recurs.
    pub cadence: Option<Cadence>,
    /// Evidence that it was done, e.g. "report filed with the board minutes".
    #[validate(length(min = 1))]
    pub evidence: String,
    /// With `within`: the event the period runs from, e.g. "a model change".
    pub after: Option<String>,
    /// How soon after `after` it is due.
    pub within: Option<Period>,
}
