//! `charter diff`: what changed between two versions.

use std::path::Path;

use crate::app::{Checked, Exit, Policy, Ui, check_with, read_source};
use crate::cli::MessageFormat;
use crate::cli::{DiffArgs, DiffFormat};
use crate::diff::{self, Format, Options, Side};
use crate::error::Error;
use crate::load::Source;
use crate::render;

pub(crate) fn run(args: &DiffArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let destination = ui.destination(&args.out, &[&args.old, &args.new])?;
    let old = Input::read(&args.old)?;
    let new = Input::read(&args.new)?;
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
    let outcome = diff::diff(&old.side()?, &new.side()?, options);
    destination.write(outcome.report.as_bytes())?;
    Ok(if outcome.different {
        Exit::Invalid
    } else {
        Exit::Success
    })
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

    fn is_charter(&self) -> bool {
        matches!(self, Input::Charter { .. })
    }

    fn side(&self) -> Result<Side<'_>, Error> {
        Ok(match self {
            Input::Charter { source, checked } if checked.valid.is_some() => {
                let valid = checked.valid.as_ref().expect("checked above");
                let document = render::document::build(valid, render::fingerprint(&source.bytes));
                Side {
                    name: &source.name,
                    markdown: render::markdown(valid, source)?,
                    charter: Some((&**valid, document.clauses)),
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
