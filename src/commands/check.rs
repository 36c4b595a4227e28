//! `charter check`: validate charters and report every problem.

use crate::app::{Exit, Policy, Ui, check_with};
use crate::cli::{CheckArgs, MessageFormat};
use crate::error::Error;
use crate::output::write_stdout;

pub(crate) fn run(args: &CheckArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let policy = Policy::from_args(&args.diagnostics)?;
    let mut exit = Exit::Success;
    for file in &args.files {
        let source = match ui.read(file) {
            Ok(source) => source,
            Err(e) => {
                ui.error(&e);
                exit = exit.max(Exit::Failure);
                continue;
            }
        };
        let checked = check_with(&source, &policy);
        ui.diagnostics(
            &source,
            &checked.diagnostics,
            args.diagnostics.message_format,
            true,
        )?;
        ui.summary(&source, &checked);
        if args.coverage
            && let Some(coverage) = &checked.coverage
        {
            let text = match args.diagnostics.message_format {
                MessageFormat::Human => coverage.human(&source.name),
                MessageFormat::Short => coverage.short(&source.name),
                MessageFormat::Json => coverage.json(&source.name),
            };
            write_stdout(text.as_bytes())?;
        }
        if checked.fails {
            exit = exit.max(Exit::Invalid);
        }
    }
    Ok(exit)
}
