//! `charter check`: validate charters and report every problem.

use crate::batch::{self, Input, Inputs, Status};
use crate::cli::{CheckArgs, MessageFormat};
use crate::error::Error;
use crate::exit::Exit;
use crate::policy::{Policy, check_with};
use crate::ui::Ui;

pub(crate) fn run(args: &CheckArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let policy = Policy::from_args(&args.diagnostics)?;
    let inputs = Inputs::expand(&args.files);
    batch::run(ui, &inputs, "could not be read", false, |input, ui| {
        check_one(args, &policy, input, ui)
    })
}

/// Checks one charter and reports on it; a report that cannot be written fails the file.
fn check_one(args: &CheckArgs, policy: &Policy, input: &Input, ui: &mut Ui) -> Status {
    let source = match ui.read(&input.path) {
        Ok(source) => source,
        Err(e) => {
            ui.error(&e);
            return Status::Unusable;
        }
    };
    let checked = check_with(&source, policy);
    let reported = ui.diagnostics(
        &source,
        &checked.diagnostics,
        args.diagnostics.message_format,
        true,
    );
    if let Err(e) = reported {
        ui.error(&e);
        return Status::Unusable;
    }
    ui.summary(&source, &checked);
    if args.coverage
        && let Some(coverage) = &checked.coverage
    {
        let text = match args.diagnostics.message_format {
            MessageFormat::Human => coverage.human(&source.name),
            MessageFormat::Short => coverage.short(&source.name),
            MessageFormat::Json => coverage.json(&source.name),
        };
        if let Err(e) = ui.stdout(text.as_bytes()) {
            ui.error(&e);
            return Status::Unusable;
        }
    }
    if checked.fails {
        Status::Failed
    } else {
        Status::Ok
    }
}
