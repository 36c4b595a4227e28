//! Wiring between the command line and the library: reading inputs, reporting to the terminal, writing
//! outputs, and dispatching to one module per subcommand.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use codespan_reporting::term::termcolor::{self, StandardStream, WriteColor};

use crate::cli::{Cli, ColorChoice, Command, DiagnosticArgs, MessageFormat, OutputArgs};
use crate::commands;
use crate::coverage::{self, Coverage};
use crate::diagnostic::{self, Diagnostic};
use crate::error::Error;
use crate::load::{self, Source};
use crate::model::Charter;
use crate::output;
use crate::rules::{self, Rule, Severity};
use crate::validate::{self, Outcome, Valid};

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
    MAX_INPUT.store(cli.max_input_size, Ordering::Relaxed);
    let verbosity = if cli.quiet {
        Verbosity::Quiet
    } else if cli.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    let stderr_color = color_choice(cli.color, io::stderr().is_terminal());
    let mut ui = Ui {
        sink: Sink::Direct(StandardStream::stderr(stderr_color)),
        stderr_color: stderr_color == termcolor::ColorChoice::Always,
        color: cli.color,
        verbosity,
    };
    match &cli.command {
        Command::Check(args) => commands::check::run(args, &mut ui),
        Command::Render(args) => commands::render::run(args, &mut ui),
        Command::Diff(args) => commands::diff::run(args, &mut ui),
        Command::Verify(args) => commands::verify::run(args, &mut ui),
        Command::Explain(args) => commands::explain::run(args),
        Command::Schema(args) => commands::schema::run(args, &ui),
        Command::Checklist(args) => commands::checklist::run(args, &mut ui),
        Command::New(args) => commands::new::run(args, &mut ui),
        Command::Completions(args) => commands::completions::run(args, &mut ui),
        Command::Man(args) => commands::man::run(args, &mut ui),
    }
}

/// What a run does with the diagnostics it finds: the warnings `--allow` silences, and whether the
/// warnings that remain fail the run.
#[derive(Debug, Default)]
pub struct Policy {
    allow: Vec<&'static Rule>,
    deny_warnings: bool,
}

impl Policy {
    /// The policy the command line asks for.
    ///
    /// # Errors
    /// When `--allow` names no rule, or an error (errors cannot be silenced).
    pub fn from_args(args: &DiagnosticArgs) -> Result<Self, Error> {
        let mut allow = Vec::new();
        for code in &args.allow {
            let rule = rules::find(code).ok_or_else(|| Error::unknown_rule(code))?;
            if rule.severity == Severity::Error {
                return Err(Error::CannotAllowError {
                    code: rule.code,
                    name: rule.name,
                });
            }
            allow.push(rule);
        }
        Ok(Policy {
            allow,
            deny_warnings: args.deny_warnings,
        })
    }
}

/// One source after checking, with the run's policy applied.
#[derive(Debug)]
pub struct Checked {
    /// The charter, when it has no errors.
    pub valid: Option<Valid<Charter>>,
    /// The diagnostics that remain after `--allow`.
    pub diagnostics: Vec<Diagnostic>,
    /// How many warnings `--allow` silenced.
    pub allowed: usize,
    /// How many warnings the charter's accepted exceptions silenced.
    pub accepted: usize,
    /// Whether the run fails on this source: an error, or a warning under `--deny-warnings`.
    pub fails: bool,
    /// The governance areas it covers, when it could be read into the model.
    pub coverage: Option<Coverage>,
}

/// Loads and validates one source, and applies the run's policy.
#[must_use]
pub fn check_with(source: &Source, policy: &Policy) -> Checked {
    let (
        Outcome {
            charter: valid,
            mut diagnostics,
            accepted,
        },
        coverage,
    ) = outcome_and_coverage(source);
    let before = diagnostics.len();
    diagnostics.retain(|d| !policy.allow.contains(&d.rule));
    let allowed = before - diagnostics.len();
    let fails = diagnostics
        .iter()
        .any(|d| d.is_error() || policy.deny_warnings);
    Checked {
        valid,
        diagnostics,
        allowed,
        accepted: accepted.len(),
        fails,
        coverage,
    }
}

/// Loads and validates one source.
#[must_use]
pub fn check(source: &Source) -> (Option<Valid<Charter>>, Vec<Diagnostic>) {
    let outcome = outcome(source);
    (outcome.charter, outcome.diagnostics)
}

/// Loads and validates one source, keeping the findings its accepted exceptions silenced.
#[must_use]
pub fn outcome(source: &Source) -> Outcome {
    outcome_and_coverage(source).0
}

/// Loads and validates one source, and works out its coverage when it could be read into the model
/// (errors or not).
fn outcome_and_coverage(source: &Source) -> (Outcome, Option<Coverage>) {
    match load::parse(source) {
        Ok((charter, spans)) => {
            let coverage = coverage::coverage(&charter);
            (validate::validate(charter, &spans), Some(coverage))
        }
        Err(mut diagnostics) => {
            diagnostic::sort(&mut diagnostics);
            let outcome = Outcome {
                charter: None,
                diagnostics,
                accepted: Vec::new(),
            };
            (outcome, None)
        }
    }
}

