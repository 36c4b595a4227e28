//! `charter man`: the manual page in roff, generated from the argument definitions.

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::error::Error;
use crate::exit::Exit;
use crate::output::Destination;
use crate::ui::Ui;

pub(crate) fn run(args: &ManArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let destination = Destination::new(&args.out, &[])?;
    let mut cmd = Cli::command();
    // Building propagates global options to the commands and names them `charter-render` and so on.
    cmd.build();
    let page = match &args.command {
        Some(name) => cmd
            .find_subcommand(name)
            .cloned()
            .unwrap_or_else(|| unreachable!("clap only accepts names in MAN_PAGES")),
        None => cmd,
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .source(format!("charter {}", env!("CARGO_PKG_VERSION")))
        .manual("User Commands")
        .render(&mut roff)
        .map_err(|source| Error::Write {
            path: "<manual page>".into(),
            source,
        })?;
    ui.write(&destination, &roff)?;
    Ok(Exit::Success)
}
