//! The check policy of a run: which warnings `--allow` silences and whether `--deny-warnings` fails on the
//! rest, applied to one source's findings. Imports the pipeline ([`crate::pipeline`]), the rule catalogue
//! and the command-line types; the commands import it.

use crate::cli::DiagnosticArgs;
use crate::coverage::Coverage;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::model::Charter;
use crate::pipeline;
use crate::rules::{self, Rule, Severity};
use crate::source::Source;
use crate::validate::{Outcome, Valid};

/// What a run does with the diagnostics it finds: the warnings `--allow` silences, and whether the
/// warnings that remain fail the run.
#[derive(Debug, Default)]
pub struct Policy {
    allow: Vec<&'static Rule>,
    deny_warnings: bool,
}

impl Policy {
    /// The policy the command line asks for.
    ///
    /// # Errors
    /// When `--allow` names no rule, or an error (errors cannot be silenced).
    pub fn from_args(args: &DiagnosticArgs) -> Result<Self, Error> {
        let mut allow = Vec::new();
        for code in &args.allow {
            let rule = rules::find(code).ok_or_else(|| Error::unknown_rule(code))?;
            if rule.severity == Severity::Error {
                return Err(Error::CannotAllowError {
                    code: rule.code,
                    name: rule.name,
                });
            }
            allow.push(rule);
        }
        Ok(Policy {
            allow,
            deny_warnings: args.deny_warnings,
        })
    }
}

/// One source after checking, with the run's policy applied.
#[derive(Debug)]
pub struct Checked {
    /// The charter, when it has no errors.
    pub valid: Option<Valid<Charter>>,
    /// The diagnostics that remain after `--allow`.
    pub diagnostics: Vec<Diagnostic>,
    /// How many warnings `--allow` silenced.
    pub allowed: usize,
    /// How many warnings the charter's accepted exceptions silenced.
    pub accepted: usize,
    /// Whether the run fails on this source: an error, or a warning under `--deny-warnings`.
    pub fails: bool,
    /// The governance areas it covers, when it could be read into the model.
    pub coverage: Option<Coverage>,
}

/// Loads and validates one source, and applies the run's policy.
#[must_use]
pub fn check_with(source: &Source, policy: &Policy) -> Checked {
    let (
        Outcome {
            charter: valid,
            mut diagnostics,
            accepted,
        },
        coverage,
    ) = pipeline::outcome_and_coverage(source);
    let before = diagnostics.len();
    diagnostics.retain(|d| !policy.allow.contains(&d.rule));
    let allowed = before - diagnostics.len();
    let fails = diagnostics
        .iter()
        .any(|d| d.is_error() || policy.deny_warnings);
    Checked {
        valid,
        diagnostics,
        allowed,
        accepted: accepted.len(),
        fails,
        coverage,
    }
}
