//! `charter diff`: what changed between two versions.

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::MessageFormat;
use crate::cli::{DiffArgs, DiffFormat};
use crate::diff::effects::Derived;
use crate::diff::layout::Facts;
use crate::diff::{self, Format, Options, Side};
use crate::error::Error;
use crate::exit::Exit;
use crate::hidden::escape_terminal;
use crate::input::read_source;
use crate::output::Destination;
use crate::policy::{Checked, Policy, check_with};
use crate::render;
use crate::render::docx::inline::Revision;
use crate::render::ics::Stamp;
use crate::source::Source;
use crate::ui::Ui;

/// Reports the diagnostics of each side that is an invalid charter; whether there was one.
fn report_invalid(ui: &mut Ui, inputs: [&Input; 2]) -> Result<bool, Error> {
    let mut invalid = false;
    for input in inputs {
        if let Input::Charter { source, checked } = input
            && checked.valid.is_none()
        {
            ui.diagnostics(source, &checked.diagnostics, MessageFormat::Human, false)?;
            ui.summary(source, checked);
            invalid = true;
        }
    }
    Ok(invalid)
}

/// How to compare, from the arguments: the format, and colour only for text on a terminal.
fn options(args: &DiffArgs, ui: &Ui) -> Options {
    let format = match args.format {
        DiffFormat::Text => Format::Text,
        DiffFormat::Md => Format::Md,
        DiffFormat::Html => Format::Html,
        DiffFormat::Json => Format::Json,
        // The DOCX and PDF redlines read the same laid-out documents as the Markdown one.
        DiffFormat::Docx | DiffFormat::Pdf => Format::Md,
    };
    let to_stdout = args
        .out
        .output
        .as_deref()
        .is_none_or(|p| p == Path::new("-"));
    Options {
        format,
        rendered: args.rendered,
        mark_renumbered: args.mark_renumbered,
        changed_only: args.changed_only,
        color: format == Format::Text && ui.color_stdout(to_stdout),
    }
}

pub(crate) fn run(args: &DiffArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let binary = match args.format {
        DiffFormat::Docx => Some("a Word redline"),
        DiffFormat::Pdf => Some("a PDF redline"),
        _ => None,
    };
    if args.format == DiffFormat::Pdf && !render::PDF {
        return Err(Error::NoPdf);
    }
    if let Some(what) = binary {
        if args.changed_only {
            return Err(Error::Usage(format!(
                "{what} is always the whole document, with every change marked; leave out --changed-only, or use --format md or html for a redline of the changes only"
            )));
        }
        let to_stdout = args
            .out
            .output
            .as_deref()
            .is_none_or(|p| p == Path::new("-"));
        refuse_binary_to_terminal(args.format, to_stdout, std::io::stdout().is_terminal())?;
    }
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
    if report_invalid(ui, [&old, &new])? {
        ui.note("not compared: fix the errors above first");
        return Ok(Exit::Failure);
    }
    let options = options(args, ui);
    let format = options.format;
    let layout = diff::needs_layout(&options, old.is_charter() && new.is_charter());
    let (old_side, new_side) = rayon::join(|| old.side(layout), || new.side(layout));
    let (old_side, new_side) = (old_side?, new_side?);
    if args.format == DiffFormat::Docx {
        let revision = revision(&args.author, &new_side.facts, &old_side.facts)?;
        let outcome = diff::docx(&old_side, &new_side, args.rendered, &revision)?;
        destination.write(&outcome.docx)?;
        std::mem::forget((old_side, new_side));
        return Ok(exit(outcome.different));
    }
    #[cfg(feature = "pdf")]
    if args.format == DiffFormat::Pdf {
        let sources = [(&old, &old_side, "old"), (&new, &new_side, "new")]
            .into_iter()
            .filter_map(|(input, side, which)| match input {
                Input::Charter { source, .. } => Some(render::pdf::Attachment {
                    name: format!(
                        "{which}-{}",
                        render::pdf::Attachment::file_name(
                            side.facts.id.as_deref().unwrap_or("charter")
                        )
                    ),
                    description: format!(
                        "The {which} version's source TOML (SHA-256 {})",
                        render::fingerprint(&source.bytes)
                    ),
                    bytes: &source.bytes,
                }),
                Input::Rendered(_) => None,
            })
            .collect::<Vec<_>>();
        let outcome = diff::pdf(&old_side, &new_side, args.rendered, &sources)?;
        destination.write(&outcome.docx)?;
        std::mem::forget((old_side, new_side));
        return Ok(exit(outcome.different));
    }
    let outcome = diff::diff(&old_side, &new_side, options);
    let report = if format == Format::Text {
        escape_report(&outcome.report, options.color)
    } else {
        outcome.report
    };
    destination.write(report.as_bytes())?;
    // The process ends here: freeing the two laid-out sides of a large charter, piece by piece, would
    // cost time for nothing.
    std::mem::forget((old_side, new_side));
    Ok(exit(outcome.different))
}

