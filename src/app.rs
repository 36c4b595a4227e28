//! The dispatcher: one `match` from the command line to the module of each subcommand. Nothing imports
//! this module but `main.rs`; what the commands share lives below them ([`crate::ui`], [`crate::input`],
//! [`crate::policy`], [`crate::output`], [`crate::exit`]).

use crate::cli::{Cli, Command};
use crate::commands;
use crate::error::Error;
use crate::exit::Exit;
use crate::input;
use crate::ui::Ui;

/// Runs one command.
///
/// # Errors
/// When the tool cannot do its job: an unreadable input, an unwritable or existing output.
pub fn run(cli: &Cli) -> Result<Exit, Error> {
    input::set_max_input(cli.max_input_size);
    let mut ui = Ui::new(cli);
    match &cli.command {
        Command::Check(args) => commands::check::run(args, &mut ui),
        Command::Render(args) => commands::render::run(args, &mut ui),
        Command::Diff(args) => commands::diff::run(args, &mut ui),
        Command::Verify(args) => commands::verify::run(args, &mut ui),
        Command::Approve(args) => commands::approve::run(args, &mut ui),
        Command::Approvals(args) => commands::approvals::run(args, &mut ui),
        Command::Explain(args) => commands::explain::run(args),
        Command::Schema(args) => commands::schema::run(args),
        Command::Checklist(args) => commands::checklist::run(args, &mut ui),
        Command::New(args) => commands::new::run(args, &mut ui),
        Command::Completions(args) => commands::completions::run(args, &mut ui),
        Command::Man(args) => commands::man::run(args, &mut ui),
        Command::RenameId(args) => commands::rename::run(args, &mut ui),
        Command::Migrate(args) => commands::migrate::run(args, &mut ui),
    }
}
