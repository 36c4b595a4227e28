//! `charter rename-id`: one id renamed throughout a charter, written atomically in place or elsewhere.

use std::path::Path;

use crate::cli::{OutputArgs, RenameIdArgs};
use crate::error::Error;
use crate::exit::Exit;
use crate::output::{self, Destination};
use crate::rename;
use crate::ui::Ui;

pub(crate) fn run(args: &RenameIdArgs, ui: &mut Ui) -> Result<Exit, Error> {
    // In place unless -o says otherwise; standard input can only go to standard output.
    let destination = match (&args.output, args.file == Path::new("-")) {
        (None, false) => None,
        (output, _) => {
            let out = OutputArgs {
                output: output.clone(),
                force: args.force,
            };
            Some(Destination::new(&out, &[&args.file])?)
        }
    };
    let source = ui.read(&args.file)?;
    let renamed = rename::rename(&source, &args.old, &args.new)?;
    let wrote = match &destination {
        Some(destination) => {
            ui.write(destination, &renamed.bytes)?;
            destination.path().map(Path::to_path_buf)
        }
        // The file is the input: it is replaced whatever --force says.
        None => {
            output::write_atomic(&args.file, &renamed.bytes, true)?;
            Some(args.file.clone())
        }
    };
    let places = if renamed.places == 1 {
        "1 place".to_owned()
    } else {
        format!("{} places", renamed.places)
    };
    let wrote = wrote
        .map(|path| format!("; wrote {}", path.display()))
        .unwrap_or_default();
    ui.note(&format!(
        "renamed \"{}\" to \"{}\" in {places}{wrote}",
        args.old, args.new
    ));
    Ok(Exit::Success)
}
