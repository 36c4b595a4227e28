//! The version history: each version of the document the partners (or the adopting body) agreed, when
//! it was adopted, by which decision, and what it changed.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::values::Date;

/// One version of the document in its history, oldest first.
#[derive(Debug, Clone, Deserialize, JsonSchema, Serialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct VersionRecord {
    /// The version's number as `[charter] version` wrote it then, e.g. "1.0".
    #[validate(length(min = 1, max = 40))]
    pub version: String,
    /// The date this version was adopted (signed by the partners, or decided by the body).
    pub adopted: Date,
    /// The decision it was adopted by (an id of `[[decisions]]`); absent, the history names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// What this version changed, in one line, e.g. "Adds the pilot phase and its data flow."
    #[validate(length(min = 1, max = 200))]
    pub summary: String,
}

impl super::Charter {
    /// The date the term runs from: the date the first version took effect when the charter states it
    /// (`original_effective_date`), else the date this version takes effect.
    #[must_use]
    pub fn term_starts(&self) -> Option<Date> {
        self.charter
            .original_effective_date
            .or_else(|| self.takes_effect())
    }

    /// The last day of the term, when the term is stated consistently: its `length` from the day it
    /// runs from, or its `end_date`.
    #[must_use]
    pub fn term_ends(&self) -> Option<Date> {
        let term = self.term.as_ref()?;
        match (&term.length, &term.end_date) {
            (Some(length), None) => Some(length.after(self.term_starts()?).add_days(-1)),
            (None, Some(end)) => Some(*end),
            _ => None,
        }
    }
}
