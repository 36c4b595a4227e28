//! Helpers shared by the unit tests beside each rule module.

use crate::pipeline::check;
use crate::source::Source;

/// The findings of a charter's text, in the order reported: each rule's code with its message.
pub(super) fn findings(text: &str) -> Vec<(&'static str, String)> {
    let source = Source::new("t.toml", text.as_bytes().to_vec());
    check(&source)
        .1
        .into_iter()
        .map(|d| (d.rule.code, d.message))
        .collect()
}

/// The diagnostics of a charter's text, in the order reported, with their labels and hints.
pub(super) fn diagnostics(text: &str) -> Vec<crate::diagnostic::Diagnostic> {
    let source = Source::new("t.toml", text.as_bytes().to_vec());
    check(&source).1
}
