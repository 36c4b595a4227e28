//! Validation: field rules (through `validator`), references between sections, and cross-field rules.
//! Rules push located diagnostics into one context; none of them stops the others.
//!
//! One module per area of rules; `items` is the table of the items with ids that several of them share,
//! and `exceptions` runs last, on what the others found. Validation sits between loading and rendering:
//! it imports the model, spans and suggestions from loading, the rule catalogue, the diagnostic type and
//! the syntax of cross-references, and nothing from rendering or the commands.

mod access;
mod agreements;
mod classes;
mod clauses;
mod composition;
mod conflicts;
mod consent;
mod data;
mod data_use;
mod during;
mod elements;
mod exceptions;
mod fields;
mod governance;
mod independence;
mod ip;
pub(crate) mod items;
pub mod keys;
mod lambert;
mod leftovers;
mod licences;
mod markup;
mod officers;
mod partners;
mod periods;
mod publication;
mod references;
mod schedule;
mod standing;
mod termination;
mod text;
mod versions;
mod xrefs;

use std::ops::Deref;

use crate::diagnostic::{self, Diagnostic};
use crate::load::{Seg, Spans};
use crate::model::{Charter, Date, Lookup};
use crate::rules::Rule;

/// A charter that passed validation with no errors, with the warnings its accepted exceptions silenced.
/// Only a `Valid` charter can be rendered.
#[derive(Debug, Clone)]
pub struct Valid<T> {
    value: T,
    accepted: Vec<Accepted>,
}

impl<T> Valid<T> {
    /// The findings the charter's accepted exceptions silenced, for the annex of the document.
    #[must_use]
    pub fn accepted(&self) -> &[Accepted] {
        &self.accepted
    }
}

impl<T> Deref for Valid<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// A warning silenced by one of the charter's accepted exceptions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// Index of the exception in `exceptions`.
    pub exception: usize,
    /// The rule that found it.
    pub rule: &'static Rule,
    /// What was found.
    pub message: String,
}

/// What validation found.
#[derive(Debug)]
pub struct Outcome {
    /// The charter, when there were no errors (warnings allowed).
    pub charter: Option<Valid<Charter>>,
    /// Every error and warning that remains, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// The warnings the charter's accepted exceptions silenced.
    pub accepted: Vec<Accepted>,
}

/// Validates a loaded charter.
#[must_use]
pub fn validate(charter: Charter, spans: &Spans<'_>) -> Outcome {
    let mut ctx = Ctx {
        spans,
        out: Vec::new(),
    };
    fields::check(&charter, &mut ctx);
    let index = Lookup::new(&charter);
    references::check(&charter, &index, &mut ctx);
    xrefs::check(&charter, &index, &mut ctx);
    governance::check(&charter, &index, &mut ctx);
    composition::check(&charter, &index, &mut ctx);
    officers::check(&charter, &index, &mut ctx);
    classes::check(&charter, &index, &mut ctx);
    standing::check(&charter, &index, &mut ctx);
    versions::check(&charter, &mut ctx);
    termination::check(&charter, &mut ctx);
    consent::check(&charter, &mut ctx);
    publication::check(&charter, &mut ctx);
    data::check(&charter, &index, &mut ctx);
    agreements::check(&charter, &mut ctx);
    during::check(&charter, &mut ctx);
    data_use::check(&charter, &index, &mut ctx);
    access::check(&charter, &mut ctx);
    elements::check(&charter, &index, &mut ctx);
    ip::check(&charter, &mut ctx);
    lambert::check(&charter, &mut ctx);
    conflicts::check(&charter, &index, &mut ctx);
    independence::check(&charter, &index, &mut ctx);
    partners::check(&charter, &mut ctx);
    keys::check(&charter, &mut ctx);
    schedule::check(&charter, &mut ctx);
    periods::check(&charter, &mut ctx);
    markup::check(&charter, &mut ctx);
    text::check(&charter, &mut ctx);
    leftovers::check(&charter, &mut ctx);
    clauses::check(&charter, &mut ctx);
    diagnostic::sort(&mut ctx.out);
    ctx.out.dedup();
    let accepted = exceptions::apply(&charter, &mut ctx);
    let mut diagnostics = ctx.out;
    diagnostic::sort(&mut diagnostics);
    let charter = if diagnostics.iter().any(Diagnostic::is_error) {
        None
    } else {
        Some(Valid {
            value: charter,
            accepted: accepted.clone(),
        })
    };
    Outcome {
        charter,
        diagnostics,
        accepted,
    }
}

/// Where rules report.
struct Ctx<'a, 's> {
    spans: &'a Spans<'s>,
    out: Vec<Diagnostic>,
}

impl Ctx<'_, '_> {
    /// Reports `rule` at the value found at `path`.
    fn at(
        &mut self,
        rule: &'static Rule,
        path: &[Seg],
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let span = self.spans.span_of(path);
        self.out.push(Diagnostic::new(rule, span, message));
        self.out.last_mut().expect("just pushed")
    }
}

impl Ctx<'_, '_> {
    /// Reports `rule` at a byte span found otherwise than by path (inside a text value).
    fn at_span(
        &mut self,
        rule: &'static Rule,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.out.push(Diagnostic::new(rule, span, message));
        self.out.last_mut().expect("just pushed")
    }
}

/// Sets the label and hint of a diagnostic in place.
trait Annotate {
    fn with(&mut self, label: impl Into<String>, hint: impl Into<String>);
}

impl Annotate for Diagnostic {
    fn with(&mut self, label: impl Into<String>, hint: impl Into<String>) {
        self.label = label.into();
        self.hint = Some(hint.into());
    }
}

/// Ids in quotes, separated by commas, for a hint that lists what may be written.
fn quoted(ids: &[&str]) -> String {
    ids.iter()
        .map(|id| format!("\"{id}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Words in a list: "A", "A and B", "A, B and C".
pub(super) fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

/// The last day of the charter's term, when it has a term stated consistently.
#[must_use]
pub fn term_end(charter: &Charter) -> Option<Date> {
    charter.term_ends()
}

#[cfg(test)]
mod tests;

pub use xrefs::clause_anchors;
