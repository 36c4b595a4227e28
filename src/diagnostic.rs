//! The one diagnostic type every stage reports through, and its printer.
//!
//! Imports the source and the rule catalogue; every stage from [`crate::load`] up reports through it.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, termcolor::WriteColor};

use serde::Serialize;

use crate::rules::{Rule, Severity};
use crate::source::{Source, floor_char_boundary, line_column};

/// A problem found in a charter, located in its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: &'static Rule,
    /// What is wrong, in a sentence.
    pub message: String,
    /// Byte range of the offending text.
    pub span: Range<usize>,
    /// Short text shown under the offending text.
    pub label: String,
    /// What to write instead.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic for `rule` at `span`.
    pub fn new(rule: &'static Rule, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            message: message.into(),
            span,
            label: String::new(),
            hint: None,
        }
    }

    /// Sets the label shown under the offending text.
    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Sets the hint saying what to write instead.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this is an error rather than a warning.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.rule.severity == Severity::Error
    }
}

/// Sorts diagnostics by position, then code, so that output is the same on every run.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule.code, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            b.rule.code,
            &b.message,
        ))
    });
}

/// Writes diagnostics for people: the header, the source line with the offending text underlined, and the
/// hint. Colour is the writer's business.
///
/// # Errors
/// When the writer fails.
pub fn emit_human(
    out: &mut dyn WriteColor,
    source: &Source,
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    if diagnostics.is_empty() {
        // Indexing the lines of the file is most of the cost of printing nothing.
        return Ok(());
    }
    let file = SimpleFile::new(source.name.as_str(), source.text.as_str());
    let config = Config::default();
    for d in diagnostics {
        let severity = match d.rule.severity {
            Severity::Error => codespan_reporting::diagnostic::Severity::Error,
            Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
        };
        let span = clamp_span(&source.text, &d.span);
        let mut report = Report::new(severity)
            .with_code(d.rule.code)
            .with_message(&d.message)
            .with_labels(vec![Label::primary((), span).with_message(&d.label)]);
        if let Some(hint) = &d.hint {
            report = report.with_notes(vec![format!("hint: {hint}")]);
        }
        term::emit_to_write_style(out, &config, &file, &report).map_err(std::io::Error::other)?;
    }
    Ok(())
}

fn clamp_span(text: &str, span: &Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
    start..end
}

/// One line summarising the counts for a file, e.g. `board.toml: 2 errors, 1 warning`, noting how many
/// warnings the charter's accepted exceptions and `--allow` silenced.
#[must_use]
pub fn summary(name: &str, diagnostics: &[Diagnostic], allowed: usize, accepted: usize) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let mut line = if diagnostics.is_empty() {
        format!("{name}: ok")
    } else {
        format!(
            "{name}: {}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    };
    let mut notes = Vec::new();
    if accepted > 0 {
        notes.push(format!(
            "{} accepted by the charter's exceptions",
            plural(accepted, "warning")
        ));
    }
    if allowed > 0 {
        notes.push(format!(
            "{} silenced by --allow",
            plural(allowed, "warning")
        ));
    }
    if !notes.is_empty() {
        line.push_str(&format!(" ({})", notes.join("; ")));
    }
    line
}

/// One line per diagnostic, `file:line:column: severity[CODE]: message (hint: …)`, for editors, grep and
/// snapshot tests. The hint is appended in parentheses so that nothing is lost and every diagnostic stays
/// on one line; line breaks inside a message become spaces.
#[must_use]
pub fn format_short(source: &Source, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let (line, column) = line_column(&source.text, d.span.start);
        out.push_str(&format!(
            "{}:{line}:{column}: {}[{}]: {}",
            source.name,
            d.rule.severity.as_str(),
            d.rule.code,
            one_line(&d.message)
        ));
        if let Some(hint) = &d.hint {
            out.push_str(&format!(" (hint: {})", one_line(hint)));
        }
        out.push('\n');
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One diagnostic as a JSON object.
#[derive(Debug, Serialize)]
struct JsonDiagnostic<'a> {
    /// Always `"diagnostic"`, so that a reader can tell these objects from others on the same stream.
    #[serde(rename = "type")]
    kind: &'static str,
    file: &'a str,
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    span: JsonSpan,
    label: &'a str,
    hint: Option<&'a str>,
}

/// Byte offsets into the file as read, the end exclusive.
#[derive(Debug, Serialize)]
struct JsonSpan {
    start: usize,
    end: usize,
}

/// One JSON object per diagnostic, one per line (JSON Lines): `type` (always `"diagnostic"`), `file`,
/// `code`, `name`, `severity`, `message`, 1-based `line` and `column` (in characters) of the start and
/// `end_line` and `end_column` of the end, `span` (`start` and `end` byte offsets into the file, the end
/// exclusive), `label` and `hint` (`null` when there is none).
#[must_use]
pub fn format_json(source: &Source, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let span = clamp_span(&source.text, &d.span);
        let (line, column) = line_column(&source.text, span.start);
        let (end_line, end_column) = line_column(&source.text, span.end);
        let object = JsonDiagnostic {
            kind: "diagnostic",
            file: &source.name,
            code: d.rule.code,
            name: d.rule.name,
            severity: d.rule.severity.as_str(),
            message: &d.message,
            line,
            column,
            end_line,
            end_column,
            span: JsonSpan {
                start: source.file_offset(span.start),
                end: source.file_offset(span.end),
            },
            label: &d.label,
            hint: d.hint.as_deref(),
        };
        // Serializing a struct of strings and numbers cannot fail.
        out.push_str(&serde_json::to_string(&object).unwrap_or_default());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nb = \"é\" x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // The closing quote after the two-byte é is the 7th character of line 2.
        assert_eq!(line_column(text, 13), (2, 7));
        assert_eq!(line_column(text, 999), (3, 1));
    }

    #[test]
    fn summary_counts_errors_and_warnings() {
        let d = Diagnostic::new(&crate::rules::SYNTAX, 0..1, "x");
        let w = Diagnostic::new(&crate::rules::PHASES_OVERLAP, 0..1, "y");
        assert_eq!(summary("f.toml", &[], 0, 0), "f.toml: ok");
        assert_eq!(
            summary("f.toml", &[d.clone(), d, w], 0, 0),
            "f.toml: 2 errors, 1 warning"
        );
        assert_eq!(
            summary("f.toml", &[], 2, 1),
            "f.toml: ok (1 warning accepted by the charter's exceptions; 2 warnings silenced by --allow)"
        );
    }

    #[test]
    fn short_and_json_formats_give_one_line_per_diagnostic() {
        let source = Source::new("f.toml", b"\xEF\xBB\xBFa = 1\nb = \"\xC3\xA9x\"\n".to_vec());
        let d = Diagnostic::new(&crate::rules::SYNTAX, 13..14, "bad\nthing")
            .label("here")
            .hint("fix (it)");
        assert_eq!(
            format_short(&source, std::slice::from_ref(&d)),
            "f.toml:2:7: error[E0101]: bad thing (hint: fix (it))\n"
        );
        let json = format_json(&source, &[d]);
        assert_eq!(json.lines().count(), 1);
        let value: serde_json::Value = serde_json::from_str(&json).expect("json");
        assert_eq!(value["line"], 2);
        assert_eq!(value["column"], 7);
        // Byte offsets count the byte-order mark, so that they index the file as read.
        assert_eq!(value["span"]["start"], 16);
        assert_eq!(value["hint"], "fix (it)");
    }
}
