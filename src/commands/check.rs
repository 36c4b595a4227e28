//! `charter check`: validate charters and report every problem.

use crate::app::{Exit, Ui, check};
use crate::cli::CheckArgs;
use crate::diagnostic::Diagnostic;
use crate::error::Error;

pub(crate) fn run(args: &CheckArgs, ui: &mut Ui) -> Result<Exit, Error> {
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
        let (_, diagnostics) = check(&source);
        ui.diagnostics(&source, &diagnostics)?;
        ui.summary(&source, &diagnostics);
        if diagnostics.iter().any(Diagnostic::is_error) {
            exit = exit.max(Exit::Invalid);
        }
    }
    Ok(exit)
}
