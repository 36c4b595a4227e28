//! The commands: each takes parsed arguments, runs the pipeline and says how the process should exit.

use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

use codespan_reporting::term::termcolor::{self, StandardStream};

use crate::cli::{Cli, ColorChoice, Command, Format};
use crate::diagnostic::{self, Diagnostic};
use crate::error::Error;
use crate::load::{self, Source};
use crate::model::Charter;
use crate::validate::{self, Valid};
use crate::{output, render};

/// How the process ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Everything worked (warnings allowed).
    Success = 0,
    /// A charter has errors.
    Invalid = 1,
    /// The tool could not run.
    Failure = 2,
}

/// Runs one command.
///
/// # Errors
/// When the tool cannot do its job: an unreadable input, an unwritable or existing output.
pub fn run(cli: &Cli) -> Result<Exit, Error> {
    let mut stderr = StandardStream::stderr(color_choice(cli.color));
    match &cli.command {
        Command::Check { files } => {
            let mut exit = Exit::Success;
            for file in files {
                let source = match read_source(file) {
                    Ok(source) => source,
                    Err(e) => {
                        report_error(&mut stderr, &e);
                        exit = exit.max(Exit::Failure);
                        continue;
                    }
                };
                let (_, diagnostics) = check(&source);
                emit(&mut stderr, &source, &diagnostics)?;
                let _ = writeln!(
                    stderr,
                    "{}",
                    diagnostic::summary(&source.name, &diagnostics)
                );
                if diagnostics.iter().any(Diagnostic::is_error) {
                    exit = exit.max(Exit::Invalid);
                }
            }
            Ok(exit)
        }
        Command::Render {
            file,
            format,
            output: out,
            force,
        } => {
            let to_stdout = out.as_deref().is_none_or(|p| p == Path::new("-"));
            if let Some(out) = out.as_deref().filter(|_| !to_stdout) {
                refuse_input_as_output(file, out)?;
                if !force && out.symlink_metadata().is_ok() {
                    return Err(Error::OutputExists {
                        path: out.to_path_buf(),
                    });
                }
            }
            let source = read_source(file)?;
            let (valid, diagnostics) = check(&source);
            emit(&mut stderr, &source, &diagnostics)?;
            let Some(valid) = valid else {
                let _ = writeln!(
                    stderr,
                    "{}",
                    diagnostic::summary(&source.name, &diagnostics)
                );
                return Ok(Exit::Invalid);
            };
            let document = match format {
                Format::Md => render::markdown(&valid, &source)?,
                Format::Html => render::html(&valid, &source)?,
            };
            match out.as_deref().filter(|_| !to_stdout) {
                Some(path) => output::write_atomic(path, document.as_bytes(), *force)?,
                None => output::write_stdout(document.as_bytes())?,
            }
            Ok(Exit::Success)
        }
    }
}

/// Loads and validates one source.
#[must_use]
pub fn check(source: &Source) -> (Option<Valid<Charter>>, Vec<Diagnostic>) {
    match load::parse(source) {
        Ok((charter, spans)) => {
            let outcome = validate::validate(charter, &spans);
            (outcome.charter, outcome.diagnostics)
        }
        Err(mut diagnostics) => {
            diagnostic::sort(&mut diagnostics);
            (None, diagnostics)
        }
    }
}

/// Reads a file, or standard input for `-`.
///
/// # Errors
/// When the file cannot be read.
pub fn read_source(path: &Path) -> Result<Source, Error> {
    let wrap = |source: io::Error| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes).map_err(wrap)?;
        return Ok(Source::new("<stdin>", bytes));
    }
    if path.is_dir() {
        return Err(wrap(io::Error::other(
            "it is a directory, not a charter file",
        )));
    }
    let bytes = std::fs::read(path).map_err(wrap)?;
    Ok(Source::new(path.display().to_string(), bytes))
}

fn refuse_input_as_output(input: &Path, output: &Path) -> Result<(), Error> {
    let same = match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => input == output,
    };
    if same {
        return Err(Error::OutputIsInput {
            path: output.to_path_buf(),
        });
    }
    Ok(())
}

fn emit(
    stderr: &mut StandardStream,
    source: &Source,
    diagnostics: &[Diagnostic],
) -> Result<(), Error> {
    let mut lock = stderr.lock();
    match diagnostic::emit_human(&mut lock, source, diagnostics) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: "<stderr>".into(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// Prints an error with its chain of causes.
pub fn report_error(stderr: &mut dyn Write, error: &Error) {
    let mut text = format!("error: {error}");
    let mut cause = std::error::Error::source(error);
    while let Some(c) = cause {
        text.push_str(&format!(": {c}"));
        cause = c.source();
    }
    let _ = writeln!(stderr, "{text}");
}

fn color_choice(choice: ColorChoice) -> termcolor::ColorChoice {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => termcolor::ColorChoice::Always,
        ColorChoice::Never => termcolor::ColorChoice::Never,
        ColorChoice::Auto if !no_color && io::stderr().is_terminal() => {
            termcolor::ColorChoice::Always
        }
        ColorChoice::Auto => termcolor::ColorChoice::Never,
    }
}
