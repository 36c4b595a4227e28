//! `charter completions`: a shell completion script generated from the argument definitions, so it never
//! falls behind the commands.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Error;
use crate::exit::Exit;
use crate::output::Destination;
use crate::ui::Ui;

pub(crate) fn run(args: &CompletionsArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let destination = Destination::new(&args.out, &[])?;
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "charter", &mut script);
    ui.write(&destination, &script)?;
    Ok(Exit::Success)
}
