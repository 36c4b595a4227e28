//! `charter check`: validate charters and report every problem.

use crate::app::{Exit, Policy, Ui, check_with, read_source};
use crate::cli::CheckArgs;
use crate::error::Error;

pub(crate) fn run(args: &CheckArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let policy = Policy::from_args(&args.diagnostics)?;
    let mut exit = Exit::Success;
    for file in &args.files {
        let source = match read_source(file) {
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
        if checked.fails {
            exit = exit.max(Exit::Invalid);
        }
    }
    Ok(exit)
}
