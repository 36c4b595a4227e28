//! `charter schema`: the JSON Schema of the charter format, generated from the model types.

use crate::app::{Exit, Ui};
use crate::cli::SchemaArgs;
use crate::error::Error;

pub(crate) fn run(args: &SchemaArgs, ui: &Ui) -> Result<Exit, Error> {
    let destination = ui.destination(&args.out, &[])?;
    destination.write(crate::schema::generate().as_bytes())?;
    Ok(Exit::Success)
}