/// The default largest input, in bytes: far above any real charter (the largest example is about 60 KB),
/// small enough that a wrong file is refused at once.
pub const DEFAULT_MAX_INPUT: u64 = 16 * 1024 * 1024;

/// The largest input for this process. Set once from `--max-input-size` before any command runs; a global
/// rather than a parameter so that every reader (check, render, diff, verify, ...) applies the same limit.
static MAX_INPUT: AtomicU64 = AtomicU64::new(DEFAULT_MAX_INPUT);

/// Reads a file, or standard input for `-`. Anything but a regular file or standard input is refused (a
/// directory, a FIFO that could block forever), and so is an input over the size limit, before it is
/// read whole.
///
/// # Errors
/// When the input cannot be read, is not a regular file, or is too large.
pub fn read_source(path: &Path) -> Result<Source, Error> {
    let limit = MAX_INPUT.load(Ordering::Relaxed);
    let wrap = |source: io::Error| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let too_large = || Error::TooLarge {
        path: path.to_path_buf(),
        limit,
    };
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(wrap)?;
        if bytes.len() as u64 > limit {
            return Err(Error::TooLarge {
                path: "<stdin>".into(),
                limit,
            });
        }
        return Ok(Source::new("<stdin>", bytes));
    }
    let meta = std::fs::metadata(path).map_err(wrap)?;
    if meta.is_dir() {
        return Err(wrap(io::Error::other(
            "it is a directory, not a charter file",
        )));
    }
    if !meta.is_file() {
        return Err(wrap(io::Error::other(
            "it is not a regular file; pipe it through `-` instead",
        )));
    }
    if meta.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(wrap)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
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
    sink: Sink,
    /// Whether standard error is coloured (resolved from `--color`, the terminal and `NO_COLOR`).
    stderr_color: bool,
    color: ColorChoice,
    verbosity: Verbosity,
}

/// Where a [`Ui`] writes: straight to the process's streams, or into a transcript to be printed later,
/// so that charters checked in parallel print in the order they were given.
enum Sink {
    Direct(StandardStream),
    Buffered(Transcript),
}

/// How a [`Ui`] reports, without where to: copied to the threads that process files in parallel.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    stderr_color: bool,
    color: ColorChoice,
    verbosity: Verbosity,
}

impl Style {
    /// A `Ui` with this style that writes into a [`Transcript`] instead of the streams: for a file
    /// processed alongside others, printed with [`Ui::print`] in its turn.
    #[must_use]
    pub fn buffered(self) -> Ui {
        Ui {
            sink: Sink::Buffered(Transcript::default()),
            stderr_color: self.stderr_color,
            color: self.color,
            verbosity: self.verbosity,
        }
    }
}

/// What one file had to say on standard output and standard error, in the order it said it.
#[derive(Debug, Default)]
pub struct Transcript {
    chunks: Vec<(Stream, Vec<u8>)>,
}

/// One of the two output streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stream {
    Stdout,
    Stderr,
}

impl Transcript {
    fn push(&mut self, stream: Stream, bytes: &[u8]) {
        match self.chunks.last_mut() {
            Some((last, chunk)) if *last == stream => chunk.extend_from_slice(bytes),
            _ => self.chunks.push((stream, bytes.to_vec())),
        }
    }
}

/// Standard error of a transcript, as a writer for the diagnostic printers.
struct TranscriptStderr<'t>(&'t mut Transcript);

