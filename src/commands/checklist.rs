//! `charter checklist`: the accountability checklist alone, as Markdown, CSV or JSON.

use crate::app::{Exit, Ui, check};
use crate::cli::{ChecklistArgs, ChecklistFormat};
use crate::error::Error;
use crate::render::{self, tracker};

pub(crate) fn run(args: &ChecklistArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let destination = ui.destination(&args.out, &[&args.file])?;
    let source = ui.read(&args.file)?;
    let (valid, diagnostics) = check(&source);
    ui.diagnostics(&source, &diagnostics)?;
    let Some(valid) = valid else {
        ui.summary(&source, &diagnostics);
        return Ok(Exit::Invalid);
    };
    let groups = render::checklist(&valid);
    let text = match args.format {
        ChecklistFormat::Md => render::checklist_markdown(&valid, &source)?,
        ChecklistFormat::Csv => tracker::csv(&groups)?,
        ChecklistFormat::Json => {
            tracker::json(&valid, &groups, &render::fingerprint(&source.bytes))?
        }
    };
    ui.write(&destination, text.as_bytes())?;
    Ok(Exit::Success)
}
