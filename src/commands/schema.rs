//! `charter schema`: the JSON Schema of the charter format, generated from the model types.

use crate::cli::SchemaArgs;
use crate::error::Error;
use crate::exit::Exit;
use crate::output::Destination;

pub(crate) fn run(args: &SchemaArgs) -> Result<Exit, Error> {
    let destination = Destination::new(&args.out, &[])?;
    destination.write(crate::schema::generate().as_bytes())?;
    Ok(Exit::Success)
}
