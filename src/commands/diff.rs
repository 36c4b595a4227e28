//! `charter diff`: what changed between two versions.

use std::path::Path;

use crate::cli::MessageFormat;
use crate::cli::{DiffArgs, DiffFormat};
use crate::diff::{self, Format, Options, Side};
use crate::error::Error;
use crate::exit::Exit;
use crate::hidden::escape_terminal;
use crate::input::read_source;
use crate::output::Destination;
use crate::policy::{Checked, Policy, check_with};
use crate::render::{self, Templates};
use crate::source::Source;
use crate::ui::Ui;

pub(crate) fn run(args: &DiffArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let destination = Destination::new(&args.out, &[&args.old, &args.new])?;
    // The two sides are read and checked, and later laid out, at the same time: a large charter takes a
    // good part of the run to check. An error in the old side is reported first, as before.
    let (old, new) = rayon::join(|| Input::read(&args.old), || Input::read(&args.new));
    let (mut old, mut new) = (old?, new?);
    if args.format == DiffFormat::Text {
        // The text report is for a terminal: names and rendered inputs are escaped before they are
        // compared, so that the report can carry its own colours and nothing else.
        old.escape_for_terminal();
        new.escape_for_terminal();
    }
    if old.is_charter() != new.is_charter() {
        return Err(Error::Usage(
            "compare two charters (.toml) or two rendered Markdown documents (.md), not one of each".into(),
        ));
    }
    let mut invalid = false;
    for input in [&old, &new] {
        if let Input::Charter { source, checked } = input
            && checked.valid.is_none()
        {
            ui.diagnostics(source, &checked.diagnostics, MessageFormat::Human, false)?;
            ui.summary(source, checked);
            invalid = true;
        }
    }
    if invalid {
        ui.note("not compared: fix the errors above first");
        return Ok(Exit::Failure);
    }
    let format = match args.format {
        DiffFormat::Text => Format::Text,
        DiffFormat::Md => Format::Md,
        DiffFormat::Html => Format::Html,
        DiffFormat::Json => Format::Json,
    };
    let to_stdout = args
        .out
        .output
        .as_deref()
        .is_none_or(|p| p == Path::new("-"));
    let options = Options {
        format,
        rendered: args.rendered,
        color: format == Format::Text && ui.color_stdout(to_stdout),
    };
    let markdown = diff::needs_markdown(&options, old.is_charter() && new.is_charter());
    let (old_side, new_side) = rayon::join(|| old.side(markdown), || new.side(markdown));
    let outcome = diff::diff(&old_side?, &new_side?, options);
    let report = if format == Format::Text {
        escape_report(&outcome.report, options.color)
    } else {
        outcome.report
    };
    destination.write(report.as_bytes())?;
    Ok(if outcome.different {
        Exit::Invalid
    } else {
        Exit::Success
    })
}

/// The text report with every hidden character made visible, except the escape character of its own
/// colours when it is coloured: the inputs were escaped before the comparison, and a valid charter has
/// no control character in it, so every escape character left is one of the report's colour sequences.
fn escape_report(report: &str, color: bool) -> String {
    let mut out = String::with_capacity(report.len());
    for piece in report.split_inclusive('\u{1b}') {
        match piece.strip_suffix('\u{1b}') {
            Some(text) if color => {
                out.push_str(&escape_terminal(text));
                out.push('\u{1b}');
            }
            _ => out.push_str(&escape_terminal(piece)),
        }
    }
    out
}

enum Input {
    Charter {
        source: Source,
        checked: Box<Checked>,
    },
    Rendered(Source),
}

impl Input {
    fn read(path: &Path) -> Result<Input, Error> {
        let source = read_source(path)?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        Ok(match ext.as_str() {
            "md" | "markdown" => Input::Rendered(source),
            "html" | "htm" => {
                return Err(Error::Usage(format!(
                    "{}: compare rendered Markdown (.md) or the charters themselves; HTML is not compared",
                    path.display()
                )));
            }
            _ => {
                let checked = Box::new(check_with(&source, &Policy::default()));
                Input::Charter { source, checked }
            }
        })
    }

    /// Escapes the name, and the text of a rendered document, for a report printed to a terminal.
    fn escape_for_terminal(&mut self) {
        let source = match self {
            Input::Charter { source, .. } => source,
            Input::Rendered(source) => {
                source.text = escape_terminal(&source.text).into_owned();
                source
            }
        };
        source.name = escape_terminal(&source.name).into_owned();
    }

    fn is_charter(&self) -> bool {
        matches!(self, Input::Charter { .. })
    }

    /// The side to compare, laid out once; rendered as Markdown only when the comparison reads it.
    fn side(&self, markdown: bool) -> Result<Side<'_>, Error> {
        Ok(match self {
            Input::Charter { source, checked } if checked.valid.is_some() => {
                let valid = checked.valid.as_ref().expect("checked above");
                let (markdown, clauses) = if markdown {
                    let document =
                        render::document::build(valid, render::fingerprint(&source.bytes));
                    (
                        Templates::builtin()?.markdown_of(&document)?,
                        document.clauses,
                    )
                } else {
                    (String::new(), render::document::clause_numbers(valid))
                };
                Side {
                    name: &source.name,
                    markdown,
                    charter: Some((&**valid, clauses)),
                }
            }
            Input::Charter { source, .. } | Input::Rendered(source) => Side {
                name: &source.name,
                markdown: source.text.clone(),
                charter: None,
            },
        })
    }
}
