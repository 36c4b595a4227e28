//! Wiring between the command line and the library: reading inputs, reporting to the terminal, writing
//! outputs, and dispatching to one module per subcommand.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use codespan_reporting::term::termcolor::{self, StandardStream};

use crate::cli::{Cli, ColorChoice, Command, OutputArgs};
use crate::commands;
use crate::diagnostic::{self, Diagnostic};
use crate::error::Error;
use crate::load::{self, Source};
use crate::model::Charter;
use crate::output;
use crate::validate::{self, Valid};

/// How the process ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Everything worked (warnings allowed); for `diff`, the inputs are equal.
    Success = 0,
    /// A charter has errors; for `diff`, the inputs differ.
    Invalid = 1,
    /// The tool could not run.
    Failure = 2,
}

/// Runs one command.
///
/// # Errors
/// When the tool cannot do its job: an unreadable input, an unwritable or existing output.
pub fn run(cli: &Cli) -> Result<Exit, Error> {
    let verbosity = if cli.quiet {
        Verbosity::Quiet
    } else if cli.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    let mut ui = Ui {
        stderr: StandardStream::stderr(color_choice(cli.color)),
        verbosity,
    };
    match &cli.command {
        Command::Check(args) => commands::check::run(args, &mut ui),
        Command::Render(args) => commands::render::run(args, &mut ui),
        Command::Checklist(args) => commands::checklist::run(args, &mut ui),
        Command::New(args) => commands::new::run(args, &mut ui),
        Command::Completions(args) => commands::completions::run(args, &mut ui),
        Command::Man(args) => commands::man::run(args, &mut ui),
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

/// How much a command says on standard error besides errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors only (`-q`).
    Quiet,
    /// Errors, warnings, summaries and notes.
    Normal,
    /// Also what was read and written (`-v`).
    Verbose,
}

/// The terminal side of a command: diagnostics, summaries and errors on standard error.
pub struct Ui {
    stderr: StandardStream,
    verbosity: Verbosity,
}

impl Ui {
    /// Prints diagnostics for people; with `-q`, only the errors.
    ///
    /// # Errors
    /// When standard error cannot be written (a closed pipe is not an error).
    pub fn diagnostics(
        &mut self,
        source: &Source,
        diagnostics: &[Diagnostic],
    ) -> Result<(), Error> {
        let shown: Vec<Diagnostic>;
        let diagnostics = if self.verbosity == Verbosity::Quiet {
            shown = diagnostics
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            &shown[..]
        } else {
            diagnostics
        };
        let mut lock = self.stderr.lock();
        match diagnostic::emit_human(&mut lock, source, diagnostics) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Write {
                path: "<stderr>".into(),
                source: e,
            }),
            _ => Ok(()),
        }
    }

    /// Prints the one-line count of errors and warnings for a file, unless `-q`.
    pub fn summary(&mut self, source: &Source, diagnostics: &[Diagnostic]) {
        if self.verbosity == Verbosity::Quiet {
            return;
        }
        let _ = writeln!(
            self.stderr,
            "{}",
            diagnostic::summary(&source.name, diagnostics)
        );
    }

    /// Prints an error with its chain of causes.
    pub fn error(&mut self, error: &Error) {
        report_error(&mut self.stderr, error);
    }

    /// Prints a note that helps to read the result, unless `-q`.
    pub fn note(&mut self, text: &str) {
        if self.verbosity >= Verbosity::Normal {
            let _ = writeln!(self.stderr, "note: {text}");
        }
    }

    /// Prints a detail of what the command did, only with `-v`.
    pub fn verbose(&mut self, text: &str) {
        if self.verbosity == Verbosity::Verbose {
            let _ = writeln!(self.stderr, "{text}");
        }
    }

    /// Reads a charter (or standard input for `-`), saying so with `-v`.
    ///
    /// # Errors
    /// When the file cannot be read.
    pub fn read(&mut self, path: &Path) -> Result<Source, Error> {
        let source = read_source(path)?;
        self.verbose(&format!(
            "read {} ({} bytes)",
            source.name,
            source.bytes.len()
        ));
        Ok(source)
    }

    /// Writes a result to its destination, saying where with `-v`.
    ///
    /// # Errors
    /// When the write fails or the file appeared meanwhile without `--force`.
    pub fn write(&mut self, destination: &Destination, bytes: &[u8]) -> Result<(), Error> {
        destination.write(bytes)?;
        if let Some(path) = &destination.path {
            self.verbose(&format!("wrote {} ({} bytes)", path.display(), bytes.len()));
        }
        Ok(())
    }

    /// Decides where a command's result goes, refusing before any work is done an output that exists
    /// (without `--force`) or that is one of the inputs.
    ///
    /// # Errors
    /// When the output is an input, or exists and `--force` was not given.
    pub fn destination(&self, out: &OutputArgs, inputs: &[&Path]) -> Result<Destination, Error> {
        let path = out.output.clone().filter(|p| p != Path::new("-"));
        if let Some(path) = &path {
            for input in inputs {
                refuse_input_as_output(input, path)?;
            }
            if !out.force && path.symlink_metadata().is_ok() {
                return Err(Error::OutputExists { path: path.clone() });
            }
        }
        Ok(Destination {
            path,
            force: out.force,
        })
    }
}

/// Where a result is written: a file, atomically, or standard output.
#[derive(Debug)]
pub struct Destination {
    path: Option<PathBuf>,
    force: bool,
}

impl Destination {
    /// Writes the result.
    ///
    /// # Errors
    /// When the write fails or the file appeared meanwhile without `--force`.
    pub fn write(&self, bytes: &[u8]) -> Result<(), Error> {
        match &self.path {
            Some(path) => output::write_atomic(path, bytes, self.force),
            None => output::write_stdout(bytes),
        }
    }
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
