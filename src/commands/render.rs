//! `charter render`: a valid charter as Markdown, HTML or DOCX, with the built-in templates or the user's
//! own (for DOCX, the styles of a `reference.docx`); several charters, or a directory of them, into
//! `--out-dir`.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::approvals;
use crate::batch::{self, Input, Inputs, Status};
use crate::cli::{Format, RenderArgs};
use crate::error::Error;
use crate::exit::Exit;
use crate::output;
use crate::output::{Destination, refuse_input_as_output};
use crate::policy::{Checked, Policy, check_with};
use crate::render::docx::HouseStyle;
use crate::render::docx::styles::REFERENCE_NAME;
use crate::render::templates::Loaded;
use crate::render::{self, Templates};
use crate::source::Source;
use crate::ui::Ui;

/// What a charter is rendered with: templates for Markdown and HTML, styles for DOCX.
struct With<'a> {
    templates: &'a Templates,
    house: HouseStyle,
}

/// The user's templates from `dir`, laid over the built-in ones, saying with `-v` which file does what.
fn user_templates(dir: &Path, ui: &mut Ui) -> Result<Templates, Error> {
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
    Ok(loaded)
}

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
    if args.format == Format::Pdf && !render::PDF {
        return Err(Error::NoPdf);
    }
    if inputs.is_batch() && args.approvals.approvals.is_some() {
        return Err(Error::Usage(
            "--approvals names the approvals of one charter; rendering several, each finds its own FILE.approvals.toml"
                .into(),
        ));
    }
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.clone(),
            source,
        })?;
    }
    let own;
    let templates = match &args.templates {
        Some(_) if matches!(args.format, Format::Docx | Format::Pdf) => Templates::builtin()?,
        Some(dir) => {
            own = user_templates(dir, ui)?;
            &own
        }
        None => Templates::builtin()?,
    };
    let house = match &args.templates {
        Some(dir) if args.format == Format::Docx => house_style(dir, ui)?,
        _ => HouseStyle::builtin(),
    };
    let templates = &With { templates, house };
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

/// The styles of `DIR/reference.docx`, checked before anything is rendered; the built-in styles when
/// `DIR` has none.
fn house_style(dir: &Path, ui: &mut Ui) -> Result<HouseStyle, Error> {
    let path = dir.join(REFERENCE_NAME);
    if !dir.is_dir() {
        return Err(Error::Read {
            path: dir.to_path_buf(),
            source: std::io::Error::other("it is not a directory"),
        });
    }
    if path.symlink_metadata().is_err() {
        ui.verbose(&format!(
            "no {} in {}: the built-in styles are used (templates apply to md and html only)",
            REFERENCE_NAME,
            dir.display()
        ));
        return Ok(HouseStyle::builtin());
    }
    let house = HouseStyle::load(&path)?;
    ui.verbose(&format!("styles: {}", path.display()));
    Ok(house)
}

/// A DOCX or PDF is binary: written to a terminal it would garble the screen, so it goes to a file or a
/// pipe.
fn refuse_binary_to_terminal(format: Format, to_stdout: bool, terminal: bool) -> Result<(), Error> {
    let (what, extension) = match format {
        Format::Docx => ("a DOCX", "docx"),
        Format::Pdf => ("a PDF", "pdf"),
        Format::Md | Format::Html => return Ok(()),
    };
    if to_stdout && terminal {
        return Err(Error::Usage(format!(
            "{what} is a binary file and standard output is a terminal; write it to a file with -o FILE.{extension}, or pipe it"
        )));
    }
    Ok(())
}

/// One charter to `-o` or standard output, as `render` has always done.
fn one(
    args: &RenderArgs,
    policy: &Policy,
    templates: &With<'_>,
    file: &Path,
    ui: &mut Ui,
) -> Result<Exit, Error> {
    let to_stdout = args
        .out
        .output
        .as_deref()
        .is_none_or(|p| p == Path::new("-"));
    refuse_binary_to_terminal(args.format, to_stdout, std::io::stdout().is_terminal())?;
    let destination = Destination::new(&args.out, &[file])?;
    let Some((_, _, document)) = rendered(args, policy, templates, file, ui)? else {
        return Ok(Exit::Invalid);
    };
    ui.write(&destination, &document)?;
    Ok(Exit::Success)
}

/// Reads, checks and renders one charter, reporting its diagnostics on standard error (standard output
/// may be the document). `None` when the charter fails the check; its summary has then been printed.
fn rendered(
    args: &RenderArgs,
    policy: &Policy,
    templates: &With<'_>,
    file: &Path,
    ui: &mut Ui,
) -> Result<Option<(Source, Checked, Vec<u8>)>, Error> {
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
    let fingerprint = render::fingerprint(&source.bytes);
    let mut doc = render::document::build(valid, fingerprint.clone());
    if let Some((record, summary)) = approvals::record(file, &args.approvals, valid, &fingerprint)?
    {
        doc.add_approvals(record);
        ui.note(&summary);
    }
    let document = match args.format {
        Format::Md => templates.templates.markdown_of(&doc)?.into_bytes(),
        Format::Html => templates.templates.html_of(valid, &doc)?.into_bytes(),
        Format::Docx => render::docx::write(&doc, &templates.house)?,
        Format::Pdf => render::pdf_of(&doc, &source.bytes)?,
    };
    Ok(Some((source, checked, document)))
}

/// One charter of a batch, into `dir` under its name; every problem is reported and fails this file
/// only.
fn into_dir(
    args: &RenderArgs,
    policy: &Policy,
    templates: &With<'_>,
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
    templates: &With<'_>,
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
    output::write_atomic(&path, &document, args.out.force)?;
    ui.verbose(&format!(
        "wrote {} ({} bytes)",
        path.display(),
        document.len()
    ));
    ui.summary(&source, &checked);
    Ok(Status::Ok)
}

/// `dir/<name>.md`, `dir/<name>.html` or `dir/<name>.docx`. The extension is added, not swapped, so that a name with a dot
/// (`board.v2`) keeps it.
fn output_path(dir: &Path, name: &Path, format: Format) -> PathBuf {
    let mut file = OsString::from(name.as_os_str());
    file.push(match format {
        Format::Md => ".md",
        Format::Html => ".html",
        Format::Docx => ".docx",
        Format::Pdf => ".pdf",
    });
    dir.join(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_docx_goes_to_a_file_or_a_pipe_but_never_to_a_terminal() {
        assert!(refuse_binary_to_terminal(Format::Docx, true, true).is_err());
        assert!(refuse_binary_to_terminal(Format::Docx, true, false).is_ok());
        assert!(refuse_binary_to_terminal(Format::Docx, false, true).is_ok());
        assert!(refuse_binary_to_terminal(Format::Md, true, true).is_ok());
        assert!(refuse_binary_to_terminal(Format::Html, true, true).is_ok());
        assert!(refuse_binary_to_terminal(Format::Pdf, true, true).is_err());
    }
}