impl Write for TranscriptStderr<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.push(Stream::Stderr, buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Ui {
    /// How this `Ui` reports (verbosity and colours), for files processed on other threads.
    #[must_use]
    pub fn style(&self) -> Style {
        Style {
            stderr_color: self.stderr_color,
            color: self.color,
            verbosity: self.verbosity,
        }
    }

    /// What a buffered `Ui` was given to print (nothing for a direct one).
    #[must_use]
    pub fn into_transcript(self) -> Transcript {
        match self.sink {
            Sink::Buffered(transcript) => transcript,
            Sink::Direct(_) => Transcript::default(),
        }
    }

    /// Prints a transcript on this `Ui`'s streams, in the order it was written.
    ///
    /// # Errors
    /// When standard output cannot be written (a closed pipe is not an error).
    pub fn print(&mut self, transcript: Transcript) -> Result<(), Error> {
        for (stream, bytes) in transcript.chunks {
            match stream {
                Stream::Stdout => self.stdout(&bytes)?,
                Stream::Stderr => {
                    // As every write to standard error: a closed stream is no reason to stop. The
                    // transcript was escaped as it was written.
                    let _ = self.stderr_raw(|w| w.write_all(&bytes));
                }
            }
        }
        Ok(())
    }

    /// Whether this `Ui` prints only errors (`-q`).
    #[must_use]
    pub fn is_quiet(&self) -> bool {
        self.verbosity == Verbosity::Quiet
    }

    /// Writes to standard output (or the transcript).
    ///
    /// # Errors
    /// On a write failure other than a closed pipe.
    pub fn stdout(&mut self, bytes: &[u8]) -> Result<(), Error> {
        match &mut self.sink {
            Sink::Direct(_) => output::write_stdout(bytes),
            Sink::Buffered(transcript) => {
                transcript.push(Stream::Stdout, bytes);
                Ok(())
            }
        }
    }

    /// Runs `f` with standard error (or the transcript's), coloured as standard error is, and with every
    /// hidden character in what `f` writes made visible (see [`crate::hidden::escape_terminal`]).
    fn stderr<R>(&mut self, f: impl FnOnce(&mut dyn WriteColor) -> R) -> R {
        self.stderr_raw(|w| f(&mut crate::terminal::Escaping(w)))
    }

    /// Runs `f` with standard error (or the transcript's) as it is, for text escaped already.
    fn stderr_raw<R>(&mut self, f: impl FnOnce(&mut dyn WriteColor) -> R) -> R {
        match &mut self.sink {
            Sink::Direct(stream) => f(&mut stream.lock()),
            Sink::Buffered(transcript) if self.stderr_color => {
                f(&mut termcolor::Ansi::new(TranscriptStderr(transcript)))
            }
            Sink::Buffered(transcript) => {
                f(&mut termcolor::NoColor::new(TranscriptStderr(transcript)))
            }
        }
    }

    /// Prints diagnostics in the chosen format; with `-q`, only the errors. People's format always goes to standard error, in colour
    /// on a terminal; the machine formats go to standard output when `machine_to_stdout` (for `check`,
    /// whose standard output is otherwise empty), else to standard error.
    ///
    /// # Errors
    /// When the stream cannot be written (a closed pipe is not an error).
    pub fn diagnostics(
        &mut self,
        source: &Source,
        diagnostics: &[Diagnostic],
        format: MessageFormat,
        machine_to_stdout: bool,
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
        let text = match format {
            MessageFormat::Human => {
                return match self.stderr(|w| diagnostic::emit_human(w, source, diagnostics)) {
                    Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Write {
                        path: "<stderr>".into(),
                        source: e,
                    }),
                    _ => Ok(()),
                };
            }
            MessageFormat::Short => diagnostic::format_short(source, diagnostics),
            MessageFormat::Json => diagnostic::format_json(source, diagnostics),
        };
        if machine_to_stdout {
            self.stdout(text.as_bytes())
        } else {
            self.stderr(|w| {
                let _ = w.write_all(text.as_bytes());
            });
            Ok(())
        }
    }

    /// Prints the one-line count of errors and warnings for a file, unless `-q`.
    pub fn summary(&mut self, source: &Source, checked: &Checked) {
        if self.verbosity == Verbosity::Quiet {
            return;
        }
        let line = diagnostic::summary(
            &source.name,
            &checked.diagnostics,
            checked.allowed,
            checked.accepted,
        );
        self.line(&line);
    }

    /// Whether a report written to standard output (`to_stdout`) or to a file may be coloured: with
    /// `--color always`, yes; with `auto`, only on a terminal and when `NO_COLOR` is not set; never in a file.
    #[must_use]
    pub fn color_stdout(&self, to_stdout: bool) -> bool {
        to_stdout
            && color_choice(self.color, io::stdout().is_terminal())
                == termcolor::ColorChoice::Always
    }

    /// Prints an error with its chain of causes.
    pub fn error(&mut self, error: &Error) {
        self.stderr(|w| report_error(w, error));
    }

    /// Prints a note that helps to read the result, unless `-q`.
    pub fn note(&mut self, text: &str) {
        if self.verbosity >= Verbosity::Normal {
            self.stderr(|w| {
                let _ = writeln!(w, "note: {text}");
            });
        }
    }

    /// Prints a line of the report on standard error (a file's summary, a batch's totals), unless `-q`.
    pub fn line(&mut self, text: &str) {
        if self.verbosity >= Verbosity::Normal {
            self.stderr(|w| {
                let _ = writeln!(w, "{text}");
            });
        }
    }

    /// Prints a detail of what the command did, only with `-v`.
    pub fn verbose(&mut self, text: &str) {
        if self.verbosity == Verbosity::Verbose {
            self.stderr(|w| {
                let _ = writeln!(w, "{text}");
            });
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
            if let Ok(meta) = path.symlink_metadata() {
                if !out.force {
                    return Err(Error::OutputExists { path: path.clone() });
                }
                crate::replace::check_replaceable(path, &meta)?;
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

/// Refuses an output that is the input file itself.
///
/// # Errors
/// When they are the same file.
pub(crate) fn refuse_input_as_output(input: &Path, output: &Path) -> Result<(), Error> {
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

fn color_choice(choice: ColorChoice, terminal: bool) -> termcolor::ColorChoice {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => termcolor::ColorChoice::Always,
        ColorChoice::Never => termcolor::ColorChoice::Never,
        ColorChoice::Auto if !no_color && terminal => termcolor::ColorChoice::Always,
        ColorChoice::Auto => termcolor::ColorChoice::Never,
    }
}
