//! `charter render`: a valid charter as Markdown or HTML.

use crate::app::{Exit, Policy, Ui, check_with, read_source};
use crate::cli::{Format, RenderArgs};
use crate::error::Error;
use crate::render;

pub(crate) fn run(args: &RenderArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let policy = Policy::from_args(&args.diagnostics)?;
    let destination = ui.destination(&args.out, &[&args.file])?;
    let source = read_source(&args.file)?;
    let checked = check_with(&source, &policy);
    // Standard output may be the document, so diagnostics always go to standard error here.
    ui.diagnostics(
        &source,
        &checked.diagnostics,
        args.diagnostics.message_format,
        false,
    )?;
    let valid = match &checked.valid {
        Some(valid) if !checked.fails => valid,
        _ => {
            ui.summary(&source, &checked);
            return Ok(Exit::Invalid);
        }
    };
    let document = match args.format {
        Format::Md => render::markdown(valid, &source)?,
        Format::Html => render::html(valid, &source)?,
    };
    destination.write(document.as_bytes())?;
    Ok(Exit::Success)
}
