//! The terminal side of a command: diagnostics, summaries, notes and errors on standard error, coloured
//! only where colour is wanted, and the transcript that lets files checked in parallel print in the order
//! they were given. Imports the pipeline's results and the writers below it; the commands import this.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use codespan_reporting::term::termcolor::{self, StandardStream, WriteColor};

use crate::cli::{Cli, ColorChoice, MessageFormat};
use crate::diagnostic::{self, Diagnostic};
use crate::error::Error;
use crate::input;
use crate::output::{self, Destination};
use crate::policy::Checked;
use crate::source::Source;

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
    /// The `Ui` the command line asks for: its verbosity and colours, writing to the process's streams.
    #[must_use]
    pub fn new(cli: &Cli) -> Self {
        let verbosity = if cli.quiet {
            Verbosity::Quiet
        } else if cli.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        };
        let stderr_color = color_choice(cli.color, io::stderr().is_terminal());
        Ui {
            sink: Sink::Direct(StandardStream::stderr(stderr_color)),
            stderr_color: stderr_color == termcolor::ColorChoice::Always,
            color: cli.color,
            verbosity,
        }
    }

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
                    // As every write to standard error: a closed stream is no reason to stop.
                    let _ = self.stderr(|w| w.write_all(&bytes));
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

    /// Runs `f` with standard error (or the transcript's), coloured as standard error is.
    fn stderr<R>(&mut self, f: impl FnOnce(&mut dyn WriteColor) -> R) -> R {
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
        let source = input::read_source(path)?;
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
        if let Some(path) = destination.path() {
            self.verbose(&format!("wrote {} ({} bytes)", path.display(), bytes.len()));
        }
        Ok(())
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

fn color_choice(choice: ColorChoice, terminal: bool) -> termcolor::ColorChoice {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => termcolor::ColorChoice::Always,
        ColorChoice::Never => termcolor::ColorChoice::Never,
        ColorChoice::Auto if !no_color && terminal => termcolor::ColorChoice::Always,
        ColorChoice::Auto => termcolor::ColorChoice::Never,
    }
}