fn exit(different: bool) -> Exit {
    if different {
        Exit::Invalid
    } else {
        Exit::Success
    }
}

/// A DOCX or PDF is binary: written to a terminal it would garble the screen, so it goes to a file or a
/// pipe.
fn refuse_binary_to_terminal(
    format: DiffFormat,
    to_stdout: bool,
    terminal: bool,
) -> Result<(), Error> {
    let (what, extension) = match format {
        DiffFormat::Pdf => ("a PDF", "pdf"),
        _ => ("a DOCX", "docx"),
    };
    if to_stdout && terminal {
        return Err(Error::Usage(format!(
            "{what} is a binary file and standard output is a terminal; write it to a file with -o FILE.{extension}, or pipe it"
        )));
    }
    Ok(())
}

/// Who made the tracked changes of a DOCX redline, and when: the author given, dated SOURCE_DATE_EPOCH
/// when it is set, else the new version's effective date (the old one's, for a document without one),
/// else the start of 1970; never the clock, so that the same inputs give the same file.
fn revision(author: &str, new: &Facts, old: &Facts) -> Result<Revision, Error> {
    let date = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) if !value.is_empty() => Stamp::of_epoch(&value)
            .ok_or(Error::SourceDateEpoch { value })?
            .iso(),
        _ => [new, old]
            .iter()
            .filter_map(|f| f.effective_date.as_deref())
            .find(|d| is_date(d))
            .map_or_else(
                || "1970-01-01T00:00:00Z".to_owned(),
                |d| format!("{d}T00:00:00Z"),
            ),
    };
    Ok(Revision {
        author: author.to_owned(),
        date,
    })
}

/// Whether the text is a date as `YYYY-MM-DD`.
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
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

    /// The side to compare, laid out once, and only when the comparison reads the layout.
    fn side(&self, layout: bool) -> Result<Side<'_>, Error> {
        Ok(match self {
            Input::Charter { source, checked } if checked.valid.is_some() => {
                charter_side(source, checked, layout)
            }
            Input::Charter { source, .. } | Input::Rendered(source) => {
                Side::of_markdown(&source.name, &source.text)
            }
        })
    }
}

/// A valid charter's side, with what it implies for the effects of the amendment. Its checklist comes
/// from the laid-out document when there is one, and is derived alone otherwise.
fn charter_side<'a>(source: &'a Source, checked: &'a Checked, layout: bool) -> Side<'a> {
    let valid = checked
        .valid
        .as_ref()
        .expect("the caller checked it is valid");
    let fingerprint = render::fingerprint(&source.bytes);
    if layout {
        let mut document = render::document::build(valid, fingerprint.clone());
        // The side keeps the clause numbers; the document, which is not freed, needs them no longer.
        let clauses = std::mem::take(&mut document.clauses);
        let groups = document
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                render::document::Block::Checklist(g) => Some(g),
                _ => None,
            });
        let derived = Derived::of(valid, groups, &checked.diagnostics);
        // The document is freed here, once laid out for the comparison: the redline then reuses its
        // memory rather than adding to the peak.
        Side::of_charter(&source.name, valid, fingerprint, clauses, Some(&document))
            .with_effects(derived)
    } else {
        // The checklist alone, from the clause numbers, without laying out the whole document.
        let clauses = render::document::clause_numbers(valid);
        let groups = Derived::checklist(valid, &clauses);
        let derived = Derived::of(valid, groups.iter(), &checked.diagnostics);
        Side::of_charter(&source.name, valid, fingerprint, clauses, None).with_effects(derived)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_docx_redline_goes_to_a_file_or_a_pipe_but_never_to_a_terminal() {
        for format in [DiffFormat::Docx, DiffFormat::Pdf] {
            assert!(refuse_binary_to_terminal(format, true, true).is_err());
            assert!(refuse_binary_to_terminal(format, true, false).is_ok());
            assert!(refuse_binary_to_terminal(format, false, true).is_ok());
        }
    }

    #[test]
    fn the_revision_date_is_the_new_effective_date_or_the_old_one_or_1970() {
        let facts = |date: Option<&str>| Facts {
            effective_date: date.map(str::to_owned),
            ..Facts::default()
        };
        // The environment of the test process is left alone: these cases do not read SOURCE_DATE_EPOCH
        // unless it is set, and the CLI tests cover it.
        if std::env::var_os("SOURCE_DATE_EPOCH").is_some() {
            return;
        }
        let date = |new, old| {
            revision("a", &facts(new), &facts(old))
                .expect("a date")
                .date
        };
        assert_eq!(
            date(Some("2026-03-01"), Some("2025-01-01")),
            "2026-03-01T00:00:00Z"
        );
        assert_eq!(
            date(Some("1 March"), Some("2025-01-01")),
            "2025-01-01T00:00:00Z"
        );
        assert_eq!(date(None, None), "1970-01-01T00:00:00Z");
        assert!(Stamp::of_epoch("1772323200").is_some_and(|s| s.iso() == "2026-03-01T00:00:00Z"));
    }
}
