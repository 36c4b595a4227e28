//! `charter render`: a valid charter as Markdown or HTML, with the built-in templates or the user's own;
//! several charters, or a directory of them, into `--out-dir`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::batch::{self, Input, Inputs, Status};
use crate::cli::{Format, RenderArgs};
use crate::error::Error;
use crate::exit::Exit;
use crate::output;
use crate::output::{Destination, refuse_input_as_output};
use crate::policy::{Checked, Policy, check_with};
use crate::render::Templates;
use crate::render::templates::Loaded;
use crate::source::Source;
use crate::ui::Ui;

pub(crate) fn run(args: &RenderArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let policy = Policy::from_args(&args.diagnostics)?;
    let mut inputs = Inputs::expand(&args.files);
    inputs.refuse_same_names();
    let out_dir = match (&args.out_dir, inputs.is_batch()) {
        (Some(dir), _) => Some(dir),
        (None, false) => None,
        (None, true) => {
            return Err(Error::Usage(
                "rendering several charters, or a directory, needs --out-dir DIR (-o names one output file)"
                    .into(),
            ));
        }
    };
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.clone(),
            source,
        })?;
    }
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
    match out_dir {
        None => one(args, &policy, templates, &args.files[0], ui),
        Some(dir) => batch::run(
            ui,
            &inputs,
            "could not be read or written",
            true,
            |input, ui| into_dir(args, &policy, templates, input, dir, ui),
        ),
    }
}

/// One charter to `-o` or standard output, as `render` has always done.
fn one(
    args: &RenderArgs,
    policy: &Policy,
    templates: &Templates,
    file: &Path,
    ui: &mut Ui,
) -> Result<Exit, Error> {
    let destination = Destination::new(&args.out, &[file])?;
    let Some((_, _, document)) = rendered(args, policy, templates, file, ui)? else {
        return Ok(Exit::Invalid);
    };
    ui.write(&destination, document.as_bytes())?;
    Ok(Exit::Success)
}

/// Reads, checks and renders one charter, reporting its diagnostics on standard error (standard output
/// may be the document). `None` when the charter fails the check; its summary has then been printed.
fn rendered(
    args: &RenderArgs,
    policy: &Policy,
    templates: &Templates,
    file: &Path,
    ui: &mut Ui,
) -> Result<Option<(Source, Checked, String)>, Error> {
    let source = ui.read(file)?;
    let checked = check_with(&source, policy);
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
            return Ok(None);
        }
    };
    let document = match args.format {
        Format::Md => templates.markdown(valid, &source)?,
        Format::Html => templates.html(valid, &source)?,
    };
    Ok(Some((source, checked, document)))
}

/// One charter of a batch, into `dir` under its name; every problem is reported and fails this file
/// only.
fn into_dir(
    args: &RenderArgs,
    policy: &Policy,
    templates: &Templates,
    input: &Input,
    dir: &Path,
    ui: &mut Ui,
) -> Status {
    match try_into_dir(args, policy, templates, input, dir, ui) {
        Ok(status) => status,
        Err(e) => {
            ui.error(&e);
            Status::Unusable
        }
    }
}

fn try_into_dir(
    args: &RenderArgs,
    policy: &Policy,
    templates: &Templates,
    input: &Input,
    dir: &Path,
    ui: &mut Ui,
) -> Result<Status, Error> {
    if input.path == Path::new("-") {
        return Err(Error::Usage(
            "standard input has no name to render under --out-dir; render it on its own, with -o"
                .into(),
        ));
    }
    let path = output_path(dir, &input.name, args.format);
    refuse_input_as_output(&input.path, &path)?;
    // Refused before any work, as for -o; the write itself refuses again should the file appear meanwhile.
    if !args.out.force && path.symlink_metadata().is_ok() {
        return Err(Error::OutputExists { path });
    }
    let Some((source, checked, document)) = rendered(args, policy, templates, &input.path, ui)?
    else {
        return Ok(Status::Failed);
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| Error::Write {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    output::write_atomic(&path, document.as_bytes(), args.out.force)?;
    ui.verbose(&format!(
        "wrote {} ({} bytes)",
        path.display(),
        document.len()
    ));
    ui.summary(&source, &checked);
    Ok(Status::Ok)
}

/// `dir/<name>.md` or `dir/<name>.html`. The extension is added, not swapped, so that a name with a dot
/// (`board.v2`) keeps it.
fn output_path(dir: &Path, name: &Path, format: Format) -> PathBuf {
    let mut file = OsString::from(name.as_os_str());
    file.push(match format {
        Format::Md => ".md",
        Format::Html => ".html",
    });
    dir.join(file)
}
