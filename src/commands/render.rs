//! `charter render`: a valid charter as Markdown or HTML, with the built-in templates or the user's own.

use crate::app::{Exit, Policy, Ui, check_with};
use crate::cli::{Format, RenderArgs};
use crate::error::Error;
use crate::render::Templates;
use crate::render::templates::Loaded;

pub(crate) fn run(args: &RenderArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let policy = Policy::from_args(&args.diagnostics)?;
    let destination = ui.destination(&args.out, &[&args.file])?;
    let own;
    let templates = match &args.templates {
        Some(dir) => {
            let (loaded, files) = Templates::load(dir)?;
            for file in files {
                ui.verbose(&match file {
                    Loaded::Replaces(name, path) => {
                        format!(
                            "template {name}: {} (replaces the built-in one)",
                            path.display()
                        )
                    }
                    Loaded::Adds(name, path) => format!("template {name}: {}", path.display()),
                    Loaded::Ignored(path) => format!(
                        "ignored {}: not a .tera template or charter.css",
                        path.display()
                    ),
                });
            }
            own = loaded;
            &own
        }
        None => Templates::builtin()?,
    };
    let source = ui.read(&args.file)?;
    let checked = check_with(&source, &policy);
    // Standard output may be the document, so diagnostics always go to standard error here.
    ui.diagnostics(
        &source,
        &checked.diagnostics,
        args.diagnostics.message_format,
        false,
    )?;
    let valid = match &checked.valid {
        Some(valid) if !checked.fails => valid,
        _ => {
            ui.summary(&source, &checked);
            return Ok(Exit::Invalid);
        }
    };
    let document = match args.format {
        Format::Md => templates.markdown(valid, &source)?,
        Format::Html => templates.html(valid, &source)?,
    };
    ui.write(&destination, document.as_bytes())?;
    Ok(Exit::Success)
}
