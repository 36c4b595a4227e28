//! `charter new`: a starter charter from a built-in example, or the list of examples.

use std::path::Path;

use crate::cli::{NewArgs, OutputArgs};
use crate::error::Error;
use crate::exit::Exit;
use crate::output;
use crate::output::Destination;
use crate::scaffold::{self, EXAMPLES, SCHEMA_FILE};
use crate::ui::Ui;

pub(crate) fn run(args: &NewArgs, ui: &mut Ui) -> Result<Exit, Error> {
    if args.list {
        let width = EXAMPLES.iter().map(|e| e.name.len()).max().unwrap_or(0);
        let list: String = EXAMPLES
            .iter()
            .map(|e| format!("{:width$}  {}\n", e.name, e.summary))
            .collect();
        output::write_stdout(list.as_bytes())?;
        return Ok(Exit::Success);
    }
    let example = scaffold::find(&args.from)
        .unwrap_or_else(|| unreachable!("clap accepts only the names of examples"));
    // Never `--force`: a starter written over a charter someone has filled in would lose their work.
    let out = OutputArgs {
        output: Some(args.path.clone()),
        force: false,
    };
    let refuse = |e: Error| match e {
        Error::OutputExists { path } => Error::StarterExists { path },
        other => other,
    };
    let destination = Destination::new(&out, &[]).map_err(refuse)?;
    ui.write(&destination, scaffold::starter(example).as_bytes())
        .map_err(refuse)?;
    if args.path == Path::new("-") {
        return Ok(Exit::Success);
    }
    ui.note(&format!(
        "wrote {} from the example \"{}\"; replace its organisations, people and example.org addresses first (`charter check` warns with W0442 until they are gone), then its terms, and run `charter check {}` after each change",
        args.path.display(),
        example.name,
        args.path.display()
    ));
    schema_beside(&args.path, ui)?;
    Ok(Exit::Success)
}

/// Writes the JSON Schema beside the starter, for the editor, unless a file of that name is there.
fn schema_beside(starter: &Path, ui: &mut Ui) -> Result<(), Error> {
    let path = starter.with_file_name(SCHEMA_FILE);
    if path.symlink_metadata().is_ok() {
        if std::fs::read_to_string(&path).ok().as_deref()
            != Some(crate::schema::generate().as_str())
        {
            ui.note(&format!(
                "kept {}, which is not this version's schema; `charter schema -o {} --force` updates it",
                path.display(),
                path.display()
            ));
        }
        return Ok(());
    }
    output::write_atomic(&path, crate::schema::generate().as_bytes(), false)?;
    ui.note(&format!(
        "wrote {} beside it, so that an editor with taplo (VS Code: Even Better TOML) completes keys and flags mistakes as you type",
        path.display()
    ));
    Ok(())
}
