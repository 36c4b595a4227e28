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
    /// Whether this is the metric the gate turns on above all others; at most one per phase.
    #[serde(default)]
    pub primary: bool,
    /// The threshold exactly as the file writes it (`0.80`, not `0.8`), which the loader fills in from the
    /// source: a threshold is a term, and its precision is part of it. Absent for a metric built in code.
    #[serde(skip)]
    #[schemars(skip)]
    pub written: Option<String>,
}

/// Which way a metric's threshold points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// The metric must reach at least the threshold.
    AtLeast,
    /// The metric must not exceed the threshold.
    AtMost,
}

impl Metric {
    /// The one threshold, with the words it was written in: the file's own literal where the loader
    /// recorded it, else the value. `None` when the metric has no threshold or two (E0414 reports both).
    #[must_use]
    pub fn threshold(&self) -> Option<(Bound, String)> {
        let (bound, value) = match (self.at_least, self.at_most) {
            (Some(v), None) => (Bound::AtLeast, v),
            (None, Some(v)) => (Bound::AtMost, v),
            _ => return None,
        };
        Some((
            bound,
            self.written.clone().unwrap_or_else(|| value.to_string()),
        ))
    }

    /// The key its threshold is written under, for the loader.
    #[must_use]
    pub fn threshold_key(&self) -> Option<&'static str> {
        match (self.at_least, self.at_most) {
            (Some(_), None) => Some("at_least"),
            (None, Some(_)) => Some("at_most"),
            _ => None,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::{Bound, Metric};

    fn metric(at_least: Option<f64>, at_most: Option<f64>, written: Option<&str>) -> Metric {
        Metric {
            name: "AUROC".into(),
            at_least,
            at_most,
            unit: None,
            primary: false,
            written: written.map(str::to_owned),
        }
    }

    #[test]
    fn a_threshold_keeps_the_words_it_was_written_in() {
        let m = metric(Some(0.8), None, Some("0.80"));
        assert_eq!(m.threshold(), Some((Bound::AtLeast, "0.80".to_owned())));
        assert_eq!(m.threshold_key(), Some("at_least"));
    }

    #[test]
    fn without_its_words_a_threshold_is_its_value() {
        let m = metric(None, Some(15.0), None);
        assert_eq!(m.threshold(), Some((Bound::AtMost, "15".to_owned())));
    }

    #[test]
    fn no_threshold_or_two_give_none() {
        assert_eq!(metric(None, None, None).threshold(), None);
        assert_eq!(metric(Some(1.0), Some(2.0), None).threshold(), None);
        assert_eq!(metric(Some(1.0), Some(2.0), None).threshold_key(), None);
    }
}
