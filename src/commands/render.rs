//! `charter render`: a valid charter as Markdown or HTML.

use crate::app::{Exit, Ui, check};
use crate::cli::{Format, RenderArgs};
use crate::error::Error;
use crate::render;

pub(crate) fn run(args: &RenderArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let destination = ui.destination(&args.out, &[&args.file])?;
    let source = ui.read(&args.file)?;
    let (valid, diagnostics) = check(&source);
    ui.diagnostics(&source, &diagnostics)?;
    let Some(valid) = valid else {
        ui.summary(&source, &diagnostics);
        return Ok(Exit::Invalid);
    };
    let document = match args.format {
        Format::Md => render::markdown(&valid, &source)?,
        Format::Html => render::html(&valid, &source)?,
    };
    ui.write(&destination, document.as_bytes())?;
    Ok(Exit::Success)
}
