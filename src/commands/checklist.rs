//! `charter checklist`: the accountability checklist alone, as Markdown, CSV, JSON or a calendar.

use crate::cli::MessageFormat;
use crate::cli::{ChecklistArgs, ChecklistFormat};
use crate::error::Error;
use crate::exit::Exit;
use crate::output::Destination;
use crate::policy::{Policy, check_with};
use crate::render::ics::{self, Stamp};
use crate::render::{self, tracker};
use crate::ui::Ui;

pub(crate) fn run(args: &ChecklistArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let destination = Destination::new(&args.out, &[&args.file])?;
    let source = ui.read(&args.file)?;
    let checked = check_with(&source, &Policy::default());
    ui.diagnostics(&source, &checked.diagnostics, MessageFormat::Human, false)?;
    let Some(valid) = checked.valid else {
        ui.summary(&source, &checked);
        return Ok(Exit::Invalid);
    };
    let groups = render::checklist(&valid);
    let text = match args.format {
        ChecklistFormat::Md => render::checklist_markdown(&valid, &source)?,
        ChecklistFormat::Csv => tracker::csv(&groups)?,
        ChecklistFormat::Json => {
            tracker::json(&valid, &groups, &render::fingerprint(&source.bytes))?
        }
        ChecklistFormat::Ics => {
            let stamp = match std::env::var("SOURCE_DATE_EPOCH") {
                Ok(value) if !value.is_empty() => {
                    Stamp::of_epoch(&value).ok_or(Error::SourceDateEpoch { value })?
                }
                _ => Stamp::of_date(crate::render::checklist::start(&valid)),
            };
            let calendar = ics::calendar(&valid, &groups, &stamp);
            if calendar.undated > 0 {
                ui.note(&format!(
                    "{} of {} items hang on an event that cannot be dated (a breach, a meeting, a new interest) and are not in the calendar; `--format md` lists them",
                    calendar.undated,
                    calendar.undated + calendar.events
                ));
            }
            calendar.text
        }
    };
    ui.write(&destination, text.as_bytes())?;
    Ok(Exit::Success)
}
