//! The library's entry point: one source loaded and validated, with its coverage. What the command line
//! adds on top (`--allow`, `--deny-warnings`) lives in [`crate::policy`]. Imports the pipeline's stages
//! ([`crate::load`], [`crate::validate`], [`crate::coverage`]) and nothing above them.

use crate::coverage::{self, Coverage};
use crate::diagnostic::{self, Diagnostic};
use crate::load;
use crate::model::Charter;
use crate::source::Source;
use crate::validate::{self, Outcome, Valid};

/// Loads and validates one source.
#[must_use]
pub fn check(source: &Source) -> (Option<Valid<Charter>>, Vec<Diagnostic>) {
    let outcome = outcome(source);
    (outcome.charter, outcome.diagnostics)
}

/// Loads and validates one source, keeping the findings its accepted exceptions silenced.
#[must_use]
pub fn outcome(source: &Source) -> Outcome {
    outcome_and_coverage(source).0
}

/// Loads and validates one source, and works out its coverage when it could be read into the model
/// (errors or not).
#[must_use]
pub fn outcome_and_coverage(source: &Source) -> (Outcome, Option<Coverage>) {
    match load::parse(source) {
        Ok((mut charter, spans)) => {
            let rosters = load::read_rosters(&mut charter, source, &spans);
            let coverage = coverage::coverage(&charter);
            let mut outcome = validate::validate(charter, &spans);
            if !rosters.is_empty() {
                outcome.diagnostics.extend(rosters);
                diagnostic::sort(&mut outcome.diagnostics);
                outcome.charter = None;
            }
            (outcome, Some(coverage))
        }
        Err(mut diagnostics) => {
            diagnostic::sort(&mut diagnostics);
            let outcome = Outcome {
                charter: None,
                diagnostics,
                accepted: Vec::new(),
            };
            (outcome, None)
        }
    }
}
