//! `charter migrate`: a charter written for schema 1 rewritten for the current schema, written atomically
//! to standard output, to `-o`, or in place, then checked.

use std::path::Path;

use crate::cli::{MessageFormat, MigrateArgs};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::exit::Exit;
use crate::migrate::{self, Migration, Unmigratable};
use crate::model::SCHEMA_VERSION;
use crate::output::{self, Destination};
use crate::pipeline;
use crate::source::Source;
use crate::ui::Ui;

const BOM: &[u8] = b"\xEF\xBB\xBF";

pub(crate) fn run(args: &MigrateArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let stdin = args.file == Path::new("-");
    if args.in_place && stdin {
        return Err(Error::Usage(
            "--in-place rewrites a file, and `-` is standard input: migrate it to standard output (leave out --in-place) or to -o OUT".to_owned(),
        ));
    }
    // Decided before any work, so that an existing output is refused before the input is read.
    let destination = if args.in_place {
        None
    } else {
        Some(Destination::new(&args.out, &[&args.file])?)
    };
    let source = ui.read(&args.file)?;
    let refuse = |reason: String| Error::Migrate {
        name: source.name.clone(),
        reason,
    };
    let (text, changes) = match migrate::migrate(&source.text) {
        Ok(Migration::Migrated { text, changes }) => (text, changes),
        Ok(Migration::Current) => {
            // The output is always the charter in the current schema: here, the input as it is.
            if let Some(destination) = &destination {
                ui.write(destination, &source.bytes)?;
            }
            ui.note(&format!(
                "{} is already written for schema version {SCHEMA_VERSION}; nothing to migrate",
                source.name
            ));
            return Ok(Exit::Success);
        }
        Err(Unmigratable::Syntax) => {
            let (_, diagnostics) = pipeline::check(&source);
            ui.diagnostics(&source, &diagnostics, MessageFormat::Human, false)?;
            return Err(refuse(
                "it is not valid TOML; fix the syntax errors shown, then migrate it".to_owned(),
            ));
        }
        Err(e) => return Err(refuse(e.to_string())),
    };
    let mut bytes = Vec::with_capacity(text.len() + BOM.len());
    if source.bytes.starts_with(BOM) {
        bytes.extend_from_slice(BOM);
    }
    bytes.extend_from_slice(text.as_bytes());
    let wrote = match &destination {
        Some(destination) => {
            ui.write(destination, &bytes)?;
            destination.path().map(Path::to_path_buf)
        }
        // The file is the input: it is replaced whatever --force says.
        None => {
            output::write_atomic(&args.file, &bytes, true)?;
            Some(args.file.clone())
        }
    };
    for change in &changes {
        ui.line(&format!("{}:{}: {}", source.name, change.line, change.what));
        ui.verbose(&format!("  because {}", change.why));
    }
    let count = match changes.len() {
        1 => "1 change".to_owned(),
        n => format!("{n} changes"),
    };
    let wrote_to = wrote
        .as_deref()
        .map(|p| format!("; wrote {}", p.display()))
        .unwrap_or_default();
    ui.note(&format!(
        "migrated {} from schema {} to schema {SCHEMA_VERSION} in {count}{wrote_to}",
        source.name,
        migrate::FROM
    ));
    // Approvals name the SHA-256 of the file they approved, which migrating changes.
    if let Some(approvals) = crate::approvals::path_for(&args.file, None).filter(|p| p.exists()) {
        ui.note(&format!(
            "{} records approvals of the schema {} file; the migrated charter has another SHA-256, so they are stale until the partners approve it again (`charter approvals`)",
            approvals.display(),
            migrate::FROM
        ));
    }
    // The migrated charter is checked as written, and its errors are shown against its own text.
    let name = match &wrote {
        Some(path) => path.display().to_string(),
        None => format!("{} (migrated)", source.name),
    };
    let migrated = Source::new(name, bytes);
    let (_, diagnostics) = pipeline::check(&migrated);
    let errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if errors.is_empty() {
        return Ok(Exit::Success);
    }
    ui.diagnostics(&migrated, &errors, MessageFormat::Human, false)?;
    let n = errors.len();
    ui.note(&format!(
        "the migrated charter has {n} error{} of its own, shown above; fix {} and run `charter check`",
        if n == 1 { "" } else { "s" },
        if n == 1 { "it" } else { "them" }
    ));
    Ok(Exit::Invalid)
}
